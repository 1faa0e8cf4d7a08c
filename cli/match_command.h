// `litgraph match "REFERENCE"`: resolve one free-text reference.
#pragma once

#include <iosfwd>
#include <string>

#include "config.h"
#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct MatchCommandOptions {
  std::string reference;  // the reference as written, any style
  bool json = false;
  bool offline = false;
};

// Returns kOk when the reference resolved, kPartial when it is ambiguous,
// unresolved or failed (the output says which and why).
ExitCode run_match(const MatchCommandOptions& options, const Config& config, std::ostream& out,
                   std::ostream& err);

}  // namespace litgraph::cli
