// Reference extraction on the five seed articles (issue 2) and on the kinds of
// text that sit next to reference lists in web articles.
#include <catch2/catch.hpp>

#include <map>
#include <optional>

#include "litgraph/crawlers/references.h"
#include "litgraph/crawlers/text_file.h"
#include "test_support.h"

using litgraph::crawlers::extract_references;
using litgraph::crawlers::read_text_file;
using litgraph::schema::Reference;
using litgraph::test::source_path;

namespace {

std::vector<Reference> extract_seed(const std::string& name) {
  auto file = read_text_file(source_path("corpus/" + name));
  REQUIRE(file.status == litgraph::crawlers::TextFileStatus::kOk);
  return extract_references(file.text, name);
}

const char* kSeeds[] = {"000_a41c27fd63d7b224.txt", "001_cd66f4001d99aea2.txt",
                        "002_ce4e0486c9f0905c.txt", "003_c30eaf50ce6f0a17.txt",
                        "004_e528a28dc6c42343.txt"};

// What a careful reader finds in each seed, written from the articles by hand.
struct Expected {
  int seed;
  long line;
  const char* family;  // first author
  std::optional<int> year;
  const char* title;
  const char* container;
  const char* volume;
  const char* issue;
  const char* pages;
  const char* doi;
};

const Expected kExpected[] = {
    {0, 10, "Cohen", 2018,
     "Consensus Guidelines on the Use of Intravenous Ketamine Infusions for Chronic Pain From the "
     "American Society of Regional Anesthesia and Pain Medicine, the American Academy of Pain "
     "Medicine, and the American Society of Anesthesiologists",
     "Regional Anesthesia and Pain Medicine", "43", "5", "521-546", "10.1097/aap.0000000000000808"},
    {0, 11, "Israel", 2021, "Ketamine for the Treatment of Chronic Pain: A Comprehensive Review",
     "Health psychology research", "9", "1", "25535", "10.52965/001c.25535"},
    {0, 12, "Walsh", 2021,
     "Ketamine for the treatment of mental health and substance use disorders: comprehensive "
     "systematic review",
     "BJPsych open", "8", "1", "e19", "10.1192/bjo.2021.1061"},
    {1, 96, "Bell", 2018, "Ketamine for Pain Management", "PAIN Reports", "3", "5", "e674",
     "10.1097/pr9.0000000000000674"},
    {1, 97, "Brown", 2020, "Ketamine for Acute Pain Management and Sedation", "Critical Care Nurse",
     "40", "5", "e26-32", "10.4037/ccn2020419"},
    {1, 98, "Cohen", 2018,
     "Consensus Guidelines on the Use of Intravenous Ketamine Infusions for Chronic Pain from the "
     "American Society of Regional Anesthesia and Pain Medicine, the American Academy of Pain "
     "Medicine, and the American Society of Anesthesiologists",
     "Regional Anesthesia and Pain Medicine", "43", "5", "1", "10.1097/aap.0000000000000808"},
    {1, 99, "Corriger", 2021, "Ketamine for Refractory Chronic Pain", "Pain", nullptr, nullptr,
     nullptr, "10.1097/j.pain.0000000000002403"},
    {1, 100, "Culp", 2021, "Ketamine Use for Cancer and Chronic Pain Management",
     "Frontiers in Pharmacology", "11", nullptr, nullptr, "10.3389/fphar.2020.599721"},
    {1, 101, "Niesters", 2014, "Ketamine for Chronic Pain: Risks and Benefits",
     "British Journal of Clinical Pharmacology", "77", "2", "357-67", "10.1111/bcp.12094"},
    {1, 102, "Orhurhu", 2019, "Ketamine Infusions for Chronic Pain", "Anesthesia & Analgesia", "129",
     "1", "241-54", "10.1213/ane.0000000000004185"},
    {3, 16, nullptr, std::nullopt, "Ketamine for chronic pain: risks and benefits",
     "British Journal of Clinical Pharmacology", nullptr, nullptr, nullptr, nullptr},
    {3, 17, nullptr, std::nullopt,
     "Ketamine and Ketamine Metabolite Pharmacology: Insights into Therapeutic Mechanisms",
     "Pharmacological Reviews", nullptr, nullptr, nullptr, nullptr},
    {3, 18, nullptr, std::nullopt,
     "Systematic Review of the Use of Intravenous Ketamine for Fibromyalgia", "The Ochsner Journal",
     nullptr, nullptr, nullptr, nullptr},
    {3, 19, nullptr, std::nullopt, "Multimodal Treatment of Chronic Pain",
     "Medical Clinics of North America", nullptr, nullptr, nullptr, nullptr},
    {4, 25, "Pai", 2007, "Ketamine", "Continuing Education in Anaesthesia, Critical Care & Pain", "7",
     "2", "59-63", nullptr},
    {4, 26, "Zarate", 2006,
     "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major "
     "depression",
     "Archives of general psychiatry", "63", "8", "856-864", nullptr},
    {4, 27, "Berman", 2000, "Antidepressant effects of ketamine in depressed patients",
     "Biological psychiatry", "47", "4", "351-354", nullptr},
    {4, 28, "Correll", 2004,
     "Subanesthetic ketamine infusion therapy: a retrospective analysis of a novel therapeutic "
     "approach to complex regional pain syndrome",
     "Pain Med", "5", "3", "263-275", nullptr},
    {4, 29, "Bredlau", 2013,
     "Ketamine for Pain in Adults and Children with Cancer: A Systematic Review and Synthesis of the "
     "Literature",
     "Pain Med", nullptr, nullptr, nullptr, nullptr},
    {4, 30, "Kosharskyy", 2013, "Intravenous infusions in chronic pain management", "Pain physician",
     "16", "3", "231-249", nullptr},
    {4, 31, "Mathiesen", 2013,
     "A comprehensive multimodal pain treatment reduces opioid consumption after multilevel spine "
     "surgery",
     "European spine journal : official publication of the European Spine Society, the European "
     "Spinal Deformity Society, and the European Section of the Cervical Spine Research Society",
     "22", "9", "2089-2096", nullptr},
    {4, 32, "Persson", 2013, "Ketamine in pain management", "CNS neuroscience & therapeutics", "19",
     "6", "396-402", nullptr},
    {4, 34, "Li", 2010,
     "mTOR-dependent synapse formation underlies the rapid antidepressant effects of NMDA "
     "antagonists",
     "Science", "329", "5994", "959-964", nullptr},
};

std::optional<std::string> text_or_null(const char* value) {
  return value ? std::optional<std::string>(value) : std::nullopt;
}

}  // namespace

