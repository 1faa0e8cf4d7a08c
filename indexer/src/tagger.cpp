#include "litgraph/indexer/tagger.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "litgraph/schema/text.h"

namespace litgraph::indexer {

namespace {

constexpr std::uint32_t kNoWord = 0xFFFFFFFFu;
constexpr std::uint32_t kRoot = 0;

// Single-word terms that are ordinary words in running text (MeSH has "ALL",
// "CAN", "AIM", "Lead", "Iron"…). Compared after folding; a longer term that
// contains one of them still matches.
constexpr std::string_view kStopWords[] = {
    "a",       "about",  "aim",    "all",     "also",   "an",     "and",    "any",
    "are",     "as",     "at",     "be",      "been",   "but",    "by",     "can",
    "case",    "cases",  "cell",   "cells",   "clear",  "control", "could", "did",
    "do",      "does",   "each",   "end",     "fast",   "few",    "for",    "from",
    "gold",    "had",    "has",    "have",    "he",     "her",    "his",    "how",
    "if",      "in",     "into",   "is",      "it",     "its",    "lead",   "less",
    "may",     "me",     "men",    "might",   "more",   "most",   "my",     "no",
    "not",     "now",    "of",     "on",      "one",    "only",   "or",     "other",
    "our",     "out",    "over",   "per",     "set",    "she",    "so",     "some",
    "such",    "than",   "that",   "the",     "their",  "them",   "then",   "there",
    "these",   "they",   "this",   "to",      "up",     "us",     "use",    "via",
    "was",     "we",     "were",   "what",    "when",   "which",  "who",    "will",
    // General words MeSH files as concepts ("Disease", "Solutions", "Biological Products").
    "biological", "disease", "diseases", "emergency", "emergencies", "solution", "solutions"};

// Context rules: phrases the longest match consumes without a mention, so
// their last word ("depression") is not tagged on its own.
constexpr std::array<std::string_view, 8> kConsumedPhrases = {
    "cardiovascular depression", "circulatory depression",  "myocardial depression",
    "CNS depression",            "central nervous system depression",
    "respiratory depression",    "ventilatory depression",  "cardiac depression"};

struct ExtraTerm {
  std::string_view term;
  std::string_view id;
};

// Context rules the vocabulary alone does not give: the bare receptor
// subtype prefixes ("μ-opioid effects") name the mu receptor.
constexpr std::array<ExtraTerm, 7> kExtraTerms = {{
    {"opioid", "mesh:D000701"},
    {"opioids", "mesh:D000701"},
    {"opioid receptor", "mesh:D011957"},
    {"mu-opioid", "mesh:D017450"},
    {"μ-opioid", "mesh:D017450"},
    {"m-opioid", "mesh:D017450"},
    {"m-opioid receptor", "mesh:D017450"},
}};

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A short abbreviation as written: 2 to 6 ASCII letters or digits, at least
// two capitals, no lower case except a final plural "s" ("NMDARs").
bool is_abbreviation(std::string_view raw) {
  if (!raw.empty() && raw.back() == 's' && raw.size() > 2) raw.remove_suffix(1);
  if (raw.size() < 2 || raw.size() > 6) return false;
  int capitals = 0;
  for (char c : raw) {
    if (c >= 'A' && c <= 'Z') {
      ++capitals;
    } else if (!(c >= '0' && c <= '9')) {
      return false;
    }
  }
  return capitals >= 2;
}

// Calls `visit(begin, end, folded)` for every word of `text`, as
// fold_for_matching() splits it: ASCII letters and digits, Latin letters with
// diacritics and Greek letters join words; combining accents are dropped;
// everything else separates. `folded` is valid only during the call.
template <typename Visit>
void for_each_word(std::string_view text, std::string& folded, Visit visit) {
  std::size_t pos = 0;
  std::size_t begin = 0;
  folded.clear();
  auto finish = [&](std::size_t end) {
    if (!folded.empty()) visit(begin, end, std::string_view(folded));
    folded.clear();
  };
  while (pos < text.size()) {
    char c = text[pos];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (is_ascii_alnum(c)) {
        if (folded.empty()) begin = pos;
        folded += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      } else {
        finish(pos);
      }
      ++pos;
      continue;
    }
    std::size_t start = pos;
    char32_t cp = schema::next_code_point(text, pos);
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining accent: the word goes on
    std::string one = schema::fold_for_matching(text.substr(start, pos - start));
    if (one.empty()) {
      finish(start);
    } else {
      if (folded.empty()) begin = start;
      folded += one;
    }
  }
  finish(pos);
}


// MeSH spells the American way; British spellings of a folded word are
// rewritten into `out` ("haemorrhage" -> "hemorrhage", "oedema" -> "edema",
// "tumour" -> "tumor", "sulphate" -> "sulfate"). False when nothing changed.
bool american_spelling(std::string_view word, std::string& out) {
  // Most words have none of the British letter pairs: leave them at once.
  bool candidate = false;
  for (std::size_t k = 1; k < word.size() && !candidate; ++k) {
    char a = word[k - 1];
    char b = word[k];
    candidate = (b == 'e' && (a == 'a' || a == 'o')) || (a == 'p' && b == 'h') ||
                (a == 'u' && b == 'r') || (a == 'i' && b == 'u');
  }
  if (!candidate) return false;
  struct Rewrite {
    std::string_view from;
    std::string_view to;
  };
  static constexpr Rewrite kRewrites[] = {
      {"haem", "hem"},   {"aemi", "emi"},     {"anaes", "anes"},  {"oedem", "edem"},
      {"oesoph", "esoph"}, {"oestr", "estr"}, {"rrhoea", "rrhea"}, {"foet", "fet"},
      {"paed", "ped"},   {"sulph", "sulf"},   {"ischaem", "ischem"}, {"caem", "cem"},
      {"leucaem", "leukem"}, {"aluminium", "aluminum"}, {"amoeb", "ameb"}};
  if (word.size() < 4) return false;
  out.assign(word);
  bool changed = false;
  for (const auto& rewrite : kRewrites) {
    for (std::size_t at = out.find(rewrite.from); at != std::string::npos;
         at = out.find(rewrite.from, at + rewrite.to.size())) {
      out.replace(at, rewrite.from.size(), rewrite.to);
      changed = true;
    }
  }
  // "tumour", "behaviour", "tumours": -our at the end of a longer word.
  for (std::string_view ending : {"ours", "our"}) {
    if (out.size() >= ending.size() + 3 && out.compare(out.size() - ending.size(), ending.size(),
                                                      ending) == 0) {
      out.erase(out.size() - ending.size() + 1, 1);  // drop the 'u'
      changed = true;
      break;
    }
  }
  return changed;
}

// The term with an organ noun before the last word turned into the adjective
// text uses ("Kidney Papillary Necrosis" -> "renal papillary necrosis",
// "Liver Failure, Acute" in natural order -> "acute hepatic failure"), or
// nullopt when it has none.
std::optional<std::string> organ_adjective_variant(std::string_view term) {
  struct Organ {
    std::string_view noun;
    std::string_view adjective;
  };
  static constexpr Organ kOrgans[] = {
      {"Kidney", "renal"}, {"kidney", "renal"}, {"Liver", "hepatic"}, {"liver", "hepatic"},
      {"Heart", "cardiac"}, {"heart", "cardiac"}, {"Lung", "pulmonary"}, {"lung", "pulmonary"}};
  for (const auto& organ : kOrgans) {
    std::size_t at = term.find(organ.noun);
    while (at != std::string_view::npos) {
      std::size_t after = at + organ.noun.size();
      bool word_start = at == 0 || term[at - 1] == ' ';
      bool followed = after < term.size() && term[after] == ' ';  // not the last word
      if (word_start && followed) {
        std::string variant(term);
        variant.replace(at, organ.noun.size(), organ.adjective);
        return variant;
      }
      at = term.find(organ.noun, after);
    }
  }
  return std::nullopt;
}

// Element symbols that name the ion when written as one: "Na+", "Ca2+",
// "Mg(2+)", "(Na,K)-ATPase", "[Ca]o". Written alone they are too ambiguous.
struct ElementSymbol {
  std::string_view symbol;
  std::string_view id;
};
constexpr ElementSymbol kElementSymbols[] = {
    {"Na", "mesh:D012964"}, {"K", "mesh:D011188"},  {"Ca", "mesh:D002118"},
    {"Mg", "mesh:D008274"}, {"Li", "mesh:D008094"}, {"Zn", "mesh:D015032"},
    {"Fe", "mesh:D007501"}, {"Cu", "mesh:D003300"}};

// Whether the symbol at text[begin, end) is written as an ion or an element
// in a formula: followed by a charge ("+", "2+", "(2+)"), or between
// brackets, commas or slashes ("(Na,K)", "[Ca]", "Na/K").
bool written_as_ion(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t at = end;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  if (at < text.size() && text[at] == '+') return true;
  if (end + 1 < text.size() && text[end] == '(' &&
      text.find('+', end) != std::string_view::npos && text.find('+', end) <= end + 3) {
    return true;
  }
  auto opener = [](char c) { return c == '(' || c == '[' || c == ',' || c == '/'; };
  auto closer = [](char c) { return c == ')' || c == ']' || c == ',' || c == '/'; };
  return begin > 0 && opener(text[begin - 1]) && end < text.size() && closer(text[end]);
}

// Salts written after a drug's name ("enalapril maleate").
constexpr std::string_view kSaltWords[] = {
    "hydrochloride", "hcl",       "maleate",      "sulfate",      "sulphate",
    "acetate",       "citrate",   "tartrate",     "mesylate",     "besylate",
    "fumarate",      "succinate", "phosphate",    "bromide",      "propionate",
    "dipropionate",  "hydrobromide", "sodium",    "potassium"};

// A receptor, or a drug class defined by its action alone (every tree number
// under D27): names that may begin with the chemical they act through.
bool names_after_ligand(const schema::Entity& entity) {
  if (entity.type == schema::EntityType::kReceptor) return true;
  return entity.type == schema::EntityType::kDrug && schema::is_action_class(entity);
}

// Open-addressing tables for the tagger's two lookups per word (the word's
// id, then the trie's next node): one probe sequence in one array instead of
// a chain of separately allocated nodes, which showed as a fifth of tagging.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return x;
}

