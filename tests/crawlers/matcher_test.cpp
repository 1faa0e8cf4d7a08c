// The reference scorer, the matcher and the local index against real
// near-misses. The works are real PubMed records of
// ../shared/data/pubmed/alzheimers-efetch (PMID given), with the fields that
// parse_pubmed_xml gives them; the entries are reference strings of
// ../shared/data/citations/pubmed_referencelist_AD.tsv.gz unless marked
// otherwise. The seeds' works (ketamine) are the real records of their DOIs.
#include "litgraph/crawlers/matcher.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "litgraph/crawlers/references.h"

using namespace litgraph::crawlers;
using litgraph::schema::UpdateNotice;
using litgraph::schema::Work;
using litgraph::schema::WorkAuthor;

namespace {

struct WorkFields {
  const char* pmid;
  const char* title;
  const char* family;  // first author
  int year;
  const char* container;
  const char* container_short;
  const char* volume;
  const char* first_page;
};

Work work(const WorkFields& f) {
  Work w;
  w.pmid = f.pmid;
  w.title = f.title;
  w.authors.push_back(WorkAuthor{f.family, "", "", false});
  w.year = f.year;
  w.container = f.container;
  w.container_short = f.container_short;
  w.volume = f.volume;
  w.first_page = f.first_page;
  return w;
}

Work with_erratum(Work w, const char* label) {
  w.notices.push_back(UpdateNotice{"erratum", "updated-by", "", "", label, std::nullopt, {}});
  return w;
}

constexpr const char* kPnas =
    "Proceedings of the National Academy of Sciences of the United States of America";

const Work kHarold = with_erratum(
    with_erratum(work({"19734902",
                       "Genome-wide association study identifies variants at CLU and PICALM "
                       "associated with Alzheimer's disease.",
                       "Harold", 2009, "Nature genetics", "Nat Genet", "41", "1088"}),
                 "Nat Genet. 2009 Oct;41(10):1156"),
    "Nat Genet. 2013 Jun;45(6):712");
const Work kLin =
    with_erratum(work({"29861287",
                       "APOE4 Causes Widespread Molecular and Cellular Alterations Associated with "
                       "Alzheimer's Disease Phenotypes in Human iPSC-Derived Brain Cell Types.",
                       "Lin", 2018, "Neuron", "Neuron", "98", "1141"}),
                 "Neuron. 2018 Jun 27;98(6):1294. doi: 10.1016/j.neuron.2018.06.011.");
const Work kCai1936 = work({"16449385",
                            "Phospholipase D1 corrects impaired betaAPP trafficking and neurite "
                            "outgrowth in familial Alzheimer's disease-linked presenilin-1 mutant "
                            "neurons.",
                            "Cai", 2006, kPnas, "Proc Natl Acad Sci U S A", "103", "1936"});
const Work kCai1941 = work({"16449386",
                            "Presenilin-1 uses phospholipase D1 as a negative regulator of "
                            "beta-amyloid formation.",
                            "Cai", 2006, kPnas, "Proc Natl Acad Sci U S A", "103", "1941"});
const Work kLevyLahad970 =
    work({"7638621", "A familial Alzheimer's disease locus on chromosome 1.", "Levy-Lahad", 1995,
          "Science (New York, N.Y.)", "Science", "269", "970"});
const Work kLevyLahad973 =
    work({"7638622",
          "Candidate gene for the chromosome 1 familial Alzheimer's disease "
          "locus.",
          "Levy-Lahad", 1995, "Science (New York, N.Y.)", "Science", "269", "973"});
const Work kIzzoI = work({"25390368",
                          "Alzheimer's therapeutics targeting amyloid beta 1-42 oligomers I: Abeta "
                          "42 oligomer binding to specific neuronal receptors is displaced by drug "
                          "candidates that improve cognitive deficits.",
                          "Izzo", 2014, "PloS one", "PLoS One", "9", "e111898"});
const Work kIzzoII = work({"25390692",
                           "Alzheimer's therapeutics targeting amyloid beta 1-42 oligomers II: "
                           "Sigma-2/PGRMC1 receptors mediate Abeta 42 oligomer binding and "
                           "synaptotoxicity.",
                           "Izzo", 2014, "PloS one", "PLoS One", "9", "e111899"});
const Work kJin = work({"15340159",
                        "Enhanced neurogenesis in Alzheimer's disease transgenic (PDGF-APPSw,Ind) "
                        "mice.",
                        "Jin", 2004, kPnas, "Proc Natl Acad Sci U S A", "101", "13363"});
const Work kKunkle = work({"30820047",
                           "Genetic meta-analysis of diagnosed Alzheimer's disease identifies new "
                           "risk loci and implicates Aβ, tau, immunity and lipid processing.",
                           "Kunkle", 2019, "Nature genetics", "Nat Genet", "51", "414"});
const Work kShankar = work({"17360908",
                            "Natural oligomers of the Alzheimer amyloid-beta protein induce "
                            "reversible synapse loss by modulating an NMDA-type glutamate "
                            "receptor-dependent signaling pathway.",
                            "Shankar", 2007,
                            "The Journal of neuroscience : the official journal of the Society "
                            "for Neuroscience",
                            "J Neurosci", "27", "2866"});
const Work kFitzpatrick =
    work({"28678775", "Cryo-EM structures of tau filaments from Alzheimer's disease.",
          "Fitzpatrick", 2017, "Nature", "Nature", "547", "185"});
const Work kLiddelow =
    work({"28099414", "Neurotoxic reactive astrocytes are induced by activated microglia.",
          "Liddelow", 2017, "Nature", "Nature", "541", "481"});
const Work kJack =
    work({"29653606",
          "NIA-AA Research Framework: Toward a biological definition of "
          "Alzheimer's disease.",
          "Jack", 2018, "Alzheimer's & dementia : the journal of the Alzheimer's Association",
          "Alzheimers Dement", "14", "535"});
// Not in the set: a short title that many works share.
const Work kBlennow =
    work({"16876668", "Alzheimer's disease.", "Blennow", 2006, "Lancet", "Lancet", "368", "387"});
// The seeds' works.
const Work kZarate =
    work({"16894061",
          "A randomized trial of an N-methyl-D-aspartate antagonist in "
          "treatment-resistant major depression.",
          "Zarate", 2006, "Archives of general psychiatry", "Arch Gen Psychiatry", "63", "856"});
const Work kNiesters =
    work({"23432384", "Ketamine for chronic pain: risks and benefits.", "Niesters", 2014,
          "British journal of clinical pharmacology", "Br J Clin Pharmacol", "77", "357"});

MatchResult match(const char* entry, const std::vector<const Work*>& candidates) {
  return match_reference(parse_reference(entry), candidates);
}

}  // namespace

