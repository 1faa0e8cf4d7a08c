// Passages and citation markers (issue 6): sentence splitting, the marker
// forms and their traps, and the citation contexts of the seed articles.
#include "litgraph/indexer/passages.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "bc5cdr.h"
#include "litgraph/crawlers/references.h"
#include "test_support.h"

using litgraph::indexer::CitationMarker;
using litgraph::indexer::CitedReference;
using litgraph::indexer::citing_passages;
using litgraph::indexer::find_citation_markers;
using litgraph::indexer::offset_of_line;
using litgraph::indexer::Passage;
using litgraph::indexer::split_passages;

namespace {

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> found;
  for (const Passage& passage : split_passages(text)) found.push_back(passage.text);
  return found;
}

// A marker as "text|numbers|author|year", e.g. "(2,3)|2,3||" or "(Lee, 2003)||Lee|2003".
std::string describe(const std::string& text, const CitationMarker& marker) {
  std::string numbers;
  for (int n : marker.numbers) numbers += (numbers.empty() ? "" : ",") + std::to_string(n);
  return text.substr(marker.begin, marker.end - marker.begin) + "|" + numbers + "|" +
         marker.author + "|" + (marker.year ? std::to_string(*marker.year) : "");
}

std::vector<std::string> markers(const std::string& text) {
  std::vector<std::string> found;
  for (const CitationMarker& marker : find_citation_markers(text))
    found.push_back(describe(text, marker));
  return found;
}

std::string seed(const std::string& prefix) {
  for (const char* name :
       {"000_a41c27fd63d7b224.txt", "001_cd66f4001d99aea2.txt", "002_ce4e0486c9f0905c.txt",
        "003_c30eaf50ce6f0a17.txt", "004_e528a28dc6c42343.txt"})
    if (std::string(name).starts_with(prefix))
      return litgraph::test::read_file(litgraph::test::source_path(std::string("corpus/") + name));
  FAIL("no seed " << prefix);
  return {};
}

// The body of a seed: the text before its first reference entry, as the indexer cuts it.
struct Article {
  std::string text;
  std::vector<litgraph::schema::Reference> references;
  std::size_t body_end = std::string::npos;
};

Article article(const std::string& prefix) {
  Article a;
  a.text = seed(prefix);
  a.references = litgraph::crawlers::extract_references(a.text, prefix);
  if (!a.references.empty()) a.body_end = offset_of_line(a.text, a.references.front().line);
  return a;
}

std::vector<CitedReference> cited_references(const std::vector<litgraph::schema::Reference>& refs) {
  std::vector<CitedReference> keys;
  for (const auto& ref : refs)
    keys.push_back(
        {ref.n, ref.authors.empty() ? std::string() : ref.authors.front().family, ref.year});
  return keys;
}

}  // namespace

