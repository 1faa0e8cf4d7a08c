// Crossref and NCBI stand-ins for tests: two local servers that answer like
// the real services from the composed fixtures in tests/fixtures/composed/,
// and misbehave on request.
#pragma once

#include <atomic>
#include <filesystem>
#include <map>
#include <vector>
#include <utility>
#include <memory>
#include <mutex>
#include <string>

#include "http_test_server.h"

namespace litgraph::test {

class FakeServices {
 public:
  FakeServices();
  std::string crossref_url() const { return crossref_->url(); }
  std::string eutils_url() const { return ncbi_->url() + "/entrez/eutils"; }
  std::string idconv_url() const { return ncbi_->url() + "/pmc/utils/idconv/v1.0/"; }
  const HttpTestServer& crossref() const { return *crossref_; }
  const HttpTestServer& ncbi() const { return *ncbi_; }

  // Misbehaviour: the next N answers of a server are this status (429 with
  // Retry-After: 1 when `retry_after`), or a malformed body.
  std::atomic<int> crossref_failures{0};
  std::atomic<int> crossref_failure_status{429};
  std::atomic<bool> crossref_retry_after{false};
  std::atomic<int> ncbi_failures{0};
  std::atomic<int> ncbi_failure_status{503};
  std::atomic<bool> crossref_malformed{false};

  // The environment that points `litgraph` (run as a child) at these
  // stand-ins, with `home` as its data directory.
  std::vector<std::pair<std::string, std::string>> environment(const std::filesystem::path& home) const;

  // Replaces what Crossref says of `doi` (its "message" JSON): a record that
  // changes between two runs (a retraction notice appears, say).
  void set_crossref_work(const std::string& doi, const std::string& message_json);
  // The "message" JSON Crossref gives for `doi`, or "" if none.
  std::string crossref_work(const std::string& doi) const;

 private:
  TestReply answer_crossref(const TestRequest& request);
  TestReply answer_ncbi(const TestRequest& request);

  mutable std::mutex mutex_;  // guards crossref_messages_ (the server thread reads it)
  std::map<std::string, std::string> crossref_messages_;  // DOI -> the work's "message" JSON
  std::map<std::string, std::string> pubmed_articles_;    // PMID -> PubmedArticle XML
  std::map<std::string, std::string> pmid_of_doi_;
  std::string idconv_records_;
  // Matching: bibliographic-search targets with their decoys, ECitMatch answers.
  struct SearchTarget {
    std::string work;   // Crossref "message" JSON
    std::string decoy;  // another work that fits the reference only in part
    bool decoy_first = false;
    std::string title;  // folded, to find the target of a query
  };
  std::vector<SearchTarget> search_targets_;
  std::map<std::string, std::string> ecitmatch_;  // "journal|year|volume|page" -> PMID
  std::unique_ptr<HttpTestServer> crossref_;
  std::unique_ptr<HttpTestServer> ncbi_;
};

// Decodes %XX and '+' in a URL query component.
std::string url_decode(const std::string& text);
// The value of a query parameter in "path?a=1&b=2" (or a form body), decoded.
std::string query_param(const std::string& target, const std::string& name);

}  // namespace litgraph::test
