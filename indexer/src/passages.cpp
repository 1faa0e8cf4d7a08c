// Sentence splitting and citation markers (issue 6). Both work on byte offsets
// into the caller's text and look only a bounded distance around each
// position, so that the whole pass stays linear in the text's length.
#include "litgraph/indexer/passages.h"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "litgraph/schema/text.h"

namespace litgraph::indexer {

namespace {

// ---------------------------------------------------------------------------
// Characters

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_alpha(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }

// Bytes of the white space at `pos` (ASCII or a no-break space), 0 if none.
std::size_t space_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (is_ascii_space(text[pos])) return 1;
  if (text[pos] == '\xC2' && pos + 1 < text.size() && text[pos + 1] == '\xA0') return 2;
  return 0;
}

bool is_upper_cp(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  if (cp >= 0x391 && cp <= 0x3A9) return true;  // Greek
  return cp >= 0x400 && cp <= 0x42F;            // Cyrillic
}

bool is_letter_cp(char32_t cp) {
  if (cp < 0x80) return is_ascii_alpha(static_cast<char>(cp));
  if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;
  return (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF);
}

char32_t code_point_at(std::string_view text, std::size_t pos) {
  return pos < text.size() ? schema::next_code_point(text, pos) : U'\0';
}

// Start of the code point that ends just before `pos`.
std::size_t previous_start(std::string_view text, std::size_t pos) {
  std::size_t start = pos - 1;
  for (int i = 0; i < 3 && start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80;
       ++i)
    --start;
  return start;
}

// Bytes of a dash at `pos` ("-", "‐", "‑", "‒", "–", "—", "−"), 0 if none.
std::size_t dash_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (text[pos] == '-') return 1;
  if (pos + 2 < text.size() && text[pos] == '\xE2') {
    if (text[pos + 1] == '\x80' && text[pos + 2] >= '\x90' && text[pos + 2] <= '\x94') return 3;
    if (text[pos + 1] == '\x88' && text[pos + 2] == '\x92') return 3;
  }
  return 0;
}

// The digit a superscript code point stands for, -1 if it is not one.
int superscript_digit(char32_t cp) {
  switch (cp) {
    case 0x2070:
      return 0;
    case 0xB9:
      return 1;
    case 0xB2:
      return 2;
    case 0xB3:
      return 3;
    default:
      return cp >= 0x2074 && cp <= 0x2079 ? static_cast<int>(cp - 0x2070) : -1;
  }
}

bool is_opening_quote(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x2018 || cp == 0xAB || cp == 0x201E;
}
bool is_closing_quote(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (is_ascii_upper(x)) x = static_cast<char>(x - 'A' + 'a');
    if (is_ascii_upper(y)) y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool in_list(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}
bool in_list_ignoring_case(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::any_of(list.begin(), list.end(),
                     [&](std::string_view w) { return iequals(w, word); });
}

// ---------------------------------------------------------------------------
// Lines and blocks

struct Line {
  std::size_t begin = 0;  // first non-space byte
  std::size_t end = 0;    // one past the last non-space byte; begin == end for a blank line
  bool blank() const { return begin == end; }
  std::size_t size() const { return end - begin; }
};

std::vector<Line> read_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t stop = text.find('\n', pos);
    if (stop == std::string_view::npos) stop = text.size();
    Line line{pos, stop};
    while (line.begin < line.end && space_length(text, line.begin) > 0)
      line.begin += space_length(text, line.begin);
    while (line.end > line.begin && is_ascii_space(text[line.end - 1])) --line.end;
    if (line.end == line.begin) line.begin = line.end = stop;
    lines.push_back(line);
    pos = stop + 1;
  }
  return lines;
}

// Bytes of a list marker (with the white space after it) opening a line:
// bullets, "-", "*", "1.", "12)", "(3)", "[4]". 0 if none.
std::size_t list_marker_length(std::string_view text, const Line& line) {
  std::string_view s = text.substr(line.begin, line.size());
  std::size_t marker = 0;
  for (std::string_view bullet : {"•", "◦", "▪", "‣", "●", "○", "■", "·", "–", "—", "-", "*", "+"})
    if (s.substr(0, bullet.size()) == bullet) {
      marker = bullet.size();
      break;
    }
  if (marker == 0) {
    std::size_t i = (s[0] == '(' || s[0] == '[') ? 1 : 0;
    std::size_t digits = i;
    while (digits < s.size() && is_digit(s[digits]) && digits - i < 3) ++digits;
    if (digits == i || digits >= s.size()) return 0;
    char close = s[digits];
    bool fits = i == 0 ? (close == '.' || close == ')') : (close == (s[0] == '(' ? ')' : ']'));
    if (!fits) return 0;
    marker = digits + 1;
  }
  if (marker >= s.size()) return s.size();
  if (space_length(s, marker) == 0) return 0;
  while (marker < s.size() && space_length(s, marker) > 0) marker += space_length(s, marker);
  return marker;
}

bool is_url_line(std::string_view text, const Line& line) {
  std::string_view s = text.substr(line.begin, line.size());
  bool url = s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.");
  return url && s.find(' ') == std::string_view::npos;
}

// The line's last character, past closing quotes and brackets.
char final_punctuation(std::string_view text, const Line& line) {
  std::size_t end = line.end;
  while (end > line.begin) {
    std::size_t start = previous_start(text, end);
    char32_t cp = code_point_at(text, start);
    if (!(is_closing_quote(cp) || cp == ')' || cp == ']')) break;
    end = start;
  }
  return end > line.begin ? text[end - 1] : '\0';
}

bool ends_sentence_or_clause(std::string_view text, const Line& line) {
  char last = final_punctuation(text, line);
  return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',' ||
         last == '-';
}

std::string_view last_word(std::string_view text, const Line& line) {
  std::size_t start = line.end;
  while (start > line.begin && !is_ascii_space(text[start - 1])) --start;
  return text.substr(start, line.end - start);
}

constexpr std::size_t kMaxHeadingBytes = 150;

