#include "refresh_command.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>

#include "article_inputs.h"
#include "index_command.h"
#include "litgraph/crawlers/crawl.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/indexer/database.h"

namespace litgraph::cli {

namespace {

namespace fs = std::filesystem;

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) { g_stop = true; }

// SIGINT and SIGTERM set g_stop for the run's lifetime; the run stops at its
// next safe point (between requests, between records) and commits first.
class StopOnSignals {
 public:
  StopOnSignals() {
    g_stop = false;
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~StopOnSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

bool retracted(const schema::Work& work) {
  for (const auto& notice : work.notices) {
    if (notice.direction == "updated-by" &&
        (notice.type == "retraction" || notice.type == "partial-retraction" || notice.type == "withdrawal")) {
      return true;
    }
  }
  return false;
}

std::set<std::string> retracted_keys(const fs::path& home) {
  std::set<std::string> keys;
  for (const auto& stored : crawlers::WorkStore(home / "works").all()) {
    if (stored.status == "resolved" && retracted(stored.work)) keys.insert(stored.key);
  }
  return keys;
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

}  // namespace

ExitCode run_refresh(const RefreshOptions& options, const Config& config, std::ostream& out,
                     std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path database = options.database.empty() ? config.home / "index" : options.database;
  std::error_code error;
  fs::create_directories(database.parent_path(), error);
  // One writer: the index's lock, held for the whole run (crawl included).
  const indexer::RunLock lock(database, std::chrono::seconds(static_cast<long>(options.wait_seconds)));
  const StopOnSignals signals;
  ExitCode status = ExitCode::kOk;

  // 1. The articles' references, crawled and matched (the cache answers what is fresh).
  std::vector<std::string> article_paths;
  for (const auto& path : options.paths) {
    if (!is_pubmed_file(path)) article_paths.push_back(path);
  }
  std::ostringstream quiet;
  std::ostream& chatter = options.verbose ? err : quiet;
  std::vector<schema::Reference> references;
  if (!article_paths.empty()) {
    auto read = read_article_references(article_paths, "refresh", false, chatter);
    references = std::move(read.references);
    if (read.status == ExitCode::kUsage) {
      err << quiet.str();
      return ExitCode::kUsage;
    }
    if (read.status != ExitCode::kOk) status = ExitCode::kPartial;
  }
  const auto before = retracted_keys(config.home);
  crawlers::CrawlOptions crawl = crawl_options(config, options.offline);
  std::set<std::string> said;
  crawl.log = [&](const std::string& line) {  // a service given up on, once; retries are not news
    if (line.find("giving up") != std::string::npos && said.insert(line).second) {
      err << "litgraph refresh: " << line << "\n";
    }
  };
  crawl.cancelled = [] { return g_stop.load(); };
  crawlers::CrawlReport report;
  try {
    report = crawlers::crawl(crawlers::merge_same_works(references), crawl);
  } catch (const fs::filesystem_error& e) {
    throw StorageError("cannot write the data directory " + config.home.string() + ": " + e.what());
  }
  long requests = 0;
  for (const auto& [host, stats] : report.requests) requests += stats.sent;
  std::size_t fetched = 0;  // works whose records came from a service this run
  for (const auto& work : report.works) {
    if (work.status == "resolved" && work.via != "cache" && work.via != "local") ++fetched;
  }
  const std::size_t failed = report.failed();
  if (failed > 0) status = ExitCode::kPartial;
  if (options.verbose) {
    for (const auto& work : report.works) {
      if (work.status != "failed") continue;
      err << "litgraph refresh: not fetched: " << work.key;
      if (work.key.rfind("ref:", 0) == 0 && work.work.title) err << " \"" << *work.work.title << "\"";
      err << " (" << work.reason << ")\n";
    }
  }

  // Works retracted since the last run: the writer must hear of them.
  std::vector<std::string> newly_retracted;
  for (const auto& key : retracted_keys(config.home)) {
    if (before.count(key) == 0) newly_retracted.push_back(key);
  }
  for (const auto& key : newly_retracted) err << "litgraph refresh: newly retracted: " << key << "\n";

  // 2. The index: changed inputs only (content hashes), removed files pruned.
  IndexOptions index;
  index.paths = options.paths;
  index.home = config.home;
  index.database = database;
  index.prune = true;
  index.quiet = !options.verbose;
  index.lock_held = true;
  index.stop = &g_stop;
  IndexSummary summary;
  ExitCode indexed = ExitCode::kOk;
  if (!g_stop) indexed = run_index(index, chatter, chatter, &summary);
  if (indexed != ExitCode::kOk && indexed != ExitCode::kInterrupted && status == ExitCode::kOk) status = indexed;
  if (g_stop) status = ExitCode::kInterrupted;

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::ostringstream line;
  line.setf(std::ios::fixed);
  line.precision(2);
  line << "refresh: added=" << summary.added << " updated=" << summary.replaced
       << " removed=" << summary.removed << " unchanged=" << summary.unchanged << " fetched=" << fetched
       << " requests=" << requests << " failed=" << failed << " retracted-new=" << newly_retracted.size() << " seconds=" << seconds
       << " status=" << static_cast<int>(status);
  err << line.str() << "\n";
  if (!options.log.empty()) {
    std::ofstream log(options.log, std::ios::app);
    log << utc_now() << " " << line.str() << "\n";
    if (!log) throw StorageError(options.log.string() + ": cannot append the summary");
  }
  if (options.json) {
    rapidjson::OStreamWrapper stream(out);
    rapidjson::Writer<rapidjson::OStreamWrapper> json(stream);
    json.StartObject();
    json.Key("added");
    json.Uint64(summary.added);
    json.Key("updated");
    json.Uint64(summary.replaced);
    json.Key("removed");
    json.Uint64(summary.removed);
    json.Key("unchanged");
    json.Uint64(summary.unchanged);
    json.Key("fetched");
    json.Uint64(fetched);
    json.Key("requests");
    json.Int64(requests);
    json.Key("failed");
    json.Uint64(failed);
    json.Key("retracted_new");
    json.StartArray();
    for (const auto& key : newly_retracted) json.String(key);
    json.EndArray();
    json.Key("seconds");
    json.Double(seconds);
    json.Key("status");
    json.Int(static_cast<int>(status));
    json.EndObject();
    out << "\n";
  }
  return status;
}

}  // namespace litgraph::cli
