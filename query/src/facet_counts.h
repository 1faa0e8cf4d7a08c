// Counting facets for search(): with Xapian's match spies (any database,
// remote shards included) or from the facet columns (a local database).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "litgraph/query/facet_columns.h"

namespace litgraph::query::internal {

// A facet to count: its value slot, and where passages keep it if elsewhere
// (counted too when the search may match passages).
struct FacetField {
  std::string name;
  Xapian::valueno slot;
  bool several = false;  // the value holds several, one per line (entity ids, types)
  std::optional<Xapian::valueno> passage_slot;
};

// How often each facet value was seen (after splitting), by value as stored.
// Xapian's spies count per distinct value, so this map sees few entries.
using ValueCounts = std::map<std::string, std::size_t, std::less<>>;

// The same as a list: from the facet columns each value comes once per slot
// (a facet read from two slots may list a value twice), viewing bytes that
// outlive the search's use of them.
using Tally = std::vector<std::pair<std::string_view, std::size_t>>;

// Counts, over every match, the values of the facets asked for, with
// Xapian's ValueCountMatchSpy: one per value slot, so that remote shards
// (xapian-tcpsrv) count their part and Xapian merges the counts. A slot
// holding several values (entity ids, one per line) is counted by whole
// value and split afterwards: each id gets the count of every value it is in.
class FacetSpy {
 public:
  explicit FacetSpy(std::vector<FacetField> fields);
  void attach(Xapian::Enquire& enquire);
  // After the match: the per-value counts, split where a value holds several.
  void collect();
  const ValueCounts& counts(std::size_t field) const { return counts_[field]; }

 private:
  struct SlotSpy {
    std::size_t field;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
  };
  std::vector<FacetField> fields_;
  std::vector<SlotSpy> spies_;
  std::vector<ValueCounts> counts_;
};

// Leaves passages out of a ranked page by the kind column (AND_NOT with the
// passages' term would walk their posting list, two thirds of all records).
class NotPassage final : public Xapian::MatchDecider {
 public:
  explicit NotPassage(const FacetColumns& columns) : columns_(columns) {}
  bool operator()(const Xapian::Document& document) const override {
    return columns_.kind(document.get_docid()) != FacetColumns::kPassage;
  }

 private:
  const FacetColumns& columns_;
};

// Counts matches and the facet values of `fields` from the facet columns,
// over a range of document ids; two counts of one search can run in two
// threads and be added.
class ColumnCount {
 public:
  ColumnCount(const FacetColumns& columns, const std::vector<FacetField>& fields);

  // Counts the matches of `query` in `database` with ids in [first, end);
  // passages are skipped when `without_passages`.
  void add(const Xapian::Database& database, const Xapian::Query& query, bool without_passages,
           Xapian::docid first, Xapian::docid end);
  void add(const ColumnCount& other);

  std::size_t total() const { return total_; }
  // The counts by value, one tally per field.
  std::vector<Tally> tallies() const;

 private:
  struct Counter {
    std::size_t field;
    const FacetColumns::Column* column;  // null: the kind
    std::vector<std::size_t> counts;     // by code
  };
  static constexpr std::size_t kBlock = 256;
  void count_block();

  const FacetColumns& columns_;
  const std::vector<FacetField>& fields_;
  std::vector<Counter> counters_;
  std::vector<Xapian::docid> block_;
  std::array<const std::uint32_t*, kBlock> starts_{};
  std::size_t total_ = 0;
};

}  // namespace litgraph::query::internal
