#include "show_command.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include "json_output.h"
#include "litgraph/query/database.h"
#include "litgraph/query/record_view.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::cli {

using query::RecordView;
using schema::EntityType;

namespace {

constexpr EntityType kTypes[] = {EntityType::kDrug, EntityType::kCondition, EntityType::kReceptor};

// Fields shown in sections of their own, not among the fields.
bool has_own_section(const std::string& name) {
  return name == "id" || name == "kind" || name == "entities" || name == "cites" ||
         name == "edges";
}

std::string padded(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

std::string right_aligned(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string or_unknown(const std::string& name) { return name.empty() ? "(not in the vocabulary)" : name; }

// A title in a list (an article's "title" is its first line, often a whole
// paragraph): at most kListTitleWidth characters, cut at a code point, "…" added.
constexpr std::size_t kListTitleWidth = 100;

std::string shortened(const std::string& text) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (++characters > kListTitleWidth) return text.substr(0, i) + "…";
  }
  return text;
}

// "1 drug", "2 drugs" (every word used here takes an s).
std::string counted(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void optional_string(JsonWriter& json, const char* key, const std::string& value) {
  write_optional(json, key, value.empty() ? std::nullopt : std::optional<std::string>(value));
}

void write_json(const RecordView& view, std::ostream& out) {
  rapidjson::OStreamWrapper stream(out);
  JsonWriter json(stream);
  json.StartObject();
  json.Key("id");
  json.String(view.id);
  json.Key("kind");
  json.String(view.kind);
  json.Key("fields");
  json.StartObject();
  for (const auto& field : view.fields) {
    json.Key(field.name.c_str(), static_cast<rapidjson::SizeType>(field.name.size()));
    if (field.list) json.StartArray();
    for (const auto& value : field.values) {
      if (field.json) {
        json.RawValue(value.data(), value.size(), rapidjson::kObjectType);
      } else {
        json.String(value);
      }
    }
    if (field.list) json.EndArray();
  }
  json.EndObject();
  json.Key("passages");
  json.Uint64(view.passages);

  json.Key("entities");
  json.StartObject();
  for (EntityType type : kTypes) {
    json.Key(schema::entity_type_name(type));
    json.StartArray();
    for (const auto& entity : view.entities) {
      if (entity.type != type) continue;
      json.StartObject();
      json.Key("id");
      json.String(entity.id);
      optional_string(json, "name", entity.name);
      json.Key("count");
      json.Uint(entity.count);
      json.EndObject();
    }
    json.EndArray();
  }
  json.EndObject();

  json.Key("mesh");
  json.StartArray();
  for (const auto& heading : view.mesh) {
    json.StartObject();
    json.Key("id");
    json.String(heading.id);
    optional_string(json, "name", heading.name);
    json.Key("major");
    json.Bool(heading.major);
    json.EndObject();
  }
  json.EndArray();

  json.Key("cites");
  json.StartArray();
  for (const auto& work : view.cites) {
    json.StartObject();
    json.Key("id");
    json.String(work.id);
    json.Key("indexed");
    json.Bool(work.indexed);
    optional_string(json, "title", work.title);
    write_optional(json, "year", work.year);
    json.EndObject();
  }
  json.EndArray();

  json.Key("cited_by");
  json.StartArray();
  for (const auto& record : view.cited_by) {
    json.StartObject();
    json.Key("id");
    json.String(record.id);
    json.Key("kind");
    json.String(record.kind);
    if (record.kind == "passage") {
      json.Key("owner");
      json.String(record.owner);
      json.Key("line");
      if (record.line) json.Int64(*record.line);
      else json.Null();
      json.Key("text");
      json.String(record.text);
    } else {
      optional_string(json, "title", record.title);
    }
    json.EndObject();
  }
  json.EndArray();

  json.Key("edges");
  json.StartArray();
  for (const auto& edge : view.edges) {
    json.StartObject();
    json.Key("type");
    json.String(edge.type);
    for (const auto* end : {&edge.from, &edge.to}) {
      json.Key(end == &edge.from ? "from" : "to");
      json.StartObject();
      json.Key("id");
      json.String(end->id);
      optional_string(json, "name", end->name);
      json.EndObject();
    }
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  out << "\n";
}

void write_fields(const RecordView& view, std::ostream& out) {
  std::size_t width = std::string("passages").size();
  for (const auto& field : view.fields) {
    if (!has_own_section(field.name)) width = std::max(width, field.name.size());
  }
  for (const auto& field : view.fields) {
    if (has_own_section(field.name)) continue;
    std::string value;
    for (const auto& part : field.values) value += (value.empty() ? "" : "; ") + part;
    if (field.name == "owner" && !view.owner_title.empty()) value += "  (" + shortened(view.owner_title) + ")";
    // An article's text is its file: its start here, all of it with --json.
    if (field.name == "text" && view.kind == "article") {
      std::string start = value.substr(0, value.find('\n'));
      value = shortened(start) + "  (" + std::to_string(value.size()) + " bytes; --json has it all)";
    }
    out << "  " << padded(field.name, width) << "  " << value << "\n";
  }
  if (view.kind != "passage") {
    out << "  " << padded("passages", width) << "  " << view.passages << "\n";
  }
}

void write_entities(const RecordView& view, std::ostream& out) {
  if (view.entities.empty()) {
    out << "\nentities: none\n";
    return;
  }
  std::map<EntityType, std::size_t> per_type;
  std::size_t count_width = 1;
  std::size_t id_width = 0;
  for (const auto& entity : view.entities) {
    ++per_type[entity.type];
    count_width = std::max(count_width, std::to_string(entity.count).size());
    id_width = std::max(id_width, entity.id.size());
  }
  std::string counts;
  for (EntityType type : kTypes) {
    if (per_type[type] == 0) continue;
    counts += (counts.empty() ? "" : ", ") + counted(per_type[type], schema::entity_type_name(type));
  }
  out << "\nentities (" << counts << "; mentions):\n";
  const std::size_t type_width = std::string("condition").size();
  for (EntityType type : kTypes) {
    bool first = true;
    for (const auto& entity : view.entities) {
      if (entity.type != type) continue;
      out << "  " << padded(first ? schema::entity_type_name(type) : "", type_width) << "  "
          << right_aligned(std::to_string(entity.count), count_width) << "  "
          << padded(entity.id, id_width) << "  " << or_unknown(entity.name) << "\n";
      first = false;
    }
  }
}

void write_mesh(const RecordView& view, std::ostream& out) {
  if (view.mesh.empty()) {
    out << "\nMeSH headings: none\n";
    return;
  }
  std::size_t id_width = 0;
  for (const auto& heading : view.mesh) id_width = std::max(id_width, heading.id.size());
  out << "\nMeSH headings (" << view.mesh.size() << "; M: major topic):\n";
  for (const auto& heading : view.mesh) {
    out << "  " << (heading.major ? "M" : " ") << " " << padded(heading.id, id_width) << "  "
        << or_unknown(heading.name) << "\n";
  }
}

void write_cites(const RecordView& view, std::ostream& out) {
  if (view.cites.empty()) {
    out << "\ncites: none\n";
    return;
  }
  std::size_t id_width = 0;
  for (const auto& work : view.cites) id_width = std::max(id_width, work.id.size());
  out << "\ncites (" << counted(view.cites.size(), "work") << "):\n";
  for (const auto& work : view.cites) {
    out << "  " << padded(work.id, id_width) << "  "
        << padded(work.year ? std::to_string(*work.year) : "", 4) << "  "
        << (work.indexed ? shortened(work.title) : "(not in the index)") << "\n";
  }
}

void write_cited_by(const RecordView& view, std::ostream& out) {
  if (view.cited_by.empty()) {
    out << "\ncited by: none\n";
    return;
  }
  std::map<std::string, std::size_t> per_kind;  // article, passage, work
  for (const auto& record : view.cited_by) ++per_kind[record.kind];
  std::string counts;
  for (const auto& [kind, n] : per_kind) {
    counts += (counts.empty() ? "" : ", ") + counted(n, kind);
  }
  out << "\ncited by " << counts
      << (per_kind.count("passage") != 0 ? " (passages: citation contexts)" : "") << ":\n";
  std::string group;  // the owner whose line was printed last
  for (const auto& record : view.cited_by) {
    if (record.kind != "passage") {
      out << "  " << record.id << "  " << shortened(record.title) << "\n";
      group = record.id;
      continue;
    }
    if (record.owner != group) {
      out << "  " << record.owner << "  (does not cite it)\n";
      group = record.owner;
    }
    const auto mark = record.id.rfind('#');
    const std::string number = mark == std::string::npos ? record.id : record.id.substr(mark);
    out << "    " << number;
    if (record.line) out << "  line " << *record.line;
    out << "  " << record.text << "\n";
  }
}

void write_edges(const RecordView& view, std::ostream& out) {
  if (view.edges.empty()) {
    out << "\nedges: none\n";
    return;
  }
  // One line per pair and relation: "acts_on" and "acts_on:antagonist" become
  // "acts_on (antagonist)".
  struct Line {
    const query::Edge* edge = nullptr;
    std::set<std::string> how;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Line> lines;
  for (const auto& edge : view.edges) {
    const auto colon = edge.type.find(':');
    Line& line = lines[{edge.type.substr(0, colon), edge.from.id, edge.to.id}];
    if (line.edge == nullptr || colon == std::string::npos) line.edge = &edge;
    if (colon != std::string::npos) line.how.insert(edge.type.substr(colon + 1));
  }
  out << "\nedges (" << lines.size() << "):\n";
  for (const auto& [key, line] : lines) {
    std::string relation = std::get<0>(key);
    for (const auto& how : line.how) relation += " (" + how + ")";
    const auto& edge = *line.edge;
    out << "  " << (edge.from.name.empty() ? edge.from.id : edge.from.name) << "  " << relation
        << "  " << (edge.to.name.empty() ? edge.to.id : edge.to.name) << "    [" << edge.from.id
        << " " << edge.to.id << "]\n";
  }
}

void write_text(const RecordView& view, std::ostream& out) {
  out << view.id << "  (" << view.kind << ")\n";
  write_fields(view, out);
  write_entities(view, out);
  if (view.kind == "work") write_mesh(view, out);
  write_cites(view, out);
  if (view.kind == "passage") {
    write_edges(view, out);
  } else {
    write_cited_by(view, out);
  }
}

}  // namespace

ExitCode run_show(const ShowOptions& options, std::ostream& out, std::ostream&) {
  const Xapian::Database database = query::open_readable(options.database);
  auto id = query::resolve_record_id(database, options.id);
  if (!id) {
    const std::string wanted = query::intended_record_id(options.id);
    std::string message = "no record \"" + options.id + "\"" +
                          (wanted != options.id ? " (" + wanted + ")" : std::string()) + " in " +
                          options.database.string() +
                          "; give a record id (article:PATH, work:doi:DOI, work:pmid:PMID, "
                          "article:PATH#pN), a DOI, a PMID or an indexed article's path";
    auto similar = query::similar_record_ids(database, options.id);
    if (!similar.empty()) {
      message += "; similar ids:";
      for (const auto& other : similar) message += "\n  " + other;
    }
    throw UsageError(message);
  }
  const auto vocabulary = schema::Vocabulary::load_directory(
      options.vocabulary.empty() ? schema::default_vocabulary_directory() : options.vocabulary);
  auto view = query::view_record(database, *id, vocabulary);
  if (!view) throw IndexError(*id + ": the record went away while reading it");
  if (options.json) {
    write_json(*view, out);
  } else {
    write_text(*view, out);
  }
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