// A heading, title or menu entry: a short line without final punctuation that
// does not run on into the next line.
bool is_heading(std::string_view text, const Line& line, const Line& next) {
  if (line.size() > kMaxHeadingBytes || ends_sentence_or_clause(text, line)) return false;
  if (in_list_ignoring_case(
          last_word(text, line),
          {"a",   "an",   "the",  "and",  "or",   "of",  "to",   "in",    "on",
           "for", "with", "by",   "from", "at",   "as",  "that", "which", "is",
           "are", "was",  "were", "be",   "than", "but", "not",  "its",   "their"}))
    return false;
  if (is_ascii_lower(text[next.begin])) return false;
  if (line.size() * 10 < next.size() * 7) return true;
  return next.size() <= kMaxHeadingBytes && !ends_sentence_or_clause(text, next);
}

struct Block {
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::vector<Block> read_blocks(std::string_view text, const std::vector<Line>& lines) {
  std::vector<Block> blocks;
  bool open = false;
  auto close = [&] {
    if (open && blocks.back().begin >= blocks.back().end) blocks.pop_back();
    open = false;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.blank()) {
      close();
      continue;
    }
    std::size_t marker = list_marker_length(text, line);
    bool item = marker > 0;
    if (item || !open) {
      close();
      blocks.push_back({line.begin + marker, line.end});
      open = true;
    }
    blocks.back().end = std::max(blocks.back().end, line.end);
    const Line* next = i + 1 < lines.size() ? &lines[i + 1] : nullptr;
    bool ends_here = true;
    if (next && !next->blank()) {
      if (item) {
        ends_here = list_marker_length(text, *next) > 0 || !is_ascii_lower(text[next->begin]);
      } else {
        ends_here = is_url_line(text, line) || final_punctuation(text, line) == ':' ||
                    is_heading(text, line, *next);
      }
    }
    if (ends_here) close();
  }
  close();
  return blocks;
}

// ---------------------------------------------------------------------------
// Sentences within a block

constexpr std::size_t kMaxBracketSpan = 1000;  // a longer "( … )" is taken as unbalanced

// depth[i] > 0 when block byte i lies inside a matched pair of brackets.
std::vector<int> bracket_depths(std::string_view text, const Block& block) {
  std::vector<int> depth(block.end - block.begin + 1, 0);
  std::vector<std::size_t> open;
  for (std::size_t p = block.begin; p < block.end; ++p) {
    char c = text[p];
    if (c == '(' || c == '[') {
      open.push_back(p);
    } else if ((c == ')' || c == ']') && !open.empty()) {
      std::size_t o = open.back();
      if (text[o] != (c == ')' ? '(' : '[')) continue;
      open.pop_back();
      if (p - o > kMaxBracketSpan) continue;
      ++depth[o + 1 - block.begin];
      --depth[p - block.begin];
    }
  }
  for (std::size_t i = 1; i < depth.size(); ++i) depth[i] += depth[i - 1];
  return depth;
}

// The word before the full stop at `dot`: back to white space or an opening
// bracket or quote, at most 40 bytes.
std::string_view token_before(std::string_view text, std::size_t block_begin, std::size_t dot) {
  std::size_t start = dot;
  while (start > block_begin && dot - start < 40) {
    char c = text[start - 1];
    if (is_ascii_space(c) || c == '(' || c == '[' || c == '"' || c == '\'') break;
    std::size_t previous = previous_start(text, start);
    char32_t cp = code_point_at(text, previous);
    if (is_opening_quote(cp) || cp == 0xA0) break;
    start = previous;
  }
  return text.substr(start, dot - start);
}

// Lower-case words after which a single capital is a label, not an initial:
// "group A.", "phase B.", "37 degrees C.", "vitamin D.".
bool labels_a_letter(std::string_view word) {
  return in_list(
      word,
      {"group",     "groups",   "phase",   "arm",      "type",    "grade",    "class",   "vitamin",
       "hepatitis", "schedule", "stage",   "part",     "section", "appendix", "figure",  "table",
       "lane",      "panel",    "protein", "factor",   "site",    "complex",  "chain",   "region",
       "zone",      "level",    "list",    "category", "cohort",  "series",   "study",   "trial",
       "model",     "period",   "cluster", "domain",   "subunit", "strain",   "segment", "sample",
       "condition", "block",    "round",   "degrees",  "plan",    "option",   "step",    "unit",
       "ward",      "center",   "centre",  "hospital"});
}

// Is the word before the full stop at `dot` an abbreviation, after which the
// sentence goes on? "etc." is left out on purpose: it usually ends one.
bool is_abbreviation(std::string_view text, std::size_t block_begin, std::size_t dot) {
  std::string_view token = token_before(text, block_begin, dot);
  if (token.empty()) return false;
  std::size_t pos = 0;
  char32_t first = schema::next_code_point(token, pos);
  if (pos == token.size() && is_upper_cp(first)) {  // an initial, "J. Smith", unless "group A."
    std::size_t word_end = dot - token.size();
    while (word_end > block_begin && is_ascii_space(text[word_end - 1])) --word_end;
    if (word_end > block_begin && text[word_end - 1] == '\xB0') return false;  // "37 °C."
    std::size_t word_begin = word_end;
    while (word_begin > block_begin && is_ascii_alpha(text[word_begin - 1]) &&
           word_end - word_begin < 20)
      --word_begin;
    return !labels_a_letter(text.substr(word_begin, word_end - word_begin));
  }
  if (token.find('.') != std::string_view::npos) {  // "e.g", "i.e", "U.S", "Ph.D"
    if (token == "e.g" || token == "i.e") return true;
    bool capital = false;
    std::size_t start = 0;
    while (start <= token.size()) {
      std::size_t stop = std::min(token.find('.', start), token.size());
      std::size_t length = stop - start;
      if (length == 0 || length > 2) return false;
      for (std::size_t i = start; i < stop; ++i) {
        if (!is_ascii_alpha(token[i])) return false;
        capital = capital || is_ascii_upper(token[i]);
      }
      start = stop + 1;
    }
    return capital;  // "i.v." and "a.m." often end a sentence; "U.S." is kept whole
  }
  return in_list(
      token,
      {"al",   "vs",   "Vs",    "v",     "approx", "Approx", "cf",   "Cf",  "ca",   "viz", "p",
       "pp",   "Pp",   "vol",   "Vol",   "vols",   "Vols",   "No",   "no",  "Nos",  "nos", "Fig",
       "Figs", "fig",  "figs",  "Dr",    "Drs",    "Mr",     "Mrs",  "Ms",  "Prof", "St",  "Jr",
       "Sr",   "Eq",   "Eqs",   "eq",    "eqs",    "Ref",    "Refs", "ref", "refs", "Ch",  "ch",
       "Chap", "Sect", "Suppl", "suppl", "Dept",   "Univ",   "Inst", "Jan", "Feb",  "Mar", "Apr",
       "Jun",  "Jul",  "Aug",   "Sep",   "Sept",   "Oct",    "Nov",  "Dec", "Mt",   "Gen", "Col",
       "Lt",   "Rev",  "Hon",   "resp",  "incl",   "esp",    "est",  "ed",  "eds",  "Ed",  "Eds",
       "ibid", "Ibid", "op",    "cit"});
}

