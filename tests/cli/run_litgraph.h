// Running the real litgraph program from end-to-end tests.
#pragma once

#include <chrono>
#include <optional>

#include <filesystem>
#include <rapidjson/document.h>
#include <string>
#include <utility>
#include <vector>

namespace litgraph::test {

// What a run of the program came to.
struct Run {
  int status = -1;  // exit code, or 128 + signal
  std::string out;
  std::string err;
};

// Runs the program with `args` in `cwd`, with `environment` added to this
// process's, capturing stdout and stderr in files.
// With `kill_after`, a run still going after that long is sent `kill_signal`
// (SIGKILL: its status is then 128 + 9).
Run run_litgraph(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                 const std::vector<std::pair<std::string, std::string>>& environment = {},
                 std::optional<std::chrono::milliseconds> kill_after = std::nullopt,
                 int kill_signal = 9);

// Runs the program in the repository (so `corpus/` names the shipped corpus).
Run run_in_repo(const std::vector<std::string>& args);

bool contains(const std::string& text, const std::string& part);

// Parses `text` as JSON; fails the test case if it is not.
rapidjson::Document parse_json(const std::string& text);

}  // namespace litgraph::test
