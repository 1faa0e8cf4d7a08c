// The documents a query matches, in document-id order, for counting facets
// over all of them without Xapian's matcher (which weighs and ranks each
// match: 130 ns a match against 16 ns to read a posting, measured at a
// million records). Ranking stays with Xapian; this only answers "which".
#pragma once

#include <limits>
#include <memory>

#include <xapian.h>

#include "litgraph/query/facet_columns.h"

namespace litgraph::query::internal {

inline constexpr Xapian::docid kEndOfMatches = std::numeric_limits<Xapian::docid>::max();

class MatchStream {
 public:
  virtual ~MatchStream() = default;
  // Moves to the first match at or after `id` (never back) and returns it;
  // kEndOfMatches when there is none.
  virtual Xapian::docid skip_to(Xapian::docid id) = 0;
  // About how many documents match, to order the legs of an AND.
  virtual double estimate() const = 0;
};

// The matches of `query` in `database`: boolean operators (AND, OR, AND_NOT,
// FILTER, AND_MAYBE, SYNONYM, MAX, SCALE_WEIGHT) over posting lists; any
// other operator (phrases, NEAR, value ranges…) is asked of Xapian's matcher
// and its matches listed. `columns` supplies every document id for MatchAll.
std::unique_ptr<MatchStream> match_stream(const Xapian::Database& database, const Xapian::Query& query,
                                          const FacetColumns& columns);

}  // namespace litgraph::query::internal
