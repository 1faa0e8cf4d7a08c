// The checker's field comparisons and statuses, on real citation strings
// against the composed Crossref records (tests/fixtures/composed/crossref/).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "litgraph/checker/check.h"
#include "litgraph/crawlers/crossref_json.h"
#include "litgraph/crawlers/references.h"
#include "test_support.h"

using litgraph::checker::check_reference;
using litgraph::checker::compare_fields;
using litgraph::checker::Finding;
using litgraph::checker::Severity;
using litgraph::crawlers::CrawledWork;
using litgraph::crawlers::parse_reference;
using litgraph::schema::Work;
using litgraph::test::read_file;
using litgraph::test::source_path;

namespace {

Work composed(const std::string& doi) {
  std::string name = doi;
  std::replace(name.begin(), name.end(), '/', '_');
  auto result = litgraph::crawlers::parse_crossref_response(
      200, read_file(source_path("tests/fixtures/composed/crossref/" + name + ".json")));
  REQUIRE(result.works.size() == 1);
  return result.works.front();
}

const Finding* on(const std::vector<Finding>& findings, const std::string& field) {
  for (const auto& finding : findings) {
    if (finding.field == field) return &finding;
  }
  return nullptr;
}

CrawledWork resolved(const Work& work) {
  CrawledWork crawled;
  crawled.key = "doi:" + work.doi.value_or("");
  crawled.status = "resolved";
  crawled.work = work;
  return crawled;
}

}  // namespace

TEST_CASE("like is compared with like: abbreviations, page ranges, case and punctuation",
          "[checker]") {
  const Work zarate_like = composed("10.1111/bcp.12094");  // Niesters 2014, Br J Clin Pharmacol 77(2):357-367
  // Abbreviated journal, abbreviated page range, sentence-case title, initials.
  auto cited = parse_reference(
      "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2014;77(2):357-67.");
  CHECK(compare_fields(cited, zarate_like).empty());
  // The same in APA with the title in title case and an en dash.
  cited = parse_reference(
      "Niesters, M., Martini, C., & Dahan, A. (2014). Ketamine for Chronic Pain: Risks and "
      "Benefits. British Journal of Clinical Pharmacology, 77(2), 357–367.");
  CHECK(compare_fields(cited, zarate_like).empty());
}

TEST_CASE("wrong fields are errors, near ones warnings, explained ones notes", "[checker]") {
  const Work niesters = composed("10.1111/bcp.12094");
  auto cited = parse_reference(
      "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2012;75(3):351-67.");
  auto findings = compare_fields(cited, niesters);
  REQUIRE(on(findings, "year") != nullptr);
  CHECK(on(findings, "year")->severity == Severity::kError);  // two years off
  REQUIRE(on(findings, "volume") != nullptr);
  CHECK(on(findings, "volume")->actual == "77");
  REQUIRE(on(findings, "issue") != nullptr);
  CHECK(on(findings, "issue")->severity == Severity::kWarning);
  REQUIRE(on(findings, "pages") != nullptr);
  CHECK(on(findings, "pages")->cited == "351-67");
  CHECK(on(findings, "pages")->actual == "357-367");

  // A year one off that the record does not explain: a warning.
  cited = parse_reference(
      "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2013;77(2):357-67.");
  findings = compare_fields(cited, niesters);
  REQUIRE(on(findings, "year") != nullptr);
  CHECK(on(findings, "year")->severity == Severity::kWarning);

  // The wrong first author is an error; another author not in the record, a warning.
  cited = parse_reference(
      "Martini C, Niesters M, Dahan A. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2014;77(2):357-67.");
  findings = compare_fields(cited, niesters);
  REQUIRE(on(findings, "first_author") != nullptr);
  CHECK(on(findings, "first_author")->actual == "Niesters");
  cited = parse_reference(
      "Niesters M, Martini C, Olofsen E. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2014;77(2):357-67.");
  findings = compare_fields(cited, niesters);
  REQUIRE(on(findings, "authors") != nullptr);
  CHECK(on(findings, "authors")->cited == "Olofsen");
  CHECK(on(findings, "authors")->severity == Severity::kWarning);
}

TEST_CASE("a year the record explains (online or print) and a dropped subtitle are notes",
          "[checker]") {
  // Corriger: online July 2021, print issue 2022 (163(4):690-701).
  const Work corriger = composed("10.1097/j.pain.0000000000002403");
  REQUIRE(corriger.online_year == 2021);
  REQUIRE(corriger.print_year == 2022);
  auto cited = parse_reference(
      "Corriger A, Voute N, Pickering G. Ketamine for refractory chronic pain. Pain. "
      "2022;163(4):690-701.");
  auto findings = compare_fields(cited, corriger);
  REQUIRE(on(findings, "year") != nullptr);
  CHECK(on(findings, "year")->severity == Severity::kNote);
  REQUIRE(on(findings, "title") != nullptr);
  CHECK(on(findings, "title")->severity == Severity::kNote);
  CHECK(std::none_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity != Severity::kNote; }));
  // Cut anywhere but at the colon, the title is a warning.
  cited = parse_reference("Corriger A, Voute N, Pickering G. Ketamine for refractory chronic. Pain. "
                          "2022;163(4):690-701.");
  findings = compare_fields(cited, corriger);
  REQUIRE(on(findings, "title") != nullptr);
  CHECK(on(findings, "title")->severity == Severity::kWarning);
}

TEST_CASE("statuses of one reference: verified, missing DOI, other work, failed fetch",
          "[checker]") {
  const Work niesters = composed("10.1111/bcp.12094");
  auto cited = parse_reference(
      "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2014;77(2):357-67. doi:10.1111/bcp.12094");
  auto check = check_reference(cited, resolved(niesters));
  CHECK(check.statuses == std::vector<std::string>{"verified"});
  CHECK(check.clean());

  cited.doi.reset();
  cited.raw = "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
              "Br J Clin Pharmacol. 2014;77(2):357-67.";
  check = check_reference(cited, resolved(niesters));
  CHECK(check.statuses == std::vector<std::string>{"missing-doi"});
  REQUIRE(on(check.findings, "doi") != nullptr);
  CHECK(on(check.findings, "doi")->actual == "10.1111/bcp.12094");

  // The DOI of another paper under this citation.
  const Work brown = composed("10.4037/ccn2020419");
  cited = parse_reference(
      "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
      "Br J Clin Pharmacol. 2014;77(2):357-67. doi:10.4037/ccn2020419");
  check = check_reference(cited, resolved(brown));
  CHECK(check.statuses == std::vector<std::string>{"doi-other-work"});

  // No answer from the services: not checked, and not called wrong.
  CrawledWork failed;
  failed.status = "failed";
  failed.reason = "Crossref: cannot connect";
  check = check_reference(cited, failed);
  CHECK(check.statuses == std::vector<std::string>{"unchecked"});
  CHECK(check.findings.empty());
}

TEST_CASE("numbered markers: dangling numbers and entries never cited", "[checker]") {
  std::vector<litgraph::schema::Reference> references;
  for (int n = 1; n <= 5; ++n) {
    auto reference = parse_reference("Persson J. Ketamine in pain management. CNS Neurosci Ther. "
                                     "2013;19(6):396-402.");
    reference.n = n;
    references.push_back(reference);
  }
  const std::string body = "Ketamine blocks NMDA receptors (1,2). It is used in pain clinics (4-5) and "
                           "in depression (7).";
  auto markers = litgraph::checker::check_markers(body, references);
  CHECK(markers.numbered);
  CHECK(markers.dangling == std::vector<int>{7});
  CHECK(markers.uncited == std::vector<int>{3});
}
