// `litgraph query` on the seeds indexed with their crawled works (issue 7).
#include <catch2/catch.hpp>

#include <xapian.h>
#include <pugixml.hpp>

#include <algorithm>

#include <map>
#include <set>

#include "fake_services.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::Run;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

// One index for every test here: crawl the corpus from the stand-ins, index it.
const TempDir& seeded_home() {
  static TempDir home;
  static bool built = false;
  if (!built) {
    litgraph::test::FakeServices services;
    std::vector<std::pair<std::string, std::string>> environment = services.environment(home.path());
    REQUIRE(run_litgraph({"crawl", "corpus"}, source_path(""), environment).status == 0);
    REQUIRE(run_litgraph({"index", "corpus"}, source_path(""), environment).status == 0);
    built = true;
  }
  return home;
}

Run query(std::vector<std::string> args) {
  args.insert(args.begin(), "query");
  args.push_back("--home");
  args.push_back(seeded_home().path().string());
  return run_litgraph(args, source_path(""));
}

std::set<std::string> ids_of(const rapidjson::Document& result) {
  std::set<std::string> ids;
  for (const auto& hit : result["results"].GetArray()) ids.insert(hit["id"].GetString());
  return ids;
}

const std::string k000 = "article:corpus/000_a41c27fd63d7b224.txt";
const std::string k001 = "article:corpus/001_cd66f4001d99aea2.txt";
const std::string k003 = "article:corpus/003_c30eaf50ce6f0a17.txt";
const std::string k004 = "article:corpus/004_e528a28dc6c42343.txt";

}  // namespace

TEST_CASE("query condition:fibromyalgia finds 003 and the Ochsner review", "[cli][query]") {
  Run run = query({"condition:fibromyalgia", "kind:article OR kind:work", "--json", "--limit", "50"});
  INFO(run.err);
  REQUIRE(run.status == 0);
  auto result = parse_json(run.out);
  auto ids = ids_of(result);
  CHECK(ids.count(k003) == 1);
  bool ochsner = false;
  for (const auto& hit : result["results"].GetArray()) {
    if (std::string(hit["kind"].GetString()) == "work") {
      ochsner |= contains(hit["title"].GetString(), "Intravenous Ketamine for Fibromyalgia");
    }
  }
  CHECK(ochsner);
  // The name, the abbreviation and the id are one filter.
  for (const char* same : {"condition:mesh:D005356", "condition:Fibromyalgia"}) {
    auto other = parse_json(query({same, "kind:article OR kind:work", "--json", "--limit", "50"}).out);
    CHECK(ids_of(other) == ids);
  }
}

TEST_CASE("query receptor:NMDA kind:article finds the four articles that mention it",
          "[cli][query]") {
  auto result = parse_json(query({"receptor:NMDA", "kind:article", "--json"}).out);
  CHECK(ids_of(result) == std::set<std::string>{k000, k001, k003, k004});
  CHECK(result["total"].GetUint() == 4);
  auto flags = parse_json(query({"--filter", "receptor=NMDAR", "--filter", "kind=article", "--json"}).out);
  CHECK(ids_of(flags) == ids_of(result));
}

TEST_CASE("query facet counts equal counts taken from the records", "[cli][query]") {
  auto result = parse_json(
      query({"drug:ketamine", "--facet", "condition", "--facet", "kind", "--json", "--limit", "0"}).out);
  // Independently: every article and work that names ketamine, and what else
  // it names (passages are searched only when a kind asks for them).
  Xapian::Database database((seeded_home().path() / "index").string());
  std::map<std::string, std::size_t> conditions;
  std::map<std::string, std::size_t> kinds;
  std::size_t total = 0;
  std::size_t passages = 0;
  for (auto it = database.postlist_begin("XEDmesh:D007649"); it != database.postlist_end("XEDmesh:D007649"); ++it) {
    auto document = database.get_document(*it);
    auto kind = document.termlist_begin();
    kind.skip_to("Kpassage");
    if (kind != document.termlist_end() && *kind == "Kpassage") {
      ++passages;
      continue;
    }
    ++total;
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      std::string name = *term;
      if (name.rfind("XEC", 0) == 0) ++conditions[name.substr(3)];
      if (name.rfind("K", 0) == 0) ++kinds[name.substr(1)];
    }
  }
  REQUIRE(passages > 0);
  CHECK(result["total"].GetUint() == total);
  std::map<std::string, std::size_t> faceted;
  for (const auto& value : result["facets"]["condition"].GetArray()) {
    faceted[value["id"].GetString()] = value["count"].GetUint();
    CHECK(value["name"].IsString());
  }
  CHECK(faceted == conditions);
  std::map<std::string, std::size_t> faceted_kinds;
  for (const auto& value : result["facets"]["kind"].GetArray()) {
    faceted_kinds[value["value"].GetString()] = value["count"].GetUint();
  }
  CHECK(faceted_kinds == kinds);
  CHECK(faceted_kinds.count("passage") == 0);  // the default search leaves passages out
  // Asked for by kind, the passages are there too.
  auto with_passages = parse_json(query({"drug:ketamine", "--filter", "kind=passage", "--filter",
                                         "kind=article", "--filter", "kind=work", "--json",
                                         "--limit", "0"}).out);
  CHECK(with_passages["total"].GetUint() == total + passages);
  // Sorted by count.
  std::size_t previous = SIZE_MAX;
  for (const auto& value : result["facets"]["condition"].GetArray()) {
    CHECK(value["count"].GetUint() <= previous);
    previous = value["count"].GetUint();
  }
}

