#include "closed_world.h"

#include <algorithm>
#include <string_view>

#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/schema/error.h"

namespace litgraph::bench {

namespace {

// splitmix64: a fixed, portable order (std::shuffle's is the library's own).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
constexpr std::uint64_t kSeed = 20261125;

std::string read_gzip(const std::string& path) {
  crawlers::GzipFile gz = crawlers::read_gzip_file(path);
  if (!gz.error.empty()) throw UsageError::missing_input(path, gz.error);
  return std::move(gz.bytes);
}

}  // namespace

std::vector<schema::Work> load_pubmed_folder(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    if (entry.path().string().ends_with(".xml.gz")) files.push_back(entry.path());
  if (error) throw UsageError::missing_input(folder.string(), error.message());
  std::sort(files.begin(), files.end());
  std::vector<schema::Work> works;
  for (const auto& file : files) {
    auto parsed = crawlers::parse_pubmed_xml(read_gzip(file.string()));
    if (!parsed.errors.empty()) throw ParseError(file.string(), 0, parsed.errors.front());
    for (schema::Work& w : parsed.works) works.push_back(std::move(w));
  }
  if (works.empty()) throw UsageError::missing_input(folder.string(), "no PubMed records");
  return works;
}

namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

// A PMC number copied into ref_pmid looks like ref_pmid 5958625 with
// ref_pmcid PMC5958625: a wrong label, left out.
std::vector<ReferenceRow> load_reference_rows(const std::filesystem::path& tsv) {
  const std::string path = tsv.string();
  std::string text = read_gzip(path);
  std::vector<std::string_view> lines = split(text, '\n');
  std::vector<std::string_view> header = split(lines[0], '\t');
  auto column = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
      throw ParseError(path, 1, "no column \"" + std::string(name) + "\" in the header");
    return static_cast<std::size_t>(it - header.begin());
  };
  std::size_t citing = column("citing_pmid"), citation = column("citation"),
              ref_pmid = column("ref_pmid"), ref_pmcid = column("ref_pmcid");
  std::vector<ReferenceRow> rows;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    if (lines[n].empty()) continue;
    std::vector<std::string_view> f = split(lines[n], '\t');
    if (f.size() != header.size())
      throw ParseError(path, static_cast<long>(n + 1),
                                 std::to_string(f.size()) + " tab-separated fields, expected " +
                                     std::to_string(header.size()));
    std::string_view pmid = f[ref_pmid];
    std::string_view pmcid = f[ref_pmcid];
    if (pmcid.starts_with("PMC")) pmcid.remove_prefix(3);
    if (pmid.empty() || pmid == "0" || pmid == pmcid) continue;
    rows.push_back(
        {std::string(f[citing]), std::string(f[citation]), std::string(pmid), mix(kSeed ^ n)});
  }
  return rows;
}

std::vector<const ReferenceRow*> take_sample(std::vector<const ReferenceRow*> rows, std::size_t limit) {
  if (limit == 0 || rows.size() <= limit) return rows;
  std::sort(rows.begin(), rows.end(),
            [](const ReferenceRow* a, const ReferenceRow* b) { return a->order < b->order; });
  rows.resize(limit);
  return rows;
}


}  // namespace litgraph::bench
