// Crossref REST API responses -> schema::Work. Field names and shapes follow
// api.crossref.org's JSON: titles are arrays of strings, dates "date-parts"
// arrays, abstracts JATS XML, errors a "message" of one of three shapes.
#include "litgraph/crawlers/crossref_json.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "citation_text.h"
#include "litgraph/schema/identifiers.h"
#include "litgraph/schema/pages.h"
#include "litgraph/schema/text.h"

namespace litgraph::crawlers {

using rapidjson::Value;
using schema::Source;
using schema::UpdateNotice;
using schema::Work;
using schema::WorkAuthor;
using namespace internal;

namespace {

constexpr std::size_t kNpos = std::string_view::npos;

char ascii_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return ascii_lower(c); });
  return out;
}

std::string_view view(const Value& value) { return {value.GetString(), value.GetStringLength()}; }

const char* type_name(const Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return "a number";
  }
  return "an unknown value";
}

// ---------------------------------------------------------------- typed reads

// Typed reads of one JSON object's members. An absent or null member reads as
// empty. A member of the wrong type also reads as empty, and the first such
// member is written to `problem`: Crossref's JSON has a fixed schema, so a wrong
// type means the body is not what it claims to be, and the response fails.
class JsonObject {
 public:
  JsonObject(const Value& object, std::string path, std::string& problem)
      : object_(&object), path_(std::move(path)), problem_(&problem) {}

  const Value* member(const char* name) const {
    auto it = object_->FindMember(name);
    if (it == object_->MemberEnd() || it->value.IsNull()) return nullptr;
    return &it->value;
  }

  std::optional<std::string> string(const char* name) const {
    const Value* value = member(name);
    if (!value) return std::nullopt;
    if (!value->IsString()) {
      mismatch(name, "a string", *value);
      return std::nullopt;
    }
    return std::string(view(*value));
  }

  std::vector<std::string> strings(const char* name) const {
    std::vector<std::string> out;
    const Value* values = array(name);
    if (!values) return out;
    for (rapidjson::SizeType i = 0; i < values->Size(); ++i) {
      const Value& value = (*values)[i];
      if (!value.IsString()) {
        mismatch(indexed(name, i), "a string", value);
        return {};
      }
      out.emplace_back(view(value));
    }
    return out;
  }

  const Value* array(const char* name) const {
    const Value* value = member(name);
    if (!value || value->IsArray()) return value;
    mismatch(name, "an array", *value);
    return nullptr;
  }

  std::optional<JsonObject> object(const char* name) const {
    const Value* value = member(name);
    if (!value) return std::nullopt;
    if (!value->IsObject()) {
      mismatch(name, "an object", *value);
      return std::nullopt;
    }
    return JsonObject(*value, child(name), *problem_);
  }

  // The elements of an array of objects.
  std::vector<JsonObject> objects(const char* name) const {
    std::vector<JsonObject> out;
    const Value* values = array(name);
    if (!values) return out;
    for (rapidjson::SizeType i = 0; i < values->Size(); ++i) {
      const Value& value = (*values)[i];
      if (!value.IsObject()) {
        mismatch(indexed(name, i), "an object", value);
        return {};
      }
      out.emplace_back(value, child(indexed(name, i)), *problem_);
    }
    return out;
  }

  void mismatch(std::string_view name, std::string_view expected, const Value& got) const {
    if (problem_->empty())
      *problem_ = child(name) + ": expected " + std::string(expected) + ", got " + type_name(got);
  }

 private:
  std::string child(std::string_view name) const {
    return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
  }
  static std::string indexed(std::string_view name, rapidjson::SizeType i) {
    return std::string(name) + "[" + std::to_string(i) + "]";
  }

  const Value* object_;
  std::string path_;
  std::string* problem_;
};

// ---------------------------------------------------------------- markup

// Separators met between two pieces of text, weakest first; the strongest
// since the last piece is written before the next.
enum class Gap {
  kNone,
  kLayout,   // white space with a line break: the markup's indentation
  kSpace,    // white space in the text
  kBlock,    // a paragraph, section or list item began or ended
  kHeading,  // a section title ended: "Background: The absence…"
};

