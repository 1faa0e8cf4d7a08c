// The closed-world data of the matching evaluation, shared by the benchmark
// (bench/match_eval.cpp) and its ctest sample (tests/crawlers/match_eval_test.cpp):
// a store of PubMed records, and reference strings labelled with the PMID
// that PubMed linked them to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "litgraph/schema/work.h"

namespace litgraph::bench {

struct ReferenceRow {
  std::string citing_pmid;
  std::string citation;
  std::string ref_pmid;
  std::uint64_t order = 0;  // a fixed, portable pseudo-random rank; samples take the lowest
};

// Every record of the .xml.gz efetch files in `folder`, in file-name order.
// Throws UsageError (missing folder or no records) or ParseError.
std::vector<schema::Work> load_pubmed_folder(const std::filesystem::path& folder);

// The rows of a gzip TSV (citing_pmid, citation, ref_pmid, ref_pmcid columns)
// with a usable ref_pmid: not empty, not "0", not a PMC number copied into it.
// Throws UsageError or ParseError.
std::vector<ReferenceRow> load_reference_rows(const std::filesystem::path& tsv);

// The `limit` rows of lowest order (all of them when limit is 0 or larger).
std::vector<const ReferenceRow*> take_sample(std::vector<const ReferenceRow*> rows, std::size_t limit);

}  // namespace litgraph::bench
