// What the benchmarks that run programs share: running a child and timing
// it (wall time, peak RSS from wait4), folder sizes, gzip output.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace litgraph::bench {

struct ChildResult {
  int status = -1;          // exit code, or 128 + signal
  double seconds = 0;       // wall time
  double cpu_seconds = 0;   // the child's user + system time
  long peak_rss_kib = 0;    // the child's maximum resident set
};

// Runs `args` (args[0] is a path, or a name looked up in PATH) with stdout and
// stderr appended to `log`.
ChildResult run_program(const std::vector<std::string>& args, const std::filesystem::path& log);

// Runs `work` in a forked child (its exit code is work()'s result), so that
// its time and peak memory are its own.
ChildResult run_forked(const std::function<int()>& work);

std::uintmax_t folder_size(const std::filesystem::path& path);  // a file's size, or a folder's total

void write_gzip(const std::filesystem::path& path, const std::string& bytes);

}  // namespace litgraph::bench