TEST_CASE("extract_references finds every seed entry and nothing else (issue 2)",
          "[crawlers][extract][issue2]") {
  const std::map<int, std::size_t> expected_counts = {{0, 3}, {1, 7}, {2, 0}, {3, 4}, {4, 9}};
  std::size_t total = 0;
  for (auto [seed, count] : expected_counts) {
    auto refs = extract_seed(kSeeds[seed]);
    CAPTURE(kSeeds[seed]);
    CHECK(refs.size() == count);
    std::vector<long> lines;
    for (const auto& r : refs) lines.push_back(r.line);
    std::vector<long> expected_lines;
    for (const auto& e : kExpected)
      if (e.seed == seed) expected_lines.push_back(e.line);
    CHECK(lines == expected_lines);
    for (std::size_t i = 0; i < refs.size(); ++i) CHECK(refs[i].n == static_cast<int>(i + 1));
    total += refs.size();
  }
  CHECK(total == 23);
}

TEST_CASE("extract_references reports all ten seed DOIs normalized", "[crawlers][extract][issue2]") {
  std::vector<std::string> dois;
  for (const char* seed : kSeeds)
    for (const auto& r : extract_seed(seed))
      if (r.doi) dois.push_back(*r.doi);
  std::vector<std::string> expected;
  for (const auto& e : kExpected)
    if (e.doi) expected.push_back(e.doi);
  CHECK(dois.size() == 10);
  CHECK(dois == expected);
}

