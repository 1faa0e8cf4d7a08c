#include "litgraph/query/record_view.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "litgraph/query/database.h"
#include "json_member.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/identifiers.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::query {

namespace fs = std::filesystem;
namespace layout = schema::layout;

namespace {

// As the indexer writes them: Xapian terms are limited to 245 bytes, longer
// ids are cut.
std::string term(std::string_view prefix, std::string_view value) {
  std::string result(prefix);
  result += value;
  if (result.size() > 240) result.resize(240);
  return result;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::optional<Xapian::docid> docid_of(const Xapian::Database& database, std::string_view id) {
  const std::string unique = term(layout::kIdPrefix, id);
  auto posting = database.postlist_begin(unique);
  if (posting == database.postlist_end(unique)) return std::nullopt;
  return *posting;
}

// The stored id of a document (its Q term).
std::string id_of(const Xapian::Database& database, Xapian::docid docid) {
  auto it = database.termlist_begin(docid);
  it.skip_to(std::string(layout::kIdPrefix));
  if (it == database.termlist_end(docid) || !starts_with(*it, layout::kIdPrefix)) return {};
  return (*it).substr(layout::kIdPrefix.size());
}

rapidjson::Document parse_data(const std::string& data) {
  rapidjson::Document json;
  json.Parse(data.c_str(), data.size());
  if (json.HasParseError() || !json.IsObject()) json.SetObject();
  return json;
}

using internal::string_member;

std::optional<long> int_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsInt64()) return std::nullopt;
  return static_cast<long>(it->value.GetInt64());
}

std::string to_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