// Bytes of a numbered citation marker written right at `pos`: "(1)", "[2,3]",
// "²³", "^4". 0 if none.
std::size_t attached_marker_length(std::string_view text, std::size_t pos, std::size_t end) {
  if (pos >= end) return 0;
  char c = text[pos];
  if (c == '(' || c == '[') {
    char close = c == '(' ? ')' : ']';
    std::size_t p = pos + 1;
    while (p < end && p - pos < 40 &&
           (is_digit(text[p]) || text[p] == ',' || text[p] == ';' || text[p] == ' ' ||
            dash_length(text, p) > 0))
      p += std::max<std::size_t>(1, dash_length(text, p));
    return (p < end && text[p] == close && p > pos + 1 && is_digit(text[pos + 1])) ? p + 1 - pos
                                                                                   : 0;
  }
  std::size_t p = pos;
  if (c == '^') {
    ++p;
    while (p < end && (is_digit(text[p]) || text[p] == ',' || dash_length(text, p) > 0))
      p += std::max<std::size_t>(1, dash_length(text, p));
    return p > pos + 1 ? p - pos : 0;
  }
  while (p < end) {
    std::size_t next = p;
    char32_t cp = schema::next_code_point(text, next);
    if (superscript_digit(cp) < 0 && cp != 0x207B && cp != ',') break;
    p = next;
  }
  return p - pos;
}

// Can a sentence start at `pos`? A capital, digit, opening quote or bracket,
// or a word such as "mRNA" or "mTOR".
bool starts_sentence(std::string_view text, std::size_t pos) {
  char32_t cp = code_point_at(text, pos);
  if (is_upper_cp(cp) || (cp < 0x80 && is_digit(static_cast<char>(cp))) || is_opening_quote(cp) ||
      cp == '(' || cp == '[' || cp == 0x2022)
    return true;
  return cp < 0x80 && is_ascii_lower(static_cast<char>(cp)) && pos + 1 < text.size() &&
         is_ascii_upper(text[pos + 1]);
}

class PassageWriter {
 public:
  PassageWriter(std::string_view text, std::vector<Passage>& out) : text_(text), out_(out) {}

  // Adds text[begin, end), trimmed, cut into pieces of at most kMaxPassageBytes.
  void add(std::size_t begin, std::size_t end) {
    trim(begin, end);
    while (end - begin > kMaxPassageBytes) {
      std::size_t cut = cut_point(begin);
      emit(begin, cut);
      begin = cut;
      trim(begin, end);
    }
    if (begin < end) emit(begin, end);
  }

 private:
  void trim(std::size_t& begin, std::size_t& end) const {
    while (begin < end && space_length(text_, begin) > 0) begin += space_length(text_, begin);
    while (end > begin) {
      if (is_ascii_space(text_[end - 1])) {
        --end;
      } else if (end - begin >= 2 && text_[end - 2] == '\xC2' && text_[end - 1] == '\xA0') {
        end -= 2;
      } else {
        break;
      }
    }
  }

  // Where to cut a passage that starts at `begin` and is too long: after the
  // last "; ", else ", " or ": ", else before the last space in the second
  // half of the limit, else at the limit (on a code point boundary).
  std::size_t cut_point(std::size_t begin) const {
    std::size_t limit = begin + kMaxPassageBytes;
    while (limit > begin + 1 && (static_cast<unsigned char>(text_[limit]) & 0xC0) == 0x80) --limit;
    std::size_t semicolon = 0, comma = 0, space = 0;
    for (std::size_t p = limit; p > begin + kMaxPassageBytes / 2; --p) {
      if (!is_ascii_space(text_[p])) continue;
      char before = text_[p - 1];
      if (before == ';' && semicolon == 0) semicolon = p;
      if ((before == ',' || before == ':') && comma == 0) comma = p;
      if (space == 0) space = p;
      if (semicolon != 0) break;
    }
    if (semicolon != 0) return semicolon;
    if (comma != 0) return comma;
    if (space != 0) return space;
    return limit;
  }

