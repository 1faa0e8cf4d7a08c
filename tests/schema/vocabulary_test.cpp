// The entity vocabulary: MeSH 2024 typed by tree number, plus the curated layer.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>

#include "litgraph/schema/error.h"
#include "litgraph/schema/vocabulary.h"
#include "test_support.h"

using litgraph::ParseError;
using namespace litgraph::schema;

namespace {

std::filesystem::path mesh_path() {
  return litgraph::test::shared_path("data/mesh/mesh2024_descriptors.tsv");
}

std::filesystem::path curated_path() {
  return litgraph::test::source_path("schema/vocabulary/curated.tsv");
}

// Loaded once: the real files take a noticeable fraction of a second.
const Vocabulary& real_vocabulary() {
  static const Vocabulary vocabulary = Vocabulary::load(mesh_path(), curated_path());
  return vocabulary;
}

bool lookup_finds(const Vocabulary& vocabulary, const std::string& term, const std::string& id) {
  for (const Entity* entity : vocabulary.lookup(term)) {
    if (entity->id == id) return true;
  }
  return false;
}

const char* kHeader = "id\tname\ttype\tparent\tsynonyms\n";

}  // namespace

TEST_CASE("Vocabulary loads the typed part of MeSH 2024 and the curated entities",
          "[schema][vocabulary]") {
  const auto& vocabulary = real_vocabulary();
  // 30,764 descriptors; the C, D and F03 trees hold most of them.
  CHECK(vocabulary.size() > 12000);
  CHECK(vocabulary.size() < 30764);
  const Entity* ketamine = vocabulary.find("mesh:D007649");
  REQUIRE(ketamine != nullptr);
  CHECK(ketamine->name == "Ketamine");
  CHECK_FALSE(ketamine->tree_numbers.empty());
  CHECK(vocabulary.find("mesh:D999999") == nullptr);
  CHECK(vocabulary.find("D007649") == nullptr);
}

TEST_CASE("Vocabulary types descriptors by their MeSH tree numbers", "[schema][vocabulary]") {
  struct Case {
    const char* id;
    EntityType type;
  };
  const Case cases[] = {
      {"mesh:D007649", EntityType::kDrug},       // Ketamine
      {"mesh:D000701", EntityType::kDrug},       // Analgesics, Opioid (pharmacological action)
      {"mesh:D020918", EntityType::kCondition},  // Complex Regional Pain Syndromes (C10)
      {"mesh:D009771", EntityType::kCondition},  // Obsessive-Compulsive Disorder (F03)
      {"mesh:D061218", EntityType::kCondition},  // Depressive Disorder, Treatment-Resistant
      {"mesh:D016194", EntityType::kReceptor},   // Receptors, N-Methyl-D-Aspartate
      {"mesh:D017450", EntityType::kReceptor},   // Receptors, Opioid, mu
      {"mesh:D064428", EntityType::kReceptor},   // HCN channels (ion channel)
      {"mesh:D007473", EntityType::kReceptor},   // Ion Channels
      {"mesh:D007328", EntityType::kDrug},       // Insulin: a peptide with an action
  };
  for (const auto& c : cases) {
    INFO(c.id);
    const Entity* entity = real_vocabulary().find(c.id);
    REQUIRE(entity != nullptr);
    CHECK(entity->type == c.type);
  }
}

TEST_CASE("Vocabulary skips descriptors outside the drug, condition and receptor trees",
          "[schema][vocabulary]") {
  CHECK(real_vocabulary().find("mesh:D006801") == nullptr);  // Humans (B01)
  CHECK(real_vocabulary().find("mesh:D001829") == nullptr);  // Body Regions (A01)
  // Proteins, enzymes and preparations without a pharmacological action.
  CHECK(real_vocabulary().find("mesh:D008565") == nullptr);  // Membrane Proteins (D12.776)
  CHECK(real_vocabulary().find("mesh:D006454") == nullptr);  // Hemoglobins
  CHECK(real_vocabulary().find("mesh:D012083") == nullptr);  // Renin (D08.811)
  CHECK(real_vocabulary().find("mesh:D010919") == nullptr);  // Placebos (D26)
}