std::vector<Field> fields_of(const rapidjson::Value& data) {
  std::vector<Field> fields;
  for (const auto& member : data.GetObject()) {
    Field field;
    field.name.assign(member.name.GetString(), member.name.GetStringLength());
    auto add = [&](const rapidjson::Value& value) {
      field.values.push_back(value.IsString()
                                 ? std::string(value.GetString(), value.GetStringLength())
                                 : to_json(value));
    };
    if (member.value.IsArray()) {
      field.list = true;
      field.json = std::any_of(member.value.Begin(), member.value.End(),
                               [](const rapidjson::Value& v) { return !v.IsString(); });
      for (const auto& element : member.value.GetArray()) {
        if (field.json) {
          field.values.push_back(to_json(element));
        } else {
          add(element);
        }
      }
    } else {
      field.json = !member.value.IsString();
      add(member.value);
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

// The n of "<owner>#p<n>", 0 if there is none.
unsigned long passage_number(std::string_view id) {
  const auto mark = id.rfind("#p");
  if (mark == std::string_view::npos) return 0;
  unsigned long n = 0;
  for (char c : id.substr(mark + 2)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    n = n * 10 + static_cast<unsigned long>(c - '0');
  }
  return n;
}

// The work whose DOI or PMID is `value`: the record keyed by it, else a work
// that carries it (a work with a DOI is keyed by the DOI, not its PMID).
std::optional<std::string> work_by(const Xapian::Database& database, std::string_view key,
                                   std::string_view prefix, const std::string& value) {
  const std::string id = "work:" + std::string(key) + ":" + value;
  if (database.term_exists(term(layout::kIdPrefix, id))) return id;
  const std::string carried = term(prefix, value);
  const std::string work = term(layout::kKindPrefix, layout::kWork);
  for (auto it = database.postlist_begin(carried); it != database.postlist_end(carried); ++it) {
    auto terms = database.termlist_begin(*it);
    terms.skip_to(work);
    if (terms != database.termlist_end(*it) && *terms == work) return id_of(database, *it);
  }
  return std::nullopt;
}

// "123", "pmid:123", "PMID: 123", "pmid 123" -> "123".
std::optional<std::string> as_pmid(std::string_view text) {
  std::string folded;
  for (char c : text) folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = folded;
  if (starts_with(rest, "pmid")) {
    rest.remove_prefix(4);
    while (!rest.empty() && (rest.front() == ':' || rest.front() == ' ')) rest.remove_prefix(1);
  }
  if (rest.empty() || rest.size() > 10 ||
      !std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::string(rest);
}

// The article indexed from `path`: as given, normalized, or (when the file
// exists here) an indexed file with the same name that is the same file.
std::optional<std::string> article_by_path(const Xapian::Database& database,
                                           const std::string& path) {
  for (const std::string& variant : {path, fs::path(path).lexically_normal().string()}) {
    const std::string id = "article:" + variant;
    if (database.term_exists(term(layout::kIdPrefix, id))) return id;
  }
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return std::nullopt;
  const std::string name = fs::path(path).filename().string();
  const std::string sources(layout::kSourcePrefix);
  for (auto it = database.allterms_begin(sources); it != database.allterms_end(sources); ++it) {
    const std::string source = (*it).substr(sources.size());
    if (fs::path(source).filename() != name || !fs::equivalent(source, path, error)) continue;
    const std::string id = "article:" + source;
    if (database.term_exists(term(layout::kIdPrefix, id))) return id;
  }
  return std::nullopt;
}

// The owner part of what `given` names, resolved, or nullopt.
std::optional<std::string> resolve_owner(const Xapian::Database& database, const std::string& given) {
  if (database.term_exists(term(layout::kIdPrefix, given))) return given;
  if (starts_with(given, "work:doi:")) {
    auto doi = schema::normalize_doi(std::string_view(given).substr(9));
    return doi ? work_by(database, "doi", layout::kDoiPrefix, *doi) : std::nullopt;
  }
  if (starts_with(given, "work:pmid:")) {
    auto pmid = as_pmid(std::string_view(given).substr(10));
    return pmid ? work_by(database, "pmid", layout::kPmidPrefix, *pmid) : std::nullopt;
  }
  if (starts_with(given, "work:")) return std::nullopt;
  if (starts_with(given, "article:")) return article_by_path(database, given.substr(8));
  if (auto doi = schema::normalize_doi(given)) {
    return work_by(database, "doi", layout::kDoiPrefix, *doi);
  }
  if (auto pmid = as_pmid(given)) return work_by(database, "pmid", layout::kPmidPrefix, *pmid);
  return article_by_path(database, given);
}

schema::EntityType entity_type_of(std::string_view prefix) {
  if (prefix == layout::kConditionPrefix) return schema::EntityType::kCondition;
  if (prefix == layout::kReceptorPrefix) return schema::EntityType::kReceptor;
  return schema::EntityType::kDrug;
}

std::string name_of(const schema::Vocabulary& vocabulary, std::string_view id) {
  const schema::Entity* entity = vocabulary.find(id);
  return entity != nullptr ? entity->name : std::string();
}

// "acts_on:antagonist:mesh:D007649|mesh:D016194": the type ends where the
// first end's id begins, an id the vocabulary knows, else an id of the form
// "scheme:value".
std::optional<Edge> parse_edge(std::string_view edge, const schema::Vocabulary& vocabulary) {
  const auto bar = edge.find('|');
  if (bar == std::string_view::npos) return std::nullopt;
  const std::string_view left = edge.substr(0, bar);
  std::size_t split = std::string_view::npos;
  for (auto colon = left.find(':'); colon != std::string_view::npos;
       colon = left.find(':', colon + 1)) {
    if (vocabulary.find(left.substr(colon + 1)) != nullptr) {
      split = colon;
      break;
    }
  }
  if (split == std::string_view::npos) {
    const auto last = left.rfind(':');
    if (last == std::string_view::npos || last == 0) return std::nullopt;
    split = left.rfind(':', last - 1);
    if (split == std::string_view::npos) return std::nullopt;
  }
  Edge result;
  result.type = std::string(left.substr(0, split));
  result.from.id = std::string(left.substr(split + 1));
  result.to.id = std::string(edge.substr(bar + 1));
  result.from.name = name_of(vocabulary, result.from.id);
  result.to.name = name_of(vocabulary, result.to.id);
  return result;
}

int type_rank(schema::EntityType type) {
  switch (type) {
    case schema::EntityType::kDrug:
      return 0;
    case schema::EntityType::kCondition:
      return 1;
    case schema::EntityType::kReceptor:
      return 2;
  }
  return 3;
}

// The record's terms, read once.
struct Terms {
  std::vector<EntityCount> entities;
  std::vector<std::string> headings;
  std::set<std::string> major;
  std::vector<std::string> cites;
  std::vector<std::string> edges;
  std::string kind;
};

Terms read_terms(const Xapian::Document& document, const schema::Vocabulary& vocabulary) {
  Terms terms;
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string& t = *it;
    bool entity = false;
    for (auto prefix : {layout::kDrugPrefix, layout::kConditionPrefix, layout::kReceptorPrefix}) {
      if (!starts_with(t, prefix)) continue;
      EntityCount count;
      count.id = t.substr(prefix.size());
      count.name = name_of(vocabulary, count.id);
      count.type = entity_type_of(prefix);
      count.count = it.get_wdf();
      terms.entities.push_back(std::move(count));
      entity = true;
    }
    if (entity) continue;
    if (starts_with(t, layout::kMeshHeadingPrefix)) {
      terms.headings.push_back(t.substr(layout::kMeshHeadingPrefix.size()));
    } else if (starts_with(t, layout::kMeshMajorPrefix)) {
      terms.major.insert(t.substr(layout::kMeshMajorPrefix.size()));
    } else if (starts_with(t, layout::kCitesPrefix)) {
      terms.cites.push_back(t.substr(layout::kCitesPrefix.size()));
    } else if (starts_with(t, layout::kEdgePrefix)) {
      terms.edges.push_back(t.substr(layout::kEdgePrefix.size()));
    } else if (starts_with(t, layout::kKindPrefix)) {
      terms.kind = t.substr(layout::kKindPrefix.size());
    }
  }
  return terms;
}

// What the record cites: in the order of its stored "cites" list, then by id.
std::vector<CitedWork> cited_works(const Xapian::Database& database,
                                   const std::vector<std::string>& cited,
                                   const rapidjson::Value& data) {
  std::map<std::string, std::size_t> order;
  auto listed = data.FindMember("cites");
  if (listed != data.MemberEnd() && listed->value.IsArray()) {
    for (const auto& id : listed->value.GetArray()) {
      if (id.IsString()) order.emplace(id.GetString(), order.size());
    }
  }
  std::vector<std::string> ids = cited;
  std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
    auto rank = [&](const std::string& id) {
      auto it = order.find(id);
      return it == order.end() ? order.size() : it->second;
    };
    return rank(a) < rank(b);
  });
  std::vector<CitedWork> works;
  for (const auto& id : ids) {
    CitedWork work;
    work.id = id;
    if (auto docid = docid_of(database, id)) {
      work.indexed = true;
      auto record = parse_data(record_data(database, database.get_document(*docid)));
      work.title = string_member(record, "title");
      if (auto year = int_member(record, "year")) work.year = static_cast<int>(*year);
    }
    works.push_back(std::move(work));
  }
  return works;
}

// The records that carry C<id>, grouped by owner.
std::vector<CitingRecord> citing_records(const Xapian::Database& database, const std::string& id) {
  std::vector<CitingRecord> citing;
  const std::string cites = term(layout::kCitesPrefix, id);
  for (auto it = database.postlist_begin(cites); it != database.postlist_end(cites); ++it) {
    auto record = parse_data(record_data(database, database.get_document(*it)));
    CitingRecord entry;
    entry.id = string_member(record, "id");
    if (entry.id.empty()) entry.id = id_of(database, *it);
    entry.kind = string_member(record, "kind");
    if (entry.kind == layout::kPassage) {
      entry.text = string_member(record, "text");
      entry.owner = string_member(record, "owner");
      entry.line = int_member(record, "line");
    } else {
      entry.title = string_member(record, "title");
    }
    citing.push_back(std::move(entry));
  }
  auto key = [](const CitingRecord& r) {
    const bool passage = r.kind == layout::kPassage;
    return std::make_tuple(passage ? r.owner : r.id, passage, passage_number(r.id), r.id);
  };
  std::sort(citing.begin(), citing.end(),
            [&](const CitingRecord& a, const CitingRecord& b) { return key(a) < key(b); });
  return citing;
}

}  // namespace