TEST_CASE("split_passages cuts at sentence ends but not after abbreviations, initials or decimals",
          "[indexer][passages]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Ketamine works. It is fast.", {"Ketamine works.", "It is fast."}},
      {"Does it work? Yes! It does.", {"Does it work?", "Yes!", "It does."}},
      {"Some drugs, e.g. Ketamine, act fast. Others do not.",
       {"Some drugs, e.g. Ketamine, act fast.", "Others do not."}},
      {"One drug, i.e. Ketamine, was used. It helped.",
       {"One drug, i.e. Ketamine, was used.", "It helped."}},
      {"Data from Zarate et al. 2006 were used. They held.",
       {"Data from Zarate et al. 2006 were used.", "They held."}},
      {"See Fig. 2 for details. It shows the dose.",
       {"See Fig. 2 for details.", "It shows the dose."}},
      {"Dr. Smith treated him. He recovered.", {"Dr. Smith treated him.", "He recovered."}},
      {"Ketamine vs. Esketamine was compared. Both worked.",
       {"Ketamine vs. Esketamine was compared.", "Both worked."}},
      {"The dose was approx. 5 mg. It was safe.", {"The dose was approx. 5 mg.", "It was safe."}},
      {"See No. 5 in Vol. 3 on pp. 12-14. Then go on.",
       {"See No. 5 in Vol. 3 on pp. 12-14.", "Then go on."}},
      {"Files of the U.S. Food and Drug Administration. More.",
       {"Files of the U.S. Food and Drug Administration.", "More."}},
      {"J. Smith and A. B. Jones wrote it. They agreed.",
       {"J. Smith and A. B. Jones wrote it.", "They agreed."}},
      {"Patients in group A. The others waited.", {"Patients in group A.", "The others waited."}},
      {"The half-life is 2.5 hours. It ends.", {"The half-life is 2.5 hours.", "It ends."}},
      {"The effect held (p < 0.05). It lasted.", {"The effect held (p < 0.05).", "It lasted."}},
      {"It treats pain, anxiety, etc. Other uses exist.",
       {"It treats pain, anxiety, etc.", "Other uses exist."}},
      {"It ended at 5 p.m. and then stopped.", {"It ended at 5 p.m. and then stopped."}},
      {"He said \xE2\x80\x9Cstop.\xE2\x80\x9D Then he left.",
       {"He said \xE2\x80\x9Cstop.\xE2\x80\x9D", "Then he left."}},
      {"Ketamine (a drug. It acts fast.) is used. Next one.",
       {"Ketamine (a drug. It acts fast.) is used.", "Next one."}},
      {"Drugs [see refs. A. B. Here] act. Next.", {"Drugs [see refs. A. B. Here] act.", "Next."}},
      {"An open ( bracket here. Then a sentence.", {"An open ( bracket here.", "Then a sentence."}},
      {"Levels rose. mRNA levels fell.", {"Levels rose.", "mRNA levels fell."}},
      {"The half-life is 2.5 hours.(1) The drug ends.(2,3) Next.",
       {"The half-life is 2.5 hours.(1)", "The drug ends.(2,3)", "Next."}},
      {"It works.\xC2\xB2 It lasts.", {"It works.\xC2\xB2", "It lasts."}},
      {"Results were clear. 2. The second point held.",
       {"Results were clear.", "The second point held."}},
      {"This sentence is wrapped over\ntwo lines of text. Then another.",
       {"This sentence is wrapped over two lines of text.", "Then another."}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(sentences(c.text) == c.expected);
  }
}

TEST_CASE("split_passages ends blocks at blank lines, headings, list items and URL lines",
          "[indexer][passages]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"First paragraph without a stop\n\nSecond paragraph.",
       {"First paragraph without a stop", "Second paragraph."}},
      {"Ketamine vs. Opioids\nFor patients who take opioids, ketamine may reduce their use. It is "
       "safe.",
       {"Ketamine vs. Opioids", "For patients who take opioids, ketamine may reduce their use.",
        "It is safe."}},
      {"Recent Blogs\nTags\nNewsletter", {"Recent Blogs", "Tags", "Newsletter"}},
      {"Side effects include:\n  \xE2\x80\xA2 Nausea and vomiting\n  \xE2\x80\xA2 Dizziness\nThese "
       "are mild.",
       {"Side effects include:", "Nausea and vomiting", "Dizziness", "These are mild."}},
      {"- a list item that wraps\n  onto a second line\n- another",
       {"a list item that wraps onto a second line", "another"}},
      {"See the page:\nhttps://example.org/ketamine\nWe serve the area.",
       {"See the page:", "https://example.org/ketamine", "We serve the area."}},
      // A wrapped line of prose is not a heading: it is about as long as the next one.
      {"The trial enrolled seventeen patients who were treated\nKetamine infusions followed over "
       "weeks.",
       {"The trial enrolled seventeen patients who were treated Ketamine infusions followed over "
        "weeks."}},
      {"  \n\n\t\n", {}},
      {"***\n\n...", {}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(sentences(c.text) == c.expected);
  }
}

