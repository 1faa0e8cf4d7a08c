// Page ranges as citations and metadata write them.
#pragma once

#include <string>
#include <string_view>

namespace litgraph::schema {

// The last page of a range written out in full. Citations and MEDLINE drop
// the digits the last page shares with the first, and anything before them:
// ("856", "64") -> "864", ("e26", "32") -> "e32", ("1234.e1", "9") -> "1234.e9".
// A last page that is not all digits ("S20") is kept as it is.
std::string expand_last_page(std::string_view first, std::string_view last);

// True for a token that can be a page: letters and digits, at least one
// digit, at most 12 characters ("521", "e674", "S12", "A23").
bool is_page_token(std::string_view token);

}  // namespace litgraph::schema
