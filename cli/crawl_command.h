// `litgraph crawl FILE|DIR...`: resolve what articles cite into full records.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "config.h"
#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct CrawlCommandOptions {
  std::vector<std::string> paths;
  bool json = false;
  bool offline = false;
  bool progress = false;
  bool verbose = false;  // log every retry, not only the first failure of a host
  bool match = true;     // match references without identifiers (--no-match turns it off)
};

// Returns kOk (all done), kPartial (done, some works failed or inputs were
// skipped), or kUsage for missing paths. Throws StorageError when the data
// directory cannot be written.
ExitCode run_crawl(const CrawlCommandOptions& options, const Config& config, std::ostream& out,
                   std::ostream& err);

}  // namespace litgraph::cli
