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

std::string simplify(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    std::string_view rest = text.substr(i);
    const char* replacement = nullptr;
    std::size_t length = 1;
    if (c == 0xE2 && rest.size() >= 3) {
      std::string_view seq = rest.substr(0, 3);
      if (seq == "\u2013" || seq == "\u2014" || seq == "\u2012" || seq == "\u2010" ||
          seq == "\u2011" || seq == "\u2212")
        replacement = "-";
      else if (seq == "\u2019" || seq == "\u2018")
        replacement = "'";
      else if (seq == "\u2009" || seq == "\u200A" || seq == "\u202F" || seq == "\u2002" ||
               seq == "\u2003")
        replacement = " ";
      if (replacement) length = 3;
    } else if (c == 0xC2 && rest.size() >= 2 && static_cast<unsigned char>(rest[1]) == 0xA0) {
      replacement = " ";
      length = 2;
    }
    std::string_view piece = replacement ? std::string_view(replacement) : rest.substr(0, 1);
    i += length - 1;
    if (piece.size() == 1 && is_space(piece[0])) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += piece;
  }
  return out;
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