TEST_CASE("split_passages gives byte offsets, lines and collapsed white space",
          "[indexer][passages]") {
  const std::string text =
      "Title\n\nFirst  sentence\nwraps here. Second one.\nReferences\n1. Smith J. A book.";
  const auto passages = split_passages(text, offset_of_line(text, 5));
  REQUIRE(passages.size() == 3);
  CHECK(passages[0].text == "Title");
  CHECK(passages[0].line == 1);
  CHECK(passages[1].text == "First sentence wraps here.");
  CHECK(passages[1].begin == text.find("First"));
  CHECK(passages[1].end == text.find(" Second"));
  CHECK(passages[1].line == 3);
  CHECK(passages[2].text == "Second one.");
  CHECK(passages[2].line == 4);
  CHECK(text.substr(passages[2].begin, passages[2].end - passages[2].begin) == "Second one.");

  CHECK(offset_of_line(text, 1) == 0);
  CHECK(offset_of_line(text, 3) == text.find("First"));
  CHECK(offset_of_line(text, 99) == text.size());
}

TEST_CASE("split_passages cuts a very long sentence at clause boundaries or at the limit",
          "[indexer][passages]") {
  using litgraph::indexer::kMaxPassageBytes;
  std::string clauses;
  while (clauses.size() < 5000) clauses += "ketamine was given to another patient, ";
  clauses += "and it ended.";
  auto passages = split_passages(clauses);
  REQUIRE(passages.size() >= 4);
  for (const Passage& passage : passages) {
    CHECK(passage.end - passage.begin <= kMaxPassageBytes);
    CHECK(passage.text.back() != ' ');
  }
  for (std::size_t i = 0; i + 1 < passages.size(); ++i) CHECK(passages[i].text.back() == ',');
  CHECK(passages.back().end == clauses.size());

  std::string unbroken;
  while (unbroken.size() < 4000) unbroken += "\xC3\xA9";  // "é", no space anywhere
  passages = split_passages(unbroken);
  REQUIRE(passages.size() == 3);
  std::size_t covered = 0;
  for (const Passage& passage : passages) {
    CHECK(passage.end - passage.begin <= kMaxPassageBytes);
    CHECK((static_cast<unsigned char>(unbroken[passage.begin]) & 0xC0) !=
          0x80);  // a code point starts
    covered += passage.end - passage.begin;
  }
  CHECK(covered == unbroken.size());
}

