#include "article_inputs.h"

#include <unistd.h>

#include <filesystem>
#include <ostream>

#include "litgraph/crawlers/references.h"
#include "litgraph/crawlers/text_file.h"

namespace litgraph::cli {

ArticleFilesRead read_article_files(const std::vector<std::string>& paths,
                                    const std::string& command, bool progress, std::ostream& err,
                                    const ArticleTextCallback& on_text) {
  ArticleFilesRead result;
  std::vector<std::filesystem::path> files;
  for (const std::string& path : paths) {
    try {
      for (auto& file : crawlers::list_article_files(path)) files.push_back(std::move(file));
    } catch (const UsageError& e) {
      err << "litgraph " << command << ": " << e.what() << "\n";
      result.status = ExitCode::kUsage;
    }
  }
  bool show = progress_wanted(progress, files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string name = files[i].string();
    if (show) err << "\r[" << i + 1 << "/" << files.size() << "] " << name << "\x1b[K" << std::flush;
    crawlers::TextFile file = crawlers::read_text_file(files[i]);
    if (file.status != crawlers::TextFileStatus::kOk) {
      if (show) err << "\n";
      err << name << ": error: " << file.error << ", skipped\n";
      if (result.status == ExitCode::kOk) result.status = ExitCode::kPartial;
      continue;
    }
    for (std::size_t line : file.repaired_lines)
      err << name << ":" << line << ": warning: invalid UTF-8 replaced with U+FFFD\n";
    ++result.files_read;
    on_text(name, file.text);
  }
  if (show) err << "\r\x1b[K";
  return result;
}

ArticleReferences read_article_references(const std::vector<std::string>& paths,
                                          const std::string& command, bool progress,
                                          std::ostream& err, const FileReferencesCallback& on_file) {
  ArticleReferences result;
  ArticleFilesRead read =
      read_article_files(paths, command, progress, err, [&](const std::string& name, const std::string& text) {
        auto refs = crawlers::extract_references(text, name);
        if (on_file) on_file(name, refs);
        for (auto& r : refs) result.references.push_back(std::move(r));
      });
  result.files_read = read.files_read;
  result.status = read.status;
  return result;
}

bool progress_wanted(bool asked, std::size_t items) {
  // Only where someone watches: asked for, or a terminal and long work.
  return asked || (isatty(STDERR_FILENO) && items > 20);
}

}  // namespace litgraph::cli
