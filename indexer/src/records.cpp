#include "litgraph/indexer/records.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "litgraph/indexer/database.h"
#include "litgraph/indexer/free_text.h"
#include "litgraph/indexer/passages.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"
#include "litgraph/schema/text.h"

namespace litgraph::indexer {

namespace layout = schema::layout;

namespace {

using layout::kTermLimit;

std::string term(std::string_view prefix, std::string_view value) {
  std::string result(prefix);
  result += value;
  if (result.size() > kTermLimit) result.resize(kTermLimit);
  return result;
}

std::string_view typed_prefix(schema::EntityType type) {
  switch (type) {
    case schema::EntityType::kDrug:
      return layout::kDrugPrefix;
    case schema::EntityType::kCondition:
      return layout::kConditionPrefix;
    case schema::EntityType::kReceptor:
      return layout::kReceptorPrefix;
  }
  return layout::kDrugPrefix;
}

// One term per entity, under its type's prefix: "any entity" is the OR of
// the three, and a term less per entity is a tenth less work per record.
void add_entity(Xapian::Document& document, const schema::Entity& entity, Xapian::termcount wdf) {
  document.add_term(term(typed_prefix(entity.type), entity.id), wdf);
}

// Copies the entity terms and the kind into the facet value slots.
void add_facet_values(Xapian::Document& document, bool passage) {
  struct Facet {
    std::string_view prefix;
    layout::Slot slot;
    layout::Slot passage_slot;
  };
  for (const Facet& facet :
       {Facet{layout::kConditionPrefix, layout::kConditions, layout::kPassageConditions},
        Facet{layout::kDrugPrefix, layout::kDrugs, layout::kPassageDrugs},
        Facet{layout::kReceptorPrefix, layout::kReceptors, layout::kPassageReceptors}}) {
    std::string ids;
    auto it = document.termlist_begin();
    it.skip_to(std::string(facet.prefix));
    for (; it != document.termlist_end(); ++it) {
      const std::string name = *it;
      if (name.compare(0, facet.prefix.size(), facet.prefix) != 0) break;
      if (!ids.empty()) ids += '\n';
      ids += layout::facet_entity_id(std::string_view(name).substr(facet.prefix.size()));
    }
    if (!ids.empty()) document.add_value(passage ? facet.passage_slot : facet.slot, ids);
  }
}

void add_common(Xapian::Document& document, std::string_view kind, const std::string& id,
                const std::string& hash) {
  document.add_boolean_term(term(layout::kIdPrefix, id));
  document.add_boolean_term(term(layout::kKindPrefix, kind));
  document.add_value(layout::kKindSlot, std::string(kind));
  // Passages are written and removed with their owner: no hash of their own.
  if (kind != layout::kPassage) document.add_value(layout::kHash, hash);
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void json_string(JsonWriter& json, std::string_view value) {
  json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void json_field(JsonWriter& json, const char* name, const std::optional<std::string>& value) {
  if (!value) return;
  json.Key(name);
  json_string(json, *value);
}

void json_ids(JsonWriter& json, const char* name, const std::vector<std::string>& ids) {
  json.Key(name);
  json.StartArray();
  for (const auto& id : ids) json_string(json, id);
  json.EndArray();
}

// The order in which an edge names its two ends: drug, receptor, condition.
int edge_rank(schema::EntityType type) {
  switch (type) {
    case schema::EntityType::kDrug:
      return 0;
    case schema::EntityType::kReceptor:
      return 1;
    case schema::EntityType::kCondition:
      return 2;
  }
  return 3;
}

constexpr std::string_view kAntagonistCues[] = {
    "block",       "blocks",       "blocked",     "blocking",    "blocker",     "blockers",
    "blockade",    "antagonist",   "antagonists", "antagonism",  "antagonize",  "antagonizes",
    "antagonized", "antagonizing", "antagonistic", "inhibit",    "inhibits",    "inhibited",
    "inhibiting",  "inhibitor",    "inhibitors",  "inhibition",  "inhibitory"};
constexpr std::string_view kAgonistCues[] = {
    "agonist",    "agonists",    "agonism",    "activate",   "activates",  "activated",
    "activating", "activation",  "activator",  "stimulate",  "stimulates", "stimulated",
    "stimulating", "stimulation"};

template <std::size_t N>
bool has_cue(const std::vector<std::string>& words, const std::string_view (&cues)[N]) {
  for (const auto& word : words) {
    for (auto cue : cues) {
      if (word == cue) return true;
    }
  }
  return false;
}

// The mentions that begin in [begin, end): a run of `mentions`, which the
// tagger orders by begin, found by binary search rather than a scan.
std::pair<std::vector<Mention>::const_iterator, std::vector<Mention>::const_iterator> mentions_in(
    const std::vector<Mention>& mentions, std::size_t begin, std::size_t end) {
  auto by_begin = [](const Mention& mention, std::size_t offset) { return mention.begin < offset; };
  auto first = std::lower_bound(mentions.begin(), mentions.end(), begin, by_begin);
  auto last = std::lower_bound(first, mentions.end(), end, by_begin);
  return {first, last};
}

// Entities named in [begin, end) of the owner's text, in vocabulary order,
// each once, with how often.
std::map<const schema::Entity*, Xapian::termcount> entities_between(
    const std::vector<Mention>& mentions, std::size_t begin, std::size_t end) {
  std::map<const schema::Entity*, Xapian::termcount> counts;
  const auto [first, last] = mentions_in(mentions, begin, end);
  for (auto it = first; it != last; ++it) ++counts[it->entity];
  return counts;
}

// Adds the entities of `mentions`, each once with its count as wdf; returns
// how many distinct entities there were.
std::size_t add_mentions(Xapian::Document& document, const std::vector<Mention>& mentions) {
  const auto counts = entities_between(mentions, 0, std::string::npos);
  for (const auto& [entity, count] : counts) add_entity(document, *entity, count);
  return counts.size();
}

// A work's bibliographic terms and values: source, identifiers, year,
// journal, authors, publication types.
void add_work_fields(Xapian::Document& document, const schema::Work& work,
                     std::string_view source) {
  document.add_boolean_term(term(layout::kSourcePrefix, source));
  if (work.doi) document.add_boolean_term(term(layout::kDoiPrefix, *work.doi));
  if (work.pmid) document.add_boolean_term(term(layout::kPmidPrefix, *work.pmid));
  if (work.year) {
    document.add_boolean_term(term(layout::kYearPrefix, std::to_string(*work.year)));
    document.add_value(layout::kYear, Xapian::sortable_serialise(*work.year));
  }
  const std::optional<std::string>& journal = work.container ? work.container : work.container_short;
  if (journal) {
    document.add_boolean_term(term(layout::kJournalPrefix, schema::fold_for_matching(*journal)));
    document.add_value(layout::kJournal, *journal);
  }
  for (const auto& author : work.authors) {
    if (!author.family.empty()) {
      document.add_boolean_term(term(layout::kAuthorPrefix, schema::fold_for_matching(author.family)));
    }
  }
  std::string study_types;
  for (const auto& type : work.publication_types) {
    document.add_boolean_term(term(layout::kStudyTypePrefix, schema::fold_for_matching(type.name)));
    if (!study_types.empty()) study_types += '\n';
    study_types += type.name;
  }
  if (!study_types.empty()) document.add_value(layout::kStudyType, study_types);
}

// A work record's document data (JSON); `reference` is the entry as cited,
// for works known only from a reference list.
std::string work_data(const std::string& id, const schema::Work& work, std::string_view source,
                      const std::string* reference) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("id");
  json_string(json, id);
  json.Key("kind");
  json.String("work");
  json_field(json, "title", work.title);
  // The text its terms come from: shown, and what its passages are cut from.
  json_field(json, "abstract", work.abstract);
  json_field(json, "journal", work.container ? work.container : work.container_short);
  if (work.year) {
    json.Key("year");
    json.Int(*work.year);
  }
  json_field(json, "doi", work.doi);
  json_field(json, "pmid", work.pmid);
  json.Key("authors");
  json.StartArray();
  for (const auto& author : work.authors) {
    std::string name = author.family;
    if (!author.given.empty()) name += ", " + author.given;
    json_string(json, name);
  }
  json.EndArray();
  std::vector<std::string> types;
  for (const auto& type : work.publication_types) types.push_back(type.name);
  json_ids(json, "publication_types", types);
  json.Key("source");
  json_string(json, source);
  if (reference != nullptr) {
    json.Key("reference");
    json_string(json, *reference);
  }
  json.EndObject();
  return buffer.GetString();
}

// A passage record: the sentence, its entities, the works it cites and its
// edges. Year and journal are the owner's, for facets.
std::pair<std::string, Xapian::Document> passage_document(
    const std::string& owner, std::size_t number, const Passage& passage,
    const std::map<const schema::Entity*, Xapian::termcount>& entities,
    const std::vector<std::string>& cites, const std::vector<std::string>& edges,
    const Xapian::Document& owner_document, const std::string& hash, bool index_words) {
  std::string id = owner + "#p" + std::to_string(number);
  Xapian::Document document;
  add_common(document, layout::kPassage, id, hash);
  document.add_boolean_term(term(layout::kOwnerPrefix, owner));
  // The owner's year, for sorting and filtering evidence by date.
  if (std::string year = owner_document.get_value(layout::kYear); !year.empty()) {
    document.add_value(layout::kYear, year);
    document.add_boolean_term(
        term(layout::kYearPrefix, std::to_string(static_cast<int>(Xapian::sortable_unserialise(year)))));
  }
  if (index_words) index_free_text(document, FreeText{{}, false, passage.text}, /*positions=*/false);
  for (const auto& [entity, count] : entities) add_entity(document, *entity, count);
  for (const auto& work : cites) document.add_boolean_term(term(layout::kCitesPrefix, work));
  for (const auto& edge : edges) {
    document.add_boolean_term(term(layout::kEdgePrefix, edge));
    // Both ends: "acts_on:antagonist:mesh:D1|mesh:D2" -> mesh:D1, mesh:D2.
    const std::size_t bar = edge.find('|');
    const std::size_t start = edge.rfind(':', edge.rfind(':', bar) - 1) + 1;
    document.add_boolean_term(term(layout::kEdgeEntityPrefix, edge.substr(start, bar - start)));
    document.add_boolean_term(term(layout::kEdgeEntityPrefix, edge.substr(bar + 1)));
  }

  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  // Its id, kind and owner are its Q, K and O terms, which
  // query::record_data() puts back: a third of the bytes otherwise. Only an
  // id that its term cuts short is stored.
  if (layout::kIdPrefix.size() + id.size() > kTermLimit) {
    json.Key("id");
    json_string(json, id);
    json.Key("owner");
    json_string(json, owner);
  }
  json.Key("line");
  json.Int64(passage.line);
  // Where it is in its owner's text (an article's text, a work's title and
  // abstract: indexer/free_text.h), which query::record_data() cuts it from:
  // its text was 54 MB of values at 100,000 records.
  json.Key("begin");
  json.Uint64(passage.begin);
  json.Key("end");
  json.Uint64(passage.end);
  // The works its markers cite, in marker order (the C terms are sorted).
  // Entities and edges are read from the terms: half the bytes a passage
  // would otherwise store, and Xapian compresses every stored byte.
  if (!cites.empty()) json_ids(json, "cites", cites);
  json.EndObject();
  add_facet_values(document, /*passage=*/true);
  document.add_value(layout::kPassageData, buffer.GetString());
  return {std::move(id), std::move(document)};
}

// text[begin, end) with the receptors' and conditions' names blanked out, for
// reading the verbs of a passage: "hyperpolarization-activated … channels"
// names a channel, it does not say that a drug activates it. Drug names stay
// ("NMDA receptor antagonist" says how the drug acts).
std::string cue_text(std::string_view text, const std::vector<Mention>& mentions,
                     std::size_t begin, std::size_t end) {
  std::string cues(text.substr(begin, end - begin));
  const auto [first, last] = mentions_in(mentions, begin, end);
  for (auto it = first; it != last; ++it) {
    const Mention& mention = *it;
    if (mention.end > end) continue;
    if (mention.entity->type == schema::EntityType::kDrug) continue;
    std::fill(cues.begin() + static_cast<std::ptrdiff_t>(mention.begin - begin),
              cues.begin() + static_cast<std::ptrdiff_t>(mention.end - begin), ' ');
  }
  return cues;
}

// An article's title: its first line that reads as text (not a phone number
// or an address), cut at its first sentence when longer than 150 bytes (web
// pages often begin with a paragraph).
std::string article_title(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::size_t letters = 0;
    for (char c : line) letters += ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ? 1 : 0;
    if (letters < 3 || letters * 2 < line.size() || line.find('@') != std::string_view::npos) {
      continue;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.size() <= 150) return std::string(line);
    std::size_t stop = line.find(". ");
    if (stop != std::string_view::npos && stop < 150) return std::string(line.substr(0, stop + 1));
    stop = line.rfind(' ', 150);
    return std::string(line.substr(0, stop == std::string_view::npos ? 150 : stop)) + "…";
  }
  return std::string(text.substr(0, std::min<std::size_t>(text.size(), 150)));
}

// Whether nothing but spaces separates two passages on one line: sentences of
// one paragraph.
bool same_paragraph(std::string_view text, const Passage& before, const Passage& after) {
  return text.substr(before.end, after.begin - before.end).find('\n') == std::string_view::npos;
}

// The entities a passage's edges are made from: those it names, and, when it
// names no drug, the drugs of the paragraph's earlier sentences ("Ketamine
// produces analgesia. It has been shown to inhibit … the NMDA receptor.").
// `topic` is updated with the drugs the passage names.
std::vector<const schema::Entity*> with_topic(std::vector<const schema::Entity*> named,
                                              std::vector<const schema::Entity*>& topic) {
  std::vector<const schema::Entity*> drugs;
  for (const auto* entity : named) {
    // A class of drugs ("NMDA receptor antagonist") does not change the topic.
    if (entity->type == schema::EntityType::kDrug && !schema::is_action_class(*entity)) {
      drugs.push_back(entity);
    }
  }
  if (!drugs.empty()) {
    topic = drugs;
    return named;
  }
  named.insert(named.end(), topic.begin(), topic.end());
  return named;
}

// The entities of [begin, end) that take part in edges: all but the
// chemicals named only as part of a receptor's or a class's name
// ("N-methyl-D-aspartate" in "N-methyl-D-aspartate (NMDA) receptor"), which
// say what the receptor is, not what the sentence is about.
std::vector<const schema::Entity*> edge_entities(std::string_view text,
                                                 const std::vector<Mention>& mentions,
                                                 std::size_t begin, std::size_t end) {
  std::vector<const schema::Entity*> result;
  std::map<const schema::Entity*, bool> free;  // entity -> named outside a longer name
  const auto [first, last] = mentions_in(mentions, begin, end);
  for (auto it = first; it != last; ++it) {
    const Mention& mention = *it;
    bool nested = false;
    for (auto other_it = first; other_it != last; ++other_it) {
      const Mention& other = *other_it;
      if (&other == &mention) continue;
      if (other.begin <= mention.begin && mention.end <= other.end &&
          other.end - other.begin > mention.end - mention.begin) {
        nested = true;  // inside a longer name
        break;
      }
      // "α-amino-…-propionic acid (AMPA) receptors": a chemical written just
      // before a receptor's name is part of that name.
      if (mention.entity->type == schema::EntityType::kDrug &&
          other.entity->type == schema::EntityType::kReceptor && other.begin >= mention.end &&
          text.substr(mention.end, other.begin - mention.end).find_first_not_of(" (") ==
              std::string_view::npos) {
        nested = true;
        break;
      }
    }
    free[mention.entity] = free[mention.entity] || !nested;
  }
  for (const auto& [entity, named_freely] : free) {
    if (named_freely) result.push_back(entity);
  }
  return result;
}


}  // namespace

std::string content_hash(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::optional<std::string> work_record_id(const schema::Work& work) {
  if (work.doi) return "work:doi:" + *work.doi;
  if (work.pmid) return "work:pmid:" + *work.pmid;
  return std::nullopt;
}

std::vector<std::string> edge_terms(const std::vector<const schema::Entity*>& entities,
                                    std::string_view text) {
  std::vector<const schema::Entity*> ordered = entities;
  std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    int ra = edge_rank(a->type);
    int rb = edge_rank(b->type);
    return ra != rb ? ra < rb : a->id < b->id;
  });
  ordered.erase(std::unique(ordered.begin(), ordered.end()), ordered.end());
  std::vector<std::string> edges;
  std::optional<std::vector<std::string>> words;  // folded, when a drug meets a receptor
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    for (std::size_t j = i + 1; j < ordered.size(); ++j) {
      const auto* a = ordered[i];
      const auto* b = ordered[j];
      const char* type = nullptr;
      if (a->type == schema::EntityType::kDrug && b->type == schema::EntityType::kCondition) {
        type = "studied_for";
      } else if (a->type == schema::EntityType::kDrug &&
                 b->type == schema::EntityType::kReceptor) {
        type = "acts_on";
      } else if (a->type == schema::EntityType::kReceptor &&
                 b->type == schema::EntityType::kCondition) {
        type = "implicated_in";
      }
      if (type == nullptr) continue;
      const std::string pair = a->id + "|" + b->id;
      edges.push_back(std::string(type) + ":" + pair);
      if (std::string_view(type) == "acts_on") {
        if (!words) words = schema::folded_words(text);
        if (has_cue(*words, kAntagonistCues)) edges.push_back("acts_on:antagonist:" + pair);
        if (has_cue(*words, kAgonistCues)) edges.push_back("acts_on:agonist:" + pair);
      }
    }
  }
  return edges;
}

