#include "litgraph/crawlers/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <mutex>
#include <random>
#include <thread>

namespace litgraph::crawlers {

namespace {

using Clock = std::chrono::steady_clock;

// curl_global_init is not thread-safe; do it once per process.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after a redirect)
  std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    auto first = value.find_first_not_of(" \t");
    auto last = value.find_last_not_of(" \t\r\n");
    (*headers)[name] = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  }
  return size * count;
}

bool is_connection_failure(CURLcode code) {
  return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY ||
         code == CURLE_COULDNT_CONNECT;
}

bool is_transient_failure(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE ||
         code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM;
}

bool is_retryable_status(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

struct HostState {
  double rate = 0;  // requests per second; 0 = the default rate
  Clock::time_point next_allowed{};
  double announced_ceiling = 0;  // > 0: adopt x-rate-limit-* headers up to this rate
  int connection_failures = 0;
  bool unreachable = false;
  std::string unreachable_reason;
};

// Crossref announces "x-rate-limit-limit: 50" and "x-rate-limit-interval: 1s".
// Requests go one at a time, so any x-concurrency-limit is kept by design.
void adopt_announced_rate(HostState& state, const std::map<std::string, std::string>& headers) {
  if (state.announced_ceiling <= 0) return;
  auto limit = headers.find("x-rate-limit-limit");
  auto interval = headers.find("x-rate-limit-interval");
  if (limit == headers.end() || interval == headers.end()) return;
  try {
    double requests = std::stod(limit->second);
    double seconds = std::stod(interval->second);  // "1s": stod stops at the unit
    if (interval->second.find("ms") != std::string::npos) seconds /= 1000;
    if (interval->second.find('m') != std::string::npos &&
        interval->second.find("ms") == std::string::npos)
      seconds *= 60;
    if (requests > 0 && seconds > 0) state.rate = std::min(state.announced_ceiling, requests / seconds);
  } catch (const std::exception&) {
    // A header we cannot read leaves the rate as it was.
  }
}

}  // namespace

struct HttpClient::Impl {
  HttpOptions options;
  CURL* easy = nullptr;    // reused: keeps connections alive between requests
  CURLSH* share = nullptr;  // DNS and TLS sessions
  std::map<std::string, HostState> hosts;
  std::map<std::string, HostStats> stats;
  std::mt19937_64 random{std::random_device{}()};

  void log(const std::string& line) const {
    if (options.log) options.log(line);
  }

  // Waits until the host's rate allows another request, then books the slot.
  void wait_for_slot(const std::string& host) {
    HostState& state = hosts[host];
    double rate = state.rate > 0 ? state.rate : options.default_rate;
    auto now = Clock::now();
    if (state.next_allowed > now) std::this_thread::sleep_until(state.next_allowed);
    // A little slack (2% + 2 ms) so that a server's clock, which sees our
    // requests with network jitter, never counts one too many in a second.
    auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.02 / rate) + std::chrono::milliseconds(2));
    state.next_allowed = std::max(Clock::now(), state.next_allowed) + interval;
  }

  std::chrono::milliseconds backoff(int attempt) {
    // Exponential with full jitter: uniform in [base/2, base * 2^(attempt-1)].
    auto ceiling = std::min<long long>(options.backoff_max.count(),
                                       options.backoff_base.count() << std::min(attempt - 1, 20));
    std::uniform_int_distribution<long long> pick(std::max<long long>(1, ceiling / 2), ceiling);
    return std::chrono::milliseconds(pick(random));
  }

  CURLcode perform(const HttpRequest& request, HttpResponse& response, std::string& curl_error) {
    curl_easy_reset(easy);
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(easy, CURLOPT_SHARE, share);
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding curl can decode
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, write_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &response.headers);
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers)
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    if (request.method == "POST") {
      curl_easy_setopt(easy, CURLOPT_POST, 1L);
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.c_str());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
      headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
      if (!request.content_type.empty())
        headers = curl_slist_append(headers, ("Content-Type: " + request.content_type).c_str());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    CURLcode code = curl_easy_perform(easy);
    curl_slist_free_all(headers);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    curl_error = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
    return code;
  }
};

