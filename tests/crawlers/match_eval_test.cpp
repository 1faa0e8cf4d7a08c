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
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "litgraph/crawlers/matcher.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/crawlers/references.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::schema::Work;

namespace {

constexpr std::size_t kSampleSize = 2500;  // of each kind: in the store, not in it
constexpr std::uint64_t kSeed = 20261125;
constexpr std::size_t kCandidates = 20;

struct Row {
  std::string citing_pmid;
  std::string citation;
  std::string ref_pmid;
  std::uint64_t order = 0;  // the sample takes the rows with the lowest
};

// splitmix64: a fixed, portable order (std::shuffle's is the library's own).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::vector<Work> load_store() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(
           litgraph::test::shared_path("data/pubmed/alzheimers-efetch")))
    if (entry.path().string().ends_with(".xml.gz")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Work> works;
  for (const auto& file : files) {
    GzipFile gz = read_gzip_file(file);
    REQUIRE(gz.error.empty());
    PubmedParseResult parsed = parse_pubmed_xml(gz.bytes);
    REQUIRE(parsed.errors.empty());
    for (Work& w : parsed.works) works.push_back(std::move(w));
  }
  return works;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

// Rows with a ref_pmid. Left out as wrong labels: "0", and a PMC number
// copied into ref_pmid (ref_pmid 5958625 with ref_pmcid 5958625).
std::vector<Row> load_rows() {
  GzipFile gz =
      read_gzip_file(litgraph::test::shared_path("data/citations/pubmed_referencelist_AD.tsv.gz"));
  REQUIRE(gz.error.empty());
  std::vector<std::string_view> lines = split(gz.bytes, '\n');
  REQUIRE(lines.size() > 1);
  std::vector<std::string_view> header = split(lines[0], '\t');
  auto column = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
  };
  std::size_t citing = column("citing_pmid"), citation = column("citation"),
              ref_pmid = column("ref_pmid"), ref_pmcid = column("ref_pmcid");
  std::vector<Row> rows;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    std::vector<std::string_view> f = split(lines[n], '\t');
    if (f.size() != header.size()) continue;  // the last, empty line
    std::string_view pmid = f[ref_pmid];
    std::string_view pmcid = f[ref_pmcid];
    if (pmcid.starts_with("PMC")) pmcid.remove_prefix(3);
    if (pmid.empty() || pmid == "0" || pmid == pmcid) continue;
    rows.push_back(
        {std::string(f[citing]), std::string(f[citation]), std::string(pmid), mix(kSeed ^ n)});
  }
  return rows;
}

std::vector<const Row*> sample(std::vector<const Row*> rows) {
  std::sort(rows.begin(), rows.end(),
            [](const Row* a, const Row* b) { return a->order < b->order; });
  rows.resize(std::min(rows.size(), kSampleSize));
  return rows;
}

}  // namespace

TEST_CASE("local matching of real PubMed reference strings meets the bar of issue 4",
          "[match][eval]") {
  LocalWorkIndex index(load_store());
  REQUIRE(index.works().size() == 3690);
  std::unordered_map<std::string, const Work*> by_pmid;
  for (const Work& w : index.works()) by_pmid.emplace(*w.pmid, &w);

  std::vector<Row> rows = load_rows();
  std::vector<const Row*> in_store;
  std::vector<const Row*> elsewhere;
  for (const Row& row : rows) (by_pmid.count(row.ref_pmid) ? in_store : elsewhere).push_back(&row);
  REQUIRE(in_store.size() > 19000);
  in_store = sample(std::move(in_store));
  elsewhere = sample(std::move(elsewhere));
  REQUIRE(in_store.size() == kSampleSize);
  REQUIRE(elsewhere.size() == kSampleSize);

  auto resolve = [&](const Row& row) {
    litgraph::schema::Reference ref = parse_reference(row.citation);
    ref.doi.reset();
    ref.pmid.reset();
    ref.pmcid.reset();
    return match_reference(ref, index.candidates(ref, kCandidates));
  };
  std::size_t right = 0, wrong = 0, ambiguous = 0, self = 0;
  for (const Row* row : in_store) {
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
  for (const Row* row : elsewhere) {
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
