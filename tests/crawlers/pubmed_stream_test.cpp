// PubmedStream (issue 6, streamed PubMed input): the same works as
// parse_pubmed_xml on the real data, record by record; damaged, truncated,
// foreign and empty files reported without throwing; markup that a naive
// search for end tags would misread.
#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/schema/error.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::schema::Work;
using litgraph::test::read_file;
using litgraph::test::shared_path;
using litgraph::test::TempDir;

namespace {

struct Streamed {
  std::vector<Work> works;
  std::vector<std::string> errors;
  std::uint64_t bytes_read = 0;
  std::uint64_t file_size = 0;
};

Streamed stream_file(const std::filesystem::path& path) {
  PubmedStream stream(path);
  Streamed out;
  while (std::optional<Work> work = stream.next()) out.works.push_back(std::move(*work));
  CHECK_FALSE(stream.next());  // the end stays the end
  out.errors = stream.errors();
  out.bytes_read = stream.bytes_read();
  out.file_size = stream.file_size();
  return out;
}

Streamed stream_text(const std::string& xml) {
  TempDir dir;
  return stream_file(dir.write("records.xml", xml));
}

// Every work of `streamed` equals the work at the same place in `whole`, field
// for field (their JSON form), and there are `count` of them.
void check_same_works(const std::vector<Work>& streamed, const std::vector<Work>& whole, std::size_t count) {
  REQUIRE(streamed.size() == count);
  REQUIRE(whole.size() >= count);
  for (std::size_t i = 0; i < count; ++i) {
    INFO("work " << i << ", PMID " << whole[i].pmid.value_or("-"));
    CHECK(work_to_json(streamed[i]) == work_to_json(whole[i]));
  }
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string article(const std::string& pmid, const std::string& title) {
  return "<PubmedArticle><MedlineCitation><PMID Version=\"1\">" + pmid + "</PMID><Article><ArticleTitle>" +
         title + "</ArticleTitle></Article></MedlineCitation></PubmedArticle>";
}

void write_gzip(const std::filesystem::path& path, const std::string& bytes) {
  gzFile file = gzopen(path.c_str(), "wb1");  // fastest: the tests write 70 MB
  REQUIRE(file != nullptr);
  for (std::size_t done = 0; done < bytes.size();) {
    unsigned part = static_cast<unsigned>(std::min<std::size_t>(bytes.size() - done, 1 << 20));
    REQUIRE(gzwrite(file, bytes.data() + done, part) == static_cast<int>(part));
    done += part;
  }
  REQUIRE(gzclose(file) == Z_OK);
}

// The content of a gzip file as zlib's gzread gives it.
std::string zlib_content(const std::filesystem::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  REQUIRE(file != nullptr);
  std::string content;
  char buffer[1 << 16];
  for (int got; (got = gzread(file, buffer, sizeof buffer)) > 0;) content.append(buffer, static_cast<std::size_t>(got));
  gzclose(file);
  return content;
}

}  // namespace

// ---- the real data ----

TEST_CASE("PubmedStream gives the works of parse_pubmed_xml for all 37 Alzheimer's efetch files",
          "[pubmed][stream][data]") {
  std::size_t files = 0, works = 0;
  for (const auto& entry : std::filesystem::directory_iterator(shared_path("data/pubmed/alzheimers-efetch"))) {
    if (!contains(entry.path().string(), ".xml.gz")) continue;
    ++files;
    INFO(entry.path());
    GzipFile file = read_gzip_file(entry.path());
    REQUIRE(file.error.empty());
    PubmedParseResult whole = parse_pubmed_xml(file.bytes);
    REQUIRE(whole.errors.empty());
    Streamed streamed = stream_file(entry.path());
    CHECK(streamed.errors.empty());
    check_same_works(streamed.works, whole.works, whole.works.size());
    CHECK(streamed.file_size == std::filesystem::file_size(entry.path()));
    CHECK(streamed.bytes_read == streamed.file_size);
    works += streamed.works.size();
  }
  CHECK(files == 37);
  CHECK(works == 3690);
}

TEST_CASE("read_gzip_file inflates every real file as zlib does, and gzip members one after another",
          "[pubmed][stream][data]") {
  // The reader inflates with ISA-L; zlib is the reference.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(shared_path("data/pubmed"))) {
    if (!contains(entry.path().string(), ".xml.gz")) continue;
    ++files;
    INFO(entry.path());
    GzipFile file = read_gzip_file(entry.path());
    CHECK(file.error.empty());
    CHECK(file.bytes == zlib_content(entry.path()));
  }
  CHECK(files == 38);
  // `cat a.gz b.gz` is one file of two members; bytes after the last member
  // that are not another one are ignored, as gzread ignores them.
  TempDir dir;
  write_gzip(dir.path() / "a.gz", "<PubmedArticleSet>" + article("1", "A."));
  write_gzip(dir.path() / "b.gz", article("2", "B.") + "</PubmedArticleSet>");
  const std::string both = read_file(dir.path() / "a.gz") + read_file(dir.path() / "b.gz");
  const std::string expected =
      "<PubmedArticleSet>" + article("1", "A.") + article("2", "B.") + "</PubmedArticleSet>";
  GzipFile joined = read_gzip_file(dir.write("joined.xml.gz", both));
  CHECK(joined.error.empty());
  CHECK(joined.bytes == expected);
  GzipFile trailing = read_gzip_file(dir.write("trailing.xml.gz", both + std::string(100, '\0')));
  CHECK(trailing.error.empty());
  CHECK(trailing.bytes == expected);
  Streamed streamed = stream_file(dir.path() / "joined.xml.gz");
  CHECK(streamed.errors.empty());
  CHECK(streamed.works.size() == 2);
  // Cut inside the second member: the first one's content is not enough.
  GzipFile cut = read_gzip_file(dir.write("cut.xml.gz", both.substr(0, both.size() - 5)));
  CHECK(cut.error == "unexpected end of file");
}