HttpClient::HttpClient(HttpOptions options) : impl_(std::make_unique<Impl>()) {
  init_curl_once();
  impl_->options = std::move(options);
  impl_->easy = curl_easy_init();
  impl_->share = curl_share_init();
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(impl_->easy);
  curl_share_cleanup(impl_->share);
}

HttpResponse HttpClient::send(const HttpRequest& request) {
  const std::string host = url_host(request.url);
  const std::string shown_url = redact_url(request.url);
  HostStats& stats = impl_->stats[host];
  HostState& state = impl_->hosts[host];
  HttpResponse response;
  if (state.unreachable) {
    response.error = "not tried: " + host + " could not be reached earlier in this run (" +
                     state.unreachable_reason + ")";
    ++stats.failed;
    return response;
  }
  for (int attempt = 1; attempt <= impl_->options.max_attempts; ++attempt) {
    impl_->wait_for_slot(host);
    response = HttpResponse();
    response.attempts = attempt;
    ++stats.sent;
    if (attempt > 1) ++stats.retried;
    std::string curl_error;
    CURLcode code = impl_->perform(request, response, curl_error);

    if (code == CURLE_OK) adopt_announced_rate(state, response.headers);
    if (code == CURLE_OK && !is_retryable_status(response.status)) {
      state.connection_failures = 0;
      return response;
    }
    std::chrono::milliseconds wait = impl_->backoff(attempt);
    if (code != CURLE_OK) {
      response.error = curl_error;
      response.status = 0;
      if (is_connection_failure(code)) {
        if (++state.connection_failures >= impl_->options.unreachable_after) {
          state.unreachable = true;
          state.unreachable_reason = curl_error;
          impl_->log("cannot reach " + host + " (" + curl_error +
                     "); giving up on it for the rest of this run");
          break;
        }
      } else if (!is_transient_failure(code)) {
        break;  // TLS or protocol errors do not get better by retrying
      }
    } else {
      state.connection_failures = 0;
      auto retry_after = response.headers.find("retry-after");
      if (retry_after != response.headers.end()) {
        long seconds = retry_after_seconds(retry_after->second);
        if (seconds >= 0)
          wait = std::min(std::chrono::milliseconds(seconds * 1000), impl_->options.backoff_max);
      }
      response.error = "HTTP " + std::to_string(response.status);
    }
    if (attempt == impl_->options.max_attempts) break;
    impl_->log(shown_url + ": " + response.error + "; retry " + std::to_string(attempt) + " in " +
               std::to_string(wait.count()) + " ms");
    std::this_thread::sleep_for(wait);
  }
  ++stats.failed;
  if (response.error.empty()) response.error = "HTTP " + std::to_string(response.status);
  return response;
}

void HttpClient::set_rate(const std::string& host, double requests_per_second) {
  if (requests_per_second > 0) impl_->hosts[host].rate = requests_per_second;
}

double HttpClient::rate(const std::string& host) const {
  auto it = impl_->hosts.find(host);
  return it != impl_->hosts.end() && it->second.rate > 0 ? it->second.rate
                                                         : impl_->options.default_rate;
}

void HttpClient::follow_announced_rate(const std::string& host, double ceiling) {
  impl_->hosts[host].announced_ceiling = ceiling;
}

bool HttpClient::unreachable(const std::string& host) const {
  auto it = impl_->hosts.find(host);
  return it != impl_->hosts.end() && it->second.unreachable;
}

const std::map<std::string, HostStats>& HttpClient::stats() const { return impl_->stats; }

std::string url_host(const std::string& url) {
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  std::size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  std::size_t at = host.rfind('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

std::string redact_url(const std::string& url) {
  std::string out = url;
  for (std::string key : {"api_key=", "apikey="}) {
    for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + 1)) {
      if (at > 0 && out[at - 1] != '?' && out[at - 1] != '&') continue;
      std::size_t value = at + key.size();
      std::size_t end = out.find('&', value);
      out.replace(value, end == std::string::npos ? std::string::npos : end - value, "***");
    }
  }
  return out;
}

std::string url_encode(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

long retry_after_seconds(const std::string& value) {
  if (value.empty()) return -1;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); }))
    return value.size() > 9 ? -1 : std::stol(value);
  time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return -1;
  return std::max<long>(0, static_cast<long>(when - std::time(nullptr)));
}

}  // namespace litgraph::crawlers
