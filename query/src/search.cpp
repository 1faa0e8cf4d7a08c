#include "litgraph/query/search.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>

#include "litgraph/query/database.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/identifiers.h"
#include "litgraph/schema/index_layout.h"
#include "litgraph/schema/text.h"
#include "entity_names.h"
#include "facet_counts.h"
#include "json_member.h"
#include "match_stream.h"
#include "phrase_check.h"

namespace litgraph::query {

namespace layout = schema::layout;

using internal::string_member;

namespace {

std::string prefixed(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + std::string(value);
}

std::string_view entity_prefix(schema::EntityType type) {
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

// The publication types `value` asks for, as the folded names the index
// holds (T terms): the short forms of the issue, or a PubMed type's name.
std::vector<std::string> publication_types(std::string_view value) {
  static const std::map<std::string, std::vector<std::string>> kAliases = {
      {"review", {"review", "systematic review"}},
      {"systematic review", {"systematic review"}},
      {"meta analysis", {"meta analysis"}},
      {"rct", {"randomized controlled trial"}},
      {"randomized controlled trial", {"randomized controlled trial"}},
      {"clinical trial",
       {"clinical trial", "randomized controlled trial", "controlled clinical trial",
        "clinical trial phase i", "clinical trial phase ii", "clinical trial phase iii",
        "clinical trial phase iv"}},
      {"case report", {"case reports"}},
      {"case reports", {"case reports"}},
      {"observational study", {"observational study"}},
      {"guideline", {"guideline", "practice guideline"}},
      {"editorial", {"editorial"}},
      {"letter", {"letter"}},
      {"comment", {"comment"}},
  };
  const std::string folded = schema::fold_for_matching(value);
  auto alias = kAliases.find(folded);
  if (alias != kAliases.end()) return alias->second;
  return {folded};
}

std::optional<std::string> normalized_doi(std::string_view value) {
  return schema::normalize_doi(value);
}

// The query one field's value stands for; `field` is one of the names below.
Xapian::Query field_query(const Xapian::Database& database, const schema::Vocabulary& vocabulary,
                          std::string_view field, std::string_view value) {
  auto any_of = [](const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  };
  if (field == "drug" || field == "condition" || field == "receptor") {
    schema::EntityType type = field == "drug"        ? schema::EntityType::kDrug
                              : field == "condition" ? schema::EntityType::kCondition
                                                     : schema::EntityType::kReceptor;
    std::vector<std::string> terms;
    for (const auto* entity : internal::resolve_entity(vocabulary, type, field, value)) {
      terms.push_back(prefixed(entity_prefix(type), entity->id));
    }
    return any_of(terms);
  }
  if (field == "type") {
    std::vector<std::string> terms;
    for (const auto& type : publication_types(value)) {
      terms.push_back(prefixed(layout::kStudyTypePrefix, type));
    }
    return any_of(terms);
  }
  if (field == "kind") {
    if (value != layout::kArticle && value != layout::kWork && value != layout::kPassage) {
      throw UsageError("kind:" + std::string(value) + ": a kind is article, work or passage");
    }
    return Xapian::Query(prefixed(layout::kKindPrefix, value));
  }
  if (field == "journal") return Xapian::Query(prefixed(layout::kJournalPrefix, schema::fold_for_matching(value)));
  if (field == "author") return Xapian::Query(prefixed(layout::kAuthorPrefix, schema::fold_for_matching(value)));
  if (field == "pmid") return Xapian::Query(prefixed(layout::kPmidPrefix, value));
  if (field == "doi") {
    auto doi = normalized_doi(value);
    if (!doi) throw UsageError("doi:" + std::string(value) + ": not a DOI");
    return Xapian::Query(prefixed(layout::kDoiPrefix, *doi));
  }
  if (field == "year") {
    auto dots = value.find("..");
    auto number = [&](std::string_view text) -> std::optional<int> {
      if (text.empty()) return std::nullopt;
      int year = 0;
      for (char c : text) {
        if (c < '0' || c > '9') throw UsageError("year:" + std::string(value) + ": not a year or a range of years (2010..2021)");
        year = year * 10 + (c - '0');
      }
      return year;
    };
    if (dots == std::string_view::npos) {
      return Xapian::Query(prefixed(layout::kYearPrefix, std::to_string(*number(value))));
    }
    // The years of the range that the index holds, as Y terms (a value
    // range would make Xapian read the year of every candidate).
    const int from = number(value.substr(0, dots)).value_or(0);
    const int to = number(value.substr(dots + 2)).value_or(9999);
    std::vector<std::string> years;
    const std::string prefix(layout::kYearPrefix);
    for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
      const std::string year = (*it).substr(prefix.size());
      if (year.empty() || year.size() > 4 ||
          !std::all_of(year.begin(), year.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        continue;
      }
      if (std::stoi(year) >= from && std::stoi(year) <= to) years.push_back(*it);
    }
    return any_of(years);
  }
  throw UsageError(std::string(field) +
                   ": unknown field (title, author, journal, doi, pmid, drug, condition, "
                   "receptor, year, type, kind)");
}

// Hands field values from the query text to field_query().
class FieldHandler : public Xapian::FieldProcessor {
 public:
  FieldHandler(const Xapian::Database& database, const schema::Vocabulary& vocabulary, std::string field)
      : database_(database), vocabulary_(vocabulary), field_(std::move(field)) {}
  Xapian::Query operator()(const std::string& value) override {
    return field_query(database_, vocabulary_, field_, value);
  }

 private:
  const Xapian::Database& database_;
  const schema::Vocabulary& vocabulary_;
  std::string field_;
};

// `text` with the words whose English stem is one of `terms` between <b> and
// </b> (Xapian's MSet::snippet marks only what STEM_SOME indexes), cut to
// about 240 bytes around the first such word.
std::string highlight(const std::string& text, const Xapian::Stem& stemmer,
                      const std::set<std::string>& terms) {
  std::string marked;
  std::size_t first = std::string::npos;
  std::size_t k = 0;
  auto is_word = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  while (k < text.size()) {
    if (!is_word(static_cast<unsigned char>(text[k]))) {
      marked += text[k++];
      continue;
    }
    std::size_t end = k;
    while (end < text.size() && is_word(static_cast<unsigned char>(text[end]))) ++end;
    std::string word = text.substr(k, end - k);
    std::string lower = word;
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!terms.empty() && terms.count(stemmer(lower)) != 0) {
      if (first == std::string::npos) first = marked.size();
      marked += "<b>" + word + "</b>";
    } else {
      marked += word;
    }
    k = end;
  }
  constexpr std::size_t kLength = 240;
  if (marked.size() <= kLength) return marked;
  std::size_t start = first == std::string::npos || first < kLength / 3 ? 0 : first - kLength / 3;
  while (start > 0 && marked[start] != ' ') --start;  // a word boundary
  std::size_t stop = std::min(marked.size(), start + kLength);
  while (stop < marked.size() && marked[stop] != ' ') ++stop;
  return (start > 0 ? "…" : "") + marked.substr(start, stop - start) +
         (stop < marked.size() ? "…" : "");
}

// What Xapian's parser forgives but a user should hear about: an unbalanced
// quote, and a "name:" that is no field (it would silently match nothing).
void check_syntax(std::string_view text) {
  static const std::set<std::string, std::less<>> kFields = {
      "title", "author", "journal", "doi", "pmid", "drug", "condition", "receptor",
      "year", "type", "kind"};
  bool quoted = false;
  std::size_t quote_at = 0;
  for (std::size_t k = 0; k < text.size(); ++k) {
    char c = text[k];
    if (c == '"') {
      quoted = !quoted;
      quote_at = k;
      continue;
    }
    if (quoted) continue;
    const bool starts_token = k == 0 || text[k - 1] == ' ' || text[k - 1] == '(';
    if (!starts_token) continue;
    std::size_t end = k;
    while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') ||
                                 (text[end] >= 'A' && text[end] <= 'Z') || text[end] == '_')) {
      ++end;
    }
    if (end > k && end + 1 < text.size() && text[end] == ':' && text[end + 1] != '/' &&
        text[end + 1] != ' ' && kFields.count(text.substr(k, end - k)) == 0) {
      throw UsageError(std::string(text.substr(k, end - k)) +
                       ": unknown field (title, author, journal, doi, pmid, drug, condition, "
                       "receptor, year, type, kind)");
    }
  }
  if (quoted) {
    throw UsageError("unbalanced quote: the phrase that starts at character " +
                     std::to_string(quote_at + 1) + " of the query has no end");
  }
}

}  // namespace

