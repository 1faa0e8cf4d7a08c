// Field extraction for one reference entry. Each citation style has its own
// small parser; all of them read the source part (container, volume, issue,
// pages) from the right, so that a title with commas or full stops inside it
// still comes out whole. Entries of no named style are read in the order most
// of them share: authors, title, source.
#include <algorithm>
#include <utility>

#include "citation_text.h"
#include "reference_parser_internal.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/schema/identifiers.h"
#include "litgraph/schema/pages.h"

namespace litgraph::crawlers {

using schema::Author;
using schema::CitationStyle;
using schema::Reference;
using namespace internal;

namespace {

constexpr std::string_view kOpenQuote = "\u201C";
constexpr std::string_view kCloseQuote = "\u201D";
constexpr std::string_view kOpenGuillemet = "\u00AB";
constexpr std::string_view kCloseGuillemet = "\u00BB";

std::optional<std::string> non_empty(std::string_view text) {
  text = trim_chars(text, ".,;:");
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

void set_title(Reference& ref, std::string_view title) {
  title = trim(title);
  while (!title.empty() && (title.back() == '.' || title.back() == ',' || title.back() == ' '))
    title.remove_suffix(1);
  if (title.size() >= 2 && title.front() == '\'' && title.back() == '\'')
    title = title.substr(1, title.size() - 2);
  ref.title = non_empty(title);
}

// ---------------------------------------------------------------- pages

// "856-64" -> 856, 864; "e26-32" -> e26, e32; "S12-S20"; "25535" -> 25535.
// An article number stands in for pages: "Article 6431", "Art. no. 710338".
void set_pages(Reference& ref, std::string_view text) {
  text = trim_chars(text, ".,;:");
  for (std::string_view prefix : {"pp.", "pp", "p.", "p ", "article no.", "article number",
                                  "article", "art. no."})
    if (istarts_with(text, prefix)) {
      text = trim(text.substr(prefix.size()));
      break;
    }
  if (text.empty() || text.size() > 30) return;
  std::size_t dash = text.find('-');
  std::string_view first = trim(text.substr(0, dash));
  std::string_view last = dash == std::string_view::npos ? "" : trim(text.substr(dash + 1));
  if (!schema::is_page_token(first) || (dash != std::string_view::npos && !schema::is_page_token(last)))
    return;
  ref.pages = dash == std::string_view::npos ? std::string(first)
                                             : std::string(first) + "-" + std::string(last);
  ref.first_page = std::string(first);
  if (!last.empty()) ref.last_page = schema::expand_last_page(first, last);
}

bool looks_like_pages(std::string_view text) {
  Reference probe;
  set_pages(probe, text);
  return probe.first_page.has_value();
}

// "43(5)" -> volume 43, issue 5; "63" -> volume 63; "Suppl 2" stays volume.
void set_volume_issue(Reference& ref, std::string_view text) {
  text = trim_chars(text, ".,;:");
  std::size_t open = text.find('(');
  if (open != std::string_view::npos) {
    std::size_t close = text.find(')', open);
    ref.issue = non_empty(text.substr(open + 1, close == std::string_view::npos
                                                    ? std::string_view::npos
                                                    : close - open - 1));
    text = trim(text.substr(0, open));
  }
  ref.volume = non_empty(text);
}

bool is_volume_token(std::string_view text) {
  text = trim_chars(text, ".,;:");
  std::size_t open = text.find('(');
  std::string_view number = trim(text.substr(0, open));
  if (number.empty() || number.size() > 6) return false;
  return std::all_of(number.begin(), number.end(), is_digit);
}

// ---------------------------------------------------------------- names

bool is_particle(std::string_view word) {
  for (std::string_view p : {"van", "von", "der", "den", "de", "del", "della", "la", "le", "du",
                             "di", "da", "dos", "das", "ten", "ter", "bin", "al", "el", "st",
                             "st.", "mc"})
    if (iequals(word, p)) return true;
  return false;
}

bool is_suffix(std::string_view word) {
  word = trim_chars(word, ".,");
  for (std::string_view s : {"Jr", "Sr", "II", "III", "IV", "2nd", "3rd"})
    if (word == s) return true;
  return false;
}

bool is_et_al(std::string_view text) {
  text = trim_chars(text, ".,;");
  return iequals(text, "et al") || iequals(text, "et. al") || iequals(text, "and others") ||
         iequals(text, "et al.");
}

// Cuts "et al." off an author: "Cohen, S.P. et al", "Fromer M.et al".
// Returns whether there was one.
bool cut_et_al(std::string_view& part) {
  std::size_t et = part.find("et al");
  if (et == std::string_view::npos || et == 0 || (part[et - 1] != ' ' && part[et - 1] != '.'))
    return false;
  part = trim(part.substr(0, part[et - 1] == ' ' ? et - 1 : et));
  return true;
}

// Drops the period that ends an author list, unless it also ends an initial:
// "Krystal, John H." keeps "John H.".
std::string_view without_final_period(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.back() != '.') return text;
  std::size_t n = text.size();
  bool initial = n >= 2 && is_upper(text[n - 2]) && (n == 2 || !is_alpha(text[n - 3]));
  return initial ? text : text.substr(0, n - 1);
}

// "Eija Anneli Kalso" or "A. B. van der Berg Jr." -> family + given.
Author natural_order_name(std::string_view text) {
  Author author;
  std::vector<std::string_view> words;
  for (auto word : split(trim_chars(text, ".,"), " "))
    if (!trim(word).empty()) words.push_back(trim(word));
  if (!words.empty() && is_suffix(words.back())) {
    author.suffix = std::string(trim_chars(words.back(), ".,"));
    words.pop_back();
  }
  if (words.empty()) return author;
  std::size_t family_start = words.size() - 1;
  while (family_start > 1 && is_particle(words[family_start - 1])) --family_start;
  // "St Pierre" style family names begin with a particle right after the given names.
  for (std::size_t i = family_start; i < words.size(); ++i) {
    if (!author.family.empty()) author.family += ' ';
    author.family += words[i];
  }
  for (std::size_t i = 0; i < family_start; ++i) {
    if (!author.given.empty()) author.given += ' ';
    author.given += words[i];
  }
  author.given = std::string(trim_chars(author.given, ","));
  return author;
}

// Turns the "&" or "and" before the last author into ", ". Only after
// initials: in "Substance Abuse and Mental Health Services Administration" the
// "and" belongs to the name.
void replace_author_joiners(std::string& list) {
  for (std::string_view joiner : {", & ", ", and ", " & ", " and "}) {
    for (std::size_t at = list.find(joiner); at != std::string::npos;
         at = list.find(joiner, at + 1)) {
      std::string_view before = trim_chars(std::string_view(list).substr(0, at), ",");
      std::string_view last = before.substr(before.rfind(' ') + 1);
      if (is_initials(last) || is_suffix(last)) list.replace(at, joiner.size(), ", ");
    }
  }
}

// Author lists of the form "Family, I. I., Family, I., & Family, I." (APA,
// Harvard, Nature). Returns false if the text is not such a list.
bool parse_inverted_initials(std::string_view text, Reference& ref) {
  std::string list(trim(text));
  bool et_al = false;
  // APA 6 cuts a long list with an ellipsis before the last author.
  for (std::string_view ellipsis : {". . . ", "\u2026 "}) {
    for (std::size_t at; (at = list.find(ellipsis)) != std::string::npos;) {
      list.erase(at, ellipsis.size());
      et_al = true;
    }
  }
  replace_author_joiners(list);
  std::vector<Author> authors;
  auto parts = split(list, ", ");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = trim_chars(parts[i], ",");
    if (part.empty()) continue;
    if (is_et_al(part)) {
      et_al = true;
      continue;
    }
    if (cut_et_al(part)) et_al = true;
    // Before the initials test: "Jr." would pass for an initial like "Ch.".
    if (is_suffix(part) && !authors.empty()) {
      authors.back().suffix = std::string(trim_chars(part, ".,"));
      continue;
    }
    // Nature puts the suffix after the initials without a comma: "C. A. Jr".
    std::string_view suffix;
    if (std::size_t space = part.rfind(' ');
        space != std::string_view::npos && is_suffix(part.substr(space + 1))) {
      suffix = trim_chars(part.substr(space + 1), ".");
      part = trim(part.substr(0, space));
    }
    if (is_initials(part)) {
      if (authors.empty() || !authors.back().given.empty()) return false;
      authors.back().given = std::string(part);
      authors.back().suffix = std::string(suffix);
      continue;
    }
    if (!suffix.empty()) return false;
    if (!authors.empty() && authors.back().given.empty()) return false;
    Author author;
    author.family = std::string(trim_chars(part, ".,"));
    authors.push_back(std::move(author));
  }
  if (authors.empty()) return false;
  if (authors.back().given.empty() && authors.size() > 1) {
    // A group may close a list of persons ("…, & the APA Council of Research");
    // otherwise a name without initials is allowed only alone.
    std::string_view group = authors.back().family;
    auto words = split(group, " ");
    bool function_word = std::any_of(words.begin(), words.end(), [](std::string_view word) {
      return !word.empty() && is_lower(word[0]);
    });
    if (!function_word && words.size() < 4) return false;
  }
  ref.authors = std::move(authors);
  ref.et_al = ref.et_al || et_al;
  return true;
}

// "Zarate CA Jr", "de la Macorra JC", "Lambert J.-C.", "Kwiatkowski T. J." or
// a group: the initials are the last word, or the last dotted words.
Author vancouver_name(std::string_view text) {
  Author author;
  std::vector<std::string_view> words;
  for (auto word : split(text, " "))
    if (!word.empty()) words.push_back(word);
  if (words.size() > 1 && is_suffix(words.back())) {
    author.suffix = std::string(trim_chars(words.back(), "."));
    words.pop_back();
  }
  std::size_t given_start = words.size();
  while (given_start > 1) {
    std::string_view word = words[given_start - 1];
    bool dotted = word.find('.') != std::string_view::npos;
    if (!is_initials(word) && !is_vancouver_initials(trim_chars(word, "."))) break;
    if (given_start < words.size() && !dotted) break;  // only dotted initials repeat
    --given_start;
    if (!dotted) break;
  }
  auto join = [&](std::size_t from, std::size_t to) {
    std::string joined;
    for (std::size_t i = from; i < to; ++i) {
      if (!joined.empty()) joined += ' ';
      joined += words[i];
    }
    return joined;
  };
  author.family = std::string(trim_chars(join(0, given_start), "."));
  author.given = join(given_start, words.size());
  // "JB." and "J." end the list with a period; "J.-C." and "T. J." are dotted.
  if (std::count(author.given.begin(), author.given.end(), '.') == 1 &&
      author.given.back() == '.')
    author.given.pop_back();
  return author;
}

// Adds the names of an author list cut into parts: "et al." marks the list
// as cut, a suffix ("Jr") belongs to the name before it.
template <typename NameParser>
void add_author_parts(const std::vector<std::string_view>& parts, Reference& ref, NameParser parse_name) {
  for (auto part : parts) {
    part = trim(part);
    if (part.empty()) continue;
    if (is_et_al(part)) {
      ref.et_al = true;
      continue;
    }
    if (cut_et_al(part)) ref.et_al = true;
    if (is_suffix(part) && !ref.authors.empty()) {
      ref.authors.back().suffix = std::string(trim_chars(part, ".,"));
      continue;
    }
    ref.authors.push_back(parse_name(part));
  }
}

// "Zarate CA, Jr., Singh JB, de la Macorra JC, et al" (Vancouver, AMA), and
// the forms PubMed records mix with Nature sources: "Braak H & Braak E",
// "Jack CR Jr et al".
void parse_vancouver_authors(std::string_view text, Reference& ref) {
  std::string list(trim_chars(text, ","));
  replace_author_joiners(list);
  add_author_parts(split(list, ","), ref, vancouver_name);
}

// A name has initials and a short family name of capitalised words or
// particles; "Cardiac risk and schizophrenia. J." is a title.
bool is_person(const Author& author) {
  auto words = split(author.family, " ");
  auto name_word = [](std::string_view word) {
    return is_particle(word) || (!word.empty() && !is_lower(word[0]) && word.back() != '.');
  };
  return !author.given.empty() && words.size() <= 4 &&
         std::all_of(words.begin(), words.end(), name_word);
}

// "Bell, Rae Frances, and Eija Anneli Kalso" / "Cohen, Steven P., et al."
// (MLA, Chicago): the first name inverted, the others in natural order.
void parse_mla_authors(std::string_view text, Reference& ref) {
  std::string list(without_final_period(trim_chars(text, ",")));
  for (std::string_view joiner : {", and ", " and "}) {
    for (std::size_t at; (at = list.find(joiner)) != std::string::npos;)
      list.replace(at, joiner.size(), ", ");
  }
  auto parts = split(list, ", ");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = trim(parts[i]);
    if (part.empty()) continue;
    if (is_et_al(part)) {
      ref.et_al = true;
      continue;
    }
    if (i == 0) {
      Author first;
      first.family = std::string(trim_chars(part, "."));
      if (parts.size() > 1 && !is_et_al(parts[1])) {
        std::string_view given = trim(parts[1]);
        if (is_suffix(given)) {
          first.suffix = std::string(trim_chars(given, ".,"));
        } else {
          first.given = std::string(trim_chars(given, ","));
        }
        ++i;
      }
      ref.authors.push_back(std::move(first));
      continue;
    }
    if (is_suffix(part) && !ref.authors.empty()) {
      ref.authors.back().suffix = std::string(trim_chars(part, ".,"));
      continue;
    }
    ref.authors.push_back(natural_order_name(part));
  }
}

