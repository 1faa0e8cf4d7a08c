#include "bc5cdr.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <string_view>
#include <tuple>

#include "litgraph/schema/error.h"
#include "litgraph/schema/text.h"

namespace litgraph::bench {

namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

std::size_t to_size(std::string_view text, const std::string& source, long line) {
  std::size_t value = 0;
  if (text.empty()) throw ParseError(source, line, "expected an offset");
  for (char c : text) {
    if (c < '0' || c > '9') throw ParseError(source, line, "expected an offset");
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

long descriptor_number(const std::string& id) {
  // "mesh:D000071057" -> 71057; 0 for anything else.
  if (id.rfind("mesh:D", 0) != 0) return 0;
  long number = 0;
  for (char c : id.substr(6)) {
    if (c < '0' || c > '9') return 0;
    number = number * 10 + (c - '0');
  }
  return number;
}


template <typename Key>
void score_sets(const std::set<Key>& gold, const std::set<Key>& found, Score& score) {
  for (const auto& key : found) {
    if (gold.count(key) != 0) {
      ++score.true_positives;
    } else {
      ++score.false_positives;
    }
  }
  for (const auto& key : gold) {
    if (found.count(key) == 0) ++score.false_negatives;
  }
}

std::vector<ErrorCount> ranked(const std::map<std::string, ErrorCount>& errors) {
  std::vector<ErrorCount> list;
  for (const auto& [id, error] : errors) list.push_back(error);
  std::stable_sort(list.begin(), list.end(),
                   [](const ErrorCount& a, const ErrorCount& b) { return a.count > b.count; });
  return list;
}

}  // namespace

CorpusEra::CorpusEra(const schema::Vocabulary& vocabulary, long newest_descriptor)
    : vocabulary_(&vocabulary), newest_(newest_descriptor) {
  for (const auto& entity : vocabulary.entities()) {
    for (const auto& tree : entity.tree_numbers) by_tree_.emplace(tree, &entity);
  }
}

bool CorpusEra::is_newer(const schema::Entity& entity) const {
  return entity.parent.empty() && descriptor_number(entity.id) > newest_;
}

std::string CorpusEra::scored_id(const schema::Entity& entity) const {
  if (!entity.parent.empty()) {
    const schema::Entity* parent = vocabulary_->find(entity.parent);
    return parent != nullptr ? scored_id(*parent) : entity.parent;
  }
  if (descriptor_number(entity.id) <= newest_) return entity.id;
  for (const auto& tree : entity.tree_numbers) {
    std::string up = tree;
    while (true) {
      auto dot = up.rfind('.');
      if (dot == std::string::npos) break;
      up.resize(dot);
      auto found = by_tree_.find(up);
      if (found != by_tree_.end() && descriptor_number(found->second->id) <= newest_) {
        return found->second->id;
      }
    }
  }
  return entity.id;
}

double Score::precision() const { return ratio(true_positives, true_positives + false_positives); }
double Score::recall() const { return ratio(true_positives, true_positives + false_negatives); }
double Score::f1() const {
  double p = precision();
  double r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

std::vector<PubtatorDocument> load_pubtator(const std::filesystem::path& file) {
  const std::string source = file.string();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ParseError(source, 0, "cannot read file");
  std::vector<PubtatorDocument> documents;
  std::string line;
  long number = 0;
  std::string title;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::string_view view = line;
    if (auto bar = view.find('|'); bar != std::string_view::npos && view.find('\t') > bar) {
      auto pmid = view.substr(0, bar);
      auto kind = view.substr(bar + 1, 2);
      auto text = view.substr(std::min(view.size(), bar + 3));
      if (kind == "t|") {
        documents.push_back(PubtatorDocument{std::string(pmid), std::string(text), {}});
      } else if (kind == "a|") {
        if (documents.empty() || documents.back().pmid != pmid) {
          throw ParseError(source, number, "abstract without its title line");
        }
        documents.back().text += ' ';
        documents.back().text += text;
      } else {
        throw ParseError(source, number, "expected |t| or |a|");
      }
      continue;
    }
    auto fields = split_tabs(view);
    if (fields.size() == 4) continue;  // a relation row: pmid CID chemical disease
    if (fields.size() < 6) throw ParseError(source, number, "expected a mention row");
    if (documents.empty() || documents.back().pmid != fields[0]) {
      throw ParseError(source, number, "mention outside its document");
    }
    GoldMention mention;
    mention.begin = to_size(fields[1], source, number);
    mention.end = to_size(fields[2], source, number);
    mention.text = std::string(fields[3]);
    if (fields[4] == "Chemical") {
      mention.type = GoldType::kChemical;
    } else if (fields[4] == "Disease" || fields[4] == "SpecificDisease" ||
               fields[4] == "DiseaseClass" || fields[4] == "Modifier" ||
               fields[4] == "CompositeMention") {  // the NCBI disease corpus's types
      mention.type = GoldType::kDisease;
    } else {
      throw ParseError(source, number, "unknown mention type " + std::string(fields[4]));
    }
    std::string_view ids = fields[5];
    while (!ids.empty()) {
      auto bar = ids.find_first_of("|+,");
      auto id = ids.substr(0, bar);
      ids = bar == std::string_view::npos ? std::string_view() : ids.substr(bar + 1);
      if (id.rfind("MESH:", 0) == 0) id.remove_prefix(5);
      // MeSH descriptors (D…) and supplementary concepts (C…); not OMIM.
      bool mesh = id.size() > 1 && (id[0] == 'D' || id[0] == 'C') && id[1] >= '0' && id[1] <= '9';
      if (mesh) mention.ids.push_back("mesh:" + std::string(id));
    }
    const auto& text = documents.back().text;
    if (mention.end > text.size() || mention.begin >= mention.end) {
      throw ParseError(source, number, "offsets outside the document for '" + mention.text + "'");
    }
    // The NCBI disease corpus writes some mentions with quotes or spaces that
    // its text lacks; the offsets are what counts.
    mention.text = text.substr(mention.begin, mention.end - mention.begin);
    documents.back().mentions.push_back(std::move(mention));
  }
  return documents;
}

Evaluation evaluate(const indexer::Tagger& tagger, const CorpusEra& era,
                    const std::vector<PubtatorDocument>& documents,
                    const EvaluationOptions& options) {
  Evaluation evaluation;
  std::map<std::string, ErrorCount> errors[2][2];  // [type][false positive, false negative]
  for (const auto& document : documents) {
    ++evaluation.documents;
    evaluation.bytes += document.text.size();
    using Span = std::tuple<std::size_t, std::size_t, std::string>;
    using Place = std::pair<std::size_t, std::size_t>;
    std::set<std::string> gold_ids[2], found_ids[2];
    std::set<Span> gold_mentions[2], found_mentions[2];
    std::set<Place> gold_spans[2], found_spans[2];
    std::map<std::string, std::string> examples[2];
    for (const auto& mention : document.mentions) {
      int type = mention.type == GoldType::kChemical ? 0 : 1;
      gold_spans[type].emplace(mention.begin, mention.end);
      for (const auto& id : mention.ids) {
        gold_ids[type].insert(id);
        gold_mentions[type].emplace(mention.begin, mention.end, id);
        examples[type].emplace(id, mention.text);
      }
    }
    for (const auto& mention : tagger.tag(document.text)) {
      int type;
      if (mention.entity->type == schema::EntityType::kDrug) {
        if (!options.score_action_classes && schema::is_action_class(*mention.entity) &&
            options.annotated_action_classes.count(mention.entity->id) == 0) {
          continue;
        }
        type = 0;
      } else if (mention.entity->type == schema::EntityType::kCondition) {
        type = 1;
      } else {
        continue;
      }
      std::string id = era.scored_id(*mention.entity);
      if (options.align_promoted_concepts && type == 0 && era.is_newer(*mention.entity)) {
        for (const auto& gold : document.mentions) {
          if (gold.type == GoldType::kChemical && gold.begin == mention.begin &&
              gold.end == mention.end && gold.ids.size() == 1 &&
              gold.ids[0].rfind("mesh:C", 0) == 0) {
            id = gold.ids[0];
            break;
          }
        }
      }
      found_ids[type].insert(id);
      found_mentions[type].emplace(mention.begin, mention.end, id);
      found_spans[type].emplace(mention.begin, mention.end);
      examples[type].emplace(id, mention.text);
    }
    for (int type = 0; type < 2; ++type) {
      TypeScores& scores = type == 0 ? evaluation.chemical : evaluation.disease;
      score_sets(gold_ids[type], found_ids[type], scores.document);
      score_sets(gold_mentions[type], found_mentions[type], scores.mention);
      score_sets(gold_spans[type], found_spans[type], scores.span);
      for (const auto& id : found_ids[type]) {
        if (gold_ids[type].count(id) == 0) {
          auto& error = errors[type][0][id];
          error.id = id;
          if (error.example.empty()) error.example = examples[type][id];
          ++error.count;
        }
      }
      for (const auto& id : gold_ids[type]) {
        if (found_ids[type].count(id) == 0) {
          auto& error = errors[type][1][id];
          error.id = id;
          if (error.example.empty()) error.example = examples[type][id];
          ++error.count;
        }
      }
    }
  }
  evaluation.chemical.false_positives = ranked(errors[0][0]);
  evaluation.chemical.false_negatives = ranked(errors[0][1]);
  evaluation.disease.false_positives = ranked(errors[1][0]);
  evaluation.disease.false_negatives = ranked(errors[1][1]);
  return evaluation;
}

std::vector<TermPrecision> term_precision(const indexer::Tagger& tagger,
                                          const std::vector<PubtatorDocument>& documents) {
  std::map<std::string, TermPrecision> terms;
  for (const auto& document : documents) {
    std::set<std::string> seen;
    for (const auto& mention : tagger.tag(document.text)) {
      GoldType type;
      if (mention.entity->type == schema::EntityType::kDrug) {
        type = GoldType::kChemical;
      } else if (mention.entity->type == schema::EntityType::kCondition) {
        type = GoldType::kDisease;
      } else {
        continue;
      }
      std::string term = schema::fold_for_matching(mention.text);
      auto [it, added] = terms.try_emplace(term);
      TermPrecision& entry = it->second;
      if (added) {
        entry.term = term;
        entry.id = mention.entity->id;
      }
      if (entry.id != mention.entity->id) continue;  // one count per place
      ++entry.matches;
      if (seen.insert(term).second) ++entry.documents;
      for (const auto& gold : document.mentions) {
        if (gold.type == type && gold.begin <= mention.begin && mention.end <= gold.end) {
          ++entry.in_gold;
          break;
        }
      }
    }
  }
  std::vector<TermPrecision> list;
  for (auto& [term, entry] : terms) list.push_back(std::move(entry));
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return a.matches > b.matches;
  });
  return list;
}

