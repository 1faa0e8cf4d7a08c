// `litgraph index` and `litgraph stats` on the shipped corpus.
#include <catch2/catch.hpp>

#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::run_in_repo;
using litgraph::test::TempDir;

TEST_CASE("litgraph index writes the corpus once and finds it unchanged the second time",
          "[cli][index]") {
  TempDir home;
  const std::string db = (home.path() / "index").string();
  auto first = run_in_repo({"index", "corpus/", "--home", home.path().string(), "--db", db,
                            "--json"});
  INFO(first.err);
  REQUIRE(first.status == 0);
  auto summary = parse_json(first.out);
  CHECK(summary["added"].GetUint() == 5);
  CHECK(summary["unchanged"].GetUint() == 0);

  auto second = run_in_repo({"index", "corpus/", "--home", home.path().string(), "--db", db,
                             "--json"});
  REQUIRE(second.status == 0);
  auto again = parse_json(second.out);
  CHECK(again["added"].GetUint() == 0);
  CHECK(again["replaced"].GetUint() == 0);
  CHECK(again["unchanged"].GetUint() == 5);

  auto stats = run_in_repo({"stats", "--home", home.path().string(), "--db", db, "--json"});
  REQUIRE(stats.status == 0);
  auto counts = parse_json(stats.out);
  CHECK(counts["records"]["article"].GetUint() == 5);
  CHECK(counts["records"]["work"].GetUint() == 0);
  // The 23 references of the seeds cite 21 distinct works (refs --distinct).
  CHECK(counts["edges"]["cites"]["records"].GetUint() >= 21);
  CHECK(counts["entities"]["condition"]["distinct"].GetUint() > 10);
  auto text = run_in_repo({"stats", "--db", db, "--home", home.path().string()});
  CHECK(contains(text.out, "article  5"));
}

TEST_CASE("litgraph stats on a missing database is an index error", "[cli][index]") {
  TempDir home;
  auto run = run_in_repo({"stats", "--home", home.path().string(), "--db",
                          (home.path() / "nothing").string()});
  CHECK(run.status == 6);
  CHECK(contains(run.err, "nothing"));
}
