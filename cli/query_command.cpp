#include "query_command.h"

#include <chrono>
#include <iomanip>
#include <ostream>

#include "json_output.h"
#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/query/search.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::cli {

namespace {

void write_json(const query::SearchResult& result, const std::string& text, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter json(stream);
  json.StartObject();
  json.Key("query");
  json.String(text);
  json.Key("total");
  json.Uint64(result.total);
  json.Key("results");
  json.StartArray();
  for (const auto& hit : result.hits) {
    json.StartObject();
    json.Key("id");
    json.String(hit.id);
    json.Key("kind");
    json.String(hit.kind);
    json.Key(hit.kind == "passage" ? "owner" : "title");
    json.String(hit.title);
    json.Key("authors");
    json.StartArray();
    for (const auto& author : hit.authors) json.String(author);
    json.EndArray();
    json.Key("year");
    if (hit.year) {
      json.Int(*hit.year);
    } else {
      json.Null();
    }
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"journal", &hit.journal},
                                     {"doi", &hit.doi},
                                     {"pmid", &hit.pmid}}) {
      write_optional(json, key, value->empty() ? std::nullopt : std::optional<std::string>(*value));
    }
    json.Key("score");
    json.Double(hit.score);
    json.Key("snippet");
    json.String(hit.snippet);
    json.Key("entities");
    json.StartObject();
    for (const auto& [type, refs] : hit.entities) {
      json.Key(type.c_str());
      json.StartArray();
      for (const auto& ref : refs) {
        json.StartObject();
        json.Key("id");
        json.String(ref.id);
        json.Key("name");
        json.String(ref.name);
        json.EndObject();
      }
      json.EndArray();
    }
    json.EndObject();
    json.EndObject();
  }
  json.EndArray();
  json.Key("facets");
  json.StartObject();
  for (const auto& facet : result.facets) {
    json.Key(facet.field.c_str());
    json.StartArray();
    const bool entity = facet.field == "condition" || facet.field == "drug" || facet.field == "receptor";
    for (const auto& value : facet.values) {
      json.StartObject();
      json.Key(entity ? "id" : "value");
      json.String(value.value);
      if (entity) {
        json.Key("name");
        json.String(value.name);
      }
      json.Key("count");
      json.Uint64(value.count);
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();
  json.EndObject();
  out << "\n";
}

void write_text(const query::SearchResult& result, const query::SearchRequest& request,
                std::ostream& out) {
  out << result.total << (result.total == 1 ? " match" : " matches");
  if (!result.hits.empty()) {
    out << ", " << request.offset + 1 << "-" << request.offset + result.hits.size() << " shown";
  }
  out << "\n";
  for (const auto& hit : result.hits) {
    out << "\n" << std::fixed << std::setprecision(2) << std::setw(6) << hit.score << "  " << hit.id;
    if (hit.year) out << "  (" << *hit.year << ")";
    out << "\n";
    if (hit.kind == "passage") {
      out << "        in " << hit.title << "\n";
    } else if (!hit.title.empty()) {
      out << "        " << hit.title << "\n";
    }
    if (!hit.snippet.empty() && hit.snippet != hit.title) out << "        " << hit.snippet << "\n";
    std::string names;
    for (const auto& [type, refs] : hit.entities) {
      for (const auto& ref : refs) names += (names.empty() ? "" : "; ") + ref.name;
    }
    if (!names.empty()) out << "        entities: " << names << "\n";
  }
  for (const auto& facet : result.facets) {
    out << "\n" << facet.field << ":\n";
    std::size_t shown = 0;
    for (const auto& value : facet.values) {
      if (++shown > 10) {
        out << "  … " << facet.values.size() - 10 << " more\n";
        break;
      }
      out << "  " << std::setw(6) << value.count << "  " << value.name;
      if (value.name != value.value) out << "  (" << value.value << ")";
      out << "\n";
    }
  }
}

}  // namespace

ExitCode run_query(const QueryOptions& options, std::ostream& out, std::ostream& err) {
  query::SearchRequest request;
  for (const auto& word : options.words) request.text += (request.text.empty() ? "" : " ") + word;
  for (const auto& filter : options.filters) {
    auto equals = filter.find('=');
    if (equals == std::string::npos || equals == 0) {
      throw UsageError("--filter " + filter + ": expected FIELD=VALUE (condition=CRPS, year=2015..2020)");
    }
    request.filters.emplace_back(filter.substr(0, equals), filter.substr(equals + 1));
  }
  if (!options.no_facets) {
    request.facets = options.facets.empty()
                         ? std::vector<std::string>{"condition", "drug", "receptor", "year", "type", "kind"}
                         : options.facets;
  }
  request.limit = options.limit;
  request.offset = options.offset;
  request.sort_by_year = options.sort == "year";
  const auto vocabulary = schema::Vocabulary::load_directory(
      options.vocabulary.empty() ? schema::default_vocabulary_directory() : options.vocabulary);
  const Xapian::Database database = query::open_readable(options.database);
  if (database.get_doccount() == 0) {
    err << "litgraph query: " << options.database.string()
        << ": the index is empty (index some articles or PubMed files first)\n";
  }
  const auto columns = query::FacetColumns::open(database, options.database);
  const auto result = query::search(database, vocabulary, request, columns.get());
  if (options.json) {
    write_json(result, request.text, out);
  } else {
    write_text(result, request, out);
  }
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
