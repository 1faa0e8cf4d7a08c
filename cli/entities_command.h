// `litgraph entities FILE...`: the drugs, conditions and receptors that
// articles mention, found by the entity tagger.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct EntitiesOptions {
  std::vector<std::string> paths;    // files or folders, as given
  bool json = false;                 // print JSON instead of text
  std::vector<std::string> types;    // "drug", "condition", "receptor"; empty: all three
  std::filesystem::path vocabulary;  // vocabulary folder; empty: schema::default_vocabulary_directory()
};

// Runs the command; results go to `out`, diagnostics to `err`. Throws
// UsageError for an unknown type, ConfigError when the vocabulary folder lacks
// its files (the message names the folder and where it came from), ParseError
// for a malformed vocabulary. Otherwise returns kOk, kPartial (a file was
// skipped) or kUsage (a path does not exist); the other files are still read.
ExitCode run_entities(const EntitiesOptions& options, std::ostream& out, std::ostream& err);

}  // namespace litgraph::cli