TEST_CASE("PubmedStream reads the legacy MEDLINE citation file as parse_pubmed_xml does", "[pubmed][stream][data]") {
  const auto path = shared_path("data/pubmed/medline16n0902.xml.gz");
  PubmedParseResult whole = parse_pubmed_xml(read_gzip_file(path).bytes);
  Streamed streamed = stream_file(path);
  CHECK(streamed.errors.empty());  // its DeleteCitation is skipped silently
  check_same_works(streamed.works, whole.works, 604);
  std::size_t with_abstract = 0;
  for (const Work& work : streamed.works) with_abstract += work.abstract.has_value();
  CHECK(with_abstract == 526);
}

TEST_CASE("PubmedStream gives the works of parse_pubmed_xml for every recorded efetch response",
          "[pubmed][stream]") {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(shared_path("fixtures/recorded/pubmed"))) {
    std::string name = entry.path().filename().string();
    if (!starts_with(name, "efetch_pubmed_")) continue;
    ++files;
    INFO(name);
    PubmedParseResult whole = parse_pubmed_xml(read_file(entry.path()));
    Streamed streamed = stream_file(entry.path());
    CHECK(streamed.errors == whole.errors);
    check_same_works(streamed.works, whole.works, whole.works.size());
  }
  CHECK(files == 17);
}

TEST_CASE("PubmedStream reads plain XML as well as gzip", "[pubmed][stream][data]") {
  const auto gz = shared_path("data/pubmed/alzheimers-efetch/pubmed_0_to_99.xml.gz");
  TempDir dir;
  GzipFile file = read_gzip_file(gz);
  REQUIRE(file.error.empty());
  const auto plain = dir.write("pubmed_0_to_99.xml", file.bytes);
  Streamed from_plain = stream_file(plain);
  CHECK(from_plain.errors.empty());
  CHECK(from_plain.bytes_read == file.bytes.size());
  std::vector<Work> whole = parse_pubmed_xml(file.bytes).works;
  CHECK(whole.size() == 91);  // the file holds 91 records, whatever its name says
  check_same_works(from_plain.works, whole, whole.size());
}

// ---- damaged files ----

