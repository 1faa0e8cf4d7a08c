// Merging references that name the same work.
#include <catch2/catch.hpp>

#include "litgraph/crawlers/distinct_works.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/crawlers/text_file.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::schema::Reference;

namespace {

Reference cited(const char* entry, const char* source, int n) {
  Reference r = parse_reference(entry);
  r.source = source;
  r.n = n;
  return r;
}

}  // namespace

TEST_CASE("merge_same_works gives 21 works for the seeds (issue 2)", "[crawlers][distinct][issue2]") {
  std::vector<Reference> all;
  for (const auto& file : list_article_files(litgraph::test::source_path("corpus"))) {
    auto text = read_text_file(file);
    for (auto& r : extract_references(text.text, file.filename().string())) all.push_back(r);
  }
  REQUIRE(all.size() == 23);
  auto works = merge_same_works(all);
  CHECK(works.size() == 21);

  const DistinctWork* cohen = nullptr;
  const DistinctWork* niesters = nullptr;
  for (const auto& w : works) {
    if (w.reference.doi == "10.1097/aap.0000000000000808") cohen = &w;
    if (w.reference.doi == "10.1111/bcp.12094") niesters = &w;
  }
  REQUIRE(cohen);
  REQUIRE(cohen->cited_by.size() == 2);
  CHECK(cohen->cited_by[0].source == "000_a41c27fd63d7b224.txt");
  CHECK(cohen->cited_by[0].n == 1);
  CHECK(cohen->cited_by[1].source == "001_cd66f4001d99aea2.txt");
  CHECK(cohen->cited_by[1].n == 3);
  REQUIRE(niesters);
  REQUIRE(niesters->cited_by.size() == 2);
  CHECK(niesters->cited_by[0].source == "001_cd66f4001d99aea2.txt");
  CHECK(niesters->cited_by[1].source == "003_c30eaf50ce6f0a17.txt");
  CHECK(niesters->cited_by[1].n == 1);
  // The merged record is the fuller one: the MLA entry with its DOI and pages.
  CHECK(niesters->reference.pages == "357-67");
  for (const auto& w : works)
    if (w.reference.doi != cohen->reference.doi && w.reference.doi != niesters->reference.doi)
      CHECK(w.cited_by.size() == 1);
}

TEST_CASE("merge_same_works joins on title, year and first author without a DOI",
          "[crawlers][distinct]") {
  std::vector<Reference> refs = {
      cited("Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in "
            "depressed patients. Biol Psychiatry. 2000;47(4):351-354.",
            "a.txt", 1),
      cited("Berman, R. M., & Cappiello, A. (2000). Antidepressant effects of ketamine in "
            "depressed patients. Biological Psychiatry, 47(4), 351–354.",
            "b.txt", 4),
      cited("Berman RM. Antidepressant effects of ketamine in depressed patients. Biol Psychiatry. "
            "2001;47(4):351-354.",
            "c.txt", 2),
  };
  auto works = merge_same_works(refs);
  REQUIRE(works.size() == 2);
  CHECK(works[0].cited_by.size() == 2);
  CHECK(works[1].cited_by[0].source == "c.txt");  // a different year is a different work
}

TEST_CASE("merge_same_works never merges two different DOIs", "[crawlers][distinct]") {
  std::vector<Reference> refs = {
      cited("Ketamine for chronic pain: risks and benefits - British Journal of Clinical "
            "Pharmacology",
            "a.txt", 1),
      cited("Niesters, M., Martini, C., & Dahan, A. (2014). Ketamine for chronic pain: risks and "
            "benefits. British Journal of Clinical Pharmacology, 77(2), 357-367. "
            "https://doi.org/10.1111/bcp.12094",
            "b.txt", 1),
      cited("Niesters, M., Martini, C., & Dahan, A. (2014). Ketamine for chronic pain: risks and "
            "benefits. British Journal of Clinical Pharmacology, 77(2), 357-367. "
            "https://doi.org/10.1111/bcp.99999",
            "c.txt", 1),
  };
  auto works = merge_same_works(refs);
  REQUIRE(works.size() == 2);
  CHECK(works[0].cited_by.size() == 2);
  CHECK(works[0].reference.doi == "10.1111/bcp.12094");
  CHECK(works[1].reference.doi == "10.1111/bcp.99999");
}

TEST_CASE("merge_same_works keeps a duplicate within one file", "[crawlers][distinct]") {
  std::vector<Reference> refs = {
      cited("Persson J. Ketamine in pain management. CNS Neurosci Ther. 2013;19(6):396-402. "
            "doi: 10.1111/cns.12111",
            "a.txt", 1),
      cited("Persson J. Ketamine in pain management. CNS Neurosci Ther. 2013;19(6):396-402. "
            "doi: 10.1111/CNS.12111",
            "a.txt", 7),
  };
  auto works = merge_same_works(refs);
  REQUIRE(works.size() == 1);
  CHECK(works[0].cited_by.size() == 2);
  CHECK(works[0].cited_by[1].n == 7);
}
