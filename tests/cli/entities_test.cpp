// End-to-end tests of `litgraph entities` (issue 5): the entities of the seed
// corpus, the JSON and text outputs, --type, --vocabulary and bad inputs.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

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

const char* const kCorpus[] = {
    "corpus/000_a41c27fd63d7b224.txt", "corpus/001_cd66f4001d99aea2.txt",
    "corpus/002_ce4e0486c9f0905c.txt", "corpus/003_c30eaf50ce6f0a17.txt",
    "corpus/004_e528a28dc6c42343.txt"};

// The entity ids of each document of `entities --json` output, by source.
std::map<std::string, std::set<std::string>> ids_by_source(const rapidjson::Document& doc) {
  std::map<std::string, std::set<std::string>> ids;
  for (const auto& document : doc["documents"].GetArray()) {
    auto& set = ids[document["source"].GetString()];
    for (const auto& entity : document["entities"].GetArray()) set.insert(entity["id"].GetString());
  }
  return ids;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const char* kKetaminePtsd = "Ketamine for PTSD.\n";

}  // namespace

TEST_CASE("litgraph entities --json finds the issue 5 entities in the seed corpus",
          "[cli][entities][issue5]") {
  Run run = run_in_repo({"entities", "--json", "corpus"});
  REQUIRE(run.status == 0);
  auto doc = parse_json(run.out);
  REQUIRE(doc["documents"].Size() == 5);
  for (int i = 0; i < 5; ++i) CHECK(std::string(doc["documents"][i]["source"].GetString()) == kCorpus[i]);
  auto ids = ids_by_source(doc);
  struct Expected {
    const char* id;
    std::vector<int> present;  // documents that must mention it
    std::vector<int> absent;   // documents that must not
  };
  const Expected expected[] = {
      {"mesh:D020918", {2, 3}, {}},            // complex regional pain syndrome
      {"mesh:D005356", {3}, {}},               // fibromyalgia
      {"mesh:D013313", {2}, {}},               // PTSD
      {"mesh:D009771", {2}, {}},               // OCD
      {"mesh:D061218", {0, 1, 2}, {3}},        // treatment-resistant depression
      {"mesh:D007649", {0, 1, 2, 3, 4}, {}},   // ketamine
      {"mesh:D016194", {0, 1, 3, 4}, {}},      // NMDA receptors
      {"mesh:D018091", {0, 1, 4}, {}},         // AMPA receptors
      {"mesh:D064428", {0}, {}},               // HCN channels
      {"mesh:D003866", {}, {0}},               // depressive disorder
      {"mesh:D003865", {}, {0}},               // major depressive disorder
  };
  for (const auto& entity : expected) {
    for (int document : entity.present) {
      CAPTURE(entity.id, kCorpus[document]);
      CHECK(ids[kCorpus[document]].count(entity.id) == 1);
    }
    for (int document : entity.absent) {
      CAPTURE(entity.id, kCorpus[document]);
      CHECK(ids[kCorpus[document]].count(entity.id) == 0);
    }
  }
}

TEST_CASE("litgraph entities --json counts mentions and points at their lines",
          "[cli][entities][issue5]") {
  Run run = run_in_repo({"entities", "--json", "corpus"});
  REQUIRE(run.status == 0);
  auto doc = parse_json(run.out);
  bool saw_local_entity = false;
  for (const auto& document : doc["documents"].GetArray()) {
    const std::string source = document["source"].GetString();
    const auto lines = lines_of(read_file(source_path(source)));
    const auto& entities = document["entities"];
    REQUIRE(entities.Size() > 0);
    for (rapidjson::SizeType i = 0; i < entities.Size(); ++i) {
      const auto& entity = entities[i];
      const std::string id = entity["id"].GetString();
      CAPTURE(source, id);
      std::vector<std::string> keys;
      for (auto it = entity.MemberBegin(); it != entity.MemberEnd(); ++it) keys.push_back(it->name.GetString());
      // `parent` only for the curated litgraph: ids, naming their MeSH descriptor.
      if (id.starts_with("litgraph:")) {
        saw_local_entity = true;
        CHECK(keys == std::vector<std::string>{"id", "name", "type", "parent", "count", "mentions"});
        CHECK(std::string(entity["parent"].GetString()).starts_with("mesh:D"));
      } else {
        CHECK(keys == std::vector<std::string>{"id", "name", "type", "count", "mentions"});
      }
      CHECK(std::set<std::string>{"drug", "condition", "receptor"}.count(entity["type"].GetString()) == 1);
      const auto& mentions = entity["mentions"];
      CHECK(entity["count"].GetUint() == mentions.Size());
      // Entities by count descending, then id.
      if (i > 0) {
        const auto& before = entities[i - 1];
        CHECK((before["count"].GetUint() > entity["count"].GetUint() ||
               (before["count"].GetUint() == entity["count"].GetUint() &&
                std::string(before["id"].GetString()) < id)));
      }
      long previous_line = 0;
      for (const auto& mention : mentions.GetArray()) {
        const long line = mention["line"].GetInt64();
        const std::string text = mention["text"].GetString();
        CAPTURE(line, text);
        CHECK(line >= previous_line);  // text order
        previous_line = line;
        REQUIRE(line >= 1);
        REQUIRE(line <= static_cast<long>(lines.size()));
        // A mention may run onto the next line; its first line is on `line`.
        CHECK(contains(lines[line - 1], text.substr(0, text.find('\n'))));
      }
    }
  }
  CHECK(saw_local_entity);  // litgraph:esketamine, in 000_ at least
}

