// The crawled works on disk: one JSON file per work under <home>/works/,
// written atomically, read back by later commands (index, check, refresh).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "litgraph/schema/reference.h"
#include "litgraph/schema/work.h"

namespace litgraph::crawlers {

// One crawled work and how it was obtained.
struct StoredWork {
  std::string key;     // "doi:10.…", "pmid:123", or "ref:<hash>" for an unresolved reference
  std::string status;  // "resolved", "unresolved" or "failed"
  std::string via;     // "doi", "pmid", "cache", …; empty when not resolved
  std::string reason;  // why it is unresolved or failed; empty when resolved
  std::int64_t updated_at = 0;  // Unix seconds
  schema::Work work;
};

// The JSON form of a Work (stable field names; absent values as null or []).
std::string work_to_json(const schema::Work& work);
std::string stored_work_to_json(const StoredWork& stored);
// Parses what stored_work_to_json wrote; nullopt (and `error`) if it cannot.
std::optional<StoredWork> stored_work_from_json(std::string_view json, std::string* error = nullptr);

// The key under which a crawl stores what it found for `reference` when the
// reference has no identifier: "ref:" and 16 hex digits of a hash of its
// folded title (or text), year and first author. (References with a DOI or
// PMID are stored under "doi:…" or "pmid:…".)
std::string reference_store_key(const schema::Reference& reference);

class WorkStore {
 public:
  explicit WorkStore(std::filesystem::path dir);
  // Writes atomically (temporary file + rename). Throws filesystem_error.
  void put(const StoredWork& stored);
  std::optional<StoredWork> get(const std::string& key) const;
  // Every readable work, in key order; unreadable files are skipped.
  std::vector<StoredWork> all() const;

 private:
  std::filesystem::path path_for(const std::string& key) const;
  std::filesystem::path dir_;
};

}  // namespace litgraph::crawlers
