// Opening the index for reading.
#include <catch2/catch.hpp>

#include "litgraph/indexer/database.h"
#include "litgraph/query/database.h"
#include "litgraph/schema/error.h"
#include "test_support.h"

using litgraph::IndexError;
using litgraph::test::TempDir;

TEST_CASE("open_readable sees what a writer committed, not what it has pending", "[query][db]") {
  TempDir dir;
  auto writer = litgraph::indexer::open_writable(dir.path() / "index");
  Xapian::Document doc;
  doc.add_boolean_term("Qwork:1");
  writer.replace_document("Qwork:1", doc);
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
