#include "bench_process.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>

namespace litgraph::bench {

namespace fs = std::filesystem;

namespace {

ChildResult wait_for(pid_t child, std::chrono::steady_clock::time_point start) {
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  ChildResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                       static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  result.peak_rss_kib = usage.ru_maxrss;
  return result;
}

}  // namespace

ChildResult run_program(const std::vector<std::string>& args, const fs::path& log) {
  const auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) {
    FILE* out = std::fopen(log.c_str(), "a");
    if (out != nullptr) {
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
    }
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return wait_for(child, start);
}

ChildResult run_forked(const std::function<int()>& work) {
  const auto start = std::chrono::steady_clock::now();
  pid_t child = fork();
  if (child == 0) _exit(work());
  return wait_for(child, start);
}

std::uintmax_t folder_size(const fs::path& path) {
  std::error_code error;
  if (fs::is_regular_file(path, error)) return fs::file_size(path, error);
  std::uintmax_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file()) bytes += entry.file_size();
  }
  return bytes;
}

void write_gzip(const fs::path& path, const std::string& bytes) {
  gzFile out = gzopen(path.c_str(), "wb1");
  gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(out);
}

}  // namespace litgraph::bench