TEST_CASE("PubmedStream keeps the records before a truncated gzip stream and reports it",
          "[pubmed][stream][data]") {
  const auto path = shared_path("data/pubmed/medline16n0902.xml.gz");
  PubmedParseResult whole = parse_pubmed_xml(read_gzip_file(path).bytes);
  std::string bytes = read_file(path);
  TempDir dir;
  Streamed cut = stream_file(dir.write("cut.xml.gz", bytes.substr(0, bytes.size() / 2)));
  CHECK(cut.works.size() > 200);
  CHECK(cut.works.size() < 604);
  check_same_works(cut.works, whole.works, cut.works.size());
  REQUIRE(cut.errors.size() == 1);
  INFO(cut.errors[0]);
  CHECK(contains(cut.errors[0], "gzip: unexpected end of file (the file is truncated or damaged)"));
  CHECK(contains(cut.errors[0], "record " + std::to_string(cut.works.size() + 1) + ", begun at byte "));
  CHECK_FALSE(contains(cut.errors[0], dir.path().string()));  // zlib's path prefix is dropped
}

TEST_CASE("PubmedStream keeps the records before damaged gzip data and reports it", "[pubmed][stream][data]") {
  std::string bytes = read_file(shared_path("data/pubmed/medline16n0902.xml.gz"));
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  TempDir dir;
  Streamed damaged = stream_file(dir.write("damaged.xml.gz", bytes));
  CHECK(damaged.works.size() > 200);
  CHECK(damaged.works.size() < 604);
  REQUIRE(damaged.errors.size() == 1);
  CHECK(contains(damaged.errors[0], "gzip: "));
}

TEST_CASE("PubmedStream keeps the records before truncated XML, wherever it is cut", "[pubmed][stream]") {
  std::string xml = read_file(shared_path("fixtures/recorded/pubmed/efetch_pubmed_11748933_11700088.xml"));
  std::vector<Work> all = parse_pubmed_xml(xml).works;
  REQUIRE(all.size() == 2);
  std::size_t second = xml.find("<PubmedArticle>", xml.find("</PubmedArticle>"));
  std::size_t set_end = xml.find("</PubmedArticleSet>");
  TempDir dir;
  for (std::size_t size = 0; size < set_end; size += 61) {
    INFO(size);
    Streamed cut;
    CHECK_NOTHROW(cut = stream_file(dir.write("cut.xml", xml.substr(0, size))));
    check_same_works(cut.works, all, size < second ? 0 : 1);
    REQUIRE(cut.errors.size() == 1);
    if (size == 0) {
      CHECK(cut.errors[0] == "the file is empty");
    } else if (size > second + 20) {
      CHECK(cut.errors[0] == "record 2 (byte " + std::to_string(second) + "): the file ends inside this record");
    }
  }
}

TEST_CASE("PubmedStream reports a missing file or a folder as a usage error", "[pubmed][stream]") {
  TempDir dir;
  CHECK_THROWS_AS(PubmedStream(dir.path() / "missing.xml.gz"), litgraph::UsageError);
  CHECK_THROWS_WITH(PubmedStream(dir.path() / "missing.xml.gz"), Catch::Contains("missing.xml.gz: error: no such file"));
  CHECK_THROWS_AS(PubmedStream(dir.path()), litgraph::UsageError);
}

TEST_CASE("PubmedStream yields nothing from binary junk, empty or foreign files, with one error",
          "[pubmed][stream]") {
  std::string junk;
  std::uint32_t state = 2463534242u;
  for (int i = 0; i < 3 << 20; ++i) {  // xorshift32: larger than one read
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    junk += static_cast<char>(state & 0xFF);
  }
  junk[0] = 'J';
  struct Case {
    std::string content;
    std::string error;
  };
  const std::vector<Case> cases = {
      {junk, "byte 0: not XML: the file starts with neither '<' nor a gzip header"},
      {std::string("\x1f\x8b\x08\x00", 4) + junk, "gzip: "},
      {"", "the file is empty"},
      {"  \n", "byte 3: no XML element found"},
      {"  \nJunk", "byte 3: not XML: text before the first element"},
      {"<?xml version=\"1.0\"?>\n<!-- only a comment -->\n", "no XML element found"},
      {"<html><head><title>Error</title></head></html>", "byte 0: not PubMed XML: the root element is <html>"},
      {"\n<<<>>>", "byte 1: not XML: '<' does not begin an element"},
      {"{\"status\": \"ok\"}", "byte 0: not XML: the file starts with neither '<' nor a gzip header"},
      {"<PubmedArticleSet>" + article("1", "T."),
       "byte " + std::to_string(18 + article("1", "T.").size()) + ": the file ends before </PubmedArticleSet>"},
  };
  TempDir dir;
  for (const Case& c : cases) {
    INFO(c.content.substr(0, 60));
    Streamed streamed;
    CHECK_NOTHROW(streamed = stream_file(dir.write("input", c.content)));
    CHECK(streamed.works.size() == (c.content.starts_with("<PubmedArticleSet>") ? 1 : 0));
    REQUIRE(streamed.errors.size() == 1);
    CHECK(contains(streamed.errors[0], c.error));
  }
  write_gzip(dir.path() / "junk.gz", junk);
  Streamed gzipped_junk = stream_file(dir.path() / "junk.gz");
  CHECK(gzipped_junk.works.empty());
  CHECK(gzipped_junk.errors ==
        std::vector<std::string>{"byte 0: not XML: the decompressed data does not start with '<'"});
}

