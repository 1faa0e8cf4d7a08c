#include "litgraph/schema/identifiers.h"

#include <algorithm>
#include <array>

namespace litgraph::schema {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iends_with(std::string_view text, std::size_t end, std::string_view suffix) {
  if (end < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (lower(text[end - suffix.size() + i]) != suffix[i]) return false;
  return true;
}

bool istarts_with(std::string_view text, std::size_t pos, std::string_view prefix) {
  if (pos + prefix.size() > text.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(text[pos + i]) != prefix[i]) return false;
  return true;
}

// Characters a DOI suffix may hold in running text. Non-ASCII bytes end it
// (typographic quotes and dashes follow DOIs in web text), as do quotes.
bool is_suffix_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7F) return false;
  switch (c) {
    case '"': case '\'': case '`': case '{': case '}': case '|': case '\\': case '^':
      return false;
    default:
      return true;
  }
}

// Length of the registrant part "10.NNNN(.NNN)*/" starting at pos, or 0.
std::size_t registrant_length(std::string_view text, std::size_t pos) {
  if (!istarts_with(text, pos, "10.")) return 0;
  std::size_t i = pos + 3;
  std::size_t digits = 0;
  while (i < text.size() && is_digit(text[i])) ++i, ++digits;
  if (digits < 4 || digits > 9) return 0;
  while (i + 1 < text.size() && text[i] == '.' && is_digit(text[i + 1])) {
    ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
  }
  if (i >= text.size() || text[i] != '/') return 0;
  return i + 1 - pos;
}

// Start of a resolver prefix ("https://doi.org/", "doi:") that ends, give or
// take white space, at `pos`; `pos` itself if there is none.
std::size_t resolver_prefix_start(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  while (end > 0 && is_space(text[end - 1]) && pos - end < 3) --end;
  for (std::string_view host : {"doi.org/", "doi.org/doi:"}) {
    if (!iends_with(text, end, host)) continue;
    std::size_t start = end - host.size();
    for (std::string_view sub : {"dx.", "www."})
      if (iends_with(text, start, sub)) start -= sub.size();
    for (std::string_view scheme : {"https://", "http://"})
      if (iends_with(text, start, scheme)) start -= scheme.size();
    return start;
  }
  if (iends_with(text, end, "doi:")) return end - 4;
  return pos;
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Removes trailing punctuation that belongs to the sentence, not the DOI:
// `.,;:!?` always, and closing brackets that have no opening partner.
void strip_trailing_punctuation(std::string& doi, std::size_t min_length) {
  while (doi.size() > min_length) {
    char last = doi.back();
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?') {
      doi.pop_back();
      continue;
    }
    const std::array<std::pair<char, char>, 3> brackets = {{{'(', ')'}, {'[', ']'}, {'<', '>'}}};
    bool stripped = false;
    for (auto [open, close] : brackets) {
      if (last != close) continue;
      if (std::count(doi.begin(), doi.end(), close) > std::count(doi.begin(), doi.end(), open)) {
        doi.pop_back();
        stripped = true;
      }
    }
    if (!stripped) break;
  }
}

// Reads a DOI whose registrant starts at `pos`; returns its end and fills `doi`.
std::size_t read_doi(std::string_view text, std::size_t pos, std::string& doi) {
  std::size_t registrant = registrant_length(text, pos);
  std::size_t i = pos + registrant;
  doi.assign(text.substr(pos, registrant));
  for (;;) {
    std::size_t start = i;
    while (i < text.size() && is_suffix_char(text[i])) ++i;
    doi.append(text.substr(start, i - start));
    // Repair a split: the DOI cannot end with '/' or '-', so white space right
    // after one (a line break, a stray space) is not the end of it.
    bool can_continue = !doi.empty() && (doi.back() == '/' || doi.back() == '-');
    std::size_t gap = i;
    while (gap < text.size() && is_space(text[gap]) && gap - i < 3) ++gap;
    if (can_continue && gap > i && gap < text.size() && is_alnum(text[gap])) {
      i = gap;
      continue;
    }
    break;
  }
  std::string decoded = percent_decode(doi);
  for (char& c : decoded) c = lower(c);
  strip_trailing_punctuation(decoded, registrant);
  doi = std::move(decoded);
  return i;
}

