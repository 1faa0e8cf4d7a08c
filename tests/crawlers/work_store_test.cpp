// Crawled works on disk: JSON round trip and atomic files.
#include <catch2/catch.hpp>

#include "litgraph/crawlers/work_store.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::schema::Source;
using litgraph::test::TempDir;

namespace {

StoredWork sample() {
  StoredWork s;
  s.key = "doi:10.1016/s0006-3223(99)00230-9";
  s.status = "resolved";
  s.via = "doi";
  s.updated_at = 1764000000;
  auto& w = s.work;
  w.doi = "10.1016/s0006-3223(99)00230-9";
  w.pmid = "10686270";
  w.title = "Antidepressant effects of ketamine in depressed patients";
  w.other_titles = {"Ketamine \"quoted\" \xCE\xBC"};
  w.authors = {{"Berman", "Robert M.", "0000-0002-1825-0097", false}, {"Panel", "", "", true}};
  w.container = "Biological Psychiatry";
  w.container_short = "Biol Psychiatry";
  w.issns = {"0006-3223"};
  w.year = 2000;
  w.month = 2;
  w.volume = "47";
  w.issue = "4";
  w.pages = "351-354";
  w.first_page = "351";
  w.last_page = "354";
  w.abstract = "BACKGROUND: A line.\nMETHODS: Another.";
  w.type = "journal-article";
  w.publication_types = {{"D016449", "Randomized Controlled Trial"}};
  w.mesh = {{"D007649", "Ketamine", true}};
  w.chemicals = {{"D007649", "Ketamine", false}};
  w.keywords = {"NMDA"};
  litgraph::schema::UpdateNotice notice;
  notice.type = "correction";
  notice.direction = "updated-by";
  notice.doi = "10.1016/x";
  notice.year = 2001;
  notice.source = Source::kPubmed;
  w.notices = {notice};
  w.field_sources = {{"title", Source::kCrossref}, {"mesh", Source::kPubmed}};
  return s;
}

}  // namespace

TEST_CASE("stored works survive a JSON round trip field by field", "[store]") {
  StoredWork original = sample();
  auto back = stored_work_from_json(stored_work_to_json(original));
  REQUIRE(back);
  CHECK(stored_work_to_json(*back) == stored_work_to_json(original));
  CHECK(back->work.authors[0].orcid == "0000-0002-1825-0097");
  CHECK(back->work.authors[1].collective);
  CHECK(back->work.notices[0].source == Source::kPubmed);
  CHECK(back->work.field_sources.at("mesh") == Source::kPubmed);
  CHECK_FALSE(back->work.day.has_value());
}

TEST_CASE("stored_work_from_json refuses what is not a stored work", "[store]") {
  std::string error;
  CHECK_FALSE(stored_work_from_json("", &error));
  CHECK_FALSE(stored_work_from_json("[1,2]"));
  CHECK_FALSE(stored_work_from_json("{\"work\":{}}"));
  CHECK_FALSE(stored_work_from_json("{\"key\":\"doi:x\",\"work\":"));
  CHECK(error == "not a stored work");
}

TEST_CASE("WorkStore keeps one file per key, even for keys with slashes", "[store]") {
  TempDir dir;
  WorkStore store(dir.path() / "works");
  StoredWork work = sample();
  store.put(work);
  work.work.title = "Changed";
  store.put(work);
  StoredWork other = sample();
  other.key = "pmid:10686270";
  store.put(other);
  auto all = store.all();
  REQUIRE(all.size() == 2);
  CHECK(all[0].key == "doi:10.1016/s0006-3223(99)00230-9");
  CHECK(all[0].work.title == "Changed");
  CHECK(store.get("pmid:10686270"));
  CHECK_FALSE(store.get("pmid:1"));
  std::size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir.path() / "works")) {
    CHECK(f.path().extension() == ".json");
    ++files;
  }
  CHECK(files == 2);
}