TEST_CASE("PubmedStream stops at a record longer than 64 MiB instead of holding it", "[pubmed][stream]") {
  TempDir dir;
  const auto path = dir.path() / "huge.xml.gz";
  write_gzip(path, "<PubmedArticleSet>" + article("1", "A.") + "<PubmedArticle><MedlineCitation><PMID>2</PMID>" +
                       std::string(std::size_t{70} << 20, 'x'));
  Streamed streamed = stream_file(path);
  REQUIRE(streamed.works.size() == 1);
  REQUIRE(streamed.errors.size() == 1);
  CHECK(streamed.errors[0] == "record 2 (byte " + std::to_string(18 + article("1", "A.").size()) +
                                  "): longer than 64 MiB without its end; the rest of the file is not read");
}

// ---- markup ----

TEST_CASE("PubmedStream counts and reports records as parse_pubmed_xml does", "[pubmed][stream]") {
  std::string xml =
      "<PubmedArticleSet>" + article("11", "A.") +
      "<PubmedArticle><MedlineCitation><Article><ArticleTitle>B.</ArticleTitle></Article>"
      "</MedlineCitation></PubmedArticle>"
      "<DeleteCitation><PMID>99</PMID></DeleteCitation>" +
      article("12a", "C.") + article("13", "D.") + "</PubmedArticleSet>";
  Streamed streamed = stream_text(xml);
  REQUIRE(streamed.works.size() == 2);
  CHECK(streamed.works[0].pmid == "11");
  CHECK(streamed.works[1].pmid == "13");
  std::size_t second = xml.find("<PubmedArticle>", 1 + xml.find("<PubmedArticle>"));
  std::size_t third = xml.find(article("12a", "C."));
  CHECK(streamed.errors ==
        std::vector<std::string>{"record 2 (byte " + std::to_string(second) + "): no PMID",
                                 "record 3 (byte " + std::to_string(third) + "): PMID \"12a\" is not a number"});
}

TEST_CASE("PubmedStream skips a malformed record and reads on", "[pubmed][stream]") {
  std::string bad = "<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>B.</Oops>"
                    "</Article></MedlineCitation></PubmedArticle>";
  std::string xml = "<PubmedArticleSet>\n" + article("1", "A.") + "\n" + bad + "\n" + article("3", "C.") +
                    "\n<ERROR>Something went wrong</ERROR>\n</PubmedArticleSet>\n";
  Streamed streamed = stream_text(xml);
  REQUIRE(streamed.works.size() == 2);
  CHECK(streamed.works[0].pmid == "1");
  CHECK(streamed.works[1].pmid == "3");
  REQUIRE(streamed.errors.size() == 2);
  std::size_t at = xml.find(bad);
  CHECK(starts_with(streamed.errors[0], "record 2 (byte " + std::to_string(at) + "): XML parse error at byte "));
  CHECK(streamed.errors[1] == "byte " + std::to_string(xml.find("<ERROR>")) + ": NCBI error: Something went wrong");
}

