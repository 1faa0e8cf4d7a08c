#include "litgraph/crawlers/response_cache.h"

#include <fstream>
#include <sstream>

#include "atomic_file.h"

#include "litgraph/crawlers/http_client.h"

namespace litgraph::crawlers {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "litgraph-cache 1\n";

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string hex(std::uint64_t value) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[i] = kDigits[value & 15];
  return out;
}

// Header values are single lines; anything else would break the format.
std::string one_line(const std::string& value) {
  std::string out = value;
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

ResponseCache::ResponseCache(fs::path dir) : dir_(std::move(dir)) {}

fs::path ResponseCache::path_for(const std::string& key) const {
  std::string name = hex(fnv1a(key));
  return dir_ / name.substr(0, 2) / (name + ".entry");
}

std::optional<CachedResponse> ResponseCache::get(const std::string& key) const {
  std::ifstream in(path_for(key), std::ios::binary);
  if (!in) {
    ++misses_;
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string data = std::move(bytes).str();
  CachedResponse entry;
  std::size_t header_end = data.find("\n\n");
  bool valid = data.rfind(kMagic, 0) == 0 && header_end != std::string::npos;
  std::size_t length = std::string::npos;
  if (valid) {
    std::istringstream header(data.substr(kMagic.size(), header_end - kMagic.size()));
    for (std::string line; std::getline(header, line);) {
      std::size_t colon = line.find(": ");
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      std::string value = line.substr(colon + 2);
      try {
        if (name == "key") entry.key = value;
        else if (name == "url") entry.url = value;
        else if (name == "status") entry.status = std::stoi(value);
        else if (name == "fetched") entry.fetched_at = std::stoll(value);
        else if (name == "etag") entry.etag = value;
        else if (name == "last-modified") entry.last_modified = value;
        else if (name == "length") length = std::stoul(value);
      } catch (const std::exception&) {
        valid = false;
      }
    }
    entry.body = data.substr(header_end + 2);
    // A hash collision or a damaged file must not pass for the entry we want.
    valid = valid && entry.key == one_line(key) && length == entry.body.size();
  }
  if (!valid) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return entry;
}

void ResponseCache::put(const CachedResponse& entry) {
  fs::path path = path_for(entry.key);
  std::string data(kMagic);
  data += "key: " + one_line(entry.key) + "\n";
  data += "url: " + one_line(redact_url(entry.url)) + "\n";
  data += "status: " + std::to_string(entry.status) + "\n";
  data += "fetched: " + std::to_string(entry.fetched_at) + "\n";
  if (!entry.etag.empty()) data += "etag: " + one_line(entry.etag) + "\n";
  if (!entry.last_modified.empty()) data += "last-modified: " + one_line(entry.last_modified) + "\n";
  data += "length: " + std::to_string(entry.body.size()) + "\n\n";
  data += entry.body;

  internal::atomic_write_file(path, data);
}

bool ResponseCache::is_fresh(const CachedResponse& entry, std::chrono::seconds max_age,
                             std::chrono::seconds negative_max_age, std::int64_t now) {
  std::chrono::seconds life = entry.status == 404 ? std::min(max_age, negative_max_age) : max_age;
  return now - entry.fetched_at < life.count();  // max age 0: always refetch
}

std::string cache_key(const std::string& method, const std::string& url, const std::string& body) {
  std::string key = method + " " + redact_url(url);
  if (!body.empty()) key += " body:" + hex(fnv1a(body)) + ":" + std::to_string(body.size());
  return key;
}

}  // namespace litgraph::crawlers
