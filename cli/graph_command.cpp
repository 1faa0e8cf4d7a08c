#include "graph_command.h"

#include <iomanip>
#include <ostream>

#include "json_output.h"
#include "litgraph/query/database.h"
#include "litgraph/query/graph.h"
#include "litgraph/schema/text.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::cli {

namespace {

void write_entity(JsonWriter& json, const schema::Entity& entity) {
  json.StartObject();
  json.Key("id");
  json.String(entity.id);
  json.Key("name");
  json.String(entity.name);
  json.Key("type");
  json.String(schema::entity_type_name(entity.type));
  json.EndObject();
}

void write_evidence(JsonWriter& json, const std::vector<query::Evidence>& evidence) {
  json.StartArray();
  for (const auto& passage : evidence) {
    json.StartObject();
    json.Key("passage");
    json.String(passage.passage);
    json.Key("owner");
    json.String(passage.owner);
    json.Key("text");
    json.String(passage.text);
    json.EndObject();
  }
  json.EndArray();
}

schema::Vocabulary load_vocabulary(const GraphOptions& options) {
  return schema::Vocabulary::load_directory(
      options.vocabulary.empty() ? schema::default_vocabulary_directory() : options.vocabulary);
}

}  // namespace

ExitCode run_graph_neighbors(const GraphOptions& options, std::ostream& out) {
  std::optional<schema::EntityType> type;
  if (options.type == "drug") type = schema::EntityType::kDrug;
  if (options.type == "condition") type = schema::EntityType::kCondition;
  if (options.type == "receptor") type = schema::EntityType::kReceptor;
  if (!options.type.empty() && !type) {
    throw UsageError("--type " + options.type + ": drug, condition or receptor");
  }
  const auto vocabulary = load_vocabulary(options);
  const Xapian::Database database = query::open_readable(options.database);
  const auto entities = query::resolve_entities(vocabulary, options.entity);
  rapidjson::OStreamWrapper stream(out);
  JsonWriter json(stream);
  if (options.json) {
    json.StartObject();
    json.Key("entities");
    json.StartArray();
  }
  for (const auto* entity : entities) {
    auto found = query::neighbors(database, vocabulary, *entity, type, options.evidence);
    if (found.size() > options.limit) found.resize(options.limit);
    if (options.json) {
      json.StartObject();
      json.Key("entity");
      write_entity(json, *entity);
      json.Key("neighbors");
      json.StartArray();
      for (const auto& neighbor : found) {
        json.StartObject();
        json.Key("entity");
        write_entity(json, *neighbor.entity);
        json.Key("edge");
        json.String(neighbor.edge);
        json.Key("weight");
        json.Uint64(neighbor.weight);
        json.Key("sources");
        json.Uint64(neighbor.owners);
        if (neighbor.edge == "acts_on") {
          json.Key("antagonist");
          json.Uint64(neighbor.antagonist);
          json.Key("agonist");
          json.Uint64(neighbor.agonist);
        }
        json.Key("evidence");
        write_evidence(json, neighbor.evidence);
        json.EndObject();
      }
      json.EndArray();
      json.EndObject();
      continue;
    }
    out << entity->name << " (" << entity->id << ", " << schema::entity_type_name(entity->type)
        << "): " << found.size() << (found.size() == 1 ? " neighbour" : " neighbours") << "\n";
    for (const auto& neighbor : found) {
      out << "  " << std::setw(4) << neighbor.weight << "  " << std::left << std::setw(14)
          << neighbor.edge << std::right << neighbor.entity->name << " (" << neighbor.entity->id
          << ")";
      if (neighbor.antagonist > 0) out << ", antagonist in " << neighbor.antagonist;
      if (neighbor.agonist > 0) out << ", agonist in " << neighbor.agonist;
      out << "; " << neighbor.owners << (neighbor.owners == 1 ? " source" : " sources") << "\n";
      for (const auto& passage : neighbor.evidence) {
        out << "          " << passage.passage << ": " << passage.text.substr(0, 160)
            << (passage.text.size() > 160 ? "…" : "") << "\n";
      }
    }
  }
  if (options.json) {
    json.EndArray();
    json.EndObject();
    out << "\n";
  }
  return ExitCode::kOk;
}

ExitCode run_graph_evidence(const GraphOptions& options, std::ostream& out) {
  const auto vocabulary = load_vocabulary(options);
  const Xapian::Database database = query::open_readable(options.database);
  const auto first = query::resolve_entities(vocabulary, options.entity);
  const auto second = query::resolve_entities(vocabulary, options.other);
  rapidjson::OStreamWrapper stream(out);
  JsonWriter json(stream);
  if (options.json) {
    json.StartObject();
    json.Key("pairs");
    json.StartArray();
  }
  for (const auto* a : first) {
    for (const auto* b : second) {
      auto passages = query::evidence_between(database, *a, *b, options.limit);
      if (options.json) {
        json.StartObject();
        json.Key("a");
        write_entity(json, *a);
        json.Key("b");
        write_entity(json, *b);
        json.Key("passages");
        write_evidence(json, passages);
        json.EndObject();
        continue;
      }
      out << a->name << " – " << b->name << ": " << passages.size()
          << (passages.size() == 1 ? " passage" : " passages") << "\n";
      for (const auto& passage : passages) {
        out << "  " << passage.passage << "\n    " << passage.text << "\n";
      }
    }
  }
  if (options.json) {
    json.EndArray();
    json.EndObject();
    out << "\n";
  }
  return ExitCode::kOk;
}

