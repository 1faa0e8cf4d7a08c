// The polite HTTP client against a local server that misbehaves on request.
#include <catch2/catch.hpp>

#include <atomic>

#include "http_test_server.h"
#include "litgraph/crawlers/http_client.h"

using namespace litgraph::crawlers;
using litgraph::test::HttpTestServer;
using litgraph::test::TestReply;
using litgraph::test::TestRequest;
using Clock = std::chrono::steady_clock;

namespace {

HttpOptions fast_options() {
  HttpOptions options;
  options.user_agent = "litgraph/test (mailto:test@example.org)";
  options.default_rate = 1000;
  options.backoff_base = std::chrono::milliseconds(20);
  options.backoff_max = std::chrono::milliseconds(2000);
  options.total_timeout = std::chrono::milliseconds(2000);
  return options;
}

// The largest number of requests that arrived within any window of `window`.
std::size_t busiest_window(const std::vector<TestRequest>& requests, Clock::duration window) {
  std::size_t most = 0;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    std::size_t n = 0;
    for (std::size_t j = i; j < requests.size(); ++j)
      if (requests[j].received - requests[i].received <= window) ++n;
    most = std::max(most, n);
  }
  return most;
}

}  // namespace

TEST_CASE("HttpClient gets a body, status and headers, and sends its User-Agent", "[http]") {
  HttpTestServer server([](const TestRequest&) {
    return TestReply{200, "{\"ok\":true}", {{"Content-Type", "application/json"}, {"ETag", "\"v1\""}}};
  });
  HttpClient client(fast_options());
  auto response = client.send({"GET", server.url() + "/works/10.1000/x", "", "", {}});
  CHECK(response.ok());
  CHECK(response.status == 200);
  CHECK(response.body == "{\"ok\":true}");
  CHECK(response.headers["etag"] == "\"v1\"");
  CHECK(response.attempts == 1);
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].target == "/works/10.1000/x");
  CHECK(requests[0].headers["user-agent"] == "litgraph/test (mailto:test@example.org)");
}

TEST_CASE("HttpClient reuses one connection for a series of requests", "[http]") {
  HttpTestServer server([](const TestRequest&) { return TestReply{200, "ok"}; });
  HttpClient client(fast_options());
  for (int i = 0; i < 5; ++i) CHECK(client.send({"GET", server.url() + "/x", "", "", {}}).ok());
  CHECK(server.requests().size() == 5);
  CHECK(server.connections() == 1);
}

TEST_CASE("HttpClient posts a body", "[http]") {
  HttpTestServer server([](const TestRequest& r) { return TestReply{200, r.body}; });
  HttpClient client(fast_options());
  std::string ids(3000, '1');  // long enough that curl would ask for 100-continue
  auto response = client.send({"POST", server.url() + "/efetch.fcgi", "id=" + ids,
                               "application/x-www-form-urlencoded", {}});
  CHECK(response.body == "id=" + ids);
  CHECK(server.requests()[0].method == "POST");
}

TEST_CASE("HttpClient honours Retry-After on 429 and then succeeds", "[http][retry]") {
  std::atomic<int> calls{0};
  HttpTestServer server([&](const TestRequest&) {
    if (calls++ == 0) return TestReply{429, "slow down", {{"Retry-After", "1"}}};
    return TestReply{200, "done"};
  });
  HttpClient client(fast_options());
  auto start = Clock::now();
  auto response = client.send({"GET", server.url() + "/x", "", "", {}});
  CHECK(response.ok());
  CHECK(response.attempts == 2);
  CHECK(Clock::now() - start >= std::chrono::milliseconds(950));
  CHECK(client.stats().begin()->second.retried == 1);
}

TEST_CASE("HttpClient retries 429 without Retry-After and 5xx with backoff", "[http][retry]") {
  for (int status : {429, 500, 502, 503, 504}) {
    CAPTURE(status);
    std::atomic<int> calls{0};
    HttpTestServer server([&](const TestRequest&) {
      return calls++ < 2 ? TestReply{status, "busy"} : TestReply{200, "done"};
    });
    HttpClient client(fast_options());
    auto response = client.send({"GET", server.url() + "/x", "", "", {}});
    CHECK(response.ok());
    CHECK(response.attempts == 3);
  }
}

TEST_CASE("HttpClient gives up after a bounded number of tries", "[http][retry]") {
  HttpTestServer server([](const TestRequest&) { return TestReply{503, "down"}; });
  auto options = fast_options();
  options.max_attempts = 3;
  HttpClient client(options);
  auto response = client.send({"GET", server.url() + "/x", "", "", {}});
  CHECK_FALSE(response.ok());
  CHECK(response.status == 503);
  CHECK(response.error == "HTTP 503");
  CHECK(server.requests().size() == 3);
  const HostStats& stats = client.stats().begin()->second;
  CHECK(stats.sent == 3);
  CHECK(stats.retried == 2);
  CHECK(stats.failed == 1);
}