TEST_CASE("seed fields are parsed with at least 95% accuracy (issue 2)",
          "[crawlers][extract][issue2]") {
  std::map<int, std::vector<Reference>> by_seed;
  for (int seed = 0; seed < 5; ++seed) by_seed[seed] = extract_seed(kSeeds[seed]);
  int fields = 0;
  int correct = 0;
  for (const auto& e : kExpected) {
    const Reference* found = nullptr;
    for (const auto& r : by_seed[e.seed])
      if (r.line == e.line) found = &r;
    std::optional<std::string> family =
        found && !found->authors.empty() ? std::optional<std::string>(found->authors[0].family)
                                         : std::nullopt;
    const std::pair<std::optional<std::string>, std::optional<std::string>> pairs[] = {
        {text_or_null(e.family), family},
        {e.year ? std::optional<std::string>(std::to_string(*e.year)) : std::nullopt,
         found && found->year ? std::optional<std::string>(std::to_string(*found->year))
                              : std::nullopt},
        {text_or_null(e.title), found ? found->title : std::nullopt},
        {text_or_null(e.container), found ? found->container : std::nullopt},
        {text_or_null(e.volume), found ? found->volume : std::nullopt},
        {text_or_null(e.issue), found ? found->issue : std::nullopt},
        {text_or_null(e.pages), found ? found->pages : std::nullopt},
        {text_or_null(e.doi), found ? found->doi : std::nullopt},
    };
    const char* names[] = {"family", "year", "title", "container", "volume", "issue", "pages", "doi"};
    for (std::size_t i = 0; i < std::size(pairs); ++i) {
      ++fields;
      if (pairs[i].first == pairs[i].second) {
        ++correct;
      } else {
        WARN(kSeeds[e.seed] << ":" << e.line << " " << names[i] << ": expected \""
                            << pairs[i].first.value_or("null") << "\", got \""
                            << pairs[i].second.value_or("null") << "\"");
      }
    }
  }
  double accuracy = static_cast<double>(correct) / fields;
  CAPTURE(correct, fields);
  CHECK(fields == 23 * 8);
  CHECK(accuracy >= 0.95);
}

TEST_CASE("seed page ranges are expanded into first and last pages", "[crawlers][extract][issue2]") {
  auto mla = extract_seed(kSeeds[1]);
  REQUIRE(mla.size() == 7);
  CHECK(mla[1].first_page == "e26");
  CHECK(mla[1].last_page == "e32");
  CHECK(mla[5].first_page == "357");
  CHECK(mla[5].last_page == "367");
  CHECK(mla[6].last_page == "254");
  CHECK_FALSE(mla[3].volume.has_value());  // "vol. Publish Ahead of Print" is no volume
  auto vancouver = extract_seed(kSeeds[4]);
  REQUIRE(vancouver.size() == 9);
  CHECK(vancouver[1].first_page == "856");
  CHECK(vancouver[1].last_page == "864");
  CHECK(vancouver[0].year == 2007);  // "April 1, 2007 2007"
  CHECK(vancouver[1].authors[0].suffix == "Jr");
  CHECK(vancouver[1].et_al);
}

TEST_CASE("seed citation styles are recognised", "[crawlers][extract][issue2]") {
  using litgraph::schema::CitationStyle;
  const std::pair<int, CitationStyle> styles[] = {{0, CitationStyle::kApa},
                                                  {1, CitationStyle::kMla},
                                                  {3, CitationStyle::kTitleJournal},
                                                  {4, CitationStyle::kVancouver}};
  for (auto [seed, style] : styles) {
    CAPTURE(kSeeds[seed]);
    for (const auto& r : extract_seed(kSeeds[seed])) CHECK(r.style == style);
  }
}

TEST_CASE("extract_references ignores text that only looks like data", "[crawlers][extract]") {
  const char* text =
      "678-438-8732 [email protected]\n"
      "Share Post On:\n"
      "Recent Blogs\n"
      "- 27 Nov, 2024\n"
      "- Uncategorized\n"
      "See our other blog on Ketamine here:\n"
      "In 2000, Berman and colleagues(3) were the first to demonstrate the rapid onset of "
      "antidepressant effects with an NMDA receptor antagonist.\n"
      "  • Nausea and vomiting\n"
      "  • Increased heart rate or blood pressure\n"
      "Ketamine vs. Opioids\n"
      "1\n";
  CHECK(extract_references(text, "noise.txt").empty());
}

