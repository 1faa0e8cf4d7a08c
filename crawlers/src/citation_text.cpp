#include "citation_text.h"

#include <array>

namespace litgraph::crawlers::internal {

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string_view trim_chars(std::string_view text, std::string_view chars) {
  auto strip = [&](char c) { return is_space(c) || chars.find(c) != std::string_view::npos; };
  while (!text.empty() && strip(text.front())) text.remove_prefix(1);
  while (!text.empty() && strip(text.back())) text.remove_suffix(1);
  return text;
}

namespace {

// Whether the space between `out` and `next` (followed by `after`) is one that
// some publishers (Wiley, PDF exports) put before punctuation or inside
// brackets and dashes: "Miller LK ( 1994. )", "J Virol 68 : 2521 – 2528 .".
// An APA ellipsis ". . ." keeps its spaces.
bool loose_space(std::string_view out, char next, std::string_view after) {
  char last = out.back();
  if (last == '(' || last == '[') return true;
  switch (next) {
    case ',': case ';':
      // ". ," and ". ;" mark an empty field in PubMed records ("Dement. , 1-13",
      // "et al. ; Group"): the period still ends what comes before.
      return last != '.';
    case ')': case ']':
      return true;
    case ':':  // "68 : 2521", not the colon of a title ("Spine journal : official …")
      return is_digit(last) || last == ')';
    case '.':
      return last != '.' && !(after.size() > 1 && after[0] == ' ' && after[1] == '.');
    case '-':
      return is_digit(last) && !after.empty() &&
             (is_digit(after[0]) || (after[0] == ' ' && after.size() > 1 && is_digit(after[1])));
    default:
      // The second space of "2521 - 2528".
      return is_digit(next) && last == '-' && out.size() > 1 && is_digit(out[out.size() - 2]);
  }
}

}  // namespace

std::string simplify(std::string_view text) {
  // Written in place. The text grows only by the spaces put back after a
  // comma or "et al.", at most one for every two characters.
  std::string buffer(text.size() + text.size() / 2 + 1, '\0');
  std::size_t n = 0;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto lead = static_cast<unsigned char>(c);
    // Most characters go through unchanged.
    if (!space && lead < 0x80 && !is_space(c) && !is_upper(c)) {
      buffer[n++] = c;
      continue;
    }
    if (lead == 0xE2) {
      std::string_view seq = text.substr(i, 3);
      if (seq == "\u2013" || seq == "\u2014" || seq == "\u2012" || seq == "\u2010" ||
          seq == "\u2011" || seq == "\u2212") {
        c = '-';
        i += 2;
      } else if (seq == "\u2019" || seq == "\u2018") {
        c = '\'';
        i += 2;
      } else if (seq == "\u2009" || seq == "\u200A" || seq == "\u202F" || seq == "\u2002" ||
                 seq == "\u2003") {
        c = ' ';
        i += 2;
      }
    } else if (lead == 0xC2 && text.substr(i, 2) == "\u00A0") {
      c = ' ';
      i += 1;
    }
    if (is_space(c)) {
      space = true;
      continue;
    }
    std::string_view out(buffer.data(), n);
    // "Schuraytz,B.C." and "et al.Genome engineering": spaces left out after
    // a name.
    bool missing_space =
        is_upper(c) && n >= 2 &&
        ((out.back() == ',' && is_lower(out[n - 2])) || (n >= 6 && out.substr(n - 6) == "et al."));
    if (space ? n > 0 && !loose_space(out, c, text.substr(i + 1)) : missing_space)
      buffer[n++] = ' ';
    space = false;
    buffer[n++] = c;
  }
  buffer.resize(n);
  return buffer;
}

