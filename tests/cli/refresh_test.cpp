// `litgraph refresh` (issue 9): one writer, readers undisturbed, safe when
// killed, silent when nothing changed, and news of retractions.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "fake_services.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/indexer/database.h"
#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/query/search.h"
#include "litgraph/schema/vocabulary.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::Run;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace fs = std::filesystem;

namespace {

using Environment = std::vector<std::pair<std::string, std::string>>;

Run refresh(const Environment& environment, std::vector<std::string> args,
            std::optional<std::chrono::milliseconds> kill_after = std::nullopt, int signal = SIGKILL) {
  args.insert(args.begin(), "refresh");
  return run_litgraph(args, source_path(""), environment, kill_after, signal);
}

std::size_t requests(const litgraph::test::FakeServices& services) {
  return services.crossref().requests().size() + services.ncbi().requests().size();
}

// Every record of an index as one string per unique id: its data, terms
// (with wdf) and values. Two indexes with equal snapshots hold the same
// records, edges and facet values.
std::map<std::string, std::string> snapshot(const fs::path& database) {
  std::map<std::string, std::string> records;
  Xapian::Database db(database.string());
  for (auto id = db.allterms_begin("Q"); id != db.allterms_end("Q"); ++id) {
    REQUIRE(id.get_termfreq() == 1);  // nothing indexed twice
    Xapian::Document document = db.get_document(*db.postlist_begin(*id));
    std::string record = document.get_data() + "\n";
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      record += *term + ":" + std::to_string(term.get_wdf()) + " ";
    }
    for (auto value = document.values_begin(); value != document.values_end(); ++value) {
      record += "\n" + std::to_string(value.get_valueno()) + "=" + *value;
    }
    records.emplace(*id, std::move(record));
  }
  return records;
}

// The ids whose records differ, with both versions of the first one.
std::vector<std::string> differences(const std::map<std::string, std::string>& got,
                                     const std::map<std::string, std::string>& want) {
  std::vector<std::string> ids;
  for (const auto& [id, record] : want) {
    auto found = got.find(id);
    if (found == got.end()) ids.push_back("missing " + id);
    else if (found->second != record) ids.push_back("differs " + id + "\n  got:  " + found->second + "\n  want: " + record);
  }
  for (const auto& [id, record] : got) {
    if (want.count(id) == 0) ids.push_back("extra " + id);
  }
  if (!ids.empty()) UNSCOPED_INFO(ids.front());
  return ids;
}

}  // namespace

TEST_CASE("refresh indexes the corpus, then a run with no changes sends nothing and writes nothing",
          "[cli][refresh]") {
  litgraph::test::FakeServices services;
  TempDir home;
  const auto environment = services.environment(home.path());
  Run first = refresh(environment, {"corpus", "--json"});
  REQUIRE(first.status == 0);
  auto summary = parse_json(first.out);
  CHECK(summary["added"].GetUint() > 0);
  CHECK(summary["fetched"].GetUint() == 21);  // the seeds' 9 DOIs and 12 matched references
  CHECK(summary["failed"].GetUint() == 0);
  CHECK(contains(first.err, "refresh: added="));
  // Quiet: the summary line is all (no crawl or index report).
  CHECK(std::count(first.err.begin(), first.err.end(), '\n') == 1);

  const std::size_t sent = requests(services);
  const auto revision = Xapian::Database((home.path() / "index").string()).get_revision();
  Run second = refresh(environment, {"corpus", "--json"});
  REQUIRE(second.status == 0);
  CHECK(requests(services) == sent);  // zero HTTP requests
  CHECK(Xapian::Database((home.path() / "index").string()).get_revision() == revision);  // zero commits
  auto again = parse_json(second.out);
  CHECK(again["added"].GetUint() == 0);
  CHECK(again["updated"].GetUint() == 0);
  CHECK(again["fetched"].GetUint() == 0);
  CHECK(again["requests"].GetInt() == 0);
  CHECK(again["unchanged"].GetUint() == summary["added"].GetUint());

  // A removed file is pruned; --log appends the summary line.
  TempDir corpus;
  for (const auto& entry : fs::directory_iterator(source_path("corpus"))) {
    if (entry.path().extension() == ".txt") fs::copy(entry.path(), corpus.path() / entry.path().filename());
  }
  TempDir other_home;
  const auto other = services.environment(other_home.path());
  REQUIRE(refresh(other, {corpus.path().string()}).status == 0);
  fs::remove(corpus.path() / "002_ce4e0486c9f0905c.txt");
  const fs::path log = other_home.path() / "refresh.log";
  Run pruned = refresh(other, {corpus.path().string(), "--json", "--log", log.string()});
  REQUIRE(pruned.status == 0);
  CHECK(parse_json(pruned.out)["removed"].GetUint() == 1);
  CHECK(contains(litgraph::test::read_file(log), "refresh: added=0 updated=0 removed=1"));
}

