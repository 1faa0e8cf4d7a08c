// Entity tagging: finds the drugs, conditions and receptors of a Vocabulary in
// running text, by longest match over folded words.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "litgraph/schema/vocabulary.h"

namespace litgraph::indexer {

// One place in the text that names an entity.
struct Mention {
  const schema::Entity* entity = nullptr;  // points into the tagger's vocabulary
  std::size_t begin = 0;                   // byte offset of the first byte
  std::size_t end = 0;                     // byte offset one past the last byte
  long line = 0;                           // 1-based line of `begin`
  std::string text;                        // the words as written, text[begin, end)
};

// Matching rules:
//  - words are compared after schema::fold_for_matching() (case, diacritics,
//    Greek letters, hyphens and other punctuation do not matter), and only
//    whole words match: "ocd" inside "glucocorticoid" never does;
//  - the longest term wins ("NMDA receptor antagonist" is not cut short by a
//    shorter term ending at "receptor"); a term that names several entities
//    gives one mention per entity, in vocabulary order;
//  - a word written as a short abbreviation in the vocabulary (2 to 6 ASCII
//    letters or digits, at least two capitals, no lower case but a plural
//    "s": "OCD", "PTSD", "NMDARs") matches only as written;
//  - single-word terms that are ordinary English words ("can", "all", "aim",
//    "may", one-letter words) are never matched on their own;
//  - "long form (ABBR)" makes later "ABBR" in the same text name the long
//    form's entities, even when the vocabulary does not know the abbreviation;
//  - context rules: "cardiovascular depression" and the like are consumed
//    without a mention (they are not depressive disorders; "respiratory
//    depression" is MeSH's Respiratory Insufficiency); "opioid(s)" alone is
//    the drug class mesh:D000701, "opioid receptor(s)" mesh:D011957, and
//    "mu-/μ-/m-opioid (receptor)" mesh:D017450.
//
// Immutable once built; tag() may be called from several threads at once.
class Tagger {
 public:
  // Builds the index from every entity's name and synonyms. The vocabulary
  // must outlive the tagger and the mentions it returns.
  explicit Tagger(const schema::Vocabulary& vocabulary);
  ~Tagger();
  Tagger(Tagger&&) noexcept;
  Tagger& operator=(Tagger&&) noexcept;
  Tagger(const Tagger&) = delete;
  Tagger& operator=(const Tagger&) = delete;

  // The mentions in `text` (UTF-8), ordered by begin, then vocabulary order.
  // Never throws for any input bytes; invalid UTF-8 separates words.
  std::vector<Mention> tag(std::string_view text) const;

 private:
  struct Index;
  std::unique_ptr<Index> index_;
};

}  // namespace litgraph::indexer
