// NCBI response parsers: recorded efetch, esearch, ECitMatch and ID converter
// responses, the 3,690-record Alzheimer's efetch set, a legacy MEDLINE file,
// and broken input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "litgraph/crawlers/pubmed_xml.h"
#include "test_support.h"

using namespace litgraph::crawlers;
using litgraph::schema::Source;
using litgraph::schema::Work;
using litgraph::test::read_file;
using litgraph::test::shared_path;

namespace {

std::string recorded(const std::string& name) {
  return read_file(shared_path("fixtures/recorded/pubmed/" + name));
}

// Parses a recorded efetch file that must parse without errors.
std::vector<Work> recorded_works(const std::string& name) {
  PubmedParseResult result = parse_pubmed_xml(recorded(name));
  INFO(name);
  REQUIRE(result.errors.empty());
  return result.works;
}

// A one-article PubmedArticleSet around the given PubDate content and Article children.
std::string article_xml(const std::string& pub_date, const std::string& article_extra = "",
                        const std::string& citation_extra = "") {
  return "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version=\"1\">1</PMID>"
         "<Article><Journal><JournalIssue><PubDate>" +
         pub_date + "</PubDate></JournalIssue></Journal><ArticleTitle>T.</ArticleTitle>" +
         article_extra + "</Article>" + citation_extra +
         "</MedlineCitation></PubmedArticle></PubmedArticleSet>";
}

Work single_work(const std::string& xml) {
  PubmedParseResult result = parse_pubmed_xml(xml);
  INFO(xml);
  REQUIRE(result.errors.empty());
  REQUIRE(result.works.size() == 1);
  return result.works.front();
}

bool has_mesh(const Work& work, const std::string& ui, const std::string& name, bool major) {
  return std::any_of(work.mesh.begin(), work.mesh.end(), [&](const auto& term) {
    return term.ui == ui && term.name == name && term.major == major;
  });
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

// ---- recorded efetch responses ----

TEST_CASE("efetch: two journal articles with identifiers, journal, pages and MeSH", "[pubmed]") {
  auto works = recorded_works("efetch_pubmed_11748933_11700088.xml");
  REQUIRE(works.size() == 2);
  const Work& cryo = works[0];
  CHECK(cryo.pmid == "11748933");
  CHECK(cryo.doi == "10.1006/cryo.2001.2328");
  CHECK(cryo.type == "journal-article");
  CHECK(starts_with(*cryo.title, "Is cryopreservation a homogeneous process?"));
  CHECK(cryo.container == "Cryobiology");
  CHECK(cryo.container_short == "Cryobiology");
  CHECK(cryo.issns == std::vector<std::string>{"0011-2240"});
  CHECK(cryo.volume == "42");
  CHECK(cryo.issue == "4");
  CHECK(cryo.year == 2001);
  CHECK(cryo.month == 6);
  CHECK_FALSE(cryo.day);
  CHECK(cryo.pages == "244-255");
  CHECK(cryo.first_page == "244");
  CHECK(cryo.last_page == "255");
  CHECK(cryo.language == "eng");
  REQUIRE(cryo.authors.size() == 8);
  CHECK(cryo.authors[0].family == "Taddei");
  CHECK(cryo.authors[0].given == "A R");
  CHECK_FALSE(cryo.authors[0].collective);
  REQUIRE(cryo.publication_types.size() == 2);
  CHECK(cryo.publication_types[0].ui == "D016428");
  CHECK(cryo.publication_types[0].name == "Journal Article");
  CHECK(cryo.mesh.size() == 11);
  CHECK(has_mesh(cryo, "D000818", "Animals", false));
  CHECK(has_mesh(cryo, "D015925", "Cryopreservation", true));  // by its qualifier "methods"
  CHECK(has_mesh(cryo, "D013081", "Sperm Motility", true));    // by the descriptor
  CHECK(cryo.abstract->find("(P < 0.001)") != std::string::npos);
  CHECK(cryo.field_sources.at("title") == Source::kPubmed);
  CHECK(cryo.field_sources.at("mesh") == Source::kPubmed);
  CHECK(cryo.field_sources.count("pmcid") == 0);

  const Work& mri = works[1];
  CHECK(mri.pmid == "11700088");
  CHECK(mri.title == "Proton MRI of (13)C distribution by J and chemical shift editing.");
  CHECK(mri.container == "Journal of magnetic resonance (San Diego, Calif. : 1997)");
  CHECK(mri.container_short == "J Magn Reson");
  CHECK(mri.pages == "117-123");
  CHECK(mri.mesh.empty());
  CHECK(mri.field_sources.count("mesh") == 0);
}

TEST_CASE("efetch: a Season gives the year alone, with chemicals and keywords", "[pubmed]") {
  auto works = recorded_works("efetch_pubmed_12091962_9997_abstract.xml");
  REQUIRE(works.size() == 2);
  const Work& aids = works[0];
  CHECK(aids.pmid == "12091962");
  CHECK(aids.year == 1990);  // <Season>Spring</Season>
  CHECK_FALSE(aids.month);
  CHECK_FALSE(aids.abstract);
  CHECK_FALSE(aids.doi);
  CHECK(aids.keywords == std::vector<std::string>{"Health Care and Public Health", "Legal Approach"});
  CHECK(aids.mesh.size() == 19);
  CHECK(aids.chemicals.empty());

  const Work& heme = works[1];
  CHECK(heme.pmid == "9997");
  CHECK(heme.year == 1976);
  CHECK(heme.month == 9);
  CHECK(heme.day == 28);
  CHECK(heme.doi == "10.1016/0005-2795(76)90109-4");
  CHECK(heme.pages == "179-191");
  REQUIRE(heme.chemicals.size() == 4);
  CHECK(heme.chemicals[2].ui == "D006418");
  CHECK(heme.chemicals[2].name == "Heme");
  CHECK(heme.field_sources.at("chemicals") == Source::kPubmed);
}

TEST_CASE("efetch: a GeneReviews chapter is a book-chapter with its book as container", "[pubmed]") {
  auto works = recorded_works("efetch_pubmed_20301577_book.xml");
  REQUIRE(works.size() == 1);
  const Work& chapter = works[0];
  CHECK(chapter.pmid == "20301577");
  CHECK(chapter.type == "book-chapter");
  CHECK(chapter.title == "CACNA1C-Related Disorders");  // <i>CACNA1C</i>-Related Disorders
  CHECK(chapter.container == "GeneReviews\u00ae");       // GeneReviews<sup>&#xae;</sup>
  CHECK(chapter.year == 1993);
  REQUIRE(chapter.authors.size() == 2);  // the six editors are not authors
  CHECK(chapter.authors[0].family == "Napolitano");
  CHECK(chapter.authors[1].family == "Priori");
  REQUIRE(chapter.abstract);
  CHECK(starts_with(*chapter.abstract,
                    "CLINICAL CHARACTERISTICS: The clinical manifestations of CACNA1C-related disorders"));
  CHECK(chapter.abstract->find("\n\nDIAGNOSIS/TESTING: The diagnosis of a CACNA1C-related") !=
        std::string::npos);
  CHECK(chapter.abstract->find("\n\nGENETIC COUNSELING: CACNA1C-related disorders are inherited") !=
        std::string::npos);
  CHECK(chapter.abstract->find("developmental delay / intellectual disability") != std::string::npos);
  CHECK(chapter.abstract->find("CredibleMeds\u00ae)") != std::string::npos);
  REQUIRE(chapter.publication_types.size() == 1);
  CHECK(chapter.publication_types[0].ui == "D016454");
  CHECK(chapter.keywords.size() == 8);  // "Timothy Syndrome" is listed twice
  CHECK(chapter.keywords.back() == "CACNA1C-Related Disorders");
  CHECK(chapter.language == "eng");
  CHECK_FALSE(chapter.doi);
  CHECK(chapter.field_sources.at("container") == Source::kPubmed);
}

TEST_CASE("efetch: structured abstract sections become LABEL: text paragraphs", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_22351513_structured.xml").at(0);
  REQUIRE(work.abstract);
  CHECK(starts_with(*work.abstract, "BACKGROUND: The oil content and fatty acid composition"));
  CHECK(work.abstract->find(" consumption.\n\nRESULTS: Oil content varied between 40 and 102 g kg\u207b\u00b9.") !=
        std::string::npos);
  CHECK(work.abstract->find("\n\nCONCLUSION: The present study revealed") != std::string::npos);
  CHECK(work.abstract->find("Copyright") == std::string::npos);
  CHECK(work.doi == "10.1002/jsfa.5627");
  CHECK(work.issns == std::vector<std::string>{"1097-0010", "0022-5142"});  // electronic, linking
  CHECK(work.year == 2012);
  CHECK(work.month == 8);
  CHECK(work.day == 30);
  CHECK(work.pages == "2310-2315");
  REQUIRE(work.authors.size() == 6);
  CHECK(work.authors[5].family == "Mahmooduzzafar");
  CHECK(work.authors[5].given.empty());
  CHECK(work.chemicals.size() == 5);
}

TEST_CASE("efetch: a collective author and comment notices (ASPIRE)", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_23121403_collective.xml").at(0);
  CHECK(work.pmid == "23121403");
  CHECK(work.doi == "10.1056/nejmoa1210384");
  CHECK(work.title == "Low-dose aspirin for preventing recurrent venous thromboembolism.");
  REQUIRE(work.authors.size() == 13);
  CHECK(work.authors[0].family == "Brighton");
  CHECK(work.authors[12].family == "ASPIRE Investigators");
  CHECK(work.authors[12].given.empty());
  CHECK(work.authors[12].collective);
  CHECK(work.pages == "1979-1987");
  REQUIRE(work.notices.size() == 8);
  const auto& first = work.notices[0];
  CHECK(first.type == "comment");
  CHECK(first.direction == "updated-by");
  CHECK(first.pmid == "23121404");
  CHECK(first.label == "N Engl J Med. 2012 Nov 22;367(21):2039-41");
  CHECK(first.year == 2012);
  CHECK(first.source == Source::kPubmed);
  CHECK(work.notices[7].pmid == "23814790");
  CHECK(starts_with(*work.abstract, "BACKGROUND: "));
}

TEST_CASE("efetch: a DOI only in ArticleIdList, a Season range, five sections", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_23657305.xml").at(0);
  CHECK(work.doi == "10.1590/s0004-28032013000100008");  // ELocationID has only the pii
  CHECK(work.year == 2013);                               // <Season>Jan-Mar</Season>
  CHECK_FALSE(work.month);
  for (const char* label : {"CONTEXT: ", "\n\nOBJECTIVES: ", "\n\nMETHODS: ", "\n\nRESULTS: ",
                            "\n\nCONCLUSION: s ALD patients"})
    CHECK(work.abstract->find(label) != std::string::npos);
  CHECK(starts_with(*work.abstract, "CONTEXT: "));
  CHECK(work.chemicals.front().ui == "C103673");
  CHECK(work.chemicals.front().name == "HFE protein, human");
  CHECK(has_mesh(work, "D008108", "Liver Diseases, Alcoholic", true));
  CHECK(has_mesh(work, "D006801", "Humans", false));
  CHECK(work.container_short == "Arq Gastroenterol");
}

TEST_CASE("efetch: a bracketed translated title and its vernacular title", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_25760099_german.xml").at(0);
  CHECK(work.title ==
        "Market Concentration in the Statutory Health Insurance of Germany since the "
        "Introduction of Free Choice of Sickness Funds.");
  CHECK(work.other_titles == std::vector<std::string>{
                                 "Marktkonzentration in der Gesetzlichen Krankenversicherung seit "
                                 "Einf\u00fchrung der freien Kassenwahl."});
  CHECK(work.language == "ger");
  CHECK(starts_with(*work.abstract, "Background: The expansion of trust law"));  // <b>Background:</b>
  CHECK(work.abstract->find(" in 1996. Data: The study") != std::string::npos);
  CHECK(work.authors.at(0).family == "G\u00f6tze");
  CHECK(work.pages == "715-720");
  CHECK(work.field_sources.at("other_titles") == Source::kPubmed);
}

TEST_CASE("efetch: italic, sub- and superscripts in a pretty-printed record", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_27797938_structured_italic.xml").at(0);
  CHECK(work.title ==
        "Leucocyte telomere length, genetic variants at the TERT gene region and risk of "
        "pancreatic cancer.");
  REQUIRE(work.abstract);
  CHECK(starts_with(*work.abstract, "OBJECTIVE: Telomere shortening occurs"));
  CHECK(work.abstract->find("transcriptase (TERT) gene region") != std::string::npos);
  CHECK(work.abstract->find("ptrend=0.048") != std::string::npos);
  CHECK(work.abstract->find("disequilibrium r2<0.25)") != std::string::npos);
  CHECK(work.abstract->find("\n\nDESIGN: ") != std::string::npos);
  CHECK(work.year == 2017);
  CHECK(work.month == 6);  // <Month>06</Month>
  CHECK(work.pmcid == "PMC5442267");
  CHECK(work.doi == "10.1136/gutjnl-2016-312510");
  REQUIRE(work.notices.size() == 1);  // CommentIn; the "Cites" entries are references
  CHECK(work.notices[0].pmid == "27920200");
  CHECK(work.keywords.front() == "PANCREATIC CANCER");
  CHECK(work.chemicals.size() == 2);
}

TEST_CASE("efetch: a Jan-Feb season, and reference lists do not leak identifiers", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_29540945_season_range.xml").at(0);
  CHECK(work.year == 2018);
  CHECK_FALSE(work.month);
  CHECK(work.pmcid == "PMC5844442");  // not the first reference's PMC3087992
  CHECK(work.doi == "10.1590/0100-3984.2015.0251");
  CHECK(work.authors.at(0).family == "de Sousa");
  CHECK(work.authors.at(0).given == "Camila Soares Moreira");
  CHECK(work.pages == "59-60");
}

TEST_CASE("efetch: MathML prescripts and ORCID URLs", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_29963580_collective_mathml.xml").at(0);
  REQUIRE(work.abstract);
  CHECK(work.abstract->find("(1) inhaled 3He/129Xe MRI ventilation and apparent diffusion") !=
        std::string::npos);
  CHECK(work.abstract->find("ultrashort echo-time 1H MRI proton density") != std::string::npos);
  CHECK(work.abstract->find('\n') == std::string::npos);
  CHECK(work.abstract->find("  ") == std::string::npos);
  REQUIRE(work.authors.size() == 9);
  CHECK(work.authors[1].orcid == "0000-0002-4590-7461");  // given as https://orcid.org/…
  CHECK(work.authors[8].family == "Canadian Respiratory Research Network");
  CHECK(work.authors[8].collective);
  CHECK(work.pages == "026002");
  CHECK(work.first_page == "026002");
  CHECK_FALSE(work.last_page);
  CHECK(work.month == 4);
  CHECK(work.pmcid == "PMC6022861");
  CHECK(work.keywords.size() == 5);
}

TEST_CASE("efetch: quotes across an italic title and MathML in running text", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_30108519_mathml.xml").at(0);
  CHECK(work.title ==
        "A \"Blood Relationship\" Between the Overlooked Minimum Lactate Equivalent and Maximal "
        "Lactate Steady State in Trained Runners. Back to the Old Days?");
  REQUIRE(work.abstract);
  CHECK(work.abstract->find("\"Minimum Lactate Equivalent\" (LEmin)") != std::string::npos);
  CHECK(work.abstract->find("maximal oxygen uptake ( V.O2max ) 67.6") != std::string::npos);
  CHECK(work.abstract->find("15.0 \u00b1 1.1 km\u00b7h-1;") != std::string::npos);
  CHECK(work.year == 2018);
  CHECK_FALSE(work.month);
  CHECK(work.pages == "1034");
  CHECK(work.notices.empty());  // only "Cites"
  CHECK(work.keywords.front() == "Owles' point");
}

TEST_CASE("efetch: a novel coronavirus paper with a collective author and commentary DOIs", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_31978945_collective.xml").at(0);
  CHECK(work.title == "A Novel Coronavirus from Patients with Pneumonia in China, 2019.");
  REQUIRE(work.authors.size() == 19);
  CHECK(work.authors.back().family == "China Novel Coronavirus Investigating and Research Team");
  CHECK(work.authors.back().collective);
  CHECK(work.year == 2020);
  CHECK(work.month == 2);
  CHECK(work.day == 20);
  CHECK(work.pmcid == "PMC7092803");
  REQUIRE(work.notices.size() == 13);
  CHECK(work.notices[0].pmid == "31978944");
  CHECK(work.notices[0].doi == "10.1056/nejme2001126");
  CHECK(work.notices[0].year == 2020);
}

TEST_CASE("efetch: a guideline whose only author is a panel", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_34843274_collective.xml").at(0);
  REQUIRE(work.authors.size() == 1);
  CHECK(work.authors[0].family == "Guideline Development Panel for the Treatment of Depressive Disorders");
  CHECK(work.authors[0].collective);
  CHECK(work.issns == std::vector<std::string>{"1935-990X", "0003-066X"});
  CHECK(work.year == 2022);
  CHECK(work.month == 9);
  CHECK(work.pages == "770-780");
}

TEST_CASE("efetch: an erratum notice with the erratum's PMID, DOI and year", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_35649368_erratum.xml").at(0);
  REQUIRE(work.notices.size() == 1);
  const auto& erratum = work.notices[0];
  CHECK(erratum.type == "erratum");
  CHECK(erratum.direction == "updated-by");
  CHECK(erratum.pmid == "35767954");
  CHECK(erratum.doi == "10.1016/j.celrep.2022.111044");
  CHECK(erratum.year == 2022);
  CHECK(erratum.label == "Cell Rep. 2022 Jun 28;39(13):111044. doi: 10.1016/j.celrep.2022.111044.");
  CHECK(work.doi == "10.1016/j.celrep.2022.110870");
  CHECK(work.pages == "110870");  // an article number
  CHECK(work.first_page == "110870");
  CHECK_FALSE(work.last_page);
  CHECK(work.abstract->find("fatty acid \u03b2-oxidation (FAO)") != std::string::npos);
  CHECK(work.field_sources.at("notices") == Source::kPubmed);
}

TEST_CASE("efetch: a Norwegian vernacular title, two languages, a bare ORCID", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_36987902_vernacular.xml").at(0);
  CHECK(work.title ==
        "Patients over 75 years admitted to the National Burn Centre, Haukeland University "
        "Hospital, 2000-19.");
  // The no-break space after "75" is a plain space.
  CHECK(work.other_titles ==
        std::vector<std::string>{"Pasienter over 75 \u00e5r innlagt ved Brannskadeavdelinga, "
                                 "Haukeland universitetssjukehus 2000\u201319."});
  CHECK(work.language == "eng");  // the first of eng, nor
  CHECK(work.authors.at(0).given == "\u00d8yvind");
  CHECK(work.authors.at(0).orcid == "0000-0001-7093-6988");
  CHECK_FALSE(work.pages);  // no Pagination, only a DOI
  CHECK(work.doi == "10.4045/tidsskr.22.0358");
  CHECK(work.abstract->find("\n\nMATERIAL AND METHOD: All patients \u2265 75 years") != std::string::npos);
  CHECK(work.abstract->find("\n\nINTERPRETATION: ") != std::string::npos);
}

TEST_CASE("efetch: an empty PubmedArticleSet gives no works and no errors", "[pubmed]") {
  PubmedParseResult result = parse_pubmed_xml(recorded("efetch_pubmed_37909814_empty.xml"));
  CHECK(result.works.empty());
  CHECK(result.errors.empty());
}

TEST_CASE("efetch: a guideline by a named task group with seven sections", "[pubmed]") {
  const Work work = recorded_works("efetch_pubmed_38534005_collective_structured.xml").at(0);
  REQUIRE(work.authors.size() == 9);
  CHECK(work.authors[0].orcid == "0000-0002-3282-232X");
  CHECK(work.authors[8].family ==
        "Task and Finish Group for Urinalysis (TFG-U), European Federation of Clinical Chemistry "
        "and Laboratory Medicine (EFLM)");
  CHECK(work.authors[8].collective);
  CHECK(work.abstract->find("\n\nRECOMMENDATIONS: Graded recommendations were built in the following areas.\n\n"
                            "MEDICAL NEEDS AND TEST REQUISITION: ") != std::string::npos);
  CHECK(work.abstract->find("Aerococcus urinae, A. sanguinicola and Actinotignum schaalii are") !=
        std::string::npos);
  CHECK(std::count(work.abstract->begin(), work.abstract->end(), '\n') == 12);  // 7 paragraphs
  CHECK(work.pages == "1653-1786");
  CHECK(work.day == 27);
}

// ---- synthetic records: dates, pages, markup, notices ----

TEST_CASE("PubDate and MedlineDate give the year, and a month only where one is named", "[pubmed]") {
  struct Case {
    std::string pub_date;
    std::optional<int> year, month, day;
  };
  const Case cases[] = {
      {"<Year>2012</Year><Month>Aug</Month><Day>30</Day>", 2012, 8, 30},
      {"<Year>2017</Year><Month>08</Month>", 2017, 8, std::nullopt},
      {"<Year>2017</Year><Month>8</Month>", 2017, 8, std::nullopt},
      {"<Year>2018</Year><Season>Jan-Feb</Season>", 2018, std::nullopt, std::nullopt},
      {"<Year>2000</Year><Season>Winter</Season>", 2000, std::nullopt, std::nullopt},
      {"<MedlineDate>1990 May-Jun</MedlineDate>", 1990, std::nullopt, std::nullopt},
      {"<MedlineDate>2000 Winter</MedlineDate>", 2000, std::nullopt, std::nullopt},
      {"<MedlineDate>1998 Dec-1999 Jan</MedlineDate>", 1998, std::nullopt, std::nullopt},
      {"<MedlineDate>2000 Dec 21-28</MedlineDate>", 2000, 12, std::nullopt},
      {"<MedlineDate>1976 Sep 28</MedlineDate>", 1976, 9, 28},
      {"<MedlineDate>1975-1976</MedlineDate>", 1975, std::nullopt, std::nullopt},
      {"<MedlineDate>2015 Oct-Dec</MedlineDate>", 2015, std::nullopt, std::nullopt},
      {"<MedlineDate>Summer 1999</MedlineDate>", 1999, std::nullopt, std::nullopt},
      {"<Year>19xx</Year>", std::nullopt, std::nullopt, std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.pub_date);
    Work work = single_work(article_xml(c.pub_date));
    CHECK(work.year == c.year);
    CHECK(work.month == c.month);
    CHECK(work.day == c.day);
    CHECK(work.field_sources.count("month") == (c.month ? 1u : 0u));
  }
}

TEST_CASE("MedlinePgn abbreviations are written out", "[pubmed]") {
  struct Case {
    std::string pagination;
    std::optional<std::string> pages, first, last;
  };
  const Case cases[] = {
      {"<MedlinePgn>856-64</MedlinePgn>", "856-864", "856", "864"},
      {"<MedlinePgn>e26-32</MedlinePgn>", "e26-e32", "e26", "e32"},
      {"<MedlinePgn>S12-20</MedlinePgn>", "S12-S20", "S12", "S20"},
      {"<MedlinePgn>E1234-56</MedlinePgn>", "E1234-E1256", "E1234", "E1256"},
      {"<MedlinePgn>e1234-e1240</MedlinePgn>", "e1234-e1240", "e1234", "e1240"},
      {"<MedlinePgn>1234-1240.e5</MedlinePgn>", "1234-1240.e5", "1234", "1240.e5"},
      {"<MedlinePgn>1234.e1-9</MedlinePgn>", "1234.e1-1234.e9", "1234.e1", "1234.e9"},
      {"<MedlinePgn>123S-130S</MedlinePgn>", "123S-130S", "123S", "130S"},
      {"<MedlinePgn>2310-5</MedlinePgn>", "2310-2315", "2310", "2315"},
      {"<MedlinePgn>123ra45</MedlinePgn>", "123ra45", "123ra45", std::nullopt},
      {"<MedlinePgn>521-3, 525-8</MedlinePgn>", "521-3, 525-8", "521", "528"},
      {"<MedlinePgn>1234-56; discussion 1257-8</MedlinePgn>", "1234-56; discussion 1257-8", "1234",
       "1256"},
      {"<StartPage>110870</StartPage>", "110870", "110870", std::nullopt},
      {"<StartPage>770</StartPage><EndPage>780</EndPage>", "770-780", "770", "780"},
      {"", std::nullopt, std::nullopt, std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.pagination);
    Work work = single_work(article_xml("<Year>2000</Year>", "<Pagination>" + c.pagination + "</Pagination>"));
    CHECK(work.pages == c.pages);
    CHECK(work.first_page == c.first);
    CHECK(work.last_page == c.last);
  }
}

TEST_CASE("brackets come off translated titles only when they enclose the whole title", "[pubmed]") {
  const std::pair<std::string, std::string> cases[] = {
      {"[Vaccines are drugs].", "Vaccines are drugs."},
      {"[Oncogenesis: only somatic mutations?].", "Oncogenesis: only somatic mutations?"},
      {"[Pathology registries, everything flows\u2026].", "Pathology registries, everything flows\u2026"},
      {"[Title without period]", "Title without period"},
      {"[Not a translation] but a label.", "[Not a translation] but a label."},
      {"[A] and [B].", "[A] and [B]."},
      {"Plain title [with a bracket].", "Plain title [with a bracket]."},
  };
  for (const auto& [given, expected] : cases) {
    Work work = single_work(
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>" + given +
        "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
    CHECK(work.title == expected);
  }
}

TEST_CASE("inline markup is dropped with its spacing kept", "[pubmed]") {
  Work work = single_work(
      "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID><Article>"
      "<ArticleTitle>Effects of <i>Bacillus</i> <i>subtilis</i> on CO<sub>2</sub>\n   and "
      "Ca<sup>2+</sup>.</ArticleTitle>"
      "<Abstract><AbstractText>An  abstract\twith <u>odd</u>&#xa0;spacing.</AbstractText></Abstract>"
      "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>");
  CHECK(work.title == "Effects of Bacillus subtilis on CO2 and Ca2+.");
  CHECK(work.abstract == "An abstract with odd spacing.");
}

TEST_CASE("CommentsCorrections become retraction, erratum and concern notices", "[pubmed]") {
  auto entry = [](const std::string& type, const std::string& source, const std::string& pmid) {
    return "<CommentsCorrections RefType=\"" + type + "\"><RefSource>" + source + "</RefSource><PMID>" +
           pmid + "</PMID></CommentsCorrections>";
  };
  Work work = single_work(article_xml(
      "<Year>2019</Year>", "",
      "<CommentsCorrectionsList>" + entry("RetractionIn", "Nature. 2020 Mar;579(7797):E4", "32123456") +
          entry("RetractionOf", "Science. 2018;360:1", "29000001") +
          entry("ErratumFor", "J Biol Chem. 2019 Jan 4;294(1):1", "30000002") +
          entry("ExpressionOfConcernIn", "PLoS One. 2021;16(5):e0250000", "33000003") +
          entry("Cites", "Stat Med. 1989 May;8(5):551-61", "2657958") +
          entry("ReprintIn", "Lancet. 2019;1:1", "30000004") + "</CommentsCorrectionsList>"));
  REQUIRE(work.notices.size() == 4);
  CHECK(work.notices[0].type == "retraction");
  CHECK(work.notices[0].direction == "updated-by");
  CHECK(work.notices[0].pmid == "32123456");
  CHECK(work.notices[0].year == 2020);
  CHECK(work.notices[0].label == "Nature. 2020 Mar;579(7797):E4");
  CHECK(work.notices[0].doi.empty());
  CHECK(work.notices[1].type == "retraction");
  CHECK(work.notices[1].direction == "update-to");
  CHECK(work.notices[2].type == "erratum");
  CHECK(work.notices[2].direction == "update-to");
  CHECK(work.notices[3].type == "expression-of-concern");
  CHECK(work.notices[3].direction == "updated-by");
  CHECK(work.notices[3].year == 2021);
}

TEST_CASE("a record without a usable PMID is skipped and reported, the others kept", "[pubmed]") {
  PubmedParseResult result = parse_pubmed_xml(
      "<PubmedArticleSet>"
      "<PubmedArticle><MedlineCitation><PMID>11</PMID><Article><ArticleTitle>A.</ArticleTitle>"
      "</Article></MedlineCitation></PubmedArticle>"
      "<PubmedArticle><MedlineCitation><Article><ArticleTitle>B.</ArticleTitle></Article>"
      "</MedlineCitation></PubmedArticle>"
      "<DeleteCitation><PMID>99</PMID></DeleteCitation>"
      "<PubmedArticle><MedlineCitation><PMID>12a</PMID></MedlineCitation></PubmedArticle>"
      "<PubmedArticle><MedlineCitation><PMID>13</PMID><Article><ArticleTitle>[Not Available].</ArticleTitle>"
      "<VernacularTitle>Titre.</VernacularTitle></Article></MedlineCitation></PubmedArticle>"
      "</PubmedArticleSet>");
  REQUIRE(result.works.size() == 2);
  CHECK(result.works[0].pmid == "11");
  CHECK(result.works[1].pmid == "13");
  CHECK(result.works[1].title == "Titre.");  // no English title: the vernacular one stands in
  CHECK(result.works[1].other_titles.empty());
  CHECK(result.errors ==
        std::vector<std::string>{"record 2: no PMID", "record 3: PMID \"12a\" is not a number"});
}

// ---- broken responses ----

TEST_CASE("malformed and foreign bodies are reported, never thrown", "[pubmed]") {
  SECTION("truncated XML") {
    std::string xml = recorded("efetch_pubmed_22351513_structured.xml");
    PubmedParseResult result = parse_pubmed_xml(std::string_view(xml).substr(0, xml.size() / 2));
    CHECK(result.works.empty());
    REQUIRE(result.errors.size() == 1);
    CHECK(starts_with(result.errors[0], "XML parse error at offset "));
  }
  SECTION("cut anywhere") {
    std::string xml = recorded("efetch_pubmed_29963580_collective_mathml.xml");
    for (std::size_t size = 0; size + 1 < xml.size(); size += 97) {
      INFO(size);
      PubmedParseResult result;
      CHECK_NOTHROW(result = parse_pubmed_xml(std::string_view(xml).substr(0, size)));
      CHECK(result.works.empty());
      CHECK(result.errors.size() == 1);
    }
  }
  SECTION("not XML at all") {
    for (std::string text : {"", "Hello, world", "{\"status\": \"ok\"}", "<<<>>>"}) {
      INFO(text);
      PubmedParseResult result;
      CHECK_NOTHROW(result = parse_pubmed_xml(text));
      CHECK(result.works.empty());
      CHECK(result.errors.size() == 1);
    }
  }
  SECTION("mismatched tags name the line") {
    PubmedParseResult result = parse_pubmed_xml("<PubmedArticleSet>\n<PubmedArticle>\n</Oops>\n");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].find("(line 3)") != std::string::npos);
  }
  SECTION("an HTML error page") {
    PubmedParseResult result = parse_pubmed_xml(recorded("esummary_414_uri_too_large.html"));
    CHECK(result.works.empty());
    CHECK(result.errors == std::vector<std::string>{
                               "not PubMed XML: the root element is <html>, an HTML page titled "
                               "\"Submitted URI too large!\""});
  }
  SECTION("an NCBI <ERROR> body") {
    PubmedParseResult result = parse_pubmed_xml(recorded("esummary_error_no_id.xml"));
    CHECK(result.errors == std::vector<std::string>{"NCBI error: Neither query_key nor id specified"});
    PubmedParseResult bare = parse_pubmed_xml("<eFetchResult><ERROR>ID list is empty!</ERROR></eFetchResult>");
    CHECK(bare.errors == std::vector<std::string>{"NCBI error: ID list is empty!"});
  }
  SECTION("another E-utility's answer") {
    PubmedParseResult result = parse_pubmed_xml(recorded("esummary_pubmed_v1_11850928_11482001.xml"));
    CHECK(result.errors == std::vector<std::string>{"not PubMed XML: the root element is <eSummaryResult>"});
  }
}

// ---- esearch ----

TEST_CASE("esearch: ids, counts and the history server", "[pubmed]") {
  EsearchResult biopython = parse_esearch_xml(recorded("esearch_pubmed_biopython.xml"));
  CHECK_FALSE(biopython.error);
  CHECK(biopython.count == 63);
  CHECK(biopython.ret_max == 20);
  CHECK(biopython.ret_start == 0);
  REQUIRE(biopython.ids.size() == 20);
  CHECK(biopython.ids.front() == "41282813");
  CHECK(biopython.ids.back() == "37810457");
  CHECK(biopython.query_translation == "\"biopython\"[All Fields]");
  CHECK(biopython.query_key.empty());
  CHECK(biopython.search_errors.empty());

  EsearchResult cancer = parse_esearch_xml(recorded("esearch_pubmed_cancer_usehistory.xml"));
  CHECK(cancer.count == 42249);
  CHECK(cancer.ids.size() == 100);
  CHECK(cancer.ids.back() == "41296368");
  CHECK(cancer.query_key == "1");
  CHECK(cancer.web_env == "MCID_6927d6e7fee3e90f880ec190");

  EsearchResult hart = parse_esearch_xml(recorded("esearch_pubmed_hart_rk_author.xml"));
  CHECK(hart.count == 34);
  CHECK(hart.ids.size() == 34);
  CHECK(hart.ids.back() == "6067859");
  CHECK(hart.query_translation == "hart, rk[Author] OR hart rk[Author]");

  EsearchResult pnas = parse_esearch_xml(recorded("esearch_pubmed_pnas_vol97_retstart6.xml"));
  CHECK(pnas.count == 2651);
  CHECK(pnas.ret_start == 6);
  CHECK(pnas.ret_max == 6);
  CHECK(pnas.ids == std::vector<std::string>{"11121077", "11121076", "11121075", "11121074",
                                             "11121073", "11121072"});
}

TEST_CASE("esearch: ErrorList and WarningList of a search without results", "[pubmed]") {
  EsearchResult none = parse_esearch_xml(recorded("esearch_protein_no_results.xml"));
  CHECK_FALSE(none.error);
  CHECK(none.count == 0);
  CHECK(none.ids.empty());
  CHECK(none.search_errors == std::vector<std::string>{"PhraseNotFound: abcXYZ"});
  CHECK(none.warnings == std::vector<std::string>{"OutputMessage: No items found."});
  CHECK(none.query_translation == "(abcXYZ[All Fields])");
}

TEST_CASE("esearch: errors, HTML and broken XML are reported", "[pubmed]") {
  CHECK(parse_esearch_xml("<eSearchResult><ERROR>Invalid db name specified: pub</ERROR></eSearchResult>")
            .error == "NCBI error: Invalid db name specified: pub");
  CHECK(parse_esearch_xml(recorded("esummary_error_no_id.xml")).error ==
        "NCBI error: Neither query_key nor id specified");
  auto html = parse_esearch_xml(recorded("esummary_414_uri_too_large.html"));
  REQUIRE(html.error);
  CHECK(html.error->find("Submitted URI too large!") != std::string::npos);
  auto truncated = parse_esearch_xml("<eSearchResult><Count>63</Count><IdList><Id>1</Id>");
  REQUIRE(truncated.error);
  CHECK(starts_with(*truncated.error, "XML parse error at offset "));
  CHECK(truncated.ids.empty());
}

// ---- ECitMatch ----

TEST_CASE("ecitmatch: found citations", "[pubmed]") {
  CitationMatchResult found = parse_ecitmatch(recorded("ecitmatch_found.txt"));
  CHECK(found.errors.empty());
  REQUIRE(found.matches.size() == 2);
  const CitationMatch& mann = found.matches[0];
  CHECK(mann.journal == "proc natl acad sci u s a");
  CHECK(mann.year == "1991");
  CHECK(mann.volume == "88");
  CHECK(mann.first_page == "3248");
  CHECK(mann.author == "mann bj");
  CHECK(mann.key == "Art1");
  CHECK(mann.status == CitationMatchStatus::kFound);
  CHECK(mann.pmid == "2014248");
  CHECK(found.matches[1].key == "Art2");
  CHECK(found.matches[1].pmid == "3026048");

  CitationMatchResult single = parse_ecitmatch(recorded("ecitmatch_single.txt"));
  REQUIRE(single.matches.size() == 1);
  CHECK(single.matches[0].key == "covid1");
  CHECK(single.matches[0].pmid == "31978945");
}

TEST_CASE("ecitmatch: NOT_FOUND with its reason, AMBIGUOUS, bad lines", "[pubmed]") {
  CitationMatchResult mixed = parse_ecitmatch(recorded("ecitmatch_mixed.txt"));
  CHECK(mixed.errors.empty());
  REQUIRE(mixed.matches.size() == 3);
  const CitationMatch& fake = mixed.matches[1];
  CHECK(fake.journal == "fake journal");
  CHECK(fake.author.empty());
  CHECK(fake.key == "ref2");
  CHECK(fake.status == CitationMatchStatus::kNotFound);
  CHECK_FALSE(fake.pmid);
  CHECK(fake.detail == "INVALID_JOURNAL");
  CHECK(mixed.matches[2].pmid == "31978945");

  CitationMatchResult odd = parse_ecitmatch(
      "science|1987|235|182|palmenberg ac|a1|AMBIGUOUS\r\nonly|three|fields\n\n"
      "science|1987|235|182||a3|SERVER_BUSY\n");
  REQUIRE(odd.matches.size() == 1);
  CHECK(odd.matches[0].status == CitationMatchStatus::kAmbiguous);
  CHECK(odd.matches[0].key == "a1");
  CHECK(odd.errors == std::vector<std::string>{
                          "line 2: expected 7 fields separated by '|', found 3",
                          "line 4: unexpected result \"SERVER_BUSY\" for key \"a3\""});
  CHECK(parse_ecitmatch(recorded("esummary_414_uri_too_large.html")).errors.size() == 1);
}

// ---- PMC ID converter ----

TEST_CASE("idconv: a DOI converted to PMID and PMCID", "[pubmed]") {
  IdConversionResult result = parse_idconv_json(recorded("idconv_10.1038_ng.590.json"));
  CHECK_FALSE(result.error);
  REQUIRE(result.records.size() == 1);
  CHECK(result.records[0].doi == "10.1038/ng.590");
  CHECK(result.records[0].pmid == "20495566");
  CHECK(result.records[0].pmcid == "PMC2883744");
  CHECK_FALSE(result.records[0].error);
}

TEST_CASE("idconv: an idtype mismatch, per-record errors, broken JSON", "[pubmed]") {
  IdConversionResult mismatch = parse_idconv_json(recorded("idconv_error_idtype_mismatch.json"));
  CHECK(mismatch.records.empty());
  CHECK(mismatch.error == "ID type 'doi' mismatch for '28371833'");

  IdConversionResult mixed = parse_idconv_json(
      R"({"status": "ok", "records": [
           {"requested-id": "PMC3531190", "pmcid": "PMC3531190", "pmid": 23193287, "doi": "10.1093/NAR/GKS1195"},
           {"requested-id": "99999999", "pmid": "99999999", "status": "error", "errmsg": "invalid article id"}]})");
  CHECK_FALSE(mixed.error);
  REQUIRE(mixed.records.size() == 2);
  CHECK(mixed.records[0].requested == "PMC3531190");
  CHECK(mixed.records[0].pmid == "23193287");
  CHECK(mixed.records[0].doi == "10.1093/nar/gks1195");
  CHECK(mixed.records[1].error == "invalid article id");
  CHECK_FALSE(mixed.records[1].pmcid);

  IdConversionResult broken = parse_idconv_json(R"({"status": "ok", "records": [)");
  REQUIRE(broken.error);
  CHECK(starts_with(*broken.error, "JSON parse error at offset "));
  CHECK(parse_idconv_json(recorded("esummary_414_uri_too_large.html")).error);
  CHECK(parse_idconv_json("[]").error);
}

