// litgraph_pubmed_stream_bench: how fast PubmedStream reads PubMed XML files
// (gzip or plain) and how much memory it needs, against reading each file
// whole (read_gzip_file + parse_pubmed_xml) with --whole-file.
//
// Each pass reads every file once; records/s and MB/s are over the best and
// the median pass. Peak RSS is the process's (getrusage ru_maxrss), so run one
// mode per process to compare them.
#include <sys/resource.h>
#include <zlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/schema/error.h"

namespace {

namespace fs = std::filesystem;
using litgraph::schema::Work;

struct Options {
  std::vector<std::string> files;  // empty: the Alzheimer's efetch files and the MEDLINE file
  int repeat = 1;                  // passes over all files
  bool whole_file = false;         // read each file whole instead of streaming it
};

// What one pass read; the same for every pass and for both modes.
struct PassResult {
  std::size_t records = 0;
  std::size_t errors = 0;
  std::uint64_t checksum = 14695981039346656037ULL;  // FNV-1a of PMIDs, titles and abstract lengths
};

void add_to_checksum(std::uint64_t& hash, std::string_view text) {
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  hash ^= 0xFF;
  hash *= 1099511628211ULL;
}

void count_work(const Work& work, PassResult& result) {
  ++result.records;
  add_to_checksum(result.checksum, work.pmid.value_or(""));
  add_to_checksum(result.checksum, work.title.value_or(""));
  add_to_checksum(result.checksum, std::to_string(work.abstract ? work.abstract->size() : 0));
}

PassResult stream_files(const std::vector<fs::path>& files) {
  PassResult result;
  for (const fs::path& file : files) {
    litgraph::crawlers::PubmedStream stream(file);
    while (std::optional<Work> work = stream.next()) count_work(*work, result);
    result.errors += stream.errors().size();
  }
  return result;
}

PassResult parse_whole_files(const std::vector<fs::path>& files) {
  PassResult result;
  for (const fs::path& file : files) {
    litgraph::crawlers::GzipFile bytes = litgraph::crawlers::read_gzip_file(file);
    if (!bytes.error.empty()) {
      ++result.errors;
      continue;
    }
    litgraph::crawlers::PubmedParseResult parsed = litgraph::crawlers::parse_pubmed_xml(bytes.bytes);
    for (const Work& work : parsed.works) count_work(work, result);
    result.errors += parsed.errors.size();
  }
  return result;
}

// The decompressed size, read in 1 MiB pieces (untimed, flat memory).
std::uint64_t xml_size(const fs::path& file) {
  struct GzClose {
    void operator()(gzFile_s* in) const { gzclose(in); }
  };
  std::unique_ptr<gzFile_s, GzClose> in(gzopen(file.c_str(), "rb"));
  if (!in) throw litgraph::UsageError::missing_input(file.string(), "cannot be opened");
  std::vector<char> chunk(std::size_t{1} << 20);
  std::uint64_t size = 0;
  for (int got; (got = gzread(in.get(), chunk.data(), static_cast<unsigned>(chunk.size()))) > 0;)
    size += static_cast<std::uint64_t>(got);
  return size;
}

std::vector<fs::path> default_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(LITGRAPH_DEFAULT_PUBMED_DIR))
    if (entry.path().string().ends_with(".xml.gz")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  files.emplace_back(LITGRAPH_DEFAULT_MEDLINE_FILE);
  return files;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024;  // KiB on Linux
}

std::string fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string exit_code_footer() {
  auto code = [](litgraph::ExitCode c) { return std::to_string(static_cast<int>(c)); };
  return "\nExit codes:\n"
         "  " + code(litgraph::ExitCode::kOk) + "   success\n"
         "  " + code(litgraph::ExitCode::kUsage) + "   bad command line or unreadable input\n"
         " " + code(litgraph::ExitCode::kInternal) + "   internal error (a bug)\n";
}

int run(int argc, char** argv) {
  Options options;
  CLI::App app{"Streams PubMed XML files (.xml or .xml.gz) through litgraph::crawlers::PubmedStream\n"
               "and reports records/s, MB/s and peak RSS. Default input: the Alzheimer's efetch\n"
               "files and the legacy MEDLINE file under ../shared/data/pubmed.",
               "litgraph_pubmed_stream_bench"};
  app.add_option("FILE", options.files, "PubMed XML files, gzip or plain");
  app.add_option("--repeat", options.repeat, "Passes over all files; the best and median are reported")
      ->check(CLI::Range(1, std::numeric_limits<int>::max()))
      ->option_text("N >= 1 (default 1)");
  app.add_flag("--whole-file", options.whole_file,
               "Read each file whole (read_gzip_file + parse_pubmed_xml) instead, for comparison");
  app.footer(exit_code_footer());
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::cout << app.help();
      return 0;
    }
    std::cerr << "litgraph_pubmed_stream_bench: " << e.what() << "\n" << app.help();
    return static_cast<int>(litgraph::ExitCode::kUsage);
  }

  std::vector<fs::path> files;
  if (options.files.empty()) files = default_files();
  for (const std::string& file : options.files) files.emplace_back(file);
  std::uint64_t stored = 0, xml = 0;
  for (const fs::path& file : files) {
    if (!fs::is_regular_file(file)) throw litgraph::UsageError::missing_input(file.string(), "no such file");
    stored += fs::file_size(file);
    xml += xml_size(file);
  }
  double rss_before = peak_rss_mib();

  std::vector<double> seconds;
  PassResult result;
  for (int pass = 0; pass < options.repeat; ++pass) {
    auto start = std::chrono::steady_clock::now();
    result = options.whole_file ? parse_whole_files(files) : stream_files(files);
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  double rss_after = peak_rss_mib();
  std::vector<double> sorted = seconds;
  std::sort(sorted.begin(), sorted.end());
  double best = sorted.front(), median = sorted[sorted.size() / 2];

  auto row = [](const std::string& label, const std::string& a, const std::string& b) {
    std::cout << "  " << std::left << std::setw(20) << label << std::right << std::setw(12) << a
              << std::setw(12) << b << "\n";
  };
  std::cout << (options.whole_file ? "read_gzip_file + parse_pubmed_xml" : "PubmedStream") << " over "
            << files.size() << (files.size() == 1 ? " file, " : " files, ") << options.repeat << (options.repeat == 1 ? " pass\n" : " passes\n")
            << "  " << result.records << " records, " << result.errors << " errors, "
            << fixed(static_cast<double>(stored) / 1e6, 1) << " MB stored, "
            << fixed(static_cast<double>(xml) / 1e6, 1) << " MB of XML\n\n";
  row("", "best", "median");
  row("seconds/pass", fixed(best, 3), fixed(median, 3));
  row("records/s", fixed(static_cast<double>(result.records) / best, 0),
      fixed(static_cast<double>(result.records) / median, 0));
  row("MB/s of XML", fixed(static_cast<double>(xml) / 1e6 / best, 1),
      fixed(static_cast<double>(xml) / 1e6 / median, 1));
  row("MB/s stored", fixed(static_cast<double>(stored) / 1e6 / best, 1),
      fixed(static_cast<double>(stored) / 1e6 / median, 1));
  std::cout << "  peak RSS " << fixed(rss_after, 1) << " MiB (" << fixed(rss_before, 1)
            << " MiB before reading), checksum " << std::hex << result.checksum << std::dec << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const litgraph::Error& e) {
    std::cerr << "litgraph_pubmed_stream_bench: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "litgraph_pubmed_stream_bench: internal error: " << e.what() << "\n";
    return static_cast<int>(litgraph::ExitCode::kInternal);
  }
}