  void emit(std::size_t begin, std::size_t end) {
    Passage passage;
    passage.begin = begin;
    passage.end = end;
    passage.text = passage_text(text_, begin, end);
    const bool has_word = std::any_of(passage.text.begin(), passage.text.end(), [](char c) {
      return is_ascii_alpha(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0xC0;
    });
    if (!has_word) return;
    for (; line_pos_ < begin; ++line_pos_)
      if (text_[line_pos_] == '\n') ++line_;
    passage.line = line_;
    out_.push_back(std::move(passage));
  }

  std::string_view text_;
  std::vector<Passage>& out_;
  std::size_t line_pos_ = 0;
  long line_ = 1;
};

// Bytes of a list number written inside a paragraph, as abstracts number
// their points: "… in dog. 2. The potential …" (with the white space after it).
std::size_t inline_list_number_length(std::string_view text, std::size_t pos, std::size_t end) {
  std::size_t p = pos;
  while (p < end && is_digit(text[p]) && p - pos < 3) ++p;
  if (p == pos || p - pos > 2 || p + 1 >= end || text[p] != '.' || space_length(text, p + 1) == 0)
    return 0;
  ++p;
  while (p < end && space_length(text, p) > 0) p += space_length(text, p);
  return p < end && starts_sentence(text, p) && !is_digit(text[p]) ? p - pos : 0;
}

void split_block(std::string_view text, const Block& block, PassageWriter& writer) {
  std::vector<int> depth = bracket_depths(text, block);
  std::size_t start = block.begin;
  for (std::size_t p = block.begin; p < block.end; ++p) {
    char c = text[p];
    if ((c != '.' && c != '!' && c != '?') || depth[p - block.begin] > 0) continue;
    std::size_t q = p;
    while (q < block.end && (text[q] == '.' || text[q] == '!' || text[q] == '?')) ++q;
    bool single_dot = c == '.' && q == p + 1;
    if (single_dot && is_abbreviation(text, block.begin, p)) continue;
    std::size_t r = q;
    while (r < block.end) {  // closing quotes and brackets
      std::size_t next = r;
      char32_t cp = schema::next_code_point(text, next);
      if (!(is_closing_quote(cp) || cp == ')' || cp == ']')) break;
      r = next;
    }
    r += attached_marker_length(text, r, block.end);
    p = q - 1;
    if (r >= block.end || space_length(text, r) == 0) continue;
    std::size_t s = r;
    while (s < block.end && space_length(text, s) > 0) s += space_length(text, s);
    if (s >= block.end || !starts_sentence(text, s)) continue;
    writer.add(start, r);
    s += inline_list_number_length(text, s, block.end);
    start = s;
    p = s - 1;
  }
  writer.add(start, block.end);
}

// ---------------------------------------------------------------------------
// Numbered markers

struct NumberList {
  std::vector<int> numbers;
  std::size_t items = 0;
  bool has_range = false;
  int largest = 0;
  bool thousands = false;  // "1,500": a number with a thousands separator
};

// Parses "1", "1, 3-5", "12–14; 20" (any dash). Spaces around separators are
// allowed; ranges must rise and hold at most kMaxMarkerNumbers numbers.
bool parse_number_list(std::string_view s, NumberList& list) {
  std::size_t pos = 0;
  auto skip_spaces = [&] {
    while (pos < s.size() && space_length(s, pos) > 0) pos += space_length(s, pos);
  };
  auto read_number = [&](int& value, std::size_t& digits) {
    std::size_t start = pos;
    value = 0;
    while (pos < s.size() && is_digit(s[pos]) && pos - start < 5)
      value = value * 10 + (s[pos++] - '0');
    digits = pos - start;
    return digits > 0 && digits <= 4 && s[start] != '0' && !(pos < s.size() && is_digit(s[pos]));
  };
  skip_spaces();
  bool tight_comma_before = false;  // the last separator was ',' with no space around
  std::size_t first_digits = 0;
  while (true) {
    int first = 0;
    std::size_t digits = 0;
    if (!read_number(first, digits)) return false;
    if (list.items == 0) first_digits = digits;
    if (list.items == 1 && tight_comma_before && digits == 3 && first_digits <= 3)
      list.thousands = true;
    ++list.items;
    std::size_t after_number = pos;
    skip_spaces();
    int last = first;
    if (std::size_t dash = dash_length(s, pos); dash > 0) {
      pos += dash;
      skip_spaces();
      std::size_t last_digits = 0;
      if (!read_number(last, last_digits)) return false;
      if (last <= first || static_cast<std::size_t>(last - first) >= kMaxMarkerNumbers)
        return false;
      list.has_range = true;
      after_number = pos;
      skip_spaces();
    }
    for (int n = first; n <= last && list.numbers.size() < 4 * kMaxMarkerNumbers; ++n)
      list.numbers.push_back(n);
    list.largest = std::max(list.largest, last);
    if (pos == s.size()) break;
    if (s[pos] != ',' && s[pos] != ';') return false;
    tight_comma_before =
        s[pos] == ',' && pos == after_number && pos + 1 < s.size() && is_digit(s[pos + 1]);
    ++pos;
    skip_spaces();
  }
  std::sort(list.numbers.begin(), list.numbers.end());
  list.numbers.erase(std::unique(list.numbers.begin(), list.numbers.end()), list.numbers.end());
  if (list.numbers.size() > kMaxMarkerNumbers) list.numbers.resize(kMaxMarkerNumbers);
  if (list.items > 2) list.thousands = false;
  return true;
}

// Only white space between the previous line break (or the text's start) and `pos`.
bool at_line_start(std::string_view text, std::size_t pos) {
  while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t')) --pos;
  return pos == 0 || text[pos - 1] == '\n';
}

// The letters right before `pos` (after white space), with a final '.' left out.
std::string_view word_before(std::string_view text, std::size_t pos) {
  while (pos > 0 && is_ascii_space(text[pos - 1])) --pos;
  if (pos > 0 && text[pos - 1] == '.') --pos;
  std::size_t start = pos;
  while (start > 0 && is_ascii_alpha(text[start - 1]) && pos - start < 20) --start;
  return text.substr(start, pos - start);
}

// "(1) the first …", "(2) Although …": an enumeration, not a citation. The
// number is followed by a word and preceded by ':', ';', a spaced ',' or '.',
// or a word that introduces a list.
bool is_enumeration(std::string_view text, std::size_t open, std::size_t after) {
  std::size_t next = after;
  while (next < text.size() && text[next] == ' ') ++next;
  if (next == after || next >= text.size() || !is_ascii_alpha(text[next])) return false;
  std::size_t before = open;
  while (before > 0 && is_ascii_space(text[before - 1])) --before;
  if (before == 0 || text[before - 1] == ':' || text[before - 1] == ';') return true;
  if (before < open && (text[before - 1] == ',' || text[before - 1] == '.')) return true;
  return in_list(word_before(text, open), {"and", "or", "then", "both", "either", "that", "whether",
                                           "follows", "are", "were", "is", "was", "include",
                                           "includes", "including", "between", "report", "on"});
}

// Words after which a number in brackets names a figure, table or step.
bool names_a_part(std::string_view word) {
  return in_list_ignoring_case(
      word,
      {"figure", "figures",  "fig",       "figs",      "table",   "tables",  "tab",      "eq",
       "eqs",    "equation", "equations", "formula",   "step",    "steps",   "phase",    "stage",
       "grade",  "type",     "class",     "level",     "section", "chapter", "appendix", "panel",
       "scheme", "box",      "item",      "criterion", "page",    "p",       "pp",       "no",
       "number", "version",  "day",       "week",      "month",   "year",    "visit",    "arm",
       "group",  "model",    "line",      "lines",     "compound"});
}

// Words after which a number in brackets is a subunit, a karyotype or a
// number spelled twice: "alpha (1)", "del (5)", "one hundred and four (104)".
bool names_a_quantity(std::string_view word) {
  return in_list_ignoring_case(
      word,
      {"alpha",    "beta",    "gamma",    "delta",    "epsilon", "kappa",   "mu",        "sigma",
       "theta",    "del",     "der",      "ins",      "dup",     "inv",     "one",       "two",
       "three",    "four",    "five",     "six",      "seven",   "eight",   "nine",      "ten",
       "eleven",   "twelve",  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
       "nineteen", "twenty",  "thirty",   "forty",    "fifty",   "sixty",   "seventy",   "eighty",
       "ninety",   "hundred", "thousand"});
}

// The white-space separated token that ends at `end`, at most 40 bytes.
std::string_view token_ending_at(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0 && !is_ascii_space(text[start - 1]) && end - start < 40) --start;
  return text.substr(start, end - start);
}