std::set<std::string> learn_annotated_action_classes(const indexer::Tagger& tagger,
                                                     const std::vector<PubtatorDocument>& documents,
                                                     std::size_t min_documents, double min_share) {
  std::map<std::string, std::pair<std::size_t, std::size_t>> seen;  // id -> (documents, gold)
  for (const auto& document : documents) {
    std::set<std::string> gold;
    for (const auto& mention : document.mentions) {
      if (mention.type == GoldType::kChemical) gold.insert(mention.ids.begin(), mention.ids.end());
    }
    std::set<std::string> found;
    for (const auto& mention : tagger.tag(document.text)) {
      if (mention.entity->type == schema::EntityType::kDrug && schema::is_action_class(*mention.entity)) {
        found.insert(mention.entity->id);
      }
    }
    for (const auto& id : found) {
      ++seen[id].first;
      if (gold.count(id) != 0) ++seen[id].second;
    }
  }
  std::set<std::string> annotated;
  for (const auto& [id, counts] : seen) {
    if (counts.first >= min_documents &&
        static_cast<double>(counts.second) >= min_share * static_cast<double>(counts.first)) {
      annotated.insert(id);
    }
  }
  return annotated;
}

std::vector<LearnedSynonym> learn_synonyms(const indexer::Tagger& tagger,
                                           const schema::Vocabulary& vocabulary,
                                           const std::vector<PubtatorDocument>& documents,
                                           std::size_t min_count, double min_share) {
  struct Form {
    GoldType type = GoldType::kChemical;
    std::map<std::string, std::size_t> ids;  // id -> mentions
    std::size_t mentions = 0;
    bool ever_in_capitals = false;  // written "TAM", "ALL": an abbreviation somewhere
    std::set<std::string> documents;
  };
  std::map<std::string, Form> forms;  // lower-cased form (and type) -> ids
  for (const auto& document : documents) {
    for (const auto& mention : document.mentions) {
      if (mention.ids.size() != 1) continue;  // composite mentions teach nothing here
      std::string form;
      for (char c : mention.text) form += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      Form& entry = forms[form + (mention.type == GoldType::kChemical ? "\tc" : "\td")];
      entry.type = mention.type;
      ++entry.ids[mention.ids[0]];
      ++entry.mentions;
      entry.documents.insert(document.pmid);
      // Abbreviations mean what each abstract defines them to mean ("TAM" is
      // tamoxifen in one, macrophages in the next): not vocabulary material.
      std::size_t capitals = 0;
      for (char c : mention.text) capitals += (c >= 'A' && c <= 'Z') ? 1 : 0;
      if (capitals >= 2) entry.ever_in_capitals = true;
    }
  }
  std::vector<LearnedSynonym> learned;
  for (const auto& [key, form] : forms) {
    // Written in several abstracts: one abstract's wording is not vocabulary.
    if (form.documents.size() < min_count || form.ever_in_capitals) continue;
    auto best = std::max_element(form.ids.begin(), form.ids.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (static_cast<double>(best->second) < min_share * static_cast<double>(form.mentions)) continue;
    const schema::Entity* entity = vocabulary.find(best->first);
    if (entity == nullptr) continue;
    auto wanted = form.type == GoldType::kChemical ? schema::EntityType::kDrug
                                                   : schema::EntityType::kCondition;
    if (entity->type != wanted) continue;
    std::string text = key.substr(0, key.find('\t'));
    if (!tagger.tag(text).empty()) continue;  // the tagger reads it already, rightly or not
    // Short forms ("dex", "was", "pan") are document-local abbreviations or
    // ordinary words; a form needs a word of five letters or more.
    bool long_word = false;
    std::size_t run = 0;
    for (char c : text) {
      run = (c >= 'a' && c <= 'z') ? run + 1 : 0;
      if (run >= 5) long_word = true;
    }
    if (!long_word || vocabulary.is_untagged(text)) continue;
    learned.push_back(LearnedSynonym{entity->id, text, best->second});
  }
  return learned;
}

}  // namespace litgraph::bench