std::size_t list_marker_length(std::string_view line, bool* numbered) {
  if (numbered) *numbered = false;
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  std::size_t start = i;
  auto finish = [&](std::size_t end, bool is_number) -> std::size_t {
    if (numbered) *numbered = is_number;
    while (end < line.size() && is_space(line[end])) ++end;
    return end;
  };
  std::string_view rest = line.substr(start);
  for (std::string_view bullet : {"\u2022", "\u25AA", "\u25CF", "\u2023", "\u00B7", "\u2013"}) {
    if (rest.substr(0, bullet.size()) == bullet) return finish(start + bullet.size(), false);
  }
  if (!rest.empty() && (rest[0] == '-' || rest[0] == '*') && rest.size() > 1 && is_space(rest[1]))
    return finish(start + 1, false);
  bool bracket = !rest.empty() && (rest[0] == '[' || rest[0] == '(');
  std::size_t j = start + (bracket ? 1 : 0);
  std::size_t digits_start = j;
  while (j < line.size() && is_digit(line[j])) ++j;
  std::size_t digits = j - digits_start;
  if (digits == 0 || digits > 3 || j >= line.size()) return 0;
  char close = line[j];
  if (bracket) {
    if ((rest[0] == '[' && close == ']') || (rest[0] == '(' && close == ')'))
      return finish(j + 1, true);
    return 0;
  }
  if (close == '.' || close == ')') {
    // "9.Li N" has no space; "2.5 hours" is a number, not a marker.
    if (j + 1 < line.size() && is_digit(line[j + 1])) return 0;
    return finish(j + 1, true);
  }
  return 0;
}

bool is_year_at(std::string_view text, std::size_t pos) {
  if (pos + 4 > text.size()) return false;
  for (std::size_t i = pos; i < pos + 4; ++i)
    if (!is_digit(text[i])) return false;
  if (pos > 0 && (is_digit(text[pos - 1]) || text[pos - 1] == '.')) return false;
  if (pos + 4 < text.size() && is_digit(text[pos + 4])) return false;
  int year = std::stoi(std::string(text.substr(pos, 4)));
  return year >= 1800 && year <= 2039;
}

std::optional<int> first_year(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i)
    if (is_year_at(text, i)) return std::stoi(std::string(text.substr(i, 4)));
  return std::nullopt;
}

std::optional<int> last_year(std::string_view text) {
  for (std::size_t i = text.size() >= 4 ? text.size() - 4 + 1 : 0; i-- > 0;)
    if (is_year_at(text, i)) return std::stoi(std::string(text.substr(i, 4)));
  return std::nullopt;
}

bool is_month_word(std::string_view word) {
  word = trim_chars(word, ".,;");
  if (word.size() < 3 || !is_alpha(word[0])) return false;
  static constexpr std::array<std::string_view, 16> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "spring", "summer", "autumn", "winter"};
  if (word.size() < 3) return false;
  for (std::string_view month : kMonths) {
    if (word.size() > month.size()) continue;
    if (iequals(word, month.substr(0, word.size())) && (word.size() >= 3)) return true;
  }
  return iequals(word, "fall") || iequals(word, "sept");
}

bool is_initials(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 12) return false;
  // Dotted: every piece is an upper-case letter (optionally with one lower-case
  // letter, "Ch.") and a period; pieces may be joined by '-' or ' '.
  bool dotted = text.find('.') != std::string_view::npos;
  if (!dotted) return is_vancouver_initials(text);
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_upper(text[i])) return false;
    ++i;
    if (i < text.size() && is_lower(text[i])) ++i;
    if (i >= text.size() || text[i] != '.') return false;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '-')) ++i;
  }
  return true;
}

bool is_vancouver_initials(std::string_view word) {
  // "CA", "H-J"
  if (word.empty() || word.size() > 5 || !is_upper(word.front()) || !is_upper(word.back()))
    return false;
  std::size_t letters = 0;
  for (char c : word) {
    if (is_upper(c)) ++letters;
    else if (c != '-') return false;
  }
  return letters <= 4 && word.find("--") == std::string_view::npos;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, at - start));
    start = at + separator.size();
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (is_upper(x)) x = static_cast<char>(x - 'A' + 'a');
    if (is_upper(y)) y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (iequals(text.substr(i, needle.size()), needle)) return true;
  return false;
}

}  // namespace litgraph::crawlers::internal