// "A. B. Family, C. Family, and D. Family" (IEEE).
void parse_natural_authors(std::string_view text, Reference& ref) {
  std::string list(trim_chars(text, ".,"));
  for (std::string_view joiner : {", and ", ", & ", " and ", " & "}) {
    for (std::size_t at; (at = list.find(joiner)) != std::string::npos;)
      list.replace(at, joiner.size(), ", ");
  }
  add_author_parts(split(list, ", "), ref, natural_order_name);
}

// The authors before a date or a quoted title, in whichever form they come:
// "Family, I. & Family, I." (APA, Harvard), Vancouver names ("Heath SC",
// "Forsé M.", as Springer and French lists give them), initials first ("S. E.
// Conry, K. Kuwabara and R. A. Meyer"), one organisation or MLA's "Family,
// Given, and Given Family".
void parse_leading_names(std::string_view text, Reference& ref) {
  auto all_persons = [](const Reference& r) {
    return !r.authors.empty() && std::all_of(r.authors.begin(), r.authors.end(), is_person);
  };
  auto take = [&ref](Reference& from) {
    ref.authors = std::move(from.authors);
    ref.et_al = ref.et_al || from.et_al;
  };
  Reference inverted;
  bool inverted_parsed = parse_inverted_initials(text, inverted);
  if (inverted_parsed && all_persons(inverted)) {
    take(inverted);
    return;
  }
  Reference vancouver;
  parse_vancouver_authors(text, vancouver);
  if (all_persons(vancouver)) {
    take(vancouver);
    return;
  }
  Reference natural;
  if (is_initials(text.substr(0, text.find(' ')))) parse_natural_authors(text, natural);
  if (all_persons(natural)) {
    take(natural);
  } else if (inverted_parsed) {
    take(inverted);  // "American Psychiatric Association"
  } else {
    parse_mla_authors(text, ref);
  }
}

// "U.S", "e.g", "i.e" (the final period already cut off): letters joined by periods.
bool is_dotted_acronym(std::string_view word) {
  if (word.size() < 3) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (i % 2 == 0 ? !is_alpha(word[i]) : word[i] != '.') return false;
  return true;
}

}  // namespace

namespace internal {

// Position of the first ". " (or "? ", "! ") at or after `from` that ends a
// sentence rather than an initial ("S. P.") or a common abbreviation.
std::size_t sentence_end(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '.' && c != '?' && c != '!') continue;
    if (text[i + 1] != ' ') continue;
    if (c == '.') {
      std::size_t word_start = text.rfind(' ', i);
      word_start = word_start == std::string_view::npos ? 0 : word_start + 1;
      std::string_view word = text.substr(word_start, i - word_start);
      if (word.size() == 1 && is_upper(word[0])) continue;  // an initial
      if (is_dotted_acronym(word)) continue;                 // "U.S.", "e.g."
      if (iequals(word, "vs") || iequals(word, "no") || iequals(word, "vol") ||
          iequals(word, "al"))
        continue;
    }
    return i;
  }
  return std::string_view::npos;
}

}  // namespace internal

