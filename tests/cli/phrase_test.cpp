// Phrases without positions (layout 5): a phrase or NEAR query, checked
// against each candidate's stored text, matches exactly the records that
// Xapian's own positional phrase search matches in an index with positions.
#include <catch2/catch.hpp>

#include <xapian.h>

#include <rapidjson/document.h>

#include <cctype>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "../../query/src/phrase_check.h"
#include "litgraph/indexer/free_text.h"
#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/query/search.h"
#include "litgraph/schema/index_layout.h"
#include "litgraph/schema/vocabulary.h"
#include "run_litgraph.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace layout = litgraph::schema::layout;
using litgraph::indexer::FreeText;
using litgraph::query::internal::words_within;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace {

const litgraph::schema::Vocabulary& vocabulary() {
  static const auto loaded =
      litgraph::schema::Vocabulary::load_directory(litgraph::schema::default_vocabulary_directory());
  return loaded;
}

// The seeds (articles, their passages, the works they cite) and the 3,690
// real PubMed records, indexed offline.
const fs::path& real_index() {
  static TempDir home;
  static bool built = false;
  if (!built) {
    std::vector<std::string> args = {"index", "corpus", "--home", home.path().string()};
    for (const auto& entry :
         fs::directory_iterator(litgraph::test::shared_path("data/pubmed/alzheimers-efetch"))) {
      if (entry.path().extension() == ".gz") args.push_back(entry.path().string());
    }
    REQUIRE(run_litgraph(args, source_path("")).status == 0);
    built = true;
  }
  static const fs::path database = home.path() / "index";
  return database;
}

std::string member(const rapidjson::Value& object, const char* name) {
  const auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// The free-text terms of a document (unprefixed, and S for titles).
std::set<std::string> words_of(const Xapian::Document& document) {
  std::set<std::string> words;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    const bool prefixed = !term.empty() && term[0] >= 'A' && term[0] <= 'Z';
    const bool title = term.size() > 1 && term[0] == 'S' && !(term[1] >= 'A' && term[1] <= 'Z');
    if (!prefixed || title) words.insert(term);
  }
  return words;
}

// An in-memory index of the same records' texts with positions, as the
// index was before layout 5: Xapian's phrase search there is the reference.
struct Reference {
  Xapian::WritableDatabase database{std::string(), Xapian::DB_BACKEND_INMEMORY};
  std::size_t checked_documents = 0;
};

Reference reference_of(const Xapian::Database& index) {
  Reference reference;
  for (Xapian::docid id = 1; id <= index.get_lastdocid(); ++id) {
    Xapian::Document document;
    try {
      document = index.get_document(id);
    } catch (const Xapian::DocNotFoundError&) {
      continue;
    }
    rapidjson::Document data;
    data.Parse(litgraph::query::record_data(index, document).c_str());
    REQUIRE(data.IsObject());
    const std::string kind = member(data, "kind");
    const std::string title = member(data, "title").empty() ? member(data, "reference") : member(data, "title");
    // A work's passages have no words of their own (the work has them).
    const std::set<std::string> indexed = words_of(document);
    Xapian::Document positional;
    if (kind == layout::kPassage) {
      if (!indexed.empty()) {
        litgraph::indexer::index_free_text(positional, FreeText{{}, false, member(data, "text")}, true);
      }
    } else if (kind == layout::kArticle) {
      litgraph::indexer::index_free_text(positional, FreeText{title, false, member(data, "text")}, true);
    } else {
      litgraph::indexer::index_free_text(positional, FreeText{title, true, member(data, "abstract")}, true);
    }
    // The stored text gives back the very words the index holds, and the
    // word stream their positions.
    if (kind != layout::kPassage || !indexed.empty()) {
      INFO("record " << member(data, "id"));
      REQUIRE(words_of(positional) == indexed);
      const std::vector<std::string> terms(indexed.begin(), indexed.end());
      const auto decoded =
          litgraph::indexer::word_positions(document.get_value(layout::kWordStream), terms);
      for (std::size_t t = 0; t < terms.size(); ++t) {
        INFO("term " << terms[t]);
        auto term = positional.termlist_begin();
        term.skip_to(terms[t]);
        REQUIRE(*term == terms[t]);
        const std::vector<Xapian::termpos> want(term.positionlist_begin(), term.positionlist_end());
        REQUIRE(decoded[t] == want);
      }
      ++reference.checked_documents;
    }
    positional.add_boolean_term("Q" + member(data, "id"));
    positional.add_boolean_term("K" + kind);
    reference.database.add_document(positional);
  }
  return reference;
}

std::set<std::string> reference_matches(const Xapian::Database& reference, const std::string& text,
                                        bool passages) {
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.add_prefix("title", "S");
  Xapian::Query query = parser.parse_query(
      text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE);
  const Xapian::Query kind("K" + std::string(layout::kPassage));
  query = Xapian::Query(passages ? Xapian::Query::OP_FILTER : Xapian::Query::OP_AND_NOT, query, kind);
  Xapian::Enquire enquire(reference);
  enquire.set_query(query);
  std::set<std::string> ids;
  const Xapian::MSet all = enquire.get_mset(0, reference.get_doccount());
  for (auto it = all.begin(); it != all.end(); ++it) {
    auto term = it.get_document().termlist_begin();
    term.skip_to("Q");
    ids.insert((*term).substr(1));
  }
  return ids;
}

std::set<std::string> litgraph_matches(const Xapian::Database& index, const std::string& text,
                                       const litgraph::query::FacetColumns* columns) {
  litgraph::query::SearchRequest request;
  request.text = text;
  request.limit = index.get_doccount();
  request.facets = {"condition"};
  const auto result = litgraph::query::search(index, vocabulary(), request, columns);
  std::set<std::string> ids;
  for (const auto& hit : result.hits) ids.insert(hit.id);
  CHECK(result.total == ids.size());
  return ids;
}

}  // namespace