void WriteCounts::count(WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::kAdded:
      ++added;
      break;
    case WriteOutcome::kReplaced:
      ++replaced;
      break;
    case WriteOutcome::kUnchanged:
      ++unchanged;
      break;
  }
}

Record work_record(const std::string& id, const schema::Work& work,
                   const schema::Vocabulary& vocabulary, const Tagger& tagger,
                   std::string_view source, const std::string& hash) {
  Record record;
  record.id = id;
  Xapian::Document& document = record.document;
  add_common(document, layout::kWork, id, hash);
  add_work_fields(document, work, source);

  index_free_text(document, FreeText{work.title.value_or(""), true, work.abstract.value_or("")},
                  /*positions=*/false);

  // MeSH headings and chemicals are strong evidence: H (and M when major) as
  // well as the entity terms; the tagger adds what the text names.
  for (const auto* list : {&work.mesh, &work.chemicals}) {
    for (const auto& heading : *list) {
      const schema::Entity* entity = vocabulary.find("mesh:" + heading.ui);
      if (entity == nullptr) continue;
      document.add_boolean_term(term(layout::kMeshHeadingPrefix, entity->id));
      if (heading.major) document.add_boolean_term(term(layout::kMeshMajorPrefix, entity->id));
      add_entity(document, *entity, 1);
    }
  }
  const std::string text = work_text(work.title.value_or(""), work.abstract.value_or(""));
  const auto mentions = tagger.tag(text);
  const std::size_t named = add_mentions(document, mentions);
  add_facet_values(document, /*passage=*/false);
  document.set_data(work_data(id, work, source, nullptr));

  // Passages: the sentences that carry an edge, its evidence.
  if (named >= 2) {
    std::size_t number = 0;
    const auto passages = split_passages(text);
    std::vector<const schema::Entity*> topic;
    for (std::size_t p = 0; p < passages.size(); ++p) {
      const Passage& passage = passages[p];
      auto entities = entities_between(mentions, passage.begin, passage.end);
      if (p > 0 && !same_paragraph(text, passages[p - 1], passage)) topic.clear();
      auto edges = edge_terms(
          with_topic(edge_entities(text, mentions, passage.begin, passage.end), topic),
          cue_text(text, mentions, passage.begin, passage.end));
      if (edges.empty()) continue;
      record.passages.push_back(
          passage_document(id, ++number, passage, entities, {}, edges, document, hash,
                           /*index_words=*/false));
    }
  }
  return record;
}