namespace {

// ---------------------------------------------------------------- sources

// One word of a source: "33(8)", "pp", "103-111", "(July / August 1992)",
// "Communications", without the mark that follows it.
struct SourceWord {
  std::string_view text;
  std::size_t start = 0;  // position in the source
  char mark = ' ';        // ',', ';', ':' or '.' right after the word, else ' '
};

// "12", "e26", "S12", "B39", "2018a" or a range of them ("103-111",
// "A67-A82", "3/4"): at most one letter before the digits.
bool is_number_word(std::string_view word) {
  auto number = [](std::string_view part) {
    std::size_t i = 0;
    if (i < part.size() && is_alpha(part[i])) ++i;
    std::size_t digits = i;
    while (i < part.size() && is_digit(part[i])) ++i;
    if (i == digits || i - digits > 9) return false;
    if (i < part.size() && is_lower(part[i])) ++i;
    return i == part.size();
  };
  std::size_t dash = word.find_first_of("-/");
  if (dash == std::string_view::npos) return number(word);
  return number(word.substr(0, dash)) && number(word.substr(dash + 1));
}

bool is_range(std::string_view word) { return word.find('-') != std::string_view::npos; }

enum class SourceLabel { kNone, kVolume, kIssue, kPages };

// "vol", "no.", "pp", "pages", "n°" … (the period already cut off).
SourceLabel label_of(std::string_view word) {
  for (std::string_view volume : {"vol", "vols", "volume", "v", "bd"})
    if (iequals(word, volume)) return SourceLabel::kVolume;
  for (std::string_view issue : {"no", "nos", "n", "nr", "issue", "heft", "n\u00B0", "fasc"})
    if (iequals(word, issue)) return SourceLabel::kIssue;
  for (std::string_view pages : {"pp", "p", "pg", "pgs", "page", "pages", "art", "article"})
    if (iequals(word, pages)) return SourceLabel::kPages;
  return SourceLabel::kNone;
}

// Splits a label glued to its value: "pp.521-546", "v.13", "n°110".
std::pair<std::string_view, std::string_view> split_glued_label(std::string_view word) {
  std::size_t at = word.find('.');
  std::size_t skip = 1;
  if (std::size_t degree = word.find("\u00B0"); degree != std::string_view::npos) {
    at = degree + 2;
    skip = 0;
  }
  if (at == std::string_view::npos || at + skip >= word.size()) return {};
  std::string_view label = word.substr(0, at);
  std::string_view value = word.substr(at + skip);
  if (label_of(label) == SourceLabel::kNone || !is_number_word(value)) return {};
  return {label, value};
}

// "33(8)", "81(4):044005", "61:748-760", "5(3-4)": a volume with an issue or pages.
bool is_volume_compound(std::string_view word) {
  std::size_t open = word.find('(');
  std::size_t colon = word.find(':');
  std::size_t end = std::min(open, colon);
  if (end == std::string_view::npos || end == 0 || !is_number_word(word.substr(0, end)))
    return false;
  if (open != std::string_view::npos && word.find(')', open) == std::string_view::npos)
    return false;
  if (colon != std::string_view::npos && colon + 1 < word.size() &&
      !is_number_word(word.substr(colon + 1)))
    return false;
  return true;
}

bool is_parenthesised(std::string_view word) {
  return word.size() > 2 && word.front() == '(' && word.back() == ')';
}

// "July", "Sept.", "July-August", "Jan./Feb.": a month or a span of months.
bool is_date_word(std::string_view word) {
  std::size_t joint = word.find_first_of("-/");
  if (joint == std::string_view::npos) return is_month_word(word);
  return is_month_word(word.substr(0, joint)) && is_month_word(word.substr(joint + 1));
}

// A word that belongs to a source's numbers and date rather than to its title.
bool is_source_element(std::string_view word) {
  if (word.empty()) return false;
  if (is_parenthesised(word)) {
    std::string_view inside = word.substr(1, word.size() - 2);
    return std::any_of(inside.begin(), inside.end(), is_digit) || is_month_word(inside);
  }
  return is_number_word(word) || is_volume_compound(word) || label_of(word) != SourceLabel::kNone ||
         !split_glued_label(word).first.empty() || is_date_word(word) || word == "-" ||
         word == "/";
}

// The words at the end of a source that belong to its numbers and date, in
// order; a parenthesis is one word with the spaces inside it.
std::vector<SourceWord> source_tail_words(std::string_view text) {
  std::vector<SourceWord> words;
  std::size_t end = text.size();
  while (end > 0) {
    if (text[end - 1] == ' ') {
      --end;
      continue;
    }
    std::size_t start = end;
    while (start > 0 && text[start - 1] != ' ') {
      std::size_t open =
          text[start - 1] == ')' ? text.rfind('(', start - 1) : std::string_view::npos;
      start = open == std::string_view::npos ? start - 1 : open;
    }
    SourceWord word{text.substr(start, end - start), start};
    while (!word.text.empty() && std::string_view(",;:.").find(word.text.back()) !=
                                     std::string_view::npos) {
      word.mark = word.text.back();
      word.text.remove_suffix(1);
    }
    if (!is_source_element(word.text)) break;
    words.push_back(word);
    end = start;
  }
  std::reverse(words.begin(), words.end());
  return words;
}

// A source read from the right: "Communications of the ACM, 33(8), 103-111,
// 1990", "Am J Hum Genet 61:748-760", "BioEssays 1992, 14:715-722", "Nat.
// Cell Biol. 2004, 6, 1054", "Biochem Biophys Res Commun, 1984. 123(1): p.
// 178-85", "Operations Research 36, 3 (1988), 454-469". Sets volume, issue,
// pages and, if it is unset, the year; returns where the numbers begin (the
// container ends there), npos if there are none.
std::size_t read_source_tail(std::string_view text, Reference& ref) {
  auto words = source_tail_words(text);
  if (words.empty()) return std::string_view::npos;

  std::vector<SourceWord> plain;  // numbers with no label, in order
  SourceLabel pending = SourceLabel::kNone;
  std::optional<int> year;
  // "15 March", "May 28": a day runs into its month with no mark between.
  auto is_day = [&](std::size_t i) {
    std::string_view word = words[i].text;
    return word.size() <= 2 && std::all_of(word.begin(), word.end(), is_digit) &&
           ((i + 1 < words.size() && words[i].mark == ' ' && is_date_word(words[i + 1].text)) ||
            (i > 0 && words[i - 1].mark == ' ' && is_date_word(words[i - 1].text)));
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view word = words[i].text;
    char mark = words[i].mark;
    if (auto [label, value] = split_glued_label(word); !label.empty()) {
      pending = label_of(label);
      word = value;
    }
    if (SourceLabel label = label_of(word); label != SourceLabel::kNone) {
      // "Art. no. 710338" numbers an article, not an issue.
      if (!(label == SourceLabel::kIssue && pending == SourceLabel::kPages)) pending = label;
      continue;
    }
    if (is_date_word(word) || word == "-" || word == "/" ||
        (pending == SourceLabel::kNone && is_day(i)))
      continue;
    if (is_parenthesised(word)) {
      // A date ("(1988)", "(Dec. 1995)") or an issue ("(5465)", "(2, 3, 4)",
      // "(Pt 17)", "(Suppl 1)").
      std::string_view inside = trim(word.substr(1, word.size() - 2));
      if (auto in_year = last_year(inside); in_year && inside.size() >= 4 &&
                                             (inside.size() == 4 || !is_digit(inside[0]) ||
                                              inside.find(' ') != std::string_view::npos)) {
        if (!year) year = in_year;
      } else if (!is_month_word(inside) && !ref.issue) {
        ref.issue = non_empty(inside);
        // "323 (7306): 208-9": the number before is the volume.
        if (!ref.volume && !plain.empty() && !is_range(plain.back().text)) {
          ref.volume = std::string(plain.back().text);
          plain.pop_back();
        }
      }
      if (mark == ':') pending = SourceLabel::kPages;
      continue;
    }
    if (is_volume_compound(word)) {
      std::size_t colon = word.find(':');
      set_volume_issue(ref, word.substr(0, colon));
      if (colon != std::string_view::npos && colon + 1 < word.size())
        set_pages(ref, word.substr(colon + 1));
      else if (mark == ':')
        pending = SourceLabel::kPages;
      continue;
    }
    switch (pending) {
      case SourceLabel::kVolume:
        ref.volume = std::string(word);
        break;
      case SourceLabel::kIssue:
        ref.issue = std::string(word);
        break;
      case SourceLabel::kPages:
        if (!ref.first_page) set_pages(ref, word);
        break;
      case SourceLabel::kNone:
        if (mark == ':' && !ref.volume) {  // "1951: 427-436"
          ref.volume = std::string(word);
          pending = SourceLabel::kPages;
          continue;
        }
        if (word.size() == 4 && is_year_at(word, 0) && !year) {
          year = std::stoi(std::string(word));
        } else {
          plain.push_back(words[i]);
        }
        break;
    }
    pending = SourceLabel::kNone;
  }
  // Plain numbers: the volume first, then the pages (the first range, else
  // the last number), an issue between them.
  std::size_t next = 0;
  if (!ref.volume && next < plain.size() && !is_range(plain[next].text))
    ref.volume = std::string(plain[next++].text);
  if (!ref.first_page && next < plain.size()) {
    std::size_t pages = plain.size() - 1;
    for (std::size_t i = next; i < plain.size(); ++i)
      if (is_range(plain[i].text)) {
        pages = i;
        break;
      }
    std::string_view range = plain[pages].text;
    // "ImageJ. 1997-2009": with no volume and no year, a span of years.
    if (!year && !ref.volume && range.size() == 9 && is_year_at(range, 0) && is_year_at(range, 5))
      year = std::stoi(std::string(range.substr(0, 4)));
    else
      set_pages(ref, range);
    if (!ref.issue && pages > next) ref.issue = std::string(plain[next].text);
  }
  // "JAMA Neurol. 2020:e202730" gives the year where the volume would be.
  if (!year && ref.volume && !ref.issue && ref.volume->size() == 4 && is_year_at(*ref.volume, 0))
    year = std::stoi(*ref.volume);
  if (!ref.year) ref.year = year;
  return words.front().start;
}

// Position of the last ". " or "? ", which ends the title when the journal
// follows; npos if none.
std::size_t last_sentence_break(std::string_view text) {
  for (std::size_t i = text.size(); i-- > 0;)
    if ((text[i] == '.' || text[i] == '?') && i + 1 < text.size() && text[i + 1] == ' ')
      return i;
  return std::string_view::npos;
}

// An ISO 4 abbreviation is capitalised and cut after a consonant or an "i"
// ("J.", "Anesth.", "Neurosci.", "Psychopharmacol."); an acronym ("PTSD."), a
// place ("China.") or a whole word ("Memory.") is not.
bool is_iso4_abbreviation(std::string_view word) {
  if (word.size() < 2 || word.back() != '.') return false;
  std::string_view stem = word.substr(0, word.size() - 1);
  return stem.size() <= 22 && is_upper(stem[0]) &&
         std::none_of(stem.begin() + 1, stem.end(), is_upper) &&
         (stem.size() == 1 ||
          std::string_view("aeouy").find(stem.back()) == std::string_view::npos);
}

// The small words of journal names: "Communications of the ACM", "Journal
// on Selected Areas", "Revue de la Recherche".
bool is_journal_function_word(std::string_view word) {
  for (std::string_view small : {"&", "of", "in", "and", "the", "on", "for", "de", "la", "et",
                                 "der", "des", "du", "di", "y", "f\u00FCr"})
    if (word == small) return true;
  return false;
}

// The words that most journal names open with.
bool opens_journal_name(std::string_view word) {
  for (std::string_view opener : {"Journal", "J.", "Proceedings", "Proc.", "Transactions",
                                  "Trans.", "Annals", "Ann.", "Archives", "Arch.", "Bulletin",
                                  "Bull.", "Acta", "Review", "Reviews", "Letters", "IEEE", "ACM",
                                  "SIAM", "International", "Int."})
    if (word == opener) return true;
  return false;
}

// Where the journal begins in Nature's "Title. J. Abbrev. Med.": walking back
// over the journal's words to the sentence end that closes the title.
std::size_t nature_journal_start(std::string_view middle) {
  std::size_t journal_start = middle.size();
  std::size_t pos = middle.size();
  bool title_end_found = false;
  std::size_t leftmost_abbreviation_end = std::string_view::npos;
  while (pos > 0) {
    std::size_t sp = middle.rfind(' ', pos - 1);
    std::size_t word_start = sp == std::string_view::npos ? 0 : sp + 1;
    std::string_view word = middle.substr(word_start, pos - word_start);
    char before_word = word_start >= 2 ? middle[word_start - 2] : ' ';
    // "eLife", "mBio": lower case first, capital inside; "Science (80-.)" as
    // PubMed records print it, but not the date of "Selkoe, D. J. (1999) Neuron".
    bool journal_word =
        !word.empty() && (is_upper(word[0]) || is_journal_function_word(word) ||
                          (word[0] == '(' && !first_year(word)) ||
                          std::any_of(word.begin(), word.end(), is_upper));
    if (!journal_word) {
      title_end_found = !word.empty() && word.back() == ',';  // "…transition, Phys. Rev."
      break;
    }
    journal_start = word_start;
    // A comma before an abbreviated journal ends the title: "…Theories, J.
    // Symbolic Logic"; journals written out may hold commas ("Systems, Man,
    // and Cybernetics").
    if (before_word == '?' || (before_word == ',' && is_iso4_abbreviation(word))) {
      title_end_found = true;
      break;
    }
    if (before_word == '.') {
      std::size_t prev_start = middle.rfind(' ', word_start - 2);
      prev_start = prev_start == std::string_view::npos ? 0 : prev_start + 1;
      if (!is_iso4_abbreviation(middle.substr(prev_start, word_start - 1 - prev_start))) {
        title_end_found = true;
        break;
      }
      leftmost_abbreviation_end = word_start;
    }
    if (sp == std::string_view::npos) break;
    pos = sp;
  }
  if (title_end_found) return journal_start;
  // "Neurosci. Lett." alone: a source cited without a title.
  if (journal_start == 0 && is_iso4_abbreviation(middle.substr(0, middle.find(' ')))) return 0;
  // A title in Title Case ("… Transgenic Mouse Model. JAMA Neurol") walks on
  // into the title, a journal in lower case ("Frontiers in neuroscience") stops
  // the walk at once; the title then ends at its last period.
  if (leftmost_abbreviation_end != std::string_view::npos) return leftmost_abbreviation_end;
  std::size_t cut = last_sentence_break(middle);
  if (journal_start == middle.size() && cut != std::string_view::npos) return cut + 2;
  // All of it in Title Case: the journal follows a comma, the first one before
  // a word that opens journal names ("…Satisfaction, IEEE Transactions on
  // Systems, Man, and Cybernetics"), else the last ("…Golgi Apparatus,
  // Science (80-.)").
  if (journal_start != 0) return journal_start;
  std::size_t last_comma = std::string_view::npos;
  for (std::size_t comma = middle.find(", "); comma != std::string_view::npos;
       comma = middle.find(", ", comma + 1)) {
    std::string_view next = middle.substr(comma + 2);
    if (opens_journal_name(next.substr(0, next.find(' ')))) return comma + 2;
    last_comma = comma;
  }
  return last_comma == std::string_view::npos ? 0 : last_comma + 2;
}

// Moves the volume, issue and pages that read_source_tail() found.
void take_numbers(Reference& from, Reference& to) {
  to.volume = std::move(from.volume);
  to.issue = std::move(from.issue);
  to.pages = std::move(from.pages);
  to.first_page = std::move(from.first_page);
  to.last_page = std::move(from.last_page);
}

// "Title. Journal 61:748-760" and the like, whose source read_source_tail()
// has read into `source` and found to begin at `tail`: the journal is told
// from the title as in Nature. Sets the year only if it is unset; false, with
// `ref` untouched, if the title or the journal is missing.
bool split_title_and_source(std::string_view text, std::size_t tail, Reference& source,
                            Reference& ref) {
  if (tail == std::string_view::npos || tail == 0) return false;
  std::string_view middle = trim_chars(text.substr(0, tail), ",;:");
  std::size_t journal_start = nature_journal_start(middle);
  // "Neurosci. Lett. 189, 167-179" or "Nature 399, A23-A31": a source cited
  // without its title, which its numbers show.
  bool untitled = journal_start == 0 && (source.volume || source.first_page) &&
                  (is_iso4_abbreviation(middle.substr(0, middle.find(' '))) ||
                   middle.find(' ') == std::string_view::npos);
  if ((journal_start == 0 && !untitled) || journal_start >= middle.size()) return false;
  // A year alone reads as a source only after a container without numbers:
  // in "Cell 177, 1888-1902.e21 (2019)" the pages did not read.
  std::string_view container = trim_chars(middle.substr(journal_start), ".,");
  if (container.size() < 2 || (!source.volume && !source.first_page &&
                               std::any_of(container.begin(), container.end(), is_digit)))
    return false;
  set_title(ref, middle.substr(0, journal_start));
  ref.container = non_empty(container);
  if (!ref.year) ref.year = source.year;
  take_numbers(source, ref);
  return true;
}

bool read_title_and_source(std::string_view text, Reference& ref) {
  Reference source;
  std::size_t tail = read_source_tail(text, source);
  return split_title_and_source(text, tail, source, ref);
}

// "Container, 43(5), 521-546" / "Container, 43(5), pp. 521-546" / "Container,
// 9(1), 25535" (APA, Harvard). Returns false if no volume is found.
bool parse_comma_source(std::string_view text, Reference& ref) {
  auto parts = split(trim_chars(text, ".,"), ", ");
  // Prefer "43(5)", then a number followed by pages, then any number: an
  // article number ("25535") must not be taken for the volume.
  auto pick = [&]() -> std::size_t {
    for (std::size_t i = parts.size(); i-- > 1;)
      if (is_volume_token(parts[i]) && parts[i].find('(') != std::string_view::npos) return i;
    for (std::size_t i = parts.size(); i-- > 1;)
      if (is_volume_token(parts[i]) && i + 1 < parts.size() && looks_like_pages(parts[i + 1]))
        return i;
    for (std::size_t i = parts.size(); i-- > 1;)
      if (is_volume_token(parts[i])) return i;
    return 0;
  };
  std::size_t i = pick();
  if (i == 0) return false;
  set_volume_issue(ref, parts[i]);
  if (i + 1 < parts.size()) set_pages(ref, parts[i + 1]);
  std::string container;
  for (std::size_t j = 0; j < i; ++j) {
    if (!container.empty()) container += ", ";
    container += std::string(parts[j]);
  }
  ref.container = non_empty(container);
  return true;
}

// Elements after the title in MLA and IEEE: "Container, vol. 3, no. 5, 2018,
// pp. e674". The container is everything before the first recognised element.
void parse_element_source(std::string_view text, Reference& ref) {
  auto parts = split(trim_chars(text, ".,"), ", ");
  std::string container;
  bool in_container = true;
  for (auto raw : parts) {
    std::string_view part = trim(raw);
    // MLA names a second container (a database) after a period: "pp. 241-54.
    // PubMed". Past the first element, a period after a digit ends an element;
    // "Oct. 2020" does not.
    for (std::size_t at = part.find(". "); !in_container && at != std::string_view::npos;
         at = part.find(". ", at + 1))
      if (at > 0 && is_digit(part[at - 1])) {
        part = part.substr(0, at);
        break;
      }
    bool recognised = true;
    if (istarts_with(part, "vol.") || istarts_with(part, "vol ")) {
      std::string_view volume = trim(part.substr(4));
      if (is_volume_token(volume)) ref.volume = non_empty(volume);
    } else if (istarts_with(part, "art. no") || istarts_with(part, "article ")) {
      set_pages(ref, part);
    } else if (istarts_with(part, "no.") || istarts_with(part, "no ") ||
               istarts_with(part, "nos.") || istarts_with(part, "issue ")) {
      ref.issue = non_empty(trim(part.substr(part.find_first_of(". ") + 1)));
    } else if (istarts_with(part, "pp.") || istarts_with(part, "p.") || istarts_with(part, "pp ")) {
      set_pages(ref, part);
    } else if (istarts_with(part, "doi")) {
    } else if (auto year = last_year(part); year && part.size() <= 24) {
      ref.year = year;
    } else {
      recognised = false;
    }
    if (recognised) {
      in_container = false;
    } else if (in_container) {
      if (!container.empty()) container += ", ";
      container += std::string(part);
    }
  }
  ref.container = non_empty(container);
}

// Chicago's "Container 43, no. 5 (2018): 521-46" or "Container 3 (5): e674".
void parse_chicago_source(std::string_view text, Reference& ref) {
  text = trim_chars(text, ".,");
  std::size_t colon = text.rfind(": ");
  if (colon != std::string_view::npos && looks_like_pages(text.substr(colon + 2))) {
    set_pages(ref, text.substr(colon + 2));
    text = trim(text.substr(0, colon));
  }
  // Date in parentheses at the end: "(June 2018)".
  if (!text.empty() && text.back() == ')') {
    std::size_t open = text.rfind('(');
    if (open != std::string_view::npos) {
      std::string_view inside = text.substr(open + 1, text.size() - open - 2);
      if (auto year = last_year(inside)) {
        ref.year = year;
        text = trim(text.substr(0, open));
      }
    }
  }
  std::size_t no = text.find(", no. ");
  if (no != std::string_view::npos) {
    ref.issue = non_empty(text.substr(no + 6));
    text = trim(text.substr(0, no));
  } else if (std::size_t open = text.rfind('(');
             !text.empty() && text.back() == ')' && open != std::string_view::npos) {
    std::string_view inside = text.substr(open + 1, text.size() - open - 2);
    // "277 (December): 831-41" dates a volume that has no issues.
    if (!is_month_word(inside)) ref.issue = non_empty(inside);
    text = trim(text.substr(0, open));
  }
  std::size_t space = text.rfind(' ');
  if (space != std::string_view::npos && is_volume_token(text.substr(space + 1))) {
    ref.volume = non_empty(text.substr(space + 1));
    text = text.substr(0, space);
  }
  ref.container = non_empty(text);
}

// ---------------------------------------------------------------- styles

struct Quoted {
  std::size_t open = std::string_view::npos;  // position of the opening quote
  std::size_t close = 0;                      // position just past the closing quote
  std::string_view inside;
};

// The first “…” or "…" title.
Quoted find_quoted_title(std::string_view text) {
  Quoted q;
  // French titles nest guillemets: "« La « société civile » en débat »".
  for (auto [open_mark, close_mark] : {std::pair{kOpenQuote, kCloseQuote},
                                       std::pair{kOpenGuillemet, kCloseGuillemet},
                                       std::pair{std::string_view("\""), std::string_view("\"")}}) {
    std::size_t open = text.find(open_mark);
    if (open == std::string_view::npos) continue;
    std::size_t close = text.find(close_mark, open + open_mark.size());
    for (std::size_t inner = text.find(open_mark, open + open_mark.size());
         open_mark != close_mark && close != std::string_view::npos && inner < close;
         inner = text.find(open_mark, inner + open_mark.size()))
      close = text.find(close_mark, close + close_mark.size());
    if (close == std::string_view::npos) continue;
    q.open = open;
    q.inside = text.substr(open + open_mark.size(), close - open - open_mark.size());
    q.close = close + close_mark.size();
    return q;
  }
  return q;
}

// The source after a quoted title. One that ends in numbers or a date is read
// from the right ("IEEE J. Robotics Automation 4, pp. 213-218, 1988", "Thin
// Solid Films 216, 84-89, (1992)"); `by_elements` reads any other, and any
// in which it finds an element that the right-hand reading left in the
// container ("Pain, vol. Publish Ahead of Print, July 2021").
void parse_source_after_title(std::string_view after, Reference& ref,
                              void (*by_elements)(std::string_view, Reference&)) {
  std::string_view source = trim_chars(after, ".,;:");
  Reference probe;
  std::size_t tail = read_source_tail(source, probe);
  std::string_view container =
      tail == std::string_view::npos ? "" : trim_chars(source.substr(0, tail), ".,;:");
  Reference elements;
  by_elements(source, elements);
  if (container.empty() || elements.container.value_or("").size() < container.size()) {
    by_elements(source, ref);
    return;
  }
  ref.container = non_empty(container);
  if (!ref.year) ref.year = probe.year;
  take_numbers(probe, ref);
}

void parse_quoted_style(std::string_view text, const Quoted& q, Reference& ref) {
  std::string_view authors = trim(text.substr(0, q.open));
  std::string_view after = trim(text.substr(q.close));
  set_title(ref, q.inside);
  // "Flajolet, Philippe; Sedgewick, Robert (1995), “Title”" and "Forsé M.,
  // 1999, « Title »" date the authors.
  if (std::size_t paren = author_date_paren(authors); paren != std::string_view::npos) {
    ref.year = first_year(authors.substr(paren));
    authors = trim(authors.substr(0, paren));
  } else if (std::string_view bare = trim_chars(authors, ",");
             bare.size() > 6 && is_year_at(bare, bare.size() - 4) && bare[bare.size() - 5] == ' ') {
    ref.year = first_year(bare.substr(bare.size() - 4));
    authors = trim_chars(bare.substr(0, bare.size() - 5), ",");
  }
  bool comma_in_quote = !q.inside.empty() && trim(q.inside).back() == ',';
  bool initials_first = !authors.empty() && is_upper(authors[0]) && authors.size() > 1 &&
                        authors[1] == '.';
  if (comma_in_quote || initials_first) {
    ref.style = CitationStyle::kIeee;
    parse_natural_authors(authors, ref);
    // A paper in proceedings: "“Title,” in Proc. …".
    if (istarts_with(after, "in ")) after.remove_prefix(3);
    parse_source_after_title(after, ref, parse_element_source);
    return;
  }
  // Chicago author-date puts the year right after the authors: "Kalso. 2018."
  std::string_view author_part = trim_chars(authors, ".");
  std::size_t last_space = author_part.rfind(". ");
  if (last_space != std::string_view::npos && is_year_at(author_part, last_space + 2) &&
      trim_chars(author_part.substr(last_space + 2), ".").size() <= 5) {
    ref.style = CitationStyle::kChicago;
    ref.year = first_year(author_part.substr(last_space + 2));
    parse_leading_names(author_part.substr(0, last_space + 1), ref);
    parse_source_after_title(after, ref, parse_chicago_source);
    return;
  }
  parse_leading_names(authors, ref);
  // Chicago notes-bibliography: "Container 43, no. 5 (2018): 521-46".
  std::string_view source = trim_chars(after, ".");
  bool has_paren_date = source.find(" (") != std::string_view::npos &&
                        source.find("): ") != std::string_view::npos;
  if (has_paren_date && source.find("vol.") == std::string_view::npos) {
    ref.style = CitationStyle::kChicago;
    parse_source_after_title(after, ref, parse_chicago_source);
    return;
  }
  ref.style = CitationStyle::kMla;
  parse_source_after_title(after, ref, parse_element_source);
}

// What follows the date in APA and Harvard: "Title. Container, 43(5),
// 521-546" or "'Title', Container, 43(5), pp. 521-546".
void parse_title_and_source(std::string_view rest, Reference& ref) {
  if (!rest.empty() && rest.front() == '\'') {  // Harvard: 'Title', Container, ...
    std::size_t end = rest.find("',");
    if (end == std::string_view::npos) end = rest.find("'.");
    if (end != std::string_view::npos) {
      set_title(ref, rest.substr(1, end - 1));
      std::string_view source = trim_chars(rest.substr(end + 1), ".,");
      if (!parse_comma_source(source, ref)) ref.container = non_empty(source);
      return;
    }
  }
  // Title = up to the sentence end before the source; source parsed from the right.
  std::size_t best = std::string_view::npos;
  for (std::size_t end = sentence_end(rest, 0); end != std::string_view::npos;
       end = sentence_end(rest, end + 1)) {
    Reference probe;
    if (parse_comma_source(rest.substr(end + 2), probe)) {
      best = end;
      break;
    }
  }
  if (best == std::string_view::npos && read_title_and_source(rest, ref)) return;
  if (best == std::string_view::npos) {
    std::size_t end = sentence_end(rest, 0);
    set_title(ref, rest.substr(0, end == std::string_view::npos ? rest.size() : end + 1));
    if (end != std::string_view::npos) ref.container = non_empty(rest.substr(end + 2));
    return;
  }
  set_title(ref, rest.substr(0, rest[best] == '.' ? best : best + 1));
  parse_comma_source(rest.substr(best + 2), ref);
}

void parse_author_date(std::string_view text, std::size_t open, Reference& ref) {
  std::size_t close = text.find(')', open);
  ref.year = first_year(text.substr(open + 1, close - open - 1));
  std::string_view authors = trim(text.substr(0, open));
  std::string_view rest = trim(text.substr(close + 1));
  bool period_after = !rest.empty() && rest.front() == '.';
  rest = trim_chars(rest, ".,");
  parse_leading_names(authors, ref);

  // Only after the year: an author list has ", P. " in it ("Wolfson, P.").
  bool harvard = !period_after || icontains(rest, " pp.") || icontains(rest, ", p. ") ||
                 (!rest.empty() && rest.front() == '\'');
  ref.style = harvard ? CitationStyle::kHarvard : CitationStyle::kApa;
  parse_title_and_source(rest, ref);
}

// Harvard without parentheses, as Elsevier and Mendeley print it: "Cohen, S.P.
// and Bhatia, A., 2018. Title. Journal, 43(5), pp.521-546." The first ", 2018."
// must close a list of persons with initials, with no sentence before it.
bool parse_bare_year(std::string_view text, Reference& ref) {
  for (std::size_t comma = text.find(", "); comma != std::string_view::npos;
       comma = text.find(", ", comma + 1)) {
    std::size_t year = comma + 2;
    if (!is_year_at(text, year)) continue;
    std::size_t end = year + 4;
    if (end < text.size() && is_lower(text[end])) ++end;  // "2018a"
    if (end >= text.size() || text[end] != '.') continue;
    std::string_view authors = text.substr(0, comma);
    Reference probe;
    if (sentence_end(authors, 0) != std::string_view::npos ||
        !parse_inverted_initials(authors, probe) || probe.authors.front().given.empty())
      return false;
    ref = std::move(probe);
    ref.style = CitationStyle::kHarvard;
    ref.year = first_year(text.substr(year, 4));
    parse_title_and_source(trim(text.substr(end + 1)), ref);
    return true;
  }
  return false;
}

// The date part right before ';' in Vancouver: "Aug 2006", "2006 Aug 5",
// "April 1, 2007 2007". Returns the start of the date within `segment`.
std::size_t date_start(std::string_view segment) {
  std::size_t start = segment.size();
  std::size_t pos = segment.size();
  while (pos > 0) {
    std::size_t space = segment.rfind(' ', pos - 1);
    std::size_t word_start = space == std::string_view::npos ? 0 : space + 1;
    std::string_view word = trim_chars(segment.substr(word_start, pos - word_start), ",.");
    bool dateish = is_month_word(word) || (word.size() == 4 && is_year_at(word, 0)) ||
                   (!word.empty() && word.size() <= 2 && std::all_of(word.begin(), word.end(), is_digit)) ||
                   (word.find('-') != std::string_view::npos && word.size() <= 9 &&
                    (is_month_word(word.substr(0, word.find('-'))) || is_digit(word[0])));
    if (!dateish) break;
    start = word_start;
    if (space == std::string_view::npos) break;
    pos = space;
  }
  return start;
}

// `style` is kVancouver or kAma: they differ only in trailers that `text` no
// longer has.
void parse_vancouver(std::string_view text, CitationStyle style, Reference& ref) {
  ref.style = style;
  // Vancouver initials carry no periods, so the first ". " ends the authors.
  std::size_t authors_end = text.find(". ");
  if (authors_end == std::string_view::npos) return;
  parse_vancouver_authors(text.substr(0, authors_end), ref);
  std::string_view rest = trim(text.substr(authors_end + 1));

  // Source: "Journal. [date];vol(issue):pages" or "Journal. date." (e-pub).
  std::size_t semicolon = std::string_view::npos;
  for (std::size_t i = rest.find(';'); i != std::string_view::npos; i = rest.find(';', i + 1)) {
    std::size_t j = i + 1;
    while (j < rest.size() && rest[j] == ' ') ++j;
    if (j < rest.size() && (is_digit(rest[j]) || rest[j] == '(') && last_year(rest.substr(0, i)))
      semicolon = i;
  }
  std::string_view before_date = rest;
  if (semicolon != std::string_view::npos) {
    std::string_view source = trim_chars(rest.substr(semicolon + 1), ".");
    std::size_t colon = source.find(':');
    set_volume_issue(ref, source.substr(0, colon));
    if (colon != std::string_view::npos) set_pages(ref, source.substr(colon + 1));
    before_date = trim(rest.substr(0, semicolon));
  } else {
    before_date = trim_chars(rest, ".");
  }
  // The date runs back from the end of before_date; the journal precedes it.
  std::size_t segment_start = before_date.rfind('.');
  segment_start = segment_start == std::string_view::npos ? 0 : segment_start + 1;
  std::string_view segment = before_date.substr(segment_start);
  std::size_t date = date_start(segment);
  ref.year = last_year(segment.substr(date));
  if (!ref.year) ref.year = last_year(before_date);
  std::string_view title_and_journal = before_date.substr(0, segment_start + date);
  title_and_journal = trim_chars(title_and_journal, ".");
  std::string_view journal;
  std::string_view title;
  if (date > 0 && !trim(segment.substr(0, date)).empty()) {
    journal = trim(segment.substr(0, date));  // "Journal 2006;" without a period
    title = trim(before_date.substr(0, segment_start));
    // "… frequency? J Clin Psychiatry 2017;": the title ends in the segment.
    if (std::size_t cut = last_sentence_break(journal); cut != std::string_view::npos) {
      title = trim(before_date.substr(0, segment_start + cut + 1));
      journal = trim(journal.substr(cut + 1));
    }
  } else {
    std::size_t cut = last_sentence_break(title_and_journal);
    if (cut == std::string_view::npos) cut = title_and_journal.rfind('.');
    if (cut == std::string_view::npos) {
      title = title_and_journal;
    } else {
      title = title_and_journal.substr(0, cut + 1);
      journal = title_and_journal.substr(cut + 1);
    }
  }
  set_title(ref, title);
  ref.container = non_empty(journal);
  // "Neurology. 1984 Jul;34(7):939-44": PubMed's source-only form, where what
  // looked like the authors is the journal.
  if (!ref.title && !ref.container && semicolon != std::string_view::npos) {
    ref.authors.clear();
    ref.et_al = false;
    ref.container = non_empty(text.substr(0, authors_end));
  }
}


// Nature's "Family, I. I., Family, I. & Family, I." or, in many PubMed
// records, Vancouver names with Nature's source: "Hooper C, et al.",
// "Lambert J.-C. & Amouyel P.", or one organisation. False for anything else.
bool parse_nature_authors(std::string_view text, Reference& ref) {
  auto all_persons = [](const Reference& r) {
    return !r.authors.empty() && std::all_of(r.authors.begin(), r.authors.end(), is_person);
  };
  Reference inverted;
  bool inverted_parsed = parse_inverted_initials(text, inverted);
  if (inverted_parsed && all_persons(inverted)) {
    ref = std::move(inverted);
    return true;
  }
  Reference vancouver;
  parse_vancouver_authors(text, vancouver);
  if (all_persons(vancouver)) {
    ref = std::move(vancouver);
    return true;
  }
  // An organisation is written in capitalised words and short function words
  // ("National Institute on Aging"), not as a sentence ("Ransohoff RM How
  // neuroinflammation contributes …").
  if (!inverted_parsed || inverted.authors.size() != 1) return false;
  for (std::string_view word : split(inverted.authors.front().family, " "))
    if (word.empty() || (is_lower(word[0]) && word.size() > 3)) return false;
  ref = std::move(inverted);
  return true;
}

// Nature sources in PubMed records whose authors end with a comma or with no
// mark at all: "Su Y, Flores S, Benzinger TLS, Utilizing the Centiloid …",
// "Cheng PN, Eisenberg D & Nowick JS Amyloid beta-sheet mimics …". Reads the
// persons from the start and returns where the title begins; npos if no
// person comes first.
std::size_t parse_comma_terminated_authors(std::string_view text, Reference& ref) {
  Reference probe;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t comma = text.find(", ", pos);
    std::string_view part =
        text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
    std::size_t next = comma == std::string_view::npos ? text.size() : comma + 2;
    if (cut_et_al(part)) probe.et_al = true;
    // "V. Khurana" puts the initials first.
    bool initials_first = part.size() > 2 && is_upper(part[0]) && part[1] == '.';
    Author author = initials_first ? natural_order_name(part) : vancouver_name(part);
    if (is_et_al(part)) {
      probe.et_al = true;
    } else if (is_person(author)) {
      probe.authors.push_back(std::move(author));
    } else if (std::size_t amp = part.find(" & "); amp != std::string_view::npos) {
      // After "&" comes the last author, then the title: "Nowick JS Amyloid …".
      Author left = vancouver_name(part.substr(0, amp));
      std::string_view right = part.substr(amp + 3);
      std::size_t initials_end = right.find(' ', right.find(' ') + 1);
      if (!is_person(left) || initials_end == std::string_view::npos) break;
      Author last = vancouver_name(right.substr(0, initials_end));
      if (!is_person(last)) break;
      probe.authors.push_back(std::move(left));
      probe.authors.push_back(std::move(last));
      ref = std::move(probe);
      return pos + amp + 3 + initials_end + 1;
    } else {
      break;
    }
    pos = next;
  }
  if (probe.authors.empty() || pos >= text.size()) return std::string_view::npos;
  ref = std::move(probe);
  return pos;
}