TEST_CASE("score_candidate matches entries with abbreviated or full journal names",
          "[crawlers][match]") {
  struct Case {
    const char* entry;
    const Work* work;
  };
  auto c = GENERATE(values<Case>({
      {"Shankar GM, Bloodgood BL, Townsend M, Walsh DM, Selkoe DJ, Sabatini BL. Natural "
       "oligomers of the Alzheimer amyloid-β protein induce reversible synapse loss by modulating "
       "an NMDA-type glutamate receptor-dependent signaling pathway. J Neurosci. "
       "2007;27:2866–2875.",
       &kShankar},
      {"Jack CR, Jr., Bennett DA, Blennow K, et al. NIA‐AA Research Framework: toward a "
       "biological definition of Alzheimer's disease. Alzheimers Dement. 2018;14:535‐562.",
       &kJack},
      {"Kunkle BW et al. Genetic meta-analysis of diagnosed Alzheimer’s disease identifies new "
       "risk loci and implicates Abeta, tau, immunity and lipid processing. Nat. Genet 51, "
       "414–430 (2019).",
       &kKunkle},
      // The seeds: Vancouver with the ISO abbreviation, and as corpus/004 lists it in full.
      {"Zarate CA Jr, Singh JB, Carlson PJ, et al. A randomized trial of an "
       "N-methyl-D-aspartate antagonist in treatment-resistant major depression. Arch Gen "
       "Psychiatry. 2006;63(8):856-64.",
       &kZarate},
      {"Zarate CA, Singh JB, Carlson PJ et al. (2006) A randomized trial of an "
       "N-methyl-D-aspartate antagonist in treatment-resistant major depression. Archives of "
       "general psychiatry 63(8):856-864",
       &kZarate},
  }));
  INFO(c.entry);
  MatchScore s = score_candidate(parse_reference(c.entry), *c.work);
  CHECK(s.score >= MatchOptions{}.match_threshold);
  CHECK(s.title == FieldAgreement::kAgree);
  CHECK(s.first_author == FieldAgreement::kAgree);
  CHECK(s.container == FieldAgreement::kAgree);
  CHECK(s.first_page == FieldAgreement::kAgree);
}