const std::vector<std::string>& facet_fields() {
  static const std::vector<std::string> kFields = {"condition", "drug", "receptor", "year",
                                                   "journal", "type", "kind"};
  return kFields;
}

SearchResult search(const Xapian::Database& database, const schema::Vocabulary& vocabulary,
                    const SearchRequest& request, const FacetColumns* columns) {
  Xapian::QueryParser parser;
  parser.set_database(database);
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);  // as the indexer stems
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("title", std::string(layout::kTitlePrefix));
  for (const char* field : {"author", "journal", "doi", "pmid", "drug", "condition", "receptor",
                            "year", "type", "kind"}) {
    parser.add_boolean_prefix(field, (new FieldHandler(database, vocabulary, field))->release());
  }

  check_syntax(request.text);
  Xapian::Query query = Xapian::Query::MatchAll;
  if (!request.text.empty()) {
    try {
      query = parser.parse_query(request.text, Xapian::QueryParser::FLAG_DEFAULT |
                                                   Xapian::QueryParser::FLAG_PHRASE |
                                                   Xapian::QueryParser::FLAG_BOOLEAN |
                                                   Xapian::QueryParser::FLAG_LOVEHATE);
    } catch (const Xapian::QueryParserError& e) {
      throw UsageError("cannot read the query '" + request.text + "': " + e.get_msg());
    }
  }
  // --filter: values of one field ORed, fields ANDed, as a filter.
  std::map<std::string, std::vector<Xapian::Query>> by_field;
  for (const auto& [field, value] : request.filters) {
    by_field[field].push_back(field_query(database, vocabulary, field, value));
  }
  for (const auto& [field, queries] : by_field) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end()));
  }

  // Passages only when asked for by kind (see SearchRequest::text).
  bool names_kind = false;
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
    if ((*term).rfind(layout::kKindPrefix, 0) == 0) names_kind = true;
  }
  Xapian::Query matching = query;  // before passages are left out
  if (!names_kind) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(prefixed(layout::kKindPrefix, layout::kPassage)));
  }
  // The index keeps no positions: phrases are checked against each
  // candidate's word stream (phrase_check.h). `query` stays as parsed, for
  // the snippets.
  Xapian::Query checked = internal::check_phrases(query);
  matching = internal::check_phrases(matching);

  std::vector<internal::FacetField> fields;
  for (const auto& facet : request.facets) {
    const auto passages = [&](layout::Slot slot) -> std::optional<Xapian::valueno> {
      if (!names_kind) return std::nullopt;
      return slot;
    };
    if (facet == "condition") fields.push_back({facet, layout::kConditions, true, passages(layout::kPassageConditions)});
    else if (facet == "drug") fields.push_back({facet, layout::kDrugs, true, passages(layout::kPassageDrugs)});
    else if (facet == "receptor") fields.push_back({facet, layout::kReceptors, true, passages(layout::kPassageReceptors)});
    else if (facet == "kind") fields.push_back({facet, layout::kKindSlot, false, {}});
    else if (facet == "year") fields.push_back({facet, layout::kYear, false, {}});
    else if (facet == "journal") fields.push_back({facet, layout::kJournal, false, {}});
    else if (facet == "type") fields.push_back({facet, layout::kStudyType, true, {}});
    else throw UsageError("--facet " + facet + ": unknown facet (condition, drug, receptor, year, journal, type, kind)");
  }

  SearchResult result;
  result.query = query.get_description();
  try {
    Xapian::Enquire enquire(database);
    enquire.set_query(checked);
    if (request.sort_by_year) enquire.set_sort_by_value_then_relevance(layout::kYear, true);
    // Totals and facet counts are exact: every match is counted, from the
    // facet columns when there are some (Xapian then only ranks the page),
    // else by Xapian's matcher with spies.
    std::vector<internal::Tally> facet_counts;
    std::optional<internal::FacetSpy> spy;
    Xapian::MSet mset;
    if (columns != nullptr) {
      // Passages are left out by the kind column rather than by AND_NOT, which
      // walks the passages' posting list (two thirds of all records).
      internal::NotPassage not_passage(*columns);
      enquire.set_query(names_kind ? checked : matching);
      // Two cores: counting runs beside the ranking, with the columns' own
      // database handle and its own copy of the query (Xapian's objects,
      // reference counts included, are not to be shared between threads). A
      // boolean query (filters alone) ranks in microseconds: its count is
      // split in two halves of the document ids instead, when it is large.
      // Inline when the handle is lent out or no thread starts.
      const Xapian::MSet probe = enquire.get_mset(0, 0);
      const bool weighted = probe.get_max_possible() > 0;
      const bool split = !weighted && probe.get_matches_upper_bound() >= request.split_count_from;
      const Xapian::docid middle = split ? columns->middle_id(!names_kind) : internal::kEndOfMatches;
      FacetColumns::Lease lease(*columns);
      internal::ColumnCount counted(*columns, fields);
      internal::ColumnCount other_half(*columns, fields);
      std::future<void> helper;
      if ((weighted || split) && lease.database() != nullptr) {
        try {
          helper = std::async(std::launch::async, [&, serialised = matching.serialise()] {
            (split ? other_half : counted)
                .add(*lease.database(), Xapian::Query::unserialise(serialised, internal::phrase_registry()), !names_kind,
                     split ? middle : 1, internal::kEndOfMatches);
          });
        } catch (const std::system_error&) {
        }
      }
      mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                              static_cast<Xapian::doccount>(request.limit), 0, nullptr,
                              names_kind ? nullptr : &not_passage);
      const bool helped = helper.valid();
      if (!helped) {
        counted.add(database, matching, !names_kind, 1, internal::kEndOfMatches);
      } else if (split) {
        counted.add(database, matching, !names_kind, 1, middle);
      }
      if (helped) helper.get();
      if (helped && split) counted.add(other_half);
      result.total = counted.total();
      facet_counts = counted.tallies();
    } else {
      spy.emplace(fields);
      spy->attach(enquire);
      try {
        mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                static_cast<Xapian::doccount>(request.limit), database.get_doccount());
      } catch (const Xapian::SerialisationError&) {
        // A remote shard cannot check a phrase: this side does (slower).
        if (!internal::has_posting_source(checked)) throw;
        enquire.clear_matchspies();
        spy.emplace(fields);
        spy->attach(enquire);
        enquire.set_query(internal::checked_by_reader(database, query));
        mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                static_cast<Xapian::doccount>(request.limit), database.get_doccount());
      }
      result.total = mset.get_matches_estimated();
      spy->collect();
      for (std::size_t f = 0; f < fields.size(); ++f) {
        facet_counts.emplace_back(spy->counts(f).begin(), spy->counts(f).end());
      }
    }
    const Xapian::Stem stemmer("en");
    // The query's free-text terms (stems, no prefix), to mark in snippets.
    std::set<std::string> free_terms;
    for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
      const std::string name = *term;
      if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') free_terms.insert(name);
      if (!name.empty() && name[0] >= '0' && name[0] <= '9') free_terms.insert(name);
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::Document document = it.get_document();
      rapidjson::Document data;
      data.Parse(record_data(database, document).c_str());
      Hit hit;
      hit.id = string_member(data, "id");
      hit.kind = string_member(data, "kind");
      hit.title = hit.kind == layout::kPassage ? string_member(data, "owner") : string_member(data, "title");
      hit.journal = string_member(data, "journal");
      hit.doi = string_member(data, "doi");
      hit.pmid = string_member(data, "pmid");
      if (data.IsObject() && data.HasMember("year") && data["year"].IsInt()) hit.year = data["year"].GetInt();
      if (data.IsObject() && data.HasMember("authors") && data["authors"].IsArray()) {
        for (const auto& author : data["authors"].GetArray()) {
          if (author.IsString()) hit.authors.emplace_back(author.GetString());
        }
      }
      if (!hit.year) {
        std::string year = document.get_value(layout::kYear);
        if (!year.empty()) hit.year = static_cast<int>(Xapian::sortable_unserialise(year));
      }
      hit.score = it.get_weight();
      std::string text = hit.kind == layout::kPassage ? string_member(data, "text") : hit.title;
      hit.snippet = highlight(text, stemmer, free_terms);
      // A title without the query's words: the words where the abstract (an
      // article's text) has them.
      if (hit.kind != layout::kPassage && hit.snippet.find("<b>") == std::string::npos) {
        std::string body = string_member(data, hit.kind == layout::kArticle ? "text" : "abstract");
        std::replace_if(body.begin(), body.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
        std::string marked = body.empty() ? std::string() : highlight(body, stemmer, free_terms);
        if (marked.find("<b>") != std::string::npos) hit.snippet = std::move(marked);
      }
      for (auto type : {schema::EntityType::kCondition, schema::EntityType::kDrug,
                        schema::EntityType::kReceptor}) {
        const std::string prefix(entity_prefix(type));
        std::vector<EntityRef> refs;
        auto term = document.termlist_begin();
        term.skip_to(prefix);
        for (; term != document.termlist_end(); ++term) {
          const std::string name = *term;
          if (name.compare(0, prefix.size(), prefix) != 0) break;
          const std::string id = name.substr(prefix.size());
          const schema::Entity* entity = vocabulary.find(id);
          refs.push_back(EntityRef{id, entity != nullptr ? entity->name : id});
        }
        hit.entities.emplace_back(schema::entity_type_name(type), std::move(refs));
      }
      result.hits.push_back(std::move(hit));
    }
    for (std::size_t f = 0; f < fields.size(); ++f) {
      Facet facet;
      facet.field = fields[f].name;
      const bool entities = fields[f].slot == layout::kConditions || fields[f].slot == layout::kDrugs ||
                            fields[f].slot == layout::kReceptors;
      const bool years = fields[f].slot == layout::kYear;
      for (const auto& [stored, count] : facet_counts[f]) {
        FacetValue entry;
        entry.value = years      ? std::to_string(static_cast<int>(Xapian::sortable_unserialise(std::string(stored))))
                      : entities ? layout::entity_id_from_facet(stored)
                                 : std::string(stored);
        entry.count = count;
        facet.values.push_back(std::move(entry));
      }
      // A value may come twice (from a passage slot too; two stored forms of
      // a year): added up.
      auto& values = facet.values;
      if (years || fields[f].passage_slot) {
        std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
        std::size_t kept = 0;
        for (std::size_t k = 0; k < values.size(); ++k) {
          if (kept > 0 && values[kept - 1].value == values[k].value) {
            values[kept - 1].count += values[k].count;
          } else {
            if (kept != k) values[kept] = std::move(values[k]);
            ++kept;
          }
        }
        values.resize(kept);
      }
      std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
      for (auto& entry : values) {
        const schema::Entity* entity = entities ? vocabulary.find(entry.value) : nullptr;
        entry.name = entity != nullptr ? entity->name : entry.value;
      }
      result.facets.push_back(std::move(facet));
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("search failed: " + e.get_description());
  }
  return result;
}

}  // namespace litgraph::query