// Reads a Nature author list "Family, I. I., Family, I. & Family, I." or
// "Family, I. et al." and returns where the title begins: after the first ". "
// after which the list does not go on (another initial, "&", "and", "et al.")
// and before which it parses; npos if none. sentence_end() cannot tell, as
// the list ends with an initial.
std::size_t parse_period_terminated_authors(std::string_view text, Reference& ref) {
  for (std::size_t at = text.find(". "); at != std::string_view::npos;
       at = text.find(". ", at + 1)) {
    std::string_view next = text.substr(at + 2);
    std::string_view word = trim_chars(next.substr(0, next.find(' ')), ",");
    if (is_initials(word) && word.find('.') != std::string_view::npos) continue;
    if (word == "&" || word == "and" || word == "et" || is_suffix(word)) continue;
    if (parse_nature_authors(text.substr(0, at + 1), ref)) return at + 2;
  }
  return std::string_view::npos;
}

// Nature: "Family, A. B. & Family, C. Title. Journal 43, 521-546 (2018)."
bool parse_nature(std::string_view text, Reference& ref) {
  std::string_view body = trim_chars(text, ".");
  if (body.empty() || body.back() != ')') return false;
  std::size_t open = body.rfind('(');
  if (open == std::string_view::npos) return false;
  std::string_view inside = body.substr(open + 1, body.size() - open - 2);
  if (inside.size() != 4 || !is_year_at(inside, 0)) return false;
  std::string_view source = trim(body.substr(0, open));
  // "Journal 43, 521-546"
  std::size_t comma = source.rfind(", ");
  if (comma == std::string_view::npos || !looks_like_pages(source.substr(comma + 2))) return false;
  std::string_view before = source.substr(0, comma);
  std::size_t space = before.rfind(' ');
  if (space == std::string_view::npos || !is_volume_token(before.substr(space + 1))) return false;
  Reference probe;
  std::size_t title_start = parse_period_terminated_authors(before, probe);
  if (title_start == std::string_view::npos)
    title_start = parse_comma_terminated_authors(before.substr(0, space), probe);
  // Authors run into the title ("Iadecola C Does nitric oxide …?"): the source
  // still reads; authors and title stay unset.
  bool has_authors = title_start != std::string_view::npos;
  ref = std::move(probe);
  ref.style = CitationStyle::kNature;
  ref.year = first_year(inside);
  set_volume_issue(ref, before.substr(space + 1));
  set_pages(ref, source.substr(comma + 2));
  std::size_t middle_start = has_authors ? std::min(title_start, space) : 0;
  std::string_view middle = trim(before.substr(middle_start, space - middle_start));
  std::size_t journal_start = nature_journal_start(middle);
  if (has_authors) set_title(ref, middle.substr(0, journal_start));
  ref.container = non_empty(middle.substr(journal_start));
  return true;
}