TEST_CASE("words_within: in order and adjacent, within a window, near in any order", "[query][phrase]") {
  using Positions = std::vector<std::vector<Xapian::termpos>>;
  CHECK(words_within(Positions{{3, 9}, {10}}, 2, true));           // "a b" at 9, 10
  CHECK_FALSE(words_within(Positions{{3, 9}, {11}}, 2, true));     // a word between
  CHECK(words_within(Positions{{3, 9}, {11}}, 3, true));           // ADJ/1
  CHECK_FALSE(words_within(Positions{{10}, {9}}, 2, true));        // wrong order
  CHECK(words_within(Positions{{10}, {9}}, 2, false));             // NEAR: any order
  CHECK_FALSE(words_within(Positions{{1}, {20}}, 11, false));
  CHECK(words_within(Positions{{5, 6}, {5, 6}}, 2, true));         // "the the"
  CHECK_FALSE(words_within(Positions{{5}, {5}}, 2, true));         // one "the" is not two
  CHECK_FALSE(words_within(Positions{{5}, {5}}, 10, false));
  CHECK_FALSE(words_within(Positions{{1, 30}, {2, 50}, {29}}, 3, false));  // no three within 3
  CHECK(words_within(Positions{{1, 30}, {2, 31}, {29}}, 3, false));
}

TEST_CASE("a word stream gives back positions, and finds words one after another", "[query][phrase]") {
  // "a a a b", a gap (as between a title and its abstract), "c d a".
  Xapian::Document document;
  const std::vector<std::pair<std::string, Xapian::termpos>> words = {
      {"a", 1}, {"a", 2}, {"a", 3}, {"b", 4}, {"c", 105}, {"d", 106}, {"a", 107}};
  for (const auto& [term, position] : words) document.add_posting(term, position);
  document.add_boolean_term("Kwork");  // no positions: not in the stream
  const std::string stream = litgraph::indexer::encode_word_stream(document);
  const auto positions = litgraph::indexer::word_positions(stream, {"a", "b", "c", "d"});
  CHECK(positions[0] == std::vector<Xapian::termpos>{1, 2, 3, 107});
  CHECK(positions[1] == std::vector<Xapian::termpos>{4});
  CHECK(positions[2] == std::vector<Xapian::termpos>{105});
  CHECK(positions[3] == std::vector<Xapian::termpos>{106});
  using litgraph::indexer::has_sequence;
  CHECK(has_sequence(stream, {"a", "a", "b"}));  // after a failed start at 1
  CHECK(has_sequence(stream, {"a", "a", "a", "b"}));
  CHECK_FALSE(has_sequence(stream, {"a", "a", "a", "a"}));
  CHECK_FALSE(has_sequence(stream, {"b", "c"}));  // across the gap
  CHECK(has_sequence(stream, {"c", "d", "a"}));
  CHECK_FALSE(has_sequence(stream, {"b", "a"}));
  CHECK(stream.size() < 2 + 7 * 2);  // a few bits a word
}

