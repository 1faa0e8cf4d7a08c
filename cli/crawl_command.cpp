#include "crawl_command.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <iostream>
#include <set>

#include "article_inputs.h"
#include "json_output.h"
#include "litgraph/crawlers/crawl.h"

namespace litgraph::cli {

namespace {

void write_json(const crawlers::CrawlReport& report, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter w(stream);
  w.StartObject();
  w.Key("works");
  w.StartArray();
  for (const auto& work : report.works) {
    w.StartObject();
    w.Key("key");
    w.String(work.key);
    write_optional(w, "doi", work.work.doi);
    write_optional(w, "pmid", work.work.pmid);
    write_optional(w, "pmcid", work.work.pmcid);
    w.Key("status");
    w.String(work.status);
    w.Key("via");
    if (work.via.empty()) w.Null();
    else w.String(work.via);
    w.Key("reason");
    if (work.reason.empty()) w.Null();
    else w.String(work.reason);
    write_optional(w, "title", work.work.title);
    if (work.score) {
      w.Key("score");
      w.Double(*work.score);
    }
    if (work.status == "ambiguous") write_candidates(w, work.candidates);
    write_cited_by(w, work.cited_by);
    w.EndObject();
  }
  w.EndArray();
  w.Key("requests");
  w.StartObject();
  for (const auto& [host, stats] : report.requests) {
    w.Key(host.c_str());
    w.StartObject();
    w.Key("sent");
    w.Int64(stats.sent);
    w.Key("retried");
    w.Int64(stats.retried);
    w.Key("failed");
    w.Int64(stats.failed);
    w.EndObject();
  }
  w.EndObject();
  w.Key("cache");
  w.StartObject();
  w.Key("hits");
  w.Int64(report.cache_hits);
  w.Key("misses");
  w.Int64(report.cache_misses);
  w.EndObject();
  w.EndObject();
  out << "\n";
}

void write_text(const crawlers::CrawlReport& report, std::ostream& out) {
  for (const auto& work : report.works) {
    out << work.status << "  " << work.key;
    if (work.work.title) out << "  " << *work.work.title;
    out << "\n";
    if (!work.reason.empty()) out << "    " << work.reason << "\n";
  }
}

}  // namespace

ExitCode run_crawl(const CrawlCommandOptions& options, const Config& config, std::ostream& out,
                   std::ostream& err) {
  ArticleReferences input = read_article_references(options.paths, "crawl", options.progress, err);
  auto works = crawlers::merge_same_works(input.references);

  crawlers::CrawlOptions crawl = crawl_options(config, options.offline);
  crawl.match = options.match;
  // A host that cannot be reached is reported once; retries only with --verbose.
  std::set<std::string> said;
  crawl.log = [&](const std::string& line) {
    bool giving_up = line.find("giving up") != std::string::npos;
    if ((giving_up && said.insert(line).second) || options.verbose) err << "litgraph crawl: " << line << "\n";
  };
  if (progress_wanted(options.progress, works.size()))
    crawl.progress = [&](const std::string& what) { err << "\r" << what << "\x1b[K" << std::flush; };

  crawlers::CrawlReport report;
  try {
    report = crawlers::crawl(works, crawl);
  } catch (const std::filesystem::filesystem_error& e) {
    throw StorageError("cannot write the data directory " + config.home.string() + ": " + e.what());
  }
  if (crawl.progress) err << "\r\x1b[K";

  if (options.json) write_json(report, out);
  else write_text(report, out);

  std::size_t resolved = 0, ambiguous = 0, unresolved = 0;
  for (const auto& w : report.works) {
    if (w.status == "resolved") ++resolved;
    if (w.status == "ambiguous") ++ambiguous;
    if (w.status == "unresolved") ++unresolved;
  }
  err << report.works.size() << " works: " << resolved << " resolved, " << ambiguous << " ambiguous, "
      << unresolved << " unresolved, " << report.failed() << " failed; cache " << report.cache_hits << " hits, " << report.cache_misses
      << " misses";
  for (const auto& [host, stats] : report.requests)
    err << "; " << host << " " << stats.sent << " requests" << (stats.failed ? " (" + std::to_string(stats.failed) + " failed)" : "");
  err << "\n";
  if (input.status == ExitCode::kUsage) return ExitCode::kUsage;
  if (report.failed() > 0 || input.status != ExitCode::kOk) return ExitCode::kPartial;
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