// ---------------------------------------------------------------- any order

// A person as the generic reader accepts one: is_person(), and a family name
// that is a name rather than an initial ("L. G" is not "G").
bool is_named_person(const Author& author) {
  return is_person(author) && author.family.size() >= 2 && !is_initials(author.family) &&
         !is_vancouver_initials(author.family);
}

// The number of words in `text` if each is capitalised or a particle, as
// in names ("de la Macorra JC"); 0 otherwise.
std::size_t name_word_count(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = std::min(text.find(' ', start), text.size());
    std::string_view word = text.substr(start, end - start);
    if (word.empty() || (!is_upper(word[0]) && !is_particle(word))) return 0;
    ++count;
    start = end + 1;
  }
  return count;
}

// "Jean-Francois Groff" or "R. G. Basinger": two to four capitalised words,
// the last not an initial.
bool is_natural_name(std::string_view text) {
  text = trim(text);
  std::size_t words = name_word_count(text);
  std::string_view last = text.substr(text.rfind(' ') + 1);
  return words >= 2 && words <= 4 && !is_initials(last) && last.back() != '.';
}

// "Mischa Schwartz. Title", "J Pedersen: Title" or "Divesh Srivastava, and
// Thomas Kirk. Title": persons in natural order up to the mark that ends the
// list.
bool natural_names_to_end(std::string_view text) {
  for (;;) {
    if (istarts_with(text, "and ")) text.remove_prefix(4);
    std::size_t end = std::min({text.find(", "), text.find(" and "), text.find(": ")});
    for (std::size_t dot = text.find(". "); dot != std::string_view::npos && dot < end;
         dot = text.find(". ", dot + 1))
      if (dot > 0 && is_lower(text[dot - 1])) end = dot;
    if (end == std::string_view::npos) return false;
    std::string_view name = text.substr(0, end);
    bool last = text[end] == ':' || text[end] == '.' || name.back() == '.';
    if (!is_natural_name(trim_chars(name, "."))) return false;
    if (last) return true;
    text = text.substr(end + (text[end] == ',' ? 2 : 5));
  }
}