// Does what surrounds a numbered marker "(…)" or "[…]" at [open, close]
// allow it? Formulas, exponents and residue numbers are written the same way:
// "10(9)/L", "mg/m(2)", "PGE(2)", "A(1)", "t(2;13)", "(1)-subunit", "Thr(799)Met".
bool numbered_context(std::string_view text, std::size_t open, std::size_t close) {
  char32_t after = code_point_at(text, close + 1);
  if (after == '-' || (after < 0x80 && is_digit(static_cast<char>(after))) || is_letter_cp(after))
    return false;
  if (open == 0 || at_line_start(text, open)) return false;
  std::string_view word = word_before(text, open);
  if (names_a_part(word) || names_a_quantity(word)) return false;
  bool attached = !is_ascii_space(text[open - 1]);
  std::size_t end = open;
  while (end > 0 && is_ascii_space(text[end - 1])) --end;
  std::string_view token = token_ending_at(text, end);
  if (token.empty()) return true;
  std::size_t letters = token.size();  // the letters that end the token
  while (letters > 0 && is_ascii_alpha(token[letters - 1])) --letters;
  std::string_view final_word = token.substr(letters);
  if (attached) {
    // "colleagues(3)", "hours.(1)", "2006,(2)": after a lower-case word or punctuation.
    char last = token.back();
    if (final_word.empty())
      return last == '.' || last == ',' || last == ';' || last == ':' || last == ')' ||
             last == ']' || static_cast<unsigned char>(last) >= 0x80;
    return final_word.size() >= 3 && letters == 0 &&
           std::all_of(final_word.begin(), final_word.end(), is_ascii_lower);
  }
  // "x 10 (9)", "t (2; 13)", "Brca1 (5-6)": an exponent, a one-letter name, a gene.
  if (token == "10" || final_word.size() == 1) return false;
  bool has_digit = std::any_of(token.begin(), token.end(), is_digit);
  bool has_letter = std::any_of(token.begin(), token.end(), is_ascii_alpha);
  return !(has_digit && has_letter);
}

// ---------------------------------------------------------------------------
// Author-year markers

struct YearList {
  std::vector<int> years;
};

// "2006", "2006a", "2001, 2003", "2001a, b", each with an optional page tail
// (", p. 5", ", pp. 5–7", ": 5") at the end. Advances `pos` past what it read.
bool parse_years(std::string_view s, std::size_t& pos, YearList& list) {
  auto skip_spaces = [&] {
    while (pos < s.size() && space_length(s, pos) > 0) pos += space_length(s, pos);
  };
  auto read_year = [&]() -> int {
    if (pos + 4 > s.size()) return 0;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      if (!is_digit(s[pos + i])) return 0;
      year = year * 10 + (s[pos + i] - '0');
    }
    std::size_t after = pos + 4;
    if (after < s.size() && is_ascii_lower(s[after]) &&
        (after + 1 == s.size() || !is_ascii_alpha(s[after + 1])))
      ++after;
    if (after < s.size() && (is_ascii_alpha(s[after]) || is_digit(s[after]))) return 0;
    if (year < 1700 || year > 2099) return 0;
    pos = after;
    return year;
  };
  int year = read_year();
  if (year == 0) return false;
  list.years.push_back(year);
  while (pos < s.size()) {
    std::size_t mark = pos;
    if (s[pos] != ',' && s[pos] != ':') break;
    ++pos;
    skip_spaces();
    if (int another = read_year(); another != 0) {
      list.years.push_back(another);
      continue;
    }
    // "2001a, b": another work of the same year.
    if (s[mark] == ',' && pos < s.size() && is_ascii_lower(s[pos]) &&
        (pos + 1 == s.size() || s[pos + 1] == ',' || s[pos + 1] == ';' || s[pos + 1] == ' ') &&
        s.substr(pos, 2) != "p." && s.substr(pos, 3) != "pp.") {
      list.years.push_back(list.years.back());
      ++pos;
      continue;
    }
    // A page tail ends the citation.
    if (s.substr(pos, 3) == "pp.") {
      pos += 3;
    } else if (s.substr(pos, 2) == "p.") {
      pos += 2;
    } else if (s[mark] != ':') {
      pos = mark;
      break;
    }
    skip_spaces();
    std::size_t digits = pos;
    while (pos < s.size() && (is_digit(s[pos]) || dash_length(s, pos) > 0))
      pos += std::max<std::size_t>(1, dash_length(s, pos));
    if (pos == digits) {
      pos = mark;
      break;
    }
  }
  return true;
}

bool is_particle(std::string_view word) {
  return in_list(word, {"van", "von", "de",  "der", "den", "del", "della", "di", "da",  "du",
                        "le",  "la",  "ter", "ten", "dos", "das", "al",    "el", "bin", "ibn"});
}