TEST_CASE("PubmedStream is not misled by prolog, comments, CDATA or quoted '>'", "[pubmed][stream]") {
  std::string xml =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" "
      "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\" [\n"
      "  <!ENTITY note \"a ]> b\">\n"
      "  <!-- ]> in a comment -->\n"
      "  <!ATTLIST PubmedArticle Note CDATA '>'>\n"
      "]>\n"
      "<!-- <PubmedArticleSet> -->\n"
      "<?processing instruction?>\n"
      "<PubmedArticleSet>\n"
      "<!-- </PubmedArticle> -->\n"
      "<PubmedArticle Note=\"a > b\"><MedlineCitation><PMID>1</PMID><Article>"
      "<ArticleTitle>X <![CDATA[</PubmedArticle></PubmedArticleSet>]]> &lt;i&gt; &#x3b1; &amp; &#945;.</ArticleTitle>"
      "<Abstract><AbstractText><!-- </MedlineCitation> --><i>In</i> <b>vivo</b>.</AbstractText></Abstract>"
      "</Article></MedlineCitation><PubmedData/></PubmedArticle>\n"
      "<PubmedArticle/>\n" +
      article("2", "Y.") + "</PubmedArticleSet>\n<!-- trailing -->\n";
  Streamed streamed = stream_text(xml);
  REQUIRE(streamed.works.size() == 2);
  CHECK(streamed.works[0].pmid == "1");
  CHECK(streamed.works[0].title == "X </PubmedArticle></PubmedArticleSet> <i> \xCE\xB1 & \xCE\xB1.");
  CHECK(streamed.works[0].abstract == "In vivo.");
  CHECK(streamed.works[1].pmid == "2");
  REQUIRE(streamed.errors.size() == 1);
  CHECK(contains(streamed.errors[0], "record 2 (byte "));
  CHECK(contains(streamed.errors[0], "): no PMID"));
}

TEST_CASE("PubmedStream reads a MedlineCitationSet, an empty set and records across read boundaries",
          "[pubmed][stream]") {
  SECTION("MedlineCitation records at the top of a MedlineCitationSet") {
    Streamed streamed = stream_text(
        "<MedlineCitationSet><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>M.</ArticleTitle></Article>"
        "</MedlineCitation><DeleteCitation><PMID>6</PMID></DeleteCitation></MedlineCitationSet>");
    REQUIRE(streamed.works.size() == 1);
    CHECK(streamed.works[0].pmid == "5");
    CHECK(streamed.errors.empty());
  }
  SECTION("an empty set") {
    for (std::string xml : {"<PubmedArticleSet/>", "<PubmedArticleSet></PubmedArticleSet>"}) {
      Streamed streamed = stream_text(xml);
      CHECK(streamed.works.empty());
      CHECK(streamed.errors.empty());
    }
  }
  SECTION("two 3 MiB abstracts and 2,000 records over several 1 MiB reads") {
    std::string xml = "<PubmedArticleSet>";
    std::string abstract(std::size_t{3} << 20, 'a');
    xml += "<PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Big.</ArticleTitle>"
           "<Abstract><AbstractText>" + abstract + "</AbstractText></Abstract></Article></MedlineCitation>"
           "</PubmedArticle>";
    // A comment in a record that spans reads: the record is read again tag by tag.
    xml += "<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Big too.</ArticleTitle>"
           "<Abstract><AbstractText>" + abstract + "<!-- </PubmedArticle> --></AbstractText></Abstract>"
           "</Article></MedlineCitation></PubmedArticle>";
    for (int i = 3; i <= 2000; ++i)
      xml += article(std::to_string(i), "Record " + std::to_string(i) + " " + std::string(std::size_t(i % 997), 'z') + ".");
    xml += "</PubmedArticleSet>";
    Streamed streamed = stream_text(xml);
    CHECK(streamed.errors.empty());
    REQUIRE(streamed.works.size() == 2000);
    CHECK(streamed.works[0].abstract == abstract);
    CHECK(streamed.works[1].abstract == abstract);
    CHECK(streamed.works[1].title == "Big too.");
    for (int i = 3; i <= 2000; ++i) {
      const Work& work = streamed.works[static_cast<std::size_t>(i - 1)];
      if (work.pmid != std::to_string(i) ||
          work.title != "Record " + std::to_string(i) + " " + std::string(std::size_t(i % 997), 'z') + ".") {
        FAIL("record " << i << " differs: " << work.pmid.value_or("-"));
      }
    }
  }
}
