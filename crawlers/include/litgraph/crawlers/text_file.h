// Reading articles from disk: which files a path names, and their text.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace litgraph::crawlers {

enum class TextFileStatus {
  kOk,          // text is valid UTF-8 (possibly repaired, see repaired_lines)
  kUnreadable,  // could not be opened or read; see error
  kNotText,     // binary content; skipped
};

struct TextFile {
  TextFileStatus status = TextFileStatus::kOk;
  std::string text;                         // UTF-8, '\n' line ends
  std::vector<std::size_t> repaired_lines;  // 1-based lines with invalid UTF-8 replaced
  std::string error;                        // why the file could not be read
};

// Reads one file as text. Never throws for a bad file: the status says why.
TextFile read_text_file(const std::filesystem::path& path);

// The article files a command-line path names: a file as given; a folder,
// recursively, its *.txt files in name order (hidden entries skipped).
// Throws UsageError if the path does not exist.
std::vector<std::filesystem::path> list_article_files(const std::filesystem::path& path);

}  // namespace litgraph::crawlers
