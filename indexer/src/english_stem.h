// The English stemmer of the indexer's term generators, with a small cache:
// a few thousand words make most of any abstract, and finding one in a
// cache that stays in the processor's cache costs a fraction of running
// Snowball on it again. Stems are those of Xapian::Stem("en"), which the
// query side uses.
#pragma once

#include <xapian.h>

namespace litgraph::indexer {

// This thread's stemmer (a Xapian::Stem shares its implementation without
// locking, so each thread has its own, and its own cache).
Xapian::Stem english_stem();

}  // namespace litgraph::indexer