bool is_block_element(std::string_view name) {
  // JATS blocks, and the HTML ones some publishers deposit instead.
  static constexpr std::array<std::string_view, 24> kBlocks = {
      "p",        "sec",        "title",     "label",      "caption", "list",
      "list-item", "def-list",  "def-item",  "term",       "def",     "disp-quote",
      "boxed-text", "statement", "table-wrap", "fig",      "break",   "table",
      "tr",       "td",         "th",        "br",         "div",     "li"};
  return std::find(kBlocks.begin(), kBlocks.end(), name) != kBlocks.end();
}

// Writes plain text from markup pieces, turning gaps into sensible spaces.
class PlainTextWriter {
 public:
  void gap(Gap gap) { gap_ = std::max(gap_, gap); }

  void put(std::string_view chars) {
    if (!out_.empty()) {
      char last = out_.back();
      switch (gap_) {
        case Gap::kNone: break;
        case Gap::kLayout:
          // Indentation around a tag is not a space in the text: "(\n<i>KRAS</i>\n)/"
          // is "(KRAS)/", while "in\n<i>KRAS</i>" is "in KRAS".
          if (std::string_view("([{/").find(last) == kNpos &&
              std::string_view(")]},.;:!?/%").find(chars.front()) == kNpos)
            out_ += ' ';
          break;
        case Gap::kSpace:
        case Gap::kBlock: out_ += ' '; break;
        case Gap::kHeading:
          out_ += std::string_view(".:?!").find(last) == kNpos ? ": " : " ";
          break;
      }
    }
    gap_ = Gap::kNone;
    out_ += chars;
  }

  void element(std::string_view name, bool closing) {
    if (!is_block_element(name)) return;
    if (name != "title" || !closing) {
      if (name == "title") title_leads_ = out_.empty();
      gap(Gap::kBlock);
      return;
    }
    // A heading "Abstract" before everything else only repeats the field's name.
    if (title_leads_ && iequals(out_, "abstract")) {
      out_.clear();
      gap_ = Gap::kNone;
    } else {
      gap(Gap::kHeading);
    }
  }

  std::string finish() && { return std::move(out_); }

 private:
  std::string out_;
  Gap gap_ = Gap::kNone;
  bool title_leads_ = false;  // the open title is the first text
};