std::uint64_t hash_word(std::string_view word) {
  std::uint64_t hash = 0x9e3779b97f4a7c15ull ^ word.size();
  std::size_t k = 0;
  for (; k + 8 <= word.size(); k += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, word.data() + k, 8);
    hash = mix(hash ^ chunk) * 0x9e3779b97f4a7c15ull;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, word.data() + k, word.size() - k);
  return mix(hash ^ tail);
}

class WordTable {
 public:
  // The id of `word`, or kNoWord.
  std::uint32_t find(std::string_view word) const {
    if (slots_.empty()) return kNoWord;
    const std::uint64_t hash = hash_word(word);
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Slot& slot = slots_[at];
      if (slot.id == kNoWord) return kNoWord;
      if (slot.hash == hash && slot.length == word.size() &&
          std::memcmp(keys_.data() + slot.offset, word.data(), word.size()) == 0) {
        return slot.id;
      }
    }
  }
  // Adds `word` with `id` unless it is there.
  void insert(std::string_view word, std::uint32_t id) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::uint64_t hash = hash_word(word);
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      Slot& slot = slots_[at];
      if (slot.id == kNoWord) {
        slot = Slot{hash, static_cast<std::uint32_t>(keys_.size()),
                    static_cast<std::uint32_t>(word.size()), id};
        keys_.append(word);
        ++size_;
        return;
      }
      if (slot.hash == hash && slot.length == word.size() &&
          std::memcmp(keys_.data() + slot.offset, word.data(), word.size()) == 0) {
        return;
      }
    }
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t id = kNoWord;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id == kNoWord) continue;
      std::size_t at = slot.hash & mask_;
      while (slots_[at].id != kNoWord) at = (at + 1) & mask_;
      slots_[at] = slot;
    }
  }
  std::vector<Slot> slots_;
  std::string keys_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

