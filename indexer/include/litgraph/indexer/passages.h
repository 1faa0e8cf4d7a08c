// Passages and citation markers: cuts an article or abstract into sentences
// (the index's `passage` records) and finds the in-text citation markers that
// tie a sentence to an entry of the reference list (the `cites` edges and
// their contexts).
//
// Pure functions of their input; thread-safe; linear in the text's length.
// They never throw for any input bytes (invalid UTF-8 is only passed through).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace litgraph::indexer {

// One sentence (or one heading, list item or cut piece of a long sentence).
struct Passage {
  std::size_t begin = 0;  // byte offset of the first non-space byte
  std::size_t end = 0;    // byte offset one past the last non-space byte
  long line = 0;          // 1-based line of `begin`
  std::string text;       // text[begin, end) with each run of white space made one ' '
};

// text[begin, end) with each run of white space (ASCII, or a no-break space)
// made one ' ': a Passage's text, made again from its owner's stored text.
std::string passage_text(std::string_view text, std::size_t begin, std::size_t end);

// Longest passage, in bytes: a longer sentence is cut at its last clause
// boundary ("; ", ", ", ": ") in the second half of the limit, else at a space,
// else at the limit.
inline constexpr std::size_t kMaxPassageBytes = 1500;

// The sentences of `text` (UTF-8, lines separated by '\n'), in text order.
//
// Blocks first: a block ends at a blank line, at a list item's line end (a
// line opening with "•", "-", "*", "1.", "1)" or "(1)"; the marker is not part
// of the passage; a next line in lower case continues the item), after a bare
// URL line, after a line ending in ':', and after a heading (a short line
// without final punctuation that is followed by a clearly longer line or by
// another such line: "Ketamine vs. Opioids", "About Me").
//
// Within a block, a sentence ends at '.', '!' or '?' (and closing quotes, and
// a citation marker written straight after: "2.5 hours.(1)", "shown.²") when
// white space and then a capital, digit, opening quote or bracket follow. Not
// after an abbreviation ("e.g.", "i.e.", "et al.", "Fig.", "Dr.", "vs.",
// "approx.", "No.", "Vol.", "pp.", "Oct.", dotted forms such as "U.S." or
// "Ph.D.", single capital initials as in "J. Smith"), nor inside matched
// parentheses or brackets; "2.5" and "p < 0.05" have no space after the dot.
//
// Also a list number inside a paragraph ("… in dog. 2. The potential …") is
// left out of the passages, and a single capital after a label word is not an
// initial ("group A. The", "37 degrees C. Forearm").
//
// Text from `body_end` on (the byte offset where the reference list starts;
// see offset_of_line()) is left out; a heading right before it ("References")
// stays a passage unless `body_end` is the heading's offset. Passages with no
// letter or digit are dropped.
std::vector<Passage> split_passages(std::string_view text,
                                    std::size_t body_end = std::string_view::npos);

// Byte offset of the start of 1-based `line` in `text` (text.size() when the
// text has fewer lines): turns schema::Reference::line into a `body_end`.
std::size_t offset_of_line(std::string_view text, long line);

// Most numbers one numbered marker holds; a longer expansion is cut there.
inline constexpr std::size_t kMaxMarkerNumbers = 50;

// One citation in running text.
struct CitationMarker {
  std::size_t begin = 0;     // byte offset of the marker: "(2)", "[3–5]", "²", "^2",
  std::size_t end = 0;       //   "(Zarate et al., 2006)", "Zarate et al. (2006)"
  std::vector<int> numbers;  // numbered styles: every number, ascending, ranges
                             //   expanded ("3–5" -> 3, 4, 5); empty for author-year
  std::string author;        // author-year styles: first author's family name as
                             //   written ("Zarate", "van der Berg"); empty otherwise
  std::optional<int> year;   // author-year styles: the year ("2001a" -> 2001)
};

// The citation markers of `text`, ordered by begin. To leave the reference list
// out, pass text.substr(0, body_end): offsets stay valid.
//
// Numbered: "(2)", "[2]", "[1, 3-5]", "(1,2)", "[12–14; 20]" (any dash; a range
// must rise and hold at most 50 numbers; numbers 1 to 999 in parentheses,
// 1 to 9999 in brackets, a lone 4-digit number being a year), superscript
// digits ("effects²,³", "shown¹⁻³") and caret forms ("effects^2", "[^2]").
// Not markers: anything with letters, '%', '.', '<' or '=' inside ("(n = 12)",
// "(p < 0.05)", "(95% CI 1.2-3.4)", "(71%)", "(0.5 mg/kg)"), "(1,500)", a
// bracket opening a line (a list marker), an enumeration ("aims: (1) to …",
// "that (1) the …", "… held. (2) Although …"), "Figure (2)", "Table [3]";
// and, since formulas look the same, a number written straight after a digit,
// a capital or a word with capitals or digits ("10(9)/L", "PGE(2)", "A(1)"),
// after a one-letter word, a Greek letter's name or a karyotype word
// ("t (2;13)", "beta (1)", "del (5)"), or followed by a letter, digit or '-'
// ("(1)-subunit", "Thr(799)Met"), and superscripts after a digit, a single
// letter or a unit ("10⁹", "R²", "mg/m²", "cm²", "Ca²⁺"). A lower-case word
// ("colleagues(3)") or punctuation ("hours.(1)", "2006,(2)") may come before.
//
// Author-year: "(Zarate et al., 2006)", "(Smith & Jones 2001; Lee, 2003)",
// "(e.g., Smith, 2001, p. 5)", "(Smith 2001, 2003)" give one marker per
// citation; a marker spans its whole parentheses when it is their only
// citation, else its part of the group ("Lee, 2003"), and the markers of
// "Smith 2001, 2003" share their span. Narrative "Zarate et al. (2006)",
// "Zarate and colleagues (2006)", "Smith and Jones (2001)", "Smith’s (2001)"
// are kept only when a capitalized name that is neither a common word ("In",
// "May") nor an acronym stands right before; the marker starts at the name.
// A year alone, "(2006)", is not a marker.
std::vector<CitationMarker> find_citation_markers(std::string_view text);

// What markers can name in one reference list entry, as plain values (from a
// schema::Reference: n or the list's printed number, authors[0].family, year).
struct CitedReference {
  int number = 0;                   // the number numbered markers use; 0 if none
  std::string first_author_family;  // compared after schema::fold_for_matching
  std::optional<int> year;
};

// The citation contexts: for each of `references` (same order), the indices
// of the `passages` that cite it, ascending, each once. A numbered marker
// names every reference with one of its numbers; an author-year marker every
// reference with the same folded family name and year (both "2001a" and
// "2001b" when the list holds two). A marker outside every passage (in the
// reference list) is ignored. `passages` must be ordered by begin, as
// split_passages() returns them.
std::vector<std::vector<std::size_t>> citing_passages(
    const std::vector<Passage>& passages, const std::vector<CitationMarker>& markers,
    const std::vector<CitedReference>& references);

}  // namespace litgraph::indexer
