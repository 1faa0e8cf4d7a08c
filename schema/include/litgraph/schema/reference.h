// A cited reference as parsed from an article's reference list.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace litgraph::schema {

enum class CitationStyle {
  kApa,
  kMla,
  kVancouver,
  kAma,
  kHarvard,
  kChicago,
  kIeee,
  kNature,
  kTitleJournal,  // `Title – Journal`, as web pages list their sources
  kUnknown,
};

// "apa", "mla", …, "title-journal", "unknown": the names used in JSON output.
std::string_view style_name(CitationStyle style);

struct Author {
  std::string family;  // with particles: "van der Berg", "St Pierre"
  std::string given;   // as cited: "S. P.", "CA", "Rae Frances"; may be empty
  std::string suffix;  // "Jr", "III"; usually empty
};

struct Reference {
  std::string source;  // path of the file, as given by the user
  long line = 0;       // 1-based line where the entry starts
  int n = 0;           // 1-based position among the file's references
  std::string raw;     // the entry as written, without its list marker
  CitationStyle style = CitationStyle::kUnknown;
  std::optional<std::string> doi;    // normalized (lower case)
  std::optional<std::string> pmid;   // digits
  std::optional<std::string> pmcid;  // "PMC…"
  std::vector<Author> authors;
  bool et_al = false;  // the author list was cut with "et al."
  std::optional<int> year;
  std::optional<std::string> title;
  std::optional<std::string> container;  // journal, book or site
  std::optional<std::string> volume;
  std::optional<std::string> issue;
  std::optional<std::string> pages;       // as cited, with '-' for any dash: "856-64"
  std::optional<std::string> first_page;  // "856", "e26"
  std::optional<std::string> last_page;   // expanded: "864", "e32"
};

}  // namespace litgraph::schema
