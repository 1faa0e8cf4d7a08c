// `litgraph show` on the seeds indexed with their crawled works (issue 7).
#include <catch2/catch.hpp>

#include <xapian.h>

#include <set>
#include <string>

#include "fake_services.h"
#include "litgraph/query/database.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::Run;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

const std::string kZarate = "work:doi:10.1001/archpsyc.63.8.856";
const std::string kZarateTitle =
    "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major "
    "depression";
const std::string k000 = "article:corpus/000_a41c27fd63d7b224.txt";
const std::string k001 = "article:corpus/001_cd66f4001d99aea2.txt";
const std::string k003 = "article:corpus/003_c30eaf50ce6f0a17.txt";
const std::string k004 = "article:corpus/004_e528a28dc6c42343.txt";

// One index for every test here: crawl the corpus from the stand-ins, index it.
const TempDir& seeded_home() {
  static TempDir home;
  static bool built = false;
  if (!built) {
    litgraph::test::FakeServices services;
    std::vector<std::pair<std::string, std::string>> environment = services.environment(home.path());
    Run crawl = run_litgraph({"crawl", "corpus"}, source_path(""), environment);
    INFO(crawl.err);
    REQUIRE(crawl.status == 0);
    Run index = run_litgraph({"index", "corpus"}, source_path(""), environment);
    INFO(index.err);
    REQUIRE(index.status == 0);
    built = true;
  }
  return home;
}

// `litgraph show ARGS… --home HOME`, run in the repository.
Run show(std::vector<std::string> args) {
  args.insert(args.begin(), "show");
  args.push_back("--home");
  args.push_back(seeded_home().path().string());
  return run_litgraph(args, source_path(""));
}

std::set<std::string> ids_of_kind(const rapidjson::Value& records, const std::string& kind) {
  std::set<std::string> ids;
  for (const auto& record : records.GetArray()) {
    if (kind == record["kind"].GetString()) ids.insert(record["id"].GetString());
  }
  return ids;
}

}  // namespace

TEST_CASE("litgraph show prints a work with the articles and passages that cite it",
          "[cli][show]") {
  Run run = show({kZarate, "--json"});
  INFO(run.err);
  REQUIRE(run.status == 0);
  auto record = parse_json(run.out);
  CHECK(record["id"].GetString() == kZarate);
  CHECK(std::string(record["kind"].GetString()) == "work");
  CHECK(contains(record["fields"]["title"].GetString(), kZarateTitle));  // PubMed's, with a '.' 
  CHECK(record["fields"]["year"].GetInt() == 2006);
  CHECK(ids_of_kind(record["cited_by"], "article") == std::set<std::string>{k004});
  // The sentence of 004 that cites it with "(2)" is a citation context.
  bool context = false;
  for (const auto& citing : record["cited_by"].GetArray()) {
    if (std::string(citing["kind"].GetString()) != "passage") continue;
    CHECK(citing["owner"].GetString() == k004);
    CHECK(std::string(citing["id"].GetString()).rfind(k004 + "#p", 0) == 0);
    context |= contains(citing["text"].GetString(), "(71%)");
  }
  CHECK(context);
  // Every key is there; what does not apply to a work is empty.
  CHECK(record["edges"].GetArray().Empty());
  CHECK(record["entities"]["drug"].IsArray());
  CHECK(record["entities"]["receptor"].IsArray());
  // Its MeSH headings, with names, Ketamine among them.
  bool ketamine = false;
  for (const auto& heading : record["mesh"].GetArray()) {
    ketamine |= std::string(heading["id"].GetString()) == "mesh:D007649" &&
                std::string(heading["name"].GetString()) == "Ketamine";
  }
  CHECK(ketamine);
}

TEST_CASE("litgraph show prints readable text with the title and the citation contexts",
          "[cli][show]") {
  Run run = show({kZarate});
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.out.rfind(kZarate + "  (work)\n", 0) == 0);
  CHECK(contains(run.out, "  title "));
  CHECK(contains(run.out, kZarateTitle));
  CHECK(contains(run.out, "cited by 1 article, 2 passages"));
  CHECK(contains(run.out, "\n  " + k004 + "  "));
  CHECK(contains(run.out, "(71%)"));
  CHECK(contains(run.out, "MeSH headings"));
}

TEST_CASE("litgraph show takes a bare DOI, a doi.org URL and a PMID for a work", "[cli][show]") {
  // Cohen 2018, cited by 000 and 001.
  for (const char* given :
       {"10.1097/aap.0000000000000808", "doi:10.1097/AAP.0000000000000808",
        "https://doi.org/10.1097/aap.0000000000000808"}) {
    Run run = show({given, "--json"});
    INFO(given << "\n" << run.err);
    REQUIRE(run.status == 0);
    auto record = parse_json(run.out);
    CHECK(std::string(record["id"].GetString()) == "work:doi:10.1097/aap.0000000000000808");
    CHECK(ids_of_kind(record["cited_by"], "article") == std::set<std::string>{k000, k001});
  }
  // A crawled work is keyed by its DOI; its PMID finds it too.
  Run zarate = show({kZarate, "--json"});
  REQUIRE(zarate.status == 0);
  auto fields = parse_json(zarate.out)["fields"].GetObject();
  REQUIRE(fields.HasMember("pmid"));
  const std::string pmid = fields["pmid"].GetString();
  for (const std::string& given : {pmid, "pmid:" + pmid, "PMID: " + pmid}) {
    Run run = show({given, "--json"});
    INFO(given << "\n" << run.err);
    REQUIRE(run.status == 0);
    CHECK(parse_json(run.out)["id"].GetString() == kZarate);
  }
}