TEST_CASE("same_container knows ISO/NLM abbreviations and tells other journals apart",
          "[crawlers][match]") {
  struct Case {
    const char* a;
    const char* b;
    bool same;
  };
  auto c = GENERATE(values<Case>({
      {"Arch Gen Psychiatry", "Archives of General Psychiatry", true},
      {"Proc Natl Acad Sci U S A", kPnas, true},
      {"Proc. Natl Acad. Sci. USA", "Proc Natl Acad Sci U S A", true},
      {"J Neurosci",
       "The Journal of neuroscience : the official journal of the Society for Neuroscience", true},
      {"Alzheimers Dement", "Alzheimer's & dementia : the journal of the Alzheimer's Association",
       true},
      {"Science", "Science (New York, N.Y.)", true},
      {"Nat. Genet", "Nature genetics", true},
      {"Ann N Y Acad Sci", "Annals of the New York Academy of Sciences", true},
      {"PLoS ONE", "PloS one", true},
      {"J Neurosci", "Journal of neurochemistry", false},
      {"Nature", "Nature neuroscience", false},
      {"Neurology", "Neuron", false},
      {"Brain Res", "Brain research bulletin", false},
      {"J Gen Physiol", "The Journal of cell biology", false},
      // A month before a day ("2006 Jun 2") once passed for the initials of "J N…".
      {"Jun", "Journal of neuroinflammation", false},
  }));
  INFO(c.a << " / " << c.b);
  CHECK(same_container(c.a, c.b) == c.same);
  CHECK(same_container(c.b, c.a) == c.same);
}

TEST_CASE("score_candidate does not take an erratum for the article it corrects (issue 4)",
          "[crawlers][match]") {
  // PubMed lists the erratum of 19734902 at Nat Genet 2013;45:712: a citation
  // of it gives the article's title, its authors, and another year, volume
  // and page.
  MatchScore erratum = score_candidate(
      parse_reference("Harold D, Abraham R, Hollingworth P, et al. Genome-wide association study "
                      "identifies variants at CLU and PICALM associated with Alzheimer's "
                      "disease. Nat Genet. 2013;45:712."),
      kHarold);
  CHECK(erratum.cites_notice);
  CHECK(erratum.year == FieldAgreement::kDisagree);
  CHECK(erratum.score < MatchOptions{}.ambiguous_threshold);

  // Same year and volume, another page: the erratum of 29861287 (cited so in the TSV).
  MatchScore same_year = score_candidate(
      parse_reference("Lin Y-T, et al. APOE4 causes widespread molecular and cellular "
                      "alterations associated with Alzheimer’s disease phenotypes in human "
                      "iPSC-derived brain cell types. Neuron. 2018;98:1294."),
      kLin);
  CHECK(same_year.title == FieldAgreement::kAgree);
  CHECK(same_year.cites_notice);
  CHECK(same_year.score < MatchOptions{}.ambiguous_threshold);

  // The article itself, and the erratum as a record of its own: the citation
  // of the article picks the article.
  Work erratum_record = work(
      {"0", kHarold.title->c_str(), "Harold", 2013, "Nature genetics", "Nat Genet", "45", "712"});
  MatchResult article = match(
      "Harold D, Abraham R, Hollingworth P, et al. Genome-wide association study identifies "
      "variants at CLU and PICALM associated with Alzheimer's disease. Nat Genet. "
      "2009;41:1088–1093.",
      {&erratum_record, &kHarold});
  CHECK(article.status == MatchStatus::kMatched);
  CHECK(article.work == &kHarold);
  CHECK(score_candidate(parse_reference("Harold D, et al. Genome-wide association study "
                                        "identifies variants at CLU and PICALM associated with "
                                        "Alzheimer's disease. Nat Genet. 2009;41:1088–1093."),
                        erratum_record)
            .score < MatchOptions{}.ambiguous_threshold);
}

