#include "litgraph/indexer/free_text.h"

#include <string>

#include "english_stem.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::indexer {

void index_free_text(Xapian::Document& document, const FreeText& text, bool positions) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(english_stem());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  generator.set_document(document);
  const auto index = [&](std::string_view words, const std::string& prefix) {
    if (words.empty()) return;
    const Xapian::Utf8Iterator begin(words.data(), words.size());
    if (positions) {
      generator.index_text(begin, 1, prefix);
    } else {
      generator.index_text_without_positions(begin, 1, prefix);
    }
  };
  const std::string title_prefix(schema::layout::kTitlePrefix);
  index(text.title, title_prefix);
  if (text.title_in_words && !text.title.empty()) {
    index(text.title, std::string());
    generator.increase_termpos();
  }
  index(text.body, std::string());
}

std::string work_text(std::string_view title, std::string_view abstract) {
  std::string text(title);
  if (!abstract.empty()) {
    text += "\n\n";
    text += abstract;
  }
  return text;
}

}  // namespace litgraph::indexer
