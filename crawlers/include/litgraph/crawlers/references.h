// Reference extraction: finds the reference list(s) of an article and parses
// every entry into fields, whatever the citation style.
//
// Pure functions of their input; thread-safe. They never throw for odd text:
// an entry that cannot be parsed is still returned with its raw text and
// style "unknown".
#pragma once

#include <string_view>
#include <vector>

#include "litgraph/schema/reference.h"

namespace litgraph::crawlers {

// Parses one reference entry (a list marker such as "1.", "[1]" or "•" is
// allowed and removed). Fills style, identifiers, authors, year, title,
// container, volume, issue and pages; `source`, `line` and `n` stay unset.
schema::Reference parse_reference(std::string_view entry);

// Finds the reference entries in the text of one article (valid UTF-8, lines
// separated by '\n') and parses them. Entries are recognised under a heading
// ("References", "Bibliography", "Articles", …) and also without one, where a
// run of lines looks like references; prose, navigation and contact lines are
// left out. `source` is copied into each reference.
std::vector<schema::Reference> extract_references(std::string_view text,
                                                  std::string_view source);

}  // namespace litgraph::crawlers
