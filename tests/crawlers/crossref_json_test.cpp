// Crossref REST API responses: every recorded response in
// shared/fixtures/recorded/crossref (see its PROVENANCE.md), the fields the
// recordings do not show (built as small JSON bodies), bodies that are not
// Crossref responses at all, and the DOI encodings for requests.
#include <catch2/catch.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "litgraph/crawlers/crossref_json.h"
#include "test_support.h"

using litgraph::crawlers::crossref_doi_filter;
using litgraph::crawlers::crossref_work_path;
using litgraph::crawlers::CrossrefResult;
using litgraph::crawlers::parse_crossref_response;
using litgraph::schema::Source;
using litgraph::schema::UpdateNotice;
using litgraph::schema::Work;
using litgraph::test::read_file;
using litgraph::test::shared_path;
using Kind = CrossrefResult::Kind;

namespace {

std::string recorded(const std::string& name) {
  return read_file(shared_path("fixtures/recorded/crossref/" + name));
}

CrossrefResult parse_recorded(const std::string& name, int http_status = 200) {
  return parse_crossref_response(http_status, recorded(name));
}

// The one work of a /works/{doi} response.
Work only_work(const CrossrefResult& result) {
  INFO("error: " << result.error);
  REQUIRE(result.kind == Kind::kWork);
  REQUIRE(result.works.size() == 1);
  return result.works.front();
}

// A work response whose message holds `fields` (JSON members, no braces).
Work work_with(const std::string& fields) {
  return only_work(parse_crossref_response(
      200, R"({"status":"ok","message-type":"work","message-version":"1.0.0","message":{)" +
               fields + "}}"));
}

std::string shown(const std::optional<std::string>& value) { return value.value_or("<none>"); }
std::string shown(const char* value) { return value ? value : "<none>"; }
int or_zero(const std::optional<int>& value) { return value.value_or(0); }

std::vector<std::string> families(const Work& work) {
  std::vector<std::string> out;
  for (const auto& author : work.authors) out.push_back(author.family);
  return out;
}

std::vector<std::string> givens(const Work& work) {
  std::vector<std::string> out;
  for (const auto& author : work.authors) out.push_back(author.given);
  return out;
}

std::vector<std::string> dois(const CrossrefResult& result) {
  std::vector<std::string> out;
  for (const Work& work : result.works) out.push_back(shown(work.doi));
  return out;
}

std::set<std::string> field_names(const Work& work) {
  std::set<std::string> out;
  for (const auto& [field, source] : work.field_sources) out.insert(field);
  return out;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// ---------------------------------------------------------------- recorded works

namespace {

// The bibliographic fields of one recorded work; null: absent, 0: no number.
struct RecordedWork {
  const char* file;
  const char* doi;
  const char* title;
  const char* container;
  const char* container_short;
  int year, month, day;
  const char* volume;
  const char* issue;
  const char* pages;
  const char* first_page;
  const char* last_page;
  const char* language;
  const char* type;
  std::size_t authors;
  std::vector<std::string> issns;
};

const std::vector<RecordedWork> kRecordedWorks = {
    {"works_10.1371_journal.pone.0033693.json", "10.1371/journal.pone.0033693",
     "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the "
     "Basal Ganglia of Mice",
     "PLoS ONE", "PLoS ONE", 2012, 3, 21, "7", "3", "e33693", "e33693", nullptr, "eng",
     "journal-article", 6, {"1932-6203"}},
    {"works_10.1016_j.neurobiolaging.2010.03.024.json", "10.1016/j.neurobiolaging.2010.03.024",
     "Human umbilical cord blood-derived mesenchymal stem cells improve neuropathology and "
     "cognitive impairment in an Alzheimer's disease mouse model through modulation of "
     "neuroinflammation",
     "Neurobiology of Aging", "Neurobiology of Aging", 2012, 3, 0, "33", "3", "588-602", "588",
     "602", "eng", "journal-article", 11, {"0197-4580"}},
    // issued 1997-07 (print); published-online 2005 is the digitised back issue.
    {"works_10.1002_jor.1100150407.json", "10.1002/jor.1100150407",
     "Growth hormone secretagogue increases muscle strength during remobilization after canine "
     "hindlimb immobilization",
     "Journal of Orthopaedic Research", "Journal Orthopaedic Research", 1997, 7, 0, "15", "4",
     "519-527", "519", "527", "eng", "journal-article", 12, {"0736-0266", "1554-527X"}},
    // No "page": the article number stands in, as citations give it.
    {"works_10.1038_srep16696.json", "10.1038/srep16696",
     "Single-molecule FRET studies on alpha-synuclein oligomerization of Parkinson\u2019s disease "
     "genetically related mutants",
     "Scientific Reports", "Sci Rep", 2015, 11, 19, "5", "1", "16696", "16696", nullptr, "eng",
     "journal-article", 8, {"2045-2322"}},
    // issued [[null]] and nothing else but "created" (2004): no year.
    {"works_10.1109_icdcsw.2003.1203662.json", "10.1109/icdcsw.2003.1203662",
     "Accurate and explicit differentiation of wireless and congestion losses",
     "23rd International Conference on Distributed Computing Systems Workshops, 2003. "
     "Proceedings.",
     nullptr, 0, 0, 0, nullptr, nullptr, "877-882", "877", "882", nullptr, "proceedings-article",
     2, {}},
    {"works_10.3892_ijo_00000353.json", "10.3892/ijo_00000353",
     "Human bladder cancer cells undergo cisplatin-induced apoptosis that is associated with "
     "p53-dependent and p53-independent responses",
     "International Journal of Oncology", "Int J Oncol", 2009, 6, 26, nullptr, nullptr, nullptr,
     nullptr, nullptr, nullptr, "journal-article", 1, {"1019-6439"}},
    // issued 2020-08-17 (online first), published-print 2021-05: the issued year.
    {"works_10.1136_jclinpath-2020-206745.json", "10.1136/jclinpath-2020-206745",
     "Construction of a reference material panel for detecting KRAS/NRAS/EGFR/BRAF/MET mutations "
     "in plasma ctDNA",
     "Journal of Clinical Pathology", "J Clin Pathol", 2020, 8, 17, "74", "5", "314-320", "314",
     "320", "eng", "journal-article", 15, {"0021-9746", "1472-4146"}},
    {"works_10.1016_j.pediatrneurol.2015.06.002.json", "10.1016/j.pediatrneurol.2015.06.002",
     "Delay in Diagnosis of Spinal Muscular Atrophy: A Systematic Literature Review",
     "Pediatric Neurology", "Pediatric Neurology", 2015, 10, 0, "53", "4", "293-300", "293", "300",
     "eng", "journal-article", 3, {"0887-8994"}},
    {"works_10.3389_fgene.2017.00147.json", "10.3389/fgene.2017.00147",
     "An Algorithm for Template-Based Prediction of Secondary Structures of Individual RNA "
     "Sequences",
     "Frontiers in Genetics", "Front. Genet.", 2017, 10, 10, "8", nullptr, nullptr, nullptr,
     nullptr, nullptr, "journal-article", 3, {"1664-8021"}},
    {"works_10.4018_978-1-4666-9588-7.les2.json", "10.4018/978-1-4666-9588-7.les2",
     "\"Racial Epithet\"", "Impact of the Model Minority Stereotype on Modern Society", nullptr, 0,
     0, 0, nullptr, nullptr, "525-916", "525", "916", nullptr, "book-chapter", 1, {}},
};

}  // namespace

TEST_CASE("parse_crossref_response reads the fields of every recorded work", "[crossref]") {
  for (const RecordedWork& expected : kRecordedWorks) {
    INFO("file: " << expected.file);
    Work work = only_work(parse_recorded(expected.file));
    CHECK(shown(work.doi) == shown(expected.doi));
    CHECK(shown(work.title) == shown(expected.title));
    CHECK(shown(work.container) == shown(expected.container));
    CHECK(shown(work.container_short) == shown(expected.container_short));
    CHECK(or_zero(work.year) == expected.year);
    CHECK(or_zero(work.month) == expected.month);
    CHECK(or_zero(work.day) == expected.day);
    CHECK(shown(work.volume) == shown(expected.volume));
    CHECK(shown(work.issue) == shown(expected.issue));
    CHECK(shown(work.pages) == shown(expected.pages));
    CHECK(shown(work.first_page) == shown(expected.first_page));
    CHECK(shown(work.last_page) == shown(expected.last_page));
    CHECK(shown(work.language) == shown(expected.language));
    CHECK(work.type == expected.type);
    CHECK(work.authors.size() == expected.authors);
    CHECK(work.issns == expected.issns);
    CHECK_FALSE(work.pmid.has_value());
    for (const auto& [field, source] : work.field_sources) {
      INFO("field: " << field);
      CHECK(source == Source::kCrossref);
    }
  }
}

TEST_CASE("the PLOS ONE work is updated by a correction", "[crossref][notices]") {
  Work work = only_work(parse_recorded("works_10.1371_journal.pone.0033693.json"));
  REQUIRE(work.notices.size() == 1);
  const UpdateNotice& notice = work.notices.front();
  CHECK(notice.type == "correction");
  CHECK(notice.direction == "updated-by");
  CHECK(notice.doi == "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda");
  CHECK(notice.label == "Correction");
  CHECK(notice.year == 2012);
  CHECK(notice.source == Source::kCrossref);
  CHECK(notice.pmid.empty());
  CHECK(work.field_sources.count("notices") == 1);
  // The editor (Borlongan) is not an author.
  CHECK(families(work) ==
        std::vector<std::string>{"Sadasivan", "Pond", "Pani", "Qu", "Jiao", "Smeyne"});
}

TEST_CASE("relations that are not notices are ignored", "[crossref][notices]") {
  // neurobiolaging has-review, fgene has-preprint.
  for (const char* file :
       {"works_10.1016_j.neurobiolaging.2010.03.024.json", "works_10.3389_fgene.2017.00147.json"}) {
    INFO("file: " << file);
    Work work = only_work(parse_recorded(file));
    CHECK(work.notices.empty());
    CHECK(work.field_sources.count("notices") == 0);
  }
}

TEST_CASE("the neurobiolaging record keeps its 11 authors in order", "[crossref][authors]") {
  Work work = only_work(parse_recorded("works_10.1016_j.neurobiolaging.2010.03.024.json"));
  CHECK(families(work) == std::vector<std::string>{"Lee", "Lee", "Lee", "Carter", "Chang", "Oh",
                                                   "Yang", "Suh", "Lee", "Jin", "Bae"});
  CHECK(givens(work) ==
        std::vector<std::string>{"Hyun Ju", "Jong Kil", "Hyun", "Janet E.", "Jong Wook", "Wonil",
                                 "Yoon Sun", "Jun-Gyo", "Byoung-Hee", "Hee Kyung", "Jae-sung"});
  for (const auto& author : work.authors) {
    CHECK_FALSE(author.collective);
    CHECK(author.orcid.empty());
  }
}

TEST_CASE("authors: particles, no given name, ORCID URLs as bare ids", "[crossref][authors]") {
  Work srep = only_work(parse_recorded("works_10.1038_srep16696.json"));
  CHECK(srep.authors.at(4).family == "Dalla Serra");
  CHECK(srep.authors.at(4).given == "Mauro");
  CHECK(srep.authors.at(3).given == "Tuomas P. J.");

  Work ijo = only_work(parse_recorded("works_10.3892_ijo_00000353.json"));
  REQUIRE(ijo.authors.size() == 1);
  CHECK(ijo.authors[0].family == "Stravopodis");
  CHECK(ijo.authors[0].given.empty());

  Work pediatr = only_work(parse_recorded("works_10.1016_j.pediatrneurol.2015.06.002.json"));
  CHECK(pediatr.authors.at(0).family == "Lin");
  CHECK(pediatr.authors.at(0).orcid == "0000-0001-9219-2449");  // was http://orcid.org/…
  CHECK(pediatr.authors.at(1).orcid.empty());

  Work jclinpath = only_work(parse_recorded("works_10.1136_jclinpath-2020-206745.json"));
  CHECK(jclinpath.authors.at(13).family == "Yang");
  CHECK(jclinpath.authors.at(13).orcid == "0000-0002-3513-6501");  // was https://orcid.org/…
  CHECK(jclinpath.authors.back().family == "Huang");

  Work fgene = only_work(parse_recorded("works_10.3389_fgene.2017.00147.json"));
  CHECK(families(fgene) == std::vector<std::string>{"P\u00E1nek", "Modr\u00E1k", "Schwarz"});

  // "Donald Hora Jr.": the work schema has no suffix; the name stays whole.
  Work jor = only_work(parse_recorded("works_10.1002_jor.1100150407.json"));
  CHECK(jor.authors.at(8).family == "Hora");
  CHECK(jor.authors.at(8).given == "Donald");
}

TEST_CASE("subjects become keywords", "[crossref]") {
  Work pediatr = only_work(parse_recorded("works_10.1016_j.pediatrneurol.2015.06.002.json"));
  CHECK(pediatr.keywords ==
        std::vector<std::string>{"Neurology (clinical)", "Developmental Neuroscience", "Neurology",
                                 "Pediatrics, Perinatology and Child Health"});
  Work fgene = only_work(parse_recorded("works_10.3389_fgene.2017.00147.json"));
  CHECK(fgene.keywords ==
        std::vector<std::string>{"Genetics (clinical)", "Genetics", "Molecular Medicine"});
  Work plos = only_work(parse_recorded("works_10.1371_journal.pone.0033693.json"));
  CHECK(plos.keywords.empty());  // "subject": []
  CHECK(plos.field_sources.count("keywords") == 0);
}

TEST_CASE("a JATS abstract loses its markup and its 'Abstract' heading", "[crossref][abstract]") {
  Work jor = only_work(parse_recorded("works_10.1002_jor.1100150407.json"));
  REQUIRE(jor.abstract);
  const std::string& text = *jor.abstract;
  CHECK(starts_with(text, "Twenty\u2010two beagles were divided into two equal groups"));
  CHECK(ends_with(text, "during rehabilitation after prolonged inactivity."));
  CHECK(text.find("(p < 0.001)") != std::string::npos);  // &lt; decoded
  CHECK(text.find("(p > 0.7)") != std::string::npos);
  CHECK(text.find('<') == text.find("< 0.001"));  // no tag left
  CHECK(text.find("jats") == std::string::npos);

  Work srep = only_work(parse_recorded("works_10.1038_srep16696.json"));
  REQUIRE(srep.abstract);
  CHECK(starts_with(*srep.abstract, "Oligomers of alpha-synuclein are toxic to cells"));
  CHECK(ends_with(*srep.abstract, "for triggering neurodegeneration."));
  CHECK(srep.abstract->find("F\u00F6rster Resonance Energy Transfer") != std::string::npos);
}

TEST_CASE("a structured JATS abstract keeps its section titles and no layout spaces",
          "[crossref][abstract]") {
  Work work = only_work(parse_recorded("works_10.1136_jclinpath-2020-206745.json"));
  REQUIRE(work.abstract);
  const std::string& text = *work.abstract;
  CHECK(starts_with(text, "Background: The absence of high-quality next-generation sequencing"));
  CHECK(text.find("in China. Objective: This study aimed") != std::string::npos);
  // Indented <jats:italic> inside brackets and around slashes.
  CHECK(text.find("Kirsten rat sarcoma viral oncogene (KRAS)/neuroblastoma ras oncogene (NRAS)/") !=
        std::string::npos);
  CHECK(text.find("six mutations in KRAS, two mutations in NRAS, three in BRAF") !=
        std::string::npos);
  CHECK(text.find("one EGFR Gain (4-5 copy) and one MET Gain (2-5 copy).") != std::string::npos);
  CHECK(ends_with(text, "Conclusion: RM for a KRAS/NRAS/EGFR/BRAF/MET mutation panel for plasma "
                        "ctDNA was developed, which will be essential for quality control of the "
                        "performance of independent laboratories."));
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.find("  ") == std::string::npos);
  CHECK(text.find('<') == std::string::npos);
}

TEST_CASE("the date is the issued date: [[null]] gives none and 'created' is never used",
          "[crossref][dates]") {
  // Both have issued [[null]] and a "created" date (2004, 2015) only.
  for (const char* file :
       {"works_10.1109_icdcsw.2003.1203662.json", "works_10.4018_978-1-4666-9588-7.les2.json"}) {
    INFO("file: " << file);
    Work work = only_work(parse_recorded(file));
    CHECK_FALSE(work.year);
    CHECK_FALSE(work.month);
    CHECK_FALSE(work.day);
    CHECK(work.field_sources.count("year") == 0);
  }
  // Issued 2020-08-17 online first, printed 2021-05 in volume 74.
  Work jclinpath = only_work(parse_recorded("works_10.1136_jclinpath-2020-206745.json"));
  CHECK(jclinpath.year == 2020);
  CHECK(jclinpath.month == 8);
}

TEST_CASE("empty subtitles and titles repeated as original-title are not other titles",
          "[crossref][titles]") {
  Work les2 = only_work(parse_recorded("works_10.4018_978-1-4666-9588-7.les2.json"));
  CHECK(les2.other_titles.empty());  // "subtitle": [""]
  CHECK(les2.field_sources.count("container_short") == 0);  // "short-container-title": []
  auto rows2 = parse_recorded("works_query_ecology_rows2.json");
  REQUIRE(rows2.works.size() == 2);
  CHECK(rows2.works[0].other_titles.empty());  // original-title == title
}

TEST_CASE("field_sources names exactly the fields a work filled", "[crossref]") {
  Work srep = only_work(parse_recorded("works_10.1038_srep16696.json"));
  CHECK(field_names(srep) == std::set<std::string>{"abstract", "authors", "container",
                                                   "container_short", "day", "doi", "first_page",
                                                   "issns", "issue", "language", "month",
                                                   "online_year", "pages", "title", "type", "volume",
                                                   "year"});
  CHECK(srep.online_year == 2015);  // "published-online"; no print issue
  CHECK(!srep.print_year);
  Work icdcsw = only_work(parse_recorded("works_10.1109_icdcsw.2003.1203662.json"));
  CHECK(field_names(icdcsw) == std::set<std::string>{"authors", "container", "doi", "first_page",
                                                     "last_page", "pages", "title", "type"});
}

// ---------------------------------------------------------------- recorded lists

TEST_CASE("a work list: total-results and its items", "[crossref][list]") {
  auto result = parse_recorded("works_query_ecology_rows2.json");
  REQUIRE(result.kind == Kind::kWorkList);
  CHECK(result.total_results == 586628);
  CHECK(result.next_cursor.empty());
  CHECK(dois(result) ==
        std::vector<std::string>{"10.1093/obo/9780199830060-0238", "10.1093/obo/9780199830060-0023"});
  const Work& first = result.works[0];
  CHECK(shown(first.title) == "Communicating Ecology");
  CHECK(shown(first.container) == "Ecology");
  CHECK(first.type == "reference-entry");
  CHECK(first.authors.empty());
  CHECK(first.year == 2022);
  // A plain <p> abstract, no JATS namespace.
  REQUIRE(first.abstract);
  CHECK(starts_with(*first.abstract, "Communication is perhaps the most important"));
  CHECK(ends_with(*first.abstract, "improvement of ecological communication."));
  const Work& second = result.works[1];
  REQUIRE(second.authors.size() == 1);
  CHECK(second.authors[0].family == "Kessler");
  CHECK(second.authors[0].given == "Andr\u00E9");
  REQUIRE(second.abstract);
  CHECK(starts_with(*second.abstract, "\u201COurs is a world of sights and sounds."));
}

TEST_CASE("a select=DOI,title list gives works with a DOI and a title only", "[crossref][list]") {
  auto result = parse_recorded("works_query_ecology_select_DOI_title.json");
  REQUIRE(result.kind == Kind::kWorkList);
  CHECK(result.total_results == 586628);
  REQUIRE(result.works.size() == 20);
  CHECK(shown(result.works.front().doi) == "10.1093/obo/9780199830060-0238");
  CHECK(shown(result.works.front().title) == "Communicating Ecology");
  CHECK(shown(result.works.back().doi) == "10.1093/obo/9780199830060-0243");
  CHECK(shown(result.works.back().title) == "Urban Forest Ecology");
  for (const Work& work : result.works) {
    CHECK(field_names(work) == std::set<std::string>{"doi", "title"});
    CHECK(work.type.empty());
    CHECK_FALSE(work.year);
  }
}

TEST_CASE("a cursor page carries next-cursor", "[crossref][list]") {
  auto result = parse_recorded("works_query_widget_cursor_star.json");
  REQUIRE(result.kind == Kind::kWorkList);
  CHECK(result.total_results == 454);
  CHECK(result.next_cursor.size() == 1512);
  CHECK(starts_with(result.next_cursor, "DnF1ZXJ5VGhlbkZldGNoJAAA"));
  CHECK(ends_with(result.next_cursor, "LTgwZw=="));
  REQUIRE(result.works.size() == 20);
  CHECK(shown(result.works[0].doi) == "10.1007/978-1-4302-0197-7_9");
  CHECK_FALSE(result.works[0].year);  // issued [[null]]
  CHECK(result.works[2].year == 2020);  // [[2020]]
  CHECK_FALSE(result.works[2].month);
  CHECK(result.works[5].year == 2009);  // [[2009, 9]]
  CHECK(result.works[5].month == 9);
  CHECK_FALSE(result.works[5].day);
  // A DOI with two slashes.
  CHECK(shown(result.works[18].doi) == "10.1016/b978-155860802-3/50012-0");
  const Work& post = result.works[19];
  CHECK(post.type == "posted-content");
  REQUIRE(post.authors.size() == 1);
  CHECK(post.authors[0].orcid == "0000-0001-7542-0286");
  CHECK(shown(post.abstract) ==
        "In addition to this Swing-based screenshot of JChemPaint , here's a SWT widget in action "
        "(lower right corner):");
  CHECK(shown(post.container) == "<none>");
}

TEST_CASE("a sample list: an issue record without title", "[crossref][list]") {
  auto result = parse_recorded("works_sample_2.json");
  REQUIRE(result.kind == Kind::kWorkList);
  CHECK(result.total_results == 2);
  REQUIRE(result.works.size() == 2);
  const Work& article = result.works[0];
  CHECK(shown(article.title) == "Ic\u00F4nes");
  CHECK(shown(article.volume) == "n\u00B0 95");
  CHECK(shown(article.pages) == "1-235");
  CHECK(article.other_titles.empty());  // "subtitle": [""]
  const Work& issue = result.works[1];
  CHECK(issue.type == "journal-issue");
  CHECK_FALSE(issue.title);
  CHECK(shown(issue.issue) == "03");
  CHECK(issue.issns == std::vector<std::string>{"2247-8051", "2247-806X"});
}

TEST_CASE("an empty list has total-results 0 and is not an error", "[crossref][list]") {
  auto result = parse_recorded("works_query_adfaaf_empty.json");
  CHECK(result.kind == Kind::kWorkList);
  CHECK(result.works.empty());
  CHECK(result.total_results == 0);
  CHECK(result.error.empty());
}

// ---------------------------------------------------------------- recorded errors

namespace {

struct RecordedError {
  const char* file;
  int http_status;
  Kind kind;
  const char* error;
};

}  // namespace

TEST_CASE("recorded error responses give their message", "[crossref][errors]") {
  const RecordedError cases[] = {
      {"works_404_10.1371_notarealdoi.txt", 404, Kind::kNotFound, "Resource not found."},
      {"works_404_invalid_cursor.json", 404, Kind::kNotFound, "Cursor specified but it is invalid"},
      {"works_400_field_query_with_doi.json", 400, Kind::kError,
       "HTTP 400: This route does not support field query parameters"},
      {"works_400_sample_200.json", 400, Kind::kError,
       "HTTP 400: Integer specified as 200 but must be a positive integer less than or equal to "
       "100."},
      {"works_500_exception_cursor_5.json", 500, Kind::kError,
       "HTTP 500: clojure.lang.ExceptionInfo: Response Exception qbits.spandex.Response@40533e24"},
      // The same bodies under a 200: still errors, without the status.
      {"works_500_exception_cursor_5.json", 200, Kind::kError,
       "clojure.lang.ExceptionInfo: Response Exception qbits.spandex.Response@40533e24"},
      {"works_400_sample_200.json", 200, Kind::kError,
       "Integer specified as 200 but must be a positive integer less than or equal to 100."},
      {"works_404_10.1371_notarealdoi.txt", 200, Kind::kError, "Resource not found."},
      // /works/{doi}/agency answers a "work-agency", which is not a work.
      {"works_agency_10.1126_science.169.3946.635.json", 200, Kind::kError,
       "unexpected response: status \"ok\", message-type \"work-agency\""},
  };
  for (const RecordedError& expected : cases) {
    INFO("file: " << expected.file << ", HTTP " << expected.http_status);
    auto result = parse_recorded(expected.file, expected.http_status);
    CHECK(result.kind == expected.kind);
    CHECK(result.error == expected.error);
    CHECK(result.works.empty());
  }
}

TEST_CASE("several validation messages are joined", "[crossref][errors]") {
  auto result = parse_crossref_response(
      400, R"({"status":"failed","message-type":"validation-failure","message":[)"
           R"({"type":"integer-not-valid","value":"-1","message":"Integer specified as -1 but must be a positive integer."},)"
           R"({"type":"parameter-not-allowed","value":"foo","message":"Parameter foo specified but is not allowed"}]})");
  CHECK(result.kind == Kind::kError);
  CHECK(result.error ==
        "HTTP 400: Integer specified as -1 but must be a positive integer.; Parameter foo "
        "specified but is not allowed");
}

TEST_CASE("HTML pages are errors named by their title", "[crossref][errors]") {
  std::string not_found =
      read_file(shared_path("fixtures/recorded/doi-csl/doi.org_404_10.1126_foo.html"));
  auto result = parse_crossref_response(404, not_found);
  CHECK(result.kind == Kind::kNotFound);
  CHECK(result.error == "HTML page instead of JSON: Error: DOI Not Found");

  std::string redirect = read_file(shared_path(
      "fixtures/recorded/doi-csl/doi.org_302_handle_redirect_10.1126_science.169.3946.635.html"));
  result = parse_crossref_response(302, redirect);
  CHECK(result.kind == Kind::kError);
  CHECK(result.error == "HTTP 302: HTML page instead of JSON: Handle Redirect");

  result = parse_crossref_response(503, "<html><body>Service Unavailable</body></html>");
  CHECK(result.kind == Kind::kError);
  CHECK(result.error == "HTTP 503: HTML page instead of JSON");
}

// ---------------------------------------------------------------- malformed bodies

TEST_CASE("bodies that are not Crossref responses give kError", "[crossref][malformed]") {
  const std::string srep = recorded("works_10.1038_srep16696.json");
  struct Case {
    const char* name;
    std::string body;
    const char* error;  // the start of the message
  };
  const Case cases[] = {
      {"truncated", srep.substr(0, srep.size() / 2), "malformed JSON at byte"},
      {"truncated before the last brace", srep.substr(0, srep.find_last_of('}')),
       "malformed JSON at byte"},
      {"empty", "", "empty response body"},
      {"white space", " \r\n\t ", "empty response body"},
      {"HTML", "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>",
       "HTML page instead of JSON: 502 Bad Gateway"},
      {"plain text", "Rate limit exceeded\nretry later", "Rate limit exceeded"},
      {"an array", "[" + srep + "]", "expected a JSON object, got an array"},
      {"a number", "42", "expected a JSON object, got a number"},
      {"null", "null", "expected a JSON object, got null"},
      {"an object without status", "{}", "unexpected response: status \"\", message-type \"\""},
      {"trailing garbage", srep + "}", "malformed JSON at byte"},
      {"nesting without end", std::string(100000, '['), "malformed JSON at byte"},
      {"title a number", R"({"status":"ok","message-type":"work","message":{"title":5}})",
       "unexpected JSON in a Crossref work: message.title: expected an array, got a number"},
      {"title of numbers", R"({"status":"ok","message-type":"work","message":{"title":[5]}})",
       "unexpected JSON in a Crossref work: message.title[0]: expected a string, got a number"},
      {"DOI an array", R"({"status":"ok","message-type":"work","message":{"DOI":["10.1/x"]}})",
       "unexpected JSON in a Crossref work: message.DOI: expected a string, got an array"},
      {"author an object",
       R"({"status":"ok","message-type":"work","message":{"author":{"family":"Lee"}}})",
       "unexpected JSON in a Crossref work: message.author: expected an array, got an object"},
      {"family a number",
       R"({"status":"ok","message-type":"work","message":{"author":[{"family":7}]}})",
       "unexpected JSON in a Crossref work: message.author[0].family: expected a string, got a "
       "number"},
      {"date-parts of strings",
       R"({"status":"ok","message-type":"work","message":{"issued":{"date-parts":[["2012"]]}}})",
       "unexpected JSON in a Crossref work: message.issued.date-parts[0][0]: expected an integer, "
       "got a string"},
      {"date-parts flat",
       R"({"status":"ok","message-type":"work","message":{"issued":{"date-parts":[2012]}}})",
       "unexpected JSON in a Crossref work: message.issued.date-parts[0]: expected an array, got "
       "a number"},
      {"message a string", R"({"status":"ok","message-type":"work","message":"hello"})",
       "unexpected JSON in a Crossref work: message: expected an object, got a string"},
      {"message missing", R"({"status":"ok","message-type":"work"})",
       "unexpected JSON in a Crossref work: message: missing"},
      {"items missing", R"({"status":"ok","message-type":"work-list","message":{}})",
       "unexpected JSON in a Crossref work-list: message.items: missing"},
      {"an item a string",
       R"({"status":"ok","message-type":"work-list","message":{"items":[{"title":["A"]},"B"]}})",
       "unexpected JSON in a Crossref work-list: message.items[1]: expected an object, got a "
       "string"},
      {"total-results a string",
       R"({"status":"ok","message-type":"work-list","message":{"items":[],"total-results":"9"}})",
       "unexpected JSON in a Crossref work-list: message.total-results: expected an integer, got a "
       "string"},
      {"status a number", R"({"status":1,"message-type":"work","message":{}})",
       "unexpected JSON in a Crossref response: status: expected a string, got a number"},
  };
  for (const Case& c : cases) {
    INFO("case: " << c.name);
    auto result = parse_crossref_response(200, c.body);
    CHECK(result.kind == Kind::kError);
    CHECK(starts_with(result.error, c.error));
    INFO("error: " << result.error);
    CHECK(result.works.empty());
  }
}

TEST_CASE("every truncation of a recorded work is an error, never a crash",
          "[crossref][malformed]") {
  const std::string body = recorded("works_10.3892_ijo_00000353.json");
  std::size_t end = body.find_last_of('}') + 1;
  for (std::size_t size = 0; size < end; ++size) {
    auto result = parse_crossref_response(200, std::string_view(body).substr(0, size));
    if (result.kind != Kind::kError) FAIL("prefix of " << size << " bytes gave no error");
  }
  CHECK(parse_crossref_response(200, body.substr(0, end)).kind == Kind::kWork);
}

// ---------------------------------------------------------------- fields in JSON bodies

TEST_CASE("update-to makes the work a notice about another", "[crossref][notices]") {
  Work work = work_with(
      R"("DOI":"10.1234/RETRACTION.1","type":"journal-article",)"
      R"("title":["Retraction Note: A study"],)"
      R"("update-to":[{"updated":{"date-parts":[[2020,1,2]]},"DOI":"10.1234/Original.9",)"
      R"("type":"retraction","source":"publisher","label":"Retraction"}])");
  CHECK(shown(work.doi) == "10.1234/retraction.1");
  REQUIRE(work.notices.size() == 1);
  const UpdateNotice& notice = work.notices[0];
  CHECK(notice.direction == "update-to");
  CHECK(notice.type == "retraction");
  CHECK(notice.doi == "10.1234/original.9");
  CHECK(notice.label == "Retraction");
  CHECK(notice.year == 2020);
}

TEST_CASE("updated-by, relations and their duplicates", "[crossref][notices]") {
  Work work = work_with(
      R"("DOI":"10.1234/a",)"
      R"("updated-by":[)"
      R"({"DOI":"10.1234/eoc","type":"expression_of_concern","source":"retraction-watch",)"
      R"("label":"Expression of concern","updated":{"date-parts":[[null]]}},)"
      R"({"DOI":"10.1234/retraction","type":"retraction","label":"Retraction"}],)"
      R"("relation":{)"
      R"("is-retracted-by":[{"id-type":"doi","id":"10.1234/RETRACTION","asserted-by":"subject"}],)"
      R"("has-correction":[{"id-type":"doi","id":"10.1234/corr","asserted-by":"subject"}],)"
      R"("is-preprint-of":[{"id-type":"doi","id":"10.1234/journal","asserted-by":"subject"}],)"
      R"("has-comment":[{"id-type":"pmid","id":"12345678","asserted-by":"object"}]})");
  REQUIRE(work.notices.size() == 4);
  CHECK(work.notices[0].type == "expression-of-concern");
  CHECK(work.notices[0].doi == "10.1234/eoc");
  CHECK_FALSE(work.notices[0].year);
  CHECK(work.notices[1].type == "retraction");
  CHECK(work.notices[1].doi == "10.1234/retraction");  // is-retracted-by repeats it
  CHECK(work.notices[2].type == "correction");
  CHECK(work.notices[2].direction == "updated-by");
  CHECK(work.notices[2].doi == "10.1234/corr");
  CHECK(work.notices[2].label.empty());
  CHECK(work.notices[3].type == "comment");
  CHECK(work.notices[3].doi.empty());
  CHECK(work.notices[3].pmid == "12345678");
}

TEST_CASE("organisations are collective authors", "[crossref][authors]") {
  Work work = work_with(
      R"("author":[{"name":"Guideline Development Panel","sequence":"first","affiliation":[]},)"
      R"({"given":"Ana","family":"  Silva ","ORCID":"https://orcid.org/0000-0002-1825-009x"},)"
      R"({"given":"Prince"},{"ORCID":"0000-0002-1825-0097"},)"
      R"({"given":"B.","family":"Bad","ORCID":"https://orcid.org/not-an-orcid-id-at-all"}])");
  REQUIRE(work.authors.size() == 4);  // the one with only an ORCID has no name
  CHECK(work.authors[0].family == "Guideline Development Panel");
  CHECK(work.authors[0].collective);
  CHECK(work.authors[1].family == "Silva");
  CHECK_FALSE(work.authors[1].collective);
  CHECK(work.authors[1].orcid == "0000-0002-1825-009X");
  CHECK(work.authors[2].family == "Prince");
  CHECK(work.authors[2].given.empty());
  CHECK(work.authors[3].orcid.empty());
}

TEST_CASE("date-parts of every shape, and which date counts", "[crossref][dates]") {
  struct Case {
    const char* dates;
    int year, month, day;
  };
  const Case cases[] = {
      {R"("issued":{"date-parts":[[2019]]})", 2019, 0, 0},
      {R"("issued":{"date-parts":[[2019,4]]})", 2019, 4, 0},
      {R"("issued":{"date-parts":[[2019,4,5]]})", 2019, 4, 5},
      {R"("issued":{"date-parts":[[null]]})", 0, 0, 0},
      {R"("issued":{"date-parts":[]})", 0, 0, 0},
      {R"("issued":{"date-parts":[[2019,13]]})", 2019, 0, 0},
      {R"("issued":{"date-parts":[[2019,null,5]]})", 2019, 0, 0},
      {R"("issued":{"date-parts":[[2019,2]]},"published-print":{"date-parts":[[2020,5,1]]})", 2019,
       2, 0},
      {R"("issued":{"date-parts":[[null]]},"published-online":{"date-parts":[[2018,3,1]]})", 2018,
       3, 1},
      {R"("published-print":{"date-parts":[[2017]]},"published-online":{"date-parts":[[2016]]})",
       2017, 0, 0},
      {R"("created":{"date-parts":[[2004,6,22]]},"deposited":{"date-parts":[[2004,6,22]]})", 0, 0,
       0},
  };
  for (const Case& c : cases) {
    INFO("dates: " << c.dates);
    Work work = work_with(c.dates);
    CHECK(or_zero(work.year) == c.year);
    CHECK(or_zero(work.month) == c.month);
    CHECK(or_zero(work.day) == c.day);
  }
}

TEST_CASE("pages and article numbers", "[crossref][pages]") {
  struct Case {
    const char* fields;
    const char* pages;
    const char* first_page;
    const char* last_page;
  };
  const Case cases[] = {
      {R"("page":"521-546")", "521-546", "521", "546"},
      {R"("page":"357-67")", "357-67", "357", "367"},
      {R"("page":"1021-9")", "1021-9", "1021", "1029"},
      {R"("page":"e26-32")", "e26-32", "e26", "e32"},
      {R"("page":"S12-S20")", "S12-S20", "S12", "S20"},
      {R"("page":"521\u2013546")", "521-546", "521", "546"},
      {R"("page":"e33693")", "e33693", "e33693", nullptr},
      {R"("page":"1-5, 7")", "1-5, 7", nullptr, nullptr},
      {R"("page":"i-xii")", "i-xii", nullptr, nullptr},
      {R"("page":" ")", nullptr, nullptr, nullptr},
      {R"("article-number":"063006")", "063006", "063006", nullptr},
      {R"("page":"1-12","article-number":"063006")", "1-12", "1", "12"},
  };
  for (const Case& c : cases) {
    INFO("fields: " << c.fields);
    Work work = work_with(c.fields);
    CHECK(shown(work.pages) == shown(c.pages));
    CHECK(shown(work.first_page) == shown(c.first_page));
    CHECK(shown(work.last_page) == shown(c.last_page));
  }
}

TEST_CASE("markup in abstracts and titles becomes plain text", "[crossref][abstract]") {
  struct Case {
    const char* name;
    const char* markup;  // a JSON string's content
    const char* text;
  };
  const Case cases[] = {
      {"heading", "<jats:title>Abstract</jats:title><jats:p>Text.</jats:p>", "Text."},
      {"heading in capitals", "<jats:title>ABSTRACT</jats:title> <jats:p>Text.</jats:p>", "Text."},
      {"sections",
       "<jats:sec><jats:title>Methods</jats:title><jats:p>We did.</jats:p></jats:sec>"
       "<jats:sec><jats:title>Results:</jats:title><jats:p>It worked.</jats:p></jats:sec>",
       "Methods: We did. Results: It worked."},
      {"paragraphs", "<jats:p>First.</jats:p><jats:p>Second.</jats:p>", "First. Second."},
      {"entities", "<jats:p>p &lt; 0.05 &amp; &#x3B1;&#946; &quot;q&quot; &apos;a&apos;</jats:p>",
       "p < 0.05 & \u03B1\u03B2 \"q\" 'a'"},
      {"no-break space", "<p>10&nbsp;mg</p>", "10 mg"},
      {"unknown and invalid references", "<p>&foo; &#0; &#xD800; &#x110000; &# &</p>",
       "&foo; &#0; &#xD800; &#x110000; &# &"},
      {"inline markup", "<jats:p>H<jats:sub>2</jats:sub>O and <jats:italic>E. coli</jats:italic></jats:p>",
       "H2O and E. coli"},
      {"a bare less-than", "<p>p < 0.05 and x<1</p>", "p < 0.05 and x<1"},
      {"an unclosed tag", "<jats:p>text <jats:italic", "text <jats:italic"},
      {"a comment", "<p>a<!-- note -->b<!-- unclosed", "ab"},
      {"a line break element", "<p>line one<break/>line two</p>", "line one line two"},
      {"MathML", "<p>where <mml:math><mml:mi>x</mml:mi><mml:mo>=</mml:mo><mml:mn>2</mml:mn></mml:math></p>",
       "where x=2"},
  };
  for (const Case& c : cases) {
    INFO("case: " << c.name);
    std::string escaped;
    for (const char* p = c.markup; *p; ++p) {
      if (*p == '"' || *p == '\\') escaped += '\\';
      escaped += *p;
    }
    Work work = work_with("\"abstract\":\"" + escaped + "\",\"title\":[\"" + escaped + "\"]");
    CHECK(shown(work.abstract) == c.text);
    CHECK(shown(work.title) == c.text);
  }
  Work blank = work_with(R"("abstract":"<jats:p>  </jats:p>","title":["<i></i>"])");
  CHECK_FALSE(blank.abstract);
  CHECK_FALSE(blank.title);
  CHECK(blank.field_sources.empty());
}

TEST_CASE("titles, subtitles and containers", "[crossref][titles]") {
  Work work = work_with(
      R"("title":["Bone &amp; joint <i>in vivo</i>","Os et articulation"],)"
      R"("subtitle":["","A review"],"original-title":["Os et articulation"],)"
      R"("short-title":["Bone & joint"],)"
      R"("container-title":["The Journal of Bone and Joint Surgery","JBJS"],)"
      R"("short-container-title":["J Bone Joint Surg"],"ISSN":["0021-9355","0021-9355"])");
  CHECK(shown(work.title) == "Bone & joint in vivo");
  CHECK(work.other_titles ==
        std::vector<std::string>{"Os et articulation", "A review", "Bone & joint"});
  CHECK(shown(work.container) == "The Journal of Bone and Joint Surgery");
  CHECK(shown(work.container_short) == "J Bone Joint Surg");
  CHECK(work.issns == std::vector<std::string>{"0021-9355"});
}

TEST_CASE("language codes become PubMed's three letters", "[crossref]") {
  const std::pair<const char*, const char*> cases[] = {
      {"en", "eng"}, {"EN", "eng"}, {"en-GB", "eng"}, {"de", "ger"}, {"nb", "nor"},
      {"zh", "chi"}, {"xx", "xx"},  {"eng", "eng"},
  };
  for (const auto& [given, expected] : cases) {
    INFO("language: " << given);
    CHECK(shown(work_with(std::string(R"("language":")") + given + "\"").language) == expected);
  }
}

// ---------------------------------------------------------------- requests

TEST_CASE("crossref_work_path percent-encodes a DOI for the path", "[crossref][request]") {
  const std::pair<const char*, const char*> cases[] = {
      {"10.1371/journal.pone.0033693", "/works/10.1371/journal.pone.0033693"},
      {"10.1016/b978-155860802-3/50012-0", "/works/10.1016/b978-155860802-3/50012-0"},
      {"10.1002/(SICI)1097-0274(199909)36:1+<1::AID-AJIM2>3.0.CO;2-0",
       "/works/10.1002/%28SICI%291097-0274%28199909%2936%3A1%2B%3C1%3A%3AAID-AJIM2%3E3.0.CO%3B2-0"},
      {"10.1000/456#789", "/works/10.1000/456%23789"},
      {"10.1000/a b?c%d\"e", "/works/10.1000/a%20b%3Fc%25d%22e"},
      {"10.1000/x&y=z,w", "/works/10.1000/x%26y%3Dz%2Cw"},
      {"10.1000/caf\u00E9", "/works/10.1000/caf%C3%A9"},
      {"10.1000/a_b~c", "/works/10.1000/a_b~c"},
      // A slash that would make an empty, "." or ".." segment is encoded.
      {"10.36652/0042-4633-2023-102-5-404-413/", "/works/10.36652/0042-4633-2023-102-5-404-413%2F"},
      {"10.1000//x", "/works/10.1000%2F%2Fx"},
      {"10.1000/./x", "/works/10.1000%2F.%2Fx"},
      {"10.1000/../x", "/works/10.1000%2F..%2Fx"},
      {"", "/works/"},
  };
  for (const auto& [doi, path] : cases) {
    INFO("doi: " << doi);
    CHECK(crossref_work_path(doi) == path);
  }
}

TEST_CASE("crossref_doi_filter leaves out DOIs with a comma", "[crossref][request]") {
  auto filter = crossref_doi_filter(
      {"10.1371/journal.pone.0033693", "10.1002/(SICI)1097-0274(199909)36:1,2<1::AID>3.0.CO;2-0",
       " ", "10.1038/srep16696"});
  CHECK(filter.value == "doi:10.1371/journal.pone.0033693,doi:10.1038/srep16696");
  CHECK(filter.rejected ==
        std::vector<std::string>{"10.1002/(SICI)1097-0274(199909)36:1,2<1::AID>3.0.CO;2-0", " "});

  auto none = crossref_doi_filter({"10.1/a,b"});
  CHECK(none.value.empty());
  CHECK(none.rejected == std::vector<std::string>{"10.1/a,b"});
  auto empty = crossref_doi_filter({});
  CHECK(empty.value.empty());
  CHECK(empty.rejected.empty());
}
