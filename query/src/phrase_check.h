// Phrases without positions. The index keeps no term positions (layout 5,
// indexer/free_text.h), so a phrase or NEAR query is answered as the AND of
// its words (which ranks as Xapian ranks a phrase) filtered by a posting
// source that reads each candidate's word stream (kWordStream) and looks for
// the words in order (or near each other).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace litgraph::query::internal {

// `query` with every OP_PHRASE and OP_NEAR replaced by
// FILTER(AND(its terms), PhraseCheck). Throws UsageError for a phrase of
// anything but terms (the query parser makes none).
Xapian::Query check_phrases(const Xapian::Query& query);

// For a database that cannot run the check itself (remote shards: their
// xapian-tcpsrv knows no litgraph posting source): `query` (phrases and all)
// checked here, one candidate document at a time, its terms and word stream
// read over the connection. Returns FILTER(the candidates, OR of the Q<id> terms
// of those that match), which ranks as `query` does; slow for phrases of
// common words. Throws UsageError for a phrase under XOR or an operator
// this cannot evaluate on one document.
Xapian::Query checked_by_reader(const Xapian::Database& database, const Xapian::Query& query);

// What Xapian::Query::unserialise needs to read a query that
// check_phrases() made.
const Xapian::Registry& phrase_registry();

// Whether `query` holds a posting source (a phrase check): Xapian's matcher
// then runs it, calling check() for the candidates of the AND beside it.
bool has_posting_source(const Xapian::Query& query);

// The positions test itself, on the positions of each term in one document:
// in order within `window` positions from the first to the last (a phrase;
// window = number of terms for adjacent words), or in any order within it
// (NEAR). Exposed for tests.
bool words_within(const std::vector<std::vector<Xapian::termpos>>& positions, Xapian::termcount window,
                  bool ordered);

}  // namespace litgraph::query::internal
