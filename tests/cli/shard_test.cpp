// Scale-out (issue 10): an index split by `litgraph shard`, queried through
// a stub database of local shards and of shards served by xapian-tcpsrv,
// answers as the single index does.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <xapian.h>

#include "fake_services.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::parse_json;
using litgraph::test::Run;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;

namespace fs = std::filesystem;

namespace {

// A free TCP port on 127.0.0.1 (the kernel's choice; closed again at once).
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return ok;
}

// xapian-tcpsrv serving one database on 127.0.0.1 for the test's lifetime.
class TcpServer {
 public:
  explicit TcpServer(const fs::path& database) : port_(free_port()) {
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      // A group of its own: on SIGTERM xapian-tcpsrv signals its whole group.
      setpgid(0, 0);
      // Quiet: the readiness probe's closed connections make it complain.
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      const std::string port = std::to_string(port_);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(),
             "--quiet", database.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int tries = 0; tries < 100 && !accepts(port_); ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(accepts(port_));
  }
  ~TcpServer() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

// What a query answers, without the order of equal scores (ties are in
// document id order, and a shard numbers its documents its own way).
struct Answer {
  std::size_t total = 0;
  std::map<std::string, double> scores;  // by record id
  std::string facets;                    // the facets' JSON, as printed
};

Answer ask(const std::vector<std::string>& query, const fs::path& database) {
  std::vector<std::string> args = {"query"};
  args.insert(args.end(), query.begin(), query.end());
  args.insert(args.end(), {"--json", "--limit", "1000", "--db", database.string()});
  Run run = run_litgraph(args, source_path(""));
  INFO(run.err);
  REQUIRE(run.status == 0);
  auto json = parse_json(run.out);
  Answer answer;
  answer.total = json["total"].GetUint();
  for (const auto& hit : json["results"].GetArray()) {
    answer.scores[hit["id"].GetString()] = hit["score"].GetDouble();
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  json["facets"].Accept(writer);
  answer.facets = buffer.GetString();
  return answer;
}

}  // namespace

TEST_CASE("sharded and remote indexes answer as the single index", "[cli][shard]") {
  litgraph::test::FakeServices services;
  TempDir home;
  const std::vector<std::pair<std::string, std::string>> environment = services.environment(home.path());
  REQUIRE(run_litgraph({"refresh", "corpus"}, source_path(""), environment).status == 0);
  const fs::path single = home.path() / "index";
  const fs::path out = home.path() / "shards";
  Run split = run_litgraph({"shard", "--shards", "2", "--json", out.string()}, source_path(""), environment);
  REQUIRE(split.status == 0);
  auto shards = parse_json(split.out);
  REQUIRE(shards["shards"].Size() == 2);
  std::size_t records = 0;
  for (const auto& shard : shards["shards"].GetArray()) {
    CHECK(shard["records"].GetUint() > 0);
    records += shard["records"].GetUint();
  }
  CHECK(records == Xapian::Database(single.string()).get_doccount());

  TcpServer first(out / "shard0");
  TcpServer second(out / "shard1");
  const fs::path remote = out / "remote.stub";
  std::ofstream(remote) << "remote 127.0.0.1:" << first.port() << "\nremote 127.0.0.1:" << second.port() << "\n";
  const fs::path local = out / "litgraph.stub";

  const std::vector<std::vector<std::string>> queries = {
      {"ketamine infusion"},
      {"drug:ketamine", "--facet", "condition", "--facet", "receptor", "--facet", "year"},
      {"condition:fibromyalgia", "--facet", "kind", "--facet", "type"},
      {"receptor:NMDA kind:article"},
      {"\"nasal spray\" OR depression", "--facet", "drug", "--facet", "journal"},
      {"ketamine", "--filter", "kind=passage", "--facet", "condition"},
      // Phrases: a remote shard cannot check them, the reader does.
      {"ketamine -\"nasal spray\"", "--facet", "drug"},
      {"\"ketamine infusion\" kind:passage", "--facet", "condition"},
      {"treatment-resistant depression", "--facet", "year"},
  };
  for (const auto& query : queries) {
    INFO("query: " << query.front());
    const Answer want = ask(query, single);
    CHECK(want.total > 0);
    for (const auto& database : {local, remote}) {
      INFO("database: " << database);
      const Answer got = ask(query, database);
      CHECK(got.total == want.total);
      CHECK(got.facets == want.facets);
      REQUIRE(got.scores.size() == want.scores.size());
      for (const auto& [id, score] : want.scores) {
        REQUIRE(got.scores.count(id) == 1);
        CHECK(got.scores.at(id) == Approx(score).epsilon(1e-9));
      }
    }
  }

  // The graph: the same neighbours, edge types and weights.
  auto neighbors = [&](const fs::path& database) {
    Run run = run_litgraph({"graph", "neighbors", "ketamine", "--json", "--limit", "100", "--db", database.string()},
                           source_path(""));
    REQUIRE(run.status == 0);
    auto json = parse_json(run.out);
    std::set<std::string> edges;
    for (const auto& entity : json["entities"].GetArray()) {
      for (const auto& neighbor : entity["neighbors"].GetArray()) {
        edges.insert(std::string(neighbor["entity"]["id"].GetString()) + " " + neighbor["edge"].GetString() +
                     " " + std::to_string(neighbor["weight"].GetUint()) + " " +
                     std::to_string(neighbor["sources"].GetUint()));
      }
    }
    return edges;
  };
  const auto want = neighbors(single);
  CHECK(want.size() > 5);
  CHECK(neighbors(local) == want);
  CHECK(neighbors(remote) == want);
}
