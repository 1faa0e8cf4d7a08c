#include "litgraph/schema/pages.h"

#include <algorithm>

namespace litgraph::schema {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::string expand_last_page(std::string_view first, std::string_view last) {
  if (last.empty() || !std::all_of(last.begin(), last.end(), is_digit)) return std::string(last);
  std::size_t tail = first.size();
  while (tail > 0 && is_digit(first[tail - 1])) --tail;
  std::string_view digits = first.substr(tail);
  if (digits.empty()) return std::string(last);
  std::string out(first.substr(0, tail));
  if (last.size() < digits.size()) out += digits.substr(0, digits.size() - last.size());
  return out + std::string(last);
}

bool is_page_token(std::string_view token) {
  if (token.empty() || token.size() > 12) return false;
  if (!std::all_of(token.begin(), token.end(), [](char c) { return is_digit(c) || is_alpha(c); }))
    return false;
  return std::any_of(token.begin(), token.end(), is_digit);
}

}  // namespace litgraph::schema