TEST_CASE("find_citation_markers reads numbered, superscript and caret markers",
          "[indexer][markers]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"It was shown (2).", {"(2)|2||"}},
      {"It was shown [2].", {"[2]|2||"}},
      {"It was shown [1, 3-5].", {"[1, 3-5]|1,3,4,5||"}},
      {"It was shown [3\xE2\x80\x93"
       "5].",
       {"[3\xE2\x80\x93"
        "5]|3,4,5||"}},
      {"It was shown (1,2).", {"(1,2)|1,2||"}},
      {"It was shown [12\xE2\x80\x93"
       "14; 20].",
       {"[12\xE2\x80\x93"
        "14; 20]|12,13,14,20||"}},
      {"It was shown\xC2\xB2.", {"\xC2\xB2|2||"}},
      {"It was shown\xC2\xB2,\xC2\xB3.", {"\xC2\xB2,\xC2\xB3|2,3||"}},
      {"It was shown\xC2\xB9\xE2\x81\xBB\xC2\xB3.", {"\xC2\xB9\xE2\x81\xBB\xC2\xB3|1,2,3||"}},
      {"It was shown.\xE2\x81\xB4 Next.", {"\xE2\x81\xB4|4||"}},
      {"It was shown^2.", {"^2|2||"}},
      {"It was shown^1,3 and more.", {"^1,3|1,3||"}},
      {"It was shown[^7].", {"[^7]|7||"}},
      {"It lasted 2.5 hours.(1) Then", {"(1)|1||"}},
      {"Berman and colleagues(3) were first.", {"(3)|3||"}},
      {"by Zarate and colleagues in 2006,(2) 12 out of 17", {"(2)|2||"}},
      {"as reviewed (12) and confirmed [13].", {"(12)|12||", "[13]|13||"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(markers(c.text) == c.expected);
  }
}

TEST_CASE("find_citation_markers reads author-year markers, one per citation",
          "[indexer][markers]") {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"It works (Zarate et al., 2006).", {"(Zarate et al., 2006)||Zarate|2006"}},
      {"It works (Smith & Jones 2001; Lee, 2003).",
       {"Smith & Jones 2001||Smith|2001", "Lee, 2003||Lee|2003"}},
      {"It works (e.g., Smith, 2001, p. 5).", {"(e.g., Smith, 2001, p. 5)||Smith|2001"}},
      {"It works (Smith 2001, 2003).",
       {"(Smith 2001, 2003)||Smith|2001", "(Smith 2001, 2003)||Smith|2003"}},
      {"It works (Smith, Jones, and Lee 2003a).", {"(Smith, Jones, and Lee 2003a)||Smith|2003"}},
      {"It works (van der Berg et al., 2019).", {"(van der Berg et al., 2019)||van der Berg|2019"}},
      {"It works (see O\xE2\x80\x99"
       "Brien 1999).",
       {"(see O\xE2\x80\x99"
        "Brien 1999)||O\xE2\x80\x99"
        "Brien|1999"}},
      {"It works [Kingston et al., 1983].", {"[Kingston et al., 1983]||Kingston|1983"}},
      {"It works (WHO, 1967).", {"(WHO, 1967)||WHO|1967"}},
      {"Zarate et al. (2006) found it.", {"Zarate et al. (2006)||Zarate|2006"}},
      {"Zarate and colleagues (2006) found it.", {"Zarate and colleagues (2006)||Zarate|2006"}},
      {"Smith and Jones (2001) found it.", {"Smith and Jones (2001)||Smith|2001"}},
      {"In Smith\xE2\x80\x99s (2001) study.", {"Smith\xE2\x80\x99s (2001)||Smith|2001"}},
      {"As Triggs-Raine et al. (1992) showed.", {"Triggs-Raine et al. (1992)||Triggs-Raine|1992"}},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(markers(c.text) == c.expected);
  }
}

TEST_CASE("find_citation_markers skips quantities, statistics, enumerations and formulas",
          "[indexer][markers]") {
  const char* const traps[] = {
      "Seventeen patients (n = 12) were treated.",
      "The change was significant (p < 0.05).",
      "The odds were higher (95% CI 1.2-3.4).",
      "Twelve of 17 participants (71%) responded.",
      "A dose (0.5 mg/kg) was given.",
      "A dose (10 mg) was given (12 years).",
      "A count of patients (n=12).",
      "The ratio was (2.5) overall.",
      "The law was passed (2006).",
      "In the FDA (2019) report.",
      "A sample of (1,500) people.",
      "Two aims: (1) to test and (2) to compare.",
      "We conclude that (1) the dose matters.",
      "Results follow. (2) Although small, the effect held.",
      "See Figure (2) and Table [3].",
      "Counts of 65 x 10(9)/L were seen.",
      "A dose of 25 mg/m\xC2\xB2 weekly.",
      "The fit was good (R\xC2\xB2 = 0.8) and x^2 grew.",
      "An area of 4 cm\xC2\xB2 was burnt.",
      "Calcium (Ca\xC2\xB2\xE2\x81\xBA) entered.",
      "Levels of PGE(2) and A(1) receptors rose.",
      "The beta (1) subunit and the (1)-subunit.",
      "A translocation t(2;13) and t (1; 13) was found.",
      "Residue Thr(799)Met changed.",
      "One hundred and four (104) patients.",
      "A range [1-60] is too wide, and [5-3] falls.",
      "The N-methyl-D-aspartate (NMDA) receptor (with a half-life of 10 to 15 minutes).",
      "Longer infusion times (e.g. 100 hours) were used.",
      "[1] Smith J. A book. 2001.\n(2) Lee K. Another book. 2003.",
  };
  for (const char* text : traps) {
    INFO(text);
    CHECK(markers(text).empty());
  }
}