// Bytes of a name word at `pos`: a capital, then letters, hyphens and
// apostrophes ("Zarate", "O’Brien", "McDonald", "Smith-Jones", "Ångström").
std::size_t name_word_length(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  std::size_t p = pos;
  char32_t first = schema::next_code_point(s, p);
  if (!is_upper_cp(first)) return 0;
  while (p < s.size()) {
    std::size_t next = p;
    char32_t cp = schema::next_code_point(s, next);
    if (!(is_letter_cp(cp) || cp == '-' || cp == '\'' || cp == 0x2019)) break;
    p = next;
  }
  return p - pos;
}

// A possessive "’s" or "'s" (or a bare apostrophe) at the end of a name.
std::string_view strip_possessive(std::string_view name) {
  for (std::string_view ending : {"’s", "'s", "’", "'"})
    if (name.size() > ending.size() && name.ends_with(ending))
      return name.substr(0, name.size() - ending.size());
  return name;
}

struct ParsedCitation {
  std::string author;  // first author's family name as written
  std::vector<int> years;
};

// One citation of a parenthetical group: "Zarate et al., 2006",
// "Smith & Jones 2001", "Smith, Jones, and Lee 2003", "e.g., Smith 2001, p. 5".
bool parse_parenthetical(std::string_view s, ParsedCitation& citation) {
  std::size_t pos = 0;
  auto skip = [&] {
    while (pos < s.size() && (space_length(s, pos) > 0 || s[pos] == ','))
      pos += std::max<std::size_t>(1, space_length(s, pos));
  };
  auto starts_with_word = [&](std::string_view word) {
    return pos + word.size() <= s.size() && iequals(s.substr(pos, word.size()), word) &&
           (pos + word.size() == s.size() || !is_ascii_alpha(s[pos + word.size()]));
  };
  skip();
  for (std::string_view prefix : {"e.g.", "i.e.", "see also", "see", "cf.", "reviewed in", "also"})
    if (starts_with_word(prefix)) {
      pos += prefix.size();
      skip();
      break;
    }
  int names = 0;
  while (pos < s.size() && !is_digit(s[pos])) {
    if (names > 0 && (starts_with_word("and") || s[pos] == '&')) {
      pos += s[pos] == '&' ? 1 : 3;
      skip();
      continue;
    }
    if (names > 0 && (starts_with_word("et al.") || starts_with_word("et al"))) {
      pos += starts_with_word("et al.") ? 6 : 5;
      skip();
      break;
    }
    std::size_t name_begin = pos;
    while (true) {  // particles: "van der Berg"
      std::size_t word_end = pos;
      while (word_end < s.size() && is_ascii_lower(s[word_end])) ++word_end;
      if (word_end == pos || word_end >= s.size() || s[word_end] != ' ' ||
          !is_particle(s.substr(pos, word_end - pos)))
        break;
      pos = word_end + 1;
    }
    std::size_t length = name_word_length(s, pos);
    if (length == 0) return false;
    pos += length;
    // "Garcia Marquez", but not the initials of "Cook JC".
    while (pos + 2 < s.size() && s[pos] == ' ' && name_word_length(s, pos + 1) > 0 &&
           is_ascii_lower(s[pos + 2])) {
      pos += 1 + name_word_length(s, pos + 1);
    }
    if (++names > 6) return false;
    if (names == 1)
      citation.author = std::string(strip_possessive(s.substr(name_begin, pos - name_begin)));
    skip();
  }
  if (names == 0) return false;
  YearList years;
  if (!parse_years(s, pos, years)) return false;
  while (pos < s.size() && space_length(s, pos) > 0) pos += space_length(s, pos);
  if (pos != s.size()) return false;
  citation.years = std::move(years.years);
  return true;
}

// Capitalized words that stand before a year in parentheses without being an author.
bool is_common_capitalized(std::string_view word) {
  return in_list(
      word,
      {"In",         "On",          "At",       "By",       "For",        "From",    "Since",
       "Until",      "The",         "A",        "An",       "This",       "That",    "These",
       "Those",      "And",         "Or",       "But",      "Of",         "To",      "With",
       "After",      "Before",      "During",   "Between",  "Published",  "Updated", "Accessed",
       "Copyright",  "Retrieved",   "Revised",  "Received", "Posted",     "Year",    "Years",
       "Founded",    "Established", "Edition",  "Volume",   "Vol",        "No",      "January",
       "February",   "March",       "April",    "May",      "June",       "July",    "August",
       "September",  "October",     "November", "December", "Spring",     "Summer",  "Autumn",
       "Fall",       "Winter",      "Figure",   "Table",    "Study",      "Trial",   "Survey",
       "Report",     "Census",      "Act",      "Law",      "Guidelines", "Update",  "Review",
       "Conference", "Meeting",     "Congress", "Summit"});
}

bool is_all_capitals(std::string_view word) {
  return std::none_of(word.begin(), word.end(), is_ascii_lower);
}

// The white-space separated token that ends at `end` (after skipping white
// space back from it); its start, or npos if there is none within 40 bytes.
std::size_t token_start(std::string_view text, std::size_t& end) {
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t')) --end;
  std::size_t start = end;
  while (start > 0 && !is_ascii_space(text[start - 1]) && end - start < 40) --start;
  if (start == end || (start > 0 && !is_ascii_space(text[start - 1])))
    return std::string_view::npos;
  return start;
}

