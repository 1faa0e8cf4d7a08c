// `litgraph show ID`: one record of the index, with its entities, what it
// cites and what cites it.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct ShowOptions {
  std::string id;                    // a stored id, a DOI, a PMID or an indexed article's path
  std::filesystem::path database;    // the index
  std::filesystem::path vocabulary;  // empty: schema::default_vocabulary_directory()
  bool json = false;
};

// Prints the record. Throws UsageError (exit 2) when no record has that id,
// naming similar ids; IndexError when the index cannot be read; ConfigError
// when the vocabulary is missing.
ExitCode run_show(const ShowOptions& options, std::ostream& out, std::ostream& err);

}  // namespace litgraph::cli