// Whether the author list goes on after a boundary (a comma if `after_comma`):
// another initial, "and", "&", "et al.", "Family, I.", "Family AB," or
// "Given Family,".
bool continues_author_list(std::string_view rest, bool after_comma) {
  std::string_view word = trim_chars(rest.substr(0, rest.find(' ')), ",;:");
  if (word == "and" || word == "&" || word == "et" || is_suffix(word)) return true;
  if (is_initials(word) && word.find('.') != std::string_view::npos) return true;
  // "Family AB," (or after a comma "Family AB:"), but not a title such as
  // "Synthesis of models using ACTA." or "Vitamin D: An overview".
  std::string_view vancouver = rest.substr(0, rest.find_first_of(after_comma ? ",.(:;" : ",.("));
  std::size_t vancouver_words = name_word_count(vancouver);
  if (vancouver_words >= 2 && vancouver_words <= 4 &&
      is_vancouver_initials(vancouver.substr(vancouver.rfind(' ') + 1)))
    return true;
  std::size_t comma = rest.find(", ");
  std::size_t and_word = rest.find(" and ");
  std::size_t name_end = std::min(comma, and_word);
  if (name_end == std::string_view::npos || name_end > 40) return false;
  std::string_view name = rest.substr(0, name_end);
  std::string_view after = rest.substr(name_end + (name_end == comma ? 2 : 5));
  // "Divesh Srivastava, …"; before "and" a title in Title Case may look the
  // same ("Hypertension Prevalence and Control …"), so the list must go on
  // to its end.
  if (is_natural_name(name)) return name_end == comma || natural_names_to_end(after);
  std::size_t family_words = name_word_count(name);
  if (family_words == 0 || family_words > 3) return false;
  if (name_end == comma && is_initials(trim_chars(after.substr(0, after.find(' ')), ",;")))
    return true;  // "Family, I."
  // "LaPorta and Mischa Schwartz.", "Levy, Divesh Srivastava, and Thomas
  // Kirk.": the family name of a person in natural order, then the others.
  return family_words == 1 && natural_names_to_end(after);
}