TEST_CASE("query results carry their fields, a marked snippet and their entities", "[cli][query]") {
  auto result = parse_json(query({"ketamine", "infusion", "kind:passage", "--json", "--limit", "3"}).out);
  REQUIRE(result["results"].Size() > 0);
  const auto& hit = result["results"][0];
  CHECK(std::string(hit["kind"].GetString()) == "passage");
  CHECK(hit["score"].GetDouble() > 0);
  CHECK(contains(hit["snippet"].GetString(), "<b>"));
  bool ketamine = false;
  for (const auto& drug : hit["entities"]["drug"].GetArray()) {
    ketamine |= std::string(drug["id"].GetString()) == "mesh:D007649";
  }
  CHECK(ketamine);
  // Phrases, years and sorting.
  auto phrase = parse_json(query({"\"nasal spray\"", "--json"}).out);
  CHECK(phrase["total"].GetUint() > 0);
  auto years = parse_json(query({"year:2015..2020", "kind:work", "--json", "--sort", "year", "--limit", "50"}).out);
  int last = 9999;
  for (const auto& work : years["results"].GetArray()) {
    REQUIRE(work["year"].IsInt());
    CHECK(work["year"].GetInt() >= 2015);
    CHECK(work["year"].GetInt() <= 2020);
    CHECK(work["year"].GetInt() <= last);
    last = work["year"].GetInt();
  }
}

TEST_CASE("query reports bad fields, unknown entities and unbalanced quotes as usage errors",
          "[cli][query]") {
  Run field = query({"colour:red"});
  CHECK(field.status == 2);
  CHECK(contains(field.err, "colour: unknown field"));
  Run entity = query({"condition:fibromyalga"});
  CHECK(entity.status == 2);
  CHECK(contains(entity.err, "did you mean Fibromyalgia (mesh:D005356)"));
  Run quote = query({"ketamine \"nasal spray"});
  CHECK(quote.status == 2);
  CHECK(contains(quote.err, "unbalanced quote"));
  Run filter = query({"--filter", "conditionCRPS"});
  CHECK(filter.status == 2);
  Run facet = query({"--facet", "colour"});
  CHECK(facet.status == 2);
  TempDir empty;
  Run missing = run_litgraph({"query", "ketamine", "--home", empty.path().string()}, source_path(""));
  CHECK(missing.status == 6);
  CHECK(contains(missing.err, "no index here"));
}

TEST_CASE("graph neighbors ketamine --type receptor lists its receptors with evidence",
          "[cli][graph]") {
  Run run = run_litgraph({"graph", "neighbors", "ketamine", "--type", "receptor", "--json",
                          "--home", seeded_home().path().string()},
                         source_path(""));
  INFO(run.err);
  REQUIRE(run.status == 0);
  auto result = parse_json(run.out);
  REQUIRE(result["entities"].Size() == 1);
  const auto& entity = result["entities"][0];
  CHECK(std::string(entity["entity"]["id"].GetString()) == "mesh:D007649");
  std::map<std::string, const rapidjson::Value*> by_id;
  for (const auto& neighbor : entity["neighbors"].GetArray()) {
    CHECK(std::string(neighbor["entity"]["type"].GetString()) == "receptor");
    CHECK(std::string(neighbor["edge"].GetString()) == "acts_on");
    CHECK(neighbor["evidence"].Size() > 0);
    by_id[neighbor["entity"]["id"].GetString()] = &neighbor;
  }
  for (const char* receptor : {"mesh:D016194", "mesh:D018091", "mesh:D064428"}) {
    CHECK(by_id.count(receptor) == 1);  // NMDA, AMPA, HCN
  }
  CHECK((by_id.count("mesh:D011957") + by_id.count("mesh:D017450")) >= 1);  // opioid, mu
  // NMDA is the heaviest, an antagonist by several sources.
  const auto& nmda = *by_id["mesh:D016194"];
  CHECK(std::string(entity["neighbors"][0]["entity"]["id"].GetString()) == "mesh:D016194");
  CHECK(nmda["antagonist"].GetUint() >= 3);
  CHECK(nmda["sources"].GetUint() >= 3);
}

