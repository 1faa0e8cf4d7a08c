// `litgraph refresh [PATH...]`: extract, crawl, match and index in one run,
// incrementally and under one lock: the command for cron.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "config.h"
#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct RefreshOptions {
  std::vector<std::string> paths;  // article files/folders and PubMed .xml/.xml.gz files
  std::filesystem::path database;  // empty: HOME/index
  double wait_seconds = 0;         // for the lock held by another run
  std::filesystem::path log;       // append the summary line here too
  bool offline = false;
  bool json = false;
  bool verbose = false;
};

// Returns kOk, kPartial (done, some works could not be fetched or inputs were
// skipped), kLocked (another index or refresh holds the lock), kInterrupted
// (SIGINT/SIGTERM: stopped after committing what was done); throws for what
// stops the run (IndexError, StorageError, ConfigError).
ExitCode run_refresh(const RefreshOptions& options, const Config& config, std::ostream& out,
                     std::ostream& err);

}  // namespace litgraph::cli
