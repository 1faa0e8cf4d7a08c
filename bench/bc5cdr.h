// The BC5CDR evaluation of the entity tagger, shared by the benchmark
// (bench/entities_eval.cpp) and its ctest (tests/indexer/bc5cdr_eval_test.cpp):
// a PubTator reader and the scores of the BioCreative V CDR task, chemicals
// against our drugs and diseases against our conditions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "litgraph/indexer/tagger.h"

namespace litgraph::bench {

enum class GoldType { kChemical, kDisease };

struct GoldMention {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  GoldType type = GoldType::kChemical;
  std::vector<std::string> ids;  // "mesh:D016651"; several for a composite mention; empty for "-1"
};

struct PubtatorDocument {
  std::string pmid;
  std::string text;  // title, one space, abstract: the offsets' frame
  std::vector<GoldMention> mentions;
};

// Every document of a PubTator file (`pmid|t|…`, `pmid|a|…`, mention rows;
// relation rows are skipped). Throws ParseError naming the line.
std::vector<PubtatorDocument> load_pubtator(const std::filesystem::path& file);

struct Score {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// One error, for tuning: an id the tagger gave or missed, how often.
struct ErrorCount {
  std::string id;
  std::string example;  // a mention text
  std::size_t count = 0;
};

struct TypeScores {
  Score document;  // (document, MeSH id) pairs, the CDR task's measure
  Score mention;   // exact span and id
  Score span;      // exact span, any id of the type
  std::vector<ErrorCount> false_positives;  // by id, most frequent first
  std::vector<ErrorCount> false_negatives;
};

struct Evaluation {
  TypeScores chemical;  // against the tagger's drugs
  TypeScores disease;   // against the tagger's conditions
  std::size_t documents = 0;
  std::size_t bytes = 0;
};

// BC5CDR was annotated with MeSH 2015; its newest descriptor is D066126. A
// descriptor made since ("Tardive Dyskinesia", D000071057) is scored as its
// nearest ancestor in the tree that the corpus could use ("Dyskinesia,
// Drug-Induced"), and a local entity as its MeSH parent.
class CorpusEra {
 public:
  explicit CorpusEra(const schema::Vocabulary& vocabulary, long newest_descriptor = 66126);
  // The id `entity` is scored as.
  std::string scored_id(const schema::Entity& entity) const;
  // Whether `entity` is a descriptor made after the corpus.
  bool is_newer(const schema::Entity& entity) const;

 private:
  const schema::Vocabulary* vocabulary_;
  long newest_;
  std::map<std::string, const schema::Entity*> by_tree_;
};

struct EvaluationOptions {
  // Score drug classes defined only by their action (MeSH D27: "Analgesics",
  // "Antipsychotic Agents") as chemicals. Off by default: BC5CDR's guidelines
  // leave such classes unannotated (of 244 such training-set matches by
  // document, 25 are gold), while litgraph tags them as drugs on purpose.
  bool score_action_classes = false;
  // The action classes scored all the same: those the corpus's annotators
  // do mark ("antidepressant", "oral contraceptives"), as
  // learn_annotated_action_classes() finds them on the training set.
  std::set<std::string> annotated_action_classes;
  // A drug heading made after the corpus (Gabapentin, 2019; Gemcitabine,
  // 2023) was a supplementary concept then: a mention of one that sits
  // exactly on a gold mention with a supplementary id (C…) is scored as that
  // id, the same chemical under its later heading. Off, such mentions are
  // scored as their ancestor in the tree (false positives, nearly always).
  bool align_promoted_concepts = true;
};

// Tags every document and scores the result. Gold ids outside MeSH's
// descriptors (supplementary "C…" records, "-1") count as misses when the
// mention is missed, as in the task.
Evaluation evaluate(const indexer::Tagger& tagger, const CorpusEra& era,
                    const std::vector<PubtatorDocument>& documents,
                    const EvaluationOptions& options = {});

// How often a term the tagger matches is a gold mention of the matching
// type (a gold span of that type covers it): the data for choosing the terms
// that are ordinary words in running text (schema/vocabulary/untagged.tsv).
struct TermPrecision {
  std::string term;  // folded, as matched
  std::string id;    // the first entity it names
  std::size_t matches = 0;
  std::size_t documents = 0;
  std::size_t in_gold = 0;  // matches that a gold mention of the type covers
};

// Every term matched in `documents`, most matched first.
std::vector<TermPrecision> term_precision(const indexer::Tagger& tagger,
                                          const std::vector<PubtatorDocument>& documents);

// The drug classes defined by their action (MeSH D27) that the annotators of
// `documents` mark as chemicals: those the tagger finds in at least
// `min_documents` documents and that are gold in at least `min_share` of them.
std::set<std::string> learn_annotated_action_classes(const indexer::Tagger& tagger,
                                                     const std::vector<PubtatorDocument>& documents,
                                                     std::size_t min_documents = 2,
                                                     double min_share = 0.5);

// A surface form that annotators gave one MeSH id and that the tagger does not
// find at all: a gap in the vocabulary, learned from a training set.
struct LearnedSynonym {
  std::string id;    // "mesh:D012559"
  std::string form;  // as most often written, lower case: "schizophrenic"
  std::size_t count = 0;  // gold mentions with this form and id
};

// The forms of `documents`' gold mentions written in at least `min_count` documents,
// given one id in at least `min_share` of them, naming an entity of the
// matching type (chemical: drug, disease: condition), where tagging the form
// alone finds nothing. Forms the tagger already reads as another entity are
// left alone: learning only fills gaps, it never overrides MeSH.
std::vector<LearnedSynonym> learn_synonyms(const indexer::Tagger& tagger,
                                           const schema::Vocabulary& vocabulary,
                                           const std::vector<PubtatorDocument>& documents,
                                           std::size_t min_count = 2, double min_share = 0.9);

}  // namespace litgraph::bench
