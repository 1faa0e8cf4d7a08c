// Reading article files: text, binary, invalid UTF-8, folders.
#include <catch2/catch.hpp>

#include "litgraph/crawlers/text_file.h"
#include "litgraph/schema/error.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::test::TempDir;

TEST_CASE("read_text_file reads UTF-8 text", "[crawlers][files]") {
  TempDir dir;
  auto file = read_text_file(dir.write("a.txt", "Ketamine\r\nNMDA\n"));
  CHECK(file.status == TextFileStatus::kOk);
  CHECK(file.text == "Ketamine\nNMDA\n");
  CHECK(file.repaired_lines.empty());
}

TEST_CASE("read_text_file repairs invalid UTF-8 and names the lines", "[crawlers][files]") {
  TempDir dir;
  auto file = read_text_file(dir.write("latin1.txt", "line one\nPérez\xE9\n"));
  CHECK(file.status == TextFileStatus::kOk);
  CHECK(file.repaired_lines == std::vector<std::size_t>{2});
  CHECK(file.text == "line one\nPérez\uFFFD\n");
}

TEST_CASE("read_text_file refuses binary files and missing files", "[crawlers][files]") {
  TempDir dir;
  auto binary = read_text_file(dir.write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  CHECK(binary.status == TextFileStatus::kNotText);
  CHECK(binary.error == "not a text file");
  auto missing = read_text_file(dir.path() / "nope.txt");
  CHECK(missing.status == TextFileStatus::kUnreadable);
  CHECK_FALSE(missing.error.empty());
  auto folder = read_text_file(dir.path());
  CHECK(folder.status == TextFileStatus::kUnreadable);
}

TEST_CASE("list_article_files reads folders for *.txt in name order", "[crawlers][files]") {
  TempDir dir;
  dir.write("b.txt", "b");
  dir.write("a.txt", "a");
  dir.write("notes.md", "not an article");
  dir.write("sub/c.txt", "c");
  dir.write(".hidden/d.txt", "d");
  auto files = list_article_files(dir.path());
  REQUIRE(files.size() == 3);
  CHECK(files[0].filename() == "a.txt");
  CHECK(files[1].filename() == "b.txt");
  CHECK(files[2] == dir.path() / "sub" / "c.txt");
  // A file named directly is taken whatever its extension.
  CHECK(list_article_files(dir.path() / "notes.md").size() == 1);
  CHECK_THROWS_AS(list_article_files(dir.path() / "missing"), litgraph::UsageError);
}