TEST_CASE("match_reference tells apart papers by the same first author in the same year",
          "[crawlers][match]") {
  struct Case {
    const char* entry;
    const Work* right;
    const Work* other;
  };
  auto c = GENERATE(values<Case>({
      // Companion papers on consecutive pages, cited without a title.
      {"Cai D., Netzer W. J., Zhong M., Lin Y., Du G., Frohman M., Foster D. A., Sisodia S. S., "
       "Xu H., Gorelick F. S., et al. Proc. Natl. Acad. Sci. USA. 2006;103:1941–1946.",
       &kCai1941, &kCai1936},
      {"Levy-Lahad E, Wasco W, Poorkaj P, Romano D M, Oshima J, Pettingell W H, Yu C E, Jondro P "
       "D, Schmidt S D, Wang K, et al. Science. 1995;269:973–977.",
       &kLevyLahad973, &kLevyLahad970},
      // Parts I and II: the titles share their first nine words.
      {"Izzo NJ, Xu J, Zeng C, et al. Alzheimer's therapeutics targeting amyloid beta 1-42 "
       "oligomers II: Sigma-2/PGRMC1 receptors mediate Abeta 42 oligomer binding and "
       "synaptotoxicity. PLoS One. 2014;9:e111899.",
       &kIzzoII, &kIzzoI},
  }));
  INFO(c.entry);
  MatchResult result = match(c.entry, {c.other, c.right});
  CHECK(result.status == MatchStatus::kMatched);
  CHECK(result.work == c.right);
  REQUIRE(result.candidates.size() == 2);
  CHECK(result.candidates[1].score.score < MatchOptions{}.match_threshold);
}

TEST_CASE("score_candidate rejects another paper of the same author, year and journal",
          "[crawlers][match]") {
  // The TSV's entry cites PMID 14660786; the store holds Jin's other 2004 PNAS paper.
  MatchScore s = score_candidate(
      parse_reference("Jin K, Peel A, Mao XO, Xie L, Cottrell B, Henshall D, Greenberg D. Proc "
                      "Natl Acad Sci USA. 2004;101:343–347."),
      kJin);
  CHECK(s.first_author == FieldAgreement::kAgree);
  CHECK(s.year == FieldAgreement::kAgree);
  CHECK(s.container == FieldAgreement::kAgree);
  CHECK(s.first_page == FieldAgreement::kDisagree);
  CHECK(s.score < MatchOptions{}.match_threshold);
}

TEST_CASE("score_candidate folds Greek letters, markup and punctuation in titles",
          "[crawlers][match]") {
  struct Case {
    const char* title;  // as cited
    const Work* work;
  };
  auto c = GENERATE(values<Case>({
      {"Natural oligomers of the Alzheimer amyloid-β protein induce reversible synapse loss by "
       "modulating an NMDA-type glutamate receptor-dependent signaling pathway",
       &kShankar},
      {"Genetic meta-analysis of diagnosed Alzheimer’s disease identifies new risk loci and "
       "implicates Abeta, tau, immunity and lipid processing",
       &kKunkle},
      // Composed: the markup of a JATS title, and an entity for the apostrophe.
      {"Cryo-EM structures of <i>tau</i> filaments from Alzheimer&#8217;s disease!", &kFitzpatrick},
      {"CRYO-EM STRUCTURES OF TAU FILAMENTS FROM ALZHEIMERS DISEASE", &kFitzpatrick},
  }));
  INFO(c.title);
  litgraph::schema::Reference ref;
  ref.title = c.title;
  MatchScore s = score_candidate(ref, *c.work);
  CHECK(s.title == FieldAgreement::kAgree);
  CHECK(s.title_similarity == Approx(1.0));
}

