#include "check_command.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <map>
#include <set>

#include "article_inputs.h"
#include "json_output.h"
#include "litgraph/checker/check.h"
#include "litgraph/checker/export.h"

namespace litgraph::cli {

namespace {

using checker::FileCheck;
using checker::ReferenceCheck;
using checker::Severity;

struct Tally {
  std::size_t references = 0;
  std::map<std::string, std::size_t> statuses;
  std::size_t errors = 0, warnings = 0, notes = 0;
  std::size_t marker_problems = 0;

  void add(const FileCheck& file) {
    for (const auto& reference : file.references) {
      ++references;
      for (const auto& status : reference.statuses) ++statuses[status];
      for (const auto& finding : reference.findings) {
        if (finding.severity == Severity::kError) ++errors;
        else if (finding.severity == Severity::kWarning) ++warnings;
        else ++notes;
      }
    }
    marker_problems += file.markers.dangling.size() + file.markers.uncited.size();
  }
  bool clean() const {
    return errors == 0 && warnings == 0 && marker_problems == 0 &&
           statuses.size() <= 1 && (statuses.empty() || statuses.count("verified") == 1);
  }
};

std::string numbers_text(const std::vector<int>& numbers) {
  std::string out;
  for (int number : numbers) out += (out.empty() ? "" : ", ") + std::to_string(number);
  return out;
}

void write_reference_json(JsonWriter& w, const ReferenceCheck& check) {
  const auto& reference = check.reference;
  w.StartObject();
  w.Key("n");
  w.Int(reference.n);
  w.Key("line");
  w.Int64(reference.line);
  w.Key("raw");
  w.String(reference.raw);
  w.Key("style");
  w.String(std::string(schema::style_name(reference.style)));
  w.Key("status");
  w.StartArray();
  for (const auto& status : check.statuses) w.String(status);
  w.EndArray();
  w.Key("work");
  if (check.work) {
    const auto& work = *check.work;
    w.StartObject();
    write_optional(w, "doi", work.doi);
    write_optional(w, "pmid", work.pmid);
    write_optional(w, "title", work.title);
    write_optional(w, "year", work.year);
    write_optional(w, "container", work.container);
    write_optional(w, "volume", work.volume);
    write_optional(w, "issue", work.issue);
    write_optional(w, "pages", work.pages);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("findings");
  w.StartArray();
  for (const auto& finding : check.findings) {
    w.StartObject();
    w.Key("field");
    w.String(finding.field);
    w.Key("cited");
    w.String(finding.cited);
    w.Key("actual");
    w.String(finding.actual);
    w.Key("severity");
    w.String(std::string(checker::severity_name(finding.severity)));
    w.Key("message");
    w.String(finding.message);
    w.EndObject();
  }
  w.EndArray();
  if (!check.candidates.empty()) write_candidates(w, check.candidates);
  w.Key("reason");
  if (check.reason.empty()) w.Null();
  else w.String(check.reason);
  w.EndObject();
}

void write_summary_json(JsonWriter& w, const Tally& tally) {
  w.StartObject();
  w.Key("references");
  w.Uint64(tally.references);
  w.Key("statuses");
  w.StartObject();
  for (const auto& [status, count] : tally.statuses) {
    w.Key(status.c_str());
    w.Uint64(count);
  }
  w.EndObject();
  w.Key("errors");
  w.Uint64(tally.errors);
  w.Key("warnings");
  w.Uint64(tally.warnings);
  w.Key("notes");
  w.Uint64(tally.notes);
  w.EndObject();
}

// One JSON object per file, one per line.
void write_json(const FileCheck& file, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  Tally tally;
  tally.add(file);
  w.StartObject();
  w.Key("file");
  w.String(file.file);
  w.Key("references");
  w.StartArray();
  for (const auto& check : file.references) write_reference_json(w, check);
  w.EndArray();
  w.Key("markers");
  w.StartObject();
  w.Key("numbered");
  w.Bool(file.markers.numbered);
  w.Key("dangling");
  w.StartArray();
  for (int number : file.markers.dangling) w.Int(number);
  w.EndArray();
  w.Key("uncited");
  w.StartArray();
  for (int number : file.markers.uncited) w.Int(number);
  w.EndArray();
  w.EndObject();
  w.Key("summary");
  write_summary_json(w, tally);
  w.EndObject();
  out << "\n";
}

// "Cohen 2018, Consensus Guidelines on the Use of Intravenous Ketamine…"
std::string short_label(const schema::Reference& reference) {
  std::string label;
  if (!reference.authors.empty()) label = reference.authors.front().family;
  if (reference.year) label += (label.empty() ? "" : " ") + std::to_string(*reference.year);
  std::string title = reference.title.value_or(reference.raw);
  if (title.size() > 60) {
    std::size_t cut = 60;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    title = title.substr(0, cut) + "…";
  }
  return label.empty() ? title : label + ", " + title;
}

std::string summary_text(const Tally& tally) {
  std::string out = std::to_string(tally.references) + " references";
  for (const auto& [status, count] : tally.statuses) out += ", " + std::to_string(count) + " " + status;
  out += "; " + std::to_string(tally.errors) + " errors, " + std::to_string(tally.warnings) +
         " warnings, " + std::to_string(tally.notes) + " notes";
  return out;
}

void write_text(const FileCheck& file, std::ostream& out) {
  Tally tally;
  tally.add(file);
  out << file.file << ": " << summary_text(tally) << "\n";
  for (const auto& check : file.references) {
    out << "  [" << check.reference.n << "] ";
    for (std::size_t k = 0; k < check.statuses.size(); ++k) out << (k ? ", " : "") << check.statuses[k];
    out << "  " << short_label(check.reference) << "\n";
    for (const auto& finding : check.findings) {
      out << "      " << checker::severity_name(finding.severity) << "  " << finding.field << ": "
          << finding.message;
      if (!finding.cited.empty()) out << " (cited: " << finding.cited << ")";
      out << "\n";
    }
    for (const auto& candidate : check.candidates) {
      out << "      candidate  " << candidate.title.value_or("?");
      if (candidate.doi) out << "  doi:" << *candidate.doi;
      out << "\n";
    }
    if (!check.reason.empty() && check.findings.empty()) out << "      " << check.reason << "\n";
  }
  if (!file.markers.dangling.empty()) {
    out << "  markers: the text cites " << numbers_text(file.markers.dangling)
        << ", which the list does not have\n";
  }
  if (!file.markers.uncited.empty()) {
    out << "  markers: entries " << numbers_text(file.markers.uncited) << " are never cited in the text\n";
  }
}

// The corrected list: each reference as its record has it, or as cited
// when it was not resolved to a record.
std::string corrected_references(const checker::CheckRun& run, const std::string& format) {
  std::vector<schema::Work> works;
  for (const auto& file : run.files) {
    for (const auto& check : file.references) {
      const bool trusted = check.work && !check.has(checker::status::kDoiOtherWork);
      works.push_back(trusted ? *check.work : checker::work_from_reference(check.reference));
    }
  }
  const auto keys = checker::citation_keys(works);
  std::vector<checker::ExportEntry> entries;
  for (std::size_t k = 0; k < works.size(); ++k) entries.push_back({works[k], keys[k]});
  if (format == "bibtex") return checker::to_bibtex(entries);
  if (format == "ris") return checker::to_ris(entries);
  return checker::to_csl_json(entries);
}

}  // namespace

ExitCode run_check(const CheckCommandOptions& options, const Config& config, std::ostream& out,
                   std::ostream& err) {
  std::vector<checker::ArticleText> articles;
  const ArticleFilesRead read = read_article_files(
      options.paths, "check", options.progress, err,
      [&](const std::string& file, const std::string& text) { articles.push_back({file, text}); });

  crawlers::CrawlOptions crawl = crawl_options(config, options.offline);
  std::set<std::string> said;  // a host that cannot be reached is reported once
  crawl.log = [&](const std::string& line) {
    const bool giving_up = line.find("giving up") != std::string::npos;
    if ((giving_up && said.insert(line).second) || options.verbose) err << "litgraph check: " << line << "\n";
  };
  if (progress_wanted(options.progress, articles.size() * 20)) {
    crawl.progress = [&](const std::string& what) { err << "\r" << what << "\x1b[K" << std::flush; };
  }
  checker::CheckRun run;
  try {
    run = checker::check_articles(articles, crawl);
  } catch (const std::filesystem::filesystem_error& e) {
    throw StorageError("cannot write the data directory " + config.home.string() + ": " + e.what());
  }
  if (crawl.progress) err << "\r\x1b[K";

  Tally total;
  for (const auto& file : run.files) total.add(file);
  if (!options.format.empty()) {
    out << corrected_references(run, options.format);
  } else {
    for (const auto& file : run.files) {
      if (options.json) write_json(file, out);
      else write_text(file, out);
    }
  }
  if (!options.json || !options.format.empty()) {
    err << "litgraph check: " << run.files.size() << (run.files.size() == 1 ? " file, " : " files, ")
        << summary_text(total) << "\n";
  }
  if (!run.complete()) {
    err << "litgraph check: " << total.statuses["unchecked"]
        << " references could not be checked (a service could not be asked; see above)\n";
  }
  if (read.status == ExitCode::kUsage) return ExitCode::kUsage;
  if (!run.complete()) return ExitCode::kFetch;
  if (!total.clean() || read.status != ExitCode::kOk) return ExitCode::kPartial;
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