TEST_CASE("one writer at a time: a second refresh reports the lock; a dead holder's lock is free",
          "[cli][refresh]") {
  litgraph::test::FakeServices services;
  TempDir home;
  const auto environment = services.environment(home.path());
  {
    // Another writer holds the index: refresh exits at once with code 8...
    litgraph::indexer::RunLock held(home.path() / "index");
    Run locked = refresh(environment, {"corpus"});
    CHECK(locked.status == 8);
    CHECK(contains(locked.err, "locked by another writer"));
    // ...and with --wait, after waiting that long.
    auto start = std::chrono::steady_clock::now();
    Run waited = refresh(environment, {"corpus", "--wait", "1"});
    CHECK(waited.status == 8);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900));
  }
  // A holder killed with SIGKILL leaves no lock behind.
  pid_t holder = fork();
  REQUIRE(holder >= 0);
  if (holder == 0) {
    litgraph::indexer::RunLock lock(home.path() / "index");
    pause();
    _exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(refresh(environment, {"corpus"}).status == 8);
  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  CHECK(refresh(environment, {"corpus"}).status == 0);
  // `index` takes the same lock.
  litgraph::indexer::RunLock held(home.path() / "index");
  Run index = run_litgraph({"index", "corpus"}, source_path(""), environment);
  CHECK(index.status == 8);
}

