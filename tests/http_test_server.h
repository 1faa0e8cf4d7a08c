// A small HTTP/1.1 server on 127.0.0.1 for tests: it answers every request
// with what a handler returns, can misbehave on request (delay, truncate,
// close), and records each request with its arrival time.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace litgraph::test {

struct TestRequest {
  std::string method;
  std::string target;  // path and query, as sent
  std::string body;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::chrono::steady_clock::time_point received;
};

struct TestReply {
  TestReply() = default;
  TestReply(int status_code, std::string body_text,
            std::vector<std::pair<std::string, std::string>> extra_headers = {},
            std::chrono::milliseconds wait = std::chrono::milliseconds(0))
      : status(status_code), body(std::move(body_text)), headers(std::move(extra_headers)), delay(wait) {}

  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // wait this long before answering (a stall)
  bool truncate = false;               // announce more bytes than sent, then close
};

class HttpTestServer {
 public:
  using Handler = std::function<TestReply(const TestRequest&)>;
  explicit HttpTestServer(Handler handler);
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  std::string url() const;  // "http://127.0.0.1:PORT"
  int port() const { return port_; }
  std::vector<TestRequest> requests() const;
  std::size_t connections() const { return connections_; }

 private:
  void accept_loop();
  void serve(int client);

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> connections_{0};
  mutable std::mutex mutex_;
  std::vector<TestRequest> requests_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

// A port on 127.0.0.1 where nothing listens (bound, then released).
int closed_port();

}  // namespace litgraph::test