// (node, word) -> child node.
class EdgeTable {
 public:
  std::uint32_t find(std::uint64_t key) const {
    if (slots_.empty()) return kNoWord;
    for (std::size_t at = mix(key) & mask_;; at = (at + 1) & mask_) {
      const Slot& slot = slots_[at];
      if (slot.child == kNoWord) return kNoWord;
      if (slot.key == key) return slot.child;
    }
  }
  void insert(std::uint64_t key, std::uint32_t child) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::size_t at = mix(key) & mask_;
    while (slots_[at].child != kNoWord && slots_[at].key != key) at = (at + 1) & mask_;
    if (slots_[at].child == kNoWord) ++size_;
    slots_[at] = Slot{key, child};
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t child = kNoWord;
  };
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.child == kNoWord) continue;
      std::size_t at = mix(slot.key) & mask_;
      while (slots_[at].child != kNoWord) at = (at + 1) & mask_;
      slots_[at] = slot;
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

struct Token {
  std::size_t begin;
  std::size_t end;
  long line;
  std::uint32_t folded_id;  // kNoWord when no term has this word
  std::uint32_t exact_id;   // the abbreviation as written, or kNoWord
};

}  // namespace

struct Tagger::Index {
  const std::vector<schema::Entity>* entities = nullptr;
  WordTable folded_ids;
  WordTable exact_ids;  // abbreviations as written
  std::uint32_t word_count = 0;  // ids given so far, both tables
  // Abbreviations that are also ordinary words in capitals ("NO", "ALL").
  std::unordered_set<std::uint32_t> guarded;
  // Per entity (by index): a receptor or an action class, whose name may
  // start with a chemical's; a drug that is neither (a plain chemical).
  std::vector<char> named_after_ligand;
  std::vector<char> plain_chemical;
  // kElementSymbols' ids -> entity index.
  std::unordered_map<std::string_view, std::uint32_t> element_entities;
  // Trie over word ids: (node << 32 | word) -> child node.
  EdgeTable edges;
  struct Node {
    std::vector<std::uint32_t> entities;  // ascending vocabulary order
    bool consumed = false;                // a context rule: matches, names nothing
    bool exact = false;                   // a term ends here as written, not as a variant
  };
  std::vector<Node> nodes{Node{}};
  using Words = std::vector<std::pair<std::string, bool>>;  // (word, is abbreviation)
  std::vector<std::pair<Words, std::optional<std::uint32_t>>> variants;  // added last

