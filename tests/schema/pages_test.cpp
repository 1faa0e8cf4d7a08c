// Page ranges: the abbreviated last page written out.
#include <catch2/catch.hpp>

#include "litgraph/schema/pages.h"

using namespace litgraph::schema;

TEST_CASE("expand_last_page writes out the digits a citation dropped", "[schema][pages]") {
  struct Case {
    const char* first;
    const char* last;
    const char* expected;
  };
  const Case cases[] = {
      {"856", "64", "864"},       {"357", "67", "367"},          {"521", "546", "546"},
      {"e26", "32", "e32"},       {"1234.e1", "9", "1234.e9"},   {"S12", "S20", "S20"},
      {"S12", "20", "S20"},       {"9", "12", "12"},             {"1999", "2003", "2003"},
      {"A23", "A31", "A31"},      {"e674", "", ""},              {"xii", "4", "4"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.first, c.last);
    CHECK(expand_last_page(c.first, c.last) == c.expected);
  }
}

TEST_CASE("is_page_token accepts page-like tokens only", "[schema][pages]") {
  for (const char* page : {"521", "e674", "S12", "A23", "25535"}) CHECK(is_page_token(page));
  for (const char* text : {"", "Publish", "12.5", "1-2", "1234567890123", "vol"}) CHECK_FALSE(is_page_token(text));
}