TEST_CASE("litgraph show takes an article's path and lists its entities and what it cites",
          "[cli][show]") {
  for (const std::string& given : {std::string("corpus/003_c30eaf50ce6f0a17.txt"),
                                   std::string("./corpus/003_c30eaf50ce6f0a17.txt"), k003}) {
    Run run = show({given, "--json"});
    INFO(given << "\n" << run.err);
    REQUIRE(run.status == 0);
    auto record = parse_json(run.out);
    CHECK(record["id"].GetString() == k003);
    CHECK(std::string(record["kind"].GetString()) == "article");
    bool fibromyalgia = false;
    for (const auto& entity : record["entities"]["condition"].GetArray()) {
      if (std::string(entity["id"].GetString()) != "mesh:D005356") continue;
      fibromyalgia = true;
      CHECK(std::string(entity["name"].GetString()) == "Fibromyalgia");
      CHECK(entity["count"].GetUint() >= 1);
    }
    CHECK(fibromyalgia);
    REQUIRE_FALSE(record["cites"].GetArray().Empty());
    // Cited works are crawled here: each has its title.
    for (const auto& work : record["cites"].GetArray()) {
      CHECK(work["indexed"].GetBool());
      CHECK(work["title"].IsString());
    }
    CHECK(record["passages"].GetUint() > 10);
  }
}

TEST_CASE("litgraph show prints a passage with its owner, cited works and edges",
          "[cli][show]") {
  // A citation context of Zarate 2006, as show lists it.
  Run zarate = show({kZarate, "--json"});
  REQUIRE(zarate.status == 0);
  std::string passage;
  for (const auto& citing : parse_json(zarate.out)["cited_by"].GetArray()) {
    if (contains(citing["text"].IsString() ? citing["text"].GetString() : "", "(71%)")) {
      passage = citing["id"].GetString();
    }
  }
  REQUIRE_FALSE(passage.empty());
  Run run = show({passage, "--json"});
  INFO(run.err);
  REQUIRE(run.status == 0);
  auto record = parse_json(run.out);
  CHECK(std::string(record["kind"].GetString()) == "passage");
  CHECK(record["fields"]["owner"].GetString() == k004);
  CHECK(record["fields"]["line"].GetInt() > 0);
  CHECK(contains(record["fields"]["text"].GetString(), "(71%)"));
  bool cites_zarate = false;
  for (const auto& work : record["cites"].GetArray()) {
    if (work["id"].GetString() != kZarate) continue;
    cites_zarate = true;
    CHECK(contains(work["title"].GetString(), kZarateTitle));
    CHECK(work["year"].GetInt() == 2006);
  }
  CHECK(cites_zarate);
  CHECK(record["cited_by"].GetArray().Empty());
  Run text = show({passage});
  CHECK(contains(text.out, "owner"));
  CHECK(contains(text.out, k004));

  // A passage of 003 that says ketamine inhibits the NMDA receptor: its edges, named.
  Xapian::Database database((seeded_home().path() / "index").string());
  const std::string antagonist = "Gacts_on:antagonist:mesh:D007649|mesh:D016194";
  std::string evidence;
  for (auto it = database.postlist_begin(antagonist); it != database.postlist_end(antagonist);
       ++it) {
    auto data = parse_json(litgraph::query::record_data(database, database.get_document(*it)));
    if (data["owner"].GetString() == k003) evidence = data["id"].GetString();
  }
  REQUIRE_FALSE(evidence.empty());
  Run edges = show({evidence});
  INFO(edges.err);
  REQUIRE(edges.status == 0);
  CHECK(contains(edges.out, "Ketamine  acts_on (antagonist)  Receptors, N-Methyl-D-Aspartate"));
  auto json = parse_json(show({evidence, "--json"}).out);
  std::set<std::string> types;
  for (const auto& edge : json["edges"].GetArray()) {
    if (std::string(edge["from"]["id"].GetString()) == "mesh:D007649" &&
        std::string(edge["to"]["id"].GetString()) == "mesh:D016194") {
      types.insert(edge["type"].GetString());
      CHECK(std::string(edge["from"]["name"].GetString()) == "Ketamine");
    }
  }
  CHECK(types.count("acts_on") == 1);
  CHECK(types.count("acts_on:antagonist") == 1);
}

TEST_CASE("litgraph show of an unknown id is a usage error naming similar ids", "[cli][show]") {
  Run run = show({"corpus/004_e528"});
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(contains(run.err, "no record \"corpus/004_e528\""));
  CHECK(contains(run.err, k004));  // same prefix

  Run doi = show({"10.1001/archpsyc.63.8.000"});
  CHECK(doi.status == 2);
  CHECK(contains(doi.err, "work:doi:10.1001/archpsyc.63.8.000"));
  CHECK(contains(doi.err, kZarate));

  Run passage = show({k004 + "#p99999"});
  CHECK(passage.status == 2);
}

TEST_CASE("litgraph show without an index is an index error", "[cli][show]") {
  TempDir home;
  Run run = run_litgraph({"show", kZarate, "--home", home.path().string()}, source_path(""));
  CHECK(run.status == 6);
  CHECK(contains(run.err, (home.path() / "index").string()));
}
