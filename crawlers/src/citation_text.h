// Small text scanners shared by the reference parser and extractor.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace litgraph::crawlers::internal {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view text);
// Trims white space and any of `chars` from both ends.
std::string_view trim_chars(std::string_view text, std::string_view chars);
// Replaces typographic dashes, quotes and no-break spaces with ASCII forms
// where that makes scanning simpler (en/em dash -> '-', ’ -> '\''), collapses
// white space. “ ” are kept: they delimit titles. Spacing is made regular:
// no space before ",;.)", before the ':' after a volume, inside brackets or in
// page ranges ("( 1994. )", "68 : 2521 – 2528 ." -> "(1994.)", "68:
// 2521-2528."); one after a comma between names or after "et al." where it
// was left out ("Schuraytz,B.C.").
std::string simplify(std::string_view text);

// Length of a list marker at the start of a line ("1.", "[12]", "3)", "(4)",
// "•", "-", "*"), including the space after it; 0 if there is none. `numbered`
// tells whether it was a number.
std::size_t list_marker_length(std::string_view line, bool* numbered = nullptr);

// A plausible publication year 1800..2039 made of exactly four digits at
// text[pos], not part of a longer number.
bool is_year_at(std::string_view text, std::size_t pos);
// The first plausible year in text, if any.
std::optional<int> first_year(std::string_view text);
// The last plausible year in text, if any.
std::optional<int> last_year(std::string_view text);

// "Jan", "January", "Sept.", "Spring" …
bool is_month_word(std::string_view word);

// Initials as cited: "S.", "S. P.", "S.P.", "J.-P.", "Ch.", or (Vancouver) "CA", "H-J".
bool is_initials(std::string_view text);
bool is_vancouver_initials(std::string_view word);

std::vector<std::string_view> split(std::string_view text, std::string_view separator);

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
bool icontains(std::string_view text, std::string_view needle);

}  // namespace litgraph::crawlers::internal
