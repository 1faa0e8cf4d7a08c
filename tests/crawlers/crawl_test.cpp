// The crawl against local stand-ins of Crossref and NCBI (issue 3).
#include <catch2/catch.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>

#include "fake_services.h"
#include "litgraph/crawlers/crossref_json.h"
#include "litgraph/crawlers/crawl.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/crawlers/text_file.h"
#include "litgraph/crawlers/work_store.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::test::FakeServices;
using litgraph::test::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<DistinctWork> seed_works() {
  std::vector<litgraph::schema::Reference> all;
  for (const auto& file : list_article_files(litgraph::test::source_path("corpus"))) {
    auto text = read_text_file(file);
    for (auto& r : extract_references(text.text, file.filename().string())) all.push_back(r);
  }
  return merge_same_works(all);
}

CrawlOptions options_for(const FakeServices& services, const TempDir& home) {
  CrawlOptions options;
  options.home = home.path();
  options.crossref_url = services.crossref_url();
  options.eutils_url = services.eutils_url();
  options.idconv_url = services.idconv_url();
  options.mailto = "tests@example.org";
  options.crossref_rate = 20;
  options.http.backoff_base = std::chrono::milliseconds(20);
  options.http.backoff_max = std::chrono::milliseconds(1500);
  options.http.total_timeout = std::chrono::milliseconds(3000);
  options.match = false;  // issue 3's behaviour; matching has its own tests below
  return options;
}

std::map<std::string, const CrawledWork*> by_key(const CrawlReport& report) {
  std::map<std::string, const CrawledWork*> works;
  for (const auto& w : report.works) works[w.key] = &w;
  return works;
}

std::size_t count_status(const CrawlReport& report, const std::string& status) {
  std::size_t n = 0;
  for (const auto& w : report.works) n += w.status == status;
  return n;
}

}  // namespace

TEST_CASE("crawl resolves the seeds' nine DOIs in few batched requests (issue 3)", "[crawl][issue3]") {
  FakeServices services;
  TempDir home;
  auto report = crawl(seed_works(), options_for(services, home));
  REQUIRE(report.works.size() == 21);
  CHECK(count_status(report, "resolved") == 9);
  CHECK(count_status(report, "unresolved") == 12);
  CHECK(count_status(report, "failed") == 0);
  CHECK(services.crossref().requests().size() <= 4);
  CHECK(services.ncbi().requests().size() <= 3);
  for (const auto& w : report.works) {
    if (w.status != "unresolved") continue;
    CHECK(w.key.rfind("ref:", 0) == 0);
    CHECK(w.reason.find("no DOI or PMID") != std::string::npos);
  }
  // Crossref's bibliographic fields, PubMed's identifiers and MeSH, merged.
  auto works = by_key(report);
  const CrawledWork& cohen = *works.at("doi:10.1097/aap.0000000000000808");
  CHECK(cohen.via == "doi");
  CHECK(cohen.work.pmid == "29870457");
  CHECK(cohen.work.authors.size() == 12);
  CHECK(cohen.work.container == "Regional Anesthesia and Pain Medicine");
  CHECK(cohen.work.first_page == "521");
  CHECK(cohen.work.field_sources.at("title") == litgraph::schema::Source::kCrossref);
  REQUIRE_FALSE(cohen.work.mesh.empty());
  CHECK(cohen.work.mesh[0].ui == "D007649");
  CHECK(cohen.work.field_sources.at("mesh") == litgraph::schema::Source::kPubmed);
  CHECK(cohen.cited_by.size() == 2);
  CHECK(works.at("doi:10.1097/pr9.0000000000000674")->work.pmcid == "PMC6181464");
  // Every request carried tool and email; every Crossref request the mailto.
  for (const auto& r : services.ncbi().requests()) {
    std::string all = r.target + "&" + r.body;
    CHECK(all.find("tool=litgraph") != std::string::npos);
    CHECK(all.find("email=tests%40example.org") != std::string::npos);
  }
  for (const auto& r : services.crossref().requests())
    CHECK(r.headers.at("user-agent").find("(mailto:tests@example.org)") != std::string::npos);
  // The works are stored for the next commands.
  auto stored = WorkStore(home.path() / "works").all();
  CHECK(stored.size() == 9);
}

TEST_CASE("a second crawl of the same corpus sends no request", "[crawl][cache][issue3]") {
  FakeServices services;
  TempDir home;
  auto works = seed_works();
  crawl(works, options_for(services, home));
  std::size_t crossref_before = services.crossref().requests().size();
  std::size_t ncbi_before = services.ncbi().requests().size();
  auto again = crawl(works, options_for(services, home));
  CHECK(services.crossref().requests().size() == crossref_before);
  CHECK(services.ncbi().requests().size() == ncbi_before);
  CHECK(count_status(again, "resolved") == 9);
  for (const auto& w : again.works)
    if (w.status == "resolved") CHECK(w.via == "cache");
  CHECK(again.cache_hits > 0);
}