// An author list in any of the common forms, every entry a person: inverted
// initials ("Family, I., Family, I. & Family, I.", with ';' as ACS joins
// them), Vancouver ("Family AB, Family C"), natural order ("A. B. Family,
// Given Family and C. Family") or MLA ("Family, Given, and Given Family").
// Returns which, kNone if none fits.
enum class NameForm { kNone, kInverted, kVancouver, kNatural, kMla };

NameForm read_person_list(std::string_view text, Reference& ref) {
  auto all_persons = [](const Reference& r) {
    return !r.authors.empty() && std::all_of(r.authors.begin(), r.authors.end(), is_named_person);
  };
  // "Gelman, Susan A.; Coley, John D.; & Pappas, Athina": one inverted name
  // between semicolons.
  Reference probe;
  if (text.find("; ") != std::string_view::npos) {
    for (std::string_view piece : split(text, ";")) {
      piece = trim(piece);
      for (std::string_view joiner : {"& ", "and "})
        if (istarts_with(piece, joiner)) piece = trim(piece.substr(joiner.size()));
      std::size_t comma = piece.find(", ");
      if (comma == std::string_view::npos) break;
      Author author;
      author.family = std::string(piece.substr(0, comma));
      author.given = std::string(trim_chars(piece.substr(comma + 2), ","));
      probe.authors.push_back(std::move(author));
    }
    if (probe.authors.size() == split(text, ";").size() && all_persons(probe)) {
      ref = std::move(probe);
      return NameForm::kInverted;
    }
    probe = Reference();
  }
  std::string list(trim(text));
  for (std::size_t at; (at = list.find("; ")) != std::string::npos;) list.replace(at, 2, ", ");
  if (parse_inverted_initials(list, probe) && all_persons(probe)) {
    ref = std::move(probe);
    return NameForm::kInverted;
  }
  using Parser = void (*)(std::string_view, Reference&);
  for (auto [parse, form] :
       {std::pair<Parser, NameForm>{parse_vancouver_authors, NameForm::kVancouver},
        {parse_natural_authors, NameForm::kNatural},
        {parse_mla_authors, NameForm::kMla}}) {
    probe = Reference();
    parse(list, probe);
    if (all_persons(probe)) {
      ref = std::move(probe);
      return form;
    }
  }
  return NameForm::kNone;
}

// Reads the authors at the start of `head` and returns where the title
// begins: the first ", ", ". ", ": " or "; " before which the text is a list
// of persons (in `form`) and after which the list does not go on; npos if none.
std::size_t read_leading_authors(std::string_view head, Reference& ref, NameForm& form) {
  for (std::size_t i = 1; i + 1 < head.size(); ++i) {
    char c = head[i];
    // Names hold no lower-case words but particles and joiners: past the
    // first other one ("the", "of"), the list has ended.
    if (c == ' ' && is_lower(head[i + 1])) {
      std::string_view word = head.substr(i + 1, head.find(' ', i + 1) - i - 1);
      word = trim_chars(word, ".,;:");
      if (!is_particle(word) && !is_et_al(word) && word != "and" && word != "et" && word != "al")
        return std::string_view::npos;
    }
    if (head[i + 1] != ' ' || (c != ',' && c != '.' && c != ':' && c != ';')) continue;
    std::string_view rest = head.substr(i + 2);
    if (continues_author_list(rest, c == ',')) continue;
    std::string_view authors = head.substr(0, c == '.' ? i + 1 : i);
    form = read_person_list(without_final_period(authors), ref);
    if (form != NameForm::kNone) return i + 2;
  }
  return std::string_view::npos;
}

