// `litgraph query [TEXT]`: faceted search over the index.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct QueryOptions {
  std::vector<std::string> words;    // the query text, as words on the command line
  std::vector<std::string> filters;  // "FIELD=VALUE"
  std::vector<std::string> facets;   // empty: the default set
  bool no_facets = false;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string sort = "relevance";    // or "year"
  bool json = false;
  std::filesystem::path database;
  std::filesystem::path vocabulary;  // empty: the default
};

// Runs the search and prints it. Throws UsageError (bad query, field, facet
// or filter; an entity the vocabulary does not know), IndexError (no index).
ExitCode run_query(const QueryOptions& options, std::ostream& out, std::ostream& err);

}  // namespace litgraph::cli