std::vector<IdentifierMatch> find_numbered(std::string_view text,
                                           std::initializer_list<std::string_view> labels,
                                           std::size_t max_digits) {
  std::vector<IdentifierMatch> found;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    for (std::string_view label : labels) {
      if (!istarts_with(text, pos, label)) continue;
      if (pos > 0 && is_alnum(text[pos - 1])) continue;
      std::size_t i = pos + label.size();
      while (i < text.size() && (text[i] == ':' || text[i] == ' ' || text[i] == '#')) ++i;
      std::size_t digits_start = i;
      while (i < text.size() && is_digit(text[i])) ++i;
      std::size_t digits = i - digits_start;
      if (digits == 0 || digits > max_digits || (i < text.size() && is_alnum(text[i]))) continue;
      std::string value(text.substr(digits_start, digits));
      value.erase(0, std::min(value.find_first_not_of('0'), value.size() - 1));
      bool seen = std::any_of(found.begin(), found.end(),
                              [&](const IdentifierMatch& m) { return m.value == value; });
      if (!seen) found.push_back({value, pos, i});
      pos = i;
      break;
    }
  }
  return found;
}

}  // namespace

bool is_valid_doi(std::string_view doi) {
  std::size_t registrant = registrant_length(doi, 0);
  if (registrant == 0 || registrant == doi.size()) return false;
  bool has_alnum = false;
  for (std::size_t i = registrant; i < doi.size(); ++i) {
    auto u = static_cast<unsigned char>(doi[i]);
    if (u <= 0x20 || u == 0x7F) return false;
    if (is_alnum(doi[i])) has_alnum = true;
  }
  return has_alnum;
}

std::vector<IdentifierMatch> find_dois(std::string_view text) {
  std::vector<IdentifierMatch> found;
  std::size_t pos = 0;
  while ((pos = text.find("10.", pos)) != std::string_view::npos) {
    bool boundary = pos == 0 || !(is_alnum(text[pos - 1]) || text[pos - 1] == '.' ||
                                  text[pos - 1] == '-' || text[pos - 1] == '_');
    if (!boundary || registrant_length(text, pos) == 0) {
      pos += 3;
      continue;
    }
    std::string doi;
    std::size_t end = read_doi(text, pos, doi);
    if (is_valid_doi(doi)) {
      bool seen = std::any_of(found.begin(), found.end(),
                              [&](const IdentifierMatch& m) { return m.value == doi; });
      if (!seen) found.push_back({doi, resolver_prefix_start(text, pos), end});
    }
    pos = std::max(end, pos + 3);
  }
  return found;
}

std::optional<std::string> normalize_doi(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  if (istarts_with(text, 0, "urn:")) text.remove_prefix(4);
  auto matches = find_dois(text);
  if (matches.size() != 1 || matches[0].begin != 0) return std::nullopt;
  for (std::size_t i = matches[0].end; i < text.size(); ++i)
    if (is_alnum(text[i])) return std::nullopt;
  return matches[0].value;
}

std::vector<IdentifierMatch> find_pmids(std::string_view text) {
  return find_numbered(text, {"pmid", "pubmed.ncbi.nlm.nih.gov/", "pubmed/"}, 9);
}

std::vector<IdentifierMatch> find_pmcids(std::string_view text) {
  std::vector<IdentifierMatch> found;
  for (auto& match : find_numbered(text, {"pmc"}, 9)) {
    if (match.value.size() < 3) continue;  // "PMC 12" is not an id
    match.value = "PMC" + match.value;
    found.push_back(std::move(match));
  }
  return found;
}

}  // namespace litgraph::schema
