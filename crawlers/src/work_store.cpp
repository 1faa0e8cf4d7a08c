#include "litgraph/crawlers/work_store.h"

#include "litgraph/schema/text.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "atomic_file.h"

namespace litgraph::crawlers {

namespace fs = std::filesystem;
using schema::Source;
using schema::Work;

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using Value = rapidjson::Value;

void put_optional(Writer& w, const char* key, const std::optional<std::string>& value) {
  w.Key(key);
  if (value) w.String(*value);
  else w.Null();
}

void put_optional(Writer& w, const char* key, const std::optional<int>& value) {
  w.Key(key);
  if (value) w.Int(*value);
  else w.Null();
}

void put_strings(Writer& w, const char* key, const std::vector<std::string>& values) {
  w.Key(key);
  w.StartArray();
  for (const auto& v : values) w.String(v);
  w.EndArray();
}

void put_terms(Writer& w, const char* key, const std::vector<schema::MeshTerm>& terms) {
  w.Key(key);
  w.StartArray();
  for (const auto& t : terms) {
    w.StartObject();
    w.Key("ui");
    w.String(t.ui);
    w.Key("name");
    w.String(t.name);
    w.Key("major");
    w.Bool(t.major);
    w.EndObject();
  }
  w.EndArray();
}

Source source_from_name(std::string_view name) {
  if (name == "crossref") return Source::kCrossref;
  if (name == "pubmed") return Source::kPubmed;
  return Source::kReference;
}

void write_work(Writer& w, const Work& work) {
  w.StartObject();
  put_optional(w, "doi", work.doi);
  put_optional(w, "pmid", work.pmid);
  put_optional(w, "pmcid", work.pmcid);
  put_optional(w, "title", work.title);
  put_strings(w, "other_titles", work.other_titles);
  w.Key("authors");
  w.StartArray();
  for (const auto& a : work.authors) {
    w.StartObject();
    w.Key("family");
    w.String(a.family);
    w.Key("given");
    w.String(a.given);
    w.Key("orcid");
    w.String(a.orcid);
    w.Key("collective");
    w.Bool(a.collective);
    w.EndObject();
  }
  w.EndArray();
  put_optional(w, "container", work.container);
  put_optional(w, "container_short", work.container_short);
  put_strings(w, "issns", work.issns);
  put_optional(w, "year", work.year);
  put_optional(w, "month", work.month);
  put_optional(w, "day", work.day);
  put_optional(w, "online_year", work.online_year);
  put_optional(w, "print_year", work.print_year);
  put_optional(w, "volume", work.volume);
  put_optional(w, "issue", work.issue);
  put_optional(w, "pages", work.pages);
  put_optional(w, "first_page", work.first_page);
  put_optional(w, "last_page", work.last_page);
  put_optional(w, "abstract", work.abstract);
  put_optional(w, "language", work.language);
  w.Key("type");
  w.String(work.type);
  w.Key("publication_types");
  w.StartArray();
  for (const auto& t : work.publication_types) {
    w.StartObject();
    w.Key("ui");
    w.String(t.ui);
    w.Key("name");
    w.String(t.name);
    w.EndObject();
  }
  w.EndArray();
  put_terms(w, "mesh", work.mesh);
  put_terms(w, "chemicals", work.chemicals);
  put_strings(w, "keywords", work.keywords);
  w.Key("notices");
  w.StartArray();
  for (const auto& n : work.notices) {
    w.StartObject();
    w.Key("type");
    w.String(n.type);
    w.Key("direction");
    w.String(n.direction);
    w.Key("doi");
    w.String(n.doi);
    w.Key("pmid");
    w.String(n.pmid);
    w.Key("label");
    w.String(n.label);
    put_optional(w, "year", n.year);
    w.Key("source");
    w.String(std::string(schema::source_name(n.source)));
    w.EndObject();
  }
  w.EndArray();
  w.Key("field_sources");
  w.StartObject();
  for (const auto& [field, source] : work.field_sources) {
    w.Key(field.c_str());
    w.String(std::string(schema::source_name(source)));
  }
  w.EndObject();
  w.EndObject();
}

std::optional<std::string> get_string(const Value& object, const char* key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return std::nullopt;
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

std::string get_text(const Value& object, const char* key) {
  return get_string(object, key).value_or("");
}

std::optional<int> get_int(const Value& object, const char* key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsInt()) return std::nullopt;
  return it->value.GetInt();
}

bool get_bool(const Value& object, const char* key) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

// The array at `key`, or an empty one: missing or mistyped fields read as empty.
const Value& get_array(const Value& object, const char* key) {
  static const Value kEmpty(rapidjson::kArrayType);
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsArray() ? it->value : kEmpty;
}

std::vector<schema::MeshTerm> read_terms(const Value& array) {
  std::vector<schema::MeshTerm> terms;
  for (const auto& v : array.GetArray())
    if (v.IsObject()) terms.push_back({get_text(v, "ui"), get_text(v, "name"), get_bool(v, "major")});
  return terms;
}

Work read_work(const Value& v) {
  Work work;
  work.doi = get_string(v, "doi");
  work.pmid = get_string(v, "pmid");
  work.pmcid = get_string(v, "pmcid");
  work.title = get_string(v, "title");
  for (const auto& t : get_array(v, "other_titles").GetArray())
    if (t.IsString()) work.other_titles.emplace_back(t.GetString());
  for (const auto& a : get_array(v, "authors").GetArray())
    if (a.IsObject())
      work.authors.push_back({get_text(a, "family"), get_text(a, "given"), get_text(a, "orcid"),
                              get_bool(a, "collective")});
  work.container = get_string(v, "container");
  work.container_short = get_string(v, "container_short");
  for (const auto& t : get_array(v, "issns").GetArray())
    if (t.IsString()) work.issns.emplace_back(t.GetString());
  work.year = get_int(v, "year");
  work.month = get_int(v, "month");
  work.day = get_int(v, "day");
  work.online_year = get_int(v, "online_year");
  work.print_year = get_int(v, "print_year");
  work.volume = get_string(v, "volume");
  work.issue = get_string(v, "issue");
  work.pages = get_string(v, "pages");
  work.first_page = get_string(v, "first_page");
  work.last_page = get_string(v, "last_page");
  work.abstract = get_string(v, "abstract");
  work.language = get_string(v, "language");
  work.type = get_text(v, "type");
  for (const auto& t : get_array(v, "publication_types").GetArray())
    if (t.IsObject()) work.publication_types.push_back({get_text(t, "ui"), get_text(t, "name")});
  work.mesh = read_terms(get_array(v, "mesh"));
  work.chemicals = read_terms(get_array(v, "chemicals"));
  for (const auto& t : get_array(v, "keywords").GetArray())
    if (t.IsString()) work.keywords.emplace_back(t.GetString());
  for (const auto& n : get_array(v, "notices").GetArray()) {
    if (!n.IsObject()) continue;
    schema::UpdateNotice notice;
    notice.type = get_text(n, "type");
    notice.direction = get_text(n, "direction");
    notice.doi = get_text(n, "doi");
    notice.pmid = get_text(n, "pmid");
    notice.label = get_text(n, "label");
    notice.year = get_int(n, "year");
    notice.source = source_from_name(get_text(n, "source"));
    work.notices.push_back(std::move(notice));
  }
  auto sources = v.FindMember("field_sources");
  if (sources != v.MemberEnd() && sources->value.IsObject())
    for (const auto& m : sources->value.GetObject())
      if (m.value.IsString()) work.field_sources[m.name.GetString()] = source_from_name(m.value.GetString());
  return work;
}

// File names: the key with anything outside [a-z0-9._-] escaped, so that a
// DOI's slashes and brackets never make folders or odd names.
std::string file_name_for(const std::string& key) {
  static const char* kHex = "0123456789abcdef";
  std::string name;
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      name += static_cast<char>(c);
    } else {
      name += '%';
      name += kHex[c >> 4];
      name += kHex[c & 15];
    }
  }
  if (name.size() > 200) name = name.substr(0, 180) + "%" + std::to_string(std::hash<std::string>{}(key));
  return name + ".json";
}

}  // namespace

