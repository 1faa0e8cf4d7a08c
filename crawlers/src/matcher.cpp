#include "litgraph/crawlers/matcher.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <span>
#include <string>

#include "litgraph/schema/text.h"
#include "matcher_internal.h"

namespace litgraph::crawlers {

// ---- keys shared with LocalWorkIndex ----

namespace internal {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Removes HTML/XML tags ("<i>", "</sup>", "<scp>") and turns entities into
// text: Greek ones into their names ("&alpha;" -> "alpha", which is how
// fold_for_matching spells α), numeric ones into their character, the rest
// into a space.
std::string strip_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') {
      std::size_t j = i + 1 + (i + 1 < text.size() && text[i + 1] == '/');
      if (j < text.size() && is_ascii_alpha(text[j])) {
        std::size_t close = text.find('>', j);
        if (close != std::string_view::npos && close - i <= 40 &&
            text.substr(i + 1, close - i - 1).find('<') == std::string_view::npos) {
          i = close;  // tags join what they wrap: "<sup>18</sup>F" is "18F"
          continue;
        }
      }
    } else if (c == '&') {
      std::size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i >= 2 && semi - i <= 10) {
        std::string_view name = text.substr(i + 1, semi - i - 1);
        if (name[0] == '#') {
          char32_t cp = 0;
          bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
          bool valid = name.size() > (hex ? 2u : 1u);
          for (std::size_t k = hex ? 2 : 1; k < name.size() && valid; ++k) {
            auto d = static_cast<unsigned char>(name[k]);
            if (std::isdigit(d))
              cp = cp * (hex ? 16 : 10) + (d - '0');
            else if (hex && std::isxdigit(d))
              cp = cp * 16 + (std::tolower(d) - 'a' + 10);
            else
              valid = false;
          }
          if (valid && cp > 0 && cp <= 0x10FFFF) {
            schema::append_utf8(out, cp);
            i = semi;
            continue;
          }
        } else if (std::all_of(name.begin(), name.end(), is_ascii_alpha)) {
          static constexpr std::array<std::string_view, 24> kGreek = {
              "alpha", "beta",  "gamma",  "delta",   "epsilon", "zeta", "eta",     "theta",
              "iota",  "kappa", "lambda", "mu",      "nu",      "xi",   "omicron", "pi",
              "rho",   "sigma", "tau",    "upsilon", "phi",     "chi",  "psi",     "omega"};
          std::string lower(name);
          for (char& ch : lower)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          bool greek = std::find(kGreek.begin(), kGreek.end(), lower) != kGreek.end();
          out += greek ? lower : (lower == "amp" ? "&" : " ");
          i = semi;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

// Words that carry no identity in a title or journal name.
bool is_stop_word(std::string_view w) {
  if (w.size() > 4) return false;  // the longest is "from"
  static constexpr std::array<std::string_view, 22> kStop = {
      "a",  "an",  "and",  "as", "at", "by", "de", "del", "der", "des", "du",
      "et", "for", "from", "in", "la", "le", "of", "on",  "the", "to",  "und"};
  return std::find(kStop.begin(), kStop.end(), w) != kStop.end();
}

// Folded words, markup removed, with a possessive or plural "s" dropped so
// that "Alzheimer", "Alzheimer’s" (folded "alzheimer s") and "Alzheimers" are
// one word; stop words left out, but for single letters when they may be
// initials ("Proc Natl Acad Sci U S A").
std::vector<std::string> words_of(std::string_view text, bool keep_initials) {
  bool markup = text.find_first_of("<&") != std::string_view::npos;
  std::string folded = schema::fold_for_matching(markup ? strip_markup(text) : text);
  std::vector<std::string> out;
  for (std::size_t start = 0; start < folded.size();) {
    std::size_t end = std::min(folded.find(' ', start), folded.size());
    std::string_view w(folded.data() + start, end - start);
    start = end + 1;
    if (w == "s" && !out.empty() && out.back().size() > 1) continue;  // not in "U S A"
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.remove_suffix(1);
    if (is_stop_word(w) && !(keep_initials && w.size() == 1)) continue;
    out.emplace_back(w);
  }
  return out;
}

}  // namespace

std::vector<std::string> content_words(std::string_view text) { return words_of(text, false); }

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

// A cited family name, folded, without initials that the parser left on it
// ("Scheff SW" -> "scheff") or a generational suffix.
std::vector<std::string> family_words(std::string_view family) {
  std::vector<std::string> raw;
  for (std::size_t i = 0; i < family.size();) {
    std::size_t j = family.find(' ', i);
    if (j == std::string_view::npos) j = family.size();
    if (j > i) raw.emplace_back(family.substr(i, j - i));
    i = j + 1;
  }
  auto is_initials_or_suffix = [](const std::string& w) {
    std::string bare;
    for (char c : w)
      if (c != '.' && c != ',') bare += c;
    if (bare == "Jr" || bare == "Sr" || bare == "II" || bare == "III" || bare == "IV") return true;
    return !bare.empty() && bare.size() <= 3 &&
           std::all_of(bare.begin(), bare.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  };
  while (raw.size() > 1 && is_initials_or_suffix(raw.back())) raw.pop_back();
  std::string kept;
  for (const std::string& w : raw) kept += w + " ";
  return schema::folded_words(kept);
}

// The first number of a volume ("58 Suppl 1" -> "58") without leading zeros,
// else the folded text.
std::string volume_key(std::string_view volume) {
  std::string folded = schema::fold_for_matching(volume);
  std::size_t start = folded.find_first_of("0123456789");
  if (start == std::string::npos) return folded;
  std::size_t end = folded.find_first_not_of("0123456789", start);
  std::string digits = folded.substr(start, end - start);
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  return digits;
}

// A page or article number folded, without spaces or leading zeros:
// "E0033693" -> "e33693", "370ra182", "2231.e15" -> "2231e15".
std::string page_key(std::string_view page) {
  std::string key = schema::fold_for_matching(page);
  std::erase(key, ' ');
  std::size_t digit = key.find_first_of("0123456789");
  if (digit == std::string::npos) return key;
  std::size_t nonzero = key.find_first_not_of('0', digit);
  if (nonzero == std::string::npos || nonzero == key.size()) nonzero = key.size() - 1;
  key.erase(digit, nonzero - digit);
  return key;
}

}  // namespace internal

using schema::Reference;
using schema::Work;

namespace {

using namespace internal;

// Pages agree when equal, or when only one carries the "e" of an electronic
// article number ("e2698" cited as "2698").
bool same_page_key(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() == b.size() + 1 && a[0] == 'e') return a.substr(1) == b;
  if (b.size() == a.size() + 1 && b[0] == 'e') return b.substr(1) == a;
  return false;
}

// ---- titles ----

struct TitleComparison {
  double similarity = 0.0;  // Dice coefficient of the word multisets, 0..1
  FieldAgreement agreement = FieldAgreement::kMissing;
  std::size_t matched = 0;  // words in common: how much the agreement tells
  bool contained = false;   // the shorter title stands (nearly) whole in the longer
};

// A correction or retraction notice is a record of its own, titled after the
// paper it corrects: "Author Correction: Soluble TREM2 ameliorates …".
bool is_notice_title(const std::vector<std::string>& words) {
  static constexpr std::array<std::string_view, 5> kNotice = {
      "erratum", "corrigendum", "correction", "retraction", "addendum"};
  for (std::size_t i = 0; i < std::min<std::size_t>(2, words.size()); ++i)
    if (std::find(kNotice.begin(), kNotice.end(), words[i]) != kNotice.end()) return true;
  return false;
}

// Multiset intersection size of two word lists.
std::size_t common_words(std::vector<std::string_view> a, std::vector<std::string_view> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return common;
}

// Titles this similar agree; at or below the lower bound they disagree, and
// in between count on a slope from one to the other.
constexpr double kTitleAgreeSimilarity = 0.85;
constexpr double kTitleDisagreeSimilarity = 0.5;

// Compares title words. Equal titles agree; so do titles that differ in a
// word or two (a typo, "Aβ" cited as "A beta"). One title standing whole
// inside the other is close: a title cut short, a subtitle left out, or a
// journal name the parser left on the title.
TitleComparison compare_titles(const std::vector<std::string>& ref,
                               const std::vector<std::string>& work) {
  TitleComparison c;
  if (ref.empty() || work.empty()) return c;
  if (is_notice_title(ref) != is_notice_title(work)) {
    c.agreement = FieldAgreement::kDisagree;
    return c;
  }
  std::size_t common = common_words({ref.begin(), ref.end()}, {work.begin(), work.end()});
  std::size_t shorter = std::min(ref.size(), work.size());
  c.similarity = 2.0 * static_cast<double>(common) / static_cast<double>(ref.size() + work.size());
  c.matched = common;
  if (c.similarity < 1.0 && joined(ref) == joined(work)) {  // the same letters, split differently
    c.similarity = 1.0;
    c.matched = std::max(ref.size(), work.size());
  }
  c.contained = shorter >= 3 && static_cast<double>(common) >= 0.9 * static_cast<double>(shorter);
  if (c.similarity >= kTitleAgreeSimilarity)
    c.agreement = FieldAgreement::kAgree;
  else if (c.contained || c.similarity > kTitleDisagreeSimilarity)
    c.agreement = FieldAgreement::kClose;
  else
    c.agreement = FieldAgreement::kDisagree;
  return c;
}

// ---- authors ----

bool ends_with_words(const std::vector<std::string>& longer, const std::vector<std::string>& tail) {
  return tail.size() < longer.size() && std::equal(tail.rbegin(), tail.rend(), longer.rbegin());
}

bool starts_with_words(const std::vector<std::string>& longer,
                       const std::vector<std::string>& head) {
  return head.size() < longer.size() && std::equal(head.begin(), head.end(), longer.begin());
}

// Same name when the letters agree ("Gómez-Isla" = "Gomez Isla"); close when
// one drops particles or a second surname ("van der Berg" / "Berg",
// "Keren-Shaul" / "Keren").
FieldAgreement compare_families(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return FieldAgreement::kMissing;
  if (joined(a) == joined(b)) return FieldAgreement::kAgree;
  if (ends_with_words(a, b) || ends_with_words(b, a) || starts_with_words(a, b) ||
      starts_with_words(b, a))
    return FieldAgreement::kClose;
  return FieldAgreement::kDisagree;
}

// ---- journals ----

// Words of a journal name without what varies between citations of it: a
// ": subtitle" or ". Subtitle" after the name proper, a "(New York, N.Y.)"
// place in parentheses, and stop words.
std::vector<std::string> container_words(std::string_view name) {
  std::string text(name);
  std::size_t colon = text.find(" : ");
  if (colon == std::string::npos) colon = text.find(": ");
  if (colon != std::string::npos && colon > 0) text.resize(colon);
  std::string bare;
  int depth = 0;
  for (char c : text) {
    if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (depth == 0)
      bare += c;
  }
  return words_of(bare, true);
}

// True if `piece` could abbreviate `word`: the same first letter and the rest
// a subsequence of it ("natl" for "national", "j" for "journal").
bool abbreviates(std::string_view piece, std::string_view word) {
  if (piece.empty() || word.empty() || piece[0] != word[0]) return false;
  std::size_t j = 1;
  for (std::size_t i = 1; i < piece.size(); ++i) {
    j = word.find(piece[i], j);
    if (j == std::string_view::npos) return false;
    ++j;
  }
  return true;
}

// Matches the abbreviated words, in order, to all the full words. One
// abbreviated word stands for one full word, or for several by their initials
// only ("usa" for "united states america").
using Words = std::span<const std::string>;

bool abbreviation_of(Words abbr, std::size_t ai, std::size_t pos, Words full, std::size_t fi) {
  if (ai == abbr.size()) return fi == full.size();
  if (fi == full.size()) return false;
  std::string_view rest = std::string_view(abbr[ai]).substr(pos);
  // The whole rest of this abbreviated word for the next full word.
  if (abbreviates(rest, full[fi]) && abbreviation_of(abbr, ai + 1, 0, full, fi + 1)) return true;
  // Or its next letter as an initial, the rest going to the following words.
  return rest.size() > 1 && rest[0] == full[fi][0] &&
         abbreviation_of(abbr, ai, pos + 1, full, fi + 1);
}

bool same_container_words(Words a, Words b) {
  if (a.empty() || b.empty()) return false;
  if (std::equal(a.begin(), a.end(), b.begin(), b.end())) return true;
  return abbreviation_of(a, 0, 0, b, 0) || abbreviation_of(b, 0, 0, a, 0);
}

using Names = std::vector<std::vector<std::string>>;

bool names_a_container(Words cited, const Names& names) {
  return std::any_of(names.begin(), names.end(),
                     [&](const auto& name) { return same_container_words(cited, name); });
}

// ---- numbers, years, identifiers ----

FieldAgreement compare_volumes(const std::optional<std::string>& a,
                               const std::optional<std::string>& b) {
  if (!a || !b) return FieldAgreement::kMissing;
  std::string ka = volume_key(*a);
  std::string kb = volume_key(*b);
  if (ka.empty() || kb.empty()) return FieldAgreement::kMissing;
  return ka == kb ? FieldAgreement::kAgree : FieldAgreement::kDisagree;
}

FieldAgreement compare_pages(const std::optional<std::string>& a,
                             const std::optional<std::string>& b) {
  if (!a || !b) return FieldAgreement::kMissing;
  std::string ka = page_key(*a);
  std::string kb = page_key(*b);
  if (ka.empty() || kb.empty()) return FieldAgreement::kMissing;
  return same_page_key(ka, kb) ? FieldAgreement::kAgree : FieldAgreement::kDisagree;
}

FieldAgreement compare_identifiers(const Reference& ref, const Work& work) {
  FieldAgreement result = FieldAgreement::kMissing;
  auto compare = [&](const std::optional<std::string>& a, const std::optional<std::string>& b) {
    if (!a || !b) return;
    if (*a != *b)
      result = FieldAgreement::kDisagree;
    else if (result == FieldAgreement::kMissing)
      result = FieldAgreement::kAgree;
  };
  compare(ref.doi, work.doi);
  compare(ref.pmid, work.pmid);
  return result;
}

FieldAgreement compare_years(const std::optional<int>& a, const std::optional<int>& b) {
  if (!a || !b) return FieldAgreement::kMissing;
  int gap = std::abs(*a - *b);
  if (gap == 0) return FieldAgreement::kAgree;
  return gap == 1 ? FieldAgreement::kClose : FieldAgreement::kDisagree;
}

// ---- evidence ----

// Log-odds points each field adds to (or takes from) the case for a match.
// Set by hand, guided by how often each field agrees between a reference and
// the work it cites versus the other candidates found for it, in the PubMed
// reference lists of bench/match_eval.cpp (first authors agree in 96% of true
// pairs and 30% of the best wrong ones; first pages differ in 0.7% and 82%).
struct Weight {
  double agree;
  double close;
  double disagree;
};
constexpr Weight kIdentifierWeight{12.0, 0.0, -12.0};  // a DOI or PMID settles it either way
// An agreeing title: a base plus a share per word in common, up to a cap, so
// that a title alone, however long, stays below a match.
constexpr double kTitleBase = 2.0;
constexpr double kTitlePerWord = 0.55;
constexpr std::size_t kTitleWordsCounted = 8;
constexpr double kTitleCloseFactor = 0.6;  // a cut or extended title counts for less
constexpr double kTitleDisagree = -6.0;    // different titles: hard to outweigh...
// ...unless volume and first page agree and the cited title looks cut wrongly
// by the parser (authors or numbers in it): two papers rarely start on the
// same page.
constexpr double kTitleDisagreeSamePage = -2.0;
constexpr Weight kAuthorWeight{3.0, 1.5, -4.0};
constexpr Weight kYearWeight{2.0, 0.5, -4.0};       // errata and later papers share titles
constexpr Weight kContainerWeight{2.5, 0.0, -1.5};  // journal names are cited loosely
constexpr Weight kVolumeWeight{2.0, 0.0, -3.0};
// A journal's volume follows from its year: with the year agreeing, an
// agreeing volume adds little.
constexpr double kVolumeWithYear = 0.5;
constexpr Weight kPageWeight{3.0, 0.0, -3.0};
// Volume wrong and page or journal too: another printing of the same title
// (an erratum, a reprint elsewhere), more likely than two slips in one entry.
constexpr double kOtherPrinting = -2.0;
constexpr double kCitesNotice = -10.0;  // the volume and page of the work's erratum: not the work
// Points at which the score is 0.5; the score is logistic in points around it.
constexpr double kEvenPoints = 4.4;

double points(FieldAgreement agreement, const Weight& weight) {
  switch (agreement) {
    case FieldAgreement::kAgree: return weight.agree;
    case FieldAgreement::kClose: return weight.close;
    case FieldAgreement::kDisagree: return weight.disagree;
    case FieldAgreement::kMissing: break;
  }
  return 0.0;
}

double title_points(const TitleComparison& title, bool same_page) {
  double agree =
      kTitleBase + kTitlePerWord * static_cast<double>(std::min(title.matched, kTitleWordsCounted));
  double disagree = same_page ? kTitleDisagreeSamePage : kTitleDisagree;
  switch (title.agreement) {
    case FieldAgreement::kAgree: return agree;
    case FieldAgreement::kClose: {
      if (title.contained) return kTitleCloseFactor * agree;
      double along = (title.similarity - kTitleDisagreeSimilarity) /
                     (kTitleAgreeSimilarity - kTitleDisagreeSimilarity);
      return disagree + along * (kTitleCloseFactor * agree - disagree);
    }
    case FieldAgreement::kDisagree: return disagree;
    case FieldAgreement::kMissing: break;
  }
  return 0.0;
}

// The points of all fields together.
double evidence(const MatchScore& s, const TitleComparison& title, bool title_suspect) {
  auto agree = [](FieldAgreement a) { return a == FieldAgreement::kAgree; };
  auto disagree = [](FieldAgreement a) { return a == FieldAgreement::kDisagree; };
  bool same_page = agree(s.volume) && agree(s.first_page) && title_suspect;
  double total = title_points(title, same_page) + points(s.identifier, kIdentifierWeight) +
                 points(s.first_author, kAuthorWeight) + points(s.year, kYearWeight) +
                 points(s.container, kContainerWeight) + points(s.first_page, kPageWeight);
  total += agree(s.volume) && agree(s.year) ? kVolumeWithYear : points(s.volume, kVolumeWeight);
  if (disagree(s.volume) && (disagree(s.first_page) || disagree(s.container)))
    total += kOtherPrinting;
  if (s.cites_notice) total += kCitesNotice;
  return total;
}

// What score_candidate needs of a reference, computed once per reference.
struct PreparedReference {
  const Reference* ref;
  std::vector<std::string> title_words;         // content words of the parsed title
  std::vector<std::string> title_as_container;  // the parsed title read as a journal name
  std::vector<std::string> container;           // the parsed journal name's words
  std::vector<std::string> family;              // the first author's family name's words
  std::vector<std::string> entry_words;         // content words of the whole entry, numbers kept
  std::vector<std::string>
      entry_pages;             // page_key of each entry word; empty for words without digits
  bool title_suspect = false;  // the parsed title holds authors or numbers
};

// What score_prepared needs of a work, computed once per candidate.
struct PreparedWork {
  std::vector<std::string> title;   // content words
  Names containers;                 // ISO/NLM abbreviation and full name, as container_words
  std::vector<std::string> family;  // the first author's, unless a group
};

PreparedWork prepare(const Work& work) {
  PreparedWork p;
  if (work.title) p.title = content_words(*work.title);
  for (const auto* name : {&work.container_short, &work.container})
    if (*name) p.containers.push_back(container_words(**name));
  if (!work.authors.empty()) p.family = family_words(work.authors.front().family);
  return p;
}

// A parsed title that holds an author list ("R., Goffredo, D., Conti, L.")
// or a journal's numbers ("Neuron 52, 831-843", "(2001) Nat") rather than a
// title.
bool looks_misparsed(std::string_view title) {
  std::vector<std::string> words = schema::folded_words(title);
  if (words.size() < 3) return true;
  std::size_t initials = 0;
  std::size_t numbers = 0;
  for (const std::string& w : words) {
    initials += w.size() == 1 && !(w[0] >= '0' && w[0] <= '9');
    numbers += w.find_first_of("0123456789") != std::string::npos;
  }
  return initials * 4 >= words.size() || numbers * 3 >= words.size();
}

PreparedReference prepare(const Reference& ref) {
  PreparedReference p{&ref, {}, {}, {}, {}, {}, {}, false};
  if (ref.title) {
    p.title_words = content_words(*ref.title);
    p.title_as_container = container_words(*ref.title);
    p.title_suspect = looks_misparsed(*ref.title);
  }
  if (ref.container) p.container = container_words(*ref.container);
  if (!ref.authors.empty()) p.family = family_words(ref.authors.front().family);
  p.entry_words = content_words(ref.raw);
  p.entry_pages.reserve(p.entry_words.size());
  for (const std::string& word : p.entry_words)
    p.entry_pages.push_back(word.find_first_of("0123456789") == std::string::npos ? std::string()
                                                                                  : page_key(word));
  return p;
}

bool is_number(std::string_view word) {
  return !word.empty() &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// ---- the entry as written ----
// The parser sometimes puts a field in the wrong slot (a title-less entry's
// journal as its title, "Nature 547, 185-190" as the journal) or misses it.
// A field left empty or disagreeing is then looked for in the entry itself,
// in a form that chance rarely produces. It can only agree this way.

// The work's title words, all of them and in order, within the entry.
bool title_in_entry(const std::vector<std::string>& entry, const std::vector<std::string>& title) {
  constexpr std::size_t kMinWords = 3;  // shorter titles turn up inside other titles
  if (title.size() < kMinWords || title.size() > entry.size()) return false;
  return std::search(entry.begin(), entry.end(), title.begin(), title.end()) != entry.end();
}

// The work's first author among the first words of the entry.
bool author_in_entry(const std::vector<std::string>& entry,
                     const std::vector<std::string>& family) {
  constexpr std::ptrdiff_t kLeadingWords = 4;  // room for a particle or an initial before it
  if (family.empty()) return false;
  auto end = entry.begin() + std::min<std::ptrdiff_t>(kLeadingWords, std::ssize(entry));
  return std::search(entry.begin(), end, family.begin(), family.end()) != end;
}

// The work's journal right before a number (its year or volume), as
// journals stand in references: "Nature 547", "Science. 2010".
bool container_in_entry(const std::vector<std::string>& entry,
                        const std::vector<std::string>& name) {
  constexpr std::size_t kLongestName = 10;
  if (name.empty()) return false;
  for (std::size_t end = 1; end < entry.size(); ++end) {
    if (!is_number(entry[end])) continue;
    for (std::size_t len = 1; len <= std::min(end, kLongestName); ++len) {
      Words window(entry.data() + (end - len), len);
      if (is_number(window.front())) break;
      // An abbreviation keeps the first letter of what it abbreviates.
      if (window.front()[0] != name.front()[0]) continue;
      if (same_container_words(window, name)) return true;
    }
  }
  return false;
}

// A first page as a number of the entry; with its volume when the volume
// stands just before it ("52, 831-843", "328(5979):753-6").
struct NumbersFound {
  bool volume = false;
  bool first_page = false;
};
NumbersFound numbers_in_entry(const PreparedReference& p, std::string_view volume,
                              std::string_view first_page) {
  const std::vector<std::string>& entry = p.entry_words;
  NumbersFound found;
  std::string page = page_key(first_page);
  // "1", "e1" and "S2" are everywhere.
  if (std::count_if(page.begin(), page.end(), [](char c) { return c >= '0' && c <= '9'; }) < 2)
    return found;
  std::string volume_number = volume_key(volume);
  for (std::size_t i = 0; i < entry.size(); ++i) {
    if (p.entry_pages[i].empty() || !same_page_key(p.entry_pages[i], page)) continue;
    found.first_page = true;
    for (std::size_t back = 1; back <= 2 && back <= i; ++back)
      if (!volume_number.empty() && is_number(entry[i - back]) &&
          volume_key(entry[i - back]) == volume_number)
        found.volume = true;
  }
  return found;
}

// ---- notices ----

// Volume and first page of a PubMed notice label: "Neuron. 2018 Jun
// 27;98(6):1294. doi: …" -> {"98", "1294"}.
std::optional<std::pair<std::string, std::string>> notice_volume_page(std::string_view label) {
  std::size_t semi = label.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  std::size_t colon = label.find(':', semi);
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view volume = label.substr(semi + 1, label.find_first_of("(:", semi + 1) - semi - 1);
  std::string_view page = label.substr(colon + 1);
  page = page.substr(0, page.find_first_of("-.,; "));
  if (volume.empty() || page.empty()) return std::nullopt;
  return std::make_pair(std::string(volume), std::string(page));
}

// True when the reference gives the volume and page of a correction or
// comment on the work rather than the work's own: such a notice is titled
// after the work, but it is another record.
bool cites_notice(const PreparedReference& p, const Work& work) {
  const Reference& ref = *p.ref;
  std::string own_page = work.first_page ? page_key(*work.first_page) : std::string();
  for (const schema::UpdateNotice& notice : work.notices) {
    if (notice.direction != "updated-by") continue;
    auto cited = notice_volume_page(notice.label);
    if (!cited || same_page_key(page_key(cited->second), own_page)) continue;
    bool same_volume = !ref.volume || volume_key(*ref.volume) == volume_key(cited->first);
    if (ref.first_page && same_page_key(page_key(*ref.first_page), page_key(cited->second)) &&
        same_volume)
      return true;
    NumbersFound found = numbers_in_entry(p, cited->first, cited->second);
    if (found.first_page && found.volume) return true;
  }
  return false;
}

FieldAgreement compare_first_author(const PreparedReference& p, const PreparedWork& pw,
                                    const Work& work) {
  FieldAgreement agreement = compare_families(p.family, pw.family);
  // A group is cited under many names (its own, its chair's): no evidence against.
  if (agreement == FieldAgreement::kDisagree && work.authors.front().collective)
    return FieldAgreement::kMissing;
  return agreement;
}

FieldAgreement compare_container(const PreparedReference& p, const PreparedWork& pw) {
  if (p.container.empty() || pw.containers.empty()) return FieldAgreement::kMissing;
  return names_a_container(p.container, pw.containers) ? FieldAgreement::kAgree
                                                       : FieldAgreement::kDisagree;
}

bool unsettled(FieldAgreement a) {
  return a == FieldAgreement::kMissing || a == FieldAgreement::kDisagree;
}

MatchScore score_prepared(const PreparedReference& p, const Work& work) {
  const Reference& ref = *p.ref;
  PreparedWork pw = prepare(work);
  MatchScore s;
  TitleComparison title;
  if (!p.title_words.empty()) {
    title = compare_titles(p.title_words, pw.title);
    for (const std::string& other : work.other_titles) {
      TitleComparison t = compare_titles(p.title_words, content_words(other));
      if (t.similarity > title.similarity) title = t;
    }
  }
  s.identifier = compare_identifiers(ref, work);
  s.first_author = compare_first_author(p, pw, work);
  s.year = compare_years(ref.year, work.year);
  s.container = compare_container(p, pw);
  s.volume = compare_volumes(ref.volume, work.volume);
  s.first_page = compare_pages(ref.first_page, work.first_page);

  if (unsettled(title.agreement) && !is_notice_title(p.title_words) &&
      title_in_entry(p.entry_words, pw.title)) {
    title.agreement = FieldAgreement::kAgree;
    title.matched = pw.title.size();
  }
  // A title-less entry whose journal the parser took for the title.
  if (title.agreement == FieldAgreement::kDisagree &&
      names_a_container(p.title_as_container, pw.containers)) {
    title = TitleComparison{};
    s.container = FieldAgreement::kAgree;
  }
  if (unsettled(s.first_author) && author_in_entry(p.entry_words, pw.family))
    s.first_author = FieldAgreement::kAgree;
  if (unsettled(s.container) &&
      std::any_of(pw.containers.begin(), pw.containers.end(),
                  [&](const auto& name) { return container_in_entry(p.entry_words, name); }))
    s.container = FieldAgreement::kAgree;
  // Numbers the parser found and that differ are not second-guessed: an
  // entry holds many numbers.
  if (s.first_page == FieldAgreement::kMissing) {
    NumbersFound found =
        numbers_in_entry(p, work.volume.value_or(""), work.first_page.value_or(""));
    if (found.first_page) s.first_page = FieldAgreement::kAgree;
    if (found.volume && s.volume == FieldAgreement::kMissing) s.volume = FieldAgreement::kAgree;
  }
  s.title_similarity = title.similarity;
  s.title = title.agreement;
  s.cites_notice = s.first_page != FieldAgreement::kAgree && cites_notice(p, work);
  s.score = 1.0 / (1.0 + std::exp(-(evidence(s, title, p.title_suspect) - kEvenPoints)));
  return s;
}

}  // namespace

MatchScore score_candidate(const Reference& reference, const Work& work) {
  return score_prepared(prepare(reference), work);
}

bool same_container(std::string_view a, std::string_view b) {
  return same_container_words(container_words(a), container_words(b));
}

MatchResult match_reference(const Reference& reference, const std::vector<const Work*>& candidates,
                            const MatchOptions& options) {
  PreparedReference prepared = prepare(reference);
  std::vector<ScoredCandidate> scored;
  scored.reserve(candidates.size());
  for (const Work* work : candidates)
    if (work) scored.push_back({work, score_prepared(prepared, *work)});
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.score.score > b.score.score; });

  MatchResult result;
  if (scored.empty()) return result;
  result.score = scored[0].score.score;
  bool tied = scored.size() > 1 && scored[1].score.score > result.score - options.tie_margin;
  if (result.score >= options.match_threshold && !tied) {
    result.status = MatchStatus::kMatched;
    result.work = scored[0].work;
  } else if (result.score >= options.ambiguous_threshold) {
    result.status = MatchStatus::kAmbiguous;
  }
  if (scored.size() > options.max_candidates) scored.resize(options.max_candidates);
  result.candidates = std::move(scored);
  return result;
}

}  // namespace litgraph::crawlers
