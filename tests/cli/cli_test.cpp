// End-to-end tests of the litgraph program: arguments, exit codes, output.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "fake_services.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::read_file;
using litgraph::test::Run;
using litgraph::test::run_in_repo;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

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

namespace {

std::vector<std::pair<std::string, std::string>> service_environment(const litgraph::test::FakeServices& services,
                                                                     const TempDir& home) {
  auto environment = services.environment(home.path());
  environment.emplace_back("NCBI_API_KEY", "SECRET-KEY-123");
  return environment;
}

}  // namespace

TEST_CASE("litgraph crawl --json resolves the corpus against the services (issue 3)", "[cli][crawl][issue3]") {
  litgraph::test::FakeServices services;
  TempDir home;
  Run run = run_litgraph({"crawl", "--json", "--no-match", "corpus"}, source_path(""),
                         service_environment(services, home));
  CHECK(run.status == 0);
  auto doc = parse_json(run.out);
  REQUIRE(doc["works"].Size() == 21);
  int resolved = 0, unresolved = 0;
  for (const auto& w : doc["works"].GetArray()) {
    std::string status = w["status"].GetString();
    resolved += status == "resolved";
    unresolved += status == "unresolved";
    if (status == "unresolved") CHECK(w["reason"].IsString());
  }
  CHECK(resolved == 9);
  CHECK(unresolved == 12);
  REQUIRE(doc["requests"].IsObject());
  long sent = 0;
  for (auto it = doc["requests"].MemberBegin(); it != doc["requests"].MemberEnd(); ++it)
    sent += it->value["sent"].GetInt64();
  CHECK(sent <= 7);
  CHECK(doc["cache"]["misses"].GetInt64() > 0);
  CHECK(contains(run.err, "21 works: 9 resolved, 0 ambiguous, 12 unresolved, 0 failed"));
  // The API key reached NCBI but never the output, the logs or the disk.
  bool key_sent = false;
  for (const auto& r : services.ncbi().requests()) key_sent |= contains(r.target + r.body, "api_key=SECRET-KEY-123");
  CHECK(key_sent);
  CHECK_FALSE(contains(run.out + run.err, "SECRET-KEY-123"));
  for (const auto& f : std::filesystem::recursive_directory_iterator(home.path()))
    if (f.is_regular_file()) CHECK_FALSE(contains(read_file(f.path()), "SECRET-KEY-123"));

  Run again = run_litgraph({"crawl", "--json", "--no-match", "corpus"}, source_path(""),
                           service_environment(services, home));
  CHECK(again.status == 0);
  CHECK(parse_json(again.out)["requests"].MemberCount() == 0);  // all from the cache
}

TEST_CASE("litgraph crawl with no network says so once and exits 1", "[cli][crawl][issue3]") {
  TempDir home;
  std::string closed = "http://127.0.0.1:" + std::to_string(litgraph::test::closed_port());
  Run run = run_litgraph({"crawl", "corpus"}, source_path(""),
                         {{"LITGRAPH_HOME", home.path().string()},
                          {"LITGRAPH_CROSSREF_URL", closed},
                          {"LITGRAPH_EUTILS_URL", closed + "/eutils"},
                          {"LITGRAPH_IDCONV_URL", closed + "/idconv/"}});
  CHECK(run.status == 1);
  std::size_t said = 0;
  for (std::size_t at = run.err.find("giving up"); at != std::string::npos; at = run.err.find("giving up", at + 1))
    ++said;
  CHECK(said == 1);  // one host: Crossref and NCBI share the closed port here
  // The identifier-less references fail too: the searches for them could not run.
  CHECK(contains(run.err, "0 resolved, 0 ambiguous, 0 unresolved, 21 failed"));
}

TEST_CASE("litgraph crawl reports every configuration problem at once, exit 3", "[cli][crawl]") {
  TempDir home;
  Run run = run_litgraph({"crawl", "corpus"}, source_path(""),
                         {{"LITGRAPH_HOME", home.path().string()},
                          {"LITGRAPH_CROSSREF_URL", "ftp://nowhere"},
                          {"LITGRAPH_MAILTO", "not-an-address"}});
  CHECK(run.status == 3);
  CHECK(contains(run.err, "crossref_url"));
  CHECK(contains(run.err, "mailto"));
}

TEST_CASE("litgraph crawl names a bad line of the configuration file", "[cli][crawl]") {
  TempDir home;
  auto config = home.write("config", "# litgraph\nmailto = me@example.org\ncolour = blue\n");
  Run run = run_litgraph({"crawl", "--config", config.string(), "corpus"}, source_path(""),
                         {{"LITGRAPH_HOME", home.path().string()}});
  CHECK(run.status == 3);
  CHECK(contains(run.err, config.string() + ":3: unknown setting \"colour\""));
}

TEST_CASE("litgraph crawl cannot write its data directory: exit 9, clear message", "[cli][crawl]") {
  TempDir home;
  home.write("blocked", "a file where the data directory should be");
  Run run = run_litgraph({"crawl", "--offline", "corpus"}, source_path(""),
                         {{"LITGRAPH_HOME", (home.path() / "blocked").string()}});
  CHECK(run.status == 9);
  CHECK(contains(run.err, "cannot write the data directory"));
}

TEST_CASE("litgraph match resolves one free-text reference (issue 4)", "[cli][match][issue4]") {
  litgraph::test::FakeServices services;
  TempDir home;
  Run run = run_litgraph({"match", "--json",
                          "Li N, Lee B, Liu RJ, et al. mTOR-dependent synapse formation underlies the rapid "
                          "antidepressant effects of NMDA antagonists. Science. 2010;329(5994):959-964."},
                         source_path(""), service_environment(services, home));
  CHECK(run.status == 0);
  auto doc = parse_json(run.out);
  CHECK(std::string(doc["status"].GetString()) == "resolved");
  CHECK(std::string(doc["via"].GetString()) == "ecitmatch");
  CHECK(std::string(doc["doi"].GetString()) == "10.1126/science.1190287");
  CHECK(doc["score"].GetDouble() >= 0.9);

  // Now in the local store: the same reference in another style needs no request.
  std::size_t before = services.crossref().requests().size() + services.ncbi().requests().size();
  Run local = run_litgraph({"match", "--json", "--offline",
                            "Li, N., Lee, B., & Liu, R. J. (2010). mTOR-dependent synapse formation underlies "
                            "the rapid antidepressant effects of NMDA antagonists. Science, 329(5994), 959-964."},
                           source_path(""), service_environment(services, home));
  CHECK(local.status == 0);
  CHECK(std::string(parse_json(local.out)["via"].GetString()) == "local");
  CHECK(services.crossref().requests().size() + services.ncbi().requests().size() == before);
}

TEST_CASE("litgraph match says unresolved and exits 1 for an unknown reference", "[cli][match][issue4]") {
  TempDir home;
  Run run = run_litgraph({"match", "--offline", "Nobody A. A paper nobody wrote. J Nowhere. 1999;1:1-2."},
                         source_path(""), {{"LITGRAPH_HOME", home.path().string()}});
  CHECK(run.status == 1);
  CHECK(contains(run.out, "unresolved"));
  Run empty = run_litgraph({"match", "  "}, source_path(""), {{"LITGRAPH_HOME", home.path().string()}});
  CHECK(empty.status == 2);
}
