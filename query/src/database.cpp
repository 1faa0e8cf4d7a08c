#include "litgraph/query/database.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string_view>

#include "litgraph/indexer/free_text.h"
#include "litgraph/indexer/passages.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"
#include "json_member.h"

namespace litgraph::query {

Xapian::Database open_readable(const std::filesystem::path& path) {
  Xapian::Database database;
  try {
    database = Xapian::Database(path.string());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError::corrupt(path.string(), e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw IndexError(path.string() + ": no index here (build one first)");
  } catch (const Xapian::Error& e) {
    throw IndexError(path.string() + ": cannot open the index: " + e.get_description());
  }
  const std::string layout = database.get_metadata(std::string(schema::layout::kLayoutKey));
  if (layout != schema::layout::kLayoutVersion && database.get_doccount() > 0) {
    throw IndexError(path.string() + ": this index has layout " +
                     (layout.empty() ? std::string("1") : layout) + " and this litgraph reads layout " +
                     std::string(schema::layout::kLayoutVersion) +
                     ": index again into a new database (litgraph index --db)");
  }
  return database;
}

namespace {

using internal::string_member;
// The text a passage's offsets count in: its owner's (indexer/free_text.h).
std::string owner_text(const Xapian::Database& database, const std::string& owner) {
  std::string id_term = std::string(schema::layout::kIdPrefix) + owner;
  if (id_term.size() > schema::layout::kTermLimit) id_term.resize(schema::layout::kTermLimit);
  const auto it = database.postlist_begin(id_term);
  if (it == database.postlist_end(id_term)) return {};
  const std::string json = database.get_document(*it).get_data();
  rapidjson::Document data;
  if (data.Parse(json.data(), json.size()).HasParseError() || !data.IsObject()) return {};
  if (string_member(data, "kind") == schema::layout::kArticle) return string_member(data, "text");
  return indexer::work_text(string_member(data, "title"), string_member(data, "abstract"));
}

}  // namespace

std::string record_data(const Xapian::Database& database, const Xapian::Document& document) {
  namespace layout = schema::layout;
  const std::string passage = document.get_value(layout::kPassageData);
  if (passage.empty()) return document.get_data();
  rapidjson::Document stored;
  if (stored.Parse(passage.data(), passage.size()).HasParseError() || !stored.IsObject()) return passage;
  // The id and owner are the passage's Q and O terms unless stored (an id
  // longer than a term); the kind is "passage".
  auto term_value = [&](std::string_view prefix) {
    auto it = document.termlist_begin();
    it.skip_to(std::string(prefix));
    if (it == document.termlist_end() || !(*it).starts_with(prefix)) return std::string();
    return (*it).substr(prefix.size());
  };
  rapidjson::Document data(rapidjson::kObjectType);
  auto& allocator = data.GetAllocator();
  if (!stored.HasMember("id")) {
    data.AddMember("id", rapidjson::Value(term_value(layout::kIdPrefix), allocator), allocator);
  }
  data.AddMember("kind", rapidjson::Value(layout::kPassage.data(), static_cast<rapidjson::SizeType>(layout::kPassage.size()), allocator), allocator);
  if (!stored.HasMember("owner")) {
    data.AddMember("owner", rapidjson::Value(term_value(layout::kOwnerPrefix), allocator), allocator);
  }
  std::size_t begin = 0;
  std::size_t end = 0;
  for (auto& member : stored.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (name == "begin" && member.value.IsUint64()) {
      begin = member.value.GetUint64();
    } else if (name == "end" && member.value.IsUint64()) {
      end = member.value.GetUint64();
    } else {
      data.AddMember(rapidjson::Value(member.name, allocator), rapidjson::Value(member.value, allocator), allocator);
    }
  }
  if (end > begin) {
    const std::string owner = string_member(data, "owner");
    const std::string text = indexer::passage_text(owner_text(database, owner), begin, end);
    data.AddMember("text", rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator),
                   allocator);
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  data.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace litgraph::query
