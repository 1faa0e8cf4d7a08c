// DOI, PMID and PMCID finding and normalization.
#include <catch2/catch.hpp>

#include "litgraph/schema/identifiers.h"

using namespace litgraph::schema;

TEST_CASE("normalize_doi accepts the usual written forms", "[schema][doi]") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"10.1097/AAP.0000000000000808", "10.1097/aap.0000000000000808"},
      {"https://doi.org/10.1097/aap.0000000000000808", "10.1097/aap.0000000000000808"},
      {"http://dx.doi.org/10.1111/bcp.12094", "10.1111/bcp.12094"},
      {"https://www.doi.org/10.1111/bcp.12094", "10.1111/bcp.12094"},
      {"doi:10.1001/archpsyc.63.8.856", "10.1001/archpsyc.63.8.856"},
      {"DOI: 10.1001/archpsyc.63.8.856.", "10.1001/archpsyc.63.8.856"},
      {"urn:doi:10.1000/xyz123", "10.1000/xyz123"},
      {"  10.1016/S0006-3223(99)00230-9  ", "10.1016/s0006-3223(99)00230-9"},
      {"10.1016/S0006-3223(99)00230-9).", "10.1016/s0006-3223(99)00230-9"},
      {"https://doi.org/10.1002/%28SICI%291097-4571%28199806%2949%3A8%3C693%3A%3AAID-ASI3%3E3.0.CO%3B2-O",
       "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi3>3.0.co;2-o"},
      {"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI3>3.0.CO;2-O",
       "10.1002/(sici)1097-4571(199806)49:8<693::aid-asi3>3.0.co;2-o"},
      {"https://doi.org/10.1097/ aap.0000000000000808", "10.1097/aap.0000000000000808"},
      {"https://doi.org/\n10.1192/bjo.2021.1061", "10.1192/bjo.2021.1061"},
      {"10.1000.10/abc", "10.1000.10/abc"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    auto doi = normalize_doi(c.input);
    REQUIRE(doi.has_value());
    CHECK(*doi == c.expected);
  }
}

TEST_CASE("normalize_doi rejects strings that are not DOIs", "[schema][doi]") {
  const char* cases[] = {"",          "10.1/abc",         "10.12/abc",     "11.1234/abc",
                         "10.1234/",  "10.1234/ ",        "doi.org/",      "10.1234567890/x",
                         "10.1234",   "see 10.1234/abc",  "10.1234/abc def"};
  for (const char* input : cases) {
    CAPTURE(input);
    CHECK_FALSE(normalize_doi(input).has_value());
  }
}

TEST_CASE("is_valid_doi checks syntax only", "[schema][doi]") {
  CHECK(is_valid_doi("10.1097/aap.0000000000000808"));
  CHECK(is_valid_doi("10.52965/001c.25535"));
  CHECK_FALSE(is_valid_doi("10.1097/"));
  CHECK_FALSE(is_valid_doi("10.1097/a b"));
  CHECK_FALSE(is_valid_doi("10.97/abc"));
}

TEST_CASE("find_dois repairs the split DOI of seed 000 (issue 2)", "[schema][doi][issue2]") {
  std::string text =
      "Regional Anesthesia and Pain Medicine, 43(5), 521–546. https://doi.org/10.1097/ "
      "aap.0000000000000808\nIsrael, J. E.";
  auto found = find_dois(text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].value == "10.1097/aap.0000000000000808");
  CHECK(text.substr(found[0].begin, 16) == "https://doi.org/");
  CHECK(text.substr(found[0].end - 4, 4) == "0808");
}

TEST_CASE("find_dois stops at sentence punctuation and typographic quotes", "[schema][doi]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"p. e674, https://doi.org/10.1097/pr9.0000000000000674. Accessed 30 Apr. 2023.",
       {"10.1097/pr9.0000000000000674"}},
      {"(doi:10.1016/S0006-3223(99)00230-9)", {"10.1016/s0006-3223(99)00230-9"}},
      {"“10.1111/bcp.12094”", {"10.1111/bcp.12094"}},
      {"see <https://doi.org/10.1000/abc> and doi: 10.1000/DEF;", {"10.1000/abc", "10.1000/def"}},
      {"10.1000/a, 10.1000/a, 10.1000/b", {"10.1000/a", "10.1000/b"}},
      {"https://onlinelibrary.wiley.com/doi/full/10.1111/bcp.12094", {"10.1111/bcp.12094"}},
      {"version 210.1234/x and v10.1234/y are not DOIs", {}},
      {"Pain. 2010;10.1234 is a number", {}},
      {"A DOI split at a hyphen 10.1016/j.pain-\n2010.01.012 is joined", {"10.1016/j.pain-2010.01.012"}},
      {"A DOI before a word 10.1016/abc. Next sentence.", {"10.1016/abc"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<std::string> values;
    for (const auto& m : find_dois(c.text)) values.push_back(m.value);
    CHECK(values == c.expected);
  }
}

TEST_CASE("find_pmids takes labelled ids and PubMed URLs, never bare numbers", "[schema][pmid]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Arch Gen Psychiatry. 2006;63(8):856-64. PMID: 16894061.", {"16894061"}},
      {"PMID 16894061; PMID:9297423", {"16894061", "9297423"}},
      {"https://pubmed.ncbi.nlm.nih.gov/16894061/", {"16894061"}},
      {"https://www.ncbi.nlm.nih.gov/pubmed/16894061", {"16894061"}},
      {"Science. 2010;329(5994):959-964.", {}},
      {"PMID: 1234567890123", {}},
      {"XPMID: 123", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<std::string> values;
    for (const auto& m : find_pmids(c.text)) values.push_back(m.value);
    CHECK(values == c.expected);
  }
}

TEST_CASE("find_pmcids upper-cases and keeps the PMC prefix", "[schema][pmcid]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"PMCID: PMC3938574", {"PMC3938574"}},
      {"https://www.ncbi.nlm.nih.gov/pmc/articles/pmc3938574/", {"PMC3938574"}},
      {"PMC 12", {}},
      {"PMCID: PMC3938574. PMID: 24102945", {"PMC3938574"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<std::string> values;
    for (const auto& m : find_pmcids(c.text)) values.push_back(m.value);
    CHECK(values == c.expected);
  }
}
