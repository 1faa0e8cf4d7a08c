// The tagger on the BC5CDR development set, scored as bench/entities_eval.cpp
// scores it (action classes the annotators mark learned on the training set,
// drug headings promoted since 2015 aligned with the corpus's supplementary
// concepts): issue 5's acceptance, document-level F1 >= 0.85 for chemicals and
// >= 0.80 for diseases, plus floors under the other figures.
#include <catch2/catch.hpp>

#include "bc5cdr.h"
#include "litgraph/schema/vocabulary.h"
#include "test_support.h"

using namespace litgraph;

TEST_CASE("BC5CDR development set: document and mention scores stay above their floors",
          "[indexer][bc5cdr]") {
  const auto vocabulary =
      schema::Vocabulary::load_directory(test::source_path("schema/vocabulary"));
  const indexer::Tagger tagger(vocabulary);
  const auto documents =
      bench::load_pubtator(test::shared_path("data/bc5cdr/CDR_DevelopmentSet.PubTator.txt"));
  REQUIRE(documents.size() == 500);
  std::size_t chemicals = 0;
  std::size_t diseases = 0;
  for (const auto& document : documents) {
    for (const auto& mention : document.mentions) {
      (mention.type == bench::GoldType::kChemical ? chemicals : diseases) += 1;
    }
  }
  // The counts PROVENANCE.md gives for the development set.
  CHECK(chemicals == 5347);
  CHECK(diseases == 4244);

  bench::EvaluationOptions options;
  options.annotated_action_classes = bench::learn_annotated_action_classes(
      tagger, bench::load_pubtator(test::shared_path("data/bc5cdr/CDR_TrainingSet.PubTator.txt")));
  CHECK(options.annotated_action_classes.count("mesh:D000928") == 1);  // Antidepressive Agents
  CHECK(options.annotated_action_classes.count("mesh:D000700") == 0);  // Analgesics
  const auto result =
      bench::evaluate(tagger, bench::CorpusEra(vocabulary), documents, options);
  INFO("chemical document F1 " << result.chemical.document.f1() << ", disease document F1 "
                               << result.disease.document.f1());
  CHECK(result.chemical.document.f1() >= 0.85);
  CHECK(result.disease.document.f1() >= 0.80);
  CHECK(result.chemical.mention.f1() >= 0.84);
  CHECK(result.disease.mention.f1() >= 0.76);
  CHECK(result.chemical.document.precision() >= 0.82);
  CHECK(result.disease.document.precision() >= 0.85);

  // Without the alignment of promoted headings: the raw figure, lower.
  options.align_promoted_concepts = false;
  const auto raw = bench::evaluate(tagger, bench::CorpusEra(vocabulary), documents, options);
  CHECK(raw.chemical.document.f1() >= 0.82);
  CHECK(raw.chemical.document.f1() < result.chemical.document.f1());
}

TEST_CASE("CorpusEra scores a descriptor newer than BC5CDR as its ancestor", "[indexer][bc5cdr]") {
  const auto vocabulary =
      schema::Vocabulary::load_directory(test::source_path("schema/vocabulary"));
  const bench::CorpusEra era(vocabulary);
  const auto* tardive = vocabulary.find("mesh:D000071057");  // Tardive Dyskinesia, MeSH 2017
  REQUIRE(tardive != nullptr);
  CHECK(era.scored_id(*tardive) == "mesh:D004409");  // Dyskinesia, Drug-Induced
  const auto* ketamine = vocabulary.find("mesh:D007649");
  CHECK(era.scored_id(*ketamine) == "mesh:D007649");
  const auto* esketamine = vocabulary.find("litgraph:esketamine");
  REQUIRE(esketamine != nullptr);
  CHECK(era.scored_id(*esketamine) == "mesh:D007649");
}
