// Facet columns (query/facet_columns.h): searches counted from them answer
// exactly as Xapian's matcher with spies does, and the file follows the
// index it serves (issue 7).
#include <catch2/catch.hpp>

#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "fake_services.h"
#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/query/search.h"
#include "litgraph/schema/vocabulary.h"
#include "run_litgraph.h"
#include "test_support.h"

namespace fs = std::filesystem;
using litgraph::query::FacetColumns;
using litgraph::query::SearchRequest;
using litgraph::query::SearchResult;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

const litgraph::schema::Vocabulary& vocabulary() {
  static const auto loaded =
      litgraph::schema::Vocabulary::load_directory(litgraph::schema::default_vocabulary_directory());
  return loaded;
}

// The seeds with their crawled works, and the 3,690 PubMed records.
const fs::path& large_index() {
  static TempDir home;
  static bool built = false;
  if (!built) {
    litgraph::test::FakeServices services;
    const auto environment = services.environment(home.path());
    REQUIRE(run_litgraph({"crawl", "corpus"}, source_path(""), environment).status == 0);
    std::vector<std::string> args = {"index", "corpus"};
    for (const auto& entry :
         fs::directory_iterator(litgraph::test::shared_path("data/pubmed/alzheimers-efetch"))) {
      if (entry.path().extension() == ".gz") args.push_back(entry.path().string());
    }
    REQUIRE(run_litgraph(args, source_path(""), environment).status == 0);
    built = true;
  }
  static const fs::path database = home.path() / "index";
  return database;
}

// Both answers, field by field: totals, every facet value and count, the
// page's ids in order with their scores.
void require_same(const SearchResult& columns, const SearchResult& spies, const std::string& text) {
  INFO("query: " << text);
  REQUIRE(columns.total == spies.total);
  REQUIRE(columns.facets.size() == spies.facets.size());
  for (std::size_t f = 0; f < spies.facets.size(); ++f) {
    INFO("facet " << spies.facets[f].field);
    REQUIRE(columns.facets[f].values.size() == spies.facets[f].values.size());
    for (std::size_t v = 0; v < spies.facets[f].values.size(); ++v) {
      CHECK(columns.facets[f].values[v].value == spies.facets[f].values[v].value);
      CHECK(columns.facets[f].values[v].count == spies.facets[f].values[v].count);
    }
  }
  REQUIRE(columns.hits.size() == spies.hits.size());
  for (std::size_t h = 0; h < spies.hits.size(); ++h) {
    CHECK(columns.hits[h].id == spies.hits[h].id);
    CHECK(columns.hits[h].score == Approx(spies.hits[h].score).epsilon(1e-12));
  }
}

std::size_t total_of(const fs::path& database, const FacetColumns* columns, const std::string& text) {
  const Xapian::Database db = litgraph::query::open_readable(database);
  SearchRequest request;
  request.text = text;
  request.facets = {"condition"};
  return litgraph::query::search(db, vocabulary(), request, columns).total;
}

}  // namespace

TEST_CASE("facet columns count exactly what Xapian's matcher counts", "[query][columns]") {
  const fs::path& database = large_index();
  const Xapian::Database db = litgraph::query::open_readable(database);
  const auto columns = FacetColumns::open(db, database);
  REQUIRE(columns != nullptr);
  // Every operator the query parser makes, fields, year ranges (Y terms),
  // kinds, phrases (counted by Xapian's matcher inside the columns' path).
  const std::vector<std::string> queries = {
      "",
      "amyloid",
      "amyloid beta",
      "amyloid OR tau",
      "amyloid NOT tau",
      "amyloid -tau +brain",
      "\"amyloid beta\"",
      "\"cognitive decline\" OR ketamine",
      "condition:mesh:D000544",
      "condition:CRPS OR condition:fibromyalgia",
      "drug:ketamine",
      "receptor:NMDA",
      "receptor:NMDA kind:article",
      "kind:passage",
      "kind:passage receptor:NMDA",
      "ketamine kind:passage",
      "kind:article OR kind:work",
      "year:2015..2018",
      "year:..2010",
      "year:2020",
      "kind:passage year:2019..2020",
      "type:review",
      "title:dementia",
      "author:smith",
      "tau year:2016..2020 type:review",
      "xylophonequartet",
  };
  std::size_t answered = 0;
  for (const auto& text : queries) {
    for (bool by_year : {false, true}) {
      SearchRequest request;
      request.text = text;
      request.facets = litgraph::query::facet_fields();  // all seven
      request.limit = 20;
      request.offset = by_year ? 3 : 0;
      request.sort_by_year = by_year;
      const SearchResult fast = litgraph::query::search(db, vocabulary(), request, columns.get());
      const SearchResult slow = litgraph::query::search(db, vocabulary(), request, nullptr);
      require_same(fast, slow, text);
      if (slow.total > 0) ++answered;
      // A filter's count split over two threads adds up to the same.
      request.split_count_from = 1;
      require_same(litgraph::query::search(db, vocabulary(), request, columns.get()), slow, text + " (split)");
    }
  }
  // The comparison is of real answers, not of two empty ones.
  CHECK(answered >= 2 * (queries.size() - 1));

  // --filter values of one field ORed, fields ANDed.
  SearchRequest filtered;
  filtered.text = "brain";
  filtered.filters = {{"year", "2010..2020"}, {"type", "review"}, {"type", "clinical-trial"}};
  filtered.facets = {"year", "type", "journal"};
  const SearchResult fast = litgraph::query::search(db, vocabulary(), filtered, columns.get());
  require_same(fast, litgraph::query::search(db, vocabulary(), filtered, nullptr), "brain + filters");
  CHECK(fast.total > 0);
}

