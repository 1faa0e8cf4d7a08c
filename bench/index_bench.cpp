// litgraph_index_bench: how fast `litgraph index` loads PubMed records into a
// new database, and how much memory and disk it takes.
//
// Runs the real program (fork/exec, as a user would) on the shared efetch
// files (3,690 records), then on a larger set made from them: copies whose
// PMIDs and DOIs are rewritten so that every record is a distinct work
// (--records, default 100,000). Reports wall time, records/s, the child's
// peak RSS (wait4) and the size of the database, which a bulk load into a new
// database leaves compacted.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench_process.h"
#include "litgraph/crawlers/pubmed_xml.h"

namespace {

namespace fs = std::filesystem;
using litgraph::bench::ChildResult;
using litgraph::bench::folder_size;
using litgraph::bench::run_program;
using litgraph::bench::write_gzip;

std::size_t count_records(const std::string& xml) {
  std::size_t count = 0;
  for (std::size_t at = xml.find("<PubmedArticle>"); at != std::string::npos;
       at = xml.find("<PubmedArticle>", at + 1)) {
    ++count;
  }
  return count;
}

// Copy `copy` of an efetch file: every PMID gets the copy number in front
// (PMIDs stay digits), every DOI a ".copyN" suffix. A plain scan: std::regex
// took minutes for a million records.
std::string rewrite(const std::string& xml, int copy) {
  const std::string pmid_prefix = std::to_string(900 + copy);
  const std::string doi_suffix = ".copy" + std::to_string(copy);
  std::string out;
  out.reserve(xml.size() + xml.size() / 50);
  std::size_t at = 0;  // xml is copied up to here
  // Copies xml up to the text of the element whose tag starts at `tag`, then
  // the text with `before` in front and `after` behind.
  auto edit = [&](std::size_t tag, const std::string& before, const std::string& after) {
    const std::size_t text = xml.find('>', tag) + 1;
    const std::size_t end = xml.find('<', text);
    out.append(xml, at, text - at);
    out += before;
    out.append(xml, text, end - text);
    out += after;
    at = end;
  };
  for (std::size_t tag = xml.find('<'); tag != std::string::npos; tag = xml.find('<', std::max(at, tag + 1))) {
    const std::string_view rest = std::string_view(xml).substr(tag, 48);
    if (rest.rfind("<PMID", 0) == 0 || rest.rfind("<ArticleId IdType=\"pubmed\">", 0) == 0) {
      edit(tag, pmid_prefix, "");
    } else if (rest.rfind("<ArticleId IdType=\"doi\">", 0) == 0 ||
               (rest.rfind("<ELocationID", 0) == 0 &&
                rest.find("EIdType=\"doi\"") != std::string_view::npos)) {
      edit(tag, "", doi_suffix);
    }
  }
  out.append(xml, at, std::string::npos);
  return out;
}

void report(const char* label, std::size_t records, const ChildResult& result, const fs::path& database) {
  std::printf("%-28s %8zu records  %7.1f s  %6.0f records/s  CPU %6.1f s  peak RSS %5.0f MiB  "
              "database %6.1f MB  (exit %d)\n",
              label, records, result.seconds, records / result.seconds, result.cpu_seconds,
              result.peak_rss_kib / 1024.0, folder_size(database) / 1e6, result.status);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times `litgraph index` on PubMed records (a new database each run)",
               "litgraph_index_bench"};
  std::string binary = LITGRAPH_BINARY;
  std::string source = LITGRAPH_DEFAULT_PUBMED_DIR;
  std::size_t records = 100000;
  std::string jobs;
  std::string work = (fs::temp_directory_path() / "litgraph-index-bench").string();
  app.add_option("--litgraph", binary, "The litgraph program");
  app.add_option("--pubmed", source, "Folder of PubMed efetch .xml.gz files");
  app.add_option("--records", records, "Records in the large run (0: skip it)");
  app.add_option("--jobs", jobs, "Passed to litgraph index --jobs (default: its own)");
  app.add_option("--work", work, "Scratch folder (removed and remade)");
  unsigned runs = 1;
  app.add_option("--runs", runs,
                 "Index the larger set this many times, each into a new database, and report "
                 "the fastest and the median (the machine's speed varies from run to run)")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  fs::remove_all(work);
  fs::create_directories(work);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source)) {
    if (entry.path().extension() == ".gz") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> originals;
  std::size_t original_records = 0;
  for (const auto& file : files) {
    auto read = litgraph::crawlers::read_gzip_file(file);
    if (!read.error.empty()) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), read.error.c_str());
      return 5;
    }
    original_records += count_records(read.bytes);
    originals.push_back(std::move(read.bytes));
  }

  auto index = [&](const std::vector<std::string>& inputs, const fs::path& database) {
    std::vector<std::string> args = {binary, "index", "--no-works", "--home", work,
                                     "--db", database.string()};
    if (!jobs.empty()) {
      args.push_back("--jobs");
      args.push_back(jobs);
    }
    args.insert(args.end(), inputs.begin(), inputs.end());
    return run_program(args, fs::path(work) / "log.txt");
  };

  std::vector<std::string> shared;
  for (const auto& file : files) shared.push_back(file.string());
  report("shared efetch files", original_records, index(shared, fs::path(work) / "small"),
         fs::path(work) / "small");

  if (records > 0) {
    const fs::path generated = fs::path(work) / "generated";
    fs::create_directories(generated);
    std::vector<std::string> inputs;
    std::size_t written = 0;
    for (int copy = 0; written < records; ++copy) {
      for (std::size_t k = 0; k < originals.size() && written < records; ++k) {
        fs::path path = generated / ("copy" + std::to_string(copy) + "_" + files[k].filename().string());
        write_gzip(path, rewrite(originals[k], copy));
        written += count_records(originals[k]);
        inputs.push_back(path.string());
      }
    }
    std::vector<double> times;
    for (unsigned run = 0; run < runs; ++run) {
      fs::remove_all(fs::path(work) / "large");
      const ChildResult result = index(inputs, fs::path(work) / "large");
      report("generated copies", written, result, fs::path(work) / "large");
      times.push_back(result.seconds);
    }
    if (runs > 1) {
      std::sort(times.begin(), times.end());
      const double median = times[times.size() / 2];
      std::printf("generated copies, %u runs: fastest %.1f s (%.0f records/s), median %.1f s (%.0f records/s)\n",
                  runs, times.front(), written / times.front(), median, written / median);
    }
  }
  std::printf("log of the last run: %s/log.txt\n", work.c_str());
  return 0;
}