// The first author of a narrative citation whose year is in parentheses at
// `open`: "Zarate et al. (2006)", "Zarate and colleagues (2006)",
// "Smith and Jones (2001)", "Smith’s (2001)". Sets `begin` to the author's start.
std::optional<std::string> narrative_author(std::string_view text, std::size_t open,
                                            std::size_t& begin) {
  struct Token {
    std::size_t begin = std::string_view::npos;
    std::string_view word;
  };
  auto previous_token = [&](std::size_t end) {
    Token token;
    token.begin = token_start(text, end);
    if (token.begin != std::string_view::npos)
      token.word = text.substr(token.begin, end - token.begin);
    return token;
  };
  auto is_name = [](std::string_view word) {
    word = strip_possessive(word);
    return word.size() >= 2 && name_word_length(word, 0) == word.size() &&
           !is_common_capitalized(word) && !is_all_capitals(word);
  };
  Token last = previous_token(open);
  if (last.begin == std::string_view::npos) return std::nullopt;
  Token name = last;
  if (last.word == "al." || last.word == "al") {
    Token et = previous_token(last.begin);
    if (et.begin == std::string_view::npos || et.word != "et") return std::nullopt;
    name = previous_token(et.begin);
  } else if (in_list(last.word,
                     {"colleagues", "coworkers", "co-workers", "associates", "collaborators"})) {
    Token conjunction = previous_token(last.begin);
    if (conjunction.begin == std::string_view::npos ||
        (conjunction.word != "and" && conjunction.word != "&"))
      return std::nullopt;
    name = previous_token(conjunction.begin);
  } else {
    Token conjunction = previous_token(last.begin);
    if (conjunction.begin != std::string_view::npos &&
        (conjunction.word == "and" || conjunction.word == "&")) {
      Token first = previous_token(conjunction.begin);
      if (first.begin != std::string_view::npos && is_name(first.word) && is_name(last.word))
        name = first;
    }
  }
  if (name.begin == std::string_view::npos || !is_name(name.word)) return std::nullopt;
  begin = name.begin;
  for (int i = 0; i < 3; ++i) {  // particles: "van der Berg et al. (2019)"
    Token particle = previous_token(begin);
    if (particle.begin == std::string_view::npos || !is_particle(particle.word)) break;
    begin = particle.begin;
  }
  std::string_view written = text.substr(begin, name.begin + name.word.size() - begin);
  return std::string(strip_possessive(written));
}

// ---------------------------------------------------------------------------
// The marker finder

constexpr std::size_t kMaxGroupBytes = 400;

class MarkerFinder {
 public:
  explicit MarkerFinder(std::string_view text) : text_(text) {}

  std::vector<CitationMarker> run() {
    for (std::size_t p = 0; p < text_.size();) {
      char c = text_[p];
      if (c == '(' || c == '[') {
        std::size_t close = group_close(p);
        if (close != std::string_view::npos && group(p, close)) {
          p = close + 1;
          continue;
        }
        ++p;
      } else if (c == '^') {
        p += caret(p);
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        std::size_t next = p;
        char32_t cp = schema::next_code_point(text_, next);
        std::size_t length = superscript_digit(cp) >= 0 ? superscripts(p) : 0;
        p = length > 0 ? p + length : next;
      } else {
        ++p;
      }
    }
    std::stable_sort(
        markers_.begin(), markers_.end(),
        [](const CitationMarker& a, const CitationMarker& b) { return a.begin < b.begin; });
    return std::move(markers_);
  }

 private:
  // The matching closer of the bracket at `open`, or npos when another bracket
  // comes first or the group is too long.
  std::size_t group_close(std::size_t open) const {
    char close = text_[open] == '(' ? ')' : ']';
    for (std::size_t p = open + 1; p < text_.size() && p - open <= kMaxGroupBytes; ++p) {
      char c = text_[p];
      if (c == close) return p;
      if (c == '(' || c == '[' || c == ')' || c == ']') return std::string_view::npos;
    }
    return std::string_view::npos;
  }

  bool group(std::size_t open, std::size_t close) {
    std::string_view content = text_.substr(open + 1, close - open - 1);
    bool paren = text_[open] == '(';
    NumberList list;
    if (parse_number_list(content, list)) {
      bool year_like = list.items == 1 && !list.has_range && list.largest >= 1000;
      if (year_like) return narrative(open, close);
      if (list.thousands || !numbered_context(text_, open, close)) return false;
      if (paren &&
          (list.largest > 999 || (list.items == 1 && is_enumeration(text_, open, close + 1))))
        return false;
      CitationMarker marker;
      marker.begin = open;
      marker.end = close + 1;
      marker.numbers = std::move(list.numbers);
      markers_.push_back(std::move(marker));
      return true;
    }
    return parenthetical(open, close) || narrative(open, close);
  }

  // "(Zarate et al., 2006)", "(Smith & Jones 2001; Lee, 2003)".
  bool parenthetical(std::size_t open, std::size_t close) {
    std::vector<CitationMarker> found;
    std::size_t part_begin = open + 1;
    std::size_t parts = 0;
    while (part_begin <= close) {
      std::size_t part_end = std::min(text_.substr(0, close).find(';', part_begin), close);
      ++parts;
      ParsedCitation citation;
      if (parse_parenthetical(text_.substr(part_begin, part_end - part_begin), citation)) {
        std::size_t b = part_begin, e = part_end;
        while (b < e && space_length(text_, b) > 0) b += space_length(text_, b);
        while (e > b && is_ascii_space(text_[e - 1])) --e;
        for (int year : citation.years) {
          CitationMarker marker;
          marker.begin = b;
          marker.end = e;
          marker.author = citation.author;
          marker.year = year;
          found.push_back(std::move(marker));
        }
      }
      part_begin = part_end + 1;
    }
    if (found.empty()) return false;
    if (parts == 1)
      for (CitationMarker& marker : found) {
        marker.begin = open;
        marker.end = close + 1;
      }
    for (CitationMarker& marker : found) markers_.push_back(std::move(marker));
    return true;
  }

  // "Zarate et al. (2006)": a year list in parentheses after an author.
  bool narrative(std::size_t open, std::size_t close) {
    std::string_view content = text_.substr(open + 1, close - open - 1);
    std::size_t pos = 0;
    while (pos < content.size() && content[pos] == ' ') ++pos;
    YearList years;
    if (!parse_years(content, pos, years)) return false;
    while (pos < content.size() && content[pos] == ' ') ++pos;
    if (pos != content.size()) return false;
    std::size_t begin = 0;
    std::optional<std::string> author = narrative_author(text_, open, begin);
    if (!author) return false;
    for (int year : years.years) {
      CitationMarker marker;
      marker.begin = begin;
      marker.end = close + 1;
      marker.author = *author;
      marker.year = year;
      markers_.push_back(std::move(marker));
    }
    return true;
  }