// Entries of no named style that still run "Authors. Title. Source", as ACM,
// SIAM, Springer and many journals print them: "L. G. Valiant. A Bridging
// Model for Parallel Computation. Communications of the ACM, 33(8), 103-111,
// 1990.", "Morris R: Thy-1, the enigmatic extrovert on the neuronal surface.
// BioEssays 1992, 14:715-722", "Deleers, M., et al., Effect of …. Biochem
// Biophys Res Commun, 1984. 123(1): p. 178-85". The source is read from the
// right, the authors from the left; the journal is told from the title as in
// Nature. The style is `vancouver_style` (kVancouver or kAma) for Vancouver
// names, kHarvard when the year follows the authors, else kUnknown. False if
// either end is missing.
bool parse_generic(std::string_view text, CitationStyle vancouver_style, Reference& ref) {
  text = trim_chars(text, ".,;");
  Reference source;
  std::size_t tail = read_source_tail(text, source);
  if (tail == std::string_view::npos || tail == 0) return false;
  Reference found;
  NameForm form = NameForm::kNone;
  std::size_t title_start = read_leading_authors(text.substr(0, tail), found, form);
  if (title_start == std::string_view::npos) return false;
  std::size_t rest_start = title_start;
  // Name-year (CSE): "Baas, P.W. 2002. Title. Journal 212:41-62", or a long
  // list with "(2004)" too far on for author_date_paren().
  std::string_view rest = text.substr(rest_start);
  std::size_t year_at = !rest.empty() && rest[0] == '(' ? 1 : 0;
  std::size_t year_end = year_at + 4;
  if (year_end < rest.size() && is_lower(rest[year_end])) ++year_end;  // "1998a"
  bool name_year = rest.size() > year_end + 2 && is_year_at(rest, year_at) &&
                   rest[year_end] == (year_at ? ')' : '.');
  if (name_year) {
    found.year = first_year(rest.substr(year_at, 4));
    rest_start = text.find(' ', rest_start) + 1;
  }
  if (rest_start == 0 || rest_start >= tail ||
      !split_title_and_source(text.substr(rest_start), tail - rest_start, source, found))
    return false;
  ref = std::move(found);
  ref.style = name_year                       ? CitationStyle::kHarvard
              : form == NameForm::kVancouver ? vancouver_style
                                             : CitationStyle::kUnknown;
  if (!ref.year) ref.year = first_year(text);
  return true;
}

// An entry whose authors do not read ("Ortmann, Anthony L. and Tristram R.
// Kidder 2013 Building Mound A …. Geoarchaeology 28: 66-86") may still end in
// a source that does: its journal and numbers are kept, its title is not.
void read_source_only(std::string_view text, Reference& ref) {
  Reference probe;
  if (!read_title_and_source(trim_chars(text, ".,;"), probe) ||
      (!probe.volume && !probe.first_page) ||
      std::any_of(probe.container->begin(), probe.container->end(), is_digit))
    return;
  if (probe.year) ref.year = probe.year;
  ref.container = std::move(probe.container);
  take_numbers(probe, ref);
}

}  // namespace

namespace internal {

// Position of the "(" of an author-date year "(2018)", "(2018a)", "(2018,
// June 5)" or "(n.d.)" that follows the author list, or npos.
std::size_t author_date_paren(std::string_view text) {
  for (std::size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    if (open == 0 || open > text.size() * 2 / 3 + 10) return std::string_view::npos;
    std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) return std::string_view::npos;
    std::string_view inside = trim(text.substr(open + 1, close - open - 1));  // "( 1998a)"
    if (iequals(inside, "n.d.") || iequals(inside, "n.d")) return open;
    if (inside.size() >= 4 && is_year_at(inside, 0) && inside.size() <= 20) return open;
  }
  return std::string_view::npos;
}

// "Title – Journal" as web pages list their sources.
bool parse_title_journal(std::string_view text, Reference& ref) {
  std::size_t dash = text.rfind(" - ");
  if (dash == std::string_view::npos) return false;
  std::string_view title = trim(text.substr(0, dash));
  std::string_view journal = trim(text.substr(dash + 3));
  if (title.size() < 8 || journal.empty() || journal.size() > 120) return false;
  ref.style = CitationStyle::kTitleJournal;
  set_title(ref, title);
  ref.container = non_empty(journal);
  return true;
}

bool starts_with_vancouver_author(std::string_view text) {
  // "Family AB," or "Family AB." or "Hardy J (2003)"
  std::size_t end = text.find_first_of(",.(");
  if (end == std::string_view::npos || end > 60) return false;
  std::string_view first = trim(text.substr(0, end));
  std::size_t space = first.rfind(' ');
  if (space == std::string_view::npos || !is_vancouver_initials(first.substr(space + 1)) ||
      !is_upper(first[0]))
    return false;
  // The family name is made of words ("O'Connor", "Pérez-Higueras"), not of
  // "Esketamine (Spravato) - U.S." in a title.
  for (std::string_view word : split(first.substr(0, space), " ")) {
    if (word == "&" || word == "and") continue;  // "Braak H & Braak E."
    if (word.empty() || word.front() == '-' || word.front() == '\'') return false;
    for (char c : word)
      if (!is_alpha(c) && c != '-' && c != '\'' && static_cast<unsigned char>(c) < 0x80)
        return false;
  }
  return true;
}

bool has_vancouver_source(std::string_view text) {
  for (std::size_t i = text.find(';'); i != std::string_view::npos; i = text.find(';', i + 1)) {
    std::size_t j = i + 1;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j < text.size() && (is_digit(text[j]) || text[j] == '(') &&
        last_year(text.substr(i > 25 ? i - 25 : 0, i > 25 ? 25 : i)))
      return true;
  }
  return false;
}

}  // namespace internal

namespace {

// "Title (2019) - Journal": the parenthesis dates a title, not authors.
bool is_title_journal_year(std::string_view text, std::size_t paren) {
  std::size_t close = text.find(')', paren);
  return close != std::string_view::npos && text.substr(close + 1, 3) == " - ";
}

// Removes identifiers, URLs and notes on access or e-publication. Notes in
// brackets can stand before the source ("Journal [Internet]. 2018 [cited 2023
// May 1];75(2)", "Title [published online ahead of print, 2020 Jun 18].
// Journal."), so only the bracket goes; anything else is cut from the marker
// on, as every style puts it last.
std::string strip_trailers(std::string_view text) {
  std::string out(text);
  for (std::string_view note :
       {"[Internet]", "[cited ", "[updated ", "[Accessed", "[accessed", "[published online",
        "[published correction", "[Erratum", "[Epub", "(Accessed", "(accessed",
        "(published online", "(Epub"}) {
    for (std::size_t at; (at = out.find(note)) != std::string::npos;) {
      std::size_t close = out.find(note.front() == '[' ? ']' : ')', at);
      std::size_t from = at > 0 && out[at - 1] == ' ' ? at - 1 : at;
      out.erase(from, close == std::string::npos ? std::string::npos : close + 1 - from);
    }
  }
  auto cut_at = [&](std::size_t at) {
    if (at != std::string::npos && at > out.size() / 3) out.erase(at);
  };
  for (std::string_view marker : {" doi:", " DOI:", " Doi:", " PMID:", " PMCID:", " https://",
                                  " http://", " www.", " Epub"})
    cut_at(out.find(marker));
  // Words that open a note only after punctuation: "Published" and "Accessed"
  // can also be words of a title.
  for (std::string_view word : {"Accessed", "Retrieved", "Available from", "Available at",
                                "Available online", "Published", "published online",
                                "Advance online"}) {
    for (std::size_t at = out.find(word); at != std::string::npos; at = out.find(word, at + 1)) {
      bool after_punctuation = at >= 2 && out[at - 1] == ' ' &&
                               (out[at - 2] == '.' || out[at - 2] == ',' || out[at - 2] == ';');
      if (after_punctuation && at > out.size() / 3) {
        out.erase(at);
        break;
      }
    }
  }
  std::string_view trimmed = trim_chars(out, ",;");
  return std::string(trimmed);
}

}  // namespace

Reference parse_reference(std::string_view entry) {
  Reference ref;
  std::string_view content = trim(entry.substr(list_marker_length(entry)));
  std::string text = simplify(content);
  std::string body = strip_trailers(text);
  // AMA writes "doi:10." without the space that NLM puts there.
  auto vancouver_style = [&text] {
    return text.find("doi:10.") != std::string::npos ? CitationStyle::kAma
                                                     : CitationStyle::kVancouver;
  };
  if (Quoted q = find_quoted_title(body);
      q.open != std::string_view::npos && q.open > 0 && q.inside.size() > 3) {
    parse_quoted_style(body, q, ref);
  } else if (std::size_t paren = author_date_paren(body);
             paren != std::string_view::npos && !is_title_journal_year(body, paren)) {
    parse_author_date(body, paren, ref);
  } else if (parse_bare_year(body, ref)) {
  } else if (parse_nature(body, ref)) {
  } else if (has_vancouver_source(body)) {
    parse_vancouver(body, vancouver_style(), ref);
  } else if (parse_generic(body, vancouver_style(), ref)) {
  } else if (starts_with_vancouver_author(body)) {
    parse_vancouver(body, vancouver_style(), ref);
  } else if (!first_year(body) && parse_title_journal(body, ref)) {
  } else {
    ref.style = CitationStyle::kUnknown;
    ref.year = first_year(body);
    read_source_only(body, ref);
  }
  // An online-first article has no other date than "Published online March 3,
  // 2017" (AMA) or "[published online September 11, 2009]", which
  // strip_trailers() removed with the notes.
  std::size_t online = text.find("Published online");
  if (online == std::string::npos) online = text.find("published online");
  if (!ref.year && online != std::string::npos)
    ref.year = first_year(std::string_view(text).substr(online, 50));
  ref.raw = std::string(content);
  if (auto dois = schema::find_dois(text); !dois.empty()) ref.doi = dois.front().value;
  if (auto pmids = schema::find_pmids(text); !pmids.empty()) ref.pmid = pmids.front().value;
  if (auto pmcids = schema::find_pmcids(text); !pmcids.empty()) ref.pmcid = pmcids.front().value;
  return ref;
}

}  // namespace litgraph::crawlers
