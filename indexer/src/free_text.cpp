#include "litgraph/indexer/free_text.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>

#include "english_stem.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::indexer {

namespace {

std::uint64_t term_hash(std::string_view term) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a
  for (unsigned char c : term) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The code of a term under `seed` in `bits` bits, by multiplying its hash
// by an odd number that the seed picks (one multiplication a try); 0 marks
// empty positions, so a seed that gives a term 0 is not taken.
std::uint32_t code_of(std::uint64_t hash, unsigned seed, unsigned bits) {
  const std::uint64_t multiplier = 0x9E3779B97F4A7C15ull + 2 * std::uint64_t{seed};
  return static_cast<std::uint32_t>((hash * multiplier) >> (64 - bits));
}

// Codes of up to 32 bits, least significant bit first, through a 64-bit
// accumulator.
class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}
  ~BitWriter() {
    if (held_ > 0) out_.push_back(static_cast<char>(accumulator_));
  }
  void put(std::uint32_t value, unsigned bits) {
    accumulator_ |= std::uint64_t{value} << held_;
    held_ += bits;
    while (held_ >= 8) {
      out_.push_back(static_cast<char>(accumulator_));
      accumulator_ >>= 8;
      held_ -= 8;
    }
  }

 private:
  std::string& out_;
  std::uint64_t accumulator_ = 0;
  unsigned held_ = 0;
};

class BitReader {
 public:
  explicit BitReader(std::string_view in) : in_(in) {}
  bool has(unsigned bits) const { return held_ + (in_.size() - next_) * 8 >= bits; }
  std::uint32_t get(unsigned bits) {
    while (held_ < bits) {
      accumulator_ |= std::uint64_t{static_cast<unsigned char>(in_[next_++])} << held_;
      held_ += 8;
    }
    const auto value = static_cast<std::uint32_t>(accumulator_ & ((std::uint64_t{1} << bits) - 1));
    accumulator_ >>= bits;
    held_ -= bits;
    return value;
  }

 private:
  std::string_view in_;
  std::size_t next_ = 0;
  std::uint64_t accumulator_ = 0;
  unsigned held_ = 0;
};

constexpr unsigned kSeedsPerWidth = 32;

}  // namespace

void index_free_text(Xapian::Document& document, const FreeText& text, bool positions) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(english_stem());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  generator.set_document(document);
  const auto index = [&](std::string_view words, const std::string& prefix) {
    if (words.empty()) return;
    generator.index_text(Xapian::Utf8Iterator(words.data(), words.size()), 1, prefix);
  };
  const std::string title_prefix(schema::layout::kTitlePrefix);
  index(text.title, title_prefix);
  if (text.title_in_words && !text.title.empty()) {
    index(text.title, std::string());
    generator.increase_termpos();
  }
  index(text.body, std::string());
  if (positions) return;
  std::vector<std::string> positioned;
  std::string stream = encode_word_stream(document, &positioned);
  // The positions go: the stream has them, in a twentieth of the bytes.
  for (const auto& term : positioned) document.remove_postings(term, 1, Xapian::termpos(-1), 0);
  if (!stream.empty()) document.add_value(schema::layout::kWordStream, std::move(stream));
}

