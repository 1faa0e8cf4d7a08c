// `litgraph check` on the seeds and on a file of broken references (issue 8),
// against the local stand-ins of Crossref and NCBI (tests/fixtures/composed/).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "fake_services.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::read_file;
using litgraph::test::Run;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

const std::string kBroken = "tests/fixtures/check/broken_references.txt";

// Runs `litgraph check ARGS` from the repository with a fresh data directory.
Run check(std::vector<std::string> args) {
  static litgraph::test::FakeServices services;
  TempDir home;
  args.insert(args.begin(), "check");
  std::vector<std::pair<std::string, std::string>> environment = services.environment(home.path());
  return run_litgraph(args, source_path(""), environment);
}

// --json prints one object per file, one per line: by file name.
std::map<std::string, rapidjson::Document> reports(const std::string& out) {
  std::map<std::string, rapidjson::Document> by_file;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    auto report = parse_json(line);
    const std::string file = report["file"].GetString();
    by_file.emplace(file, std::move(report));
  }
  return by_file;
}

const rapidjson::Value& entry(const rapidjson::Document& report, int n) {
  for (const auto& reference : report["references"].GetArray()) {
    if (reference["n"].GetInt() == n) return reference;
  }
  FAIL("no entry " << n);
  static rapidjson::Value none;
  return none;
}

std::vector<std::string> statuses(const rapidjson::Value& reference) {
  std::vector<std::string> out;
  for (const auto& status : reference["status"].GetArray()) out.emplace_back(status.GetString());
  return out;
}

// The finding on `field`, or a null value.
const rapidjson::Value* finding(const rapidjson::Value& reference, const std::string& field) {
  for (const auto& f : reference["findings"].GetArray()) {
    if (field == f["field"].GetString()) return &f;
  }
  return nullptr;
}

std::vector<int> ints(const rapidjson::Value& array) {
  std::vector<int> out;
  for (const auto& value : array.GetArray()) out.push_back(value.GetInt());
  return out;
}

const std::string k000 = "corpus/000_a41c27fd63d7b224.txt";
const std::string k001 = "corpus/001_cd66f4001d99aea2.txt";
const std::string k004 = "corpus/004_e528a28dc6c42343.txt";

}  // namespace

TEST_CASE("check on the seeds reports what the issue lists, and nothing correct as wrong",
          "[cli][check]") {
  Run run = check({"corpus", "--json"});
  REQUIRE(run.status == 1);  // findings
  auto by_file = reports(run.out);
  REQUIRE(by_file.size() == 5);

  // 000: Cohen 2018's DOI split by a space is repaired and verified, with a note.
  const auto& cohen_000 = entry(by_file.at(k000), 1);
  CHECK(statuses(cohen_000) == std::vector<std::string>{"verified"});
  const auto* split = finding(cohen_000, "doi");
  REQUIRE(split != nullptr);
  CHECK(std::string((*split)["severity"].GetString()) == "note");
  CHECK(std::string((*split)["cited"].GetString()) == "https://doi.org/10.1097/ aap.0000000000000808");
  CHECK(std::string((*split)["actual"].GetString()) == "10.1097/aap.0000000000000808");

  // 001: Cohen 2018 cited as "p. 1" is a mismatch on pages 521-546.
  const auto& cohen_001 = entry(by_file.at(k001), 3);
  CHECK(statuses(cohen_001) == std::vector<std::string>{"mismatch"});
  const auto* pages = finding(cohen_001, "pages");
  REQUIRE(pages != nullptr);
  CHECK(std::string((*pages)["cited"].GetString()) == "1");
  CHECK(std::string((*pages)["actual"].GetString()) == "521-546");
  CHECK(std::string((*pages)["severity"].GetString()) == "error");
  CHECK(std::string(cohen_001["work"]["doi"].GetString()) == "10.1097/aap.0000000000000808");

  // 001: Corriger 2021 "vol. Publish Ahead of Print" is ahead of print; the
  // final version is given; its year (the online year) and short title are fine.
  const auto& corriger = entry(by_file.at(k001), 4);
  CHECK(statuses(corriger) == std::vector<std::string>{"ahead-of-print"});
  const auto* final_version = finding(corriger, "volume");
  REQUIRE(final_version != nullptr);
  CHECK(std::string((*final_version)["actual"].GetString()) == "163(4):690-701");
  const auto* title = finding(corriger, "title");
  REQUIRE(title != nullptr);
  CHECK(std::string((*title)["severity"].GetString()) == "note");

  // 004: every entry lacks the DOI its record has; Pai 2007 first.
  const auto& report_004 = by_file.at(k004);
  REQUIRE(report_004["references"].Size() == 9);
  for (const auto& reference : report_004["references"].GetArray()) {
    auto list = statuses(reference);
    CHECK(std::find(list.begin(), list.end(), "missing-doi") != list.end());
  }
  const auto* pai_doi = finding(entry(report_004, 1), "doi");
  REQUIRE(pai_doi != nullptr);
  CHECK(std::string((*pai_doi)["actual"].GetString()) == "10.1093/bjaceaccp/mkm008");
  // Markers (1)-(3) and (9): entries 4-8 are never cited in the text.
  CHECK(report_004["markers"]["numbered"].GetBool());
  CHECK(ints(report_004["markers"]["uncited"]) == std::vector<int>{4, 5, 6, 7, 8});
  CHECK(ints(report_004["markers"]["dangling"]).empty());

  // No correct field reported as wrong: every error and warning on the seeds
  // is one of those above (and Bredlau 2013, cited before its print issue).
  std::set<std::tuple<std::string, int, std::string>> actionable;
  for (const auto& [file, report] : by_file) {
    for (const auto& reference : report["references"].GetArray()) {
      for (const auto& f : reference["findings"].GetArray()) {
        if (std::string(f["severity"].GetString()) == "note") continue;
        if (std::string(f["field"].GetString()) == "doi" && std::string(f["cited"].GetString()).empty()) {
          continue;  // missing-doi, checked above
        }
        actionable.emplace(file, reference["n"].GetInt(), f["field"].GetString());
      }
    }
  }
  CHECK(actionable == std::set<std::tuple<std::string, int, std::string>>{
                          {k001, 3, "pages"}, {k001, 4, "volume"}, {k004, 5, "volume"}});
}

