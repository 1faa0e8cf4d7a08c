// UTF-8 decoding with repair, binary detection and folding for matching.
#include <catch2/catch.hpp>

#include "litgraph/schema/text.h"

using namespace litgraph::schema;

TEST_CASE("decode_utf8 keeps valid text and normalizes line ends", "[schema][utf8]") {
  auto decoded = decode_utf8("\xEF\xBB\xBFKetamine\r\nα-amino\rμ-opioid\n");
  CHECK(decoded.text == "Ketamine\nα-amino\nμ-opioid\n");
  CHECK(decoded.repaired_lines.empty());
}

TEST_CASE("decode_utf8 replaces invalid sequences and names their lines", "[schema][utf8]") {
  // Line 2: a Latin-1 é; line 4: a truncated 3-byte sequence; line 5: an overlong '/'.
  auto decoded = decode_utf8("ok\ncaf\xE9\nok\n\xE2\x80\n\xC0\xAF\n");
  CHECK(decoded.text == "ok\ncaf\uFFFD\nok\n\uFFFD\uFFFD\n\uFFFD\uFFFD\n");
  CHECK(decoded.repaired_lines == std::vector<std::size_t>{2, 4, 5});
}

TEST_CASE("decode_utf8 does not report a U+FFFD that was already in the text", "[schema][utf8]") {
  auto decoded = decode_utf8("already \uFFFD here\n");
  CHECK(decoded.repaired_lines.empty());
}

TEST_CASE("looks_binary spots NUL bytes and control-character noise", "[schema][utf8]") {
  CHECK(looks_binary(std::string("PK\x03\x04\0\0", 6)));
  CHECK(looks_binary(std::string(100, '\x01')));
  CHECK_FALSE(looks_binary("Plain text\twith tabs\r\nand lines\f"));
  CHECK_FALSE(looks_binary(""));
  CHECK_FALSE(looks_binary("caf\xE9 latin-1 is text, repaired later"));
}

TEST_CASE("fold_for_matching folds case, accents, Greek and punctuation", "[schema][fold]") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"Ketamine’s  Risks–Benefits", "ketamine s risks benefits"},
      {"Pérez-Higueras", "perez higueras"},
      {"Straße Øresund Æther", "strasse oresund aether"},
      {"α-Amino-3-hydroxy", "alpha amino 3 hydroxy"},
      {"μ-opioid µ-opioid Μ", "mu opioid mu opioid mu"},
      {"γ-Aminobutyric acid (GABA)", "gamma aminobutyric acid gaba"},
      {"  “Quoted” title. ", "quoted title"},
      {"e\u0301tude", "etude"},
      {"Łódź", "lodz"},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(fold_for_matching(c.input) == c.expected);
  }
}

TEST_CASE("folded_words splits the folded text", "[schema][fold]") {
  CHECK(folded_words("Ketamine for Chronic Pain: Risks and Benefits") ==
        std::vector<std::string>{"ketamine", "for", "chronic", "pain", "risks", "and", "benefits"});
}

TEST_CASE("number_variant gives the simple singular or plural of a folded word", "[schema][text]") {
  using litgraph::schema::number_variant;
  CHECK(number_variant("syndromes") == std::optional<std::string>("syndrome"));
  CHECK(number_variant("syndrome") == std::optional<std::string>("syndromes"));
  CHECK(number_variant("therapies") == std::optional<std::string>("therapy"));
  CHECK(number_variant("therapy") == std::optional<std::string>("therapies"));
  CHECK(number_variant("delays") == std::optional<std::string>("delay"));
  CHECK(number_variant("delay") == std::optional<std::string>("delays"));
  for (const char* irregular : {"sepsis", "virus", "glass", "box", "each", "rash", "pain s", "CRPS", "mus"}) {
    INFO(irregular);
    CHECK_FALSE(number_variant(irregular));
  }
}

TEST_CASE("xml_escape writes the five XML specials as entities", "[text]") {
  CHECK(litgraph::schema::xml_escape("Tom & Jerry's <b>\"best\"</b>") ==
        "Tom &amp; Jerry&apos;s &lt;b&gt;&quot;best&quot;&lt;/b&gt;");
  CHECK(litgraph::schema::xml_escape("α-Amino acid") == "α-Amino acid");  // UTF-8 kept
}