TEST_CASE("graph evidence ketamine PTSD returns the passage about the trial", "[cli][graph]") {
  Run run = run_litgraph({"graph", "evidence", "ketamine", "PTSD", "--json", "--home",
                          seeded_home().path().string()},
                         source_path(""));
  REQUIRE(run.status == 0);
  auto result = parse_json(run.out);
  REQUIRE(result["pairs"].Size() == 1);
  bool trial = false;
  for (const auto& passage : result["pairs"][0]["passages"].GetArray()) {
    CHECK(contains(passage["owner"].GetString(), "002_ce4e0486c9f0905c"));
    trial |= contains(passage["text"].GetString(), "American Journal of Psychiatry");
  }
  CHECK(trial);
  Run unknown = run_litgraph({"graph", "evidence", "ketamine", "fibromyalga", "--home",
                              seeded_home().path().string()},
                             source_path(""));
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.err, "Fibromyalgia"));
}

TEST_CASE("graph export writes the same graph as JSON, GraphML, DOT and CSV", "[cli][graph]") {
  auto run = [](const std::string& format, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"graph", "export", "--format", format, "--home",
                                     seeded_home().path().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    Run result = run_litgraph(args, source_path(""));
    INFO(result.err);
    REQUIRE(result.status == 0);
    return result.out;
  };
  auto graph = parse_json(run("json"));
  const auto nodes = graph["nodes"].Size();
  const auto edges = graph["edges"].Size();
  REQUIRE(nodes > 10);
  REQUIRE(edges > 10);
  std::set<std::string> ids;
  for (const auto& node : graph["nodes"].GetArray()) ids.insert(node["id"].GetString());
  bool ketamine_nmda = false;
  for (const auto& edge : graph["edges"].GetArray()) {
    CHECK(ids.count(edge["source"].GetString()) == 1);
    CHECK(ids.count(edge["target"].GetString()) == 1);
    CHECK(edge["weight"].GetUint() >= 1);
    ketamine_nmda |= std::string(edge["source"].GetString()) == "mesh:D007649" &&
                     std::string(edge["target"].GetString()) == "mesh:D016194" &&
                     edge["antagonist"].GetUint() >= 3;
  }
  CHECK(ketamine_nmda);

  // GraphML: well-formed, the GraphML namespace, keys declared, every edge's ends are nodes.
  pugi::xml_document graphml;
  REQUIRE(graphml.load_string(run("graphml").c_str()));
  auto root = graphml.child("graphml");
  CHECK(std::string(root.attribute("xmlns").value()) == "http://graphml.graphdrawing.org/xmlns");
  std::set<std::string> keys;
  for (auto key : root.children("key")) keys.insert(key.attribute("id").value());
  std::set<std::string> node_ids;
  std::size_t xml_edges = 0;
  for (auto node : root.child("graph").children("node")) node_ids.insert(node.attribute("id").value());
  for (auto edge : root.child("graph").children("edge")) {
    ++xml_edges;
    CHECK(node_ids.count(edge.attribute("source").value()) == 1);
    CHECK(node_ids.count(edge.attribute("target").value()) == 1);
    for (auto data : edge.children("data")) CHECK(keys.count(data.attribute("key").value()) == 1);
  }
  CHECK(node_ids == ids);
  CHECK(xml_edges == edges);

  // DOT and CSV: one line per node and edge, one row per edge.
  std::string dot = run("dot");
  CHECK(dot.rfind("digraph litgraph {", 0) == 0);
  CHECK(static_cast<std::size_t>(std::count(dot.begin(), dot.end(), '\n')) == nodes + edges + 2);
  std::string csv = run("csv");
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == edges + 1);
  CHECK(contains(csv, "\"Receptors, N-Methyl-D-Aspartate\""));  // quoted: it has a comma

  // Around ketamine, one step: ketamine and its neighbours only.
  auto around = parse_json(run("json", {"--around", "ketamine", "--depth", "1"}));
  CHECK(around["nodes"].Size() < nodes);
  for (const auto& edge : around["edges"].GetArray()) CHECK(edge["weight"].GetUint() >= 1);
}
