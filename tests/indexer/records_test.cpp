// Work and article records in a real Xapian database (schema/index_layout.h).
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/indexer/records.h"
#include "litgraph/schema/index_layout.h"
#include "test_support.h"

using namespace litgraph;
namespace layout = schema::layout;

namespace {

const schema::Vocabulary& vocabulary() {
  static const auto loaded =
      schema::Vocabulary::load_directory(test::source_path("schema/vocabulary"));
  return loaded;
}

const indexer::Tagger& tagger() {
  static const indexer::Tagger built(vocabulary());
  return built;
}

std::string term(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + std::string(value);
}

}  // namespace

TEST_CASE("Indexing the 3,690 PubMed records gives one work each, with MeSH entities",
          "[indexer][records]") {
  test::TempDir dir;
  const auto folder = test::shared_path("data/pubmed/alzheimers-efetch");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".gz") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 10);

  std::vector<schema::Work> sample;  // every 100th record, checked below
  auto index_all = [&](indexer::WriteCounts& counts, bool keep_sample) {
    indexer::IndexWriter writer(dir.path() / "index", 1000);
    std::size_t n = 0;
    for (const auto& file : files) {
      crawlers::PubmedStream stream(file);
      while (auto work = stream.next()) {
        auto id = indexer::work_record_id(*work);
        REQUIRE(id);
        auto hash = indexer::content_hash(crawlers::work_to_json(*work));
        counts.count(writer.put(*id, hash, [&] {
          return indexer::work_record(*id, *work, vocabulary(), tagger(), file.string(), hash);
        }));
        if (keep_sample && n++ % 100 == 0) sample.push_back(*work);
      }
    }
    writer.commit();
  };
  indexer::WriteCounts first;
  index_all(first, true);
  CHECK(first.added + first.replaced == 3690);  // a DOI shared by two records replaces

  Xapian::Database database((dir.path() / "index").string());
  const auto works = database.get_termfreq(term(layout::kKindPrefix, layout::kWork));
  const auto passages = database.get_termfreq(term(layout::kKindPrefix, layout::kPassage));
  CHECK(works == first.added);
  CHECK(works + passages == database.get_doccount());
  // Abstracts that name a drug and a condition in one sentence give passages.
  CHECK(passages > 1000);

  for (const auto& work : sample) {
    auto id = *indexer::work_record_id(work);
    INFO(id);
    auto posting = database.postlist_begin(term(layout::kIdPrefix, id));
    REQUIRE(posting != database.postlist_end(term(layout::kIdPrefix, id)));
    auto document = database.get_document(*posting);
    if (work.pmid) CHECK(database.term_exists(term(layout::kPmidPrefix, *work.pmid)));
    // Every MeSH heading the vocabulary knows is on the record, major ones as M.
    for (const auto& heading : work.mesh) {
      const auto* entity = vocabulary().find("mesh:" + heading.ui);
      if (entity == nullptr) continue;
      auto has = [&](const std::string& t) {
        auto it = document.termlist_begin();
        it.skip_to(t);
        return it != document.termlist_end() && *it == t;
      };
      CHECK(has(term(layout::kMeshHeadingPrefix, entity->id)));
      std::string_view typed = entity->type == schema::EntityType::kDrug ? layout::kDrugPrefix
                               : entity->type == schema::EntityType::kCondition
                                   ? layout::kConditionPrefix
                                   : layout::kReceptorPrefix;
      CHECK(has(term(typed, entity->id)));
      CHECK(has(term(layout::kMeshMajorPrefix, entity->id)) == heading.major);
    }
    if (work.year) {
      CHECK(Xapian::sortable_unserialise(document.get_value(layout::kYear)) == *work.year);
    }
  }

  // Alzheimer Disease (mesh:D000544) is a heading of most of this set.
  CHECK(database.get_termfreq(term(layout::kConditionPrefix, "mesh:D000544")) > 1000);

  // Unchanged input writes nothing.
  indexer::WriteCounts second;
  index_all(second, false);
  CHECK(second.added == 0);
  CHECK(second.replaced == first.replaced);  // the records that share a DOI take turns
  CHECK(second.unchanged == 3690 - first.replaced);
}

TEST_CASE("An uncommitted batch is dropped, the committed state kept", "[indexer][records]") {
  test::TempDir dir;
  schema::Work work;
  work.pmid = "123";
  work.title = "Ketamine for complex regional pain syndrome";
  {
    indexer::IndexWriter writer(dir.path() / "index", 100);
    writer.put("work:pmid:123", "h1", [&] {
      return indexer::work_record("work:pmid:123", work, vocabulary(), tagger(), "t", "h1");
    });
    writer.commit();
    work.pmid = "456";
    writer.put("work:pmid:456", "h2", [&] {
      return indexer::work_record("work:pmid:456", work, vocabulary(), tagger(), "t", "h2");
    });
    // No commit: as if the process were killed here.
  }
  Xapian::Database database((dir.path() / "index").string());
  // The committed work and its one passage (ketamine studied for CRPS).
  CHECK(database.get_termfreq(term(layout::kKindPrefix, layout::kWork)) == 1);
  CHECK(database.get_termfreq(term(layout::kKindPrefix, layout::kPassage)) == 1);
  CHECK(database.term_exists("Gstudied_for:mesh:D007649|mesh:D020918"));
  CHECK(database.term_exists("XPMID123"));
  CHECK_FALSE(database.term_exists("XPMID456"));
  CHECK(database.term_exists(term(layout::kConditionPrefix, "mesh:D020918")));
  CHECK(database.term_exists(term(layout::kDrugPrefix, "mesh:D007649")));
}

TEST_CASE("edge_terms types each pair by its ends and reads the verb", "[indexer][records]") {
  const auto* ketamine = vocabulary().find("mesh:D007649");
  const auto* nmda = vocabulary().find("mesh:D016194");
  const auto* crps = vocabulary().find("mesh:D020918");
  const auto* esketamine = vocabulary().find("litgraph:esketamine");
  REQUIRE((ketamine && nmda && crps && esketamine));
  using Edges = std::vector<std::string>;
  // Drug, receptor, condition: ordered drug < receptor < condition whatever the input order.
  CHECK(indexer::edge_terms({crps, nmda, ketamine}, "ketamine and the receptor in CRPS") ==
        Edges{"acts_on:mesh:D007649|mesh:D016194", "studied_for:mesh:D007649|mesh:D020918",
              "implicated_in:mesh:D016194|mesh:D020918"});
  CHECK(indexer::edge_terms({ketamine, nmda}, "ketamine blocks the receptor") ==
        Edges{"acts_on:mesh:D007649|mesh:D016194", "acts_on:antagonist:mesh:D007649|mesh:D016194"});
  CHECK(indexer::edge_terms({ketamine, nmda}, "an agonist at the receptor") ==
        Edges{"acts_on:mesh:D007649|mesh:D016194", "acts_on:agonist:mesh:D007649|mesh:D016194"});
  // "antagonist" contains "agonist" but is not one.
  CHECK(indexer::edge_terms({ketamine, nmda}, "an antagonist") ==
        Edges{"acts_on:mesh:D007649|mesh:D016194", "acts_on:antagonist:mesh:D007649|mesh:D016194"});
  // Two drugs make no edge; an entity once is once.
  CHECK(indexer::edge_terms({ketamine, esketamine}, "ketamine and esketamine").empty());
  CHECK(indexer::edge_terms({ketamine, ketamine, crps}, "") ==
        Edges{"studied_for:mesh:D007649|mesh:D020918"});
}
