// Field parsing of single reference entries, one table per citation style.
// Entries are written the way real reference lists print them; expected
// values use '-' for any dash, as Reference::pages does, and titles and
// containers come without their closing punctuation.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "litgraph/crawlers/references.h"

using litgraph::crawlers::parse_reference;
using litgraph::schema::CitationStyle;
using litgraph::schema::style_name;

namespace {

// A field the case leaves unchecked: an unknown style asserts only what the
// entry states plainly.
constexpr const char* kAny = "<any>";
constexpr int kAnyCount = -1;

// One entry and what parse_reference must read from it. A null field must be
// absent; year 0 means no year; the first author is checked when `family` is
// set.
struct Case {
  const char* name;
  const char* entry;
  CitationStyle style = CitationStyle::kUnknown;
  int authors = 0;
  const char* family = nullptr;  // of the first author
  const char* given = "";
  const char* suffix = "";
  bool et_al = false;
  int year = 0;
  const char* title = nullptr;
  const char* container = nullptr;
  const char* volume = nullptr;
  const char* issue = nullptr;
  const char* pages = nullptr;
  const char* first_page = nullptr;
  const char* last_page = nullptr;
  const char* doi = nullptr;
  const char* pmid = nullptr;
  const char* pmcid = nullptr;
};

std::string shown(const std::optional<std::string>& value) { return value.value_or("<none>"); }
std::string shown(const char* value) { return value ? value : "<none>"; }

void check_field(const char* field, const std::optional<std::string>& actual, const char* expected) {
  if (expected == kAny) return;
  INFO("field: " << field);
  CHECK(shown(actual) == shown(expected));
}

void check_case(const Case& c) {
  INFO("case: " << c.name);
  INFO("entry: " << c.entry);
  auto r = parse_reference(c.entry);
  CHECK(style_name(r.style) == style_name(c.style));
  if (c.authors != kAnyCount) {
    CHECK(r.authors.size() == static_cast<std::size_t>(c.authors));
    CHECK(r.et_al == c.et_al);
  }
  if (c.family) {
    REQUIRE_FALSE(r.authors.empty());
    CHECK(r.authors[0].family == c.family);
    CHECK(r.authors[0].given == c.given);
    CHECK(r.authors[0].suffix == c.suffix);
  }
  CHECK(r.year.value_or(0) == c.year);
  check_field("title", r.title, c.title);
  check_field("container", r.container, c.container);
  check_field("volume", r.volume, c.volume);
  check_field("issue", r.issue, c.issue);
  check_field("pages", r.pages, c.pages);
  check_field("first_page", r.first_page, c.first_page);
  check_field("last_page", r.last_page, c.last_page);
  check_field("doi", r.doi, c.doi);
  check_field("pmid", r.pmid, c.pmid);
  check_field("pmcid", r.pmcid, c.pmcid);
}

template <std::size_t N>
void check_cases(const Case (&cases)[N]) {
  for (const Case& c : cases) {
    DYNAMIC_SECTION(c.name) { check_case(c); }
  }
}

}  // namespace

