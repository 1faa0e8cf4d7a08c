// `litgraph refs FILE...`: list the references that articles cite.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct RefsOptions {
  std::vector<std::string> paths;  // files or folders, as given
  bool json = false;               // print JSON instead of text
  bool distinct = false;           // merge entries that are the same work
  bool progress = false;           // report progress on stderr
};

// Runs the command; results go to `out`, diagnostics to `err`. Returns kOk,
// kPartial (a file was skipped) or kUsage (a path does not exist).
ExitCode run_refs(const RefsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace litgraph::cli
