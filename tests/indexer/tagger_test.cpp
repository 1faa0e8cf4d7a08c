// Entity tagging over the MeSH 2024 vocabulary and its curated layer (issue 5).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "litgraph/indexer/tagger.h"
#include "litgraph/schema/vocabulary.h"
#include "test_support.h"

using litgraph::indexer::Mention;
using litgraph::indexer::Tagger;
using litgraph::schema::Vocabulary;

namespace {

const Vocabulary& vocabulary() {
  // The vocabulary the program ships, so that these tests prove what it tags.
  static const Vocabulary loaded =
      Vocabulary::load_directory(litgraph::test::source_path("schema/vocabulary"));
  return loaded;
}

const Tagger& tagger() {
  static const Tagger built(vocabulary());
  return built;
}

std::set<std::string> ids_in(const std::vector<Mention>& mentions) {
  std::set<std::string> ids;
  for (const auto& mention : mentions) ids.insert(mention.entity->id);
  return ids;
}

std::set<std::string> ids_in(const std::string& text) { return ids_in(tagger().tag(text)); }

// The mentions of one entity, as "text@line".
std::vector<std::string> mentions_of(const std::string& text, const std::string& id) {
  std::vector<std::string> found;
  for (const auto& mention : tagger().tag(text)) {
    if (mention.entity->id == id) found.push_back(mention.text + "@" + std::to_string(mention.line));
  }
  return found;
}

const char* const kCorpus[] = {
    "000_a41c27fd63d7b224.txt", "001_cd66f4001d99aea2.txt", "002_ce4e0486c9f0905c.txt",
    "003_c30eaf50ce6f0a17.txt", "004_e528a28dc6c42343.txt"};

}  // namespace

TEST_CASE("issue 5 acceptance: the seed articles' entities are tagged in exactly these documents",
          "[indexer][tagger][issue5]") {
  std::vector<std::set<std::string>> ids;
  for (const char* name : kCorpus) {
    ids.push_back(ids_in(litgraph::test::read_file(litgraph::test::source_path(
        std::string("corpus/") + name))));
  }
  auto in = [&](int document, const std::string& id) { return ids[document].count(id) > 0; };
  struct Expected {
    const char* id;
    std::array<int, 5> present;  // 1 must, 0 must not, 2 either
  };
  const Expected expected[] = {
      {"mesh:D020918", {0, 0, 1, 1, 2}},  // CRPS
      {"mesh:D005356", {0, 0, 0, 1, 0}},  // fibromyalgia
      {"mesh:D013313", {0, 0, 1, 0, 0}},  // PTSD
      {"mesh:D009771", {0, 0, 1, 0, 0}},  // OCD
      {"mesh:D061218", {1, 1, 1, 0, 2}},  // treatment-resistant depression
      {"mesh:D007649", {1, 1, 1, 1, 1}},  // ketamine
      {"mesh:D016194", {1, 1, 0, 1, 1}},  // NMDA receptors
      {"mesh:D018091", {1, 1, 0, 0, 1}},  // AMPA receptors
      {"mesh:D064428", {1, 0, 0, 0, 0}},  // HCN channels
  };
  for (const auto& entity : expected) {
    for (int document = 0; document < 5; ++document) {
      INFO(entity.id << " in " << kCorpus[document]);
      if (entity.present[document] == 1) CHECK(in(document, entity.id));
      if (entity.present[document] == 0) CHECK_FALSE(in(document, entity.id));
    }
  }
  for (int document = 0; document < 5; ++document) {
    INFO("opioid receptors (or mu) in " << kCorpus[document]);
    bool expected_here = document == 0 || document == 4;
    CHECK((in(document, "mesh:D011957") || in(document, "mesh:D017450")) == expected_here);
  }
  for (const char* depressive : {"mesh:D003866", "mesh:D003863", "mesh:D003865"}) {
    INFO(depressive << " in " << kCorpus[0]);
    CHECK_FALSE(in(0, depressive));
  }
}