TEST_CASE("a bulk load numbers the records before the passages, which searches skip in one step",
          "[query][columns]") {
  const fs::path& database = large_index();
  const Xapian::Database db = litgraph::query::open_readable(database);
  const auto columns = FacetColumns::open(db, database);
  const Xapian::docid first_passage = *db.postlist_begin("Kpassage");
  const Xapian::docid after = columns->after_passages(first_passage);
  // The PubMed records came first, in parallel shards, and their passages
  // after them all (the seeds' articles and works were indexed afterwards).
  std::size_t works_before = 0;
  std::size_t works_among = 0;
  for (auto it = db.postlist_begin("Kwork"); it != db.postlist_end("Kwork"); ++it) {
    if (*it < first_passage) ++works_before;
    if (*it >= first_passage && *it < after) ++works_among;
  }
  CHECK(works_before >= 3600);
  CHECK(works_among == 0);
  CHECK(after - first_passage > 3000);
  CHECK(columns->kind(after) != FacetColumns::kPassage);
  CHECK(columns->kind(after - 1) == FacetColumns::kPassage);
  CHECK(columns->after_passages(first_passage - 1) == first_passage);
}

TEST_CASE("searches in several threads share one set of facet columns", "[query][columns]") {
  const fs::path& database = large_index();
  std::shared_ptr<const FacetColumns> columns;
  {
    const Xapian::Database db = litgraph::query::open_readable(database);
    columns = FacetColumns::open(db, database);
  }
  const std::vector<std::string> queries = {"amyloid", "tau OR brain", "condition:mesh:D000544", "\"amyloid beta\""};
  std::vector<std::size_t> expected;
  for (const auto& text : queries) expected.push_back(total_of(database, nullptr, text));
  // Each thread has its own database handle (as Xapian requires); the
  // columns' own handle goes to one search at a time, the others count inline.
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      const Xapian::Database db = litgraph::query::open_readable(database);
      for (int round = 0; round < 10; ++round) {
        for (std::size_t q = 0; q < queries.size(); ++q) {
          SearchRequest request;
          request.text = queries[q];
          request.facets = {"condition", "drug", "year"};
          if (litgraph::query::search(db, vocabulary(), request, columns.get()).total != expected[q]) ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(wrong == 0);
  CHECK(expected[0] > 0);
}

TEST_CASE("year ranges match passages by their owner's year", "[query][columns]") {
  const fs::path& database = large_index();
  const Xapian::Database db = litgraph::query::open_readable(database);
  const auto columns = FacetColumns::open(db, database);
  SearchRequest request;
  request.text = "kind:passage";
  request.facets = {"year"};
  const SearchResult all = litgraph::query::search(db, vocabulary(), request, columns.get());
  REQUIRE(!all.facets.front().values.empty());
  // Each year's passages, asked for as a range of one year, are those the
  // year facet counted.
  for (const auto& year : all.facets.front().values) {
    request.text = "kind:passage year:" + year.value + ".." + year.value;
    CHECK(litgraph::query::search(db, vocabulary(), request, columns.get()).total == year.count);
  }
}

TEST_CASE("the facet columns file follows the index it serves", "[query][columns]") {
  TempDir home;
  const fs::path database = home.path() / "index";
  TempDir corpus;
  fs::copy_file(source_path("corpus/000_a41c27fd63d7b224.txt"), corpus.path() / "a.txt");
  auto index = [&] {
    return run_litgraph({"index", corpus.path().string(), "--home", home.path().string()},
                        source_path(""));
  };
  REQUIRE(index().status == 0);
  const fs::path file = database / std::string(FacetColumns::kFileName);
  REQUIRE(fs::exists(file));  // written by the indexer, not left to the first query

  const Xapian::Database first = litgraph::query::open_readable(database);
  const auto columns = FacetColumns::open(first, database);
  REQUIRE(columns != nullptr);
  CHECK(columns->revision() == first.get_revision());
  const auto written = fs::last_write_time(file);

  SECTION("a second reader maps the same file") {
    const auto again = FacetColumns::open(first, database);
    REQUIRE(again != nullptr);
    CHECK(fs::last_write_time(file) == written);
    CHECK(total_of(database, again.get(), "ketamine") == total_of(database, nullptr, "ketamine"));
  }

  SECTION("a new revision is rebuilt, by the indexer and by a reader") {
    fs::copy_file(source_path("corpus/003_c30eaf50ce6f0a17.txt"), corpus.path() / "b.txt");
    REQUIRE(index().status == 0);
    const Xapian::Database second = litgraph::query::open_readable(database);
    REQUIRE(second.get_revision() > first.get_revision());
    auto fresh = FacetColumns::open(second, database);
    CHECK(fresh->revision() == second.get_revision());
    CHECK(total_of(database, fresh.get(), "fibromyalgia") == total_of(database, nullptr, "fibromyalgia"));
    CHECK(total_of(database, fresh.get(), "fibromyalgia") > 0);

    // A write that did not update the file (another tool, a killed run):
    // the next reader rebuilds it rather than count from the old one.
    {
      Xapian::WritableDatabase writer(database.string(), Xapian::DB_OPEN);
      Xapian::Document extra;
      extra.add_boolean_term("Kwork");
      extra.add_term("fibromyalgia");
      extra.add_value(1, "work");
      writer.add_document(extra);
      writer.commit();
    }
    const Xapian::Database third = litgraph::query::open_readable(database);
    auto rebuilt = FacetColumns::open(third, database);
    CHECK(rebuilt->revision() == third.get_revision());
    CHECK(total_of(database, rebuilt.get(), "fibromyalgia") == total_of(database, nullptr, "fibromyalgia"));
    CHECK(FacetColumns::update_file(database) == false);  // the reader saved it
  }

  SECTION("a damaged file is rebuilt, never trusted") {
    const std::string bytes = litgraph::test::read_file(file);
    for (std::size_t keep : {std::size_t{0}, std::size_t{12}, bytes.size() / 2, bytes.size() - 4}) {
      INFO("kept " << keep << " of " << bytes.size() << " bytes");
      {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(keep));
      }
      const auto repaired = FacetColumns::open(first, database);
      REQUIRE(repaired != nullptr);
      CHECK(total_of(database, repaired.get(), "ketamine") == total_of(database, nullptr, "ketamine"));
      CHECK(fs::file_size(file) == bytes.size());
    }
  }

  SECTION("a file garbled inside (same size, same tag) gives no crash") {
    const std::string original = litgraph::test::read_file(file);
    std::size_t trusted = 0;
    for (std::size_t from = 64; from < original.size(); from += 36) {
      std::string bytes = original;  // eight bytes turned over, here and there
      for (std::size_t k = from; k < std::min(from + 8, bytes.size()); ++k) {
        bytes[k] = static_cast<char>(0xff - bytes[k]);
      }
      {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      }
      const auto garbled = FacetColumns::open(first, database);
      REQUIRE(garbled != nullptr);
      // Kept (the tag matches and the structure holds): counts may be wrong,
      // but every read stays in bounds.
      if (litgraph::test::read_file(file) == bytes) ++trusted;
      for (const char* text : {"", "ketamine", "kind:passage", "condition:CRPS"}) {
        SearchRequest request;
        request.text = text;
        request.facets = litgraph::query::facet_fields();
        request.split_count_from = 1;
        CHECK_NOTHROW(litgraph::query::search(first, vocabulary(), request, garbled.get()));
      }
    }
    CHECK(trusted > 0);  // the reads above did meet garbled codes
  }

  SECTION("a stub database is counted by Xapian, without columns") {
    const fs::path stub = home.path() / "stub";
    std::ofstream(stub) << "glass " << database.string() << "\n";
    const Xapian::Database through_stub = litgraph::query::open_readable(stub);
    CHECK(FacetColumns::open(through_stub, stub) == nullptr);
  }
}
