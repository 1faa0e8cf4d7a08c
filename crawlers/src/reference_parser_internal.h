// Pieces of the reference parser that the extractor also uses to judge
// whether a line is a reference at all.
#pragma once

#include <cstddef>
#include <string_view>

#include "litgraph/schema/reference.h"

namespace litgraph::crawlers::internal {

// Position of the first ". ", "? " or "! " at or after `from` that ends a
// sentence rather than an initial or an abbreviation; npos if none.
std::size_t sentence_end(std::string_view text, std::size_t from);
// Position of the "(" of an author-date year ("(2018)", "(n.d.)"); npos if none.
std::size_t author_date_paren(std::string_view text);
// Parses "Title – Journal" (dashes already simplified to " - ").
bool parse_title_journal(std::string_view text, schema::Reference& ref);
// "Family AB," at the start: a Vancouver author.
bool starts_with_vancouver_author(std::string_view text);
// "2006;63(8):856" somewhere: a Vancouver/AMA source.
bool has_vancouver_source(std::string_view text);

}  // namespace litgraph::crawlers::internal
