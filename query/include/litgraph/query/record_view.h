// One record of the index as a reader sees it: its stored fields, its
// entities with their names, what it cites and what cites it, its MeSH
// headings (works) and co-occurrence edges (passages). What `litgraph show`
// prints. The layout read is schema/index_layout.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "litgraph/schema/vocabulary.h"

namespace litgraph::query {

// A field of the record's JSON data, in stored order.
struct Field {
  std::string name;                 // "title", "authors", "year", "text", …
  std::vector<std::string> values;  // one for a scalar, each element for an array
  bool list = false;                // stored as an array
  bool json = false;                // values are JSON text (numbers, …), not plain strings
};

// An entity the record names (a XED/XEC/XER term).
struct EntityCount {
  std::string id;    // "mesh:D007649"
  std::string name;  // from the vocabulary; empty if the vocabulary does not know the id
  schema::EntityType type = schema::EntityType::kDrug;
  unsigned count = 0;  // mentions (the term's wdf)
};

// A MeSH heading or chemical of a work (an H term; major when an M term goes with it).
struct MeshHeading {
  std::string id;
  std::string name;  // empty if the vocabulary does not know the id
  bool major = false;
};

// A work the record cites (a C term).
struct CitedWork {
  std::string id;
  bool indexed = false;     // a record of that work exists
  std::string title;        // empty when unknown
  std::optional<int> year;
};

// A record that cites this one: an article, or a passage (a citation context).
struct CitingRecord {
  std::string id;
  std::string kind;   // "article", "work" or "passage"
  std::string title;  // articles and works
  std::string text;   // passages: the sentence
  std::string owner;  // passages: the owner's id
  std::optional<long> line;  // passages: the line the sentence starts on
};

struct EdgeEnd {
  std::string id;
  std::string name;  // empty if the vocabulary does not know the id
};

// A co-occurrence edge of a passage (a G term): one per term, so a typed
// acts_on ("acts_on:antagonist") comes with its plain "acts_on".
struct Edge {
  std::string type;  // studied_for, acts_on, implicated_in, acts_on:antagonist, acts_on:agonist
  EdgeEnd from;
  EdgeEnd to;
};

struct RecordView {
  std::string id;
  std::string kind;           // "article", "work" or "passage"
  std::vector<Field> fields;  // the document's JSON data
  std::string owner_title;    // passages: the owner's title, when the owner is indexed
  std::size_t passages = 0;   // articles and works: the passages they own
  // By type (drug, condition, receptor), then count descending, then id.
  std::vector<EntityCount> entities;
  std::vector<MeshHeading> mesh;  // works: major first, then by id
  // In the order of the record's stored "cites" list (an article's reference
  // order), then by id; each work once.
  std::vector<CitedWork> cites;
  // Articles and works that cite the record: not for passages. Grouped by
  // owner, owners by id: the owner itself when it cites the record, then its
  // citing passages in text order.
  std::vector<CitingRecord> cited_by;
  std::vector<Edge> edges;  // passages: by type, then ends
};

// The stored id that `given` names, or nullopt: a stored id as is
// ("article:corpus/a.txt", "work:doi:…", "article:…#p12"); a DOI, bare or as
// "doi:…" or a doi.org URL (the work with that DOI); "pmid:123", "PMID: 123"
// or a bare number (the work with that PMID); the path of an indexed article
// file as given to `index`, or another path to the same file.
// Throws IndexError when the database cannot be read.
std::optional<std::string> resolve_record_id(const Xapian::Database& database,
                                             std::string_view given);

// The id `given` stands for, stored or not ("10.1/x" -> "work:doi:10.1/x",
// "a.txt" -> "article:a.txt"): what a message says was looked for.
std::string intended_record_id(std::string_view given);

// Up to `limit` stored ids that share the longest prefix with what `given`
// would name (passages only when `given` names one); for "did you mean".
std::vector<std::string> similar_record_ids(const Xapian::Database& database,
                                            std::string_view given, std::size_t limit = 5);

// The record with stored id `id`, or nullopt if there is none. Entity names
// come from `vocabulary`. Throws IndexError when the database cannot be read.
std::optional<RecordView> view_record(const Xapian::Database& database, const std::string& id,
                                      const schema::Vocabulary& vocabulary);

}  // namespace litgraph::query
