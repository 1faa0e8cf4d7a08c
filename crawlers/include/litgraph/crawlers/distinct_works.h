// Merges references that name the same work, within and across articles.
#pragma once

#include <string>
#include <vector>

#include "litgraph/schema/reference.h"

namespace litgraph::crawlers {

struct Citation {
  std::string source;  // the citing file, as given
  int n = 0;           // the entry's 1-based position in that file
};

struct DistinctWork {
  schema::Reference reference;    // the fullest of the merged entries
  std::vector<Citation> cited_by; // every entry merged here, in input order
};

// Two references are one work when they share a DOI, or the same folded title,
// year and first author's family name, or when one of them has a title and
// nothing to contradict the other (title-only lists) and the titles agree.
// References with different DOIs are never merged. Order follows first citation.
std::vector<DistinctWork> merge_same_works(const std::vector<schema::Reference>& references);

}  // namespace litgraph::crawlers
