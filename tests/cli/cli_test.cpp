// End-to-end tests of the litgraph program: arguments, exit codes, output.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <rapidjson/document.h>

#include "test_support.h"

using litgraph::test::read_file;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs the program with `args` in `cwd`, capturing stdout and stderr in files.
Run run_litgraph(const std::vector<std::string>& args, const std::filesystem::path& cwd) {
  TempDir capture;
  auto out_path = capture.path() / "stdout";
  auto err_path = capture.path() / "stderr";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(127);
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
  waitpid(pid, &wstatus, 0);
  Run run;
  run.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  return run;
}

Run run_in_repo(const std::vector<std::string>& args) {
  return run_litgraph(args, source_path(""));
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

const char* kPaiEntry =
    "References\n"
    "1. Pai A, Heining M. Ketamine. Continuing Education in Anaesthesia, Critical Care & Pain. "
    "2007;7(2):59-63.\n";

}  // namespace

TEST_CASE("litgraph --help lists the commands and the exit codes", "[cli]") {
  Run run = run_in_repo({"--help"});
  CHECK(run.status == 0);
  CHECK(contains(run.out, "refs"));
  CHECK(contains(run.out, "Exit codes"));
  CHECK(contains(run.out, " 70 "));
}

TEST_CASE("litgraph refs --help documents the options and exit codes", "[cli]") {
  Run run = run_in_repo({"refs", "--help"});
  CHECK(run.status == 0);
  CHECK(contains(run.out, "--json"));
  CHECK(contains(run.out, "--distinct"));
  CHECK(contains(run.out, "Exit codes"));
}

TEST_CASE("litgraph --version prints the version", "[cli]") {
  Run run = run_in_repo({"--version"});
  CHECK(run.status == 0);
  CHECK(contains(run.out, "litgraph 0."));
}

TEST_CASE("unknown commands and options print usage and exit 2", "[cli]") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"frobnicate"}, {"refs", "--bogus", "corpus"}, {"refs"}, {}}) {
    CAPTURE(args);
    Run run = run_in_repo(args);
    CHECK(run.status == 2);
    CHECK(contains(run.err, "Usage"));
    CHECK(run.out.empty());
  }
}

TEST_CASE("litgraph refs over the shipped corpus finds 23 references", "[cli][issue2]") {
  Run run = run_in_repo({"refs", "corpus"});
  CHECK(run.status == 0);
  CHECK(contains(run.out, "corpus/004_e528a28dc6c42343.txt: 9 references"));
  CHECK(contains(run.err, "23 references in 5 files"));
}

TEST_CASE("litgraph refs --json prints the documented fields in order", "[cli][issue2]") {
  Run run = run_in_repo({"refs", "--json", "corpus/000_a41c27fd63d7b224.txt"});
  REQUIRE(run.status == 0);
  auto doc = parse_json(run.out);
  REQUIRE(doc["references"].IsArray());
  REQUIRE(doc["references"].Size() == 3);
  const auto& first = doc["references"][0];
  std::vector<std::string> keys;
  for (auto it = first.MemberBegin(); it != first.MemberEnd(); ++it) keys.push_back(it->name.GetString());
  CHECK(keys == std::vector<std::string>{"source", "line", "n", "raw", "style", "doi", "pmid",
                                         "pmcid", "authors", "et_al", "year", "title", "container",
                                         "volume", "issue", "pages", "first_page", "last_page"});
  CHECK(std::string(first["source"].GetString()) == "corpus/000_a41c27fd63d7b224.txt");
  CHECK(first["line"].GetInt() == 10);
  CHECK(std::string(first["doi"].GetString()) == "10.1097/aap.0000000000000808");
  CHECK(first["pmid"].IsNull());
  CHECK(first["authors"].Size() == 12);
  CHECK(std::string(first["authors"][11]["family"].GetString()) == "Hooten");
  CHECK(std::string(first["authors"][11]["given"].GetString()) == "W. M.");
  CHECK(first["year"].GetInt() == 2018);
  CHECK(std::string(first["pages"].GetString()) == "521-546");
}

TEST_CASE("litgraph refs --json output matches the approved golden file", "[cli][golden]") {
  Run run = run_in_repo({"refs", "--json", "corpus"});
  REQUIRE(run.status == 0);
  auto golden = source_path("tests/golden/refs_corpus.approved.json");
  if (std::getenv("LITGRAPH_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << run.out;
    WARN("golden file rewritten: " << golden);
  }
  CHECK(run.out == read_file(golden));
}

TEST_CASE("litgraph refs --distinct merges the seeds into 21 works", "[cli][issue2]") {
  Run run = run_in_repo({"refs", "--distinct", "--json", "corpus"});
  REQUIRE(run.status == 0);
  auto doc = parse_json(run.out);
  REQUIRE(doc["references"].Size() == 21);
  int cited_twice = 0;
  for (const auto& work : doc["references"].GetArray()) {
    REQUIRE(work["cited_by"].IsArray());
    if (work["cited_by"].Size() == 2) ++cited_twice;
  }
  CHECK(cited_twice == 2);
  CHECK(contains(run.err, "21 distinct works from 23 references in 5 files"));
}

TEST_CASE("a missing input is named, the others still run, exit 2", "[cli][errors]") {
  TempDir dir;
  dir.write("good.txt", kPaiEntry);
  Run run = run_litgraph({"refs", "missing.txt", "good.txt"}, dir.path());
  CHECK(run.status == 2);
  CHECK(contains(run.err, "missing.txt: error: no such file or directory"));
  CHECK(contains(run.out, "good.txt: 1 reference"));
}

TEST_CASE("a binary file is skipped as not a text file, exit 1", "[cli][errors]") {
  TempDir dir;
  dir.write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir.write("good.txt", kPaiEntry);
  Run run = run_litgraph({"refs", "--json", "image.txt", "good.txt"}, dir.path());
  CHECK(run.status == 1);
  CHECK(contains(run.err, "image.txt: error: not a text file, skipped"));
  auto doc = parse_json(run.out);
  CHECK(doc["references"].Size() == 1);
}

TEST_CASE("invalid UTF-8 is replaced with a warning naming file and line", "[cli][errors]") {
  TempDir dir;
  dir.write("latin1.txt", std::string("R\xE9sum\xE9\n") + kPaiEntry);
  Run run = run_litgraph({"refs", "--json", "latin1.txt"}, dir.path());
  CHECK(run.status == 0);
  CHECK(contains(run.err, "latin1.txt:1: warning: invalid UTF-8"));
  auto doc = parse_json(run.out);
  CHECK(doc["references"].Size() == 1);
  CHECK(doc["references"][0]["line"].GetInt() == 3);
}

TEST_CASE("an empty file has no references and exits 0", "[cli][errors]") {
  TempDir dir;
  dir.write("empty.txt", "");
  Run run = run_litgraph({"refs", "--json", "empty.txt"}, dir.path());
  CHECK(run.status == 0);
  CHECK(run.out == "{\"references\":[]}\n");
}
