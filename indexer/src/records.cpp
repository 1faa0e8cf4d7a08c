#include "litgraph/indexer/records.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <map>

#include "litgraph/indexer/database.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"
#include "litgraph/schema/text.h"

namespace litgraph::indexer {

namespace layout = schema::layout;

namespace {

// Xapian terms are limited to 245 bytes; longer ids are cut (they still
// compare equal for equal input).
std::string term(std::string_view prefix, std::string_view value) {
  std::string result(prefix);
  result += value;
  if (result.size() > 240) result.resize(240);
  return result;
}

std::string_view typed_prefix(schema::EntityType type) {
  switch (type) {
    case schema::EntityType::kDrug:
      return layout::kDrugPrefix;
    case schema::EntityType::kCondition:
      return layout::kConditionPrefix;
    case schema::EntityType::kReceptor:
      return layout::kReceptorPrefix;
  }
  return layout::kEntityPrefix;
}

void add_entity(Xapian::Document& document, const schema::Entity& entity, Xapian::termcount wdf) {
  document.add_term(term(layout::kEntityPrefix, entity.id), wdf);
  document.add_term(term(typed_prefix(entity.type), entity.id), wdf);
}

// Tags `text` and adds each entity once, with its mention count as wdf.
void add_tagged(Xapian::Document& document, const Tagger& tagger, std::string_view text) {
  std::map<const schema::Entity*, Xapian::termcount> counts;
  for (const auto& mention : tagger.tag(text)) ++counts[mention.entity];
  for (const auto& [entity, count] : counts) add_entity(document, *entity, count);
}

void add_common(Xapian::Document& document, std::string_view kind, const std::string& id,
                const std::string& hash) {
  document.add_boolean_term(term(layout::kIdPrefix, id));
  document.add_boolean_term(term(layout::kKindPrefix, kind));
  document.add_value(layout::kKindSlot, std::string(kind));
  document.add_value(layout::kHash, hash);
  document.add_value(layout::kRecordId, id);
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void json_field(JsonWriter& json, const char* name, const std::optional<std::string>& value) {
  if (!value) return;
  json.Key(name);
  json.String(value->c_str(), static_cast<rapidjson::SizeType>(value->size()));
}

}  // namespace

std::string content_hash(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

std::optional<std::string> work_record_id(const schema::Work& work) {
  if (work.doi) return "work:doi:" + *work.doi;
  if (work.pmid) return "work:pmid:" + *work.pmid;
  return std::nullopt;
}

std::string reference_record_id(const schema::Reference& reference) {
  if (reference.doi) return "work:doi:" + *reference.doi;
  if (reference.pmid) return "work:pmid:" + *reference.pmid;
  std::string key;
  if (!reference.authors.empty()) key += schema::fold_for_matching(reference.authors[0].family);
  key += '|';
  if (reference.year) key += std::to_string(*reference.year);
  key += '|';
  key += schema::fold_for_matching(reference.title.value_or(reference.raw));
  return "work:ref:" + content_hash(key);
}

void WriteCounts::count(WriteOutcome outcome) {
  switch (outcome) {
    case WriteOutcome::kAdded:
      ++added;
      break;
    case WriteOutcome::kReplaced:
      ++replaced;
      break;
    case WriteOutcome::kUnchanged:
      ++unchanged;
      break;
  }
}

Xapian::Document work_document(const std::string& id, const schema::Work& work,
                               const schema::Vocabulary& vocabulary, const Tagger& tagger,
                               std::string_view source, const std::string& hash) {
  Xapian::Document document;
  add_common(document, layout::kWork, id, hash);
  document.add_boolean_term(term(layout::kSourcePrefix, source));
  if (work.doi) document.add_boolean_term(term(layout::kDoiPrefix, *work.doi));
  if (work.pmid) document.add_boolean_term(term(layout::kPmidPrefix, *work.pmid));
  if (work.year) {
    document.add_boolean_term(term(layout::kYearPrefix, std::to_string(*work.year)));
    document.add_value(layout::kYear, Xapian::sortable_serialise(*work.year));
  }
  const std::optional<std::string>& journal = work.container ? work.container : work.container_short;
  if (journal) {
    document.add_boolean_term(term(layout::kJournalPrefix, schema::fold_for_matching(*journal)));
    document.add_value(layout::kJournal, *journal);
  }
  for (const auto& author : work.authors) {
    if (!author.family.empty()) {
      document.add_boolean_term(term(layout::kAuthorPrefix, schema::fold_for_matching(author.family)));
    }
  }
  std::string study_types;
  for (const auto& type : work.publication_types) {
    document.add_boolean_term(term(layout::kStudyTypePrefix, schema::fold_for_matching(type.name)));
    if (!study_types.empty()) study_types += '\n';
    study_types += type.name;
  }
  if (!study_types.empty()) document.add_value(layout::kStudyType, study_types);

  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  generator.set_document(document);
  if (work.title) {
    generator.index_text(*work.title, 1, std::string(layout::kTitlePrefix));
    generator.index_text(*work.title);
    generator.increase_termpos();
  }
  if (work.abstract) generator.index_text(*work.abstract);

  // MeSH headings and chemicals are strong evidence: H (and M when major) as
  // well as the entity terms; the tagger adds what the text names.
  for (const auto* list : {&work.mesh, &work.chemicals}) {
    for (const auto& heading : *list) {
      const schema::Entity* entity = vocabulary.find("mesh:" + heading.ui);
      if (entity == nullptr) continue;
      document.add_boolean_term(term(layout::kMeshHeadingPrefix, entity->id));
      if (heading.major) document.add_boolean_term(term(layout::kMeshMajorPrefix, entity->id));
      add_entity(document, *entity, 1);
    }
  }
  std::string text = work.title.value_or("");
  if (work.abstract) text += "\n" + *work.abstract;
  add_tagged(document, tagger, text);

  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("id");
  json.String(id.c_str());
  json.Key("kind");
  json.String("work");
  json_field(json, "title", work.title);
  json_field(json, "journal", journal);
  if (work.year) {
    json.Key("year");
    json.Int(*work.year);
  }
  json_field(json, "doi", work.doi);
  json_field(json, "pmid", work.pmid);
  json.Key("authors");
  json.StartArray();
  for (const auto& author : work.authors) {
    std::string name = author.family;
    if (!author.given.empty()) name += ", " + author.given;
    json.String(name.c_str());
  }
  json.EndArray();
  json.Key("source");
  json.String(source.data(), static_cast<rapidjson::SizeType>(source.size()));
  json.EndObject();
  document.set_data(buffer.GetString());
  return document;
}

Xapian::Document article_document(const std::string& id, std::string_view text,
                                  const std::vector<std::string>& cited, const Tagger& tagger,
                                  const std::string& hash) {
  Xapian::Document document;
  add_common(document, layout::kArticle, id, hash);
  const std::string path = id.substr(id.find(':') + 1);
  document.add_boolean_term(term(layout::kSourcePrefix, path));
  std::string_view title = text.substr(0, text.find('\n'));
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  generator.set_document(document);
  generator.index_text(std::string(title), 1, std::string(layout::kTitlePrefix));
  generator.index_text(std::string(text));
  add_tagged(document, tagger, text);
  for (const auto& work : cited) document.add_boolean_term(term(layout::kCitesPrefix, work));

  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  json.Key("id");
  json.String(id.c_str());
  json.Key("kind");
  json.String("article");
  json.Key("title");
  json.String(title.data(), static_cast<rapidjson::SizeType>(title.size()));
  json.Key("source");
  json.String(path.c_str());
  json.Key("references");
  json.Uint(static_cast<unsigned>(cited.size()));
  json.EndObject();
  document.set_data(buffer.GetString());
  return document;
}

IndexWriter::IndexWriter(const std::filesystem::path& path, std::size_t batch_size)
    : database_(open_writable(path)), batch_size_(batch_size == 0 ? 1 : batch_size) {}

IndexWriter::~IndexWriter() {
  // An open transaction is cancelled, not committed: what was not committed
  // is dropped and the database keeps its last committed state.
  try {
    if (pending_ > 0) database_.cancel_transaction();
  } catch (const Xapian::Error&) {
  }
}

std::optional<std::string> IndexWriter::stored_hash(const std::string& id) const {
  const std::string unique = term(layout::kIdPrefix, id);
  auto posting = database_.postlist_begin(unique);
  if (posting == database_.postlist_end(unique)) return std::nullopt;
  return database_.get_document(*posting, Xapian::DOC_ASSUME_VALID).get_value(layout::kHash);
}

void IndexWriter::write(const std::string& id, const Xapian::Document& document, bool replacing) {
  try {
    if (pending_ == 0) database_.begin_transaction(true);
    if (replacing) database_.delete_document(term(layout::kOwnerPrefix, id));
    database_.replace_document(term(layout::kIdPrefix, id), document);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot write record " + id + ": " + e.get_description());
  }
  written();
}

bool IndexWriter::remove(const std::string& id) {
  const std::string unique = term(layout::kIdPrefix, id);
  if (database_.get_termfreq(unique) == 0) return false;
  try {
    if (pending_ == 0) database_.begin_transaction(true);
    database_.delete_document(term(layout::kOwnerPrefix, id));
    database_.delete_document(unique);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot remove record " + id + ": " + e.get_description());
  }
  written();
  return true;
}

void IndexWriter::written() {
  if (++pending_ >= batch_size_) commit();
}

void IndexWriter::commit() {
  if (pending_ == 0) return;
  try {
    database_.commit_transaction();
  } catch (const Xapian::DatabaseError& e) {
    throw IndexError("cannot commit the index: " + e.get_description());
  }
  pending_ = 0;
}

}  // namespace litgraph::indexer