TEST_CASE("Vocabulary lookup finds entities by name, MeSH entry term and curated synonym",
          "[schema][vocabulary]") {
  struct Case {
    const char* term;
    const char* id;
  };
  const Case cases[] = {
      {"CRPS", "mesh:D020918"},
      {"complex regional pain syndrome", "mesh:D020918"},
      {"Complex Regional Pain Syndromes", "mesh:D020918"},
      {"CRPS-I", "mesh:D020918"},
      {"CRPS II", "mesh:D020918"},
      {"OCD", "mesh:D009771"},
      {"PTSD", "mesh:D013313"},
      {"TRD", "mesh:D061218"},
      {"treatment-resistant depression", "mesh:D061218"},
      {"treatment resistant depression", "mesh:D061218"},
      {"Refractory Depression", "mesh:D061218"},
      {"NMDAR", "mesh:D016194"},
      {"NMDA receptor", "mesh:D016194"},
      {"N-methyl-D-aspartate receptor", "mesh:D016194"},
      {"AMPAR", "mesh:D018091"},
      {"AMPA receptor", "mesh:D018091"},
      {"mu-opioid receptor", "mesh:D017450"},
      {"m-opioid receptor", "mesh:D017450"},
      {"GABA-A receptor", "mesh:D011963"},
      {"HCN channel", "mesh:D064428"},
      {"HCN channels", "mesh:D064428"},
      {"ketamine", "mesh:D007649"},
      {"Ketalar", "mesh:D007649"},
      {"Spravato", "litgraph:esketamine"},
      {"esketamine", "litgraph:esketamine"},
      {"norketamine", "litgraph:norketamine"},
  };
  for (const auto& c : cases) {
    INFO(c.term << " -> " << c.id);
    CHECK(lookup_finds(real_vocabulary(), c.term, c.id));
  }
  CHECK(real_vocabulary().lookup("no such entity at all").empty());
}

TEST_CASE("Vocabulary lookup folds Greek letters to their spelled-out names",
          "[schema][vocabulary]") {
  CHECK(lookup_finds(real_vocabulary(), "μ-opioid receptor", "mesh:D017450"));
  CHECK(lookup_finds(real_vocabulary(), "μ opioid receptors", "mesh:D017450"));
  CHECK(lookup_finds(real_vocabulary(), "γ-aminobutyric acid receptor", "mesh:D018079"));
}

TEST_CASE("Vocabulary lookup matches the simple singular and plural of a term",
          "[schema][vocabulary]") {
  struct Case {
    const char* term;
    const char* id;
  };
  const Case cases[] = {
      {"mu-opioid receptors", "mesh:D017450"},          // curated singular only
      {"AMPA-type glutamate receptors", "mesh:D018091"},  // curated singular only
      {"Obsessive-Compulsive Disorders", "mesh:D009771"},
      {"Complex regional pain syndrome", "mesh:D020918"},
      {"treatment-resistant depressions", "mesh:D061218"},
  };
  for (const auto& c : cases) {
    INFO(c.term << " -> " << c.id);
    CHECK(lookup_finds(real_vocabulary(), c.term, c.id));
  }
}

TEST_CASE("Vocabulary lookup does not take a capitalized abbreviation for a plural",
          "[schema][vocabulary]") {
  // "CRPS" must not also index "CRP" (C-reactive protein).
  CHECK_FALSE(lookup_finds(real_vocabulary(), "CRP", "mesh:D020918"));
  CHECK_FALSE(lookup_finds(real_vocabulary(), "NMDA", "mesh:D016194"));
}

TEST_CASE("Vocabulary curated rows on MeSH ids add synonyms, not entities",
          "[schema][vocabulary]") {
  const Entity* crps = real_vocabulary().find("mesh:D020918");
  REQUIRE(crps != nullptr);
  CHECK(crps->name == "Complex Regional Pain Syndromes");
  CHECK(std::find(crps->synonyms.begin(), crps->synonyms.end(), "CRPS-I") !=
        crps->synonyms.end());
  const Entity* esketamine = real_vocabulary().find("litgraph:esketamine");
  REQUIRE(esketamine != nullptr);
  CHECK(esketamine->type == EntityType::kDrug);
  CHECK(esketamine->parent == "mesh:D007649");
  CHECK(esketamine->tree_numbers.empty());
}

