// Field extraction for one reference entry. Each citation style has its own
// small parser; all of them read the source part (container, volume, issue,
// pages) from the right, so that a title with commas or full stops inside it
// still comes out whole.
#include <algorithm>

#include "citation_text.h"
#include "reference_parser_internal.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/schema/identifiers.h"

namespace litgraph::crawlers {

using schema::Author;
using schema::CitationStyle;
using schema::Reference;
using namespace internal;

namespace {

constexpr std::string_view kOpenQuote = "\u201C";
constexpr std::string_view kCloseQuote = "\u201D";

std::optional<std::string> non_empty(std::string_view text) {
  text = trim_chars(text, ".,;:");
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

// ---------------------------------------------------------------- pages

// "856-64" -> 856, 864; "e26-32" -> e26, e32; "S12-S20"; "25535" -> 25535.
void set_pages(Reference& ref, std::string_view text) {
  text = trim_chars(text, ".,;:");
  for (std::string_view prefix : {"pp.", "pp", "p.", "p "})
    if (istarts_with(text, prefix)) {
      text = trim(text.substr(prefix.size()));
      break;
    }
  if (text.empty() || text.size() > 30) return;
  std::size_t dash = text.find('-');
  std::string_view first = trim(text.substr(0, dash));
  std::string_view last = dash == std::string_view::npos ? "" : trim(text.substr(dash + 1));
  auto is_page = [](std::string_view page) {
    if (page.empty() || page.size() > 12) return false;
    std::size_t digits = 0;
    for (char c : page) {
      if (is_digit(c)) ++digits;
      else if (!is_alpha(c)) return false;
    }
    return digits > 0;
  };
  if (!is_page(first) || (dash != std::string_view::npos && !is_page(last))) return;
  ref.pages = dash == std::string_view::npos ? std::string(first)
                                             : std::string(first) + "-" + std::string(last);
  ref.first_page = std::string(first);
  if (last.empty()) return;
  // Expand an abbreviated last page with the first page's prefix and digits.
  std::size_t first_digits = first.find_first_of("0123456789");
  std::size_t last_digits = last.find_first_of("0123456789");
  std::string_view first_number = first.substr(first_digits);
  std::string_view last_number = last.substr(last_digits);
  std::string prefix(first.substr(0, first_digits));
  bool all_digits = std::all_of(first_number.begin(), first_number.end(), is_digit) &&
                    std::all_of(last_number.begin(), last_number.end(), is_digit);
  if (all_digits && last_digits == 0 && last_number.size() < first_number.size()) {
    std::string expanded(first_number.substr(0, first_number.size() - last_number.size()));
    ref.last_page = prefix + expanded + std::string(last_number);
  } else if (last_digits == 0) {
    ref.last_page = prefix + std::string(last);
  } else {
    ref.last_page = std::string(last);
  }
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

// Author lists of the form "Family, I. I., Family, I., & Family, I." (APA,
// Harvard, Nature). Returns false if the text is not such a list.
bool parse_inverted_initials(std::string_view text, Reference& ref) {
  std::string list(trim(text));
  for (std::string_view joiner : {", & ", ", and ", " & ", " and "}) {
    for (std::size_t at; (at = list.find(joiner)) != std::string::npos;)
      list.replace(at, joiner.size(), ", ");
  }
  std::vector<Author> authors;
  bool et_al = false;
  auto parts = split(list, ", ");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = trim_chars(parts[i], ",");
    if (part.empty()) continue;
    if (is_et_al(part)) {
      et_al = true;
      continue;
    }
    // "Cohen, S.P. et al."
    std::size_t et = part.find(" et al");
    if (et != std::string_view::npos) {
      et_al = true;
      part = trim(part.substr(0, et));
    }
    if (is_initials(part)) {
      if (authors.empty() || !authors.back().given.empty()) return false;
      authors.back().given = std::string(part);
      continue;
    }
    if (is_suffix(part) && !authors.empty()) {
      authors.back().suffix = std::string(trim_chars(part, ".,"));
      continue;
    }
    if (!authors.empty() && authors.back().given.empty()) return false;
    Author author;
    author.family = std::string(trim_chars(part, ".,"));
    authors.push_back(std::move(author));
  }
  if (authors.empty() || authors.back().given.empty()) {
    // A single organisation or a name without initials is allowed only alone.
    if (authors.size() != 1) return false;
  }
  ref.authors = std::move(authors);
  ref.et_al = ref.et_al || et_al;
  return true;
}

// "Zarate CA, Jr., Singh JB, de la Macorra JC, et al" (Vancouver, AMA).
void parse_vancouver_authors(std::string_view text, Reference& ref) {
  for (auto part : split(trim_chars(text, ".,"), ",")) {
    part = trim(part);
    if (part.empty()) continue;
    if (is_et_al(part)) {
      ref.et_al = true;
      continue;
    }
    if (is_suffix(part) && !ref.authors.empty()) {
      ref.authors.back().suffix = std::string(trim_chars(part, ".,"));
      continue;
    }
    Author author;
    std::size_t space = part.rfind(' ');
    if (space != std::string_view::npos && is_vancouver_initials(trim_chars(part.substr(space + 1), "."))) {
      author.family = std::string(trim(part.substr(0, space)));
      author.given = std::string(trim_chars(part.substr(space + 1), "."));
    } else {
      author.family = std::string(trim_chars(part, "."));
    }
    ref.authors.push_back(std::move(author));
  }
}

// "Bell, Rae Frances, and Eija Anneli Kalso" / "Cohen, Steven P., et al."
// (MLA, Chicago): the first name inverted, the others in natural order.
void parse_mla_authors(std::string_view text, Reference& ref) {
  std::string list(trim_chars(text, ".,"));
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
  for (auto part : split(list, ", ")) {
    part = trim(part);
    if (part.empty()) continue;
    if (is_et_al(part)) {
      ref.et_al = true;
      continue;
    }
    std::size_t et = part.find(" et al");
    if (et != std::string_view::npos) {
      ref.et_al = true;
      part = trim(part.substr(0, et));
    }
    if (is_suffix(part) && !ref.authors.empty()) {
      ref.authors.back().suffix = std::string(trim_chars(part, ".,"));
      continue;
    }
    ref.authors.push_back(natural_order_name(part));
  }
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
      if (iequals(word, "vs") || iequals(word, "e.g") || iequals(word, "i.e") ||
          iequals(word, "no") || iequals(word, "vol") || iequals(word, "al"))
        continue;
    }
    return i;
  }
  return std::string_view::npos;
}

}  // namespace internal

