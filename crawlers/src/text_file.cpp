#include "litgraph/crawlers/text_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "litgraph/schema/error.h"
#include "litgraph/schema/text.h"

namespace litgraph::crawlers {

namespace fs = std::filesystem;

TextFile read_text_file(const fs::path& path) {
  TextFile file;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    file.status = TextFileStatus::kUnreadable;
    file.error = "is a directory";
    return file;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file.status = TextFileStatus::kUnreadable;
    file.error = std::strerror(errno);
    return file;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    file.status = TextFileStatus::kUnreadable;
    file.error = "read error";
    return file;
  }
  std::string content = std::move(bytes).str();
  if (schema::looks_binary(content)) {
    file.status = TextFileStatus::kNotText;
    file.error = "not a text file";
    return file;
  }
  schema::DecodedText decoded = schema::decode_utf8(content);
  file.text = std::move(decoded.text);
  file.repaired_lines = std::move(decoded.repaired_lines);
  return file;
}

std::vector<fs::path> list_article_files(const fs::path& path) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw UsageError::missing_input(path.string(), "no such file or directory");
  if (!fs::is_directory(status)) return {path};
  std::vector<fs::path> files;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw UsageError::missing_input(path.string(), ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw UsageError::missing_input(path.string(), ec.message());
    const fs::path& entry = it->path();
    if (entry.filename().string().starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && entry.extension() == ".txt") files.push_back(entry);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace litgraph::crawlers
