// A record's free text, and how it becomes terms. The index keeps no term
// positions in Xapian's position table (layout 5): one B-tree entry per word
// and document, it was 42% of the index. Instead each record with free text
// carries its words in order as a value (kWordStream), a few bits a word,
// which a phrase check (query/phrase_check.h) reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace litgraph::indexer {

struct FreeText {
  std::string_view title;  // its words S-prefixed (title:…)
  // The title's words unprefixed as well, then a gap that a phrase cannot
  // span, then the body; false when the body starts with the title itself
  // (an article's first line).
  bool title_in_words = true;
  std::string_view body;
};

// Adds `text`'s terms to `document` (English stems of every word: Xapian's
// TermGenerator, STEM_ALL; wdf as it counts them; no positions) and its word
// stream (kWordStream). With `positions`, adds positions instead of the
// stream (a reference to check the stream against).
void index_free_text(Xapian::Document& document, const FreeText& text, bool positions = false);

// The word stream of a document's terms with positions: for each
// position in order, a code of b bits that is the term's hash under a seed
// chosen so that no two of the document's terms share a code (so a code
// names one term of the document); runs of empty positions as a zero code
// and a count. 12.3 bits a word on average over
// litgraph_index_bench's 100,021 works (the width is the stream's first byte).
// `positioned`, if given, gets the terms that have positions.
std::string encode_word_stream(const Xapian::Document& with_positions,
                               std::vector<std::string>* positioned = nullptr);

// The positions of each of `terms` in a word stream. Each term must be one
// of the document's (else its code may be another term's).
std::vector<std::vector<Xapian::termpos>> word_positions(std::string_view stream,
                                                         const std::vector<std::string>& terms);

// Whether `terms` come one after another somewhere in a word stream (a
// phrase of adjacent words; stops at the first). The terms must be the
// document's, as for word_positions().
bool has_sequence(std::string_view stream, const std::vector<std::string>& terms);

// The text a work's passages are cut from, and their offsets count in: the
// title, a blank line, the abstract.
std::string work_text(std::string_view title, std::string_view abstract);

}  // namespace litgraph::indexer