namespace {

// ---------------------------------------------------------------- sources

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
    bool recognised = true;
    if (istarts_with(part, "vol.") || istarts_with(part, "vol ")) {
      std::string_view volume = trim(part.substr(4));
      if (is_volume_token(volume)) ref.volume = non_empty(volume);
    } else if (istarts_with(part, "no.") || istarts_with(part, "no ") ||
               istarts_with(part, "issue ")) {
      ref.issue = non_empty(trim(part.substr(part.find_first_of(". ") + 1)));
    } else if (istarts_with(part, "pp.") || istarts_with(part, "p.") || istarts_with(part, "pp ")) {
      set_pages(ref, part);
    } else if (istarts_with(part, "doi") || istarts_with(part, "Art. no")) {
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
  } else if (!text.empty() && text.back() == ')') {
    std::size_t open = text.rfind('(');
    ref.issue = non_empty(text.substr(open + 1, text.size() - open - 2));
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
  std::size_t open = text.find(kOpenQuote);
  if (open != std::string_view::npos) {
    std::size_t close = text.find(kCloseQuote, open + kOpenQuote.size());
    if (close != std::string_view::npos) {
      q.open = open;
      q.inside = text.substr(open + kOpenQuote.size(), close - open - kOpenQuote.size());
      q.close = close + kCloseQuote.size();
      return q;
    }
  }
  open = text.find('"');
  if (open != std::string_view::npos) {
    std::size_t close = text.find('"', open + 1);
    if (close != std::string_view::npos) {
      q.open = open;
      q.inside = text.substr(open + 1, close - open - 1);
      q.close = close + 1;
    }
  }
  return q;
}

void set_title(Reference& ref, std::string_view title) {
  title = trim(title);
  while (!title.empty() && (title.back() == '.' || title.back() == ',' || title.back() == ' '))
    title.remove_suffix(1);
  if (title.size() >= 2 && title.front() == '\'' && title.back() == '\'')
    title = title.substr(1, title.size() - 2);
  ref.title = non_empty(title);
}

void parse_quoted_style(std::string_view text, const Quoted& q, Reference& ref) {
  std::string_view authors = trim(text.substr(0, q.open));
  std::string_view after = trim(text.substr(q.close));
  set_title(ref, q.inside);
  bool comma_in_quote = !q.inside.empty() && trim(q.inside).back() == ',';
  bool initials_first = !authors.empty() && is_upper(authors[0]) && authors.size() > 1 &&
                        authors[1] == '.';
  if (comma_in_quote || initials_first) {
    ref.style = CitationStyle::kIeee;
    parse_natural_authors(authors, ref);
    parse_element_source(after, ref);
    return;
  }
  // Chicago author-date puts the year right after the authors: "Kalso. 2018."
  std::string_view author_part = trim_chars(authors, ".");
  std::size_t last_space = author_part.rfind(". ");
  if (last_space != std::string_view::npos && is_year_at(author_part, last_space + 2) &&
      trim_chars(author_part.substr(last_space + 2), ".").size() <= 5) {
    ref.style = CitationStyle::kChicago;
    ref.year = first_year(author_part.substr(last_space + 2));
    parse_mla_authors(author_part.substr(0, last_space), ref);
    parse_chicago_source(after, ref);
    return;
  }
  parse_mla_authors(authors, ref);
  // Chicago notes-bibliography: "Container 43, no. 5 (2018): 521-46".
  std::string_view source = trim_chars(after, ".");
  bool has_paren_date = source.find(" (") != std::string_view::npos &&
                        source.find("): ") != std::string_view::npos;
  if (has_paren_date && source.find("vol.") == std::string_view::npos) {
    ref.style = CitationStyle::kChicago;
    parse_chicago_source(after, ref);
    return;
  }
  ref.style = CitationStyle::kMla;
  parse_element_source(after, ref);
}


void parse_author_date(std::string_view text, std::size_t open, Reference& ref) {
  std::size_t close = text.find(')', open);
  ref.year = first_year(text.substr(open + 1, close - open - 1));
  std::string_view authors = trim(text.substr(0, open));
  std::string_view rest = trim(text.substr(close + 1));
  bool period_after = !rest.empty() && rest.front() == '.';
  rest = trim_chars(rest, ".,");
  if (!parse_inverted_initials(authors, ref)) parse_mla_authors(authors, ref);

  bool harvard = !period_after || icontains(text, " pp. ") || icontains(text, ", p. ") ||
                 (!rest.empty() && rest.front() == '\'');
  ref.style = harvard ? CitationStyle::kHarvard : CitationStyle::kApa;

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
  if (best == std::string_view::npos) {
    std::size_t end = sentence_end(rest, 0);
    set_title(ref, rest.substr(0, end == std::string_view::npos ? rest.size() : end + 1));
    if (end != std::string_view::npos) ref.container = non_empty(rest.substr(end + 2));
    return;
  }
  set_title(ref, rest.substr(0, rest[best] == '.' ? best : best + 1));
  parse_comma_source(rest.substr(best + 2), ref);
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

void parse_vancouver(std::string_view text, Reference& ref) {
  ref.style = text.find("doi:10.") != std::string_view::npos ? CitationStyle::kAma
                                                             : CitationStyle::kVancouver;
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
  } else {
    std::size_t cut = title_and_journal.rfind(". ");
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
  // Authors: "Family, I. I., Family, I. & Family, I." up to the first sentence
  // end that does not follow an initial.
  std::size_t authors_end = sentence_end(before, 0);
  if (authors_end == std::string_view::npos) return false;
  Reference probe;
  if (!parse_inverted_initials(before.substr(0, authors_end + 1), probe)) return false;
  ref = std::move(probe);
  ref.style = CitationStyle::kNature;
  ref.year = first_year(inside);
  set_volume_issue(ref, before.substr(space + 1));
  set_pages(ref, source.substr(comma + 2));
  // Journal: walk back over abbreviated words ("Reg. Anesth. Pain Med.").
  std::string_view middle = trim(before.substr(authors_end + 1, space - authors_end - 1));
  std::size_t journal_start = middle.size();
  std::size_t pos = middle.size();
  while (pos > 0) {
    std::size_t sp = middle.rfind(' ', pos - 1);
    std::size_t word_start = sp == std::string_view::npos ? 0 : sp + 1;
    std::string_view word = middle.substr(word_start, pos - word_start);
    bool ends_sentence = word_start > 0 && middle[word_start - 2] == '.';
    bool journal_word = !word.empty() && (is_upper(word[0]) || word == "&" || word == "of" ||
                                          word == "in" || word == "and");
    if (!journal_word) break;
    journal_start = word_start;
    if (ends_sentence) {
      std::size_t prev_start = middle.rfind(' ', word_start - 2);
      prev_start = prev_start == std::string_view::npos ? 0 : prev_start + 1;
      std::string_view prev = middle.substr(prev_start, word_start - 1 - prev_start);
      // An abbreviation is short and capitalised ("Anesth."); anything else ends the title.
      bool abbreviation = prev.size() <= 8 && !prev.empty() && is_upper(prev[0]);
      if (!abbreviation) break;
    }
    if (sp == std::string_view::npos) break;
    pos = sp;
  }
  set_title(ref, middle.substr(0, journal_start));
  ref.container = non_empty(middle.substr(journal_start));
  return true;
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
    std::string_view inside = text.substr(open + 1, close - open - 1);
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
  // "Family AB," or "Family AB." or "de la Family AB,"
  std::size_t end = text.find_first_of(",.");
  if (end == std::string_view::npos || end > 60) return false;
  std::string_view first = text.substr(0, end);
  std::size_t space = first.rfind(' ');
  return space != std::string_view::npos && is_vancouver_initials(first.substr(space + 1)) &&
         is_upper(first[0]);
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

// Removes identifiers, URLs and access notes, which every style appends last.
std::string strip_trailers(std::string_view text) {
  std::string out(text);
  auto cut_from = [&](std::string_view marker) {
    std::size_t at = std::string::npos;
    for (std::size_t i = 0; i + marker.size() <= out.size(); ++i)
      if (iequals(std::string_view(out).substr(i, marker.size()), marker)) {
        at = i;
        break;
      }
    if (at != std::string::npos && at > out.size() / 3) out.erase(at);
  };
  for (std::string_view marker : {" Accessed ", " Retrieved ", " Available from", " Available at",
                                  " [cited ", " Published ", " Epub ", " doi:", " doi: ",
                                  " DOI:", " PMID:", " PMCID:", " https://", " http://",
                                  " www.", " Available online", " [Epub"})
    cut_from(marker);
  std::string_view trimmed = trim_chars(out, ",;");
  return std::string(trimmed);
}

}  // namespace

Reference parse_reference(std::string_view entry) {
  Reference ref;
  std::string_view content = trim(entry.substr(list_marker_length(entry)));
  std::string text = simplify(content);
  std::string body = strip_trailers(text);
  if (Quoted q = find_quoted_title(body);
      q.open != std::string_view::npos && q.open > 0 && q.inside.size() > 3) {
    parse_quoted_style(body, q, ref);
  } else if (std::size_t paren = author_date_paren(body); paren != std::string_view::npos) {
    parse_author_date(body, paren, ref);
  } else if (parse_nature(body, ref)) {
  } else if (has_vancouver_source(body) || starts_with_vancouver_author(body)) {
    parse_vancouver(body, ref);
  } else if (!first_year(body) && parse_title_journal(body, ref)) {
  } else {
    ref.style = CitationStyle::kUnknown;
    ref.year = first_year(body);
  }
  ref.raw = std::string(content);
  if (auto dois = schema::find_dois(text); !dois.empty()) ref.doi = dois.front().value;
  if (auto pmids = schema::find_pmids(text); !pmids.empty()) ref.pmid = pmids.front().value;
  if (auto pmcids = schema::find_pmcids(text); !pmcids.empty()) ref.pmcid = pmcids.front().value;
  return ref;
}

}  // namespace litgraph::crawlers
