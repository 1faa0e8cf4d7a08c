// Opening the index for reading.
#include <catch2/catch.hpp>

#include "litgraph/indexer/database.h"
#include "litgraph/query/database.h"
#include "litgraph/indexer/records.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"
#include "test_support.h"

using litgraph::IndexError;
namespace layout = litgraph::schema::layout;
using litgraph::test::TempDir;

TEST_CASE("open_readable sees what a writer committed, not what it has pending", "[query][db]") {
  TempDir dir;
  auto writer = litgraph::indexer::open_writable(dir.path() / "index");
  Xapian::Document doc;
  doc.add_boolean_term("Qwork:1");
  writer.replace_document("Qwork:1", doc);
  writer.set_metadata(std::string(layout::kLayoutKey), std::string(layout::kLayoutVersion));
  writer.commit();
  writer.replace_document("Qwork:2", doc);  // not committed

  auto reader = litgraph::query::open_readable(dir.path() / "index");
  CHECK(reader.get_doccount() == 1);
  CHECK(reader.term_exists("Qwork:1"));
}

TEST_CASE("open_readable reports a missing index clearly", "[query][db]") {
  TempDir dir;
  try {
    litgraph::query::open_readable(dir.path() / "none");
    FAIL("opened a missing index");
  } catch (const IndexError& e) {
    CHECK(std::string(e.what()).find("none") != std::string::npos);
  }
}

TEST_CASE("open_readable reports a damaged index as corrupt or unreadable", "[query][db]") {
  TempDir dir;
  {
    auto writer = litgraph::indexer::open_writable(dir.path() / "index");
    Xapian::Document doc;
    doc.add_term("ketamine");
    writer.add_document(doc);
    writer.commit();
  }
  // Overwrite every table file with garbage.
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "index"))
    if (entry.path().extension() == ".glass") dir.write("index/" + entry.path().filename().string(), "garbage");
  CHECK_THROWS_AS(litgraph::query::open_readable(dir.path() / "index"), IndexError);
}

TEST_CASE("an index written with another layout is refused, not misread", "[query][db]") {
  TempDir dir;
  {
    auto writer = litgraph::indexer::open_writable(dir.path() / "index");
    Xapian::Document doc;
    doc.add_boolean_term("Qwork:1");
    doc.add_value(layout::kConditions, "mesh:D020918");  // layout 1 kept whole ids
    writer.add_document(doc);
    writer.commit();  // no layout metadata: written before layouts had versions
  }
  for (int side = 0; side < 2; ++side) {
    try {
      if (side == 0) {
        litgraph::query::open_readable(dir.path() / "index");
      } else {
        litgraph::indexer::IndexWriter writer(dir.path() / "index");
      }
      FAIL("opened an index of layout 1");
    } catch (const IndexError& e) {
      CHECK(std::string(e.what()).find("layout 1") != std::string::npos);
      CHECK(std::string(e.what()).find("new database") != std::string::npos);
    }
  }
  // An empty database has no layout yet: readers and writers take it.
  TempDir empty;
  {
    litgraph::indexer::IndexWriter writer(empty.path() / "index");
    writer.remove("work:none");
    writer.commit();
  }
  CHECK_NOTHROW(litgraph::query::open_readable(empty.path() / "index"));
}