namespace {


std::string quoted(const std::string& text, char quote) {
  std::string result(1, quote);
  for (char c : text) {
    if (c == quote || c == '\\') result += '\\';
    result += c;
  }
  return result + quote;
}

// RFC 4180: a field with a comma, quote or line end is quoted, quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string result = "\"";
  for (char c : text) result += c == '"' ? std::string("\"\"") : std::string(1, c);
  return result + "\"";
}

}  // namespace

ExitCode run_graph_export(const GraphOptions& options, std::ostream& out) {
  const auto vocabulary = load_vocabulary(options);
  const Xapian::Database database = query::open_readable(options.database);
  const schema::Entity* around = nullptr;
  if (!options.around.empty()) around = query::resolve_entities(vocabulary, options.around).front();
  const auto graph = query::entity_graph(database, vocabulary, around, options.depth, options.min_weight);
  if (options.format == "json") {
    rapidjson::OStreamWrapper stream(out);
    JsonWriter json(stream);
    json.StartObject();
    json.Key("nodes");
    json.StartArray();
    for (const auto* node : graph.nodes) write_entity(json, *node);
    json.EndArray();
    json.Key("edges");
    json.StartArray();
    for (const auto& edge : graph.edges) {
      json.StartObject();
      json.Key("source");
      json.String(edge.from->id);
      json.Key("target");
      json.String(edge.to->id);
      json.Key("type");
      json.String(edge.type);
      json.Key("weight");
      json.Uint64(edge.weight);
      json.Key("antagonist");
      json.Uint64(edge.antagonist);
      json.Key("agonist");
      json.Uint64(edge.agonist);
      json.EndObject();
    }
    json.EndArray();
    json.EndObject();
    out << "\n";
  } else if (options.format == "graphml") {
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        << "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
        << "  <key id=\"kind\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
        << "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
        << "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
        << "  <key id=\"antagonist\" for=\"edge\" attr.name=\"antagonist\" attr.type=\"int\"/>\n"
        << "  <key id=\"agonist\" for=\"edge\" attr.name=\"agonist\" attr.type=\"int\"/>\n"
        << "  <graph id=\"litgraph\" edgedefault=\"directed\">\n";
    for (const auto* node : graph.nodes) {
      out << "    <node id=\"" << schema::xml_escape(node->id) << "\"><data key=\"name\">"
          << schema::xml_escape(node->name) << "</data><data key=\"kind\">"
          << schema::entity_type_name(node->type) << "</data></node>\n";
    }
    std::size_t n = 0;
    for (const auto& edge : graph.edges) {
      out << "    <edge id=\"e" << n++ << "\" source=\"" << schema::xml_escape(edge.from->id)
          << "\" target=\"" << schema::xml_escape(edge.to->id) << "\"><data key=\"type\">" << edge.type
          << "</data><data key=\"weight\">" << edge.weight << "</data><data key=\"antagonist\">"
          << edge.antagonist << "</data><data key=\"agonist\">" << edge.agonist
          << "</data></edge>\n";
    }
    out << "  </graph>\n</graphml>\n";
  } else if (options.format == "dot") {
    out << "digraph litgraph {\n";
    for (const auto* node : graph.nodes) {
      out << "  " << quoted(node->id, '"') << " [label=" << quoted(node->name, '"')
          << ", type=" << schema::entity_type_name(node->type) << "];\n";
    }
    for (const auto& edge : graph.edges) {
      out << "  " << quoted(edge.from->id, '"') << " -> " << quoted(edge.to->id, '"')
          << " [label=" << quoted(edge.type + " " + std::to_string(edge.weight), '"')
          << ", weight=" << edge.weight << "];\n";
    }
    out << "}\n";
  } else {  // csv: one row per edge, with both ends, for spreadsheets and Neo4j's LOAD CSV
    out << "source_id,source_name,source_type,target_id,target_name,target_type,type,weight,"
           "antagonist,agonist\n";
    for (const auto& edge : graph.edges) {
      out << csv_field(edge.from->id) << ',' << csv_field(edge.from->name) << ','
          << schema::entity_type_name(edge.from->type) << ',' << csv_field(edge.to->id) << ','
          << csv_field(edge.to->name) << ',' << schema::entity_type_name(edge.to->type) << ','
          << edge.type << ',' << edge.weight << ',' << edge.antagonist << ',' << edge.agonist
          << "\n";
    }
  }
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