std::string encode_word_stream(const Xapian::Document& with_positions, std::vector<std::string>* positioned) {
  constexpr std::uint32_t kNone = std::uint32_t(-1);
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> term_at;  // by position: the term's number, or kNone
  for (auto term = with_positions.termlist_begin(); term != with_positions.termlist_end(); ++term) {
    if (term.positionlist_count() == 0) continue;  // a boolean term
    for (auto p = term.positionlist_begin(); p != term.positionlist_end(); ++p) {
      if (*p >= term_at.size()) term_at.resize(*p + 1, kNone);
      if (term_at[*p] == kNone) term_at[*p] = static_cast<std::uint32_t>(hashes.size());  // one term a position
    }
    const std::string name = *term;
    hashes.push_back(term_hash(name));
    if (positioned != nullptr) positioned->push_back(name);
  }
  if (hashes.empty()) return {};
  // Bits enough that a try succeeds one time in seven or more (the terms'
  // pairs, T^2 / 2, at most twice the codes), and a seed that gives every
  // term its own code.
  const std::size_t pairs = hashes.size() * hashes.size() / 2;
  unsigned bits = std::max<unsigned>(4, std::bit_width(pairs / 2));
  unsigned seed = 0;
  std::vector<std::uint32_t> codes(hashes.size());
  std::vector<std::uint32_t> taken;  // by code: the last try that gave it
  std::uint32_t attempt = 0;
  for (;; ++bits) {
    if (bits > 31) return {};  // tens of thousands of distinct words: no phrases
    bool found = false;
    taken.assign(std::size_t{1} << bits, 0);
    for (seed = 0; seed < kSeedsPerWidth && !found; ++seed) {
      ++attempt;
      found = true;
      for (std::size_t t = 0; t < hashes.size() && found; ++t) {
        codes[t] = code_of(hashes[t], seed, bits);
        if (codes[t] == 0 || taken[codes[t]] == attempt) found = false;
        taken[codes[t]] = attempt;
      }
    }
    if (found) {
      --seed;
      break;
    }
  }
  std::string out;
  out.push_back(static_cast<char>(bits));
  out.push_back(static_cast<char>(seed));
  {
    BitWriter writer(out);  // flushes its last byte when it goes
    const std::uint32_t most = (std::uint32_t{1} << bits) - 1;
    Xapian::termpos next = 1;
    for (Xapian::termpos position = 1; position < term_at.size(); ++position) {
      if (term_at[position] == kNone) continue;
      const std::uint32_t term = term_at[position];
      for (Xapian::termpos gap = position - next; gap > 0;) {
        const std::uint32_t run = std::min<Xapian::termpos>(gap, most);
        writer.put(0, bits);
        writer.put(run, bits);
        gap -= run;
      }
      writer.put(codes[term], bits);
      next = position + 1;
    }
  }
  return out;
}

std::vector<std::vector<Xapian::termpos>> word_positions(std::string_view stream,
                                                         const std::vector<std::string>& terms) {
  std::vector<std::vector<Xapian::termpos>> positions(terms.size());
  if (stream.size() < 2) return positions;
  const unsigned bits = static_cast<unsigned char>(stream[0]);
  const unsigned seed = static_cast<unsigned char>(stream[1]);
  if (bits == 0 || bits > 31) return positions;
  std::vector<std::uint32_t> wanted;
  for (const auto& term : terms) wanted.push_back(code_of(term_hash(term), seed, bits));
  BitReader reader(stream.substr(2));
  Xapian::termpos position = 1;
  while (reader.has(bits)) {
    const std::uint32_t code = reader.get(bits);
    if (code == 0) {
      if (!reader.has(bits)) break;
      position += reader.get(bits);
      continue;
    }
    for (std::size_t k = 0; k < wanted.size(); ++k) {
      if (wanted[k] == code) positions[k].push_back(position);
    }
    ++position;
  }
  return positions;
}

bool has_sequence(std::string_view stream, const std::vector<std::string>& terms) {
  if (stream.size() < 2 || terms.empty()) return false;
  const unsigned bits = static_cast<unsigned char>(stream[0]);
  const unsigned seed = static_cast<unsigned char>(stream[1]);
  if (bits == 0 || bits > 31) return false;
  std::vector<std::uint32_t> wanted;
  for (const auto& term : terms) wanted.push_back(code_of(term_hash(term), seed, bits));
  // The last terms.size() codes, in a ring; 0 (no term) where a gap was.
  std::vector<std::uint32_t> last(wanted.size(), 0);
  std::size_t at = 0;  // where the next code goes
  BitReader reader(stream.substr(2));
  while (reader.has(bits)) {
    std::uint32_t code = reader.get(bits);
    if (code == 0) {
      if (!reader.has(bits)) break;
      reader.get(bits);  // a gap breaks any run
      std::fill(last.begin(), last.end(), 0);
      continue;
    }
    last[at] = code;
    at = (at + 1) % last.size();
    if (code != wanted.back()) continue;
    bool all = true;
    for (std::size_t k = 0; k < wanted.size() && all; ++k) all = last[(at + k) % last.size()] == wanted[k];
    if (all) return true;
  }
  return false;
}

std::string work_text(std::string_view title, std::string_view abstract) {
  std::string text(title);
  if (!abstract.empty()) {
    text += "\n\n";
    text += abstract;
  }
  return text;
}

}  // namespace litgraph::indexer
