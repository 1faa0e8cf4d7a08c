// litgraph_entities_eval: the entity tagger on BC5CDR (BioCreative V CDR),
// chemicals scored against our drugs and diseases against our conditions.
//
// Document level is the CDR task's measure: the set of (abstract, MeSH id)
// pairs. Mention level needs the exact span and id; "span" the exact span of a
// mention of that type, whatever its id. Tune on the training set (--set
// train), report the development set (the default).
// tests/indexer/bc5cdr_eval_test.cpp asserts the development-set figures under ctest.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bc5cdr.h"
#include "litgraph/indexer/tagger.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/vocabulary.h"

namespace {

using litgraph::bench::Evaluation;
using litgraph::bench::TypeScores;

void print_score(const char* label, const litgraph::bench::Score& score) {
  std::printf("  %-9s precision %.3f  recall %.3f  F1 %.3f   (tp %zu, fp %zu, fn %zu)\n", label,
              score.precision(), score.recall(), score.f1(), score.true_positives,
              score.false_positives, score.false_negatives);
}

void print_type(const char* name, const TypeScores& scores, std::size_t errors,
                const litgraph::schema::Vocabulary& vocabulary) {
  std::printf("%s\n", name);
  print_score("document", scores.document);
  print_score("mention", scores.mention);
  print_score("span", scores.span);
  auto list = [&](const char* label, const auto& entries) {
    if (errors == 0) return;
    std::printf("  %s (documents, id, name, example):\n", label);
    for (std::size_t i = 0; i < entries.size() && i < errors; ++i) {
      const auto* entity = vocabulary.find(entries[i].id);
      std::printf("    %4zu  %-14s %-40s %s\n", entries[i].count, entries[i].id.c_str(),
                  entity != nullptr ? entity->name.substr(0, 40).c_str() : "(not in vocabulary)",
                  entries[i].example.c_str());
    }
  };
  list("false positives", scores.false_positives);
  list("false negatives", scores.false_negatives);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Scores the entity tagger on BC5CDR (PubTator format)", "litgraph_entities_eval"};
  std::string set = "dev";
  std::string file;
  std::string vocabulary_dir = litgraph::schema::default_vocabulary_directory().string();
  std::size_t errors = 0;
  bool terms = false;
  bool dump = false;
  std::vector<std::string> learn_from;
  litgraph::bench::EvaluationOptions options;
  app.add_option("--set", set, "dev (report) or train (tune); ignored with --file")
      ->check(CLI::IsMember({"dev", "train"}));
  app.add_option("--file", file, "A PubTator file instead of the shared BC5CDR set");
  app.add_option("--vocabulary", vocabulary_dir, "Folder of mesh2024.tsv and curated.tsv");
  app.add_option("--errors", errors, "List the N most frequent false positives and negatives");
  app.add_flag("--terms", terms,
               "Print each matched term's precision against the gold spans (for tuning "
               "schema/vocabulary/untagged.tsv on the training set) instead of the scores");
  app.add_flag("--dump", dump,
               "Print every mention the tagger finds (pmid, begin, end, scored id, text) "
               "instead of the scores");
  app.add_option("--learn", learn_from,
                 "Print the gold forms of these PubTator files that the tagger misses, as rows "
                 "for schema/vocabulary/learned.tsv (repeatable; e.g. the BC5CDR and NCBI "
                 "disease training sets), instead of the scores");
  app.add_flag("--no-align", [&](std::int64_t) { options.align_promoted_concepts = false; },
               "Score drug headings made after the corpus as their ancestors even where they sit "
               "on a gold supplementary concept (see bench/bc5cdr.h)");
  app.add_flag("--action-classes", options.score_action_classes,
               "Also score drug classes defined by their action (MeSH D27) as chemicals");
  CLI11_PARSE(app, argc, argv);
  if (file.empty()) {
    file = std::string(LITGRAPH_DEFAULT_BC5CDR_DIR) +
           (set == "dev" ? "/CDR_DevelopmentSet.PubTator.txt" : "/CDR_TrainingSet.PubTator.txt");
  }
  try {
    auto start = std::chrono::steady_clock::now();
    auto vocabulary = litgraph::schema::Vocabulary::load_directory(vocabulary_dir);
    auto loaded = std::chrono::steady_clock::now();
    litgraph::indexer::Tagger tagger(vocabulary);
    auto built = std::chrono::steady_clock::now();
    auto documents = litgraph::bench::load_pubtator(file);
    auto read = std::chrono::steady_clock::now();
    if (!learn_from.empty()) {
      std::vector<litgraph::bench::PubtatorDocument> training;
      for (const auto& path : learn_from) {
        auto more = litgraph::bench::load_pubtator(path);
        training.insert(training.end(), more.begin(), more.end());
      }
      std::map<std::string, std::vector<litgraph::bench::LearnedSynonym>> by_id;
      for (auto& entry : litgraph::bench::learn_synonyms(tagger, vocabulary, training)) {
        by_id[entry.id].push_back(std::move(entry));
      }
      for (const auto& [id, entries] : by_id) {
        std::string forms;
        std::size_t count = 0;
        for (const auto& entry : entries) {
          forms += (forms.empty() ? "" : "|") + entry.form;
          count += entry.count;
        }
        std::printf("%s\t%s\t\t\t%s\n", id.c_str(), vocabulary.find(id)->name.c_str(),
                    forms.c_str());
      }
      return 0;
    }
    if (dump) {
      litgraph::bench::CorpusEra era(vocabulary);
      for (const auto& document : documents) {
        for (const auto& mention : tagger.tag(document.text)) {
          std::printf("%s\t%zu\t%zu\t%s\t%s\t%s\n", document.pmid.c_str(), mention.begin,
                      mention.end, era.scored_id(*mention.entity).c_str(),
                      litgraph::schema::entity_type_name(mention.entity->type),
                      mention.text.c_str());
        }
      }
      return 0;
    }
    if (terms) {
      std::printf("matches\tdocuments\tin_gold\tprecision\tterm\tid\tname\n");
      for (const auto& entry : litgraph::bench::term_precision(tagger, documents)) {
        const auto* entity = vocabulary.find(entry.id);
        std::printf("%zu\t%zu\t%zu\t%.2f\t%s\t%s\t%s\n", entry.matches, entry.documents,
                    entry.in_gold, static_cast<double>(entry.in_gold) / entry.matches,
                    entry.term.c_str(), entry.id.c_str(), entity->name.c_str());
      }
      return 0;
    }
    // The action classes the annotators mark, learned on the training set
    // (never on the set being scored, unless that is the training set).
    {
      auto training = litgraph::bench::load_pubtator(std::string(LITGRAPH_DEFAULT_BC5CDR_DIR) +
                                                     "/CDR_TrainingSet.PubTator.txt");
      options.annotated_action_classes =
          litgraph::bench::learn_annotated_action_classes(tagger, training);
      std::string names;
      for (const auto& id : options.annotated_action_classes) {
        names += (names.empty() ? "" : ", ") + vocabulary.find(id)->name;
      }
      std::printf("action classes scored (learned on the training set): %s\n", names.c_str());
    }
    Evaluation evaluation = litgraph::bench::evaluate(
        tagger, litgraph::bench::CorpusEra(vocabulary), documents, options);
    auto done = std::chrono::steady_clock::now();
    auto ms = [](auto a, auto b) {
      return std::chrono::duration<double, std::milli>(b - a).count();
    };
    std::printf("%s: %zu documents, %zu bytes; vocabulary %zu entities loaded in %.0f ms, "
                "tagger built in %.0f ms, tagging + scoring %.0f ms\n",
                file.c_str(), evaluation.documents, evaluation.bytes, vocabulary.size(),
                ms(start, loaded), ms(loaded, built), ms(read, done));
    print_type("chemicals (as drugs)", evaluation.chemical, errors, vocabulary);
    print_type("diseases (as conditions)", evaluation.disease, errors, vocabulary);
  } catch (const litgraph::Error& error) {
    std::cerr << "litgraph_entities_eval: " << error.what() << "\n";
    return static_cast<int>(error.exit_code());
  }
  return 0;
}
