// litgraph_refs_bench: how many reference strings parse_reference parses per
// second, and how good the result is, over real PubMed reference lists.
//
// The gzip TSV is loaded into memory first, so only parsing is timed. Quality
// is measured in one further, untimed pass against the TSV's own columns.
#include <sys/resource.h>
#include <zlib.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <iomanip>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "litgraph/crawlers/references.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/reference.h"

namespace {

using litgraph::schema::CitationStyle;
using litgraph::schema::Reference;

// kUnknown is the last enumerator, so this counts every style.
constexpr std::size_t kStyleCount = static_cast<std::size_t>(CitationStyle::kUnknown) + 1;

struct Options {
  std::string path = LITGRAPH_DEFAULT_REFS_TSV;  // the gzip TSV to read
  int repeat = 3;                                // timed passes over all strings
  std::size_t limit = 0;                         // read only this many rows; 0: all
  bool json = false;                             // machine-readable output
};

struct Row {
  std::string citation;
  std::string ref_doi;  // lower case, as parse_reference normalizes; may be empty
};

struct Timing {
  std::vector<double> seconds;  // one per pass, in run order
  std::uint64_t checksum = 0;   // of one pass's parsed fields; the same for every pass
};

struct Quality {
  std::size_t with_year = 0;
  std::size_t with_title = 0;
  std::size_t with_container = 0;
  std::size_t with_first_page = 0;
  std::array<std::size_t, kStyleCount> styles{};
  std::size_t doi_rows = 0;     // rows whose citation contains their ref_doi
  std::size_t doi_matched = 0;  // ...and whose parsed doi equals it
};

struct Report {
  const Options& options;
  std::size_t rows = 0;
  std::size_t bytes = 0;
  const Timing& timing;
  const Quality& quality;
  long peak_rss_kib = 0;
};

std::string to_lower_ascii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string_view::npos) return fields;
    start = tab + 1;
  }
}

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};

// Reads the TSV, finding the columns by their header names so a reordered
// file still works.
class TsvReader {
 public:
  TsvReader(const std::string& path, std::size_t limit) : path_(path), limit_(limit) {}