  std::uint32_t word_id(WordTable& ids, std::string_view word) {
    std::uint32_t found = ids.find(word);
    if (found != kNoWord) return found;
    ids.insert(word, word_count);
    return word_count++;
  }

  std::uint32_t child(std::uint32_t node, std::uint32_t word) {
    auto key = (static_cast<std::uint64_t>(node) << 32) | word;
    std::uint32_t found = edges.find(key);
    if (found != kNoWord) return found;
    auto id = static_cast<std::uint32_t>(nodes.size());
    nodes.emplace_back();
    edges.insert(key, id);
    return id;
  }

  std::uint32_t next(std::uint32_t node, std::uint32_t word) const {
    if (word == kNoWord) return kNoWord;
    return edges.find((static_cast<std::uint64_t>(node) << 32) | word);
  }

  // Adds `term` for `entity` (or as a consumed phrase when entity is nullopt),
  // with the simple plural or singular of its last word.
  // A weak term (`weak`) is added, like the variants, only where no term as
  // written ends.
  void add_term(std::string_view term, std::optional<std::uint32_t> entity,
                const schema::Vocabulary& vocabulary, bool weak = false) {
    std::vector<std::pair<std::string, bool>> words;  // (word, is abbreviation)
    std::string folded;
    for_each_word(term, folded, [&](std::size_t begin, std::size_t end, std::string_view word) {
      std::string_view raw = term.substr(begin, end - begin);
      bool abbreviation = is_abbreviation(raw);
      words.emplace_back(abbreviation ? std::string(raw) : std::string(word), abbreviation);
    });
    if (words.empty()) return;
    if (words.size() == 1) {
      // One-letter words, two-letter lower-case words and stop words never
      // stand alone; "PD" written in capitals may, and so may a stop word
      // written as an abbreviation ("NO", nitric oxide), but only outside a
      // run of capitals ("NO EFFECT OF"): see tag().
      std::string lower = schema::fold_for_matching(words[0].first);
      if (std::find(std::begin(kStopWords), std::end(kStopWords), lower) != std::end(kStopWords)) {
        if (!words[0].second) return;
        guarded.insert(word_id(exact_ids, words[0].first));
      }
      if (lower.size() == 1 || (!words[0].second && lower.size() == 2)) return;
    }
    if (weak) {
      variants.emplace_back(words, entity);
    } else {
      insert(words, entity, /*exact=*/true);
    }
    if (!words.back().second) {
      if (auto variant = schema::number_variant(words.back().first)) {
        words.back().first = std::move(*variant);
        std::string spelled;
        for (const auto& word : words) spelled += (spelled.empty() ? "" : " ") + word.first;
        if (!vocabulary.is_untagged(spelled)) variants.emplace_back(std::move(words), entity);
      }
    }
  }

