// The on-disk response cache: round trips, torn and foreign files, freshness.
#include <catch2/catch.hpp>

#include <fstream>

#include "litgraph/crawlers/response_cache.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::test::TempDir;
namespace fs = std::filesystem;

namespace {

CachedResponse entry(const std::string& key, const std::string& body, int status = 200) {
  CachedResponse e;
  e.key = key;
  e.url = "https://eutils.example/efetch.fcgi?id=1&api_key=SECRET";
  e.status = status;
  e.body = body;
  e.fetched_at = 1764000000;
  e.etag = "\"abc\"";
  e.last_modified = "Tue, 24 Nov 2026 10:00:00 GMT";
  return e;
}

std::vector<fs::path> entry_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& f : fs::recursive_directory_iterator(dir))
    if (f.is_regular_file()) files.push_back(f.path());
  return files;
}

}  // namespace

TEST_CASE("ResponseCache stores and returns an entry with its metadata", "[cache]") {
  TempDir dir;
  ResponseCache cache(dir.path() / "cache");
  std::string body = "{\"message\":\"line\\nbreaks and \xCE\xBC\"}\n\nblank lines too\n";
  cache.put(entry("crossref:work:10.1097/aap.0000000000000808", body));
  auto got = cache.get("crossref:work:10.1097/aap.0000000000000808");
  REQUIRE(got);
  CHECK(got->body == body);
  CHECK(got->status == 200);
  CHECK(got->fetched_at == 1764000000);
  CHECK(got->etag == "\"abc\"");
  CHECK(got->last_modified == "Tue, 24 Nov 2026 10:00:00 GMT");
  CHECK(got->url.find("SECRET") == std::string::npos);  // keys never reach the disk
  CHECK(cache.hits() == 1);
  CHECK_FALSE(cache.get("crossref:work:10.1000/other"));
  CHECK(cache.misses() == 1);
}

TEST_CASE("ResponseCache replaces an entry and leaves no temporary files", "[cache]") {
  TempDir dir;
  ResponseCache cache(dir.path());
  cache.put(entry("k", "old"));
  cache.put(entry("k", "new"));
  CHECK(cache.get("k")->body == "new");
  CHECK(entry_files(dir.path()).size() == 1);
}

TEST_CASE("ResponseCache treats a torn or foreign file as absent", "[cache]") {
  TempDir dir;
  ResponseCache cache(dir.path());
  cache.put(entry("k", "a body of some length"));
  auto file = entry_files(dir.path()).at(0);
  std::string full = litgraph::test::read_file(file);
  SECTION("truncated") { std::ofstream(file, std::ios::binary) << full.substr(0, full.size() - 5); }
  SECTION("empty") { std::ofstream(file, std::ios::binary) << ""; }
  SECTION("not an entry") { std::ofstream(file, std::ios::binary) << "garbage\n\nbody"; }
  SECTION("another key in the same slot") {
    std::string other = full;
    other.replace(other.find("key: k"), 6, "key: x");
    std::ofstream(file, std::ios::binary) << other;
  }
  CHECK_FALSE(cache.get("k"));
  cache.put(entry("k", "repaired"));  // the next crawl writes it again
  CHECK(cache.get("k")->body == "repaired");
}

TEST_CASE("ResponseCache ignores temporary files that a killed writer left", "[cache]") {
  TempDir dir;
  ResponseCache cache(dir.path());
  cache.put(entry("k", "complete"));
  auto file = entry_files(dir.path()).at(0);
  std::ofstream(file.string() + ".tmp.999.0123456789abcdef", std::ios::binary) << "litgraph-cache 1\nkey: k\n";
  CHECK(cache.get("k")->body == "complete");
}

TEST_CASE("ResponseCache reports a folder it cannot write, keeping what it had", "[cache]") {
  TempDir dir;
  dir.write("blocked", "a file where the cache folder should be");
  ResponseCache cache(dir.path() / "blocked");
  CHECK_THROWS_AS(cache.put(entry("k", "x")), fs::filesystem_error);
  CHECK_FALSE(cache.get("k"));
}

TEST_CASE("ResponseCache freshness: max-age, and a shorter life for 404s", "[cache]") {
  using std::chrono::seconds;
  auto ok = entry("k", "x", 200);
  auto missing = entry("k", "Resource not found.", 404);
  const std::int64_t day = 86400;
  CHECK(ResponseCache::is_fresh(ok, seconds(30 * day), seconds(day), ok.fetched_at + 29 * day));
  CHECK_FALSE(ResponseCache::is_fresh(ok, seconds(30 * day), seconds(day), ok.fetched_at + 31 * day));
  CHECK(ResponseCache::is_fresh(missing, seconds(30 * day), seconds(day), missing.fetched_at + 3600));
  CHECK_FALSE(ResponseCache::is_fresh(missing, seconds(30 * day), seconds(day), missing.fetched_at + 2 * day));
}

TEST_CASE("cache_key drops secrets and tells bodies apart", "[cache]") {
  CHECK(cache_key("GET", "http://x/e?id=1&api_key=A", "") == cache_key("GET", "http://x/e?id=1&api_key=B", ""));
  CHECK(cache_key("POST", "http://x/e", "id=1") != cache_key("POST", "http://x/e", "id=2"));
}
