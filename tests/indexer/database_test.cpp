// Opening the index for writing, and Xapian's errors as litgraph's.
#include <catch2/catch.hpp>

#include "litgraph/indexer/database.h"
#include "litgraph/schema/error.h"
#include "test_support.h"

using litgraph::ExitCode;
using litgraph::IndexError;
using litgraph::indexer::open_writable;
using litgraph::test::TempDir;

TEST_CASE("open_writable creates a database that can be written and reopened", "[indexer][db]") {
  TempDir dir;
  {
    auto db = open_writable(dir.path() / "index");
    Xapian::Document doc;
    doc.add_boolean_term("Qwork:1");
    db.replace_document("Qwork:1", doc);
    db.commit();
  }
  auto db = open_writable(dir.path() / "index");
  CHECK(db.get_doccount() == 1);
}

TEST_CASE("open_writable reports a second writer as locked", "[indexer][db]") {
  TempDir dir;
  auto first = open_writable(dir.path() / "index");
  try {
    open_writable(dir.path() / "index");
    FAIL("a second writer was allowed");
  } catch (const IndexError& e) {
    CHECK(e.exit_code() == ExitCode::kLocked);
    CHECK(std::string(e.what()).find("locked") != std::string::npos);
  }
}

TEST_CASE("open_writable names the path when it cannot create the index", "[indexer][db]") {
  TempDir dir;
  dir.write("file", "not a folder");
  try {
    open_writable(dir.path() / "file" / "index");
    FAIL("opened an index below a regular file");
  } catch (const IndexError& e) {
    CHECK(e.exit_code() == ExitCode::kIndex);
    CHECK(std::string(e.what()).find((dir.path() / "file" / "index").string()) != std::string::npos);
  }
}