TEST_CASE("extract_references accepts the common list markers", "[crawlers][extract]") {
  const char* text =
      "References\n"
      "[1] Persson J. Ketamine in pain management. CNS Neurosci Ther. 2013;19(6):396-402.\n"
      "2) Berman RM, Cappiello A. Antidepressant effects of ketamine in depressed patients. Biol "
      "Psychiatry. 2000;47(4):351-4.\n"
      "(3) Li N, Lee B. mTOR-dependent synapse formation. Science. 2010;329(5994):959-64.\n"
      "4.Zarate CA Jr, Singh JB. A randomized trial. Arch Gen Psychiatry. 2006;63(8):856-64.\n";
  auto refs = extract_references(text, "markers.txt");
  REQUIRE(refs.size() == 4);
  CHECK(refs[0].authors[0].family == "Persson");
  CHECK(refs[1].authors[0].family == "Berman");
  CHECK(refs[2].authors[0].family == "Li");
  CHECK(refs[3].authors[0].family == "Zarate");
  CHECK(refs[3].line == 5);
}

TEST_CASE("extract_references joins an entry wrapped over several lines", "[crawlers][extract]") {
  const char* text =
      "References\n"
      "1. Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an\n"
      "   N-methyl-D-aspartate antagonist in treatment-resistant major depression.\n"
      "   Arch Gen Psychiatry. 2006;63(8):856-864.\n"
      "2. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in depressed\n"
      "   patients. Biol Psychiatry. 2000;47(4):351-354.\n";
  auto refs = extract_references(text, "wrapped.txt");
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].line == 2);
  CHECK(refs[0].title ==
        "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant major "
        "depression");
  CHECK(refs[0].container == "Arch Gen Psychiatry");
  CHECK(refs[1].line == 5);
  CHECK(refs[1].pages == "351-354");
}

TEST_CASE("extract_references returns nothing for empty or blank text", "[crawlers][extract]") {
  CHECK(extract_references("", "empty.txt").empty());
  CHECK(extract_references("\n\n   \n", "blank.txt").empty());
}

TEST_CASE("extract_references finds unheaded lists in the forms PubMed records carry",
          "[crawlers][extract]") {
  // One entry per line, no heading, no numbers: the source alone marks them.
  const char* text =
      "Ketamine is an NMDA receptor antagonist with rapid antidepressant effects.\n"
      "\n"
      "van Dyck CH, Swanson CJ, Aisen P, et al. Lecanemab in early Alzheimer's disease. N Engl J "
      "Med. 2023;388(1):9-21. doi:10.1056/NEJMoa2212948\n"
      "Heath SC (1997) Markov chain Monte Carlo segregation and linkage analysis for oligogenic "
      "models. Am J Hum Genet 61:748-760\n"
      "Psychol Aging. 2001 Sep;16(3):371-84\n"
      "Neurology. 1984 Jul;34(7):939-44\n"
      "Morris R: Thy-1, the enigmatic extrovert on the neuronal surface. BioEssays 1992, "
      "14:715-722\n"
      "Villeda SA et al., Nature 477, 90-94 (2011).\n"
      "Lesne S.; Koh M. T.; Kotilinek L.; Ashe K. H. Nature 2006, 440, 352.\n"
      "de Belle, J. S. & Heisenberg, M. (1994) Science 263, 692-695.\n"
      "\n"
      "Share this article\n"
      "Call us: 555-123-4567\n";
  auto refs = extract_references(text, "pubmed-forms.txt");
  std::vector<long> lines;
  for (const auto& r : refs) lines.push_back(r.line);
  CHECK(lines == std::vector<long>{3, 4, 5, 6, 7, 8, 9, 10});
}

TEST_CASE("extract_references keeps a hanging indent with its entry but splits whole lines",
          "[crawlers][extract]") {
  const char* text =
      "Psychol Aging. 2001 Sep;16(3):371-84\n"
      "Neurology. 1984 Jul;34(7):939-44\n"
      "1. Berman RM, Cappiello A, Anand A, et al. Antidepressant effects of ketamine in\n"
      "   depressed patients. Biol Psychiatry. 2000;47(4):351-354.\n";
  auto refs = extract_references(text, "mixed.txt");
  REQUIRE(refs.size() == 3);
  CHECK(refs[0].container == "Psychol Aging");
  CHECK(refs[1].container == "Neurology");
  CHECK(refs[2].title == "Antidepressant effects of ketamine in depressed patients");
}