Record cited_work_record(const std::string& id, const schema::Reference& reference,
                         const Tagger& tagger, const std::string& hash) {
  schema::Work work;
  work.doi = reference.doi;
  work.pmid = reference.pmid;
  work.title = reference.title;
  work.container = reference.container;
  work.year = reference.year;
  for (const auto& author : reference.authors) {
    work.authors.push_back(schema::WorkAuthor{author.family, author.given, "", false});
  }
  Record record;
  record.id = id;
  Xapian::Document& document = record.document;
  add_common(document, layout::kWork, id, hash);
  add_work_fields(document, work, "references");
  const std::string title = reference.title.value_or(reference.raw);
  index_free_text(document, FreeText{title, true, {}}, /*positions=*/false);
  add_mentions(document, tagger.tag(title));
  add_facet_values(document, /*passage=*/false);
  document.set_data(work_data(id, work, "references", &reference.raw));
  return record;
}

Record article_record(const ArticleInput& article, const Tagger& tagger, const std::string& hash) {
  Record record;
  record.id = article.id;
  Xapian::Document& document = record.document;
  add_common(document, layout::kArticle, article.id, hash);
  document.add_boolean_term(term(layout::kSourcePrefix, article.source));
  const std::string_view text = article.text;
  const std::string title = article_title(text);
  index_free_text(document, FreeText{title, false, article.text}, /*positions=*/false);

  const auto mentions = tagger.tag(text);
  add_mentions(document, mentions);
  std::vector<std::string> cited;
  for (const auto& reference : article.references) {
    document.add_boolean_term(term(layout::kCitesPrefix, reference.work_id));
    cited.push_back(reference.work_id);
  }

  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("id");
  json_string(json, article.id);
  json.Key("kind");
  json.String("article");
  json.Key("title");
  json_string(json, title);
  json.Key("source");
  json_string(json, article.source);
  json_ids(json, "cites", cited);
  json.Key("text");  // as a work's abstract
  json_string(json, article.text);
  json.EndObject();
  add_facet_values(document, /*passage=*/false);
  document.set_data(buffer.GetString());

  // Passages: every sentence of the body, with the works its markers cite.
  const std::size_t body_end = std::min(article.body_end, text.size());
  const auto passages = split_passages(text, body_end);
  const auto markers = find_citation_markers(text.substr(0, body_end));
  std::vector<CitedReference> cited_references;
  for (const auto& reference : article.references) {
    cited_references.push_back(
        CitedReference{reference.number, reference.first_author_family, reference.year});
  }
  std::vector<std::vector<std::string>> cites(passages.size());
  const auto citing = citing_passages(passages, markers, cited_references);
  for (std::size_t r = 0; r < citing.size() && r < article.references.size(); ++r) {
    for (std::size_t p : citing[r]) {
      auto& list = cites[p];
      if (std::find(list.begin(), list.end(), article.references[r].work_id) == list.end()) {
        list.push_back(article.references[r].work_id);
      }
    }
  }
  std::vector<const schema::Entity*> topic;  // the drugs the paragraph is about so far
  for (std::size_t p = 0; p < passages.size(); ++p) {
    auto entities = entities_between(mentions, passages[p].begin, passages[p].end);
    if (p > 0 && !same_paragraph(text, passages[p - 1], passages[p])) topic.clear();
    auto edges = edge_terms(
        with_topic(edge_entities(text, mentions, passages[p].begin, passages[p].end), topic),
        cue_text(text, mentions, passages[p].begin, passages[p].end));
    record.passages.push_back(passage_document(article.id, p + 1, passages[p], entities, cites[p],
                                               edges, document, hash, /*index_words=*/true));
  }
  return record;
}

