// Exporters, on real records: works parsed from recorded Crossref and PubMed
// responses (shared/fixtures/recorded, see its PROVENANCE.md) and from
// reference strings of PubMed reference lists
// (shared/data/citations/pubmed_referencelist_AD.tsv.gz).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "litgraph/checker/export.h"
#include "litgraph/crawlers/crossref_json.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/crawlers/references.h"
#include "test_support.h"

using litgraph::checker::citation_keys;
using litgraph::checker::ExportEntry;
using litgraph::checker::to_bibtex;
using litgraph::checker::to_csl_json;
using litgraph::checker::to_ris;
using litgraph::checker::work_from_reference;
using litgraph::crawlers::CrossrefResult;
using litgraph::schema::Source;
using litgraph::schema::Work;
using litgraph::test::read_file;
using litgraph::test::shared_path;

namespace {

// The one work of a recorded GET /works/{doi} response.
Work crossref_work(const std::string& name) {
  CrossrefResult result = litgraph::crawlers::parse_crossref_response(
      200, read_file(shared_path("fixtures/recorded/crossref/" + name)));
  INFO(name << ": " << result.error);
  REQUIRE(result.kind == CrossrefResult::Kind::kWork);
  REQUIRE(result.works.size() == 1);
  return result.works.front();
}

// The works of a recorded GET /works?… page.
std::vector<Work> crossref_works(const std::string& name) {
  CrossrefResult result = litgraph::crawlers::parse_crossref_response(
      200, read_file(shared_path("fixtures/recorded/crossref/" + name)));
  INFO(name << ": " << result.error);
  REQUIRE(result.kind == CrossrefResult::Kind::kWorkList);
  return result.works;
}

// The one record of a recorded efetch response.
Work pubmed_work(const std::string& name) {
  auto result = litgraph::crawlers::parse_pubmed_xml(
      read_file(shared_path("fixtures/recorded/pubmed/" + name)));
  REQUIRE(result.errors.empty());
  REQUIRE(result.works.size() == 1);
  return result.works.front();
}

Work cited(const std::string& entry) {
  return work_from_reference(litgraph::crawlers::parse_reference(entry));
}

// Entries with the keys citation_keys() gives them.
std::vector<ExportEntry> entries_for(const std::vector<Work>& works) {
  std::vector<std::string> keys = citation_keys(works);
  std::vector<ExportEntry> entries;
  for (std::size_t i = 0; i < works.size(); ++i) entries.push_back({works[i], keys[i]});
  return entries;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool has_line(const std::string& text, const std::string& line) {
  std::vector<std::string> lines = lines_of(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// The line of a BibTeX field ("  title = {…},"), or "" without one.
std::string bibtex_field(const std::string& bibtex, const std::string& name) {
  for (const std::string& line : lines_of(bibtex))
    if (line.rfind("  " + name + " = ", 0) == 0) return line;
  return "";
}

// True when every brace that TeX sees (not written as \{ or \}) is closed.
bool braces_balanced(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

// RIS records split at their "ER  - " lines, each as its lines.
std::vector<std::vector<std::string>> ris_records(const std::string& ris) {
  std::vector<std::vector<std::string>> records(1);
  for (const std::string& line : lines_of(ris)) {
    if (line.empty()) continue;
    records.back().push_back(line);
    if (line == "ER  - ") records.emplace_back();
  }
  records.pop_back();
  return records;
}

std::string shown(const std::optional<std::string>& value) { return value.value_or("<none>"); }

constexpr const char* kZarate =
    "Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an N-methyl-D-aspartate "
    "antagonist in treatment-resistant major depression. Arch Gen Psychiatry. "
    "2006;63(8):856-864.";

}  // namespace

// ------------------------------------------------------------ work_from_reference

TEST_CASE("work_from_reference takes the fields a Vancouver citation gives",
          "[checker][export]") {
  Work work = cited(kZarate);

  REQUIRE(work.authors.size() == 3);
  CHECK(work.authors[0].family == "Zarate");
  CHECK(work.authors[0].given == "CA Jr");  // Work has no suffix: it follows the initials
  CHECK(work.authors[1].family == "Singh");
  CHECK(work.authors[1].given == "JB");
  CHECK(work.authors[2].family == "Carlson");
  CHECK(work.authors[2].given == "PJ");
  CHECK_FALSE(work.authors[0].collective);
  CHECK(shown(work.title) ==
        "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major "
        "depression");
  CHECK(shown(work.container) == "Arch Gen Psychiatry");
  CHECK(work.year == 2006);
  CHECK_FALSE(work.month);
  CHECK(shown(work.volume) == "63");
  CHECK(shown(work.issue) == "8");
  CHECK(shown(work.pages) == "856-864");
  CHECK(shown(work.first_page) == "856");
  CHECK(shown(work.last_page) == "864");
  CHECK(work.type == "journal-article");
  CHECK_FALSE(work.doi);
  for (const char* field : {"authors", "title", "container", "year", "volume", "issue", "pages",
                            "first_page", "last_page", "type"}) {
    INFO(field);
    REQUIRE(work.field_sources.count(field) == 1);
    CHECK(work.field_sources.at(field) == Source::kReference);
  }
}

TEST_CASE("work_from_reference writes a shortened page range out in full and keeps the DOI",
          "[checker][export]") {
  Work work = cited(
      "Phanthumchinda K, Jitapunkul S, Sitthi-Amorn C, Bunnag SC. Prevalence of dementia in an "
      "urban slum population in Thailand: validity of screening methods. Int J Geriatr "
      "Psychiatry. 1991;6(9):639-46. doi:10.1002/gps.930060905");
  CHECK(work.authors.size() == 4);
  CHECK(shown(work.pages) == "639-646");
  CHECK(shown(work.first_page) == "639");
  CHECK(shown(work.last_page) == "646");
  CHECK(shown(work.doi) == "10.1002/gps.930060905");
  CHECK(work.field_sources.at("doi") == Source::kReference);

  std::string bibtex = to_bibtex(entries_for({work}));
  CHECK(bibtex_field(bibtex, "pages") == "  pages = {639--646},");
  CHECK(bibtex_field(bibtex, "doi") == "  doi = {10.1002/gps.930060905},");
}

// ------------------------------------------------------------ BibTeX

TEST_CASE("to_bibtex writes a Crossref journal article with its fields in a fixed order",
          "[checker][export]") {
  Work work = crossref_work("works_10.1016_j.neurobiolaging.2010.03.024.json");
  std::string bibtex = to_bibtex({{work, "lee2012"}});
  CHECK(bibtex ==
        "@article{lee2012,\n"
        "  author = {Lee, Hyun Ju and Lee, Jong Kil and Lee, Hyun and Carter, Janet E. and "
        "Chang, Jong Wook and Oh, Wonil and Yang, Yoon Sun and Suh, Jun-Gyo and Lee, Byoung-Hee "
        "and Jin, Hee Kyung and Bae, Jae-sung},\n"
        "  title = {{Human umbilical cord blood-derived mesenchymal stem cells improve "
        "neuropathology and cognitive impairment in an Alzheimer's disease mouse model through "
        "modulation of neuroinflammation}},\n"
        "  journal = {Neurobiology of Aging},\n"
        "  shortjournal = {Neurobiology of Aging},\n"
        "  year = {2012},\n"
        "  month = mar,\n"
        "  volume = {33},\n"
        "  number = {3},\n"
        "  pages = {588--602},\n"
        "  doi = {10.1016/j.neurobiolaging.2010.03.024},\n"
        "  issn = {0197-4580},\n"
        "}\n");
}

TEST_CASE("to_bibtex escapes TeX specials in cited titles", "[checker][export]") {
  std::vector<Work> works = {
      cited("Schenck CH, Bundlie SR, Mahowald MW. REM behavior disorder (RBD): delayed "
            "emergence of parkinsonism and/or dementia in 65% of older men initially diagnosed "
            "with idiopathic RBD, and an analysis of the minimum & maximum tonic and/or phasic "
            "electromyographic abnormalities found during REM sleep. Sleep 2003;26(suppl):A316."),
      cited("Simmons J. The $10 billion pill. Fortune magazine. 2003 Jan 20;"),
  };
  std::string bibtex = to_bibtex(entries_for(works));

  CHECK(bibtex_field(bibtex, "title") ==
        "  title = {{REM behavior disorder (RBD): delayed emergence of parkinsonism and/or "
        "dementia in 65\\% of older men initially diagnosed with idiopathic RBD, and an analysis "
        "of the minimum \\& maximum tonic and/or phasic electromyographic abnormalities found "
        "during REM sleep}},");
  CHECK(has_line(bibtex, "  title = {{The \\$10 billion pill}},"));
  CHECK(has_line(bibtex, "  pages = {A316},"));
  CHECK(braces_balanced(bibtex));
  // No special left bare.
  for (const char* bare : {" % ", " & ", " $1"}) CHECK(bibtex.find(bare) == std::string::npos);
}

TEST_CASE("to_bibtex escapes every TeX special character", "[checker][export]") {
  struct Case {
    const char* title;
    const char* escaped;
  };
  // A real record with the title replaced: the specials no recorded title has.
  auto [title, escaped] = GENERATE(values<Case>({
      {"IL_6 & TNF", "IL\\_6 \\& TNF"},
      {"{braces} #1", "\\{braces\\} \\#1"},
      {"~50% at 10^3 $", "\\textasciitilde{}50\\% at 10\\textasciicircum{}3 \\$"},
      {"C:\\path", "C:\\textbackslash{}path"},
  }));
  Work work = crossref_work("works_10.3892_ijo_00000353.json");
  work.title = title;
  std::string bibtex = to_bibtex({{work, "stravopodis2009"}});
  CHECK(bibtex_field(bibtex, "title") == "  title = {{" + std::string(escaped) + "}},");
  CHECK(braces_balanced(bibtex));
}

TEST_CASE("to_bibtex keeps UTF-8 and writes a DOI verbatim", "[checker][export]") {
  std::vector<Work> works = {crossref_work("works_10.1038_srep16696.json"),
                             crossref_work("works_10.3892_ijo_00000353.json"),
                             crossref_work("works_10.3389_fgene.2017.00147.json")};
  std::string bibtex = to_bibtex(entries_for(works));

  CHECK(has_line(bibtex,
                 "  title = {{Single-molecule FRET studies on alpha-synuclein oligomerization of "
                 "Parkinson\xE2\x80\x99s disease genetically related mutants}},"));
  CHECK(has_line(bibtex, "  author = {Pánek, Josef and Modrák, Martin and Schwarz, Marek},"));
  // biblatex reads doi verbatim: "\_" there would be a backslash in the link.
  CHECK(has_line(bibtex, "  doi = {10.3892/ijo_00000353},"));
  // A family name of two words stays the last name ("Dalla Serra, Mauro").
  CHECK(bibtex.find(" and Dalla Serra, Mauro and ") != std::string::npos);
  // An article number stands for the pages.
  CHECK(has_line(bibtex, "  pages = {16696},"));
  CHECK(braces_balanced(bibtex));
}

TEST_CASE("to_bibtex picks the entry type from the record", "[checker][export]") {
  std::vector<Work> works = {
      crossref_work("works_10.4018_978-1-4666-9588-7.les2.json"),  // book-chapter
      crossref_work("works_10.1109_icdcsw.2003.1203662.json"),     // proceedings-article
      crossref_works("works_query_ecology_rows2.json").front(),    // reference-entry
      crossref_works("works_query_ecology_select_DOI_title.json").at(1),  // DOI and title only
  };
  std::string bibtex = to_bibtex(entries_for(works));
  std::vector<std::string> lines = lines_of(bibtex);

  CHECK(has_line(bibtex, "@incollection{hartlepnd,"));
  CHECK(has_line(bibtex,
                 "  booktitle = {Impact of the Model Minority Stereotype on Modern Society},"));
  CHECK(has_line(bibtex, "  pages = {525--916},"));
  CHECK(has_line(bibtex, "@inproceedings{aryand,"));
  CHECK(has_line(bibtex,
                 "  booktitle = {23rd International Conference on Distributed Computing Systems "
                 "Workshops, 2003. Proceedings.},"));
  CHECK(has_line(bibtex, "@misc{anon2022,"));
  CHECK(has_line(bibtex, "  howpublished = {Ecology},"));
  CHECK(has_line(bibtex, "@misc{anonnd,"));
  CHECK(has_line(bibtex, "  title = {{Ecosystem Ecology}},"));
  CHECK(has_line(bibtex, "  doi = {10.1093/obo/9780199830060-0202},"));
  // Records without a date have no year field.
  CHECK(std::count(lines.begin(), lines.end(), "  year = {2022},") == 1);
  CHECK(std::count_if(lines.begin(), lines.end(),
                      [](const std::string& line) { return line.rfind("  year = ", 0) == 0; }) == 1);
  CHECK(braces_balanced(bibtex));
}

TEST_CASE("to_bibtex braces group authors", "[checker][export]") {
  std::vector<Work> works = {pubmed_work("efetch_pubmed_34843274_collective.xml"),
                             pubmed_work("efetch_pubmed_31978945_collective.xml")};
  std::string bibtex = to_bibtex(entries_for(works));

  CHECK(has_line(bibtex, "@article{guideline2022,"));
  CHECK(has_line(bibtex,
                 "  author = {{Guideline Development Panel for the Treatment of Depressive "
                 "Disorders}},"));
  std::string authors = bibtex_field(bibtex.substr(bibtex.find("@article{zhu2020,")), "author");
  CHECK(authors.rfind("  author = {Zhu, Na and Zhang, Dingyu and ", 0) == 0);
  // "and" inside the group's name must not split it into two names.
  CHECK(authors.find(" and Tan, Wenjie and {China Novel Coronavirus Investigating and Research "
                     "Team}},") != std::string::npos);
  CHECK(has_line(bibtex, "  pmid = {31978945},"));
  CHECK(has_line(bibtex, "  pmcid = {PMC7092803},"));
  CHECK(braces_balanced(bibtex));
}

// ------------------------------------------------------------ RIS

TEST_CASE("to_ris writes one AU line per author and ends every record with ER",
          "[checker][export]") {
  std::vector<Work> works = {
      crossref_work("works_10.1136_jclinpath-2020-206745.json"),
      crossref_work("works_10.1016_j.neurobiolaging.2010.03.024.json"),
      crossref_work("works_10.3892_ijo_00000353.json"),
      crossref_works("works_query_ecology_select_DOI_title.json").front(),
      pubmed_work("efetch_pubmed_31978945_collective.xml"),
      cited(kZarate),
  };
  std::string ris = to_ris(entries_for(works));

  CHECK(ris.size() >= 8);
  CHECK(ris.substr(ris.size() - 8) == "ER  - \n\n");
  std::vector<std::vector<std::string>> records = ris_records(ris);
  REQUIRE(records.size() == works.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::vector<std::string>& record = records[i];
    INFO("record " << i);
    CHECK(record.front().rfind("TY  - ", 0) == 0);
    CHECK(record.back() == "ER  - ");
    auto authors = std::count_if(record.begin(), record.end(), [](const std::string& line) {
      return line.rfind("AU  - ", 0) == 0;
    });
    CHECK(static_cast<std::size_t>(authors) == works[i].authors.size());
    for (const std::string& line : record) {  // "XY  - value", one line each
      INFO(line);
      REQUIRE(line.size() >= 6);
      CHECK(std::isupper(static_cast<unsigned char>(line[0])));
      CHECK(std::isalnum(static_cast<unsigned char>(line[1])));
      CHECK(line.substr(2, 4) == "  - ");
    }
  }

  const std::vector<std::string>& clinpath = records[0];
  for (const char* line :
       {"TY  - JOUR", "AU  - Xu, Jun", "AU  - Huang, Jie",
        "TI  - Construction of a reference material panel for detecting "
        "KRAS/NRAS/EGFR/BRAF/MET mutations in plasma ctDNA",
        "JO  - Journal of Clinical Pathology", "JA  - J Clin Pathol", "PY  - 2020",
        "DA  - 2020/08/17/", "VL  - 74", "IS  - 5", "SP  - 314", "EP  - 320", "SN  - 0021-9746",
        "DO  - 10.1136/jclinpath-2020-206745"}) {
    INFO(line);
    CHECK(std::count(clinpath.begin(), clinpath.end(), line) == 1);
  }
  CHECK(std::find(records[1].begin(), records[1].end(), "DA  - 2012/03//") != records[1].end());
  CHECK(records[3] == std::vector<std::string>{"TY  - GEN", "TI  - Communicating Ecology",
                                               "DO  - 10.1093/obo/9780199830060-0238",
                                               "ER  - "});
  const std::vector<std::string>& nejm = records[4];
  for (const char* line : {"AU  - China Novel Coronavirus Investigating and Research Team",
                           "AN  - 31978945", "C2  - PMC7092803", "JA  - N Engl J Med"}) {
    INFO(line);
    CHECK(std::count(nejm.begin(), nejm.end(), line) == 1);
  }
  CHECK(records[5] == std::vector<std::string>{
                          "TY  - JOUR", "AU  - Zarate, CA Jr", "AU  - Singh, JB",
                          "AU  - Carlson, PJ",
                          "TI  - A randomized trial of an N-methyl-D-aspartate antagonist in "
                          "treatment-resistant major depression",
                          "JO  - Arch Gen Psychiatry", "PY  - 2006", "VL  - 63", "IS  - 8",
                          "SP  - 856", "EP  - 864", "ER  - "});
}

// ------------------------------------------------------------ CSL-JSON

TEST_CASE("to_csl_json writes items that RapidJSON reads back with the record's values",
          "[checker][export]") {
  std::vector<Work> works = {
      crossref_work("works_10.1136_jclinpath-2020-206745.json"),
      crossref_work("works_10.1038_srep16696.json"),
      pubmed_work("efetch_pubmed_31978945_collective.xml"),
      crossref_work("works_10.1109_icdcsw.2003.1203662.json"),
      cited(kZarate),
  };
  std::string json = to_csl_json(entries_for(works));
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  INFO(json);
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsArray());
  REQUIRE(doc.Size() == works.size());
  auto text = [](const rapidjson::Value& item, const char* name) -> std::string {
    return item.HasMember(name) && item[name].IsString() ? item[name].GetString() : "<none>";
  };
  auto date_parts = [](const rapidjson::Value& item) {
    std::vector<int> parts;
    for (const auto& part : item["issued"]["date-parts"][0].GetArray()) parts.push_back(part.GetInt());
    return parts;
  };

  const rapidjson::Value& clinpath = doc[0];
  CHECK(text(clinpath, "id") == "xu2020");
  CHECK(text(clinpath, "type") == "article-journal");
  CHECK(text(clinpath, "title") ==
        "Construction of a reference material panel for detecting KRAS/NRAS/EGFR/BRAF/MET "
        "mutations in plasma ctDNA");
  CHECK(text(clinpath, "container-title") == "Journal of Clinical Pathology");
  CHECK(text(clinpath, "container-title-short") == "J Clin Pathol");
  CHECK(date_parts(clinpath) == std::vector<int>{2020, 8, 17});
  CHECK(text(clinpath, "volume") == "74");
  CHECK(text(clinpath, "issue") == "5");
  CHECK(text(clinpath, "page") == "314-320");
  CHECK(text(clinpath, "DOI") == "10.1136/jclinpath-2020-206745");
  CHECK(text(clinpath, "ISSN") == "0021-9746");
  REQUIRE(clinpath["author"].Size() == 15);
  CHECK(text(clinpath["author"][0], "family") == "Xu");
  CHECK(text(clinpath["author"][0], "given") == "Jun");
  CHECK(text(clinpath["author"][14], "family") == "Huang");
  CHECK(text(clinpath["author"][14], "given") == "Jie");

  const rapidjson::Value& srep = doc[1];
  CHECK(text(srep, "page") == "16696");  // the article number
  CHECK(text(srep, "container-title-short") == "Sci Rep");
  CHECK(date_parts(srep) == std::vector<int>{2015, 11, 19});
  CHECK(text(srep, "title").find("Parkinson\xE2\x80\x99s disease") != std::string::npos);
  CHECK(text(srep["author"][4], "family") == "Dalla Serra");

  const rapidjson::Value& nejm = doc[2];
  CHECK(text(nejm, "PMID") == "31978945");
  CHECK(text(nejm, "PMCID") == "PMC7092803");
  CHECK(text(nejm, "DOI") == "10.1056/nejmoa2001017");
  CHECK(date_parts(nejm) == std::vector<int>{2020, 2, 20});
  const rapidjson::Value& group = nejm["author"][nejm["author"].Size() - 1];
  CHECK(text(group, "literal") == "China Novel Coronavirus Investigating and Research Team");
  CHECK_FALSE(group.HasMember("family"));

  const rapidjson::Value& paper = doc[3];  // issued [[null]] in the record
  CHECK(text(paper, "type") == "paper-conference");
  CHECK_FALSE(paper.HasMember("issued"));
  CHECK(text(paper, "page") == "877-882");
  CHECK_FALSE(paper.HasMember("volume"));

  const rapidjson::Value& reference = doc[4];  // only the year is cited
  CHECK(text(reference, "id") == "zarate2006");
  CHECK(date_parts(reference) == std::vector<int>{2006});
  CHECK(text(reference, "page") == "856-864");
  CHECK_FALSE(reference.HasMember("DOI"));
}

TEST_CASE("exporters write nothing for no entries", "[checker][export]") {
  CHECK(to_bibtex({}).empty());
  CHECK(to_ris({}).empty());
  CHECK(to_csl_json({}) == "[]");
  CHECK(citation_keys({}).empty());
}

// ------------------------------------------------------------ citation keys

TEST_CASE("citation_keys folds family names to ASCII", "[checker][export]") {
  struct Case {
    const char* reference;
    const char* key;
  };
  auto [reference, key] = GENERATE(values<Case>({
      {"St Sauver JL, Grossardt BR, Yawn BP, et al. . Data resource profile: the Rochester "
       "Epidemiology Project (REP) medical records-linkage system. Int J Epidemiol. "
       "2012;41(6):1614-1624. doi:10.1093/ije/dys195",
       "stsauver2012"},
      {"van der Flier WM, Pijnenburg YA, Prins N, et al. . Optimizing patient care and research: "
       "the Amsterdam Dementia Cohort. J Alzheimers Dis. 2014;41(1):313-327.",
       "vanderflier2014"},
      {"Grußmayer KS, Herten DP. Time-resolved molecule counting by photon statistics across the "
       "visible spectrum. Physical Chemistry Chemical Physics. 2017;19:8962–8969. doi: "
       "10.1039/C7CP00363C.",
       "grussmayer2017"},
      {"Jørgensen AB, Frikke-Schmidt R, Nordestgaard BG, Tybjærg-Hansen A. Loss-of-function "
       "mutations in APOC3 and risk of ischemic vascular disease. N Engl J Med. "
       "2014;371(1):32–41.",
       "jorgensen2014"},
      {"Krüger R, et al. Ala30Pro mutation in the gene encoding α-synuclein in Parkinson’s "
       "disease. Nat Genet. 1998;18(2):106–108.",
       "kruger1998"},
      {"Féart C, Samieri C, Rondeau V, et al. Adherence to a Mediterranean diet, cognitive "
       "decline, and risk of dementia [published correction appears in JAMA. "
       "2009;302(22):2436] JAMA. 2009;302(6):638–648.",
       "feart2009"},
  }));
  INFO(reference);
  CHECK(citation_keys({cited(reference)}) == std::vector<std::string>{key});
}

TEST_CASE("citation_keys uses the family name of a record and anon or nd for what is missing",
          "[checker][export]") {
  std::vector<Work> works = {
      crossref_work("works_10.3389_fgene.2017.00147.json"),            // Pánek
      crossref_work("works_10.4018_978-1-4666-9588-7.les2.json"),      // no date
      crossref_works("works_query_ecology_rows2.json").front(),        // no author
      pubmed_work("efetch_pubmed_34843274_collective.xml"),           // a group
  };
  CHECK(citation_keys(works) ==
        std::vector<std::string>{"panek2017", "hartlepnd", "anon2022", "guideline2022"});
}

TEST_CASE("citation_keys adds a, b, c to works that share a family name and a year",
          "[checker][export]") {
  std::vector<Work> works = crossref_works("works_query_widget_cursor_star.json");
  REQUIRE(works.size() == 20);
  std::vector<std::string> keys = citation_keys(works);
  CHECK(keys == std::vector<std::string>{
                    "anonnda", "anonndb", "lynch2020a", "lynch2020b", "anon2023",
                    "mendes2009", "norris2020", "radev2022a", "lynch2020c", "lynch2020d",
                    "radev2022b", "radev2022c", "radev2022d", "foltynski2026", "qi2019",
                    "radev2022e", "anon2002", "wickham2020", "flynt2003", "willighagen2008"});
  CHECK(std::set<std::string>(keys.begin(), keys.end()).size() == keys.size());

  // Two papers cited in one list by the same first author in the same year.
  std::vector<Work> cited_works = {
      cited("Chételat G, Villemagne VL, Bourgeat P, Pike KE, Jones G, Ames D, Ellis KA, Szoeke "
            "C, Martins RN, O’Keefe GJ, Salvado O, Masters CL, Rowe CC. Relationship between "
            "atrophy and beta-amyloid deposition in Alzheimer disease. Ann Neurol. "
            "2010;67(3):317–324."),
      cited(kZarate),
      cited("Chételat G, Villemagne VL, Pike KE, et al. Australian Imaging Biomarkers and "
            "Lifestyle Study of Ageing (AIBL) Research Group. Larger temporal volume in elderly "
            "with high versus low beta-amyloid deposition. Brain. 2010;133(11):3349–3358."),
  };
  CHECK(citation_keys(cited_works) ==
        std::vector<std::string>{"chetelat2010a", "zarate2006", "chetelat2010b"});
}
