// UTF-8 text helpers shared by every module: validation with repair, and the
// folding used to compare names and titles. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace litgraph::schema {

// Result of decoding bytes that should be UTF-8 text.
struct DecodedText {
  std::string text;                        // valid UTF-8; bad bytes became U+FFFD
  std::vector<std::size_t> repaired_lines;  // 1-based lines that had invalid UTF-8
};

// True if the bytes look like a binary file rather than text: a NUL byte, or
// more than 10% control characters (other than tab, CR, LF, FF) in the first 8 KiB.
bool looks_binary(std::string_view bytes);

// Decodes UTF-8, replacing each invalid sequence with U+FFFD and noting its
// line. A leading byte-order mark is removed; CRLF and CR become LF.
DecodedText decode_utf8(std::string_view bytes);

// Folds text for matching: lower case, Latin diacritics removed (é -> e,
// ß -> ss, ø -> o), Greek letters spelled out (α -> alpha, μ -> mu), typographic
// quotes, dashes and other punctuation turned into single spaces, runs of space
// collapsed, no leading or trailing space. "Ketamine’s  Risks–Benefits" ->
// "ketamine s risks benefits".
std::string fold_for_matching(std::string_view text);

// `text` with &, <, >, " and ' written as XML entities (attribute-safe).
std::string xml_escape(std::string_view text);

// Splits text into the words of fold_for_matching().
std::vector<std::string> folded_words(std::string_view text);

// The simple singular or plural of a folded word ("syndromes" <-> "syndrome",
// "therapies" <-> "therapy"), or nullopt when it is too short, not lower-case
// ASCII, or irregular to guess ("sepsis", "virus", "glass", "box").
std::optional<std::string> number_variant(std::string_view word);

// Decodes one UTF-8 code point at `pos`, advancing `pos`; returns U+FFFD for an
// invalid sequence (advancing one byte).
char32_t next_code_point(std::string_view text, std::size_t& pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

}  // namespace litgraph::schema
