// Writing a file so that readers and crashes see either the old content or
// the new, never a mix: a temporary file in the same folder, fsync, rename.
#pragma once

#include <filesystem>
#include <string>

namespace litgraph::crawlers::internal {

// Creates parent folders as needed. Throws std::filesystem::filesystem_error
// (disk full, read-only, …) after removing its temporary file.
void atomic_write_file(const std::filesystem::path& path, const std::string& data);

}  // namespace litgraph::crawlers::internal