TEST_CASE("HttpClient does not retry a 404 or a 400", "[http][retry]") {
  HttpTestServer server([](const TestRequest& r) {
    return TestReply{r.target == "/missing" ? 404 : 400, "Resource not found."};
  });
  HttpClient client(fast_options());
  auto missing = client.send({"GET", server.url() + "/missing", "", "", {}});
  CHECK(missing.status == 404);
  CHECK(missing.error.empty());
  CHECK(missing.attempts == 1);
  CHECK(client.send({"GET", server.url() + "/bad", "", "", {}}).attempts == 1);
}

TEST_CASE("HttpClient times out a stalled response and retries it", "[http][retry]") {
  std::atomic<int> calls{0};
  HttpTestServer server([&](const TestRequest&) {
    if (calls++ == 0) return TestReply{200, "late", {}, std::chrono::milliseconds(3000)};
    return TestReply{200, "on time"};
  });
  auto options = fast_options();
  options.total_timeout = std::chrono::milliseconds(300);
  HttpClient client(options);
  auto response = client.send({"GET", server.url() + "/x", "", "", {}});
  CHECK(response.ok());
  CHECK(response.body == "on time");
  CHECK(response.attempts == 2);
}

TEST_CASE("HttpClient retries a truncated body", "[http][retry]") {
  std::atomic<int> calls{0};
  HttpTestServer server([&](const TestRequest&) {
    TestReply reply{200, "{\"message\":"};
    reply.truncate = calls++ == 0;
    if (!reply.truncate) reply.body = "{\"message\":{}}";
    return reply;
  });
  HttpClient client(fast_options());
  auto response = client.send({"GET", server.url() + "/x", "", "", {}});
  CHECK(response.ok());
  CHECK(response.body == "{\"message\":{}}");
}

TEST_CASE("HttpClient keeps a host's rate over any one-second window", "[http][rate]") {
  HttpTestServer server([](const TestRequest&) { return TestReply{200, "ok"}; });
  HttpClient client(fast_options());
  const std::string host = url_host(server.url());
  client.set_rate(host, 5);
  for (int i = 0; i < 12; ++i) client.send({"GET", server.url() + "/x", "", "", {}});
  auto requests = server.requests();
  REQUIRE(requests.size() == 12);
  CHECK(busiest_window(requests, std::chrono::seconds(1)) <= 5);
  CHECK(requests.back().received - requests.front().received >= std::chrono::milliseconds(2150));
}

TEST_CASE("HttpClient adopts the rate a server announces, under a ceiling", "[http][rate]") {
  HttpTestServer server([](const TestRequest&) {
    return TestReply{200, "ok", {{"x-rate-limit-limit", "4"}, {"x-rate-limit-interval", "1s"}}};
  });
  HttpClient client(fast_options());
  const std::string host = url_host(server.url());
  client.set_rate(host, 50);
  client.follow_announced_rate(host, 10);
  client.send({"GET", server.url() + "/x", "", "", {}});
  CHECK(client.rate(host) == Approx(4));
  for (int i = 0; i < 6; ++i) client.send({"GET", server.url() + "/x", "", "", {}});
  CHECK(busiest_window(server.requests(), std::chrono::seconds(1)) <= 5);  // the first came before
}

TEST_CASE("HttpClient gives up on an unreachable host quickly and says so once", "[http][offline]") {
  std::vector<std::string> log;
  auto options = fast_options();
  options.log = [&](const std::string& line) { log.push_back(line); };
  HttpClient client(options);
  const std::string url = "http://127.0.0.1:" + std::to_string(litgraph::test::closed_port()) + "/x";
  auto start = Clock::now();
  for (int i = 0; i < 50; ++i) {
    auto response = client.send({"GET", url, "", "", {}});
    CHECK_FALSE(response.ok());
    CHECK(response.status == 0);
  }
  CHECK(Clock::now() - start < std::chrono::seconds(3));
  CHECK(client.unreachable(url_host(url)));
  const HostStats& stats = client.stats().begin()->second;
  CHECK(stats.sent == 2);
  CHECK(stats.failed == 50);
  std::size_t giving_up = 0;
  for (const auto& line : log)
    if (line.find("giving up") != std::string::npos) ++giving_up;
  CHECK(giving_up == 1);
}

TEST_CASE("redact_url hides API keys", "[http]") {
  CHECK(redact_url("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed&api_key=SECRET&id=1") ==
        "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi?db=pubmed&api_key=***&id=1");
  CHECK(redact_url("http://x/?api_key=SECRET") == "http://x/?api_key=***");
  CHECK(redact_url("http://x/?my_api_key=visible") == "http://x/?my_api_key=visible");
}

TEST_CASE("url_host and url_encode", "[http]") {
  CHECK(url_host("https://API.crossref.org/works?x=1") == "api.crossref.org");
  CHECK(url_host("http://127.0.0.1:8080/x") == "127.0.0.1:8080");
  CHECK(url_encode("doi:10.1000/a b,c") == "doi%3A10.1000%2Fa%20b%2Cc");
}

TEST_CASE("retry_after_seconds reads seconds and HTTP dates", "[http]") {
  CHECK(retry_after_seconds("120") == 120);
  CHECK(retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0);  // in the past
  CHECK(retry_after_seconds("Fri, 01 Jan 2100 00:00:00 GMT") > 1000000);
  CHECK(retry_after_seconds("soon") == -1);
  CHECK(retry_after_seconds("") == -1);
}
