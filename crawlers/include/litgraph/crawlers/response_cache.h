// The on-disk cache of raw HTTP responses, one file per request. Entries are
// written to a temporary file and renamed into place, so a process killed at
// any moment leaves either the old entry or the new one, never a torn file;
// a file that fails its checks on reading is treated as absent.
//
// Thread-compatible: distinct instances may share a folder; one instance is
// not to be used from two threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace litgraph::crawlers {

struct CachedResponse {
  std::string key;            // what identifies the request (see cache_key)
  std::string url;            // as fetched, secrets redacted
  int status = 0;             // 200, or 404 for a negative entry
  std::string body;
  std::int64_t fetched_at = 0;  // Unix seconds
  std::string etag;
  std::string last_modified;
};

class ResponseCache {
 public:
  // Uses (and creates on first write) the folder `dir`.
  explicit ResponseCache(std::filesystem::path dir);

  // The entry for `key`, whatever its age; nullopt if absent or unreadable.
  std::optional<CachedResponse> get(const std::string& key) const;

  // Stores an entry atomically. Throws std::filesystem::filesystem_error
  // when the disk refuses (full, read-only); the previous entry survives.
  void put(const CachedResponse& entry);

  // True if an entry fetched at `fetched_at` is still fresh: 404 entries live
  // `negative_max_age`, others `max_age`.
  static bool is_fresh(const CachedResponse& entry, std::chrono::seconds max_age,
                       std::chrono::seconds negative_max_age, std::int64_t now);

  const std::filesystem::path& dir() const { return dir_; }
  long hits() const { return hits_; }
  long misses() const { return misses_; }
  // Called by users that treat a stale entry as a miss.
  void count_miss() { ++misses_; }

 private:
  std::filesystem::path path_for(const std::string& key) const;

  std::filesystem::path dir_;
  mutable long hits_ = 0;
  mutable long misses_ = 0;
};

// A stable key for a request: method, URL without secrets, and body.
std::string cache_key(const std::string& method, const std::string& url, const std::string& body);

}  // namespace litgraph::crawlers