TEST_CASE("find_citation_markers expands ranges and keeps at most kMaxMarkerNumbers numbers",
          "[indexer][markers]") {
  using litgraph::indexer::kMaxMarkerNumbers;
  CHECK(markers("shown [1-50].") == std::vector<std::string>{"[1-50]|" + [] {
          std::string all;
          for (int n = 1; n <= 50; ++n) all += (n > 1 ? "," : "") + std::to_string(n);
          return all;
        }() + "||"});
  auto found = find_citation_markers("shown [1-40, 45-60, 3].");
  REQUIRE(found.size() == 1);
  CHECK(found[0].numbers.size() == kMaxMarkerNumbers);
  CHECK(found[0].numbers.front() == 1);
  CHECK(std::is_sorted(found[0].numbers.begin(), found[0].numbers.end()));
  CHECK(markers("shown (4\xE2\x80\x94"
                "6, 2).") == std::vector<std::string>{"(4\xE2\x80\x94"
                                                      "6, 2)|2,4,5,6||"});
}

TEST_CASE("citing_passages links numbered and author-year markers to their references",
          "[indexer][markers]") {
  const std::string text =
      "Ketamine is fast (1, 2). It lasts (Zarate et al., 2006). Nothing cited here. "
      "Van der Berg et al. (2019) disagree [3].";
  const auto passages = split_passages(text);
  REQUIRE(passages.size() == 4);
  const std::vector<CitedReference> references = {
      {1, "Pai", 2007}, {2, "Zarate", 2006}, {3, "van der Berg", 2019}, {4, "Lee", 2003}};
  const auto cited = citing_passages(passages, find_citation_markers(text), references);
  REQUIRE(cited.size() == 4);
  CHECK(cited[0] == std::vector<std::size_t>{0});
  CHECK(cited[1] == std::vector<std::size_t>{0, 1});  // by number and by author and year
  CHECK(cited[2] == std::vector<std::size_t>{3});     // once, though named twice
  CHECK(cited[3].empty());
}

TEST_CASE("issue 6 acceptance: the Zarate sentence of seed 004 cites its reference 2",
          "[indexer][passages][issue6]") {
  const Article a = article("004_");
  REQUIRE(a.references.size() == 9);
  REQUIRE(a.references[1].authors.front().family == "Zarate");
  REQUIRE(a.references[1].year == 2006);

  const auto passages = split_passages(a.text, a.body_end);
  const auto found = find_citation_markers(std::string_view(a.text).substr(0, a.body_end));
  std::vector<std::string> marker_texts;
  for (const auto& marker : found) marker_texts.push_back(describe(a.text, marker));
  CHECK(marker_texts ==
        std::vector<std::string>{"(1)|1||", "(9)|9||", "(2,3)|2,3||", "(3)|3||", "(2)|2||"});

  auto zarate = std::find_if(passages.begin(), passages.end(), [](const Passage& p) {
    return p.text.find("71%) showed a more than 50% reduction") != std::string::npos;
  });
  REQUIRE(zarate != passages.end());
  CHECK(zarate->text ==
        "In a placebo-controlled, randomized crossover study by Zarate and colleagues in 2006,(2) "
        "12 out of 17 participants (71%) showed a more than 50% reduction in depressive symptoms "
        "within 24 hours of receiving ketamine.");
  CHECK(zarate->line == 21);
  const auto& marker = found.back();
  CHECK(marker.begin >= zarate->begin);
  CHECK(marker.end <= zarate->end);
  CHECK(marker.numbers == std::vector<int>{2});

  const auto cited = citing_passages(passages, found, cited_references(a.references));
  auto texts = [&](std::size_t reference) {
    std::vector<std::string> out;
    for (std::size_t i : cited[reference]) out.push_back(passages[i].text.substr(0, 40));
    return out;
  };
  CHECK(texts(0) == std::vector<std::string>{"The elimination half-life of ketamine is"});
  CHECK(texts(1) == std::vector<std::string>{"Growing evidence shows that ketamine pro",
                                             "In a placebo-controlled, randomized cros"});
  CHECK(texts(2) == std::vector<std::string>{"Growing evidence shows that ketamine pro",
                                             "In 2000, Berman and colleagues(3) were t"});
  for (std::size_t r = 3; r < 8; ++r) CHECK(cited[r].empty());
  CHECK(texts(8) == std::vector<std::string>{"The rapid antidepressant effects of keta"});
  // The reference list itself gives no passage.
  for (const Passage& passage : passages)
    CHECK(passage.text.find("Archives of general") == std::string::npos);
}

