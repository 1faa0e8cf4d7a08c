// litgraph_match_eval: how well local matching (LocalWorkIndex::candidates
// then match_reference) resolves real reference strings, and how fast.
//
// The store is the PubMed records of a folder of efetch .xml.gz files; the
// references are the `citation` strings of a gzip TSV whose `ref_pmid` says
// which work PubMed linked each one to. Strings whose ref_pmid is in the store
// must match it; the others must stay unmatched. Identifiers written in the
// strings are removed after parsing, so only the fields are matched on.
// tests/crawlers/match_eval_test.cpp runs the same on a sample, under ctest.
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "closed_world.h"
#include "litgraph/crawlers/matcher.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/schema/error.h"

namespace {

using litgraph::crawlers::LocalWorkIndex;
using litgraph::crawlers::MatchOptions;
using litgraph::crawlers::MatchResult;
using litgraph::crawlers::MatchStatus;
using litgraph::schema::Reference;
using litgraph::schema::Work;

struct Options {
  std::string store = LITGRAPH_DEFAULT_PUBMED_DIR;  // folder of efetch .xml.gz files
  std::string tsv = LITGRAPH_DEFAULT_REFS_TSV;      // the gzip TSV of reference strings
  std::size_t limit = 0;        // strings of each kind (in the store, not); 0: all
  std::size_t candidates = 20;  // LocalWorkIndex::candidates limit
  MatchOptions match;           // thresholds
  bool errors = false;          // list wrong and false matches
  bool json = false;            // machine-readable output
};

using Row = litgraph::bench::ReferenceRow;

// One reference's outcome, enough to recount at other thresholds.
struct Outcome {
  const Row* row = nullptr;
  bool in_store = false;
  MatchResult result;
  bool right = false;  // the best candidate is the work ref_pmid names
};

struct Counts {
  std::size_t references = 0;
  std::size_t right = 0;  // matched to ref_pmid's work
  std::size_t wrong = 0;  // matched to another work
  std::size_t ambiguous = 0;
  std::size_t unmatched = 0;
  std::size_t self = 0;  // matched to the citing article, which it does not cite
};

struct Report {
  const Options& options;
  std::size_t works = 0;
  std::size_t rows = 0;
  double load_seconds = 0;
  double parse_seconds = 0;
  double match_seconds = 0;
  Counts in_store;
  Counts elsewhere;
  long peak_rss_kib = 0;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void count(const Outcome& o, Counts& c) {
  ++c.references;
  switch (o.result.status) {
    case MatchStatus::kMatched:
      ++(o.right ? c.right : c.wrong);
      c.self += *o.result.work->pmid == o.row->citing_pmid && o.row->ref_pmid != o.row->citing_pmid;
      break;
    case MatchStatus::kAmbiguous: ++c.ambiguous; break;
    case MatchStatus::kUnmatched: ++c.unmatched; break;
  }
}

double ratio(std::size_t part, std::size_t whole) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}
double precision(const Counts& c) { return ratio(c.right, c.right + c.wrong); }
double recall(const Counts& c) { return ratio(c.right, c.references); }
double false_match_rate(const Counts& c) { return ratio(c.right + c.wrong, c.references); }

// The decision of match_reference at another match threshold, from the
// scores it kept (the best two are enough).
bool matched_at(const MatchResult& r, double threshold, double tie_margin) {
  if (r.candidates.empty() || r.score < threshold) return false;
  return r.candidates.size() < 2 || r.candidates[1].score.score <= r.score - tie_margin;
}

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(decimals) << value;
  return out.str();
}