  // Adds the singular/plural variants collected by add_term(), except where
  // a term as written already ends: "morphine" is Morphine, not also the
  // singular of "Morphines" (Morphine Derivatives).
  void add_variants() {
    for (auto& [words, entity] : variants) {
      std::uint32_t node = kRoot;
      for (const auto& [word, abbreviation] : words) {
        node = next(node, word_id(abbreviation ? exact_ids : folded_ids, word));
        if (node == kNoWord) break;
      }
      if (node != kNoWord && nodes[node].exact) continue;
      insert(words, entity, /*exact=*/false);
    }
    variants.clear();
    variants.shrink_to_fit();
  }

  void insert(const std::vector<std::pair<std::string, bool>>& words,
              std::optional<std::uint32_t> entity, bool exact) {
    std::uint32_t node = kRoot;
    for (const auto& [word, abbreviation] : words) {
      node = child(node, word_id(abbreviation ? exact_ids : folded_ids, word));
    }
    Node& end = nodes[node];
    end.exact = end.exact || exact;
    if (!entity) {
      end.consumed = true;
      return;
    }
    auto at = std::lower_bound(end.entities.begin(), end.entities.end(), *entity);
    if (at == end.entities.end() || *at != *entity) end.entities.insert(at, *entity);
  }
};

Tagger::Tagger(const schema::Vocabulary& vocabulary) : index_(std::make_unique<Index>()) {
  Index& index = *index_;
  index.entities = &vocabulary.entities();
  const auto& entities = vocabulary.entities();
  for (std::uint32_t i = 0; i < entities.size(); ++i) {
    const schema::Entity& entity = entities[i];
    auto add_with_organ_adjective = [&](std::string_view term) {
      if (vocabulary.is_untagged(term)) return;
      index.add_term(term, i, vocabulary);
      // "Kidney Papillary Necrosis" is "renal papillary necrosis" in text.
      if (auto adjective = organ_adjective_variant(term)) {
        index.add_term(*adjective, i, vocabulary, /*weak=*/true);
      }
    };
    auto add = [&](std::string_view term) {
      // MeSH's inverted headings ("Receptors, Opioid", "Kidney Failure,
      // Chronic") are not running text; their natural order is.
      if (auto comma = term.find(", "); comma != std::string_view::npos) {
        if (term.find(", ", comma + 2) != std::string_view::npos) return;
        add_with_organ_adjective(std::string(term.substr(comma + 2)) + " " +
                                 std::string(term.substr(0, comma)));
        return;
      }
      add_with_organ_adjective(term);
    };
    add(entity.name);
    for (const auto& synonym : entity.synonyms) add(synonym);
  }
  for (const auto& extra : kExtraTerms) {
    const schema::Entity* entity = vocabulary.find(extra.id);
    if (entity == nullptr) continue;
    index.add_term(extra.term, static_cast<std::uint32_t>(entity - entities.data()), vocabulary);
  }
  for (auto phrase : kConsumedPhrases) index.add_term(phrase, std::nullopt, vocabulary);
  index.named_after_ligand.resize(entities.size());
  index.plain_chemical.resize(entities.size());
  for (std::size_t k = 0; k < entities.size(); ++k) {
    const bool named = names_after_ligand(entities[k]);
    index.named_after_ligand[k] = named ? 1 : 0;
    index.plain_chemical[k] = (entities[k].type == schema::EntityType::kDrug && !named) ? 1 : 0;
  }
  for (const auto& element : kElementSymbols) {
    if (const schema::Entity* entity = vocabulary.find(element.id)) {
      index.element_entities.emplace(element.id,
                                     static_cast<std::uint32_t>(entity - entities.data()));
    }
  }
  index.add_variants();
}

Tagger::~Tagger() = default;
Tagger::Tagger(Tagger&&) noexcept = default;
Tagger& Tagger::operator=(Tagger&&) noexcept = default;

