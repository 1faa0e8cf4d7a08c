// A record's free text, and how it becomes terms. The index keeps no term
// positions (layout 5): Xapian's position table, one B-tree entry per word
// and document, was 42% of the index. A record's data keeps the text it was
// indexed from instead, and a phrase is checked by feeding that text again,
// with positions, through the same function (query/phrase_check.h).
#pragma once

#include <string>
#include <string_view>

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

// Adds `text`'s terms to `document`: English stems of every word (Xapian's
// TermGenerator, STEM_ALL), with positions only when `positions` (to check a
// phrase; the index has none).
void index_free_text(Xapian::Document& document, const FreeText& text, bool positions);

// The text a work's passages are cut from, and their offsets count in: the
// title, a blank line, the abstract.
std::string work_text(std::string_view title, std::string_view abstract);

}  // namespace litgraph::indexer