TEST_CASE("litgraph entities --type keeps only the types asked for", "[cli][entities]") {
  auto types_in = [](const rapidjson::Document& doc) {
    std::set<std::string> types;
    for (const auto& document : doc["documents"].GetArray())
      for (const auto& entity : document["entities"].GetArray()) types.insert(entity["type"].GetString());
    return types;
  };
  Run receptors = run_in_repo({"entities", "--json", "--type", "receptor", "corpus"});
  REQUIRE(receptors.status == 0);
  auto receptor_doc = parse_json(receptors.out);
  CHECK(types_in(receptor_doc) == std::set<std::string>{"receptor"});
  CHECK(ids_by_source(receptor_doc)[kCorpus[0]].count("mesh:D064428") == 1);

  Run comma = run_in_repo({"entities", "--json", "--type", "drug,condition", "corpus"});
  REQUIRE(comma.status == 0);
  auto comma_doc = parse_json(comma.out);
  CHECK(types_in(comma_doc) == std::set<std::string>{"drug", "condition"});
  auto ids = ids_by_source(comma_doc);
  CHECK(ids[kCorpus[0]].count("mesh:D007649") == 1);
  CHECK(ids[kCorpus[0]].count("mesh:D061218") == 1);
  CHECK(ids[kCorpus[0]].count("mesh:D016194") == 0);

  Run repeated = run_in_repo({"entities", "--json", "--type", "drug", "--type", "condition", "corpus"});
  CHECK(repeated.status == 0);
  CHECK(repeated.out == comma.out);
}

TEST_CASE("litgraph entities prints aligned columns per document", "[cli][entities]") {
  Run run = run_in_repo({"entities", kCorpus[0]});
  REQUIRE(run.status == 0);
  auto lines = lines_of(run.out);
  REQUIRE(lines.size() > 2);
  CHECK(std::regex_match(lines[0], std::regex(std::string(kCorpus[0]) + ": \\d+ entities, \\d+ mentions")));
  // "  17  drug       mesh:D007649  Ketamine  (Ketamine, ketamine)"
  const std::regex entity_line(R"( +(\d+)  (drug|condition|receptor) +([a-z]+:\S+) +(.+?) {2,}\((.+)\))");
  bool ketamine = false;
  std::size_t id_column = std::string::npos;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    CAPTURE(lines[i]);
    std::smatch match;
    REQUIRE(std::regex_match(lines[i], match, entity_line));
    if (id_column == std::string::npos) id_column = static_cast<std::size_t>(match.position(3));
    CHECK(static_cast<std::size_t>(match.position(3)) == id_column);
    if (match[3] == "mesh:D007649") {
      ketamine = true;
      CHECK(match[2] == "drug");
      CHECK(match[4] == "Ketamine");
      CHECK(contains(match[5], "etamine"));
    }
  }
  CHECK(ketamine);
  CHECK(contains(run.err, "in 1 file"));
}

TEST_CASE("litgraph entities --type with an unknown type is a usage error", "[cli][entities][errors]") {
  Run run = run_in_repo({"entities", "--type", "gene", "corpus"});
  CHECK(run.status == 2);
  CHECK(contains(run.err, "gene"));
  for (const char* valid : {"drug", "condition", "receptor"}) CHECK(contains(run.err, valid));
  CHECK(run.out.empty());
}

TEST_CASE("litgraph entities without vocabulary files exits 3 and says where it looked",
          "[cli][entities][errors]") {
  TempDir empty;
  Run flag = run_in_repo({"entities", "--vocabulary", empty.path().string(), "corpus"});
  CHECK(flag.status == 3);
  CHECK(contains(flag.err, empty.path().string()));
  CHECK(contains(flag.err, "mesh2024.tsv"));
  CHECK(contains(flag.err, "--vocabulary"));
  CHECK(flag.out.empty());

  Run environment = run_litgraph({"entities", "corpus"}, source_path(""),
                                 {{"LITGRAPH_VOCABULARY_DIR", empty.path().string()}});
  CHECK(environment.status == 3);
  CHECK(contains(environment.err, empty.path().string()));
  CHECK(contains(environment.err, "LITGRAPH_VOCABULARY_DIR"));
}

TEST_CASE("litgraph entities reports bad inputs and still tags the others", "[cli][entities][errors]") {
  TempDir dir;
  dir.write("good.txt", kKetaminePtsd);
  dir.write("empty.txt", "");
  dir.write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));

  Run missing = run_litgraph({"entities", "--json", "missing.txt", "good.txt"}, dir.path());
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "missing.txt: error: no such file or directory"));
  auto doc = parse_json(missing.out);
  REQUIRE(doc["documents"].Size() == 1);
  CHECK(ids_by_source(doc)["good.txt"] == std::set<std::string>{"mesh:D007649", "mesh:D013313"});

  Run binary = run_litgraph({"entities", "image.txt", "good.txt"}, dir.path());
  CHECK(binary.status == 1);
  CHECK(contains(binary.err, "image.txt: error: not a text file, skipped"));
  CHECK(contains(binary.out, "good.txt: 2 entities, 2 mentions"));

  Run empty = run_litgraph({"entities", "--json", "empty.txt"}, dir.path());
  CHECK(empty.status == 0);
  CHECK(contains(empty.err, "empty.txt: warning: empty file"));
  CHECK(empty.out == "{\"documents\":[{\"source\":\"empty.txt\",\"entities\":[]}]}\n");
}

TEST_CASE("litgraph entities --help documents the options and exit codes", "[cli][entities]") {
  Run run = run_in_repo({"entities", "--help"});
  CHECK(run.status == 0);
  for (const char* part : {"--json", "--type", "--vocabulary", "LITGRAPH_VOCABULARY_DIR", "Exit codes"})
    CHECK(contains(run.out, part));
  CHECK(contains(run_in_repo({"--help"}).out, "entities"));
}
