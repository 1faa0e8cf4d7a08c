// Closed-world evaluation of local matching (issue 4): the 3,690 PubMed
// records of ../shared/data/pubmed/alzheimers-efetch are the store; the
// reference strings of ../shared/data/citations/pubmed_referencelist_AD.tsv.gz
// come with the PMID that PubMed linked them to (ref_pmid). A fixed sample of
// strings whose ref_pmid is in the store must match it; a fixed sample of
// strings whose ref_pmid is elsewhere must stay unmatched. No network.
//
// The citing articles are themselves in the store and are left there: a
// reference must not match the article that cites it. Identifiers written in
// the strings are removed after parsing, so the figures measure matching on
// the fields alone. bench/match_eval.cpp runs the same on every string.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "closed_world.h"
#include "litgraph/crawlers/matcher.h"
#include "litgraph/crawlers/references.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::schema::Work;

namespace {

constexpr std::size_t kSampleSize = 2500;  // of each kind: in the store, not in it
constexpr std::size_t kCandidates = 20;

}  // namespace

TEST_CASE("local matching of real PubMed reference strings meets the bar of issue 4",
          "[match][eval]") {
  using litgraph::bench::ReferenceRow;
  LocalWorkIndex index(litgraph::bench::load_pubmed_folder(
      litgraph::test::shared_path("data/pubmed/alzheimers-efetch")));
  REQUIRE(index.works().size() == 3690);
  std::unordered_map<std::string, const Work*> by_pmid;
  for (const Work& w : index.works()) by_pmid.emplace(*w.pmid, &w);

  std::vector<ReferenceRow> rows = litgraph::bench::load_reference_rows(
      litgraph::test::shared_path("data/citations/pubmed_referencelist_AD.tsv.gz"));
  std::vector<const ReferenceRow*> in_store;
  std::vector<const ReferenceRow*> elsewhere;
  for (const ReferenceRow& row : rows) (by_pmid.count(row.ref_pmid) ? in_store : elsewhere).push_back(&row);
  REQUIRE(in_store.size() > 19000);
  in_store = litgraph::bench::take_sample(std::move(in_store), kSampleSize);
  elsewhere = litgraph::bench::take_sample(std::move(elsewhere), kSampleSize);
  REQUIRE(in_store.size() == kSampleSize);
  REQUIRE(elsewhere.size() == kSampleSize);

  auto resolve = [&](const ReferenceRow& row) {
    litgraph::schema::Reference ref = parse_reference(row.citation);
    ref.doi.reset();
    ref.pmid.reset();
    ref.pmcid.reset();
    return match_reference(ref, index.candidates(ref, kCandidates));
  };
  std::size_t right = 0, wrong = 0, ambiguous = 0, self = 0;
  for (const ReferenceRow* row : in_store) {
    MatchResult result = resolve(*row);
    ambiguous += result.status == MatchStatus::kAmbiguous;
    if (result.status != MatchStatus::kMatched) continue;
    if (result.work == by_pmid.at(row->ref_pmid))
      ++right;
    else
      ++wrong;
    self += *result.work->pmid == row->citing_pmid && row->ref_pmid != row->citing_pmid;
  }
  std::size_t false_matches = 0;
  for (const ReferenceRow* row : elsewhere) {
    MatchResult result = resolve(*row);
    if (result.status != MatchStatus::kMatched) continue;
    ++false_matches;
    self += *result.work->pmid == row->citing_pmid;
  }

  double precision = static_cast<double>(right) / static_cast<double>(right + wrong);
  double recall = static_cast<double>(right) / static_cast<double>(in_store.size());
  double unmatched_elsewhere =
      1.0 - static_cast<double>(false_matches) / static_cast<double>(elsewhere.size());
  CAPTURE(right, wrong, ambiguous, false_matches, precision, recall, unmatched_elsewhere);
  CHECK(precision >= 0.995);
  CHECK(recall >= 0.95);
  CHECK(unmatched_elsewhere >= 0.995);
  CHECK(self == 0);  // no reference matched to the article citing it (unless it cites itself)
}