std::string intended_record_id(std::string_view given) {
  given = trimmed(given);
  if (starts_with(given, "article:") || starts_with(given, "work:")) return std::string(given);
  if (auto doi = schema::normalize_doi(given)) return "work:doi:" + *doi;
  if (auto pmid = as_pmid(given)) return "work:pmid:" + *pmid;
  return "article:" + fs::path(given).lexically_normal().string();
}

std::optional<std::string> resolve_record_id(const Xapian::Database& database,
                                             std::string_view given) {
  const std::string text(trimmed(given));
  if (text.empty()) return std::nullopt;
  try {
    if (database.term_exists(term(layout::kIdPrefix, text))) return text;
    // A passage: its owner, however written, and its number.
    const auto mark = text.rfind("#p");
    if (mark != std::string::npos && passage_number(text) > 0) {
      auto owner = resolve_owner(database, text.substr(0, mark));
      if (!owner) return std::nullopt;
      const std::string id = *owner + text.substr(mark);
      if (database.term_exists(term(layout::kIdPrefix, id))) return id;
      return std::nullopt;
    }
    return resolve_owner(database, text);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read the index: " + e.get_description());
  }
}

std::vector<std::string> similar_record_ids(const Xapian::Database& database,
                                            std::string_view given, std::size_t limit) {
  const std::string wanted = intended_record_id(given);
  const bool passages = wanted.find('#') != std::string::npos;
  // Shorter prefixes than the scheme ("work:doi:", "article:") say nothing.
  std::size_t scheme = wanted.find(':');
  if (starts_with(wanted, "work:")) scheme = wanted.find(':', 5);
  if (scheme == std::string::npos) return {};
  constexpr std::size_t kMaxScanned = 10000;  // terms read per prefix, passages included
  std::vector<std::string> similar;
  try {
    for (std::size_t length = wanted.size(); length > scheme + 1 && similar.empty(); --length) {
      const std::string prefix = term(layout::kIdPrefix, wanted.substr(0, length));
      std::size_t scanned = 0;
      for (auto it = database.allterms_begin(prefix);
           it != database.allterms_end(prefix) && similar.size() < limit && scanned < kMaxScanned;
           ++it, ++scanned) {
        std::string id = (*it).substr(layout::kIdPrefix.size());
        if (!passages && id.find('#') != std::string::npos) continue;
        similar.push_back(std::move(id));
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read the index: " + e.get_description());
  }
  return similar;
}

std::optional<RecordView> view_record(const Xapian::Database& database, const std::string& id,
                                      const schema::Vocabulary& vocabulary) {
  try {
    auto docid = docid_of(database, id);
    if (!docid) return std::nullopt;
    const Xapian::Document document = database.get_document(*docid);
    const auto data = parse_data(record_data(database, document));
    Terms terms = read_terms(document, vocabulary);

    RecordView view;
    view.id = id;
    view.kind = string_member(data, "kind");
    if (view.kind.empty()) view.kind = terms.kind;
    view.fields = fields_of(data);

    view.entities = std::move(terms.entities);
    std::sort(view.entities.begin(), view.entities.end(),
              [](const EntityCount& a, const EntityCount& b) {
                return std::make_tuple(type_rank(a.type), -static_cast<long>(a.count), a.id) <
                       std::make_tuple(type_rank(b.type), -static_cast<long>(b.count), b.id);
              });
    for (const auto& heading : terms.headings) {
      view.mesh.push_back({heading, name_of(vocabulary, heading), terms.major.count(heading) != 0});
    }
    std::stable_sort(view.mesh.begin(), view.mesh.end(),
                     [](const MeshHeading& a, const MeshHeading& b) { return a.major > b.major; });
    view.cites = cited_works(database, terms.cites, data);
    for (const auto& edge : terms.edges) {
      if (auto parsed = parse_edge(edge, vocabulary)) view.edges.push_back(std::move(*parsed));
    }

    if (view.kind == layout::kPassage) {
      if (auto owner = docid_of(database, string_member(data, "owner"))) {
        view.owner_title = string_member(parse_data(record_data(database, database.get_document(*owner))), "title");
      }
    } else {
      view.passages = database.get_termfreq(term(layout::kOwnerPrefix, id));
      view.cited_by = citing_records(database, id);
    }
    return view;
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read record " + id + " from the index: " + e.get_description());
  }
}

}  // namespace litgraph::query