std::string work_to_json(const Work& work) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  write_work(w, work);
  return buffer.GetString();
}

std::string stored_work_to_json(const StoredWork& stored) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("key");
  w.String(stored.key);
  w.Key("status");
  w.String(stored.status);
  w.Key("via");
  w.String(stored.via);
  w.Key("reason");
  w.String(stored.reason);
  w.Key("updated_at");
  w.Int64(stored.updated_at);
  w.Key("work");
  write_work(w, stored.work);
  w.EndObject();
  return buffer.GetString();
}

std::optional<StoredWork> stored_work_from_json(std::string_view json, std::string* error) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject() || !get_string(doc, "key")) {
    if (error) *error = "not a stored work";
    return std::nullopt;
  }
  StoredWork stored;
  stored.key = get_text(doc, "key");
  stored.status = get_text(doc, "status");
  stored.via = get_text(doc, "via");
  stored.reason = get_text(doc, "reason");
  auto updated = doc.FindMember("updated_at");
  if (updated != doc.MemberEnd() && updated->value.IsInt64()) stored.updated_at = updated->value.GetInt64();
  auto work = doc.FindMember("work");
  if (work != doc.MemberEnd() && work->value.IsObject()) stored.work = read_work(work->value);
  return stored;
}

std::string reference_store_key(const schema::Reference& r) {
  std::string basis = schema::fold_for_matching(r.title.value_or(r.raw));
  if (r.year) basis += " " + std::to_string(*r.year);
  if (!r.authors.empty()) basis += " " + schema::fold_for_matching(r.authors.front().family);
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : basis) hash = (hash ^ c) * 1099511628211ULL;
  static const char* kHex = "0123456789abcdef";
  std::string key = "ref:";
  for (int shift = 60; shift >= 0; shift -= 4) key += kHex[(hash >> shift) & 15];
  return key;
}

WorkStore::WorkStore(fs::path dir) : dir_(std::move(dir)) {}

fs::path WorkStore::path_for(const std::string& key) const { return dir_ / file_name_for(key); }

void WorkStore::put(const StoredWork& stored) {
  internal::atomic_write_file(path_for(stored.key), stored_work_to_json(stored) + "\n");
}

std::optional<StoredWork> WorkStore::get(const std::string& key) const {
  std::ifstream in(path_for(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  auto stored = stored_work_from_json(text.str());
  if (stored && stored->key != key) return std::nullopt;
  return stored;
}

std::vector<StoredWork> WorkStore::all() const {
  std::vector<StoredWork> works;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".json") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (auto stored = stored_work_from_json(text.str())) works.push_back(std::move(*stored));
  }
  std::sort(works.begin(), works.end(),
            [](const StoredWork& a, const StoredWork& b) { return a.key < b.key; });
  return works;
}

}  // namespace litgraph::crawlers