  // May a superscript or caret marker follow what stands before `pos`? Not
  // after white space, a digit ("10⁹"), a single letter ("R²", "x^2") or a
  // unit of length ("cm²").
  bool may_follow(std::size_t pos) const {
    if (pos == 0) return false;
    char before = text_[pos - 1];
    if (is_ascii_space(before) || is_digit(before)) return false;
    std::size_t start = pos;
    while (start > 0 && start > pos - std::min<std::size_t>(pos, 20)) {
      std::size_t previous = previous_start(text_, start);
      if (!is_letter_cp(code_point_at(text_, previous))) break;
      start = previous;
    }
    std::string_view word = text_.substr(start, pos - start);
    if (word.empty()) return true;  // after punctuation: "shown.²"
    std::size_t first_end = 0;
    schema::next_code_point(word, first_end);
    if (first_end == word.size()) return false;
    return !in_list(word, {"cm", "mm", "km", "dm", "nm", "µm", "μm", "ft", "in", "yd", "mi"});
  }

  // Superscript digits at `pos`: "²", "²,³", "¹⁻³". Returns the bytes read.
  std::size_t superscripts(std::size_t pos) {
    std::string ascii;  // the run spelled in ASCII: "1-3"
    std::size_t p = pos;
    std::size_t end = pos;
    while (p < text_.size()) {
      std::size_t next = p;
      char32_t cp = schema::next_code_point(text_, next);
      int digit = superscript_digit(cp);
      if (digit >= 0) {
        ascii += static_cast<char>('0' + digit);
        end = next;
      } else if (cp == 0x207B || cp == ',' || cp == 0x2013) {
        ascii += cp == ',' ? ',' : '-';
      } else {
        break;
      }
      p = next;
    }
    std::size_t read = end - pos;
    char32_t after = code_point_at(text_, end);
    ascii.resize(ascii.find_last_of("0123456789") + 1);
    if (!may_follow(pos) || after == 0x207A || after == 0x207B) return read;
    NumberList list;
    if (!parse_number_list(ascii, list)) return read;
    CitationMarker marker;
    marker.begin = pos;
    marker.end = end;
    marker.numbers = std::move(list.numbers);
    markers_.push_back(std::move(marker));
    return read;
  }

  // "^2", "^1,3", "^2-4", and "[^2]". Returns the bytes read.
  std::size_t caret(std::size_t pos) {
    std::size_t end = pos + 1;
    while (end < text_.size() &&
           (is_digit(text_[end]) || text_[end] == ',' || dash_length(text_, end) > 0))
      end += std::max<std::size_t>(1, dash_length(text_, end));
    while (end > pos + 1 && !is_digit(text_[end - 1])) --end;
    if (end == pos + 1 || !may_follow(pos)) return 1;
    NumberList list;
    if (!parse_number_list(text_.substr(pos + 1, end - pos - 1), list)) return end - pos;
    CitationMarker marker;
    marker.begin = pos;
    marker.end = end;
    if (pos > 0 && text_[pos - 1] == '[' && end < text_.size() && text_[end] == ']') {
      --marker.begin;
      ++marker.end;
    }
    marker.numbers = std::move(list.numbers);
    markers_.push_back(std::move(marker));
    return end - pos;
  }

  std::string_view text_;
  std::vector<CitationMarker> markers_;
};

}  // namespace

// ---------------------------------------------------------------------------

std::string passage_text(std::string_view text, std::size_t begin, std::size_t end) {
  std::string result;
  end = std::min(end, text.size());
  bool in_space = false;
  for (std::size_t p = begin; p < end;) {
    const std::size_t space = space_length(text, p);
    if (space > 0) {
      if (!in_space) result += ' ';
      in_space = true;
      p += space;
      continue;
    }
    in_space = false;
    result += text[p];
    ++p;
  }
  return result;
}

std::vector<Passage> split_passages(std::string_view text, std::size_t body_end) {
  text = text.substr(0, std::min(body_end, text.size()));
  std::vector<Passage> passages;
  PassageWriter writer(text, passages);
  std::vector<Line> lines = read_lines(text);
  for (const Block& block : read_blocks(text, lines)) split_block(text, block, writer);
  return passages;
}

std::size_t offset_of_line(std::string_view text, long line) {
  std::size_t pos = 0;
  for (long current = 1; current < line; ++current) {
    std::size_t newline = text.find('\n', pos);
    if (newline == std::string_view::npos) return text.size();
    pos = newline + 1;
  }
  return pos;
}

std::vector<CitationMarker> find_citation_markers(std::string_view text) {
  return MarkerFinder(text).run();
}

std::vector<std::vector<std::size_t>> citing_passages(
    const std::vector<Passage>& passages, const std::vector<CitationMarker>& markers,
    const std::vector<CitedReference>& references) {
  std::unordered_map<int, std::vector<std::size_t>> by_number;
  std::unordered_map<std::string, std::vector<std::size_t>> by_author_year;
  for (std::size_t i = 0; i < references.size(); ++i) {
    const CitedReference& reference = references[i];
    if (reference.number > 0) by_number[reference.number].push_back(i);
    if (reference.year && !reference.first_author_family.empty())
      by_author_year[schema::fold_for_matching(reference.first_author_family) + '|' +
                     std::to_string(*reference.year)]
          .push_back(i);
  }
  std::vector<std::vector<std::size_t>> cited(references.size());
  for (const CitationMarker& marker : markers) {
    auto after = std::upper_bound(
        passages.begin(), passages.end(), marker.begin,
        [](std::size_t offset, const Passage& passage) { return offset < passage.begin; });
    if (after == passages.begin()) continue;
    const Passage& passage = *std::prev(after);
    if (marker.begin >= passage.end) continue;
    auto passage_index = static_cast<std::size_t>(std::prev(after) - passages.begin());
    auto cite = [&](const std::vector<std::size_t>& indices) {
      for (std::size_t reference : indices) cited[reference].push_back(passage_index);
    };
    for (int number : marker.numbers)
      if (auto found = by_number.find(number); found != by_number.end()) cite(found->second);
    if (marker.year && !marker.author.empty()) {
      auto found = by_author_year.find(schema::fold_for_matching(marker.author) + '|' +
                                       std::to_string(*marker.year));
      if (found != by_author_year.end()) cite(found->second);
    }
  }
  for (std::vector<std::size_t>& indices : cited) {
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  }
  return cited;
}

}  // namespace litgraph::indexer
