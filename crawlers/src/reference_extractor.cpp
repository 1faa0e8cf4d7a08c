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
  int number = -1;       // the marker's number ("12." -> 12), -1 if none
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
  // Family names may open with a lower-case particle: "van Dyck CH", "de Belle, J. S.".
  for (std::string_view particle : {"van der ", "van den ", "van de ", "van ", "von ", "de la ",
                                    "de ", "del ", "della ", "di ", "da ", "du ", "le ", "ter "})
    if (text.substr(0, particle.size()) == particle && text.size() > particle.size() &&
        is_upper(text[particle.size()])) {
      text.remove_prefix(particle.size());
      break;
    }
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
  // After the comma: initials ("S.", "S.P.", "CA") or a given name ("Rae").
  std::string_view after = text.substr(comma + 2);
  std::size_t word_end = after.find_first_of(" ,");
  std::string_view given = after.substr(0, word_end);
  if (given.empty() || !is_upper(given[0])) return false;
  if (is_initials(given) || is_initials(trim_chars(given, ","))) return true;
  return given.size() >= 2 && std::all_of(given.begin() + 1, given.end(), [](char c) {
           return is_lower(c) || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
         });
}

// Words that running prose uses and reference entries rarely do.
int count_prose_words(std::string_view text) {
  int count = 0;
  for (std::string_view word : {" we ", " was ", " were ", " is ", " are ", " has ", " have ",
                                " had ", " this ", " which ", " our ", " you ", " can "}) {
    for (std::size_t at = text.find(word); at != std::string_view::npos;
         at = text.find(word, at + 1))
      ++count;
  }
  return count;
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

// "12" of "[12] …", "12. …" or "(12) …".
int leading_number(std::string_view line) {
  std::size_t i = line.find_first_of("0123456789");
  int value = 0;
  for (; i < line.size() && is_digit(line[i]) && value < 100000; ++i) value = value * 10 + (line[i] - '0');
  return value;
}

// "Nature 1999, 399:A23-A31" / "J Neurochem 1999, 72(3):1030" / "Nature 2006,
// 440, 352": the source as BioMed Central and the ACS write it.
bool has_year_volume_pages(std::string_view text) {
  for (std::size_t i = 0; i + 4 < text.size(); ++i) {
    if (!is_year_at(text, i)) continue;
    std::size_t j = i + 4;
    if (j + 2 >= text.size() || text[j] != ',' || text[j + 1] != ' ' || !is_digit(text[j + 2]))
      continue;
    j += 2;
    while (j < text.size() && (is_digit(text[j]) || text[j] == '(' || text[j] == ')' ||
                               is_alpha(text[j])))
      ++j;
    if (j < text.size() && text[j] == ':') return true;
    // ACS: "Nature 2006, 440, 352."
    if (j + 2 < text.size() && text[j] == ',' && text[j + 1] == ' ' && is_digit(text[j + 2]))
      return true;
  }
  return false;
}

// "Am J Hum Genet 61:748-760" / "Neuron 22: 23-31": volume, colon, page range.
bool has_volume_pages(std::string_view text) {
  for (std::size_t colon = text.find(':'); colon != std::string_view::npos;
       colon = text.find(':', colon + 1)) {
    if (colon == 0 || !is_digit(text[colon - 1])) continue;
    std::size_t j = colon + 1;
    if (j < text.size() && text[j] == ' ') ++j;
    if (j < text.size() && is_alpha(text[j])) ++j;  // "e26", "S21"
    std::size_t digits = j;
    while (j < text.size() && is_digit(text[j])) ++j;
    if (j > digits && j < text.size() && text[j] == '-') return true;
  }
  return false;
}

// "J. Neurosci 25, 8680-8685 (2005)." : Nature's and Science's source at the end.
bool has_nature_tail(std::string_view text) {
  text = trim_chars(text, ".");
  if (text.size() < 12 || text.back() != ')') return false;
  std::size_t open = text.size() - 6;
  if (text[open] != '(' || !is_year_at(text, open + 1)) return false;
  std::size_t i = open;
  while (i > 0 && text[i - 1] == ' ') --i;
  return i > 0 && is_digit(text[i - 1]) && text.substr(0, i).find(", ") != std::string_view::npos;
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
  if (has_vancouver_source(text) || has_year_volume_pages(text) || has_volume_pages(text) ||
      has_nature_tail(text))
    score += 3;
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
  if ((is_lower(text[0]) && !author) || is_digit(text[0])) score -= 2;  // entries start with a name or title
  if (count_sentences(text) > 6) score -= 3;
  if (count_prose_words(text) >= 3) score -= 3;
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
    // An unindented line that is a whole reference by itself ("Neurology. 1984
    // Jul;34(7):939-44", as PubMed lists sources) starts a new entry.
    bool continues = !starts_entry && !is_reference_heading(trimmed) &&
                     (indented || (open_entry && reference_score(content) < kStrongScore));
    if (continues) {
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
      if (numbered) candidate.number = leading_number(trimmed);
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
  // Under a heading: everything that looks even a little like a reference, and
  // every entry that continues the numbering, until the first line that does not.
  bool in_section = false;
  int last_number = -1;
  for (Candidate& c : candidates) {
    if (c.heading) {
      in_section = true;
      continue;
    }
    if (c.blank) continue;
    bool continues_numbering = c.number > 0 && c.number == last_number + 1;
    if (c.score >= kStrongScore) c.accepted = true;
    if (in_section) {
      if (c.score >= kSectionScore || c.title_journal || (continues_numbering && c.score >= 0)) {
        c.accepted = true;
      } else {
        in_section = false;
      }
    }
    last_number = c.accepted ? c.number : -1;
  }
  // Without a heading: weaker lines count when they stand next to accepted ones,
  // and numbered lines when they continue an accepted entry's numbering.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Candidate& c = candidates[i];
      if (c.accepted || c.blank || c.heading) continue;
      auto accepted_neighbour = [&](long step) -> const Candidate* {
        for (long j = static_cast<long>(i) + step; j >= 0 && j < static_cast<long>(candidates.size());
             j += step) {
          if (candidates[j].blank) continue;
          return candidates[j].accepted ? &candidates[j] : nullptr;
        }
        return nullptr;
      };
      const Candidate* before = accepted_neighbour(-1);
      const Candidate* after = accepted_neighbour(1);
      bool in_numbering = c.number > 0 && ((before && before->number == c.number - 1) ||
                                           (after && after->number == c.number + 1));
      if ((c.score >= kNearbyScore && (before || after)) || (in_numbering && c.score >= 1)) {
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