namespace {

// A full disk is the machine's problem, not the index's: StorageError (exit 9).
[[noreturn]] void throw_write_error(const std::string& what, const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  if (reason != nullptr && std::string_view(reason).find("No space left") != std::string_view::npos) {
    throw StorageError(what + ": no space left on the device (" + e.get_description() + ")");
  }
  throw IndexError(what + ": " + e.get_description());
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& path, std::size_t batch_size,
                         bool scratch)
    : database_(open_writable(path, scratch)), batch_size_(batch_size == 0 ? 1 : batch_size) {
  const std::string layout = database_.get_metadata(std::string(layout::kLayoutKey));
  layout_written_ = layout == layout::kLayoutVersion;
  if (!layout_written_ && database_.get_doccount() > 0) {
    throw IndexError(path.string() + ": this index has layout " +
                     (layout.empty() ? std::string("1") : layout) + " and this litgraph writes layout " +
                     std::string(layout::kLayoutVersion) +
                     ": index into a new database (--db), or remove this one and index again");
  }
}

IndexWriter::~IndexWriter() {
  // An open transaction is cancelled, not committed: what was not committed
  // is dropped and the database keeps its last committed state.
  try {
    if (pending_ > 0) database_.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
}

std::optional<std::string> IndexWriter::stored_hash(const std::string& id) const {
  const std::string unique = term(layout::kIdPrefix, id);
  auto posting = database_.postlist_begin(unique);
  if (posting == database_.postlist_end(unique)) return std::nullopt;
  return database_.get_document(*posting, Xapian::DOC_ASSUME_VALID).get_value(layout::kHash);
}

void IndexWriter::begin() {
  if (pending_ != 0) return;
  database_.begin_transaction(true);
  if (!layout_written_) {
    database_.set_metadata(std::string(layout::kLayoutKey), std::string(layout::kLayoutVersion));
    layout_written_ = true;
  }
}

void IndexWriter::write(const Record& record, bool replacing) {
  try {
    begin();
    // A new record is added: replace_document() by term looks the term up
    // first, which in a large batch costs more than building the document.
    if (replacing) {
      database_.delete_document(term(layout::kOwnerPrefix, record.id));
      database_.replace_document(term(layout::kIdPrefix, record.id), record.document);
    } else {
      database_.add_document(record.document);
    }
    // Passages are new either way: a replaced record's were deleted above.
    Xapian::WritableDatabase& passages = passage_database_ ? *passage_database_ : database_;
    for (const auto& [id, passage] : record.passages) passages.add_document(passage);
  } catch (const Xapian::Error& e) {
    throw_write_error("cannot write record " + record.id, e);
  }
  ++records_written_;
  passages_written_ += record.passages.size();
  written();
}

bool IndexWriter::remove(const std::string& id) {
  const std::string unique = term(layout::kIdPrefix, id);
  if (database_.get_termfreq(unique) == 0) return false;
  try {
    begin();
    database_.delete_document(term(layout::kOwnerPrefix, id));
    database_.delete_document(unique);
  } catch (const Xapian::Error& e) {
    throw_write_error("cannot remove record " + id, e);
  }
  written();
  return true;
}

std::vector<std::string> IndexWriter::ids_with_prefix(const std::string& prefix) const {
  std::vector<std::string> ids;
  const std::string start = term(layout::kIdPrefix, prefix);
  for (auto it = database_.allterms_begin(start); it != database_.allterms_end(start); ++it) {
    ids.push_back((*it).substr(layout::kIdPrefix.size()));
  }
  return ids;
}

std::size_t IndexWriter::distinct_terms(const std::string& prefix) const {
  std::size_t count = 0;
  for (auto it = database_.allterms_begin(prefix); it != database_.allterms_end(prefix); ++it) {
    ++count;
  }
  return count;
}

void IndexWriter::separate_passages(const std::filesystem::path& path) {
  passage_database_ = open_writable(path, /*scratch=*/true);
}

void IndexWriter::written() {
  if (++pending_ >= batch_size_) commit();
}

void IndexWriter::commit() {
  if (pending_ == 0) return;
  try {
    // Passages first: a record must never be committed without them.
    if (passage_database_) passage_database_->commit();
    database_.commit_transaction();
  } catch (const Xapian::Error& e) {
    throw_write_error("cannot commit the index", e);
  }
  pending_ = 0;
}

}  // namespace litgraph::indexer
