#include "litgraph/indexer/shards.h"

#include <xapian.h>

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>

#include "litgraph/indexer/database.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::indexer {

namespace layout = schema::layout;
namespace fs = std::filesystem;

unsigned shard_of(std::string_view record_id, unsigned count) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : record_id) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return static_cast<unsigned>(hash % count);
}

namespace {

// The id that decides a document's shard: a passage's owner, else its own.
std::string placement_id(const Xapian::Document& document) {
  std::string id;
  auto term = document.termlist_begin();
  term.skip_to(std::string(layout::kOwnerPrefix));
  if (term != document.termlist_end() && (*term).rfind(layout::kOwnerPrefix, 0) == 0) {
    return (*term).substr(layout::kOwnerPrefix.size());
  }
  term = document.termlist_begin();
  term.skip_to(std::string(layout::kIdPrefix));
  if (term != document.termlist_end() && (*term).rfind(layout::kIdPrefix, 0) == 0) {
    return (*term).substr(layout::kIdPrefix.size());
  }
  return id;
}

}  // namespace

ShardSplit split_into_shards(const fs::path& source, const fs::path& out, unsigned count) {
  if (count < 1) throw UsageError("--shards must be at least 1");
  ShardSplit split;
  split.records.assign(count, 0);
  try {
    Xapian::Database input(source.string());
    std::error_code error;
    fs::create_directories(out, error);
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> shards;
    for (unsigned k = 0; k < count; ++k) {
      const fs::path path = out / ("shard" + std::to_string(k));
      if (fs::exists(path)) fs::remove_all(path);
      shards.push_back(std::make_unique<Xapian::WritableDatabase>(path.string(), Xapian::DB_CREATE));
      shards.back()->set_metadata(std::string(layout::kLayoutKey), input.get_metadata(std::string(layout::kLayoutKey)));
    }
    for (auto it = input.postlist_begin(""); it != input.postlist_end(""); ++it) {
      Xapian::Document document = input.get_document(*it);
      const unsigned k = shard_of(placement_id(document), count);
      shards[k]->add_document(document);
      ++split.records[k];
    }
    for (auto& shard : shards) shard->commit();
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw IndexError(source.string() + ": no index here (build one first)");
  } catch (const Xapian::Error& e) {
    throw IndexError(source.string() + ": cannot split into shards: " + e.get_description());
  }
  split.stub = out / "litgraph.stub";
  std::ofstream stub(split.stub);
  for (unsigned k = 0; k < count; ++k) stub << "auto shard" << k << "\n";
  if (!stub) throw StorageError(split.stub.string() + ": cannot write the stub file");
  return split;
}

}  // namespace litgraph::indexer