TEST_CASE("the other seeds cite no one in their text and split into sensible passages",
          "[indexer][passages][issue6]") {
  struct Expectation {
    const char* seed;
    std::size_t passages;
    const char* sample;  // one passage, whole
    long line;
  };
  const Expectation expectations[] = {
      {"000_", 20, "Ketamine: An Update on Research", 1},
      {"001_", 94, "Nausea and vomiting", 63},
      {"002_", 78,
       "In 2019, the U.S. Food and Drug Administration (FDA) approved esketamine, the "
       "S-enantiomer of ketamine, as a nasal spray for TRD.",
       5},
      {"003_", 47, "Ketamine vs. Opioids", 7},
      {"003_", 47,
       "Especially as opioid use continues to be a widespread problem throughout the "
       "U.S., research into less addictive treatments is essential.",
       14},
  };
  for (const Expectation& e : expectations) {
    INFO(e.seed << ": " << e.sample);
    const Article a = article(e.seed);
    const auto passages = split_passages(a.text, a.body_end);
    CHECK(passages.size() == e.passages);
    auto found = std::find_if(passages.begin(), passages.end(),
                              [&](const Passage& p) { return p.text == e.sample; });
    REQUIRE(found != passages.end());
    CHECK(found->line == e.line);
    CHECK(find_citation_markers(std::string_view(a.text).substr(0, a.body_end)).empty());
  }
}

TEST_CASE("an abstract's author-year group gives one marker per citation, in its sentence",
          "[indexer][markers]") {
  // BC5CDR development set, PMID 7803371: a real group of eight citations.
  const auto documents = litgraph::bench::load_pubtator(
      litgraph::test::shared_path("data/bc5cdr/CDR_DevelopmentSet.PubTator.txt"));
  auto document = std::find_if(documents.begin(), documents.end(),
                               [](const auto& d) { return d.pmid == "7803371"; });
  REQUIRE(document != documents.end());
  const std::string& text = document->text;
  std::vector<std::string> authors;
  for (const auto& marker : find_citation_markers(text))
    authors.push_back(marker.author + " " + std::to_string(marker.year.value_or(0)));
  CHECK(authors == std::vector<std::string>{"Bornstein 1968", "Rammer 1988", "Katona 1986",
                                            "Isbell 1953", "Devlin 1985", "McCarthy 1971",
                                            "Dodds 1967", "Degkwitz 1964", "Hildebrand 1989",
                                            "Fleming 1986"});
  const auto passages = split_passages(text);
  const std::vector<CitedReference> references = {{0, "Isbell", 1953}, {0, "Fleming", 1986}};
  const auto cited = citing_passages(passages, find_citation_markers(text), references);
  REQUIRE(cited[0].size() == 1);
  CHECK(passages[cited[0][0]].text.starts_with("The drug is known to cause a variety"));
  REQUIRE(cited[1].size() == 1);
  CHECK(passages[cited[1][0]].text ==
        "There have also been two reported fatalities from DM overdoses (Fleming 1986).");
}