TEST_CASE("Vocabulary::load reports a bad curated line as file:line", "[schema][vocabulary]") {
  struct Case {
    const char* line;
    const char* message;
  };
  const Case cases[] = {
      {"litgraph:x\tX\tdrug\tmesh:D007649", "expected 5 tab-separated fields"},
      {"litgraph:x\tX\tpill\tmesh:D007649\t", "unknown type 'pill'"},
      {"litgraph:x\tX\tdrug\tmesh:D999999\t", "unknown parent mesh:D999999"},
      {"litgraph:x\t\tdrug\tmesh:D007649\t", "needs a name, a type and a parent"},
      {"mesh:D999999\t\t\t\tfoo", "unknown MeSH id mesh:D999999"},
      {"mesh:D007649\tKetamines\t\t\tfoo", "is 'Ketamine' in MeSH"},
      {"mesh:D007649\t\treceptor\t\tfoo", "is a drug in the vocabulary"},
      {"mesh:D007649\t\t\t\t", "must add synonyms"},
      {"mesh:D007649\t\t\t\ta||b", "empty synonym"},
      {"D007649\t\t\t\tfoo", "starts with mesh: or litgraph:"},
  };
  litgraph::test::TempDir dir;
  for (const auto& c : cases) {
    INFO(c.line);
    auto curated = dir.write("curated.tsv", std::string(kHeader) + "# comment\n\n" + c.line + "\n");
    try {
      Vocabulary::load(mesh_path(), curated);
      FAIL("no ParseError");
    } catch (const ParseError& error) {
      CHECK(error.line() == 4);
      CHECK_THAT(error.what(), Catch::Contains(curated.string() + ":4: error:") &&
                                   Catch::Contains(c.message));
    }
  }
}

TEST_CASE("Vocabulary::load reports a missing or headerless file", "[schema][vocabulary]") {
  litgraph::test::TempDir dir;
  CHECK_THROWS_AS(Vocabulary::load(dir.path() / "missing.tsv", curated_path()), ParseError);
  CHECK_THROWS_WITH(Vocabulary::load(mesh_path(), dir.path() / "missing.tsv"),
                    Catch::Contains("missing.tsv: error: cannot read file"));
  auto no_header = dir.write("curated.tsv", "litgraph:x\tX\tdrug\tmesh:D007649\t\n");
  CHECK_THROWS_WITH(Vocabulary::load(mesh_path(), no_header),
                    Catch::Contains("curated.tsv:1: error: expected the header"));
}

TEST_CASE("Vocabulary::load reports a malformed MeSH line as file:line", "[schema][vocabulary]") {
  litgraph::test::TempDir dir;
  auto mesh = dir.write("mesh.tsv",
                        "DescriptorUI\tDescriptorName\tTreeNumbers\tEntryTerms\t"
                        "PharmacologicalActions\n"
                        "D007649\tKetamine\tD02.455\tKetalar\t\n"
                        "D000001\tCalcimycin\n");
  auto curated = dir.write("curated.tsv", kHeader);
  CHECK_THROWS_WITH(Vocabulary::load(mesh, curated),
                    Catch::Contains("mesh.tsv:3: error: expected 5 tab-separated fields"));
}

TEST_CASE("The shipped vocabulary file holds exactly the typed MeSH descriptors",
          "[schema][vocabulary]") {
  // schema/vocabulary/mesh2024.tsv is derived by scripts/make-vocabulary.py; it
  // must give the same entities as the full MeSH table, or the script and the
  // loader's typing rule have drifted apart.
  const auto shipped =
      Vocabulary::load_directory(litgraph::test::source_path("schema/vocabulary"));
  const auto& full = real_vocabulary();
  REQUIRE(shipped.size() == full.size());
  for (std::size_t i = 0; i < full.size(); ++i) {
    const Entity& a = full.entities()[i];
    const Entity& b = shipped.entities()[i];
    INFO(a.id);
    REQUIRE(a.id == b.id);
    CHECK(a.name == b.name);
    CHECK(a.type == b.type);
    CHECK(a.synonyms == b.synonyms);
    CHECK(a.tree_numbers == b.tree_numbers);
  }
}

TEST_CASE("Loading a vocabulary folder without its files is a configuration error",
          "[schema][vocabulary]") {
  litgraph::test::TempDir dir;
  CHECK_THROWS_AS(Vocabulary::load_directory(dir.path()), litgraph::ConfigError);
  CHECK_THROWS_WITH(Vocabulary::load_directory(dir.path()),
                    Catch::Contains("mesh2024.tsv") && Catch::Contains("LITGRAPH_VOCABULARY_DIR"));
}

TEST_CASE("Every term of untagged.tsv names an entity of the shipped vocabulary",
          "[schema][vocabulary]") {
  // A row that names nothing would be dead weight, or a typo.
  const auto vocabulary =
      Vocabulary::load_directory(litgraph::test::source_path("schema/vocabulary"));
  std::istringstream rows(
      litgraph::test::read_file(litgraph::test::source_path("schema/vocabulary/untagged.tsv")));
  std::string row;
  std::getline(rows, row);  // header
  int terms = 0;
  while (std::getline(rows, row)) {
    if (row.empty() || row[0] == '#') continue;
    std::string term = row.substr(0, row.find('\t'));
    INFO(term);
    CHECK(vocabulary.is_untagged(term));
    CHECK_FALSE(vocabulary.lookup(term).empty());
    ++terms;
  }
  CHECK(terms > 10);
}