std::vector<Mention> Tagger::tag(std::string_view text) const {
  const Index& index = *index_;
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6 + 1);
  std::string folded;
  std::string spelled;
  long line = 1;
  std::size_t counted = 0;  // newlines are counted up to here
  for_each_word(text, folded, [&](std::size_t begin, std::size_t end, std::string_view word) {
    line += std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                       text.begin() + static_cast<std::ptrdiff_t>(begin), '\n');
    counted = begin;
    Token token{begin, end, line, kNoWord, kNoWord};
    // The American spelling, when the vocabulary knows it, else the word.
    std::uint32_t found = kNoWord;
    if (american_spelling(word, spelled)) found = index.folded_ids.find(spelled);
    if (found == kNoWord) found = index.folded_ids.find(word);
    token.folded_id = found;
    std::string_view raw = text.substr(begin, end - begin);
    if (raw.size() <= 7 && raw[0] >= 'A' && raw[0] <= 'Z') {
      token.exact_id = index.exact_ids.find(raw);
    }
    tokens.push_back(token);
  });

  // A guarded abbreviation next to another word in capitals is part of a
  // heading or a shouted phrase, not an abbreviation.
  if (!index.guarded.empty()) {
    auto all_capitals = [&](const Token& token) {
      if (token.end - token.begin < 2) return false;
      for (std::size_t k = token.begin; k < token.end; ++k) {
        if (text[k] >= 'a' && text[k] <= 'z') return false;
      }
      return true;
    };
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (tokens[k].exact_id == kNoWord || index.guarded.count(tokens[k].exact_id) == 0) continue;
      bool before = k > 0 && all_capitals(tokens[k - 1]);
      bool after = k + 1 < tokens.size() && all_capitals(tokens[k + 1]);
      if (before || after) tokens[k].exact_id = kNoWord;
    }
  }

  // "long form (ABBR)" definitions seen so far: ABBR as written -> entities.
  std::vector<std::pair<std::string_view, std::vector<std::uint32_t>>> local;
  auto local_entities = [&](std::string_view raw) -> const std::vector<std::uint32_t>* {
    for (const auto& [abbreviation, ids] : local) {
      if (abbreviation == raw) return &ids;
    }
    return nullptr;
  };

  // Whether `token`, following `previous`, is an abbreviation in parentheses.
  auto parenthesized = [&](const Token& previous, const Token& token) {
    std::string_view between = text.substr(previous.end, token.begin - previous.end);
    std::size_t close = text.find_first_not_of(" \t", token.end);
    return between.find_first_not_of(" \t(") == std::string_view::npos &&
           std::count(between.begin(), between.end(), '(') == 1 &&
           close != std::string_view::npos && text[close] == ')' &&
           is_abbreviation(text.substr(token.begin, token.end - token.begin));
  };

  std::vector<Mention> mentions;
  std::array<std::uint32_t, 2> states{};
  std::array<std::uint32_t, 2> found_states{};
  std::vector<std::uint32_t> matched;
  std::vector<std::uint32_t> inner;
  std::size_t i = 0;
  while (i < tokens.size()) {
    // Longest match; a token can continue by its abbreviation or folded word.
    std::size_t state_count = 1;
    states[0] = kRoot;
    std::size_t best_length = 0;
    matched.clear();
    bool consumed = false;
    std::size_t inner_length = 0;  // see `inner` below
    inner.clear();
    for (std::size_t j = i; j < tokens.size() && state_count > 0; ++j) {
      std::size_t found_count = 0;
      for (std::size_t s = 0; s < state_count; ++s) {
        for (std::uint32_t word : {tokens[j].exact_id, tokens[j].folded_id}) {
          std::uint32_t node = index.next(states[s], word);
          if (node == kNoWord || found_count == found_states.size()) continue;
          found_states[found_count++] = node;
        }
      }
      // "nucleotide-gated (HCN) channels": a long form may carry its
      // abbreviation in parentheses inside the term.
      if (found_count == 0 && j > i && parenthesized(tokens[j - 1], tokens[j])) continue;
      state_count = found_count;
      states = found_states;
      bool terminal = false;
      for (std::size_t s = 0; s < state_count; ++s) {
        const auto& node = index.nodes[states[s]];
        if (node.consumed || !node.entities.empty()) terminal = true;
      }
      if (!terminal) continue;
      // The longest shorter match that names a plain chemical: the ligand a
      // receptor's or a drug class's name may start with.
      if (best_length > 0 && !consumed &&
          std::any_of(matched.begin(), matched.end(), [&](std::uint32_t entity) {
            return index.plain_chemical[entity] != 0;
          })) {
        inner_length = best_length;
        inner = matched;
      }
      best_length = j - i + 1;
      matched.clear();
      consumed = false;
      for (std::size_t s = 0; s < state_count; ++s) {
        const auto& node = index.nodes[states[s]];
        consumed = consumed || node.consumed;
        matched.insert(matched.end(), node.entities.begin(), node.entities.end());
      }
    }
    const Token& first = tokens[i];
    std::string_view first_raw = text.substr(first.begin, first.end - first.begin);
    if (best_length <= 1 && is_abbreviation(first_raw)) {
      if (const auto* defined = local_entities(first_raw)) {
        best_length = 1;
        matched = *defined;
        consumed = false;
      }
    }
    if (best_length == 0) {
      // Element symbols: one capital and at most one lower-case letter.
      const bool symbol_shaped = first_raw.size() <= 2 && first_raw[0] >= 'A' &&
                                 first_raw[0] <= 'Z';
      for (const auto& element : kElementSymbols) {
        if (!symbol_shaped) break;
        if (first_raw != element.symbol || !written_as_ion(text, first.begin, first.end)) continue;
        if (auto found = index.element_entities.find(element.id);
            found != index.element_entities.end()) {
          mentions.push_back(Mention{&(*index.entities)[found->second], first.begin, first.end,
                                     first.line, std::string(first_raw)});
        }
      }
      ++i;
      continue;
    }
    std::sort(matched.begin(), matched.end());
    matched.erase(std::unique(matched.begin(), matched.end()), matched.end());
    // "enalapril maleate", "morphine sulfate": the salt is part of the drug's
    // name, not a chemical of its own.
    if (!matched.empty() && i + best_length < tokens.size() &&
        std::all_of(matched.begin(), matched.end(), [&](std::uint32_t entity) {
          return (*index.entities)[entity].type == schema::EntityType::kDrug;
        })) {
      const Token& previous = tokens[i + best_length - 1];
      const Token& next = tokens[i + best_length];
      std::string lower(text.substr(next.begin, next.end - next.begin));
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      bool spaced = text.substr(previous.end, next.begin - previous.end)
                        .find_first_not_of(' ') == std::string_view::npos;
      if (spaced &&
          std::find(std::begin(kSaltWords), std::end(kSaltWords), lower) != std::end(kSaltWords)) {
        ++best_length;
      }
    }
    const Token& last = tokens[i + best_length - 1];
    if (!consumed || !matched.empty()) {
      // "dopamine D2 receptor", "calcium channel blockers": a receptor or a
      // class of drugs named after a chemical names that chemical too.
      if (inner_length > 0 && !matched.empty() &&
          std::all_of(matched.begin(), matched.end(), [&](std::uint32_t entity) {
            return index.named_after_ligand[entity] != 0;
          })) {
        const Token& inner_last = tokens[i + inner_length - 1];
        std::sort(inner.begin(), inner.end());
        inner.erase(std::unique(inner.begin(), inner.end()), inner.end());
        for (std::uint32_t entity : inner) {
          const schema::Entity& ligand = (*index.entities)[entity];
          if (index.plain_chemical[entity] == 0) continue;
          mentions.push_back(Mention{&ligand, first.begin, inner_last.end, first.line,
                                     std::string(text.substr(first.begin,
                                                             inner_last.end - first.begin))});
        }
      }
      // "(AMPA) receptors": a match that starts inside parentheses and runs
      // past their end takes the opening one too, so the text is balanced.
      std::size_t begin = first.begin;
      std::string_view span = text.substr(begin, last.end - begin);
      if (std::count(span.begin(), span.end(), ')') > std::count(span.begin(), span.end(), '(')) {
        std::size_t open = begin;
        while (open > 0 && text[open - 1] == ' ') --open;
        if (open > 0 && text[open - 1] == '(') begin = open - 1;
      }
      for (std::uint32_t entity : matched) {
        mentions.push_back(Mention{&(*index.entities)[entity], begin, last.end, first.line,
                                   std::string(text.substr(begin, last.end - begin))});
      }
    }
    // "complex regional pain syndrome (CRPS)" defines CRPS for the rest.
    std::size_t after = i + best_length;
    if (!matched.empty() && after < tokens.size()) {
      const Token& next = tokens[after];
      std::string_view raw = text.substr(next.begin, next.end - next.begin);
      if (parenthesized(last, next) && local_entities(raw) == nullptr) {
        local.emplace_back(raw, matched);
      }
    }
    i = after;
  }
  // Ligands inside a name and balanced parentheses can put a mention before
  // the one pushed ahead of it.
  std::sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.entity < b.entity;
  });
  return mentions;
}

}  // namespace litgraph::indexer
