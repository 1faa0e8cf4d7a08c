// Faceted search over the index (schema/index_layout.h): free text ranked by
// BM25, field and entity filters, exact facet counts over all matches.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "litgraph/query/facet_columns.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::query {

struct SearchRequest {
  // Free text with Xapian's query syntax: phrases in quotes, AND/OR/NOT, and
  // the fields title:, author:, journal:, doi:, pmid:, drug:, condition:,
  // receptor:, year:2010..2021, type:, kind:. Empty: every record. Unless
  // the text or a filter names a kind, passages are left out: they are the
  // sentences of the articles and works found, and would count them again.
  std::string text;
  // The same fields as (field, value) pairs: values of one field are ORed,
  // different fields ANDed ("condition"="CRPS", "year"="2015..2020").
  std::vector<std::pair<std::string, std::string>> filters;
  // Facets to count: condition, drug, receptor, year, journal, type, kind.
  std::vector<std::string> facets;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool sort_by_year = false;  // newest first, then relevance; else relevance
  // With facet columns, a filter-only query with at least this many matches
  // (Xapian's upper bound) is counted in two threads, a half of the document
  // ids each; below it a thread costs more than it saves.
  std::size_t split_count_from = 20000;
};

struct EntityRef {
  std::string id;
  std::string name;
};

struct Hit {
  std::string id;
  std::string kind;
  std::string title;  // passages: their owner's id
  std::vector<std::string> authors;
  std::optional<int> year;
  std::string journal;
  std::string doi;
  std::string pmid;
  double score = 0;
  std::string snippet;  // matching words between <b> and </b>
  std::vector<std::pair<std::string, std::vector<EntityRef>>> entities;  // by type name
};

struct FacetValue {
  std::string value;  // the entity id, the year, the journal, the type, the kind
  std::string name;   // the entity's name; else the value
  std::size_t count = 0;
};

struct Facet {
  std::string field;
  std::vector<FacetValue> values;  // by count, descending, then value
};

struct SearchResult {
  std::string query;  // what Xapian ran, for --explain and error reports
  std::size_t total = 0;  // matches in all (exact)
  std::vector<Hit> hits;
  std::vector<Facet> facets;
};

// The facet fields, in their default order.
const std::vector<std::string>& facet_fields();

// Runs `request`. Throws UsageError for an unknown field or facet, an entity
// the vocabulary does not know (naming the closest names), unbalanced quotes
// or other syntax the query parser rejects; IndexError for a database error.
// With `columns` (FacetColumns::open of the same database) totals and facets
// are counted from them, which is several times faster; without, by
// Xapian's matcher (the way for stubs and remote shards). Both are exact.
SearchResult search(const Xapian::Database& database, const schema::Vocabulary& vocabulary,
                    const SearchRequest& request, const FacetColumns* columns = nullptr);

}  // namespace litgraph::query