// Decodes the character reference or entity at text[pos] ('&'), advancing
// `pos` past it; nullopt, `pos` unchanged, if there is none.
std::optional<std::string> decode_entity(std::string_view text, std::size_t& pos) {
  std::size_t semicolon = text.find(';', pos);
  if (semicolon == kNpos || semicolon - pos > 10) return std::nullopt;
  std::string_view name = text.substr(pos + 1, semicolon - pos - 1);
  std::string out;
  if (name.size() > 1 && name[0] == '#') {
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    char32_t code = 0;
    for (char c : digits) {
      char folded = ascii_lower(c);
      int digit = -1;
      if (is_digit(c)) digit = c - '0';
      else if (hex && folded >= 'a' && folded <= 'f') digit = folded - 'a' + 10;
      if (digit < 0) return std::nullopt;
      code = code * (hex ? 16 : 10) + static_cast<char32_t>(digit);
      if (code > 0x10FFFF) return std::nullopt;
    }
    if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
    schema::append_utf8(out, code);
  } else {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamed = {{
        {"lt", "<"}, {"gt", ">"}, {"amp", "&"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", "\u00A0"}}};
    auto it = std::find_if(kNamed.begin(), kNamed.end(),
                           [&](const auto& entity) { return entity.first == name; });
    if (it == kNamed.end()) return std::nullopt;
    out = it->second;
  }
  pos = semicolon + 1;
  return out;
}

// At a '<' in markup: the position after the tag, comment or declaration it
// opens, reporting an element to `writer`; npos if the '<' is plain text
// ("p < 0.05" written without an entity).
std::size_t skip_tag(std::string_view markup, std::size_t pos, PlainTextWriter& writer) {
  if (markup.compare(pos, 4, "<!--") == 0) {
    std::size_t end = markup.find("-->", pos + 4);
    return end == kNpos ? markup.size() : end + 3;
  }
  std::size_t name_start = pos + 1;
  bool closing = name_start < markup.size() && markup[name_start] == '/';
  if (closing) ++name_start;
  if (name_start >= markup.size()) return kNpos;
  char first = markup[name_start];
  if (!is_alpha(first) && first != '!' && first != '?') return kNpos;
  std::size_t end = markup.find_first_of("<>", name_start);
  if (end == kNpos || markup[end] == '<') return kNpos;
  std::size_t name_end = markup.find_first_of(" \t\r\n/>", name_start);
  std::string_view name = markup.substr(name_start, name_end - name_start);
  if (std::size_t colon = name.rfind(':'); colon != kNpos) name.remove_prefix(colon + 1);
  writer.element(ascii_lower(name), closing);
  return end + 1;
}

// Plain text of the markup Crossref puts in abstracts (JATS: <jats:p>,
// <jats:sec>, <jats:title>, <jats:italic>…) and titles (<i>, <sub>, MathML):
// tags removed, entities decoded, white space collapsed, sections joined as
// "Title: text". nullopt if nothing is left.
std::optional<std::string> plain_text(std::string_view markup) {
  PlainTextWriter writer;
  std::size_t i = 0;
  while (i < markup.size()) {
    char c = markup[i];
    if (c == '<') {
      if (std::size_t end = skip_tag(markup, i, writer); end != kNpos) {
        i = end;
        continue;
      }
    } else if (c == '&') {
      if (auto decoded = decode_entity(markup, i)) {
        if (*decoded == "\u00A0") writer.gap(Gap::kSpace);
        else writer.put(*decoded);
        continue;
      }
    } else if (is_space(c)) {
      bool line_break = false;
      for (; i < markup.size() && is_space(markup[i]); ++i) line_break |= markup[i] == '\n';
      writer.gap(line_break ? Gap::kLayout : Gap::kSpace);
      continue;
    }
    std::size_t start = i++;
    while (i < markup.size() && (static_cast<unsigned char>(markup[i]) & 0xC0) == 0x80) ++i;
    writer.put(markup.substr(start, i - start));
  }
  std::string text = std::move(writer).finish();
  if (text.empty()) return std::nullopt;
  return text;
}

std::vector<std::string> plain_texts(const std::vector<std::string>& markups) {
  std::vector<std::string> out;
  for (const std::string& markup : markups)
    if (auto text = plain_text(markup)) out.push_back(std::move(*text));
  return out;
}

// ---------------------------------------------------------------- fields

void mark(Work& work, const char* field) { work.field_sources[field] = Source::kCrossref; }

std::optional<std::string> non_empty(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::string_view trimmed = trim(*text);
  if (trimmed.empty()) return std::nullopt;
  return std::string(trimmed);
}

// Crossref's DOIs are registered as typed; lower-cased if normalize_doi finds
// them odd (a trailing full stop), rather than lost.
std::string crossref_doi(std::string_view doi) {
  doi = trim(doi);
  return schema::normalize_doi(doi).value_or(ascii_lower(doi));
}

// "http://orcid.org/0000-0002-1825-0097" -> "0000-0002-1825-0097"; "" if the
// id is not 4 groups of 4 digits (the last may end in X).
std::string bare_orcid(std::string_view orcid) {
  orcid = trim(orcid);
  if (orcid.size() < 19) return "";
  std::string id(orcid.substr(orcid.size() - 19));
  if (id.back() == 'x') id.back() = 'X';
  for (std::size_t i = 0; i < id.size(); ++i) {
    bool ok = i % 5 == 4 ? id[i] == '-' : is_digit(id[i]) || (i == 18 && id[i] == 'X');
    if (!ok) return "";
  }
  if (orcid.size() > 19 && orcid[orcid.size() - 20] != '/') return "";
  return id;
}

struct Date {
  std::optional<int> year;
  std::optional<int> month;
  std::optional<int> day;
};

// {"date-parts": [[2012, 3, 21]]}, [[2012, 3]], [[2012]] or [[null]] (no date).
Date read_date(const JsonObject& json, const char* name) {
  Date date;
  auto object = json.object(name);
  if (!object) return date;
  const Value* parts = object->array("date-parts");
  if (!parts || parts->Empty()) return date;
  const Value& first = (*parts)[0];
  if (!first.IsArray()) {
    object->mismatch("date-parts[0]", "an array", first);
    return date;
  }
  std::array<std::optional<int>*, 3> fields = {&date.year, &date.month, &date.day};
  std::array<int, 3> limits = {9999, 12, 31};
  for (rapidjson::SizeType i = 0; i < first.Size() && i < fields.size(); ++i) {
    const Value& part = first[i];
    if (part.IsNull()) break;
    if (!part.IsInt()) {
      object->mismatch("date-parts[0][" + std::to_string(i) + "]", "an integer", part);
      return {};
    }
    if (part.GetInt() < 1 || part.GetInt() > limits[i]) break;
    *fields[i] = part.GetInt();
  }
  return date;
}

// Crossref's "page" read as the reference parser reads pages: "357-67" -> 357,
// 367; "e26-32" -> e26, e32; "S12-S20". `pages` keeps the text whatever it is
// ("1-5, 7"); first and last page are set when it is a page or a range.
void read_pages(Work& work, std::string_view page) {
  std::string text = simplify(page);
  if (text.empty()) return;
  work.pages = text;
  mark(work, "pages");
  std::string_view range = text;
  std::size_t dash = range.find('-');
  std::string_view first = trim(range.substr(0, dash));
  std::string_view last = dash == kNpos ? "" : trim(range.substr(dash + 1));
  if (!schema::is_page_token(first) || (dash != kNpos && !schema::is_page_token(last))) return;
  work.first_page = std::string(first);
  mark(work, "first_page");
  if (last.empty()) return;
  work.last_page = schema::expand_last_page(first, last);
  mark(work, "last_page");
}

// Crossref gives ISO 639-1 ("en"), PubMed ISO 639-2/B ("eng"); works keep
// PubMed's form so that merged records agree. Other codes stay as given.
std::string language_code(std::string_view language) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 38> kCodes = {{
      {"af", "afr"}, {"ar", "ara"}, {"bg", "bul"}, {"ca", "cat"}, {"cs", "cze"}, {"da", "dan"},
      {"de", "ger"}, {"el", "gre"}, {"en", "eng"}, {"es", "spa"}, {"et", "est"}, {"fa", "per"},
      {"fi", "fin"}, {"fr", "fre"}, {"he", "heb"}, {"hu", "hun"}, {"id", "ind"}, {"is", "ice"},
      {"it", "ita"}, {"ja", "jpn"}, {"ko", "kor"}, {"lt", "lit"}, {"lv", "lav"}, {"nb", "nor"},
      {"nl", "dut"}, {"nn", "nor"}, {"no", "nor"}, {"pl", "pol"}, {"pt", "por"}, {"ro", "rum"},
      {"ru", "rus"}, {"sk", "slo"}, {"sl", "slv"}, {"sv", "swe"}, {"th", "tha"}, {"tr", "tur"},
      {"uk", "ukr"}, {"zh", "chi"}}};
  std::string code = ascii_lower(trim(language));
  code = code.substr(0, code.find_first_of("-_"));  // "en-GB" -> "en"
  auto it = std::find_if(kCodes.begin(), kCodes.end(),
                         [&](const auto& entry) { return entry.first == code; });
  return it == kCodes.end() ? code : std::string(it->second);
}

void add_notice(Work& work, UpdateNotice notice) {
  for (const UpdateNotice& known : work.notices)
    if (known.direction == notice.direction && known.type == notice.type && known.doi == notice.doi)
      return;
  work.notices.push_back(std::move(notice));
  mark(work, "notices");
}

// "update-to" (this work is the notice) or "updated-by" (notices about this
// work): [{"DOI", "type": "correction", "label": "Correction", "updated"}].
void read_updates(const JsonObject& json, const char* direction, Work& work) {
  for (const JsonObject& update : json.objects(direction)) {
    UpdateNotice notice;
    notice.direction = direction;
    // Crossref writes "expression_of_concern"; notices use '-'.
    notice.type = ascii_lower(trim(update.string("type").value_or("")));
    std::replace(notice.type.begin(), notice.type.end(), '_', '-');
    if (auto doi = non_empty(update.string("DOI"))) notice.doi = crossref_doi(*doi);
    notice.label = non_empty(update.string("label")).value_or("");
    notice.year = read_date(update, "updated").year;
    if (notice.type.empty() && notice.doi.empty()) continue;
    add_notice(work, std::move(notice));
  }
}

// The "relation" types kept as notices; the other relations (has-preprint,
// has-review, is-supplemented-by …) do not change how a work may be cited.
// Crossref records retractions and corrections in update-to/updated-by; the
// first two are read here too for deposits that state them as relations.
struct RelationNotice {
  const char* relation;
  const char* type;
  const char* direction;
};
constexpr std::array<RelationNotice, 4> kRelationNotices = {{
    {"is-retracted-by", "retraction", "updated-by"},
    {"has-correction", "correction", "updated-by"},
    {"has-comment", "comment", "updated-by"},
    {"is-comment-on", "comment", "update-to"},
}};

// "relation": {"has-comment": [{"id-type": "doi", "id": "10.…", "asserted-by"}]}.
void read_relations(const JsonObject& json, Work& work) {
  auto relations = json.object("relation");
  if (!relations) return;
  for (const RelationNotice& kind : kRelationNotices) {
    for (const JsonObject& related : relations->objects(kind.relation)) {
      UpdateNotice notice;
      notice.type = kind.type;
      notice.direction = kind.direction;
      std::string id_type = ascii_lower(related.string("id-type").value_or(""));
      if (auto id = non_empty(related.string("id"))) {
        if (id_type == "doi") notice.doi = crossref_doi(*id);
        else if (id_type == "pmid") notice.pmid = *id;
      }
      add_notice(work, std::move(notice));
    }
  }
}

// The date citations print. Crossref's "issued" is the earliest of print and
// online publication, and is what CSL processors (doi.org's formatted
// citations, Zotero) print as the year; "published" is its newer alias. Print and online dates only stand in when it is missing or [[null]].
// "created" is never used: it is when the DOI was deposited (2004 for a 2003
// proceedings paper), which no citation gives. An online-first article cited
// by its print year (issued 2020, print 2021) differs by one; matching has to
// allow for that.
constexpr std::array<const char*, 4> kDateOrder = {"issued", "published", "published-print",
                                                   "published-online"};

void read_work_date(const JsonObject& json, Work& work) {
  for (const char* name : kDateOrder) {
    Date date = read_date(json, name);
    if (!date.year) continue;
    work.year = date.year;
    mark(work, "year");
    if (date.month) {
      work.month = date.month;
      mark(work, "month");
    }
    if (date.day) {
      work.day = date.day;
      mark(work, "day");
    }
    break;
  }
  if ((work.online_year = read_date(json, "published-online").year)) mark(work, "online_year");
  if ((work.print_year = read_date(json, "published-print").year)) mark(work, "print_year");
}

void read_titles(const JsonObject& json, Work& work) {
  std::vector<std::string> titles = plain_texts(json.strings("title"));
  if (!titles.empty()) {
    work.title = titles.front();
    mark(work, "title");
  }
  // Subtitles and the title in other forms help match a citation that gives them.
  std::vector<std::string> others(titles.size() > 1 ? titles.begin() + 1 : titles.end(),
                                  titles.end());
  for (const char* name : {"subtitle", "original-title", "short-title"})
    for (std::string& title : plain_texts(json.strings(name))) others.push_back(std::move(title));
  for (std::string& title : others) {
    if (title == work.title ||
        std::find(work.other_titles.begin(), work.other_titles.end(), title) !=
            work.other_titles.end())
      continue;
    work.other_titles.push_back(std::move(title));
    mark(work, "other_titles");
  }
  // Further container titles (other names of the journal) have no field.
  std::vector<std::string> containers = plain_texts(json.strings("container-title"));
  if (!containers.empty()) {
    work.container = containers.front();
    mark(work, "container");
  }
  std::vector<std::string> short_containers = plain_texts(json.strings("short-container-title"));
  if (!short_containers.empty()) {
    work.container_short = short_containers.front();
    mark(work, "container_short");
  }
}

// [{"given", "family", "ORCID", "sequence"}] for people, [{"name"}] for groups.
void read_authors(const JsonObject& json, Work& work) {
  for (const JsonObject& person : json.objects("author")) {
    WorkAuthor author;
    auto family = non_empty(person.string("family"));
    auto given = non_empty(person.string("given"));
    auto name = non_empty(person.string("name"));
    if (family) {
      author.family = *family;
      author.given = given.value_or("");
    } else if (name) {
      author.family = *name;
      author.collective = true;
    } else if (given) {
      author.family = *given;  // a single name, deposited as "given"
    } else {
      continue;
    }
    author.orcid = bare_orcid(person.string("ORCID").value_or(""));
    work.authors.push_back(std::move(author));
  }
  if (!work.authors.empty()) mark(work, "authors");
}

// One work: the "message" of a work response or an item of a work list.
Work read_work(const JsonObject& json) {
  Work work;
  if (auto doi = non_empty(json.string("DOI"))) {
    work.doi = crossref_doi(*doi);
    mark(work, "doi");
  }
  read_titles(json, work);
  read_authors(json, work);
  read_work_date(json, work);
  for (std::string& issn : json.strings("ISSN")) {
    std::string_view trimmed = trim(issn);
    if (trimmed.empty() ||
        std::find(work.issns.begin(), work.issns.end(), trimmed) != work.issns.end())
      continue;
    work.issns.emplace_back(trimmed);
    mark(work, "issns");
  }
  if ((work.volume = non_empty(json.string("volume")))) mark(work, "volume");
  if ((work.issue = non_empty(json.string("issue")))) mark(work, "issue");
  // An article number stands in for pages (Sci Rep "16696"), as in citations.
  auto article_number = non_empty(json.string("article-number"));
  if (auto page = non_empty(json.string("page"))) read_pages(work, *page);
  else if (article_number) read_pages(work, *article_number);
  if (auto abstract = json.string("abstract")) {
    work.abstract = plain_text(*abstract);
    if (work.abstract) mark(work, "abstract");
  }
  if (auto language = non_empty(json.string("language"))) {
    work.language = language_code(*language);
    mark(work, "language");
  }
  if (auto type = non_empty(json.string("type"))) {
    work.type = *type;
    mark(work, "type");
  }
  for (std::string& subject : plain_texts(json.strings("subject"))) {
    work.keywords.push_back(std::move(subject));
    mark(work, "keywords");
  }
  read_updates(json, "updated-by", work);
  read_updates(json, "update-to", work);
  read_relations(json, work);
  return work;
}

// ---------------------------------------------------------------- responses

bool is_success(int http_status) { return http_status >= 200 && http_status < 300; }

CrossrefResult failure(int http_status, std::string message) {
  CrossrefResult result;
  result.kind = http_status == 404 ? CrossrefResult::Kind::kNotFound : CrossrefResult::Kind::kError;
  if (is_success(http_status) || http_status == 404) result.error = std::move(message);
  else result.error = "HTTP " + std::to_string(http_status) + ": " + message;
  return result;
}

// At most `limit` bytes of `text`, cut at a character boundary.
std::string_view clip(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  while (limit > 0 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) --limit;
  return text.substr(0, limit);
}

// What a body that is not JSON says: Crossref's plain-text 404 ("Resource not
// found."), a proxy's HTML error page (by its title), or where the JSON broke.
std::string describe_non_json(std::string_view body, const rapidjson::Document& doc) {
  constexpr std::size_t kLimit = 200;
  if (body.front() == '{' || body.front() == '[')
    return "malformed JSON at byte " + std::to_string(doc.GetErrorOffset()) + ": " +
           rapidjson::GetParseError_En(doc.GetParseError());
  if (body.front() == '<') {
    std::string folded = ascii_lower(body);
    std::size_t open = folded.find("<title>");
    std::size_t close = folded.find("</title>", open == kNpos ? 0 : open);
    if (open != kNpos && close != kNpos)
      if (auto title = plain_text(body.substr(open + 7, close - open - 7)))
        return "HTML page instead of JSON: " + std::string(clip(*title, kLimit));
    return "HTML page instead of JSON";
  }
  return std::string(clip(trim(body.substr(0, body.find('\n'))), kLimit));
}

// Crossref's words in an error body's "message": a string, an array of
// {"type", "value", "message"} (validation-failure, resource-failure), or an
// exception {"name", "description", "message", "stack"}. Read leniently: any
// text found is better than none.
std::string error_message(const Value& message) {
  auto text_of = [](const Value& value) -> std::string {
    if (value.IsString()) return std::string(trim(view(value)));
    if (!value.IsObject()) return "";
    for (const char* name : {"description", "message", "name", "type"}) {
      auto it = value.FindMember(name);
      if (it != value.MemberEnd() && it->value.IsString() && !trim(view(it->value)).empty())
        return std::string(trim(view(it->value)));
    }
    return "";
  };
  if (!message.IsArray()) return text_of(message);
  std::string joined;
  for (const Value& entry : message.GetArray()) {
    std::string text = text_of(entry);
    if (text.empty()) continue;
    if (!joined.empty()) joined += "; ";
    joined += text;
  }
  return joined;
}

CrossrefResult read_work_list(const JsonObject& message, std::string& problem) {
  CrossrefResult result;
  result.kind = CrossrefResult::Kind::kWorkList;
  if (!message.member("items")) problem = "message.items: missing";
  for (const JsonObject& item : message.objects("items")) result.works.push_back(read_work(item));
  if (const Value* total = message.member("total-results")) {
    if (total->IsInt64()) result.total_results = static_cast<long>(total->GetInt64());
    else message.mismatch("total-results", "an integer", *total);
  }
  result.next_cursor = message.string("next-cursor").value_or("");
  return result;
}

}  // namespace

CrossrefResult parse_crossref_response(int http_status, std::string_view body) {
  std::string_view text = trim(body);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text = trim(text.substr(3));  // a byte-order mark
  if (text.empty()) return failure(http_status, "empty response body");
  rapidjson::Document doc;
  // Iterative parsing: no recursion, so deeply nested input cannot exhaust the stack.
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError()) return failure(http_status, describe_non_json(text, doc));
  if (!doc.IsObject())
    return failure(http_status, std::string("expected a JSON object, got ") + type_name(doc));

  std::string problem;
  JsonObject response(doc, "", problem);
  std::string status = response.string("status").value_or("");
  std::string type = response.string("message-type").value_or("");
  if (!problem.empty())
    return failure(http_status, "unexpected JSON in a Crossref response: " + problem);
  bool ok = status.empty() || status == "ok";
  if (ok && is_success(http_status) && (type == "work" || type == "work-list")) {
    auto message = response.object("message");
    CrossrefResult result;
    if (!message) {
      if (problem.empty()) problem = "message: missing";  // else: not an object
    } else if (type == "work") {
      result.kind = CrossrefResult::Kind::kWork;
      result.works.push_back(read_work(*message));
    } else {
      result = read_work_list(*message, problem);
    }
    if (problem.empty()) return result;
    return failure(http_status, "unexpected JSON in a Crossref " + type + ": " + problem);
  }

  // An error body, or a body this parser does not read (a "work-agency").
  const Value* message = response.member("message");
  std::string said = message && !ok ? error_message(*message) : "";
  if (said.empty())
    said = "unexpected response: status \"" + status + "\", message-type \"" + type + "\"";
  return failure(http_status, said);
}