TEST_CASE("Tagger prefers the longest term", "[indexer][tagger]") {
  auto mentions = tagger().tag("Patients with complex regional pain syndrome improved.");
  REQUIRE_FALSE(mentions.empty());
  CHECK(mentions[0].entity->id == "mesh:D020918");
  CHECK(mentions[0].text == "complex regional pain syndrome");
  CHECK(ids_in("complex regional pain syndrome").count("mesh:D010146") == 0);  // not Pain
  CHECK(ids_in("treatment-resistant depression") == std::set<std::string>{"mesh:D061218"});
  // A long form keeps its parenthesized abbreviation inside the mention.
  CHECK(mentions_of("hyperpolarization-activated cyclic nucleotide-gated (HCN) channels",
                    "mesh:D064428") ==
        std::vector<std::string>{
            "hyperpolarization-activated cyclic nucleotide-gated (HCN) channels@1"});
}

TEST_CASE("Tagger matches whole words only", "[indexer][tagger]") {
  CHECK(ids_in("glucocorticoids and ocdx").count("mesh:D009771") == 0);
  CHECK(ids_in("ketamines-like ketamine.").count("mesh:D007649") == 1);
  CHECK(ids_in("preketamine").count("mesh:D007649") == 0);
  CHECK(ids_in("ketamine-assisted therapy").count("mesh:D007649") == 1);
}

TEST_CASE("Tagger matches short abbreviations only as written in capitals", "[indexer][tagger]") {
  CHECK(ids_in("patients with OCD") == std::set<std::string>{"mesh:D009771"});
  CHECK(ids_in("patients with ocd").count("mesh:D009771") == 0);
  CHECK(ids_in("PTSD and TRD").count("mesh:D013313") == 1);
  CHECK(ids_in("PTSD and TRD").count("mesh:D061218") == 1);
  CHECK(ids_in("Ptsd").empty());
  CHECK(ids_in("NMDARs").count("mesh:D016194") == 1);
}

TEST_CASE("Tagger ignores ordinary words that are also entry terms", "[indexer][tagger]") {
  CHECK(ids_in("We CAN AIM to treat ALL of them, and MAY do so.").empty());
  CHECK(ids_in("a b c d").empty());
}

TEST_CASE("Tagger links a parenthesized abbreviation to its long form", "[indexer][tagger]") {
  // "HCNX" is unknown to the vocabulary; the definition makes it the HCN channel.
  const std::string text =
      "hyperpolarization-activated cyclic nucleotide-gated channels (HCNX) matter.\n"
      "Later, HCNX blockers were tried; hcnx is not the abbreviation.";
  auto later = mentions_of(text, "mesh:D064428");
  CHECK(later == std::vector<std::string>{
                     "hyperpolarization-activated cyclic nucleotide-gated channels@1", "HCNX@1",
                     "HCNX@2"});
  // Without the definition, HCNX names nothing.
  CHECK(ids_in("HCNX blockers").empty());
}

TEST_CASE("Tagger applies the context rules for depression and opioids", "[indexer][tagger]") {
  auto respiratory = ids_in("Ketamine can also cause respiratory depression.");
  for (const char* depressive : {"mesh:D003866", "mesh:D003863", "mesh:D003865"}) {
    CHECK(respiratory.count(depressive) == 0);
  }
  CHECK(ids_in("cardiovascular depression").empty());
  CHECK(ids_in("opioid-tolerant patients") == std::set<std::string>{"mesh:D000701"});
  CHECK(ids_in("opioids") == std::set<std::string>{"mesh:D000701"});
  CHECK(ids_in("opioid receptors") == std::set<std::string>{"mesh:D011957"});
  CHECK(ids_in("opioid receptor") == std::set<std::string>{"mesh:D011957"});
  for (const char* mu : {"m-opioid receptors", "mu-opioid receptors", "μ-opioid receptor",
                         "μ-opioid agonism", "mu opioid"}) {
    INFO(mu);
    CHECK(ids_in(mu) == std::set<std::string>{"mesh:D017450"});
  }
}