TEST_CASE("parse_reference reads APA entries: inverted initials, (year), comma source",
          "[crawlers][refs][apa]") {
  static const Case cases[] = {
      {.name = "one author, year with a letter, article number",
       .entry = "Duman, R. S. (2018a). Ketamine and rapid-acting antidepressants: A new era in the "
                "battle against depression and suicide. F1000Research, 7, 659. "
                "https://doi.org/10.12688/f1000research.14344.1",
       .style = CitationStyle::kApa, .authors = 1, .family = "Duman", .given = "R. S.",
       .year = 2018,
       .title = "Ketamine and rapid-acting antidepressants: A new era in the battle against "
                "depression and suicide",
       .container = "F1000Research", .volume = "7", .pages = "659", .first_page = "659",
       .doi = "10.12688/f1000research.14344.1"},
      {.name = "two authors, Jr after the initials, question mark ending the title",
       .entry = "Zarate, C. A., Jr., & Niciu, M. J. (2015). Ketamine for depression: Evidence, "
                "challenges and promise? World Psychiatry, 14(3), 348\u2013350. "
                "https://doi.org/10.1002/wps.20269",
       .style = CitationStyle::kApa, .authors = 2, .family = "Zarate", .given = "C. A.",
       .suffix = "Jr", .year = 2015,
       .title = "Ketamine for depression: Evidence, challenges and promise?",
       .container = "World Psychiatry", .volume = "14", .issue = "3", .pages = "348-350",
       .first_page = "348", .last_page = "350", .doi = "10.1002/wps.20269"},
      {.name = "twelve authors with a two-word family name",
       .entry = "Murrough, J. W., Iosifescu, D. V., Chang, L. C., Al Jurdi, R. K., Green, C. E., "
                "Perez, A. M., Iqbal, S., Pillemer, S., Foulkes, A., Shah, A., Charney, D. S., & "
                "Mathew, S. J. (2013). Antidepressant efficacy of ketamine in treatment-resistant "
                "major depression: A two-site randomized controlled trial. American Journal of "
                "Psychiatry, 170(10), 1134\u20131142. https://doi.org/10.1176/appi.ajp.2013.13030392",
       .style = CitationStyle::kApa, .authors = 12, .family = "Murrough", .given = "J. W.",
       .year = 2013,
       .title = "Antidepressant efficacy of ketamine in treatment-resistant major depression: A "
                "two-site randomized controlled trial",
       .container = "American Journal of Psychiatry", .volume = "170", .issue = "10",
       .pages = "1134-1142", .first_page = "1134", .last_page = "1142",
       .doi = "10.1176/appi.ajp.2013.13030392"},
      {.name = "hyphenated non-ASCII name and particles",
       .entry = "P\u00e9rez-Higueras, M., van der Berg, J. P., & de la Fuente, R. (2020). Esketamine "
                "nasal spray in older adults with treatment-resistant depression: A real-world "
                "cohort. Revista de Psiquiatr\u00eda y Salud Mental, 13(4), 199\u2013207. "
                "https://doi.org/10.1016/j.rpsm.2020.05.004",
       .style = CitationStyle::kApa, .authors = 3, .family = "P\u00e9rez-Higueras", .given = "M.",
       .year = 2020,
       .title = "Esketamine nasal spray in older adults with treatment-resistant depression: A "
                "real-world cohort",
       .container = "Revista de Psiquiatr\u00eda y Salud Mental", .volume = "13", .issue = "4",
       .pages = "199-207", .first_page = "199", .last_page = "207",
       .doi = "10.1016/j.rpsm.2020.05.004"},
      {.name = "APA 6 list cut with an ellipsis",
       .entry = "Singh, J. B., Fedgchin, M., Daly, E. J., De Boer, P., Cooper, K., Lim, P., . . . "
                "Van Nueten, L. (2016). A double-blind, randomized, placebo-controlled, "
                "dose-frequency study of intravenous ketamine in patients with treatment-resistant "
                "depression. The American Journal of Psychiatry, 173(8), 816\u2013826. "
                "doi:10.1176/appi.ajp.2016.16010037",
       .style = CitationStyle::kApa, .authors = 7, .family = "Singh", .given = "J. B.",
       .et_al = true, .year = 2016,
       .title = "A double-blind, randomized, placebo-controlled, dose-frequency study of "
                "intravenous ketamine in patients with treatment-resistant depression",
       .container = "The American Journal of Psychiatry", .volume = "173", .issue = "8",
       .pages = "816-826", .first_page = "816", .last_page = "826",
       .doi = "10.1176/appi.ajp.2016.16010037"},
      {.name = "abbreviation in the title, PMID after the DOI",
       .entry = "Dore, J., Turnipseed, B., Dwyer, S., Turnipseed, A., Andries, J., Ascani, G., "
                "Monnette, C., Huidekoper, A., Strauss, N., & Wolfson, P. (2019). Ketamine assisted "
                "psychotherapy (KAP): Patient demographics, clinical data and outcomes in three "
                "large practices administering ketamine with psychotherapy. Journal of "
                "Psychoactive Drugs, 51(2), 189\u2013198. https://doi.org/10.1080/02791072.2019.1587556 "
                "PMID: 30917760",
       .style = CitationStyle::kApa, .authors = 10, .family = "Dore", .given = "J.", .year = 2019,
       .title = "Ketamine assisted psychotherapy (KAP): Patient demographics, clinical data and "
                "outcomes in three large practices administering ketamine with psychotherapy",
       .container = "Journal of Psychoactive Drugs", .volume = "51", .issue = "2",
       .pages = "189-198", .first_page = "189", .last_page = "198",
       .doi = "10.1080/02791072.2019.1587556", .pmid = "30917760"},
      {.name = "e-page, three authors",
       .entry = "Walsh, Z., Mollaahmetoglu, O. M., & Morgan, C. (2021). Ketamine for the treatment "
                "of mental health and substance use disorders: comprehensive systematic review. "
                "BJPsych open, 8(1), e19. https://doi.org/10.1192/bjo.2021.1061",
       .style = CitationStyle::kApa, .authors = 3, .family = "Walsh", .given = "Z.", .year = 2021,
       .title = "Ketamine for the treatment of mental health and substance use disorders: "
                "comprehensive systematic review",
       .container = "BJPsych open", .volume = "8", .issue = "1", .pages = "e19",
       .first_page = "e19", .doi = "10.1192/bjo.2021.1061"},
      {.name = "month and day in the date, U.S. and vs. in the title, Jr last",
       .entry = "Hooten, W. M., & Zarate, C. A., Jr. (2021, March 3). Ketamine infusions for "
                "chronic pain: A review of U.S. practice vs. guidelines. Mayo Clinic Proceedings, "
                "96(3), 712\u2013725. https://doi.org/10.1016/j.mayocp.2020.12.001",
       .style = CitationStyle::kApa, .authors = 2, .family = "Hooten", .given = "W. M.",
       .year = 2021,
       .title = "Ketamine infusions for chronic pain: A review of U.S. practice vs. guidelines",
       .container = "Mayo Clinic Proceedings", .volume = "96", .issue = "3", .pages = "712-725",
       .first_page = "712", .last_page = "725", .doi = "10.1016/j.mayocp.2020.12.001"},
      {.name = "group author closing a list of persons",
       .entry = "Newport, D. J., Carpenter, L. L., McDonald, W. M., Potash, J. B., Tohen, M., "
                "Nemeroff, C. B., & the APA Council of Research Task Force on Novel Biomarkers and "
                "Treatments. (2015). Ketamine and other NMDA antagonists: Early clinical trials and "
                "possible mechanisms in depression. American Journal of Psychiatry, 172(10), "
                "950\u2013966. https://doi.org/10.1176/appi.ajp.2015.15040465",
       .style = CitationStyle::kApa, .authors = 7, .family = "Newport", .given = "D. J.",
       .year = 2015,
       .title = "Ketamine and other NMDA antagonists: Early clinical trials and possible "
                "mechanisms in depression",
       .container = "American Journal of Psychiatry", .volume = "172", .issue = "10",
       .pages = "950-966", .first_page = "950", .last_page = "966",
       .doi = "10.1176/appi.ajp.2015.15040465"},
      {.name = "agency author with 'and' in its name, report without a journal",
       .entry = "Substance Abuse and Mental Health Services Administration. (2021). Key substance "
                "use and mental health indicators in the United States: Results from the 2020 "
                "National Survey on Drug Use and Health. https://www.samhsa.gov/data/",
       .style = CitationStyle::kApa, .authors = 1,
       .family = "Substance Abuse and Mental Health Services Administration",
       .year = 2021,
       .title = "Key substance use and mental health indicators in the United States: Results "
                "from the 2020 National Survey on Drug Use and Health"},
      {.name = "APA 7 article number",
       .entry = "Ballard, E. D., & Zarate, C. A., Jr. (2020). The role of dissociation in "
                "ketamine's antidepressant effects. Nature Communications, 11(1), Article 6431. "
                "https://doi.org/10.1038/s41467-020-20190-4",
       .style = CitationStyle::kApa, .authors = 2, .family = "Ballard", .given = "E. D.",
       .year = 2020, .title = "The role of dissociation in ketamine's antidepressant effects",
       .container = "Nature Communications", .volume = "11", .issue = "1", .pages = "6431",
       .first_page = "6431", .doi = "10.1038/s41467-020-20190-4"},
      {.name = "advance online publication, no volume yet",
       .entry = "Jelen, L. A., & Stone, J. M. (2021). Ketamine for depression. International "
                "Review of Psychiatry. Advance online publication. "
                "https://doi.org/10.1080/09540261.2020.1854194",
       .style = CitationStyle::kApa, .authors = 2, .family = "Jelen", .given = "L. A.",
       .year = 2021, .title = "Ketamine for depression",
       .container = "International Review of Psychiatry",
       .doi = "10.1080/09540261.2020.1854194"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads MLA entries: full names, quoted title, vol./no./pp. elements",
          "[crawlers][refs][mla]") {
  static const Case cases[] = {
      {.name = "two authors, e-page, Accessed date is not the year",
       .entry = "Bell, Rae Frances, and Eija Anneli Kalso. \u201cKetamine for Pain Management.\u201d "
                "PAIN Reports, vol. 3, no. 5, 2018, p. e674, "
                "https://doi.org/10.1097/pr9.0000000000000674. Accessed 30 Apr. 2023.",
       .style = CitationStyle::kMla, .authors = 2, .family = "Bell", .given = "Rae Frances",
       .year = 2018, .title = "Ketamine for Pain Management", .container = "PAIN Reports",
       .volume = "3", .issue = "5", .pages = "e674", .first_page = "e674",
       .doi = "10.1097/pr9.0000000000000674"},
      {.name = "one author, double issue, abbreviated page range",
       .entry = "Krystal, John H. \u201cKetamine and the Potential Role for Rapid-Acting "
                "Antidepressant Medications.\u201d Swiss Medical Weekly, vol. 137, nos. 15\u201316, "
                "2007, pp. 215\u201316.",
       .style = CitationStyle::kMla, .authors = 1, .family = "Krystal", .given = "John H.",
       .year = 2007,
       .title = "Ketamine and the Potential Role for Rapid-Acting Antidepressant Medications",
       .container = "Swiss Medical Weekly", .volume = "137", .issue = "15-16",
       .pages = "215-16", .first_page = "215", .last_page = "216"},
      {.name = "Jr and et al., month before the year",
       .entry = "Zarate, Carlos A., Jr., et al. \u201cA Randomized Trial of an "
                "N-Methyl-D-Aspartate Antagonist in Treatment-Resistant Major Depression.\u201d "
                "Archives of General Psychiatry, vol. 63, no. 8, Aug. 2006, pp. 856\u201364, "
                "https://doi.org/10.1001/archpsyc.63.8.856.",
       .style = CitationStyle::kMla, .authors = 1, .family = "Zarate", .given = "Carlos A.",
       .suffix = "Jr", .et_al = true, .year = 2006,
       .title = "A Randomized Trial of an N-Methyl-D-Aspartate Antagonist in "
                "Treatment-Resistant Major Depression",
       .container = "Archives of General Psychiatry", .volume = "63", .issue = "8",
       .pages = "856-64", .first_page = "856", .last_page = "864",
       .doi = "10.1001/archpsyc.63.8.856"},
      {.name = "particle and accented names",
       .entry = "de la Fuente, Juan Ram\u00f3n, and Luc\u00eda P\u00e9rez-Higueras. \u201cKetamina en la "
                "depresi\u00f3n resistente: revisi\u00f3n sistem\u00e1tica.\u201d Actas Espa\u00f1olas de "
                "Psiquiatr\u00eda, vol. 48, no. 2, Mar. 2020, pp. 67\u201379.",
       .style = CitationStyle::kMla, .authors = 2, .family = "de la Fuente",
       .given = "Juan Ram\u00f3n", .year = 2020,
       .title = "Ketamina en la depresi\u00f3n resistente: revisi\u00f3n sistem\u00e1tica",
       .container = "Actas Espa\u00f1olas de Psiquiatr\u00eda", .volume = "48", .issue = "2",
       .pages = "67-79", .first_page = "67", .last_page = "79"},
      {.name = "three authors (MLA 7), no DOI",
       .entry = "Berman, Robert M., Angela Cappiello, and Amit Anand. \u201cAntidepressant Effects "
                "of Ketamine in Depressed Patients.\u201d Biological Psychiatry, vol. 47, no. 4, "
                "2000, pp. 351\u201354.",
       .style = CitationStyle::kMla, .authors = 3, .family = "Berman", .given = "Robert M.",
       .year = 2000, .title = "Antidepressant Effects of Ketamine in Depressed Patients",
       .container = "Biological Psychiatry", .volume = "47", .issue = "4", .pages = "351-54",
       .first_page = "351", .last_page = "354"},
      {.name = "article number instead of pages",
       .entry = "Culp, Clayton, et al. \u201cKetamine Use for Cancer and Chronic Pain "
                "Management.\u201d Frontiers in Pharmacology, vol. 11, Feb. 2021, article 599721, "
                "https://doi.org/10.3389/fphar.2020.599721. Accessed 1 May 2023.",
       .style = CitationStyle::kMla, .authors = 1, .family = "Culp", .given = "Clayton",
       .et_al = true, .year = 2021, .title = "Ketamine Use for Cancer and Chronic Pain Management",
       .container = "Frontiers in Pharmacology", .volume = "11", .pages = "599721",
       .first_page = "599721", .doi = "10.3389/fphar.2020.599721"},
      {.name = "database as a second container after the pages",
       .entry = "Orhurhu, Vwaire, et al. \u201cKetamine Infusions for Chronic Pain: A Systematic "
                "Review and Meta-Analysis of Randomized Controlled Trials.\u201d Anesthesia & "
                "Analgesia, vol. 129, no. 1, July 2019, pp. 241\u201354. PubMed, "
                "https://doi.org/10.1213/ane.0000000000004185.",
       .style = CitationStyle::kMla, .authors = 1, .family = "Orhurhu", .given = "Vwaire",
       .et_al = true, .year = 2019,
       .title = "Ketamine Infusions for Chronic Pain: A Systematic Review and Meta-Analysis of "
                "Randomized Controlled Trials",
       .container = "Anesthesia & Analgesia", .volume = "129", .issue = "1", .pages = "241-54",
       .first_page = "241", .last_page = "254", .doi = "10.1213/ane.0000000000004185"},
      {.name = "straight quotes, question mark ending the title",
       .entry = "Sanacora, Gerard, and Alan F. Schatzberg. \"Ketamine: Promising Path or False "
                "Prophecy in the Development of Novel Therapeutics for Mood Disorders?\" "
                "Neuropsychopharmacology, vol. 40, no. 2, 2015, pp. 259-67.",
       .style = CitationStyle::kMla, .authors = 2, .family = "Sanacora", .given = "Gerard",
       .year = 2015,
       .title = "Ketamine: Promising Path or False Prophecy in the Development of Novel "
                "Therapeutics for Mood Disorders?",
       .container = "Neuropsychopharmacology", .volume = "40", .issue = "2", .pages = "259-67",
       .first_page = "259", .last_page = "267"},
      {.name = "source without vol. or pp. labels",
       .entry = "George, S. M. \"Atomic layer deposition: an overview.\" Chemical Reviews 110, "
                "111-131, (2010).",
       .style = CitationStyle::kMla, .authors = 1, .family = "George", .given = "S. M.",
       .year = 2010, .title = "Atomic layer deposition: an overview",
       .container = "Chemical Reviews", .volume = "110", .pages = "111-131", .first_page = "111",
       .last_page = "131"},
      {.name = "French: title in guillemets, family name in capitals",
       .entry = "LEMIEUX, Cyril, \u00AB Le travail de l\u2019enqu\u00eate \u00BB, Revue "
                "fran\u00e7aise de sociologie, 45, 2004, p. 123-145.",
       .style = CitationStyle::kMla, .authors = 1, .family = "LEMIEUX", .given = "Cyril",
       .year = 2004, .title = "Le travail de l'enqu\u00eate",
       .container = "Revue fran\u00e7aise de sociologie", .volume = "45", .pages = "123-145",
       .first_page = "123", .last_page = "145"},
      {.name = "French: year after the authors, n\u00b0 for the issue",
       .entry = "Paugam S., 2005, \u00AB Les formes \u00e9l\u00e9mentaires de la pauvret\u00e9 "
                "\u00BB, Revue europ\u00e9enne des sciences sociales, Vol. 43, n\u00b0 2, "
                "p. 17-40.",
       .style = CitationStyle::kMla, .authors = 1, .family = "Paugam", .given = "S",
       .year = 2005, .title = "Les formes \u00e9l\u00e9mentaires de la pauvret\u00e9",
       .container = "Revue europ\u00e9enne des sciences sociales", .volume = "43", .issue = "2",
       .pages = "17-40", .first_page = "17", .last_page = "40"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads Vancouver (NLM) entries: Family AB, date, vol(issue):pages",
          "[crawlers][refs][vancouver]") {
  static const Case cases[] = {
      {.name = "Jr after the initials, et al., DOI and PMID",
       .entry = "Zarate CA Jr, Singh JB, Carlson PJ, Brutsche NE, Ameli R, Luckenbaugh DA, et al. "
                "A randomized trial of an N-methyl-D-aspartate antagonist in treatment-resistant "
                "major depression. Arch Gen Psychiatry. 2006 Aug;63(8):856-64. "
                "doi: 10.1001/archpsyc.63.8.856. PMID: 16894061.",
       .style = CitationStyle::kVancouver, .authors = 6, .family = "Zarate", .given = "CA",
       .suffix = "Jr", .et_al = true, .year = 2006,
       .title = "A randomized trial of an N-methyl-D-aspartate antagonist in "
                "treatment-resistant major depression",
       .container = "Arch Gen Psychiatry", .volume = "63", .issue = "8", .pages = "856-64",
       .first_page = "856", .last_page = "864", .doi = "10.1001/archpsyc.63.8.856",
       .pmid = "16894061"},
      {.name = "Epub date of another year is not the year; PMID and PMCID",
       .entry = "Niesters M, Martini C, Dahan A. Ketamine for chronic pain: risks and benefits. "
                "Br J Clin Pharmacol. 2014 Feb;77(2):357-67. Epub 2013 Feb 14. "
                "doi: 10.1111/bcp.12094. PMID: 23432384; PMCID: PMC4014022.",
       .style = CitationStyle::kVancouver, .authors = 3, .family = "Niesters", .given = "M",
       .year = 2014, .title = "Ketamine for chronic pain: risks and benefits",
       .container = "Br J Clin Pharmacol", .volume = "77", .issue = "2", .pages = "357-67",
       .first_page = "357", .last_page = "367", .doi = "10.1111/bcp.12094", .pmid = "23432384",
       .pmcid = "PMC4014022"},
      {.name = "particles, hyphenated and accented names",
       .entry = "van der Berg JP, de la Fuente-Mart\u00edn R, P\u00e9rez-Higueras M. Esketamine nasal "
                "spray in older adults with treatment-resistant depression. Rev Psiquiatr Salud "
                "Ment. 2020 Oct-Dec;13(4):199-207.",
       .style = CitationStyle::kVancouver, .authors = 3, .family = "van der Berg", .given = "JP",
       .year = 2020,
       .title = "Esketamine nasal spray in older adults with treatment-resistant depression",
       .container = "Rev Psiquiatr Salud Ment", .volume = "13", .issue = "4", .pages = "199-207",
       .first_page = "199", .last_page = "207"},
      {.name = "one author, title ending in a question mark, e-page range",
       .entry = "Andrade C. Ketamine for depression, 4: in what dose, at what rate, by what route, "
                "for how long, and at what frequency? J Clin Psychiatry. 2017 Jul;78(7):e852-e857. "
                "doi: 10.4088/JCP.17f11738. PMID: 28749092.",
       .style = CitationStyle::kVancouver, .authors = 1, .family = "Andrade", .given = "C",
       .year = 2017,
       .title = "Ketamine for depression, 4: in what dose, at what rate, by what route, for how "
                "long, and at what frequency?",
       .container = "J Clin Psychiatry", .volume = "78", .issue = "7", .pages = "e852-e857",
       .first_page = "e852", .last_page = "e857", .doi = "10.4088/jcp.17f11738",
       .pmid = "28749092"},
      {.name = "article number, full date, parenthesis in the title",
       .entry = "Vasiliu O. Esketamine for treatment-resistant depression: a review of clinical "
                "applications (Review). Exp Ther Med. 2023 Jan 27;25(3):111. "
                "doi: 10.3892/etm.2023.11810. PMID: 36793329; PMCID: PMC9922941.",
       .style = CitationStyle::kVancouver, .authors = 1, .family = "Vasiliu", .given = "O",
       .year = 2023,
       .title = "Esketamine for treatment-resistant depression: a review of clinical "
                "applications (Review)",
       .container = "Exp Ther Med", .volume = "25", .issue = "3", .pages = "111",
       .first_page = "111", .doi = "10.3892/etm.2023.11810", .pmid = "36793329",
       .pmcid = "PMC9922941"},
      {.name = "volume without issue, Jr last, apostrophe in a name",
       .entry = "Bahji A, O'Connor WT, Vazquez GH, Zarate CA Jr. Comparative efficacy of racemic "
                "ketamine and esketamine for depression: a systematic review and meta-analysis. "
                "J Affect Disord. 2021 Jan 1;278:542-555.",
       .style = CitationStyle::kVancouver, .authors = 4, .family = "Bahji", .given = "A",
       .year = 2021,
       .title = "Comparative efficacy of racemic ketamine and esketamine for depression: a "
                "systematic review and meta-analysis",
       .container = "J Affect Disord", .volume = "278", .pages = "542-555", .first_page = "542",
       .last_page = "555"},
      {.name = "[Internet] and [cited] notes, cited year is not the year",
       .entry = "Wilkinson ST, Sanacora G. A new generation of antidepressants: an update on the "
                "pharmaceutical pipeline for novel and rapid-acting therapeutics in mood "
                "disorders based on glutamate/GABA neurotransmitter systems. Drug Discov Today "
                "[Internet]. 2019 [cited 2023 May 1];24(2):606-15. Available from: "
                "https://doi.org/10.1016/j.drudis.2018.11.007",
       .style = CitationStyle::kVancouver, .authors = 2, .family = "Wilkinson", .given = "ST",
       .year = 2019,
       .title = "A new generation of antidepressants: an update on the pharmaceutical pipeline "
                "for novel and rapid-acting therapeutics in mood disorders based on "
                "glutamate/GABA neurotransmitter systems",
       .container = "Drug Discov Today", .volume = "24", .issue = "2", .pages = "606-15",
       .first_page = "606", .last_page = "615", .doi = "10.1016/j.drudis.2018.11.007"},
      {.name = "Epub ahead of print, no volume yet",
       .entry = "Bredlau AL, Thakur R, Korones DN, Dworkin RH. Ketamine for pain in adults and "
                "children with cancer: a systematic review and synthesis of the literature. Pain "
                "Med. 2013 Aug 5. doi: 10.1111/pme.12182. Epub ahead of print. PMID: 23915253.",
       .style = CitationStyle::kVancouver, .authors = 4, .family = "Bredlau", .given = "AL",
       .year = 2013,
       .title = "Ketamine for pain in adults and children with cancer: a systematic review and "
                "synthesis of the literature",
       .container = "Pain Med", .doi = "10.1111/pme.12182", .pmid = "23915253"},
      {.name = "group author, supplement issue",
       .entry = "American Psychiatric Association. Practice guideline for the treatment of "
                "patients with major depressive disorder, third edition. Am J Psychiatry. "
                "2010;167(10 Suppl):1-152.",
       .style = CitationStyle::kVancouver, .authors = 1,
       .family = "American Psychiatric Association", .year = 2010,
       .title = "Practice guideline for the treatment of patients with major depressive "
                "disorder, third edition",
       .container = "Am J Psychiatry", .volume = "167", .issue = "10 Suppl", .pages = "1-152",
       .first_page = "1", .last_page = "152"},
      {.name = "hyphenated initials",
       .entry = "Lee S-H, Choi J-H, Lee N, Kaang B-K. Synaptic protein degradation underlies "
                "destabilization of retrieved fear memory. Science. 2008;319(5867):1253-6.",
       .style = CitationStyle::kVancouver, .authors = 4, .family = "Lee", .given = "S-H",
       .year = 2008,
       .title = "Synaptic protein degradation underlies destabilization of retrieved fear memory",
       .container = "Science", .volume = "319", .issue = "5867", .pages = "1253-6",
       .first_page = "1253", .last_page = "1256"},
      {.name = "note on online publication before the journal",
       .entry = "Zheng W, Zhou YL, Liu WJ, et al. Rapid and longer-term antidepressant effects of "
                "repeated ketamine infusions in treatment-resistant depression [published online "
                "ahead of print, 2017 Dec 21]. J Psychiatr Res. 2018;106:61-68.",
       .style = CitationStyle::kVancouver, .authors = 3, .family = "Zheng", .given = "W",
       .et_al = true, .year = 2018,
       .title = "Rapid and longer-term antidepressant effects of repeated ketamine infusions in "
                "treatment-resistant depression",
       .container = "J Psychiatr Res", .volume = "106", .pages = "61-68", .first_page = "61",
       .last_page = "68"},
      {.name = "Epub date right after the pages, erratum note",
       .entry = "Zarate CA Jr, Brutsche NE, Ibrahim L, et al. Replication of ketamine's "
                "antidepressant efficacy in bipolar depression: a randomized controlled add-on "
                "trial. Biol Psychiatry. 2012;71(11):939-46 Epub 2011/12/30. [Erratum in: Biol "
                "Psychiatry. 2012;72(4):331]",
       .style = CitationStyle::kVancouver, .authors = 3, .family = "Zarate", .given = "CA",
       .suffix = "Jr", .et_al = true, .year = 2012,
       .title = "Replication of ketamine's antidepressant efficacy in bipolar depression: a "
                "randomized controlled add-on trial",
       .container = "Biol Psychiatry", .volume = "71", .issue = "11", .pages = "939-46",
       .first_page = "939", .last_page = "946"},
      {.name = "BioMed Central: colon after the authors, year before volume:pages",
       .entry = "Hardy J, Selkoe DJ: The amyloid hypothesis of Alzheimer's disease: progress and "
                "problems on the road to therapeutics. Science 2002, 297:353-356.",
       .style = CitationStyle::kVancouver, .authors = 2, .family = "Hardy", .given = "J",
       .year = 2002,
       .title = "The amyloid hypothesis of Alzheimer's disease: progress and problems on the "
                "road to therapeutics",
       .container = "Science", .volume = "297", .pages = "353-356", .first_page = "353",
       .last_page = "356"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads AMA entries: Vancouver-like with doi:10. unspaced",
          "[crawlers][refs][ama]") {
  static const Case cases[] = {
      {.name = "three authors and et al.",
       .entry = "Daly EJ, Singh JB, Fedgchin M, et al. Efficacy and safety of intranasal "
                "esketamine adjunctive to oral antidepressant therapy in treatment-resistant "
                "depression: a randomized clinical trial. JAMA Psychiatry. 2018;75(2):139-148. "
                "doi:10.1001/jamapsychiatry.2017.3739",
       .style = CitationStyle::kAma, .authors = 3, .family = "Daly", .given = "EJ",
       .et_al = true, .year = 2018,
       .title = "Efficacy and safety of intranasal esketamine adjunctive to oral antidepressant "
                "therapy in treatment-resistant depression: a randomized clinical trial",
       .container = "JAMA Psychiatry", .volume = "75", .issue = "2", .pages = "139-148",
       .first_page = "139", .last_page = "148", .doi = "10.1001/jamapsychiatry.2017.3739"},
      {.name = "one author, double issue",
       .entry = "Krystal JH. Ketamine and the potential role for rapid-acting antidepressant "
                "medications. Swiss Med Wkly. 2007;137(15-16):215-216. "
                "doi:10.4414/smw.2007.11757",
       .style = CitationStyle::kAma, .authors = 1, .family = "Krystal", .given = "JH",
       .year = 2007,
       .title = "Ketamine and the potential role for rapid-acting antidepressant medications",
       .container = "Swiss Med Wkly", .volume = "137", .issue = "15-16", .pages = "215-216",
       .first_page = "215", .last_page = "216", .doi = "10.4414/smw.2007.11757"},
      {.name = "two authors, Jr, question mark ending the title",
       .entry = "Sanacora G, Zarate CA Jr. Ketamine: promising path or false prophecy in the "
                "development of novel therapeutics for mood disorders? Neuropsychopharmacology. "
                "2015;40(2):259-267. doi:10.1038/npp.2014.261",
       .style = CitationStyle::kAma, .authors = 2, .family = "Sanacora", .given = "G",
       .year = 2015,
       .title = "Ketamine: promising path or false prophecy in the development of novel "
                "therapeutics for mood disorders?",
       .container = "Neuropsychopharmacology", .volume = "40", .issue = "2", .pages = "259-267",
       .first_page = "259", .last_page = "267", .doi = "10.1038/npp.2014.261"},
      {.name = "particle and accented names",
       .entry = "de la Fuente-Sandoval C, Le\u00f3n-Ortiz P, Favila R, et al. Higher levels of "
                "glutamate in the associative-striatum of subjects with prodromal symptoms of "
                "schizophrenia and patients with first-episode psychosis. "
                "Neuropsychopharmacology. 2011;36(9):1781-1791. doi:10.1038/npp.2011.65",
       .style = CitationStyle::kAma, .authors = 3, .family = "de la Fuente-Sandoval",
       .given = "C", .et_al = true, .year = 2011,
       .title = "Higher levels of glutamate in the associative-striatum of subjects with "
                "prodromal symptoms of schizophrenia and patients with first-episode psychosis",
       .container = "Neuropsychopharmacology", .volume = "36", .issue = "9",
       .pages = "1781-1791", .first_page = "1781", .last_page = "1791",
       .doi = "10.1038/npp.2011.65"},
      {.name = "article number with letters",
       .entry = "Fu DJ, Ionescu DF, Li X, et al. Esketamine nasal spray for rapid reduction of "
                "major depressive disorder symptoms in patients who have active suicidal ideation "
                "with intent: double-blind, randomized study (ASPIRE I). J Clin Psychiatry. "
                "2020;81(3):19m13191. doi:10.4088/JCP.19m13191",
       .style = CitationStyle::kAma, .authors = 3, .family = "Fu", .given = "DJ", .et_al = true,
       .year = 2020,
       .title = "Esketamine nasal spray for rapid reduction of major depressive disorder "
                "symptoms in patients who have active suicidal ideation with intent: "
                "double-blind, randomized study (ASPIRE I)",
       .container = "J Clin Psychiatry", .volume = "81", .issue = "3", .pages = "19m13191",
       .first_page = "19m13191", .doi = "10.4088/jcp.19m13191"},
      {.name = "online first: the Published online date is the year",
       .entry = "Wilkinson ST, Sanacora G. Considerations on the off-label use of ketamine as a "
                "treatment for mood disorders. JAMA. Published online August 10, 2017. "
                "doi:10.1001/jama.2017.10697",
       .style = CitationStyle::kAma, .authors = 2, .family = "Wilkinson", .given = "ST",
       .year = 2017,
       .title = "Considerations on the off-label use of ketamine as a treatment for mood "
                "disorders",
       .container = "JAMA", .doi = "10.1001/jama.2017.10697"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads Harvard entries: (year) or bare year, 'title', pp.",
          "[crawlers][refs][harvard]") {
  static const Case cases[] = {
      {.name = "two authors joined by and",
       .entry = "Cohen, S.P. and Bhatia, A. (2018) 'Consensus guidelines on the use of "
                "intravenous ketamine infusions for chronic pain', Regional Anesthesia and Pain "
                "Medicine, 43(5), pp. 521\u2013546. doi: 10.1097/AAP.0000000000000808.",
       .style = CitationStyle::kHarvard, .authors = 2, .family = "Cohen", .given = "S.P.",
       .year = 2018,
       .title = "Consensus guidelines on the use of intravenous ketamine infusions for chronic "
                "pain",
       .container = "Regional Anesthesia and Pain Medicine", .volume = "43", .issue = "5",
       .pages = "521-546", .first_page = "521", .last_page = "546",
       .doi = "10.1097/aap.0000000000000808"},
      {.name = "one author, Accessed date is not the year",
       .entry = "Persson, J. (2013) 'Ketamine in pain management', CNS Neuroscience & "
                "Therapeutics, 19(6), pp. 396\u2013402. Available at: "
                "https://doi.org/10.1111/cns.12111 (Accessed: 30 April 2023).",
       .style = CitationStyle::kHarvard, .authors = 1, .family = "Persson", .given = "J.",
       .year = 2013, .title = "Ketamine in pain management",
       .container = "CNS Neuroscience & Therapeutics", .volume = "19", .issue = "6",
       .pages = "396-402", .first_page = "396", .last_page = "402", .doi = "10.1111/cns.12111"},
      {.name = "et al. before the year",
       .entry = "Daly, E.J. et al. (2018) 'Efficacy and safety of intranasal esketamine adjunctive "
                "to oral antidepressant therapy in treatment-resistant depression: a randomized "
                "clinical trial', JAMA Psychiatry, 75(2), pp. 139\u2013148.",
       .style = CitationStyle::kHarvard, .authors = 1, .family = "Daly", .given = "E.J.",
       .et_al = true, .year = 2018,
       .title = "Efficacy and safety of intranasal esketamine adjunctive to oral antidepressant "
                "therapy in treatment-resistant depression: a randomized clinical trial",
       .container = "JAMA Psychiatry", .volume = "75", .issue = "2", .pages = "139-148",
       .first_page = "139", .last_page = "148"},
      {.name = "particles, accents, year with a letter",
       .entry = "van der Berg, J.P., P\u00e9rez-Higueras, M. and de la Fuente, R. (2020a) "
                "'Esketamine in older adults with treatment-resistant depression', International "
                "Journal of Geriatric Psychiatry, 35(11), pp. 1307\u201315.",
       .style = CitationStyle::kHarvard, .authors = 3, .family = "van der Berg", .given = "J.P.",
       .year = 2020, .title = "Esketamine in older adults with treatment-resistant depression",
       .container = "International Journal of Geriatric Psychiatry", .volume = "35",
       .issue = "11", .pages = "1307-15", .first_page = "1307", .last_page = "1315"},
      {.name = "hyphenated initials, article number",
       .entry = "Muscat, S.-A., Hartelius, G., Crouch, C.R. and Morin, K.W. (2021) 'An "
                "integrative approach to ketamine therapy may enhance multiple dimensions of "
                "efficacy', Frontiers in Psychiatry, 12, p. 710338. "
                "doi: 10.3389/fpsyt.2021.710338.",
       .style = CitationStyle::kHarvard, .authors = 4, .family = "Muscat", .given = "S.-A.",
       .year = 2021,
       .title = "An integrative approach to ketamine therapy may enhance multiple dimensions of "
                "efficacy",
       .container = "Frontiers in Psychiatry", .volume = "12", .pages = "710338",
       .first_page = "710338", .doi = "10.3389/fpsyt.2021.710338"},
      {.name = "Elsevier variant: year without parentheses, pp. without a space",
       .entry = "Cohen, S.P., Bhatia, A. and Buvanendran, A., 2018. Consensus guidelines on the "
                "use of intravenous ketamine infusions for chronic pain. Regional Anesthesia and "
                "Pain Medicine, 43(5), pp.521\u2013546.",
       .style = CitationStyle::kHarvard, .authors = 3, .family = "Cohen", .given = "S.P.",
       .year = 2018,
       .title = "Consensus guidelines on the use of intravenous ketamine infusions for chronic "
                "pain",
       .container = "Regional Anesthesia and Pain Medicine", .volume = "43", .issue = "5",
       .pages = "521-546", .first_page = "521", .last_page = "546"},
      {.name = "Elsevier variant: et al., year with a letter, Available at",
       .entry = "Niesters, M. et al., 2014a. Ketamine for chronic pain: risks and benefits. "
                "British Journal of Clinical Pharmacology, 77(2), pp.357\u2013367. Available at: "
                "http://doi.wiley.com/10.1111/bcp.12094.",
       .style = CitationStyle::kHarvard, .authors = 1, .family = "Niesters", .given = "M.",
       .et_al = true, .year = 2014, .title = "Ketamine for chronic pain: risks and benefits",
       .container = "British Journal of Clinical Pharmacology", .volume = "77", .issue = "2",
       .pages = "357-367", .first_page = "357", .last_page = "367", .doi = "10.1111/bcp.12094"},
      {.name = "Springer: Vancouver names, et al without a period, volume:pages",
       .entry = "Corder EH, Saunders AM, Strittmatter WJ et al (1993) Gene dose of apolipoprotein "
                "E type 4 allele and the risk of Alzheimer's disease in late onset families. "
                "Science 261:921\u2013923",
       .style = CitationStyle::kHarvard, .authors = 3, .family = "Corder", .given = "EH",
       .et_al = true, .year = 1993,
       .title = "Gene dose of apolipoprotein E type 4 allele and the risk of Alzheimer's "
                "disease in late onset families",
       .container = "Science", .volume = "261", .pages = "921-923", .first_page = "921",
       .last_page = "923"},
      {.name = "Wiley: spaces before every mark and inside the parenthesis",
       .entry = "Deveraux QL , Takahashi R , Salvesen GS , Reed JC ( 1997. ) X\u2010linked IAP is "
                "a direct inhibitor of cell\u2010death proteases . Nature 388 : 300 \u2013 304 .",
       .style = CitationStyle::kHarvard, .authors = 4, .family = "Deveraux", .given = "QL",
       .year = 1997, .title = "X-linked IAP is a direct inhibitor of cell-death proteases",
       .container = "Nature", .volume = "388", .pages = "300-304", .first_page = "300",
       .last_page = "304"},
      {.name = "CSE name-year: year after the authors, volume:pages",
       .entry = "Hirokawa, N., and R. Takemura. 2005. Molecular motors and mechanisms of "
                "directional transport in neurons. Nat. Rev. Neurosci. 6:201\u2013214.",
       .style = CitationStyle::kHarvard, .authors = 2, .family = "Hirokawa", .given = "N.",
       .year = 2005,
       .title = "Molecular motors and mechanisms of directional transport in neurons",
       .container = "Nat. Rev. Neurosci", .volume = "6", .pages = "201-214",
       .first_page = "201", .last_page = "214"},
      {.name = "initials first, a journal with commas in its name",
       .entry = "R. G. Smith and R. Davis. (1981) Frameworks for Cooperation in Distributed "
                "Problem Solving, IEEE Transactions on Systems, Man, and Cybernetics, 11(1), 61-70",
       .style = CitationStyle::kHarvard, .authors = 2, .family = "Smith", .given = "R. G.",
       .year = 1981, .title = "Frameworks for Cooperation in Distributed Problem Solving",
       .container = "IEEE Transactions on Systems, Man, and Cybernetics", .volume = "11",
       .issue = "1", .pages = "61-70", .first_page = "61", .last_page = "70"},
      {.name = "PNAS: no title, a one-word journal",
       .entry = "Selkoe, D. J. (1999) Nature 399, A23\u2013A31.",
       .style = CitationStyle::kHarvard, .authors = 1, .family = "Selkoe", .given = "D. J.",
       .year = 1999, .container = "Nature", .volume = "399", .pages = "A23-A31",
       .first_page = "A23", .last_page = "A31"},
      {.name = "PNAS: no title, an abbreviated journal",
       .entry = "Cummings, J. L. (2004) N. Engl. J. Med. 351, 56\u201367.",
       .style = CitationStyle::kHarvard, .authors = 1, .family = "Cummings", .given = "J. L.",
       .year = 2004, .container = "N. Engl. J. Med", .volume = "351", .pages = "56-67",
       .first_page = "56", .last_page = "67"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads Chicago author-date and notes-bibliography entries",
          "[crawlers][refs][chicago]") {
  static const Case cases[] = {
      {.name = "author-date: two authors, e-page",
       .entry = "Bell, Rae Frances, and Eija Kalso. 2018. \u201cKetamine for Pain Management.\u201d "
                "PAIN Reports 3 (5): e674. https://doi.org/10.1097/PR9.0000000000000674.",
       .style = CitationStyle::kChicago, .authors = 2, .family = "Bell", .given = "Rae Frances",
       .year = 2018, .title = "Ketamine for Pain Management", .container = "PAIN Reports",
       .volume = "3", .issue = "5", .pages = "e674", .first_page = "e674",
       .doi = "10.1097/pr9.0000000000000674"},
      {.name = "author-date: one author, year with a letter",
       .entry = "Krystal, John H. 2007a. \u201cKetamine and the Potential Role for Rapid-Acting "
                "Antidepressant Medications.\u201d Swiss Medical Weekly 137 (15\u201316): 215\u201316.",
       .style = CitationStyle::kChicago, .authors = 1, .family = "Krystal", .given = "John H.",
       .year = 2007,
       .title = "Ketamine and the Potential Role for Rapid-Acting Antidepressant Medications",
       .container = "Swiss Medical Weekly", .volume = "137", .issue = "15-16",
       .pages = "215-16", .first_page = "215", .last_page = "216"},
      {.name = "author-date: eight authors, Jr",
       .entry = "Zarate, Carlos A., Jr., Jaskaran B. Singh, Paul J. Carlson, Nancy E. Brutsche, "
                "Rayan Ameli, David A. Luckenbaugh, Dennis S. Charney, and Husseini K. Manji. 2006. "
                "\u201cA Randomized Trial of an N-Methyl-D-Aspartate Antagonist in "
                "Treatment-Resistant Major Depression.\u201d Archives of General Psychiatry 63 (8): "
                "856\u201364. https://doi.org/10.1001/archpsyc.63.8.856.",
       .style = CitationStyle::kChicago, .authors = 8, .family = "Zarate", .given = "Carlos A.",
       .suffix = "Jr", .year = 2006,
       .title = "A Randomized Trial of an N-Methyl-D-Aspartate Antagonist in "
                "Treatment-Resistant Major Depression",
       .container = "Archives of General Psychiatry", .volume = "63", .issue = "8",
       .pages = "856-64", .first_page = "856", .last_page = "864",
       .doi = "10.1001/archpsyc.63.8.856"},
      {.name = "author-date: et al.",
       .entry = "Murrough, James W., Dan V. Iosifescu, Lee C. Chang, et al. 2013. "
                "\u201cAntidepressant Efficacy of Ketamine in Treatment-Resistant Major Depression: "
                "A Two-Site Randomized Controlled Trial.\u201d American Journal of Psychiatry 170 "
                "(10): 1134\u201342.",
       .style = CitationStyle::kChicago, .authors = 3, .family = "Murrough",
       .given = "James W.", .et_al = true, .year = 2013,
       .title = "Antidepressant Efficacy of Ketamine in Treatment-Resistant Major Depression: A "
                "Two-Site Randomized Controlled Trial",
       .container = "American Journal of Psychiatry", .volume = "170", .issue = "10",
       .pages = "1134-42", .first_page = "1134", .last_page = "1142"},
      {.name = "notes-bibliography: et al., DOI",
       .entry = "Cohen, Steven P., Anuj Bhatia, Asokumar Buvanendran, et al. \u201cConsensus "
                "Guidelines on the Use of Intravenous Ketamine Infusions for Chronic Pain.\u201d "
                "Regional Anesthesia and Pain Medicine 43, no. 5 (2018): 521\u201346. "
                "https://doi.org/10.1097/AAP.0000000000000808.",
       .style = CitationStyle::kChicago, .authors = 3, .family = "Cohen", .given = "Steven P.",
       .et_al = true, .year = 2018,
       .title = "Consensus Guidelines on the Use of Intravenous Ketamine Infusions for Chronic "
                "Pain",
       .container = "Regional Anesthesia and Pain Medicine", .volume = "43", .issue = "5",
       .pages = "521-46", .first_page = "521", .last_page = "546",
       .doi = "10.1097/aap.0000000000000808"},
      {.name = "notes-bibliography: month in the date",
       .entry = "Niesters, Marieke, Christian Martini, and Albert Dahan. \u201cKetamine for Chronic "
                "Pain: Risks and Benefits.\u201d British Journal of Clinical Pharmacology 77, no. 2 "
                "(February 2014): 357\u201367.",
       .style = CitationStyle::kChicago, .authors = 3, .family = "Niesters", .given = "Marieke",
       .year = 2014, .title = "Ketamine for Chronic Pain: Risks and Benefits",
       .container = "British Journal of Clinical Pharmacology", .volume = "77", .issue = "2",
       .pages = "357-67", .first_page = "357", .last_page = "367"},
      {.name = "notes-bibliography: particle and accented names",
       .entry = "van der Berg, Johannes P., and Luc\u00eda P\u00e9rez-Higueras. \u201cEsketamine in "
                "Late-Life Depression.\u201d Revista de Psiquiatr\u00eda y Salud Mental 13, no. 4 "
                "(2020): 199\u2013207.",
       .style = CitationStyle::kChicago, .authors = 2, .family = "van der Berg",
       .given = "Johannes P.", .year = 2020, .title = "Esketamine in Late-Life Depression",
       .container = "Revista de Psiquiatr\u00eda y Salud Mental", .volume = "13", .issue = "4",
       .pages = "199-207", .first_page = "199", .last_page = "207"},
      {.name = "notes-bibliography: one author",
       .entry = "Persson, Jan. \u201cKetamine in Pain Management.\u201d CNS Neuroscience & "
                "Therapeutics 19, no. 6 (2013): 396\u2013402.",
       .style = CitationStyle::kChicago, .authors = 1, .family = "Persson", .given = "Jan",
       .year = 2013, .title = "Ketamine in Pain Management",
       .container = "CNS Neuroscience & Therapeutics", .volume = "19", .issue = "6",
       .pages = "396-402", .first_page = "396", .last_page = "402"},
      {.name = "author-date: month instead of an issue",
       .entry = "Marcantoni, Wesley S., and St\u00e9phane Beauchamp. 2020. \u201cA Systematic Review and "
                "Meta-Analysis of the Efficacy of Intravenous Ketamine Infusion for Treatment "
                "Resistant Depression.\u201d Journal of Affective Disorders 277 (December): 831\u201341.",
       .style = CitationStyle::kChicago, .authors = 2, .family = "Marcantoni",
       .given = "Wesley S.", .year = 2020,
       .title = "A Systematic Review and Meta-Analysis of the Efficacy of Intravenous Ketamine "
                "Infusion for Treatment Resistant Depression",
       .container = "Journal of Affective Disorders", .volume = "277", .pages = "831-41",
       .first_page = "831", .last_page = "841"},
      {.name = "notes-bibliography: full date, Accessed date is not the year",
       .entry = "Krystal, John H., Chadi G. Abdallah, Gerard Sanacora, Dennis S. Charney, and "
                "Ronald S. Duman. \u201cKetamine: A Paradigm Shift for Depression Research and "
                "Treatment.\u201d Neuron 101, no. 5 (March 6, 2019): 774\u201378. Accessed May 1, 2023. "
                "https://doi.org/10.1016/j.neuron.2019.02.005.",
       .style = CitationStyle::kChicago, .authors = 5, .family = "Krystal", .given = "John H.",
       .year = 2019, .title = "Ketamine: A Paradigm Shift for Depression Research and Treatment",
       .container = "Neuron", .volume = "101", .issue = "5", .pages = "774-78",
       .first_page = "774", .last_page = "778", .doi = "10.1016/j.neuron.2019.02.005"},
      {.name = "Wikipedia citation: year in parentheses after the authors",
       .entry = "Shannon, Claude E. (1948), \"A Mathematical Theory of Communication\", Bell "
                "System Technical Journal 27 (3): 379\u2013423",
       .style = CitationStyle::kChicago, .authors = 1, .family = "Shannon",
       .given = "Claude E.", .year = 1948, .title = "A Mathematical Theory of Communication",
       .container = "Bell System Technical Journal", .volume = "27", .issue = "3",
       .pages = "379-423", .first_page = "379", .last_page = "423"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads IEEE entries: initials first, quoted title, vol./no./pp.",
          "[crawlers][refs][ieee]") {
  static const Case cases[] = {
      {.name = "two authors, e-page, month and year, DOI",
       .entry = "[3] R. F. Bell and E. A. Kalso, \u201cKetamine for pain management,\u201d PAIN Rep., "
                "vol. 3, no. 5, p. e674, Sep. 2018, doi: 10.1097/PR9.0000000000000674.",
       .style = CitationStyle::kIeee, .authors = 2, .family = "Bell", .given = "R. F.",
       .year = 2018, .title = "Ketamine for pain management", .container = "PAIN Rep",
       .volume = "3", .issue = "5", .pages = "e674", .first_page = "e674",
       .doi = "10.1097/pr9.0000000000000674"},
      {.name = "one author, double issue",
       .entry = "[1] J. H. Krystal, \u201cKetamine and the potential role for rapid-acting "
                "antidepressant medications,\u201d Swiss Med. Wkly., vol. 137, no. 15\u201316, "
                "pp. 215\u2013216, 2007.",
       .style = CitationStyle::kIeee, .authors = 1, .family = "Krystal", .given = "J. H.",
       .year = 2007,
       .title = "Ketamine and the potential role for rapid-acting antidepressant medications",
       .container = "Swiss Med. Wkly", .volume = "137", .issue = "15-16", .pages = "215-216",
       .first_page = "215", .last_page = "216"},
      {.name = "Jr and et al.",
       .entry = "[7] C. A. Zarate Jr. et al., \u201cA randomized trial of an N-methyl-D-aspartate "
                "antagonist in treatment-resistant major depression,\u201d Arch. Gen. Psychiatry, "
                "vol. 63, no. 8, pp. 856\u2013864, Aug. 2006, doi: 10.1001/archpsyc.63.8.856.",
       .style = CitationStyle::kIeee, .authors = 1, .family = "Zarate", .given = "C. A.",
       .suffix = "Jr", .et_al = true, .year = 2006,
       .title = "A randomized trial of an N-methyl-D-aspartate antagonist in "
                "treatment-resistant major depression",
       .container = "Arch. Gen. Psychiatry", .volume = "63", .issue = "8", .pages = "856-864",
       .first_page = "856", .last_page = "864", .doi = "10.1001/archpsyc.63.8.856"},
      {.name = "three authors with particles and accents",
       .entry = "[12] J. P. van der Berg, M. P\u00e9rez-Higueras, and R. de la Fuente, "
                "\u201cEsketamine nasal spray in older adults with treatment-resistant "
                "depression,\u201d Int. J. Geriatr. Psychiatry, vol. 35, no. 11, "
                "pp. 1307\u20131315, Nov. 2020.",
       .style = CitationStyle::kIeee, .authors = 3, .family = "van der Berg", .given = "J. P.",
       .year = 2020,
       .title = "Esketamine nasal spray in older adults with treatment-resistant depression",
       .container = "Int. J. Geriatr. Psychiatry", .volume = "35", .issue = "11",
       .pages = "1307-1315", .first_page = "1307", .last_page = "1315"},
      {.name = "four authors, hyphenated initials, article number",
       .entry = "[5] S.-A. Muscat, G. Hartelius, C. R. Crouch, and K. W. Morin, \u201cAn "
                "integrative approach to ketamine therapy may enhance multiple dimensions of "
                "efficacy,\u201d Front. Psychiatry, vol. 12, Art. no. 710338, Aug. 2021, "
                "doi: 10.3389/fpsyt.2021.710338.",
       .style = CitationStyle::kIeee, .authors = 4, .family = "Muscat", .given = "S.-A.",
       .year = 2021,
       .title = "An integrative approach to ketamine therapy may enhance multiple dimensions of "
                "efficacy",
       .container = "Front. Psychiatry", .volume = "12", .pages = "710338",
       .first_page = "710338", .doi = "10.3389/fpsyt.2021.710338"},
      {.name = "conference paper in proceedings",
       .entry = "[10] K. Ebert-May and T. Nguyen, \u201cClosed-loop ketamine sedation in the ICU,\u201d "
                "in Proc. IEEE Eng. Med. Biol. Soc. Conf., Berlin, Germany, 2019, pp. 112\u2013115.",
       .style = CitationStyle::kIeee, .authors = 2, .family = "Ebert-May", .given = "K.",
       .year = 2019, .title = "Closed-loop ketamine sedation in the ICU",
       .container = "Proc. IEEE Eng. Med. Biol. Soc. Conf., Berlin, Germany", .pages = "112-115",
       .first_page = "112", .last_page = "115"},
      {.name = "straight quotes, question mark ending the title",
       .entry = "[2] G. Sanacora and A. F. Schatzberg, \"Ketamine: Promising path or false "
                "prophecy in the development of novel therapeutics for mood disorders?\" "
                "Neuropsychopharmacology, vol. 40, no. 2, pp. 259\u2013267, Jan. 2015.",
       .style = CitationStyle::kIeee, .authors = 2, .family = "Sanacora", .given = "G.",
       .year = 2015,
       .title = "Ketamine: Promising path or false prophecy in the development of novel "
                "therapeutics for mood disorders?",
       .container = "Neuropsychopharmacology", .volume = "40", .issue = "2", .pages = "259-267",
       .first_page = "259", .last_page = "267"},
      {.name = "source without vol. or pp. labels, year in parentheses",
       .entry = "J. W. Goodman, \u201cSome fundamental properties of speckle,\u201d Journal of the "
                "Optical Society of America 66, 1145\u20131150 (1976).",
       .style = CitationStyle::kIeee, .authors = 1, .family = "Goodman", .given = "J. W.",
       .year = 1976, .title = "Some fundamental properties of speckle",
       .container = "Journal of the Optical Society of America", .volume = "66",
       .pages = "1145-1150", .first_page = "1145", .last_page = "1150"},
      {.name = "two months for the date",
       .entry = "D. E. Knuth, \u201cLiterate programming,\u201d The Computer Journal, vol. 27, "
                "no. 2, May/June 1984, pp. 97-111.",
       .style = CitationStyle::kIeee, .authors = 1, .family = "Knuth", .given = "D. E.",
       .year = 1984, .title = "Literate programming", .container = "The Computer Journal",
       .volume = "27", .issue = "2", .pages = "97-111", .first_page = "97", .last_page = "111"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads Nature entries: no title quotes, volume, pages (year)",
          "[crawlers][refs][nature]") {
  static const Case cases[] = {
      {.name = "et al., one-word journal",
       .entry = "Zanos, P. et al. NMDAR inhibition-independent antidepressant actions of ketamine "
                "metabolites. Nature 533, 481\u2013486 (2016).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Zanos", .given = "P.",
       .et_al = true, .year = 2016,
       .title = "NMDAR inhibition-independent antidepressant actions of ketamine metabolites",
       .container = "Nature", .volume = "533", .pages = "481-486", .first_page = "481",
       .last_page = "486"},
      {.name = "two authors joined by &",
       .entry = "Krystal, J. H. & Abdallah, C. G. Ketamine and the potential role for "
                "rapid-acting antidepressant medications. Swiss Med. Wkly 137, 215\u2013216 (2007).",
       .style = CitationStyle::kNature, .authors = 2, .family = "Krystal", .given = "J. H.",
       .year = 2007,
       .title = "Ketamine and the potential role for rapid-acting antidepressant medications",
       .container = "Swiss Med. Wkly", .volume = "137", .pages = "215-216", .first_page = "215",
       .last_page = "216"},
      {.name = "particles and accents, abbreviated journal",
       .entry = "van der Berg, J. P., P\u00e9rez-Higueras, M. & de la Fuente, R. Esketamine in "
                "late-life depression. Int. J. Geriatr. Psychiatry 35, 1307\u20131315 (2020).",
       .style = CitationStyle::kNature, .authors = 3, .family = "van der Berg", .given = "J. P.",
       .year = 2020, .title = "Esketamine in late-life depression",
       .container = "Int. J. Geriatr. Psychiatry", .volume = "35", .pages = "1307-1315",
       .first_page = "1307", .last_page = "1315"},
      {.name = "one author, article number",
       .entry = "Duman, R. S. Ketamine and rapid-acting antidepressants: a new era in the battle "
                "against depression and suicide. F1000Res. 7, 659 (2018).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Duman", .given = "R. S.",
       .year = 2018,
       .title = "Ketamine and rapid-acting antidepressants: a new era in the battle against "
                "depression and suicide",
       .container = "F1000Res", .volume = "7", .pages = "659", .first_page = "659"},
      {.name = "question mark ending the title, DOI after the year",
       .entry = "Kavalali, E. T. & Monteggia, L. M. How does ketamine elicit a rapid "
                "antidepressant response? Curr. Opin. Pharmacol. 20, 35\u201339 (2015). "
                "https://doi.org/10.1016/j.coph.2014.11.005",
       .style = CitationStyle::kNature, .authors = 2, .family = "Kavalali", .given = "E. T.",
       .year = 2015, .title = "How does ketamine elicit a rapid antidepressant response?",
       .container = "Curr. Opin. Pharmacol", .volume = "20", .pages = "35-39",
       .first_page = "35", .last_page = "39", .doi = "10.1016/j.coph.2014.11.005"},
      {.name = "acronym ending the title",
       .entry = "Feder, A. et al. A randomized controlled trial of repeated ketamine "
                "administration for chronic PTSD. Am. J. Psychiatry 178, 193\u2013202 (2021).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Feder", .given = "A.",
       .et_al = true, .year = 2021,
       .title = "A randomized controlled trial of repeated ketamine administration for chronic "
                "PTSD",
       .container = "Am. J. Psychiatry", .volume = "178", .pages = "193-202",
       .first_page = "193", .last_page = "202"},
      {.name = "Jr after the initials and et al.",
       .entry = "Zarate, C. A. Jr et al. A randomized trial of an N-methyl-D-aspartate antagonist "
                "in treatment-resistant major depression. Arch. Gen. Psychiatry 63, 856\u2013864 "
                "(2006).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Zarate", .given = "C. A.",
       .suffix = "Jr", .et_al = true, .year = 2006,
       .title = "A randomized trial of an N-methyl-D-aspartate antagonist in "
                "treatment-resistant major depression",
       .container = "Arch. Gen. Psychiatry", .volume = "63", .pages = "856-864",
       .first_page = "856", .last_page = "864"},
      {.name = "four authors, long abbreviation in the journal",
       .entry = "Abdallah, C. G., Sanacora, G., Duman, R. S. & Krystal, J. H. The neurobiology of "
                "depression, ketamine and rapid-acting antidepressants: is it glutamate inhibition "
                "or activation? Pharmacol. Ther. 190, 148\u2013158 (2018).",
       .style = CitationStyle::kNature, .authors = 4, .family = "Abdallah", .given = "C. G.",
       .year = 2018,
       .title = "The neurobiology of depression, ketamine and rapid-acting antidepressants: is "
                "it glutamate inhibition or activation?",
       .container = "Pharmacol. Ther", .volume = "190", .pages = "148-158", .first_page = "148",
       .last_page = "158"},
      {.name = "Vancouver names with a Nature source (PubMed records)",
       .entry = "Berman RM, et al. Antidepressant effects of ketamine in depressed patients. Biol "
                "Psychiatry 47, 351\u2013354 (2000).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Berman", .given = "RM",
       .et_al = true, .year = 2000,
       .title = "Antidepressant effects of ketamine in depressed patients",
       .container = "Biol Psychiatry", .volume = "47", .pages = "351-354", .first_page = "351",
       .last_page = "354"},
      {.name = "author list closed by a comma",
       .entry = "Murrough JW, Iosifescu DV, Chang LC, Al Jurdi RK, Green CE, Perez AM, "
                "Antidepressant efficacy of ketamine in treatment-resistant major depression: a "
                "two-site randomized controlled trial. Am J Psychiatry 170, 1134\u20131142 (2013).",
       .style = CitationStyle::kNature, .authors = 6, .family = "Murrough", .given = "JW",
       .year = 2013,
       .title = "Antidepressant efficacy of ketamine in treatment-resistant major depression: a "
                "two-site randomized controlled trial",
       .container = "Am J Psychiatry", .volume = "170", .pages = "1134-1142",
       .first_page = "1134", .last_page = "1142"},
      {.name = "no mark between the last author and the title",
       .entry = "Duman RS & Aghajanian GK Synaptic dysfunction in depression: potential "
                "therapeutic targets. Science 338, 68\u201372 (2012).",
       .style = CitationStyle::kNature, .authors = 2, .family = "Duman", .given = "RS",
       .year = 2012,
       .title = "Synaptic dysfunction in depression: potential therapeutic targets",
       .container = "Science", .volume = "338", .pages = "68-72", .first_page = "68",
       .last_page = "72"},
      {.name = "dotted initials after the family name, hyphenated",
       .entry = "Kim J.-W. & Monteggia L. M. Increasing doses of ketamine curtail antidepressant "
                "responses and suppress associated synaptic signaling pathways. Behav. Brain Res. "
                "380, 112378 (2020).",
       .style = CitationStyle::kNature, .authors = 2, .family = "Kim", .given = "J.-W.",
       .year = 2020,
       .title = "Increasing doses of ketamine curtail antidepressant responses and suppress "
                "associated synaptic signaling pathways",
       .container = "Behav. Brain Res", .volume = "380", .pages = "112378",
       .first_page = "112378"},
      {.name = "title in Title Case",
       .entry = "Li N, et al. mTOR-Dependent Synapse Formation Underlies the Rapid Antidepressant "
                "Effects of NMDA Antagonists. Science 329, 959\u2013964 (2010).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Li", .given = "N",
       .et_al = true, .year = 2010,
       .title = "mTOR-Dependent Synapse Formation Underlies the Rapid Antidepressant Effects of "
                "NMDA Antagonists",
       .container = "Science", .volume = "329", .pages = "959-964", .first_page = "959",
       .last_page = "964"},
      {.name = "journal in lower case",
       .entry = "Zanos P & Gould TD Mechanisms of ketamine action as an antidepressant. Molecular "
                "psychiatry 23, 801\u2013811 (2018).",
       .style = CitationStyle::kNature, .authors = 2, .family = "Zanos", .given = "P",
       .year = 2018, .title = "Mechanisms of ketamine action as an antidepressant",
       .container = "Molecular psychiatry", .volume = "23", .pages = "801-811",
       .first_page = "801", .last_page = "811"},
      {.name = "authors run into the title: only the source is read",
       .entry = "Duman RS Neurobiology of stress, depression, and rapid acting antidepressants: "
                "remodeling synaptic connections. Depress Anxiety 31, 291\u2013296 (2014).",
       .style = CitationStyle::kNature, .year = 2014, .container = "Depress Anxiety",
       .volume = "31", .pages = "291-296", .first_page = "291", .last_page = "296"},
      {.name = "no space after et al.",
       .entry = "Ran FA et al.Genome engineering using the CRISPR-Cas9 system. Nat Protoc 8, "
                "2281\u20132308 (2013).",
       .style = CitationStyle::kNature, .authors = 1, .family = "Ran", .given = "FA",
       .et_al = true, .year = 2013, .title = "Genome engineering using the CRISPR-Cas9 system",
       .container = "Nat Protoc", .volume = "8", .pages = "2281-2308", .first_page = "2281",
       .last_page = "2308"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads Title - Journal lines as web pages list sources",
          "[crawlers][refs][title-journal]") {
  static const Case cases[] = {
      {.name = "colon in the title",
       .entry = "Ketamine for chronic pain: risks and benefits \u2013 British Journal of Clinical "
                "Pharmacology",
       .style = CitationStyle::kTitleJournal,
       .title = "Ketamine for chronic pain: risks and benefits",
       .container = "British Journal of Clinical Pharmacology"},
      {.name = "hyphenated words in the title",
       .entry = "Esketamine nasal spray for treatment-resistant depression in adults \u2013 The "
                "American Journal of Psychiatry",
       .style = CitationStyle::kTitleJournal,
       .title = "Esketamine nasal spray for treatment-resistant depression in adults",
       .container = "The American Journal of Psychiatry"},
      {.name = "question mark ending the title",
       .entry = "Is ketamine an effective treatment for depression? \u2013 Cochrane Library",
       .style = CitationStyle::kTitleJournal,
       .title = "Is ketamine an effective treatment for depression?",
       .container = "Cochrane Library"},
      {.name = "accented words",
       .entry = "Esketamina intranasal en la depresi\u00f3n resistente \u2013 Revista de "
                "Psiquiatr\u00eda y Salud Mental",
       .style = CitationStyle::kTitleJournal,
       .title = "Esketamina intranasal en la depresi\u00f3n resistente",
       .container = "Revista de Psiquiatr\u00eda y Salud Mental"},
      {.name = "em dash",
       .entry = "Ketamine-assisted psychotherapy for alcohol use disorder \u2014 Addiction",
       .style = CitationStyle::kTitleJournal,
       .title = "Ketamine-assisted psychotherapy for alcohol use disorder",
       .container = "Addiction"},
      {.name = "parenthesis in the title, dotted abbreviation in the site",
       .entry = "Esketamine (Spravato) nasal spray: prescribing information \u2013 U.S. Food and "
                "Drug Administration",
       .style = CitationStyle::kTitleJournal,
       .title = "Esketamine (Spravato) nasal spray: prescribing information",
       .container = "U.S. Food and Drug Administration"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference reads authors, title and source in entries of no named style",
          "[crawlers][refs][generic]") {
  static const Case cases[] = {
      {.name = "ACM: initials first, volume(issue), pages, month and year last",
       .entry = "R. M. Karp and M. O. Rabin. Efficient randomized pattern-matching algorithms. IBM "
                "Journal of Research and Development, 31(2), 249-260, March 1987.",
       .authors = 2, .family = "Karp", .given = "R. M.", .year = 1987,
       .title = "Efficient randomized pattern-matching algorithms",
       .container = "IBM Journal of Research and Development", .volume = "31", .issue = "2",
       .pages = "249-260", .first_page = "249", .last_page = "260"},
      {.name = "ACM: five authors with given names, comma and and",
       .entry = "Edsger W. Dijkstra, Leslie Lamport, A. J. Martin, C. S. Scholten, and E. F. M. "
                "Steffens. On-the-fly garbage collection: an exercise in cooperation. "
                "Communications of the ACM, 21(11), 966-975, November 1978.",
       .authors = 5, .family = "Dijkstra", .given = "Edsger W.", .year = 1978,
       .title = "On-the-fly garbage collection: an exercise in cooperation",
       .container = "Communications of the ACM", .volume = "21", .issue = "11",
       .pages = "966-975", .first_page = "966", .last_page = "975"},
      {.name = "ACM: a given name and an initial, no comma before the pages",
       .entry = "Butler W. Lampson and David D. Redell. Experience with processes and monitors in "
                "Mesa. Communications of the ACM, 23(2) 105-117, February 1980.",
       .authors = 2, .family = "Lampson", .given = "Butler W.", .year = 1980,
       .title = "Experience with processes and monitors in Mesa",
       .container = "Communications of the ACM", .volume = "23", .issue = "2",
       .pages = "105-117", .first_page = "105", .last_page = "117"},
      {.name = "SIAM: commas around the title, abbreviated journal, (year) before the pages",
       .entry = "Knuth, D. E., Morris, J. H., and Pratt, V. R., Fast pattern matching in strings, "
                "SIAM J. Comput. 6 (1977), 323-350.",
       .authors = 3, .family = "Knuth", .given = "D. E.", .year = 1977,
       .title = "Fast pattern matching in strings", .container = "SIAM J. Comput",
       .volume = "6", .pages = "323-350", .first_page = "323", .last_page = "350"},
      {.name = "Elsevier numbered: et al., year after the journal, p. before the pages",
       .entry = "Tanzi, R.E., et al., Amyloid beta protein gene: cDNA, mRNA distribution, and "
                "genetic linkage near the Alzheimer locus. Science, 1987. 235(4791): p. 880-4.",
       .authors = 1, .family = "Tanzi", .given = "R.E.", .et_al = true, .year = 1987,
       .title = "Amyloid beta protein gene: cDNA, mRNA distribution, and genetic linkage near "
                "the Alzheimer locus",
       .container = "Science", .volume = "235", .issue = "4791", .pages = "880-4",
       .first_page = "880", .last_page = "884"},
      {.name = "ACS: authors between semicolons, year, volume, pages",
       .entry = "Lovell, M. A.; Robertson, J. D.; Teesdale, W. J.; Campbell, J. L.; Markesbery, "
                "W. R. Copper, iron and zinc in Alzheimer's disease senile plaques. J. Neurol. "
                "Sci. 1998, 158, 47\u201352.",
       .authors = 5, .family = "Lovell", .given = "M. A.", .year = 1998,
       .title = "Copper, iron and zinc in Alzheimer's disease senile plaques",
       .container = "J. Neurol. Sci", .volume = "158", .pages = "47-52", .first_page = "47",
       .last_page = "52"},
      {.name = "ACS: no title",
       .entry = "Haass, C.; Selkoe, D. J. Nat. Rev. Mol. Cell Biol. 2007, 8, 101\u2013112.",
       .authors = 2, .family = "Haass", .given = "C.", .year = 2007,
       .container = "Nat. Rev. Mol. Cell Biol", .volume = "8", .pages = "101-112",
       .first_page = "101", .last_page = "112"},
      {.name = "geology: space left out after a comma, v. and pp., year last",
       .entry = "Grieve, R. A. F., St\u00f6ffler, D. and Deutsch,A., The Sudbury structure: "
                "controversial or misunderstood?, Journal of Geophysical Research, v. 96, "
                "pp. 22753-22764. 1991.",
       .authors = 3, .family = "Grieve", .given = "R. A. F.", .year = 1991,
       .title = "The Sudbury structure: controversial or misunderstood?",
       .container = "Journal of Geophysical Research", .volume = "96", .pages = "22753-22764",
       .first_page = "22753", .last_page = "22764"},
      {.name = "authors that do not read: the source still does",
       .entry = "Smith, Bruce D. and Melinda A. Zeder 2013 The onset of the Anthropocene. "
                "Anthropocene 4: 8-13.",
       .year = 2013, .container = "Anthropocene", .volume = "4", .pages = "8-13",
       .first_page = "8", .last_page = "13"},
  };
  check_cases(cases);
}

TEST_CASE("parse_reference asserts only what is knowable in entries of no known style",
          "[crawlers][refs][unknown]") {
  static const Case cases[] = {
      {.name = "web page of an agency, Accessed date is not the year",
       .entry = "National Institute of Mental Health. Ketamine and esketamine for depression. "
                "https://www.nimh.nih.gov/health/topics/depression. Accessed May 1, 2023.",
       .authors = kAnyCount, .title = kAny, .container = kAny},
      {.name = "web page with an update year",
       .entry = "Harvard Health Publishing. Ketamine for depression: what patients should know. "
                "Updated 2022. Accessed January 5, 2023. https://www.health.harvard.edu/blog/ketamine",
       .authors = kAnyCount, .year = 2022, .title = kAny, .container = kAny},
      {.name = "a bare DOI link",
       .entry = "https://doi.org/10.1001/archpsyc.63.8.856",
       .authors = kAnyCount, .title = kAny, .container = kAny,
       .doi = "10.1001/archpsyc.63.8.856"},
      {.name = "a PubMed link with a label",
       .entry = "Ketamine infusion clinical trial record: https://pubmed.ncbi.nlm.nih.gov/16894061/",
       .authors = kAnyCount, .title = kAny, .container = kAny, .pmid = "16894061"},
      {.name = "trial registry record, updated and cited years are not the year",
       .entry = "ClinicalTrials.gov. Ketamine for suicidal ideation (NCT01700829). Bethesda (MD): "
                "National Library of Medicine (US); 2012 [updated 2019 Mar 1; cited 2023 May 1]. "
                "Available from: https://clinicaltrials.gov/ct2/show/NCT01700829",
       .authors = kAnyCount, .year = 2012, .title = kAny, .container = kAny},
  };
  check_cases(cases);
}