TEST_CASE("two refreshes started together: one runs, the other reports the lock", "[cli][refresh]") {
  litgraph::test::FakeServices services;
  TempDir home;
  const auto environment = services.environment(home.path());
  Run first;
  std::thread running([&] { first = refresh(environment, {"corpus"}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the first holds the lock by now
  Run second = refresh(environment, {"corpus"});
  running.join();
  CHECK(first.status == 0);
  CHECK(second.status == 8);
  CHECK(contains(second.err, "locked by another writer"));
  CHECK_FALSE(contains(second.err, "refresh: added="));  // it did nothing
}

TEST_CASE("refresh killed at random points: the next run completes it, as if never interrupted",
          "[cli][refresh][kill]") {
  litgraph::test::FakeServices services;
  // The reference: one uninterrupted run.
  TempDir reference_home;
  auto started = std::chrono::steady_clock::now();
  REQUIRE(refresh(services.environment(reference_home.path()), {"corpus"}).status == 0);
  const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  const auto reference = snapshot(reference_home.path() / "index");
  REQUIRE(reference.size() > 100);

  const unsigned seed = std::random_device{}();
  INFO("seed " << seed << ", an uninterrupted run takes " << duration.count() << " ms");
  std::mt19937 random(seed);
  std::uniform_int_distribution<long> when(0, duration.count());
  for (int round = 0; round < 20; ++round) {
    TempDir home;
    const auto environment = services.environment(home.path());
    const std::chrono::milliseconds at(when(random));
    Run killed = refresh(environment, {"corpus"}, at);
    INFO("round " << round << ": killed after " << at.count() << " ms (status " << killed.status << ")");
    Run rerun = refresh(environment, {"corpus"});
    REQUIRE(rerun.status == 0);
    CHECK(differences(snapshot(home.path() / "index"), reference).empty());
    // No torn file: every stored work parses and every cache entry has the
    // body length its header states (temporary files may remain; readers
    // skip them).
    for (const auto& entry : fs::recursive_directory_iterator(home.path() / "works")) {
      if (!entry.is_regular_file() || entry.path().string().find(".tmp.") != std::string::npos) continue;
      std::string error;
      CHECK(litgraph::crawlers::stored_work_from_json(litgraph::test::read_file(entry.path()), &error));
    }
    for (const auto& entry : fs::recursive_directory_iterator(home.path() / "cache")) {
      if (!entry.is_regular_file() || entry.path().extension() != ".entry") continue;
      const std::string data = litgraph::test::read_file(entry.path());
      const std::size_t length_at = data.find("\nlength: ");
      const std::size_t body_at = data.find("\n\n");
      REQUIRE(length_at != std::string::npos);
      REQUIRE(body_at != std::string::npos);
      CHECK(std::stoul(data.substr(length_at + 9)) == data.size() - body_at - 2);
    }
  }
}

TEST_CASE("SIGTERM stops a refresh at a safe point; the next run completes it", "[cli][refresh]") {
  litgraph::test::FakeServices services;
  std::vector<std::string> args = {"corpus"};
  for (const auto& entry : fs::directory_iterator(litgraph::test::shared_path("data/pubmed/alzheimers-efetch"))) {
    if (entry.path().extension() == ".gz") args.push_back(entry.path().string());
  }
  TempDir reference_home;
  REQUIRE(refresh(services.environment(reference_home.path()), args).status == 0);
  const auto reference = snapshot(reference_home.path() / "index");

  TempDir home;
  const auto environment = services.environment(home.path());
  REQUIRE(refresh(environment, {"corpus"}).status == 0);  // an index to add to, record by record
  Run stopped = refresh(environment, args, std::chrono::milliseconds(1500), SIGTERM);
  CHECK(stopped.status == 130);
  CHECK(contains(stopped.err, "status=130"));
  Xapian::Database partial = litgraph::query::open_readable(home.path() / "index");
  CHECK(partial.get_doccount() < reference.size());
  REQUIRE(refresh(environment, args).status == 0);
  CHECK(differences(snapshot(home.path() / "index"), reference).empty());
}

TEST_CASE("a retraction that appears between two runs is reported, and check flags it",
          "[cli][refresh]") {
  litgraph::test::FakeServices services;
  TempDir home;
  TempDir corpus;
  const std::string doi = "10.1213/ane.0000000000004185";  // Orhurhu 2019
  {
    std::ofstream article(corpus.path() / "review.txt");
    article << "A short review.\n\nKetamine infusions relieve chronic pain (1).\n\nReferences\n\n"
               "1. Orhurhu V, Orhurhu MS, Bhatia A, Cohen SP. Ketamine infusions for chronic pain. "
               "Anesth Analg. 2019;129(1):241-254. doi:10.1213/ANE.0000000000004185\n";
  }
  const auto environment = services.environment(home.path());
  Run first = refresh(environment, {corpus.path().string()});
  REQUIRE(first.status == 0);
  CHECK(contains(first.err, "retracted-new=0"));

  // Crossref now lists a retraction notice for it, and has re-indexed it today.
  std::string work = services.crossref_work(doi);
  REQUIRE(!work.empty());
  std::time_t now = std::time(nullptr);
  std::tm today{};
  gmtime_r(&now, &today);
  work.insert(work.rfind('}'), ",\"updated-by\":[{\"DOI\":\"10.1213/ane.retraction\",\"type\":\"retraction\","
                               "\"label\":\"Retraction\",\"source\":\"publisher\",\"updated\":{\"date-parts\":[[2024,1,5]]}}]"
                               ",\"indexed\":{\"date-parts\":[[" + std::to_string(today.tm_year + 1900) + "," +
                               std::to_string(today.tm_mon + 1) + "," + std::to_string(today.tm_mday) + "]]}");
  services.set_crossref_work(doi, work);
  const std::size_t crossref_before = services.crossref().requests().size();
  Run second = refresh(environment, {corpus.path().string(), "--max-age", "0"});  // everything is stale
  REQUIRE(second.status == 0);
  // Stale records are revalidated in a batch with from-index-date, not downloaded one by one.
  const auto crossref_requests = services.crossref().requests();
  REQUIRE(crossref_requests.size() == crossref_before + 1);
  CHECK(contains(litgraph::test::url_decode(crossref_requests.back().target), "from-index-date:"));
  INFO(second.err);
  CHECK(contains(second.err, "newly retracted: doi:" + doi));
  CHECK(contains(second.err, "retracted-new=1"));
  CHECK(contains(second.err, "updated=1"));  // the work's record changed

  Run check = run_litgraph({"check", (corpus.path() / "review.txt").string()}, source_path(""), environment);
  CHECK(check.status == 1);
  CHECK(contains(check.out, "[1] retracted"));
}

TEST_CASE("readers see a consistent index during a refresh of thousands of records",
          "[cli][refresh][readers]") {
  litgraph::test::FakeServices services;
  TempDir home;
  const auto environment = services.environment(home.path());
  REQUIRE(refresh(environment, {"corpus"}).status == 0);
  const fs::path database = home.path() / "index";
  const auto vocabulary = litgraph::schema::Vocabulary::load_directory(
      litgraph::schema::default_vocabulary_directory());

  std::atomic<bool> done{false};
  std::atomic<int> errors{0};
  std::vector<std::size_t> totals;
  std::thread reader([&] {
    while (!done) {
      try {
        Xapian::Database db = litgraph::query::open_readable(database);
        litgraph::query::SearchRequest request;
        request.text = "drug:ketamine";
        request.facets = {"kind", "condition"};
        request.limit = 3;
        request.split_count_from = 1;
        // As `litgraph query` does: facet columns, rebuilt by this reader
        // when it meets a revision the refresh has not yet written them for.
        const auto columns = litgraph::query::FacetColumns::open(db, database);
        auto result = litgraph::query::search(db, vocabulary, request, columns.get());
        // One answer, one state: the kind facet adds up to the total.
        std::size_t counted = 0;
        for (const auto& facet : result.facets) {
          if (facet.field != "kind") continue;
          for (const auto& value : facet.values) counted += value.count;
        }
        if (counted != result.total) ++errors;
        totals.push_back(result.total);
      } catch (const std::exception&) {
        ++errors;
      }
    }
  });
  std::vector<std::string> args = {"corpus"};
  for (const auto& entry : fs::directory_iterator(litgraph::test::shared_path("data/pubmed/alzheimers-efetch"))) {
    if (entry.path().extension() == ".gz") args.push_back(entry.path().string());
  }
  Run big = refresh(environment, args);
  done = true;
  reader.join();
  REQUIRE(big.status == 0);
  CHECK(errors == 0);
  REQUIRE(totals.size() > 2);
  // Records were only added: each answer is a committed state, in order.
  CHECK(std::is_sorted(totals.begin(), totals.end()));
  Xapian::Database after = litgraph::query::open_readable(database);
  litgraph::query::SearchRequest request;
  request.text = "drug:ketamine";
  CHECK(litgraph::query::search(after, vocabulary, request).total >= totals.back());
}