TEST_CASE("Tagger reports byte offsets, text as written and 1-based lines", "[indexer][tagger]") {
  const std::string text = "First line.\nSecond: Ketamine\n\nand μ-Opioid Receptors.";
  auto mentions = tagger().tag(text);
  REQUIRE(mentions.size() == 2);
  CHECK(mentions[0].entity->id == "mesh:D007649");
  CHECK(mentions[0].line == 2);
  CHECK(text.substr(mentions[0].begin, mentions[0].end - mentions[0].begin) == "Ketamine");
  CHECK(mentions[1].entity->id == "mesh:D017450");
  CHECK(mentions[1].line == 4);
  CHECK(mentions[1].text == "μ-Opioid Receptors");
}

TEST_CASE("Tagger survives invalid UTF-8 and empty input", "[indexer][tagger]") {
  CHECK(tagger().tag("").empty());
  CHECK(ids_in(std::string("\xff\xfeketamine\xc3")) == std::set<std::string>{"mesh:D007649"});
}

TEST_CASE("Tagger keeps a singular for the entity that is spelled that way",
          "[indexer][tagger]") {
  // "morphine" is Morphine, not also the singular of "Morphines" (Morphine
  // Derivatives); "amphetamine" is Amphetamine, not Amphetamines.
  auto ids = [](std::string_view text) {
    std::vector<std::string> found;
    for (const auto& mention : tagger().tag(text)) found.push_back(mention.entity->id);
    return found;
  };
  CHECK(ids("morphine was given") == std::vector<std::string>{"mesh:D009020"});
  CHECK(ids("amphetamine was given") == std::vector<std::string>{"mesh:D000661"});
  CHECK(ids("amphetamine abuse") == std::vector<std::string>{"mesh:D019969"});
  // A plural still finds the singular's entity when no entity owns the plural.
  CHECK(ids("two ketamines") == std::vector<std::string>{"mesh:D007649"});
}

TEST_CASE("Tagger reads MeSH inverted headings in natural order and skips untagged words",
          "[indexer][tagger]") {
  auto has = [](std::string_view text, std::string_view id) {
    for (const auto& mention : tagger().tag(text)) {
      if (mention.entity->id == id) return true;
    }
    return false;
  };
  // "Kidney Failure, Chronic" and "Akathisia, Drug-Induced".
  CHECK(has("patients with chronic kidney failure", "mesh:D007676"));
  CHECK(has("drug-induced akathisia", "mesh:D017109"));
  // schema/vocabulary/untagged.tsv: ordinary words in running text.
  CHECK_FALSE(has("the placebo group", "mesh:D010919"));
  CHECK_FALSE(has("protein levels", "mesh:D011506"));
  CHECK_FALSE(has("Wistar rat strain", "mesh:D013180"));
  // Category headings typed by the curated layer, and clinical words for MeSH names.
  CHECK(has("a malignant tumor", "mesh:D009369"));
  CHECK(has("renal toxicity", "mesh:D064420"));
}

TEST_CASE("Tagger gives a mention that starts inside parentheses its opening one",
          "[indexer][tagger]") {
  // Seed 000: "α-amino-…-propionic acid (AMPA) receptors".
  auto mentions = tagger().tag("propionic acid (AMPA) receptors and (NMDA) receptor");
  std::vector<std::string> texts;
  for (const auto& mention : mentions) {
    if (mention.entity->type == litgraph::schema::EntityType::kReceptor) texts.push_back(mention.text);
  }
  CHECK(texts == std::vector<std::string>{"(AMPA) receptors", "(NMDA) receptor"});
  for (std::size_t k = 1; k < mentions.size(); ++k) CHECK(mentions[k - 1].begin <= mentions[k].begin);
}