std::string with_commas(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

struct Sensitivity {
  double threshold;
  double precision;
  double recall;
  double false_match_rate;
};

std::vector<Sensitivity> sensitivity(const std::vector<Outcome>& outcomes, const Options& o) {
  std::vector<Sensitivity> table;
  for (double t : {0.80, 0.85, 0.90, 0.95, 0.98}) {
    Counts in, out;
    for (const Outcome& x : outcomes) {
      Counts& c = x.in_store ? in : out;
      ++c.references;
      if (matched_at(x.result, t, o.match.tie_margin)) ++(x.right ? c.right : c.wrong);
    }
    table.push_back({t, precision(in), recall(in), false_match_rate(out)});
  }
  return table;
}

void print_text(const Report& r, const std::vector<Sensitivity>& table, std::ostream& out) {
  std::size_t refs = r.in_store.references + r.elsewhere.references;
  out << "local matching: " << with_commas(r.works) << " works of " << r.options.store << "\n"
      << "  against " << with_commas(refs) << " reference strings of " << r.options.tsv << "\n"
      << "  (" << with_commas(r.rows) << " rows with a usable ref_pmid; candidates "
      << r.options.candidates << ", match >= " << fixed(r.options.match.match_threshold, 2)
      << ", ambiguous >= " << fixed(r.options.match.ambiguous_threshold, 2) << ", tie margin "
      << fixed(r.options.match.tie_margin, 2) << ")\n\n";
  auto line = [&](std::string_view label, const Counts& c) {
    out << "  " << std::left << std::setw(14) << label << std::right << std::setw(9)
        << with_commas(c.references) << std::setw(9) << with_commas(c.right) << std::setw(9)
        << with_commas(c.wrong) << std::setw(11) << with_commas(c.ambiguous) << std::setw(11)
        << with_commas(c.unmatched) << "\n";
  };
  out << "  " << std::left << std::setw(14) << "target" << std::right << std::setw(9) << "refs"
      << std::setw(9) << "right" << std::setw(9) << "wrong" << std::setw(11) << "ambiguous"
      << std::setw(11) << "unmatched"
      << "\n";
  line("in store", r.in_store);
  line("elsewhere", r.elsewhere);
  out << "\n  precision        " << fixed(precision(r.in_store), 4)
      << "   (right / matched, in store)\n"
      << "  recall           " << fixed(recall(r.in_store), 4) << "   (right / all, in store)\n"
      << "  false matches    " << fixed(false_match_rate(r.elsewhere), 5)
      << "  (matched / all, target elsewhere)\n"
      << "  self matches     " << r.in_store.self + r.elsewhere.self
      << "        (matched to the citing article)\n\n";
  out << "  match threshold  precision  recall  false matches\n";
  for (const Sensitivity& s : table)
    out << "  " << std::setw(15) << fixed(s.threshold, 2) << std::setw(11) << fixed(s.precision, 4)
        << std::setw(8) << fixed(s.recall, 4) << std::setw(15) << fixed(s.false_match_rate, 5)
        << "\n";
  out << "\n  load " << fixed(r.load_seconds, 2) << " s, parse " << fixed(r.parse_seconds, 2)
      << " s, match " << fixed(r.match_seconds, 2) << " s: "
      << with_commas(static_cast<std::uint64_t>(static_cast<double>(refs) / r.match_seconds))
      << " references/s (candidates and scoring), peak RSS "
      << fixed(static_cast<double>(r.peak_rss_kib) / 1024, 1) << " MiB\n";
}

void print_json(const Report& r, const std::vector<Sensitivity>& table, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  rapidjson::Writer<rapidjson::OStreamWrapper> w(stream);
  auto counts = [&](const char* name, const Counts& c) {
    w.Key(name);
    w.StartObject();
    w.Key("references");
    w.Uint64(c.references);
    w.Key("right");
    w.Uint64(c.right);
    w.Key("wrong");
    w.Uint64(c.wrong);
    w.Key("ambiguous");
    w.Uint64(c.ambiguous);
    w.Key("unmatched");
    w.Uint64(c.unmatched);
    w.Key("self");
    w.Uint64(c.self);
    w.EndObject();
  };
  std::size_t refs = r.in_store.references + r.elsewhere.references;
  w.StartObject();
  w.Key("works");
  w.Uint64(r.works);
  w.Key("rows");
  w.Uint64(r.rows);
  counts("in_store", r.in_store);
  counts("elsewhere", r.elsewhere);
  w.Key("precision");
  w.Double(precision(r.in_store));
  w.Key("recall");
  w.Double(recall(r.in_store));
  w.Key("false_match_rate");
  w.Double(false_match_rate(r.elsewhere));
  w.Key("sensitivity");
  w.StartArray();
  for (const Sensitivity& s : table) {
    w.StartObject();
    w.Key("match_threshold");
    w.Double(s.threshold);
    w.Key("precision");
    w.Double(s.precision);
    w.Key("recall");
    w.Double(s.recall);
    w.Key("false_match_rate");
    w.Double(s.false_match_rate);
    w.EndObject();
  }
  w.EndArray();
  w.Key("match_seconds");
  w.Double(r.match_seconds);
  w.Key("references_per_second");
  w.Double(static_cast<double>(refs) / r.match_seconds);
  w.Key("peak_rss_kib");
  w.Int64(r.peak_rss_kib);
  w.EndObject();
  out << "\n";
}

void print_errors(const std::vector<Outcome>& outcomes, std::ostream& out) {
  for (const Outcome& o : outcomes) {
    if (o.result.status != MatchStatus::kMatched || o.right) continue;
    out << (o.in_store ? "wrong" : "false") << "\t" << o.row->ref_pmid << "\t"
        << *o.result.work->pmid << "\t" << o.row->citation << "\n";
  }
}

std::string exit_code_footer() {
  auto code = [](litgraph::ExitCode c) { return std::to_string(static_cast<int>(c)); };
  return "\nExit codes:\n"
         "  " +
         code(litgraph::ExitCode::kOk) +
         "   success\n"
         "  " +
         code(litgraph::ExitCode::kUsage) +
         "   bad command line or unreadable input\n"
         "  " +
         code(litgraph::ExitCode::kParse) +
         "   malformed input data\n"
         " " +
         code(litgraph::ExitCode::kInternal) + "   internal error (a bug)\n";
}

int run(int argc, char** argv) {
  Options options;
  CLI::App app{
      "Resolves real reference strings against a local store of PubMed records with\n"
      "LocalWorkIndex and match_reference, and reports precision and recall on the\n"
      "strings whose ref_pmid is in the store, false matches on the others, and speed.",
      "litgraph_match_eval"};
  app.add_option("--store", options.store, "Folder of PubMed efetch .xml.gz files")
      ->capture_default_str();
  app.add_option("--tsv", options.tsv,
                 "Gzip TSV with citing_pmid, citation, ref_pmid and ref_pmcid columns")
      ->capture_default_str();
  app.add_option("--limit", options.limit,
                 "Use a fixed sample of N strings of each kind (default: all)")
      ->check(CLI::Range(std::size_t{1}, std::numeric_limits<std::size_t>::max()));
  app.add_option("--candidates", options.candidates, "Candidates looked up per reference")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->capture_default_str();
  app.add_option("--match-threshold", options.match.match_threshold)
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--ambiguous-threshold", options.match.ambiguous_threshold)
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--tie-margin", options.match.tie_margin)
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_flag("--errors", options.errors,
               "Also list every wrong and false match (kind, ref_pmid, matched PMID, string)");
  app.add_flag("--json", options.json, "Print one JSON object instead of tables");
  app.footer(exit_code_footer());
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      std::cout << app.help();
      return 0;
    }
    std::cerr << "litgraph_match_eval: " << e.what() << "\n" << app.help();
    return static_cast<int>(litgraph::ExitCode::kUsage);
  }

  auto start = std::chrono::steady_clock::now();
  LocalWorkIndex index(litgraph::bench::load_pubmed_folder(options.store));
  std::vector<Row> rows = litgraph::bench::load_reference_rows(options.tsv);
  Report report{options, index.works().size(), rows.size(), seconds_since(start), 0, 0, {}, {}, 0};

  std::unordered_map<std::string, const Work*> by_pmid;
  for (const Work& w : index.works())
    if (w.pmid) by_pmid.emplace(*w.pmid, &w);
  std::vector<const Row*> in_store, elsewhere;
  for (const Row& row : rows) (by_pmid.count(row.ref_pmid) ? in_store : elsewhere).push_back(&row);
  std::vector<const Row*> chosen = litgraph::bench::take_sample(std::move(in_store), options.limit);
  std::size_t in_count = chosen.size();
  for (const Row* row : litgraph::bench::take_sample(std::move(elsewhere), options.limit)) chosen.push_back(row);

  start = std::chrono::steady_clock::now();
  std::vector<Reference> refs;
  refs.reserve(chosen.size());
  for (const Row* row : chosen) {
    refs.push_back(litgraph::crawlers::parse_reference(row->citation));
    refs.back().doi.reset();
    refs.back().pmid.reset();
    refs.back().pmcid.reset();
  }
  report.parse_seconds = seconds_since(start);

  start = std::chrono::steady_clock::now();
  std::vector<Outcome> outcomes(chosen.size());
  for (std::size_t i = 0; i < chosen.size(); ++i)
    outcomes[i].result = litgraph::crawlers::match_reference(
        refs[i], index.candidates(refs[i], options.candidates), options.match);
  report.match_seconds = seconds_since(start);

  for (std::size_t i = 0; i < chosen.size(); ++i) {
    Outcome& o = outcomes[i];
    o.row = chosen[i];
    o.in_store = i < in_count;
    auto target = by_pmid.find(o.row->ref_pmid);
    o.right = target != by_pmid.end() && !o.result.candidates.empty() &&
              o.result.candidates[0].work == target->second;
    count(o, o.in_store ? report.in_store : report.elsewhere);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  report.peak_rss_kib = usage.ru_maxrss;

  std::vector<Sensitivity> table = sensitivity(outcomes, options);
  if (options.json)
    print_json(report, table, std::cout);
  else
    print_text(report, table, std::cout);
  if (options.errors) print_errors(outcomes, std::cout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const litgraph::Error& e) {
    std::cerr << "litgraph_match_eval: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "litgraph_match_eval: internal error: " << e.what() << "\n";
    return static_cast<int>(litgraph::ExitCode::kInternal);
  }
}
