#include "litgraph/crawlers/pubmed_stream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <pugixml.hpp>
#include <string_view>
#include <system_error>
#include <utility>

#include "gzip_input.h"
#include "litgraph/schema/error.h"
#include "pubmed_xml_internal.h"

namespace litgraph::crawlers {

namespace fs = std::filesystem;
using schema::Work;

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 20;         // XML bytes read at a time
constexpr std::size_t kMaxElement = std::size_t{64} << 20;   // the longest record accepted
constexpr std::size_t kNone = std::string::npos;

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool starts_name(char c) {
  auto byte = static_cast<unsigned char>(c);
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || byte >= 0x80;
}

// The end of a start tag (the index of its '>'), skipping '>' in quoted
// attribute values; kNone if the tag is not complete in `markup`.
std::size_t tag_end(std::string_view markup) {
  char quote = 0;
  for (std::size_t i = 1; i < markup.size(); ++i) {
    char c = markup[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return kNone;
}

// The length of a declaration before the root ("<!DOCTYPE PubmedArticleSet
// PUBLIC … [ <!ENTITY …> ]>"), with its internal subset, quoted strings and
// comments; kNone if it is not complete in `markup`.
std::size_t declaration_length(std::string_view markup) {
  char quote = 0;
  bool subset = false;
  for (std::size_t i = 2; i < markup.size(); ++i) {
    char c = markup[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (subset && c == '<' && markup.substr(i, 4) == "<!--") {
      std::size_t close = markup.find("-->", i + 4);
      if (close == kNone) return kNone;
      i = close + 2;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (subset) {
      subset = c != ']';
    } else if (c == '[') {
      subset = true;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return kNone;
}

// text.find(needle, from) by glibc's memmem, which skips ahead where
// std::string_view::find stops at every '<' of the XML.
std::size_t find_text(std::string_view text, std::string_view needle, std::size_t from) {
  if (from > text.size()) return kNone;
  const void* found = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
  return found == nullptr ? kNone : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
}

// Whether `text` holds, from `from` on, markup that a search for an end tag
// could misread: a comment, CDATA section or processing instruction ("<!",
// "<?"), or a start tag named as `start_tag` ("<PubmedArticle") says.
bool holds_markup_to_follow(std::string_view text, std::size_t from, std::string_view start_tag) {
  for (char mark : {'!', '?'}) {
    for (std::size_t i = text.find(mark, from); i != kNone; i = text.find(mark, i + 1))
      if (i > 0 && text[i - 1] == '<') return true;
  }
  for (std::size_t i = find_text(text, start_tag, from); i != kNone; i = find_text(text, start_tag, i + 1)) {
    std::size_t after = i + start_tag.size();
    if (after < text.size() && (is_xml_space(text[after]) || text[after] == '>' || text[after] == '/'))
      return true;
  }
  return false;
}

}  // namespace

// Reads the decompressed XML in chunks into buffer_ and scans it for markup,
// keeping the depth: at depth 1 (inside the set) each element is cut out
// whole and parsed on its own. Inside such an element, the scan skims: it
// looks straight for the element's end tag, unless the text on the way holds
// markup that could hide one (a comment, a CDATA section, an element of the
// same name); then the element is scanned again tag by tag. The buffer keeps
// only what the current element, or the current piece of markup, still needs.
class PubmedStream::Impl {
 public:
  explicit Impl(const fs::path& file);
  std::optional<Work> next();
  const std::vector<std::string>& errors() const { return errors_; }
  std::uint64_t bytes_read() const { return bytes_read_; }
  std::uint64_t file_size() const { return file_size_; }

 private:
  enum class Scan {
    kElement,   // a child of the set is complete: [element_start_, pos_)
    kSetEnd,    // the set is closed: the file is done
    kNeedMore,  // the buffer ends inside text or markup
    kFailed,    // not PubMed XML; reported
  };
  Scan scan();
  std::optional<Scan> skim();
  std::optional<Work> take_element();
  bool fill();
  void report_end();
  void finish();
  Scan fail(std::string message);
  std::string at(std::size_t pos) const { return "byte " + std::to_string(base_ + pos) + ": "; }
  std::string record_label(long number, std::size_t pos) const {
    return "record " + std::to_string(number) + " (byte " + std::to_string(base_ + pos) + "): ";
  }

  std::unique_ptr<internal::GzipInput> file_;
  std::string path_;
  std::uint64_t file_size_ = 0;
  std::uint64_t bytes_read_ = 0;
  std::string buffer_;              // decompressed XML not yet consumed
  std::uint64_t base_ = 0;          // offset in the XML of buffer_[0]
  std::size_t pos_ = 0;             // where scanning goes on in buffer_
  int depth_ = 0;                   // 0 before the root, 1 in the set, 2+ inside a child of it
  std::string root_;                // the set's element name
  std::size_t element_start_ = kNone;  // the '<' of the current child of the set
  std::string element_name_;
  std::string element_start_tag_;   // "<" + element_name_
  std::string element_end_tag_;     // "</" + element_name_
  bool skimming_ = false;           // looking straight for element_end_tag_
  bool tag_by_tag_ = false;         // the current element could not be skimmed
  long records_ = 0;                // records begun so far, as parse_pubmed_xml counts them
  bool done_ = false;
  std::vector<std::string> errors_;
  pugi::xml_document doc_;          // reused for every record
};

PubmedStream::Impl::Impl(const fs::path& file) : path_(file.string()) {
  std::error_code ec;
  fs::file_status status = fs::status(file, ec);
  if (!fs::exists(status)) throw UsageError::missing_input(path_, "no such file");
  if (fs::is_directory(status)) throw UsageError::missing_input(path_, "a folder, not a PubMed XML file");
  try {
    file_ = std::make_unique<internal::GzipInput>(path_);
  } catch (const std::system_error& e) {
    throw UsageError::missing_input(path_, e.code().message());
  }
  std::uintmax_t size = fs::file_size(file, ec);
  file_size_ = ec ? 0 : size;
}

std::optional<Work> PubmedStream::Impl::next() {
  while (!done_) {
    switch (scan()) {
      case Scan::kElement:
        if (std::optional<Work> work = take_element()) return work;
        break;
      case Scan::kNeedMore:
        if (!fill()) finish();
        break;
      case Scan::kSetEnd:
      case Scan::kFailed:
        finish();
        break;
    }
  }
  return std::nullopt;
}

PubmedStream::Impl::Scan PubmedStream::Impl::fail(std::string message) {
  errors_.push_back(std::move(message));
  return Scan::kFailed;
}

PubmedStream::Impl::Scan PubmedStream::Impl::scan() {
  for (;;) {
    if (skimming_) {
      if (std::optional<Scan> skimmed = skim()) return *skimmed;
    }
    if (depth_ == 0) {  // the prolog: white space, declarations, comments
      while (pos_ < buffer_.size() && is_xml_space(buffer_[pos_])) ++pos_;
      if (pos_ == buffer_.size()) return Scan::kNeedMore;
      if (buffer_[pos_] != '<') {
        if (base_ + pos_ > 0) return fail(at(pos_) + "not XML: text before the first element");
        return fail(at(pos_) + (!file_->compressed()
                                    ? "not XML: the file starts with neither '<' nor a gzip header"
                                    : "not XML: the decompressed data does not start with '<'"));
      }
    } else {
      pos_ = buffer_.find('<', pos_);
      if (pos_ == kNone) {
        pos_ = buffer_.size();
        return Scan::kNeedMore;
      }
    }
    std::string_view markup(buffer_.data() + pos_, buffer_.size() - pos_);
    if (markup.size() < 2) return Scan::kNeedMore;
    std::size_t length = kNone;  // of the markup at pos_, once it is complete
    switch (markup[1]) {
      case '?':
        if (std::size_t close = markup.find("?>", 2); close != kNone) length = close + 2;
        break;
      case '!':
        if (markup.size() < 9) return Scan::kNeedMore;  // "<![CDATA[" or "<!DOCTYPE"
        if (markup.starts_with("<!--")) {
          if (std::size_t close = markup.find("-->", 4); close != kNone) length = close + 3;
        } else if (markup.starts_with("<![CDATA[")) {
          if (std::size_t close = markup.find("]]>", 9); close != kNone) length = close + 3;
        } else if (depth_ == 0) {
          length = declaration_length(markup);
        } else {
          length = 2;  // not XML; pugixml reports it with its element
        }
        break;
      case '/': {
        if (depth_ == 0) return fail(at(pos_) + "not XML: an end tag before the first element");
        std::size_t close = markup.find('>', 2);
        if (close == kNone) return Scan::kNeedMore;
        pos_ += close + 1;
        --depth_;
        if (depth_ == 1) {
          tag_by_tag_ = false;
          return Scan::kElement;
        }
        if (depth_ == 0) return Scan::kSetEnd;
        continue;
      }
      default: {
        if (!starts_name(markup[1])) {
          if (depth_ == 0) return fail(at(pos_) + "not XML: '<' does not begin an element");
          length = 1;  // not XML; pugixml reports it with its element
          break;
        }
        std::size_t close = tag_end(markup);
        if (close == kNone) return Scan::kNeedMore;
        bool empty = markup[close - 1] == '/';
        std::string_view name = markup.substr(1, close - 1);
        name = name.substr(0, std::min(name.find_first_of(" \t\r\n/"), name.size()));
        if (depth_ == 0) {
          if (!internal::is_pubmed_set(name))
            return fail(at(pos_) + "not PubMed XML: the root element is <" + std::string(name) + ">");
          root_ = name;
          pos_ += close + 1;
          if (empty) return Scan::kSetEnd;
          depth_ = 1;
          continue;
        }
        if (depth_ == 1) {
          element_start_ = pos_;
          element_name_ = name;
          pos_ += close + 1;
          if (empty) return Scan::kElement;
          depth_ = 2;
          if (!tag_by_tag_) {
            element_start_tag_ = "<" + element_name_;
            element_end_tag_ = "</" + element_name_;
            skimming_ = true;
          }
          continue;
        }
        pos_ += close + 1;
        if (!empty) ++depth_;
        continue;
      }
    }
    if (length == kNone) return Scan::kNeedMore;
    pos_ += length;
  }
}

// Looks for the end tag of the current element from pos_: kElement when
// found, kNeedMore when the buffer ends first, nullopt when the element must
// be scanned tag by tag (from its start again, as the depth was not kept).
std::optional<PubmedStream::Impl::Scan> PubmedStream::Impl::skim() {
  std::string_view rest(buffer_.data() + pos_, buffer_.size() - pos_);
  std::size_t checked = 0;
  for (std::size_t from = 0;;) {
    std::size_t end = find_text(rest, element_end_tag_, from);
    if (holds_markup_to_follow(rest.substr(0, end == kNone ? rest.size() : end), checked, element_start_tag_)) {
      skimming_ = false;
      tag_by_tag_ = true;
      pos_ = element_start_;
      depth_ = 1;
      return std::nullopt;
    }
    if (end == kNone) {
      // Markup that the next chunk completes begins at the last '<'.
      std::size_t last = rest.rfind('<');
      pos_ += last == kNone ? rest.size() : last;
      return Scan::kNeedMore;
    }
    std::size_t after = end + element_end_tag_.size();
    std::size_t close = after < rest.size() && (rest[after] == '>' || is_xml_space(rest[after]))
                            ? rest.find('>', after)
                            : kNone;
    if (close != kNone) {
      pos_ += close + 1;
      depth_ = 1;
      skimming_ = false;
      return Scan::kElement;
    }
    if (after >= rest.size() || is_xml_space(rest[after])) {  // the end tag is not complete yet
      pos_ += end;
      return Scan::kNeedMore;
    }
    checked = end;  // "</PubmedArticleSet" while looking for "</PubmedArticle": not it
    from = end + 1;
  }
}

std::optional<Work> PubmedStream::Impl::take_element() {
  std::size_t start = std::exchange(element_start_, kNone);
  bool record = internal::is_pubmed_record(element_name_);
  if (record) {
    ++records_;
  } else if (element_name_ != "ERROR") {
    return std::nullopt;  // DeleteCitation
  }
  std::string where = record ? record_label(records_, start) : at(start);
  // In place: the element's bytes are consumed by this parse and never read again.
  pugi::xml_parse_result parsed = doc_.load_buffer_inplace(buffer_.data() + start, pos_ - start,
                                                           internal::kPubmedParseOptions, pugi::encoding_utf8);
  if (!parsed) {
    errors_.push_back(where + "XML parse error at byte " +
                      std::to_string(base_ + start + static_cast<std::uint64_t>(std::max<std::ptrdiff_t>(parsed.offset, 0))) +
                      ": " + parsed.description());
    return std::nullopt;
  }
  internal::PubmedSetEntry entry = internal::read_pubmed_set_entry(doc_.document_element());
  if (!entry.error.empty()) errors_.push_back(where + entry.error);
  return std::move(entry.work);
}

// Drops what has been consumed and appends the next chunk; false (and the
// reason reported) at the end of the data, or when an element outgrows
// kMaxElement.
bool PubmedStream::Impl::fill() {
  std::size_t keep = element_start_ != kNone ? element_start_ : pos_;
  if (keep > 0) {
    buffer_.erase(0, keep);
    base_ += keep;
    pos_ -= keep;
    if (element_start_ != kNone) element_start_ -= keep;
  }
  if (buffer_.size() >= kMaxElement) {
    std::string where = element_start_ != kNone && internal::is_pubmed_record(element_name_)
                            ? record_label(records_ + 1, element_start_)
                            : at(pos_);
    errors_.push_back(where + "longer than " + std::to_string(kMaxElement >> 20) +
                      " MiB without its end; the rest of the file is not read");
    return false;
  }
  std::size_t had = buffer_.size();
  buffer_.resize(had + kChunk);
  const std::size_t got = file_->read(buffer_.data() + had, kChunk);
  buffer_.resize(had + got);
  bytes_read_ = file_->offset();
  if (base_ == 0 && had == 0 && buffer_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // a UTF-8 byte order mark
  if (got > 0) return true;
  report_end();
  return false;
}

// Says why the data ended early, if it did.
void PubmedStream::Impl::report_end() {
  bool in_record = element_start_ != kNone && internal::is_pubmed_record(element_name_);
  if (!file_->error().empty()) {
    std::string error = at(buffer_.size()) + "gzip: " + file_->error() + " (the file is truncated or damaged)";
    if (in_record)
      error += "; record " + std::to_string(records_ + 1) + ", begun at byte " +
               std::to_string(base_ + element_start_) + ", is lost";
    errors_.push_back(std::move(error));
  } else if (base_ + buffer_.size() == 0) {
    errors_.push_back("the file is empty");
  } else if (depth_ == 0) {
    errors_.push_back(at(buffer_.size()) + "no XML element found");
  } else if (in_record) {
    errors_.push_back(record_label(records_ + 1, element_start_) + "the file ends inside this record");
  } else if (element_start_ != kNone) {
    errors_.push_back(at(element_start_) + "the file ends inside <" + element_name_ + ">");
  } else {
    errors_.push_back(at(buffer_.size()) + "the file ends before </" + root_ + ">");
  }
}

void PubmedStream::Impl::finish() {
  done_ = true;
  file_.reset();
  std::string().swap(buffer_);
  doc_.reset();
}

PubmedStream::PubmedStream(const fs::path& file) : impl_(std::make_unique<Impl>(file)) {}
PubmedStream::~PubmedStream() = default;
PubmedStream::PubmedStream(PubmedStream&&) noexcept = default;
PubmedStream& PubmedStream::operator=(PubmedStream&&) noexcept = default;

std::optional<Work> PubmedStream::next() { return impl_->next(); }
const std::vector<std::string>& PubmedStream::errors() const { return impl_->errors(); }
std::uint64_t PubmedStream::bytes_read() const { return impl_->bytes_read(); }
std::uint64_t PubmedStream::file_size() const { return impl_->file_size(); }

}  // namespace litgraph::crawlers