TEST_CASE("an offline crawl uses the cache and opens no socket", "[crawl][offline][issue3]") {
  FakeServices services;
  TempDir home;
  auto works = seed_works();
  auto options = options_for(services, home);
  options.offline = true;
  auto cold = crawl(works, options);
  CHECK(count_status(cold, "failed") == 9);
  CHECK(cold.works[0].reason.find("--offline") != std::string::npos);
  CHECK(services.crossref().connections() == 0);
  CHECK(services.ncbi().connections() == 0);

  options.offline = false;
  crawl(works, options);
  std::size_t connections = services.crossref().connections() + services.ncbi().connections();
  options.offline = true;
  options.max_age = std::chrono::seconds(0);  // stale entries still serve offline
  auto warm = crawl(works, options);
  CHECK(count_status(warm, "resolved") == 9);
  CHECK(services.crossref().connections() + services.ncbi().connections() == connections);
}

TEST_CASE("a 429 and 503 storm ends with every work resolved", "[crawl][retry][issue3]") {
  FakeServices services;
  services.crossref_failures = 3;
  services.crossref_failure_status = 429;
  services.ncbi_failures = 2;
  services.ncbi_failure_status = 503;
  TempDir home;
  auto report = crawl(seed_works(), options_for(services, home));
  CHECK(count_status(report, "resolved") == 9);
  CHECK(count_status(report, "failed") == 0);
  long retried = 0;
  for (const auto& [host, stats] : report.requests) retried += stats.retried;
  CHECK(retried == 5);
}

TEST_CASE("NCBI requests keep 3 per second", "[crawl][rate][issue3]") {
  FakeServices services;
  TempDir home;
  crawl(seed_works(), options_for(services, home));
  auto requests = services.ncbi().requests();
  REQUIRE(requests.size() >= 2);
  // No one-second window at the server holds more than three requests.
  for (std::size_t i = 0; i < requests.size(); ++i) {
    std::size_t in_window = 0;
    for (std::size_t j = i; j < requests.size(); ++j)
      in_window += requests[j].received - requests[i].received <= std::chrono::seconds(1);
    CHECK(in_window <= 3);
  }
  CHECK(requests.back().received - requests.front().received >=
        std::chrono::milliseconds(330 * static_cast<long>(requests.size() - 1)));
}

TEST_CASE("unreachable services: every work fails with the reason, nothing stored is lost",
          "[crawl][offline][issue3]") {
  FakeServices services;
  TempDir home;
  auto works = seed_works();
  auto options = options_for(services, home);
  crawl(works, options);
  std::string closed = "http://127.0.0.1:" + std::to_string(litgraph::test::closed_port());
  options.crossref_url = closed;
  options.eutils_url = closed + "/entrez/eutils";
  options.idconv_url = closed + "/idconv/";
  options.max_age = std::chrono::seconds(-1);  // everything is stale: refetch all
  auto start = Clock::now();
  auto report = crawl(works, options);
  CHECK(Clock::now() - start < std::chrono::seconds(5));
  CHECK(count_status(report, "failed") == 9);
  for (const auto& w : report.works)
    if (w.status == "failed") CHECK(w.reason.find("onnect") != std::string::npos);
  // What the first crawl stored and cached is intact.
  auto stored = WorkStore(home.path() / "works").all();
  REQUIRE(stored.size() == 9);
  for (const auto& s : stored) CHECK(s.status == "resolved");
  options.offline = true;
  CHECK(count_status(crawl(works, options), "resolved") == 9);
}

TEST_CASE("a malformed Crossref body fails the batch without caching it", "[crawl][errors][issue3]") {
  FakeServices services;
  services.crossref_malformed = true;
  TempDir home;
  auto works = seed_works();
  auto report = crawl(works, options_for(services, home));
  for (const auto& w : report.works) {
    if (w.key.rfind("doi:", 0) != 0) continue;
    // PubMed still resolves three of them; the others fail with the reason.
    if (w.status == "failed") CHECK(w.reason.find("Crossref") != std::string::npos);
  }
  CHECK(count_status(report, "resolved") == 3);
  services.crossref_malformed = false;
  CHECK(count_status(crawl(works, options_for(services, home)), "resolved") == 9);
}

