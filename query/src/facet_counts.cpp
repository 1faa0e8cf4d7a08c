#include "facet_counts.h"

#include <algorithm>

#include "litgraph/schema/index_layout.h"
#include "match_stream.h"

namespace litgraph::query::internal {

namespace layout = schema::layout;

FacetSpy::FacetSpy(std::vector<FacetField> fields) : fields_(std::move(fields)), counts_(fields_.size()) {
  for (std::size_t f = 0; f < fields_.size(); ++f) {
    spies_.push_back({f, std::make_unique<Xapian::ValueCountMatchSpy>(fields_[f].slot)});
    if (fields_[f].passage_slot) {
      spies_.push_back({f, std::make_unique<Xapian::ValueCountMatchSpy>(*fields_[f].passage_slot)});
    }
  }
}

void FacetSpy::attach(Xapian::Enquire& enquire) {
  for (auto& spy : spies_) enquire.add_matchspy(spy.spy.get());
}

void FacetSpy::collect() {
  for (const auto& spy : spies_) {
    const FacetField& field = fields_[spy.field];
    for (auto it = spy.spy->values_begin(); it != spy.spy->values_end(); ++it) {
      const std::string value = *it;
      const std::size_t count = it.get_termfreq();
      if (!field.several) {
        counts_[spy.field][value] += count;
        continue;
      }
      layout::for_each_joined_value(value, [&](std::string_view one) { counts_[spy.field][std::string(one)] += count; });
    }
  }
}

ColumnCount::ColumnCount(const FacetColumns& columns, const std::vector<FacetField>& fields)
    : columns_(columns), fields_(fields) {
  for (std::size_t f = 0; f < fields.size(); ++f) {
    for (auto slot : {std::optional<Xapian::valueno>(fields[f].slot), fields[f].passage_slot}) {
      if (!slot) continue;
      const FacetColumns::Column* column = *slot == layout::kKindSlot ? nullptr : columns.column(*slot);
      const std::size_t values = column != nullptr ? column->value_count() : FacetColumns::kPassage + 1;
      counters_.push_back(Counter{f, column, std::vector<std::size_t>(values)});
    }
  }
}

void ColumnCount::add(const Xapian::Database& database, const Xapian::Query& query, bool without_passages,
                      Xapian::docid first, Xapian::docid end) {
  auto matches = match_stream(database, query, columns_);
  for (Xapian::docid id = matches->skip_to(first); id < end; id = matches->skip_to(id + 1)) {
    if (without_passages && columns_.kind(id) == FacetColumns::kPassage) {
      id = std::max(id, columns_.after_passages(id) - 1);  // over the whole run
      continue;
    }
    block_.push_back(id);
    if (block_.size() == kBlock) count_block();
  }
  count_block();
}

void ColumnCount::add(const ColumnCount& other) {
  total_ += other.total_;
  for (std::size_t c = 0; c < counters_.size(); ++c) {
    for (std::size_t code = 0; code < counters_[c].counts.size(); ++code) {
      counters_[c].counts[code] += other.counters_[c].counts[code];
    }
  }
}

std::vector<Tally> ColumnCount::tallies() const {
  std::vector<Tally> result(fields_.size());
  for (const Counter& counter : counters_) {
    for (std::size_t code = 0; code < counter.counts.size(); ++code) {
      if (counter.counts[code] == 0) continue;
      const std::string_view value =
          counter.column != nullptr ? counter.column->value(static_cast<std::uint32_t>(code))
                                    : FacetColumns::kind_name(static_cast<FacetColumns::Kind>(code));
      result[counter.field].emplace_back(value, counter.counts[code]);
    }
  }
  return result;
}

// Matches are taken in blocks and each column read in passes over the block
// (where the codes start, then the codes), prefetching ahead: the reads of
// one match depend on each other, those of a block do not, so the memory
// system can have many in flight instead of one.
void ColumnCount::count_block() {
  total_ += block_.size();
  for (Counter& counter : counters_) {
    if (counter.column == nullptr) {
      for (Xapian::docid id : block_) {
        const std::size_t kind = columns_.kind(id);
        if (kind < counter.counts.size()) ++counter.counts[kind];
      }
      continue;
    }
    const FacetColumns::Column& column = *counter.column;
    for (std::size_t b = 0; b < block_.size(); ++b) {
      starts_[b] = column.start_of(block_[b]);
      if (starts_[b] != nullptr) __builtin_prefetch(starts_[b]);
    }
    for (std::size_t b = 0; b < block_.size(); ++b) {
      if (starts_[b] != nullptr && *starts_[b] < column.codes.size()) __builtin_prefetch(&column.codes[*starts_[b]]);
    }
    for (std::size_t b = 0; b < block_.size(); ++b) {
      if (starts_[b] == nullptr) continue;
      const std::uint32_t end = std::min<std::uint32_t>(starts_[b][1], static_cast<std::uint32_t>(column.codes.size()));
      for (std::uint32_t k = starts_[b][0]; k < end; ++k) {
        const std::uint32_t code = column.codes[k];
        if (code < counter.counts.size()) ++counter.counts[code];
      }
    }
  }
  block_.clear();
}

}  // namespace litgraph::query::internal