// ---- whole data sets ----

TEST_CASE("the 37 Alzheimer's efetch files parse completely", "[pubmed][data]") {
  const auto folder = shared_path("data/pubmed/alzheimers-efetch");
  std::set<std::string> pmids;
  std::size_t works = 0, with_abstract = 0, with_mesh = 0, with_chemicals = 0, with_doi = 0;
  std::size_t errata = 0, retractions = 0, concerns = 0, without_title = 0, without_year = 0;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().string().find(".xml.gz") == std::string::npos) continue;
    ++files;
    GzipFile file = read_gzip_file(entry.path());
    INFO(entry.path());
    REQUIRE(file.error.empty());
    PubmedParseResult result = parse_pubmed_xml(file.bytes);
    CHECK(result.errors.empty());
    for (const Work& work : result.works) {
      ++works;
      pmids.insert(*work.pmid);
      with_abstract += work.abstract.has_value();
      with_mesh += !work.mesh.empty();
      with_chemicals += !work.chemicals.empty();
      with_doi += work.doi.has_value();
      without_title += !work.title;
      without_year += !work.year;
      for (const auto& notice : work.notices) {
        errata += notice.type == "erratum";
        retractions += notice.type == "retraction";
        concerns += notice.type == "expression-of-concern";
      }
    }
  }
  CHECK(files == 37);
  CHECK(works == 3690);
  CHECK(pmids.size() == 3690);
  CHECK(with_abstract == 3579);
  CHECK(with_mesh == 3633);
  CHECK(with_chemicals == 3188);
  CHECK(with_doi == 3665);
  CHECK(without_title == 0);
  CHECK(without_year == 0);
  CHECK(errata == 234);  // CommentsCorrections RefType="ErratumIn"
  CHECK(retractions == 1);
  CHECK(concerns == 1);
}