TEST_CASE("merge_work_sources prefers Crossref and adds PubMed's indexing", "[crawl]") {
  litgraph::schema::Work crossref;
  crossref.doi = "10.1/x";
  crossref.title = "Title from Crossref";
  crossref.field_sources["title"] = litgraph::schema::Source::kCrossref;
  litgraph::schema::Work pubmed;
  pubmed.pmid = "123";
  pubmed.title = "Title from PubMed.";
  pubmed.abstract = "Abstract.";
  pubmed.mesh = {{"D007649", "Ketamine", true}};
  pubmed.field_sources = {{"title", litgraph::schema::Source::kPubmed}, {"mesh", litgraph::schema::Source::kPubmed}};
  auto merged = merge_work_sources(&crossref, &pubmed);
  CHECK(merged.title == "Title from Crossref");
  CHECK(merged.pmid == "123");
  CHECK(merged.abstract == "Abstract.");
  CHECK(merged.mesh.size() == 1);
  CHECK(merged.field_sources.at("abstract") == litgraph::schema::Source::kPubmed);
  CHECK(merged.field_sources.at("title") == litgraph::schema::Source::kCrossref);
  CHECK(merge_work_sources(nullptr, &pubmed).title == "Title from PubMed.");
}

TEST_CASE("the seeds' twelve references without identifiers match the right works and no decoy (issue 4)",
          "[crawl][match][issue4]") {
  FakeServices services;
  TempDir home;
  auto options = options_for(services, home);
  options.match = true;
  auto works = seed_works();
  std::size_t before_crossref = 0, before_ncbi = 0;
  // First the DOIs alone, so that the requests counted below are the matching's.
  options.match = false;
  crawl(works, options);
  before_crossref = services.crossref().requests().size();
  before_ncbi = services.ncbi().requests().size();
  // Every decoy is already in the local store, as if an earlier crawl had met
  // it: each reference faces its decoy at the first, free step.
  rapidjson::Document matching;
  std::string matching_text = litgraph::test::read_file(
      litgraph::test::source_path("tests/fixtures/composed/matching.json"));
  matching.Parse(matching_text.c_str());
  WorkStore store(home.path() / "works");
  std::set<std::string> decoys;
  for (const auto& target : matching["targets"].GetArray()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    target["decoy"].Accept(writer);
    auto parsed = parse_crossref_response(
        200, std::string("{\"status\":\"ok\",\"message-type\":\"work\",\"message\":") + buffer.GetString() + "}");
    REQUIRE(parsed.works.size() == 1);
    const auto& decoy = parsed.works.front();
    decoys.insert(*decoy.doi);
    store.put({"doi:" + *decoy.doi, "resolved", "doi", "", 0, decoy});
  }
  REQUIRE(decoys.size() == 12);
  options.match = true;
  auto report = crawl(works, options);
  for (const auto& w : report.works) CHECK_FALSE(decoys.count(w.work.doi.value_or("")));

  const std::map<std::string, std::string> expected = {
      {"Ketamine and Ketamine Metabolite Pharmacology", "10.1124/pr.117.015198"},
      {"Systematic Review of the Use of Intravenous Ketamine", "10.31486/toj.21.0039"},
      {"Multimodal Treatment of Chronic Pain", "10.1016/j.mcna.2015.08.012"},
      {"Ketamine", "10.1093/bjaceaccp/mkm008"},
      {"A randomized trial of an N-methyl", "10.1001/archpsyc.63.8.856"},
      {"Antidepressant effects of ketamine", "10.1016/s0006-3223(99)00230-9"},
      {"Subanesthetic ketamine infusion", "10.1111/j.1526-4637.2004.04043.x"},
      {"Ketamine for Pain in Adults", "10.1111/pme.12182"},
      {"Intravenous infusions in chronic pain", "10.36076/ppj.2013/16/231"},
      {"A comprehensive multimodal pain", "10.1007/s00586-013-2826-1"},
      {"Ketamine in pain management", "10.1111/cns.12111"},
      {"mTOR-dependent synapse formation", "10.1126/science.1190287"},
  };
  std::size_t matched = 0;
  for (std::size_t i = 0; i < works.size(); ++i) {
    const auto& ref = works[i].reference;
    if (ref.doi || ref.pmid) continue;
    const CrawledWork& out = report.works[i];
    std::string title = ref.title.value_or("");
    std::string prefix_found;  // the longest expected title prefix that fits
    for (const auto& [prefix, doi] : expected)
      if (title.rfind(prefix, 0) == 0 && prefix.size() > prefix_found.size()) prefix_found = prefix;
    REQUIRE_FALSE(prefix_found.empty());
    CAPTURE(title, out.status, out.via, out.reason);
    CHECK(out.status == "resolved");
    CHECK(out.work.doi == expected.at(prefix_found));
    CHECK(out.key == "doi:" + out.work.doi.value_or(""));
    CHECK(out.score.has_value());
    matched += out.status == "resolved";
  }
  CHECK(matched == 12);
  std::size_t requests = services.crossref().requests().size() - before_crossref +
                         services.ncbi().requests().size() - before_ncbi;
  CAPTURE(requests);
  CHECK(requests <= 3 * 12);
  CHECK(static_cast<double>(requests) / 12 <= 1.0);  // measured: ECitMatch, efetch and Crossref's search
}

