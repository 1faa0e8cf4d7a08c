// Helpers shared by the test executables.
#pragma once

#include <filesystem>
#include <string>

#include "test_paths.h"

namespace litgraph::test {

// A unique temporary folder, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to a file in the folder and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

// Paths under the repository and under ../shared.
std::filesystem::path source_path(const std::string& relative);
std::filesystem::path shared_path(const std::string& relative);

}  // namespace litgraph::test
