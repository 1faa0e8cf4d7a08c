#include "litgraph/schema/text.h"

#include <algorithm>

#include <array>

namespace litgraph::schema {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// ASCII base letters of U+00C0..U+017F (Latin-1 Supplement and Latin
// Extended-A), lower-cased; '\0' where the code point is not a letter we fold.
constexpr std::string_view kLatinFold =
    // U+00C0..U+00FF
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"  // C0..DF (D7 is ×, DE þ->t, DF ß->s handled below)
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty"  // E0..FF (F7 is ÷)
    // U+0100..U+017F
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// Greek letters U+0391..U+03C9 (capital and small share a spelling).
constexpr std::array<std::string_view, 25> kGreekNames = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
    "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "sigma",
    "tau", "upsilon", "phi", "chi", "psi", "omega"};

// Appends the folded form of one code point; returns false for a separator.
bool fold_code_point(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
      return true;
    }
    return false;
  }
  if (cp == 0xDF) {  // ß
    out += "ss";
    return true;
  }
  if (cp == 0xC6 || cp == 0xE6) {  // Æ æ
    out += "ae";
    return true;
  }
  if (cp == 0x152 || cp == 0x153) {  // Œ œ
    out += "oe";
    return true;
  }
  if (cp == 0xB5) {  // micro sign, as used for μ
    out += "mu";
    return true;
  }
  if (cp >= 0xC0 && cp <= 0x17F) {
    char base = kLatinFold[cp - 0xC0];
    if (base == '\0') return false;
    out += base;
    return true;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) {
    out += kGreekNames[cp - 0x391 - (cp > 0x3A2 ? 1 : 0)];
    return true;
  }
  if (cp >= 0x3B1 && cp <= 0x3C9) {
    std::size_t index = cp - 0x3B1;
    if (cp >= 0x3C2) index = (cp == 0x3C2) ? 17 : cp - 0x3B1 - 1;  // ς is a final sigma
    out += kGreekNames[index];
    return true;
  }
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation, dashes, quotes
  if (cp == 0xA0 || cp == 0xAD || cp == kReplacement) return false;
  if (cp < 0x250) return false;  // remaining Latin-1 symbols
  append_utf8(out, cp);          // other scripts: kept as they are
  return true;
}

}  // namespace

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  int length = 0;
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
  } else {
    ++pos;
    return kReplacement;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kReplacement;
  }
  for (int i = 1; i < length; ++i) {
    unsigned char c = byte(pos + i);
    if ((c & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool looks_binary(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 8192);
  std::size_t control = 0;
  for (char ch : head) {
    auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++control;
  }
  return !head.empty() && control * 10 > head.size();
}

DecodedText decode_utf8(std::string_view bytes) {
  DecodedText result;
  result.text.reserve(bytes.size());
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  std::size_t line = 1;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    auto c = static_cast<unsigned char>(bytes[pos]);
    if (c < 0x80) {  // fast path for ASCII
      if (c == '\r') {
        result.text += '\n';
        ++line;
        ++pos;
        if (pos < bytes.size() && bytes[pos] == '\n') ++pos;
        continue;
      }
      if (c == '\n') ++line;
      result.text += static_cast<char>(c);
      ++pos;
      continue;
    }
    std::size_t start = pos;
    char32_t cp = next_code_point(bytes, pos);
    if (cp == kReplacement && !(pos - start == 3 && bytes.substr(start, 3) == "\xEF\xBF\xBD")) {
      if (result.repaired_lines.empty() || result.repaired_lines.back() != line)
        result.repaired_lines.push_back(line);
    }
    append_utf8(result.text, cp);
  }
  return result;
}

std::string fold_for_matching(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  bool pending_space = false;
  while (pos < text.size()) {
    char32_t cp = next_code_point(text, pos);
    if (cp >= 0x300 && cp <= 0x36F) continue;  // combining accents: drop, keep the word whole
    std::size_t mark = out.size();
    if (pending_space && !out.empty()) out += ' ';
    if (fold_code_point(cp, out)) {
      pending_space = false;
    } else {
      out.resize(mark);
      pending_space = true;
    }
  }
  return out;
}

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  std::string folded = fold_for_matching(text);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) words.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::optional<std::string> number_variant(std::string_view word) {
  auto ends_with = [&](std::string_view suffix) {
    return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
  };
  if (word.size() < 4) return std::nullopt;
  if (!std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return std::nullopt;
  }
  std::string stem(word);
  if (ends_with("ies")) return stem.substr(0, stem.size() - 3) + "y";
  if (ends_with("ss") || ends_with("us") || ends_with("is")) return std::nullopt;
  if (ends_with("s")) return stem.substr(0, stem.size() - 1);
  if (ends_with("x") || ends_with("ch") || ends_with("sh")) return std::nullopt;
  char before_y = word[word.size() - 2];
  if (word.back() == 'y' && std::string_view("aeiou").find(before_y) == std::string_view::npos) {
    return stem.substr(0, stem.size() - 1) + "ies";
  }
  return stem + "s";
}

std::string xml_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

}  // namespace litgraph::schema