TEST_CASE("score_candidate accepts a title cut short or cited without its subtitle",
          "[crawlers][match]") {
  struct Case {
    const char* entry;
    const Work* work;
  };
  auto c = GENERATE(values<Case>({
      // Composed from the TSV's entries for these works.
      {"Liddelow SA, Guttenplan KA, Clarke LE, et al. Neurotoxic reactive astrocytes are "
       "induced by… Nature. 2017;541:481–487.",
       &kLiddelow},
      {"Jack CR, Bennett DA, Blennow K, et al. NIA-AA Research Framework. Alzheimers Dement. "
       "2018;14:535-562.",
       &kJack},
  }));
  INFO(c.entry);
  MatchScore s = score_candidate(parse_reference(c.entry), *c.work);
  CHECK(s.title == FieldAgreement::kClose);
  CHECK(s.score >= MatchOptions{}.match_threshold);
}

TEST_CASE("a title-only entry matches on title and journal and its decoy loses",
          "[crawlers][match]") {
  // As corpus/003 lists its sources.
  const char* entry =
      "Ketamine for chronic pain: risks and benefits – British Journal of Clinical Pharmacology";
  Work decoy = kNiesters;  // composed: the same title in another journal
  decoy.pmid = "1";
  decoy.container = "Pain";
  decoy.container_short = "Pain";
  MatchResult result = match(entry, {&decoy, &kNiesters});
  CHECK(result.status == MatchStatus::kMatched);
  CHECK(result.work == &kNiesters);
  REQUIRE(result.candidates.size() == 2);
  CHECK(result.candidates[0].score.container == FieldAgreement::kAgree);
  CHECK(result.candidates[1].score.container == FieldAgreement::kDisagree);
  CHECK(result.candidates[1].score.score < MatchOptions{}.match_threshold);
}

TEST_CASE("a reference with too little evidence is never matched", "[crawlers][match]") {
  struct Case {
    const char* title;
    const char* container;  // may be null
    const Work* work;
    MatchStatus expected;
  };
  auto c = GENERATE(values<Case>({
      {"Alzheimer's disease", nullptr, &kBlennow, MatchStatus::kUnmatched},
      {"Alzheimer's disease", "Lancet", &kBlennow, MatchStatus::kAmbiguous},
      // A long title alone: a lead to check, not a verified match.
      {"Genetic meta-analysis of diagnosed Alzheimer's disease identifies new risk loci and "
       "implicates Aβ, tau, immunity and lipid processing",
       nullptr, &kKunkle, MatchStatus::kAmbiguous},
  }));
  INFO(c.title);
  litgraph::schema::Reference ref;
  ref.title = c.title;
  if (c.container) ref.container = c.container;
  MatchResult result = match_reference(ref, {c.work});
  CHECK(result.status == c.expected);
  CHECK(result.work == nullptr);
}

TEST_CASE("fields missing from a reference count neither for nor against", "[crawlers][match]") {
  MatchScore s = score_candidate(
      parse_reference("Liddelow SA, et al. (2017) Neurotoxic reactive astrocytes are induced by "
                      "activated microglia."),
      kLiddelow);
  CHECK(s.container == FieldAgreement::kMissing);
  CHECK(s.volume == FieldAgreement::kMissing);
  CHECK(s.first_page == FieldAgreement::kMissing);
  CHECK(s.score >= MatchOptions{}.match_threshold);
}