TEST_CASE("the legacy MEDLINE citation file parses completely", "[pubmed][data]") {
  GzipFile file = read_gzip_file(shared_path("data/pubmed/medline16n0902.xml.gz"));
  REQUIRE(file.error.empty());
  PubmedParseResult result = parse_pubmed_xml(file.bytes);
  CHECK(result.errors.empty());  // its one DeleteCitation is not a record
  CHECK(result.works.size() == 604);
  std::size_t with_abstract = 0, with_vernacular = 0, collective = 0;
  for (const Work& work : result.works) {
    with_abstract += work.abstract.has_value();
    with_vernacular += !work.other_titles.empty();
    collective += std::any_of(work.authors.begin(), work.authors.end(),
                              [](const auto& author) { return author.collective; });
    CHECK(work.title);
    CHECK(work.year);
  }
  CHECK(with_abstract == 526);
  CHECK(with_vernacular == 18);
  CHECK(collective == 8);
  const Work& first = result.works.front();
  CHECK(first.pmid == "17942999");
  CHECK(first.container_short == "Restor. Neurol. Neurosci.");
  CHECK(first.issue == "3-4");
  CHECK(first.pages == "195-210");
  CHECK(starts_with(*first.abstract, "PURPOSE: An auditory electrophysiological study"));
}

TEST_CASE("read_gzip_file reports missing and truncated files", "[pubmed]") {
  litgraph::test::TempDir dir;
  CHECK_FALSE(read_gzip_file(dir.path() / "missing.xml.gz").error.empty());
  std::string whole = read_file(shared_path("data/pubmed/medline16n0902.xml.gz"));
  GzipFile truncated = read_gzip_file(dir.write("cut.xml.gz", whole.substr(0, whole.size() / 2)));
  CHECK_FALSE(truncated.error.empty());
  CHECK(truncated.bytes.empty());
  GzipFile plain = read_gzip_file(dir.write("plain.xml", "<PubmedArticleSet/>"));
  CHECK(plain.error.empty());
  CHECK(plain.bytes == "<PubmedArticleSet/>");
}
