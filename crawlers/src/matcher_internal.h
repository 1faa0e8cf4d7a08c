// Keys shared by the scorer (matcher.cpp) and LocalWorkIndex
// (local_work_index.cpp), so that both read titles, names and numbers alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace litgraph::crawlers::internal {

// Folded words (schema::fold_for_matching) of a title or journal name, with
// markup removed ("<i>", "&alpha;"), a possessive or plural "s" dropped
// ("Alzheimer’s", "Alzheimers" -> "alzheimer") and stop words left out.
std::vector<std::string> content_words(std::string_view text);

// A cited family name's folded words, without initials or a suffix that the
// parser left on it: "Scheff SW" -> {"scheff"}, "van der Berg" -> {"van", "der", "berg"}.
std::vector<std::string> family_words(std::string_view family);

// The words run together: "gomez", "isla" -> "gomezisla".
std::string joined(const std::vector<std::string>& words);

// The first number of a volume without leading zeros ("58 Suppl 1" -> "58"),
// else the folded text.
std::string volume_key(std::string_view volume);

// A page or article number folded, without spaces or leading zeros:
// "E0033693" -> "e33693", "2231.e15" -> "2231e15".
std::string page_key(std::string_view page);

}  // namespace litgraph::crawlers::internal
