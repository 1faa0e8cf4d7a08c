#include "entities_command.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>
#include <set>

#include "article_inputs.h"
#include "json_output.h"
#include "litgraph/indexer/tagger.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::cli {

using indexer::Mention;
using schema::Entity;
using schema::EntityType;

namespace {

// Longer names overflow their column rather than push every line's mentions far right.
constexpr std::size_t kMaxNameWidth = 40;

constexpr EntityType kAllTypes[] = {EntityType::kDrug, EntityType::kCondition, EntityType::kReceptor};

// One entity of a document with its mentions, in text order.
struct EntityMentions {
  const Entity* entity = nullptr;
  std::vector<const Mention*> mentions;
};

std::set<EntityType> parse_types(const std::vector<std::string>& names) {
  std::set<EntityType> types;
  for (const std::string& name : names) {
    auto known = std::find_if(std::begin(kAllTypes), std::end(kAllTypes),
                              [&](EntityType type) { return name == schema::entity_type_name(type); });
    if (known == std::end(kAllTypes))
      throw UsageError("unknown entity type \"" + name +
                       "\" for --type (valid: drug, condition, receptor)");
    types.insert(*known);
  }
  if (types.empty()) types.insert(std::begin(kAllTypes), std::end(kAllTypes));
  return types;
}

// Loads the vocabulary, saying where its folder came from when it is missing.
schema::Vocabulary load_vocabulary(const std::filesystem::path& given) {
  std::filesystem::path directory = given;
  std::string origin = "given by --vocabulary";
  if (directory.empty()) {
    directory = schema::default_vocabulary_directory();
    const char* set = std::getenv("LITGRAPH_VOCABULARY_DIR");
    origin = set != nullptr && *set != '\0' ? "from $LITGRAPH_VOCABULARY_DIR" : "the default location";
  }
  try {
    return schema::Vocabulary::load_directory(directory);
  } catch (const ConfigError& e) {
    throw ConfigError("no vocabulary in " + directory.string() + " (" + origin +
                      "): " + e.what());
  }
}

// The mentions of the wanted types grouped by entity; entities by count
// descending, then id.
std::vector<EntityMentions> group_by_entity(const std::vector<Mention>& mentions,
                                            const std::set<EntityType>& types) {
  std::vector<EntityMentions> entities;
  std::map<const Entity*, std::size_t> position;
  for (const Mention& mention : mentions) {
    if (!types.count(mention.entity->type)) continue;
    auto [it, added] = position.try_emplace(mention.entity, entities.size());
    if (added) entities.push_back({mention.entity, {}});
    entities[it->second].mentions.push_back(&mention);
  }
  std::sort(entities.begin(), entities.end(), [](const EntityMentions& a, const EntityMentions& b) {
    if (a.mentions.size() != b.mentions.size()) return a.mentions.size() > b.mentions.size();
    return a.entity->id < b.entity->id;
  });
  return entities;
}

void write_document_json(JsonWriter& w, const std::string& source,
                         const std::vector<EntityMentions>& entities) {
  w.StartObject();
  w.Key("source");
  w.String(source);
  w.Key("entities");
  w.StartArray();
  for (const EntityMentions& e : entities) {
    w.StartObject();
    w.Key("id");
    w.String(e.entity->id);
    w.Key("name");
    w.String(e.entity->name);
    w.Key("type");
    w.String(schema::entity_type_name(e.entity->type));
    if (!e.entity->parent.empty()) {
      w.Key("parent");
      w.String(e.entity->parent);
    }
    w.Key("count");
    w.Uint64(e.mentions.size());
    w.Key("mentions");
    w.StartArray();
    for (const Mention* m : e.mentions) {
      w.StartObject();
      w.Key("line");
      w.Int64(m->line);
      w.Key("text");
      w.String(m->text);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// Columns are padded by code points, so "μ" takes one place like "m".
std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& text, std::size_t width) {
  std::size_t shown = display_width(text);
  return shown >= width ? text : text + std::string(width - shown, ' ');
}

// A mention as written, its line breaks and runs of white space made one space.
std::string one_line(const std::string& text) {
  std::string line;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) line += c;
    else if (!line.empty() && line.back() != ' ') line += ' ';
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// "source: 3 entities, 7 mentions", then one aligned line per entity:
// count, type, id, name and the distinct ways the text writes it.
void write_document_text(std::ostream& out, const std::string& source,
                         const std::vector<EntityMentions>& entities) {
  std::size_t mentions = 0;
  std::size_t count_width = 1, id_width = 0, name_width = 0;
  for (const EntityMentions& e : entities) {
    mentions += e.mentions.size();
    count_width = std::max(count_width, std::to_string(e.mentions.size()).size());
    id_width = std::max(id_width, display_width(e.entity->id));
    name_width = std::max(name_width, std::min(display_width(e.entity->name), kMaxNameWidth));
  }
  out << source << ": " << entities.size() << (entities.size() == 1 ? " entity, " : " entities, ")
      << mentions << (mentions == 1 ? " mention\n" : " mentions\n");
  const std::size_t type_width = display_width("condition");
  for (const EntityMentions& e : entities) {
    std::vector<std::string> forms;
    for (const Mention* m : e.mentions) {
      std::string form = one_line(m->text);
      if (std::find(forms.begin(), forms.end(), form) == forms.end()) forms.push_back(form);
    }
    std::string written;
    for (const std::string& form : forms) written += (written.empty() ? "" : ", ") + form;
    std::string count = std::to_string(e.mentions.size());
    out << "  " << std::string(count_width - count.size(), ' ') << count << "  "
        << pad(schema::entity_type_name(e.entity->type), type_width) << "  "
        << pad(e.entity->id, id_width) << "  " << pad(e.entity->name, name_width) << "  ("
        << written << ")\n";
  }
}

}  // namespace

ExitCode run_entities(const EntitiesOptions& options, std::ostream& out, std::ostream& err) {
  const std::set<EntityType> types = parse_types(options.types);
  const schema::Vocabulary vocabulary = load_vocabulary(options.vocabulary);
  const indexer::Tagger tagger(vocabulary);

  rapidjson::OStreamWrapper stream(out);
  JsonWriter json(stream);
  if (options.json) {
    json.StartObject();
    json.Key("documents");
    json.StartArray();
  }
  std::size_t mention_count = 0;
  std::set<const Entity*> seen;
  ArticleFilesRead read = read_article_files(
      options.paths, "entities", false, err, [&](const std::string& name, const std::string& text) {
        if (text.find_first_not_of(" \t\r\n") == std::string::npos)
          err << name << ": warning: empty file, no entities\n";
        const std::vector<Mention> mentions = tagger.tag(text);
        const std::vector<EntityMentions> entities = group_by_entity(mentions, types);
        for (const EntityMentions& e : entities) {
          mention_count += e.mentions.size();
          seen.insert(e.entity);
        }
        if (options.json) write_document_json(json, name, entities);
        else write_document_text(out, name, entities);
      });
  if (options.json) {
    json.EndArray();
    json.EndObject();
    out << "\n";
  } else {
    err << mention_count << (mention_count == 1 ? " mention of " : " mentions of ") << seen.size()
        << (seen.size() == 1 ? " entity in " : " entities in ") << read.files_read
        << (read.files_read == 1 ? " file\n" : " files\n");
  }
  return read.status;
}

}  // namespace litgraph::cli