TEST_CASE("phrases match what a positional index matches, on real records", "[query][phrase]") {
  const Xapian::Database index = litgraph::query::open_readable(real_index());
  const Reference reference = reference_of(index);
  CHECK(reference.checked_documents > 3690);
  const auto columns = litgraph::query::FacetColumns::open(index, real_index());

  // Phrases from the records' own titles (two and three words from the
  // start of every 97th work's title), and the kinds of phrase users type.
  std::vector<std::string> queries = {
      "\"alzheimer's disease\"", "\"mild cognitive impairment\"", "\"nasal spray\"",
      "treatment-resistant depression", "double-blind", "\"amyloid beta\" -\"amyloid precursor\"",
      "title:\"alzheimer disease\"", "amyloid NEAR/3 tau", "ketamine NEAR depression",
      "\"cognitive impairment\" OR \"nasal spray\"", "\"of the\" \"in the\"", "\"the the\"",
      "\"disease alzheimer's\"", "tau ADJ/2 protein"};
  for (Xapian::docid id = 1; id <= index.get_lastdocid(); id += 97) {
    rapidjson::Document data;
    data.Parse(litgraph::query::record_data(index, index.get_document(id)).c_str());
    std::vector<std::string> words;
    std::string word;
    for (char c : member(data, "title") + " ") {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        word += c;
      } else if (!word.empty()) {
        words.push_back(word);
        word.clear();
      }
    }
    if (words.size() >= 3) {
      queries.push_back("\"" + words[0] + " " + words[1] + "\"");
      queries.push_back("\"" + words[0] + " " + words[1] + " " + words[2] + "\"");
    }
  }
  REQUIRE(queries.size() > 50);

  std::size_t narrowed = 0;  // phrases that match fewer records than their words
  for (const auto& text : queries) {
    INFO("query: " << text);
    const auto want = reference_matches(reference.database, text, false);
    CHECK(litgraph_matches(index, text, columns.get()) == want);  // facet columns: Xapian checks the AND's candidates
    CHECK(litgraph_matches(index, text, nullptr) == want);   // spies
    CHECK(litgraph_matches(index, "(" + text + ") kind:passage", columns.get()) ==
          reference_matches(reference.database, text, true));
    std::string words = text;
    for (char& c : words) {
      if (c == '"') c = ' ';
    }
    if (reference_matches(reference.database, words, false).size() > want.size()) ++narrowed;
  }
  // The check does work: many phrases match fewer records than their words.
  CHECK(narrowed > 10);
}

TEST_CASE("a hit whose title lacks the query's words shows them from its abstract", "[query][snippet]") {
  const Xapian::Database index = litgraph::query::open_readable(real_index());
  litgraph::query::SearchRequest request;
  request.text = "patients";
  request.limit = 50;
  const auto result = litgraph::query::search(index, vocabulary(), request, nullptr);
  REQUIRE(result.hits.size() == 50);
  std::size_t from_abstract = 0;
  for (const auto& hit : result.hits) {
    INFO(hit.id << ": " << hit.snippet);
    CHECK(hit.snippet.find("<b>") != std::string::npos);
    if (hit.title.find("atient") == std::string::npos) {
      ++from_abstract;
      CHECK(hit.snippet.find('\n') == std::string::npos);
    }
  }
  CHECK(from_abstract > 0);
}
