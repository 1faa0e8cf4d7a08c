// litgraph_query_bench: latency of `litgraph query`'s search with three facets.
//
// Opens an index (make one with litgraph_index_bench or `litgraph index`),
// builds a fixed set of queries from it (the most frequent conditions and
// drugs as entity filters, and free-text words taken from work titles), runs
// each --repeat times (after one untimed pass) through query::search with the
// condition, drug and year facets, and reports p50 and p99 latency per query
// type; phrases of two title words apart (the index keeps no positions: a
// phrase's candidates are checked against their stored text).
#include <CLI/CLI.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/query/search.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/vocabulary.h"

namespace {

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  std::size_t at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

// The `count` terms with `prefix` that the most records carry.
std::vector<std::string> frequent_terms(const Xapian::Database& database, const std::string& prefix,
                                        std::size_t count) {
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
    terms.emplace_back(it.get_termfreq(), (*it).substr(prefix.size()));
  }
  std::sort(terms.rbegin(), terms.rend());
  std::vector<std::string> result;
  for (std::size_t k = 0; k < terms.size() && k < count; ++k) result.push_back(terms[k].second);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Measures query latency with three facets", "litgraph_query_bench"};
  std::string database_path;
  int repeat = 5;
  std::size_t queries = 30;
  std::vector<std::string> facets = {"condition", "drug", "year"};
  app.add_option("DATABASE", database_path, "The index")->required();
  app.add_option("--repeat", repeat, "Runs of each query (default 5)");
  app.add_option("--queries", queries, "Queries of each type (default 30)");
  bool use_columns = true;
  app.add_flag("!--no-columns", use_columns, "Count with Xapian's match spies instead of the facet columns");
  app.add_option("--facet", facets, "Facets to count (default condition, drug, year; \"none\" for none)");
  CLI11_PARSE(app, argc, argv);
  try {
    const auto vocabulary =
        litgraph::schema::Vocabulary::load_directory(litgraph::schema::default_vocabulary_directory());
    const Xapian::Database database = litgraph::query::open_readable(database_path);
    const auto load_start = std::chrono::steady_clock::now();
    std::shared_ptr<const litgraph::query::FacetColumns> columns;
    if (use_columns) columns = litgraph::query::FacetColumns::open(database, database_path);
    std::printf("facet columns: %s in %.1f ms\n", columns ? "loaded" : "not used",
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_start).count());
    struct Type {
      const char* name;
      std::vector<std::string> texts;
    };
    std::vector<Type> types = {{"condition filter", {}}, {"drug filter", {}}, {"free text", {}},
                               {"text + condition", {}}};
    for (const auto& id : frequent_terms(database, "XEC", queries)) types[0].texts.push_back("condition:" + id);
    for (const auto& id : frequent_terms(database, "XED", queries)) types[1].texts.push_back("drug:" + id);
    // Title words of middling frequency: common enough to match, rare enough to rank.
    const Xapian::doccount total = database.get_doccount();
    for (auto it = database.allterms_begin("S"); it != database.allterms_end("S"); ++it) {
      const std::string word = (*it).substr(1);
      if (word.size() < 5 || it.get_termfreq() < total / 2000 || it.get_termfreq() > total / 20) continue;
      types[2].texts.push_back(word);
      if (types[2].texts.size() >= queries) break;
    }
    for (std::size_t k = 0; k < types[2].texts.size() && k < types[0].texts.size(); ++k) {
      types[3].texts.push_back(types[2].texts[k] + " " + types[0].texts[k]);
    }
    // Phrases (reported apart from "all"): the first two words of the titles
    // of works at fixed steps through their ids (sorted, so the same records
    // whatever document ids a parallel load gave them), each word of four
    // letters or more.
    Type phrases{"phrase", {}};
    const std::string work_ids = "Qwork:";
    const Xapian::doccount works = std::max<Xapian::doccount>(1, database.get_termfreq("Kwork"));
    const Xapian::doccount step = std::max<Xapian::doccount>(1, works / (4 * static_cast<Xapian::doccount>(queries) + 1));
    Xapian::doccount seen = 0;
    for (auto it = database.allterms_begin(work_ids);
         it != database.allterms_end(work_ids) && phrases.texts.size() < queries; ++it, ++seen) {
      if (seen % step != 0) continue;
      const Xapian::Document document = database.get_document(*database.postlist_begin(*it));
      rapidjson::Document data;
      data.Parse(litgraph::query::record_data(database, document).c_str());
      if (!data.IsObject() || !data.HasMember("title") || !data["title"].IsString()) continue;
      std::vector<std::string> words(1);
      for (const char* c = data["title"].GetString(); *c != '\0' && words.size() <= 2; ++c) {
        if (std::isalpha(static_cast<unsigned char>(*c))) {
          words.back() += *c;
        } else if (!words.back().empty()) {
          words.emplace_back();
        }
      }
      if (words.size() < 2 || words[0].size() < 4 || words[1].size() < 4) continue;
      phrases.texts.push_back("\"" + words[0] + " " + words[1] + "\"");
    }
    std::printf("%s: %u records\n", database_path.c_str(), database.get_doccount());
    auto request_for = [&](const std::string& text) {
      litgraph::query::SearchRequest request;
      request.text = text;
      for (const auto& facet : facets) {
        if (facet != "none") request.facets.push_back(facet);
      }
      return request;
    };
    // One untimed pass first, so that every figure is of a warm page cache
    // (a cold first query measures the disk, not the index).
    for (const auto& type : types) {
      for (const auto& text : type.texts) {
        litgraph::query::search(database, vocabulary, request_for(text), columns.get());
      }
    }
    for (const auto& text : phrases.texts) {
      litgraph::query::search(database, vocabulary, request_for(text), columns.get());
    }
    types.push_back(std::move(phrases));
    std::vector<double> all;
    for (const auto& type : types) {
      std::vector<double> times;
      std::size_t matches = 0;
      for (const auto& text : type.texts) {
        const auto request = request_for(text);
        for (int run = 0; run < repeat; ++run) {
          auto start = std::chrono::steady_clock::now();
          auto result = litgraph::query::search(database, vocabulary, request, columns.get());
          times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
          if (run == 0) matches += result.total;
        }
      }
      if (times.empty()) continue;
      if (std::string_view(type.name) != "phrase") all.insert(all.end(), times.begin(), times.end());
      std::printf("  %-18s %3zu queries x %d  p50 %7.2f ms  p99 %7.2f ms  (mean matches %zu)\n",
                  type.name, type.texts.size(), repeat, percentile(times, 0.5),
                  percentile(times, 0.99), matches / std::max<std::size_t>(1, type.texts.size()));
    }
    std::printf("  %-18s                 p50 %7.2f ms  p99 %7.2f ms  (all but phrases)\n", "all", percentile(all, 0.5),
                percentile(all, 0.99));
  } catch (const litgraph::Error& error) {
    std::fprintf(stderr, "litgraph_query_bench: %s\n", error.what());
    return static_cast<int>(error.exit_code());
  }
  return 0;
}