std::string crossref_work_path(std::string_view doi) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  auto is_unreserved = [](char c) {
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
  };
  // A '/' between two segments that a URL library or proxy keeps as they are.
  auto is_plain_segment = [](std::string_view segment) {
    return !segment.empty() && segment != "." && segment != "..";
  };
  std::string path = "/works/";
  std::size_t segment_start = 0;
  for (std::size_t i = 0; i < doi.size(); ++i) {
    char c = doi[i];
    if (c == '/') {
      std::size_t next = doi.find('/', i + 1);
      std::string_view before = doi.substr(segment_start, i - segment_start);
      std::string_view after = doi.substr(i + 1, next == kNpos ? kNpos : next - i - 1);
      segment_start = i + 1;
      if (is_plain_segment(before) && is_plain_segment(after)) {
        path += '/';
        continue;
      }
    } else if (is_unreserved(c)) {
      path += c;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    path += '%';
    path += kHex[byte >> 4];
    path += kHex[byte & 0x0F];
  }
  return path;
}

CrossrefDoiFilter crossref_doi_filter(const std::vector<std::string>& dois) {
  CrossrefDoiFilter filter;
  for (const std::string& doi : dois) {
    std::string_view trimmed = trim(doi);
    // Crossref splits a filter at every comma; a DOI with one cannot be asked for here.
    if (trimmed.empty() || trimmed.find(',') != kNpos) {
      filter.rejected.push_back(doi);
      continue;
    }
    if (!filter.value.empty()) filter.value += ',';
    filter.value += "doi:";
    filter.value += trimmed;
  }
  return filter;
}

}  // namespace litgraph::crawlers
