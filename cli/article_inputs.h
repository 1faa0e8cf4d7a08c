// Reading the articles named on a command line, with the diagnostics every
// command gives for bad input, and extracting their references.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "litgraph/schema/error.h"
#include "litgraph/schema/reference.h"

namespace litgraph::cli {

// What reading the inputs came to.
struct ArticleFilesRead {
  std::size_t files_read = 0;       // files whose text was handed on
  ExitCode status = ExitCode::kOk;  // kUsage for a missing path, kPartial for a skipped file
};

// Called with each readable file's name (as listed) and its UTF-8 text.
using ArticleTextCallback = std::function<void(const std::string& file, const std::string& text)>;

// Lists the files that `paths` name (a file as given; a folder, recursively,
// its *.txt files in name order), reads each and calls `on_text` for it.
// Problems go to `err`, compiler-style, and never stop the other files: a
// missing path (`litgraph COMMAND: path: error: no such file or directory`,
// status kUsage), an unreadable or binary file (`file: error: not a text file,
// skipped`, status kPartial unless already kUsage), invalid UTF-8 (repaired
// with U+FFFD, `file:line: warning: …`). Progress goes to `err` when
// progress_wanted(`progress`, number of files).
ArticleFilesRead read_article_files(const std::vector<std::string>& paths,
                                    const std::string& command, bool progress, std::ostream& err,
                                    const ArticleTextCallback& on_text);

struct ArticleReferences {
  std::vector<schema::Reference> references;  // all files, in order
  std::size_t files_read = 0;
  ExitCode status = ExitCode::kOk;  // kUsage for a missing path, kPartial for a skipped file
};

// Reads the files as read_article_files() does and extracts their references.
// `on_file`, if set, is called with each file's name and references as it is
// read.
using FileReferencesCallback =
    std::function<void(const std::string& file, const std::vector<schema::Reference>& references)>;

ArticleReferences read_article_references(const std::vector<std::string>& paths,
                                          const std::string& command, bool progress,
                                          std::ostream& err,
                                          const FileReferencesCallback& on_file = {});

// Whether to show progress on stderr: asked for, or a terminal and many items.
bool progress_wanted(bool asked, std::size_t items);

}  // namespace litgraph::cli
