// A polite HTTP client on libcurl: one reused connection pool, per-host rate
// limits, bounded retries with backoff, and a host that cannot be reached is
// given up for the rest of the run after a couple of tries instead of being
// retried for every record.
//
// Not thread-safe: one client serves one crawl, sequentially (the services
// we call ask for low concurrency anyway).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace litgraph::crawlers {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::string body;          // POST body
  std::string content_type;  // POST body type, e.g. "application/x-www-form-urlencoded"
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers
};

struct HttpResponse {
  int status = 0;                             // HTTP status; 0 when no response arrived
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased; last value wins
  std::string error;  // why no usable response arrived (transport failure, host given up)
  int attempts = 0;   // requests sent for this call, retries included
  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

struct HttpOptions {
  std::string user_agent = "litgraph";
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{30000};  // per attempt, a stalled body included
  int max_attempts = 4;                               // tries per call, first one included
  std::chrono::milliseconds backoff_base{500};        // first retry waits about this long
  std::chrono::milliseconds backoff_max{30000};       // no single wait is longer
  int unreachable_after = 2;  // consecutive connection failures that give a host up
  double default_rate = 1.0;  // requests per second for hosts without a set rate
  bool verify_tls = true;
  // Receives one line per notable event (retries, giving up on a host). URLs
  // in it have secrets (api_key) redacted.
  std::function<void(const std::string&)> log;
};

// Counts per host, for reports.
struct HostStats {
  long sent = 0;     // requests sent, retries included
  long retried = 0;  // of which were retries
  long failed = 0;   // calls that ended without a usable response
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends a request, waiting as the host's rate demands, retrying 429, 5xx,
  // timeouts and resets (honouring Retry-After). Never throws for network or
  // HTTP failures: look at status and error.
  HttpResponse send(const HttpRequest& request);

  // Sets the rate for a host ("api.crossref.org" or "127.0.0.1:8080"), in
  // requests per second; at most one request starts per 1/rate seconds.
  void set_rate(const std::string& host, double requests_per_second);
  double rate(const std::string& host) const;

  // Adopts the rate a server announces, as Crossref does with
  // x-rate-limit-limit / x-rate-limit-interval, never above `ceiling`.
  void follow_announced_rate(const std::string& host, double ceiling);

  // True once a host was given up for this run (it could not be reached).
  bool unreachable(const std::string& host) const;

  const std::map<std::string, HostStats>& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "host[:port]" of a URL, lower-cased: the key for rates and stats.
std::string url_host(const std::string& url);

// The URL with the values of secret parameters (api_key) replaced by "***".
std::string redact_url(const std::string& url);

// Percent-encodes a query parameter value (RFC 3986 unreserved kept).
std::string url_encode(const std::string& value);

// Seconds to wait from a Retry-After value: delta-seconds or an HTTP date.
// Returns -1 if the value is neither.
long retry_after_seconds(const std::string& value);

}  // namespace litgraph::crawlers