TEST_CASE("PubMed's title search resolves references when Crossref cannot be reached (issue 4)",
          "[crawl][match][issue4]") {
  FakeServices services;
  TempDir home;
  auto options = options_for(services, home);
  options.match = true;
  options.crossref_url = "http://127.0.0.1:" + std::to_string(litgraph::test::closed_port());
  auto works = seed_works();
  auto report = crawl(works, options);
  // Berman 2000 and Li 2010 come through ECitMatch; the works without a composed
  // PubMed record stay open, since Crossref is down.
  std::map<std::string, const CrawledWork*> by_title;
  for (std::size_t i = 0; i < works.size(); ++i)
    if (works[i].reference.title) by_title[*works[i].reference.title] = &report.works[i];
  const CrawledWork& berman = *by_title.at("Antidepressant effects of ketamine in depressed patients");
  CHECK(berman.status == "resolved");
  CHECK(berman.via == "ecitmatch");
  CHECK(berman.work.pmid == "10686270");
  const CrawledWork& li = *by_title.at(
      "mTOR-dependent synapse formation underlies the rapid antidepressant effects of NMDA antagonists");
  CHECK(li.work.pmid == "20724638");
  // Persson: ECitMatch proposes the wrong record; the scorer refuses it, and the title
  // search finds the right one.
  const CrawledWork& persson = *by_title.at("Ketamine in pain management");
  CHECK(persson.status == "resolved");
  CHECK(persson.via == "pubmed-match");
  CHECK(persson.work.pmid == "23663314");
}

TEST_CASE("stale records are revalidated: a from-index-date batch, and 304 for a conditional lookup",
          "[crawl][refresh]") {
  FakeServices services;
  TempDir home;
  // A DOI with a comma cannot go into a filter: it is looked up alone.
  const std::string comma_doi = "10.5555/litgraph.a,b";
  services.set_crossref_work(
      comma_doi, "{\"DOI\":\"10.5555/litgraph.a,b\",\"type\":\"journal-article\",\"title\":[\"Ketamine, a "
                 "comma in the DOI\"],\"container-title\":[\"Journal of Composed Results\"],\"issued\":"
                 "{\"date-parts\":[[2020,1]]},\"author\":[{\"given\":\"Ada\",\"family\":\"Quill\"}]}");
  auto works = seed_works();
  litgraph::schema::Reference comma;
  comma.doi = comma_doi;
  comma.title = "Ketamine, a comma in the DOI";
  comma.raw = "Quill A. Ketamine, a comma in the DOI. 2020. doi:10.5555/litgraph.a,b";
  works.push_back(DistinctWork{comma, {}});
  auto options = options_for(services, home);
  const auto resolved = count_status(crawl(works, options), "resolved");
  REQUIRE(resolved == 10);  // the nine DOIs and the comma DOI (matching is off here)

  const std::size_t before = services.crossref().requests().size();
  options.max_age = std::chrono::seconds(0);  // everything is stale
  auto report = crawl(works, options);
  CHECK(count_status(report, "resolved") == resolved);
  auto requests = services.crossref().requests();
  requests.erase(requests.begin(), requests.begin() + static_cast<std::ptrdiff_t>(before));
  std::size_t batches = 0, conditional = 0, downloads = 0;
  for (const auto& request : requests) {
    const std::string target = litgraph::test::url_decode(request.target);
    if (target.find("from-index-date:") != std::string::npos) ++batches;
    if (request.headers.count("if-none-match")) ++conditional;
    if (target.rfind("/works/10.", 0) == 0 && !request.headers.count("if-none-match")) ++downloads;
  }
  CHECK(batches == 1);      // the nine stale DOIs: one filter, nothing changed since
  CHECK(conditional == 1);  // the comma DOI, answered 304
  CHECK(downloads == 0);
  // Renewed: with the usual max age, a third crawl asks Crossref nothing.
  options.max_age = std::chrono::hours(24);
  const std::size_t renewed = services.crossref().requests().size();
  CHECK(count_status(crawl(works, options), "resolved") == resolved);
  CHECK(services.crossref().requests().size() == renewed);
}
