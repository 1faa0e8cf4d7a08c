// `litgraph check FILE...`: the citation checker for writers.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "config.h"
#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct CheckCommandOptions {
  std::vector<std::string> paths;
  bool json = false;
  std::string format;  // "", "bibtex", "ris" or "csl-json": write the corrected references
  bool offline = false;
  bool progress = false;
  bool verbose = false;
};

// Returns kOk when every reference is verified (notes aside) and the markers
// agree with the list, kPartial when there are findings, kFetch when some
// references could not be checked (a service could not be asked), kUsage for
// missing paths. Throws StorageError when the data directory cannot be written.
ExitCode run_check(const CheckCommandOptions& options, const Config& config, std::ostream& out,
                   std::ostream& err);

}  // namespace litgraph::cli
