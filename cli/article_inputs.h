// Reading the articles named on a command line and extracting their
// references, with the diagnostics every command gives for bad input.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "litgraph/schema/error.h"
#include "litgraph/schema/reference.h"

namespace litgraph::cli {

struct ArticleReferences {
  std::vector<schema::Reference> references;  // all files, in order
  std::size_t files_read = 0;
  ExitCode status = ExitCode::kOk;  // kUsage for a missing path, kPartial for a skipped file
};

// Lists the files that `paths` name, reads each (reporting missing paths,
// binary files and repaired UTF-8 on `err`, compiler-style), and extracts
// their references. `on_file`, if set, is called with each file's name and
// references as it is read. Progress goes to `err` when `progress` is true.
using FileReferencesCallback =
    std::function<void(const std::string& file, const std::vector<schema::Reference>& references)>;

ArticleReferences read_article_references(const std::vector<std::string>& paths,
                                          const std::string& command, bool progress,
                                          std::ostream& err,
                                          const FileReferencesCallback& on_file = {});

// Whether to show progress on stderr: asked for, or a terminal and many items.
bool progress_wanted(bool asked, std::size_t items);

}  // namespace litgraph::cli