TEST_CASE("score_candidate reads fields the parser put in the wrong place", "[crawlers][match]") {
  struct Case {
    const char* entry;
    const Work* work;
  };
  auto c = GENERATE(values<Case>({
      // Title-less Vancouver: the journal stands where a title would.
      {"Cai D., Netzer W. J., Zhong M., Lin Y., Du G., Frohman M., Foster D. A., Sisodia S. S., "
       "Xu H., Gorelick F. S., et al. Proc. Natl. Acad. Sci. USA. 2006;103:1941–1946.",
       &kCai1941},
      // Cell Press style: journal, volume and pages in one field.
      {"Fitzpatrick AWP, Falcon B, He S, Murzin AG, Murshudov G, Garringer HJ, Crowther RA, "
       "Ghetti B, Goedert M, and Scheres SHW (2017). Cryo-EM structures of tau filaments from "
       "Alzheimer’s disease. Nature 547, 185–190.",
       &kFitzpatrick},
  }));
  INFO(c.entry);
  MatchScore s = score_candidate(parse_reference(c.entry), *c.work);
  CHECK(s.container == FieldAgreement::kAgree);
  CHECK(s.first_page == FieldAgreement::kAgree);
  CHECK(s.score >= MatchOptions{}.match_threshold);
}

TEST_CASE("match_reference calls two equally good candidates ambiguous", "[crawlers][match]") {
  Work duplicate = kLiddelow;  // the same paper under a second record
  duplicate.pmid = "2";
  MatchResult result = match(
      "Liddelow SA, Guttenplan KA, Clarke LE, et al. Neurotoxic reactive astrocytes are induced "
      "by activated microglia. Nature. 2017;541:481–487.",
      {&kLiddelow, nullptr, &duplicate, &kJack});
  CHECK(result.status == MatchStatus::kAmbiguous);
  CHECK(result.work == nullptr);
  CHECK(result.score >= MatchOptions{}.match_threshold);
  REQUIRE(result.candidates.size() == 3);
  CHECK(result.candidates[0].work == &kLiddelow);  // ties keep the input order
  CHECK(result.candidates[1].work == &duplicate);
  CHECK(result.candidates[2].work == &kJack);

  MatchOptions one;
  one.max_candidates = 1;
  CHECK(match_reference(parse_reference("Liddelow SA. Nature. 2017;541:481."), {&kLiddelow, &kJack},
                        one)
            .candidates.size() == 1);
  MatchResult none = match("Liddelow SA. Nature. 2017;541:481.", {});
  CHECK(none.status == MatchStatus::kUnmatched);
  CHECK(none.score == 0.0);
  CHECK(none.candidates.empty());
}

TEST_CASE("LocalWorkIndex finds candidates by title, author and year, volume and page",
          "[crawlers][match]") {
  LocalWorkIndex index({kHarold, kLin, kCai1936, kCai1941, kLevyLahad970, kLevyLahad973, kIzzoI,
                        kIzzoII, kJin, kKunkle, kShankar, kFitzpatrick, kLiddelow, kJack});
  auto pmids = [&](const char* entry, std::size_t limit) {
    std::vector<std::string> found;
    for (const Work* w : index.candidates(parse_reference(entry), limit)) found.push_back(*w->pmid);
    return found;
  };
  using V = std::vector<std::string>;
  // By title words, the rarest first.
  CHECK(pmids("Neurotoxic reactive astrocytes are induced by activated microglia.", 1) ==
        V{"28099414"});
  // By first author and year: both of Cai's 2006 papers.
  V cai = pmids("Cai D, et al. Proc Natl Acad Sci USA. 2006;103:1941.", 10);
  REQUIRE(cai.size() >= 2);
  CHECK(cai[0] == "16449386");  // volume and page too
  CHECK(cai[1] == "16449385");
  // By volume and page alone.
  CHECK(pmids("Science. 1995 Jul 18;269(5226):973-7", 1) == V{"7638622"});
  CHECK(pmids("Ibid.", 5).empty());
  CHECK(index.works().size() == 14);
  CHECK(index.candidates(parse_reference("Izzo NJ. 2014. PLoS One 9:e111898."), 3).size() <= 3);
}