TEST_CASE("check reports every status on a file of broken references", "[cli][check]") {
  Run run = check({kBroken, "--json"});
  REQUIRE(run.status == 1);
  auto by_file = reports(run.out);
  const auto& report = by_file.at(kBroken);
  const std::map<int, std::vector<std::string>> expected = {
      {1, {"verified"}},
      {2, {"mismatch"}},                     // year and volume
      {3, {"doi-invalid", "missing-doi"}},   // "10.1097pr9…" has no '/'; found by title
      {4, {"doi-not-found"}},
      {5, {"doi-other-work"}},               // Brown 2020's DOI on Zanos 2018
      {6, {"retracted"}},
      {7, {"corrected"}},
      {8, {"expression-of-concern"}},
      {9, {"ahead-of-print"}},
      {10, {"missing-doi"}},
      {11, {"unresolved"}},
      {12, {"mismatch", "missing-doi"}},     // Stacey is the second author
      {13, {"missing-doi", "duplicate"}},    // entry 1 again
      {14, {"ambiguous"}},                   // the title alone: the paper or its erratum
  };
  REQUIRE(report["references"].Size() == expected.size());
  for (const auto& [n, want] : expected) {
    INFO("entry " << n);
    CHECK(statuses(entry(report, n)) == want);
  }
  // The fields behind them.
  CHECK(finding(entry(report, 2), "year") != nullptr);
  CHECK(std::string((*finding(entry(report, 2), "volume"))["actual"].GetString()) == "129");
  CHECK(std::string((*finding(entry(report, 3), "doi"))["cited"].GetString()) == "10.1097pr9.0000000000000674");
  CHECK(contains((*finding(entry(report, 5), "doi"))["actual"].GetString(), "Brown"));
  const std::string retraction = (*finding(entry(report, 6), "notice"))["actual"].GetString();
  CHECK(contains(retraction, "crossref: Retraction doi:10.5555/litgraph.retracted.retraction-notice"));
  CHECK(contains(retraction, "pubmed:"));  // PubMed's RetractionIn as well
  CHECK(std::string((*finding(entry(report, 12), "first_author"))["actual"].GetString()) == "Dale");
  CHECK(std::string((*finding(entry(report, 13), "entry"))["actual"].GetString()) == "1");
  CHECK(entry(report, 14)["candidates"].Size() == 2);
  CHECK(ints(report["markers"]["dangling"]) == std::vector<int>{15});
  CHECK(ints(report["markers"]["uncited"]) == std::vector<int>{4, 10, 12});
  CHECK(report["summary"]["references"].GetUint() == 14);
}

TEST_CASE("check --json output matches the approved golden file", "[cli][check][golden]") {
  Run run = check({kBroken, "--json"});
  REQUIRE(run.status == 1);
  auto golden = source_path("tests/golden/check_broken.approved.json");
  if (std::getenv("LITGRAPH_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << run.out;
    WARN("golden file rewritten: " << golden);
  }
  CHECK(run.out == read_file(golden));
}

TEST_CASE("check exit codes: 0 when all is verified, 4 when services cannot be asked, 2 for usage",
          "[cli][check]") {
  Run clean = check({k000});
  CHECK(clean.status == 0);
  CHECK(contains(clean.out, "[1] verified"));
  CHECK(contains(clean.err, "3 references, 3 verified; 0 errors, 0 warnings, 1 notes"));

  Run offline = check({k000, "--offline"});  // nothing cached yet
  CHECK(offline.status == 4);
  CHECK(contains(offline.out, "unchecked"));
  CHECK(contains(offline.err, "3 references could not be checked"));

  Run missing = check({"no/such/file.txt"});
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "no/such/file.txt"));

  Run bad_format = check({k000, "--format", "docx"});
  CHECK(bad_format.status == 2);
}

TEST_CASE("check --format writes the corrected references", "[cli][check][export]") {
  Run bibtex = check({k001, "--format", "bibtex"});
  CHECK(bibtex.status == 1);
  CHECK(contains(bibtex.out, "pages = {521--546}"));  // as the record has them, not "p. 1"
  CHECK(contains(bibtex.out, "volume = {163}"));      // Corriger's final version

  Run csl = check({k001, "--format", "csl-json"});
  auto items = parse_json(csl.out);
  REQUIRE(items.IsArray());
  REQUIRE(items.Size() == 7);
  bool found = false;
  for (const auto& item : items.GetArray()) {
    if (item.HasMember("DOI") && std::string(item["DOI"].GetString()) == "10.1097/aap.0000000000000808") {
      CHECK(std::string(item["page"].GetString()) == "521-546");
      found = true;
    }
  }
  CHECK(found);

  Run ris = check({k001, "--format", "ris"});
  CHECK(contains(ris.out, "SP  - 521"));
  CHECK(contains(ris.out, "ER  - "));
}
