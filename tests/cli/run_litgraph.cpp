#include "run_litgraph.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include "test_support.h"

namespace litgraph::test {

Run run_litgraph(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                 const std::vector<std::pair<std::string, std::string>>& environment,
                 std::optional<std::chrono::milliseconds> kill_after, int kill_signal) {
  TempDir capture;
  auto out_path = capture.path() / "stdout";
  auto err_path = capture.path() / "stderr";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || null < 0) _exit(127);
    dup2(out, 1);
    dup2(err, 2);
    dup2(null, 0);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(LITGRAPH_BINARY));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(LITGRAPH_BINARY, argv.data());
    _exit(127);
  }
  int wstatus = 0;
  if (kill_after) {
    const auto deadline = std::chrono::steady_clock::now() + *kill_after;
    while (waitpid(pid, &wstatus, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        kill(pid, kill_signal);
        waitpid(pid, &wstatus, 0);
        break;
      }
      usleep(500);
    }
  } else {
    waitpid(pid, &wstatus, 0);
  }
  Run run;
  run.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

Run run_in_repo(const std::vector<std::string>& args) { return run_litgraph(args, source_path("")); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

}  // namespace litgraph::test
