// Finds reference entries in an article. Web articles put one entry on a line,
// often with no heading (after an advertisement or a disclaimer) and next to
// lines that only look like data (phone numbers, dates, navigation). Each line
// gets a score from the signals that references carry; a run of strong lines,
// or the lines under a reference heading, are taken as entries.
#include <algorithm>

#include "citation_text.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/schema/identifiers.h"
#include "reference_parser_internal.h"

namespace litgraph::crawlers {

using schema::Reference;
using namespace internal;

namespace {

constexpr int kStrongScore = 5;   // a reference on its own, anywhere
constexpr int kNearbyScore = 3;   // a reference when next to strong ones
constexpr int kSectionScore = 2;  // a reference under a reference heading

struct Candidate {
  long line = 0;         // 1-based line of the entry's start
  std::string text;      // the entry, simplified, continuation lines joined with spaces
  std::string original;  // the same as written
  bool marker = false;   // began with a list marker
  bool heading = false;  // a reference-list heading
  bool blank = false;
  int score = 0;
  bool title_journal = false;
  bool accepted = false;
};

bool is_reference_heading(std::string_view line) {
  std::string_view text = trim_chars(line, ":#*");
  if (text.size() > 40) return false;
  for (std::string_view heading :
       {"references", "reference list", "bibliography", "works cited", "literature cited",
        "literature", "sources", "citations", "articles", "further reading", "selected references",
        "cited works", "notes and references", "sources and references", "references and notes",
        "reference", "source", "studies cited", "research cited", "scientific references"})
    if (iequals(text, heading)) return true;
  return false;
}

// "Cohen, S." / "Bell, Rae" / "St Pierre, S." / "Zarate CA," / "A. B. Family".
bool starts_with_author(std::string_view text) {
  if (text.empty() || !is_upper(text[0])) return false;
  if (starts_with_vancouver_author(text)) return true;
  if (text.size() > 3 && text[1] == '.' && text[2] == ' ' && is_upper(text[3])) return true;
  std::size_t comma = text.find(", ");
  if (comma == std::string_view::npos || comma > 40) return false;
  std::string_view family = text.substr(0, comma);
  int words = 1;
  for (char c : family) {
    if (c == ' ') ++words;
    else if (!is_alpha(c) && c != '-' && c != '\'' && static_cast<unsigned char>(c) < 0x80)
      return false;
  }
  if (words > 3) return false;
  std::string_view after = text.substr(comma + 2);
  return !after.empty() && is_upper(after[0]) &&
         (after.size() < 2 || after[1] == '.' || is_lower(after[1]) || after[1] == ' ' ||
          is_upper(after[1]));
}

bool has_apa_source(std::string_view text) {
  // "43(5), 521" or "63(8):856"
  for (std::size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    if (open == 0 || !is_digit(text[open - 1])) continue;
    std::size_t close = text.find(')', open);
    if (close == std::string_view::npos || close - open > 12) continue;
    std::string_view after = text.substr(close + 1, 3);
    if (after.size() >= 2 && (after[0] == ':' || (after[0] == ',' && after[1] == ' '))) return true;
  }
  return false;
}

bool has_page_range(std::string_view text) {
  for (std::size_t i = 1; i + 1 < text.size(); ++i)
    if (text[i] == '-' && is_digit(text[i - 1]) && (is_digit(text[i + 1]) || text[i + 1] == 'e'))
      return true;
  return false;
}

int count_sentences(std::string_view text) {
  int count = 0;
  for (std::size_t end = sentence_end(text, 0); end != std::string_view::npos;
       end = sentence_end(text, end + 1))
    ++count;
  return count;
}

int reference_score(std::string_view text) {
  if (text.size() < 25 || text.size() > 2000) return -10;
  int score = 0;
  if (!schema::find_dois(text).empty()) score += 4;
  if (!schema::find_pmids(text).empty() || !schema::find_pmcids(text).empty()) score += 3;
  if (has_vancouver_source(text)) score += 3;
  bool author = starts_with_author(text);
  if (author) score += 2;
  std::size_t paren = author_date_paren(text);
  if (paren != std::string_view::npos && paren < 400) score += author ? 3 : 1;
  if (text.find("\u201C") != std::string_view::npos) score += 1;
  if (icontains(text, "et al")) score += 1;
  int elements = 0;
  for (std::string_view element : {"vol. ", "no. ", "pp. ", " p. "})
    if (icontains(text, element)) ++elements;
  score += std::min(elements, 2);
  if (has_apa_source(text)) score += 2;
  if (has_page_range(text)) score += 1;
  if (first_year(text)) score += 1;
  if (is_lower(text[0])) score -= 2;
  if (count_sentences(text) > 6) score -= 3;
  return score;
}

// A line such as "Ketamine for chronic pain: risks and benefits – British Journal
// of Clinical Pharmacology": a title and a container, no sentence.
bool is_title_journal_line(std::string_view text) {
  Reference probe;
  if (!parse_title_journal(text, probe)) return false;
  if (first_year(text) || sentence_end(text, 0) != std::string_view::npos) return false;
  std::string_view container = *probe.container;
  return !container.empty() && is_upper(container[0]) && text.size() <= 400;
}

std::vector<Candidate> read_candidates(std::string_view text) {
  std::vector<Candidate> candidates;
  long line_number = 0;
  std::size_t pos = 0;
  bool open_entry = false;  // the previous candidate may continue on this line
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_number;
    pos = end + 1;

    std::string_view trimmed = trim(line);
    if (trimmed.empty()) {
      Candidate blank;
      blank.line = line_number;
      blank.blank = true;
      candidates.push_back(blank);
      open_entry = false;
      if (end == text.size()) break;
      continue;
    }
    bool numbered = false;
    std::size_t marker = list_marker_length(line, &numbered);
    std::string_view original = trim(line.substr(marker));
    std::string content = simplify(original);
    bool starts_entry = marker > 0 || starts_with_author(content);
    // A hanging indent continues a list entry even after a full stop.
    bool indented = is_space(line[0]) && !candidates.empty() && candidates.back().marker &&
                    !candidates.back().blank;
    if ((open_entry || indented) && !starts_entry && !is_reference_heading(trimmed)) {
      candidates.back().text += ' ';
      candidates.back().text += content;
      candidates.back().original += ' ';
      candidates.back().original += original;
    } else {
      Candidate candidate;
      candidate.line = line_number;
      candidate.text = std::move(content);
      candidate.original = std::string(original);
      candidate.marker = marker > 0;
      candidate.heading = is_reference_heading(trimmed);
      candidates.push_back(std::move(candidate));
    }
    // Wrapped entries (text from PDFs) continue on the next line when the line
    // stops mid-sentence.
    const Candidate& last = candidates.back();
    char final_char = last.text.empty() ? '.' : last.text.back();
    open_entry = !last.heading && (last.marker || starts_with_author(last.text)) &&
                 final_char != '.' && last.text.size() < 400;
    if (end == text.size()) break;
  }
  for (Candidate& c : candidates) {
    if (c.blank || c.heading) continue;
    c.score = reference_score(c.text);
    c.title_journal = is_title_journal_line(c.text);
  }
  return candidates;
}

void accept_entries(std::vector<Candidate>& candidates) {
  // Under a heading: everything that looks even a little like a reference,
  // until the first line that does not.
  bool in_section = false;
  for (Candidate& c : candidates) {
    if (c.heading) {
      in_section = true;
      continue;
    }
    if (c.blank) continue;
    if (c.score >= kStrongScore) c.accepted = true;
    if (in_section) {
      if (c.score >= kSectionScore || c.title_journal) {
        c.accepted = true;
      } else {
        in_section = false;
      }
    }
  }
  // Without a heading: weaker lines count when they stand next to accepted ones.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Candidate& c = candidates[i];
      if (c.accepted || c.blank || c.heading || c.score < kNearbyScore) continue;
      auto neighbour_accepted = [&](long step) {
        for (long j = static_cast<long>(i) + step; j >= 0 && j < static_cast<long>(candidates.size());
             j += step) {
          if (candidates[j].blank) continue;
          return candidates[j].accepted;
        }
        return false;
      };
      if (neighbour_accepted(-1) || neighbour_accepted(1)) {
        c.accepted = true;
        changed = true;
      }
    }
  }
}

}  // namespace

std::vector<Reference> extract_references(std::string_view text, std::string_view source) {
  std::vector<Candidate> candidates = read_candidates(text);
  accept_entries(candidates);
  std::vector<Reference> references;
  for (const Candidate& c : candidates) {
    if (!c.accepted) continue;
    Reference ref = parse_reference(c.original);
    ref.source = std::string(source);
    ref.line = c.line;
    ref.n = static_cast<int>(references.size()) + 1;
    references.push_back(std::move(ref));
  }
  return references;
}

}  // namespace litgraph::crawlers