  std::vector<Row> read() {
    std::unique_ptr<gzFile_s, GzCloser> file(gzopen(path_.c_str(), "rb"));
    if (!file) throw litgraph::UsageError::missing_input(path_, std::strerror(errno));
    gzbuffer(file.get(), 1 << 18);

    std::string pending;
    std::array<char, 1 << 16> chunk;
    while (!done()) {
      int got = gzread(file.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
      if (got < 0) throw gz_error(file.get());
      if (got == 0) break;
      pending.append(chunk.data(), static_cast<std::size_t>(got));
      std::size_t start = 0;
      while (!done()) {
        std::size_t end = pending.find('\n', start);
        if (end == std::string::npos) break;
        take_line(std::string_view(pending).substr(start, end - start));
        start = end + 1;
      }
      pending.erase(0, start);
    }
    // gzread stops quietly at a truncated stream; gzerror tells.
    int status = Z_OK;
    gzerror(file.get(), &status);
    if (status != Z_OK) throw gz_error(file.get());
    if (!pending.empty() && !done()) take_line(pending);
    if (rows_.empty()) throw litgraph::ParseError(path_, 0, "no reference strings");
    return std::move(rows_);
  }

 private:
  bool done() const { return limit_ != 0 && rows_.size() >= limit_; }

  litgraph::ParseError gz_error(gzFile_s* file) const {
    int status = Z_OK;
    std::string_view message = gzerror(file, &status);
    // zlib starts its message with the path, which ParseError already gives.
    std::string prefix = path_ + ": ";
    if (message.substr(0, prefix.size()) == prefix) message.remove_prefix(prefix.size());
    return litgraph::ParseError(path_, line_, "gzip: " + std::string(message));
  }

  void take_line(std::string_view line) {
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> fields = split_tabs(line);
    if (line_ == 1) {
      find_columns(fields);
      return;
    }
    if (line.empty()) return;
    if (fields.size() != columns_)
      throw litgraph::ParseError(path_, line_,
                                 std::to_string(fields.size()) + " tab-separated fields, expected " +
                                     std::to_string(columns_));
    rows_.push_back(Row{std::string(fields[citation_]), to_lower_ascii(fields[ref_doi_])});
  }

  void find_columns(const std::vector<std::string_view>& header) {
    auto column = [&](std::string_view name) {
      auto it = std::find(header.begin(), header.end(), name);
      if (it == header.end())
        throw litgraph::ParseError(path_, 1,
                                   "no column \"" + std::string(name) + "\" in the header");
      return static_cast<std::size_t>(it - header.begin());
    };
    citation_ = column("citation");
    ref_doi_ = column("ref_doi");
    columns_ = header.size();
  }

  std::string path_;
  std::size_t limit_;
  long line_ = 0;
  std::size_t columns_ = 0;
  std::size_t citation_ = 0;
  std::size_t ref_doi_ = 0;
  std::vector<Row> rows_;
};

std::uint64_t mix(std::uint64_t sum, std::uint64_t value) {
  return (sum ^ value) * 0x100000001b3ULL;  // FNV-1a prime
}

// Folds the parsed fields into a sum that is printed, so the optimizer must
// keep every parse.
std::uint64_t fold(std::uint64_t sum, const Reference& ref) {
  auto size = [](const std::optional<std::string>& field) { return field ? field->size() : 0; };
  sum = mix(sum, static_cast<std::uint64_t>(ref.style));
  sum = mix(sum, ref.authors.size());
  sum = mix(sum, static_cast<std::uint64_t>(ref.year.value_or(0)));
  sum = mix(sum, size(ref.title));
  sum = mix(sum, size(ref.container));
  sum = mix(sum, size(ref.doi));
  return mix(sum, size(ref.first_page));
}

Timing time_passes(const std::vector<Row>& rows, int repeat) {
  Timing timing;
  for (int pass = 0; pass < repeat; ++pass) {
    std::uint64_t checksum = 0;
    auto start = std::chrono::steady_clock::now();
    for (const Row& row : rows)
      checksum = fold(checksum, litgraph::crawlers::parse_reference(row.citation));
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    timing.seconds.push_back(elapsed.count());
    // parse_reference is documented as a pure function; a pass that differs
    // would make the timings incomparable.
    if (pass > 0 && checksum != timing.checksum)
      throw std::logic_error("parse_reference gave different results in pass " +
                             std::to_string(pass + 1));
    timing.checksum = checksum;
  }
  return timing;
}

Quality measure_quality(const std::vector<Row>& rows) {
  Quality quality;
  for (const Row& row : rows) {
    Reference ref = litgraph::crawlers::parse_reference(row.citation);
    quality.with_year += ref.year.has_value();
    quality.with_title += ref.title.has_value();
    quality.with_container += ref.container.has_value();
    quality.with_first_page += ref.first_page.has_value();
    ++quality.styles[static_cast<std::size_t>(ref.style)];
    // Only a DOI written in the string can be expected of the parser; PubMed
    // knows many more from its own linking.
    if (!row.ref_doi.empty() &&
        to_lower_ascii(row.citation).find(row.ref_doi) != std::string::npos) {
      ++quality.doi_rows;
      quality.doi_matched += ref.doi == row.ref_doi;
    }
  }
  return quality;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

double best(const std::vector<double>& seconds) {
  return *std::min_element(seconds.begin(), seconds.end());
}

double median(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  std::size_t mid = seconds.size() / 2;
  return seconds.size() % 2 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
}

double fraction(std::size_t part, std::size_t whole) {
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::string with_commas(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

std::string hex(std::uint64_t number) {
  std::ostringstream out;
  out << std::hex << number;
  return out.str();
}

void print_text(const Report& r, std::ostream& out) {
  double best_s = best(r.timing.seconds);
  double median_s = median(r.timing.seconds);
  double mb = static_cast<double>(r.bytes) / 1e6;
  auto rate = [&](double seconds) {
    return with_commas(static_cast<std::uint64_t>(r.rows / seconds));
  };
  auto line = [&](std::string_view label, const std::string& a, const std::string& b) {
    out << "  " << std::left << std::setw(16) << label << std::right << std::setw(12) << a
        << std::setw(12) << b << "\n";
  };

  out << "parse_reference over " << r.options.path << "\n"
      << "  " << with_commas(r.rows) << " reference strings, " << fixed(mb, 1) << " MB, "
      << r.timing.seconds.size() << " passes\n\n";
  line("", "best", "median");
  line("seconds/pass", fixed(best_s, 3), fixed(median_s, 3));
  line("references/s", rate(best_s), rate(median_s));
  line("MB/s", fixed(mb / best_s, 2), fixed(mb / median_s, 2));
  out << "  peak RSS " << fixed(static_cast<double>(r.peak_rss_kib) / 1024, 1) << " MiB, checksum "
      << hex(r.timing.checksum) << "\n\n";

  const Quality& q = r.quality;
  auto share = [&](std::string_view label, std::size_t part, std::size_t whole) {
    out << "  " << std::left << std::setw(18) << label << std::right << std::setw(7)
        << (whole ? fixed(fraction(part, whole), 3) : "n/a") << std::setw(10)
        << with_commas(part) << " / " << with_commas(whole) << "\n";
  };
  out << "quality\n";
  share("with year", q.with_year, r.rows);
  share("with title", q.with_title, r.rows);
  share("with container", q.with_container, r.rows);
  share("with first_page", q.with_first_page, r.rows);
  share("doi = ref_doi", q.doi_matched, q.doi_rows);
  out << "  (doi: rows whose citation contains their ref_doi)\n\n";

  std::vector<std::size_t> order(kStyleCount);
  for (std::size_t i = 0; i < kStyleCount; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return q.styles[a] > q.styles[b]; });
  out << "styles\n";
  for (std::size_t i : order)
    share(litgraph::schema::style_name(static_cast<CitationStyle>(i)), q.styles[i], r.rows);
}

void print_json(const Report& r, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  rapidjson::Writer<rapidjson::OStreamWrapper> w(stream);
  double best_s = best(r.timing.seconds);
  double median_s = median(r.timing.seconds);
  double mb = static_cast<double>(r.bytes) / 1e6;
  auto key = [&](std::string_view name) {
    w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  };
  auto best_median = [&](std::string_view name, double best_value, double median_value) {
    key(name);
    w.StartObject();
    w.Key("best");
    w.Double(best_value);
    w.Key("median");
    w.Double(median_value);
    w.EndObject();
  };
  auto count = [&](std::string_view name, std::size_t value) {
    key(name);
    w.Uint64(value);
  };
  auto share = [&](std::string_view name, double value) {
    key(name);
    w.Double(value);
  };

  const Quality& q = r.quality;
  w.StartObject();
  key("input");
  w.String(r.options.path);
  count("references", r.rows);
  count("bytes", r.bytes);
  key("pass_seconds");
  w.StartArray();
  for (double s : r.timing.seconds) w.Double(s);
  w.EndArray();
  best_median("seconds", best_s, median_s);
  best_median("references_per_second", r.rows / best_s, r.rows / median_s);
  best_median("mb_per_second", mb / best_s, mb / median_s);
  count("peak_rss_kib", static_cast<std::size_t>(r.peak_rss_kib));
  key("checksum");
  w.String(hex(r.timing.checksum));
  key("quality");
  w.StartObject();
  share("year", fraction(q.with_year, r.rows));
  share("title", fraction(q.with_title, r.rows));
  share("container", fraction(q.with_container, r.rows));
  share("first_page", fraction(q.with_first_page, r.rows));
  count("doi_rows", q.doi_rows);
  key("doi_match");
  if (q.doi_rows) w.Double(fraction(q.doi_matched, q.doi_rows));
  else w.Null();
  w.EndObject();
  key("styles");
  w.StartObject();
  for (std::size_t i = 0; i < kStyleCount; ++i)
    count(litgraph::schema::style_name(static_cast<CitationStyle>(i)), q.styles[i]);
  w.EndObject();
  w.EndObject();
  out << "\n";
}

// Only the codes this program can return, from the project's one enum.
std::string exit_code_footer() {
  auto code = [](litgraph::ExitCode c) { return std::to_string(static_cast<int>(c)); };
  return "\nExit codes:\n"
         "  " + code(litgraph::ExitCode::kOk) + "   success\n"
         "  " + code(litgraph::ExitCode::kUsage) + "   bad command line or unreadable input\n"
         "  " + code(litgraph::ExitCode::kParse) + "   malformed input data\n"
         " " + code(litgraph::ExitCode::kInternal) + "   internal error (a bug)\n";
}

int run(int argc, char** argv) {
  Options options;
  CLI::App app{"Times litgraph::crawlers::parse_reference over a gzip TSV of reference strings\n"
               "(a `citation` column; `ref_doi` is used to check the parsed DOIs) and reports\n"
               "references/s, MB/s, peak RSS and the share of strings with each field.",
               "litgraph_refs_bench"};
  app.add_option("TSV_GZ", options.path, "Input file (gzip, or plain TSV)")->capture_default_str();
  app.add_option("--repeat", options.repeat, "Timed passes; the best and median are reported")
      ->check(CLI::Range(1, std::numeric_limits<int>::max()))
      ->option_text("N >= 1 (default 3)");
  app.add_option("--limit", options.limit, "Use only the first N rows (default: all)")
      ->check(CLI::Range(std::size_t{1}, std::numeric_limits<std::size_t>::max()))
      ->option_text("N >= 1");
  app.add_flag("--json", options.json, "Print one JSON object instead of tables");
  app.footer(exit_code_footer());
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::cout << app.help();
      return 0;
    }
    std::cerr << "litgraph_refs_bench: " << e.what() << "\n" << app.help();
    return static_cast<int>(litgraph::ExitCode::kUsage);
  }

  std::vector<Row> rows = TsvReader(options.path, options.limit).read();
  std::size_t bytes = 0;
  for (const Row& row : rows) bytes += row.citation.size();

  Timing timing = time_passes(rows, options.repeat);
  Quality quality = measure_quality(rows);
  Report report{options, rows.size(), bytes, timing, quality, peak_rss_kib()};
  if (options.json) print_json(report, std::cout);
  else print_text(report, std::cout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const litgraph::Error& e) {
    std::cerr << "litgraph_refs_bench: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "litgraph_refs_bench: internal error: " << e.what() << "\n";
    return static_cast<int>(litgraph::ExitCode::kInternal);
  }
}
