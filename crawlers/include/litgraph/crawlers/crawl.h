// `litgraph crawl`: turns the distinct works that articles cite into full
// metadata records from Crossref and PubMed: batched, rate-limited, retried,
// cached on disk, and stored under the data directory.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "litgraph/crawlers/distinct_works.h"
#include "litgraph/crawlers/http_client.h"
#include "litgraph/schema/work.h"

namespace litgraph::crawlers {

struct CrawlOptions {
  std::filesystem::path home;  // data directory: cache/ and works/ live here
  std::string crossref_url = "https://api.crossref.org";
  std::string eutils_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils";
  std::string idconv_url = "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/";
  std::string mailto;        // contact address for User-Agent, Crossref and NCBI
  std::string ncbi_api_key;  // raises NCBI's rate from 3/s to 10/s; never logged
  std::string tool = "litgraph";
  bool offline = false;  // only the cache; no socket is opened
  std::chrono::seconds max_age{std::chrono::hours(24 * 30)};     // older cache entries are refetched
  std::chrono::seconds negative_max_age{std::chrono::hours(24)};  // life of a cached 404
  std::size_t crossref_batch = 20;   // DOIs per filter=doi:… request
  std::size_t ncbi_batch = 200;      // ids per idconv/efetch request (the services' limit)
  bool match = true;  // resolve references without identifiers by bibliographic matching
  double crossref_rate = 5;          // requests/s until Crossref announces its own
  double crossref_rate_ceiling = 50;  // never faster than this, whatever is announced
  HttpOptions http;                  // timeouts, retries; user_agent is set from mailto
  std::function<void(const std::string&)> log;       // one line per notable event
  std::function<void(const std::string&)> progress;  // short status lines for a terminal
  // Polled before each request: true stops the crawl from sending more (the
  // works not yet fetched fail with "interrupted"). For SIGINT/SIGTERM.
  std::function<bool()> cancelled;
};

// One work of the crawl, as reported.
// A work a reference might cite, with how well it fits.
struct MatchCandidate {
  std::optional<std::string> doi;
  std::optional<std::string> pmid;
  std::optional<std::string> title;
  double score = 0;
};

struct CrawledWork {
  std::string key;     // "doi:…", "pmid:…" or "ref:…"
  // "resolved", "ambiguous" (a reference without identifiers fits several
  // works, or one only partly: see candidates), "unresolved" or "failed".
  std::string status;
  // "doi", "pmid", "cache"; for a reference matched without identifiers
  // "local", "ecitmatch", "crossref-match", "pubmed-match".
  std::string via;
  std::string reason;  // why unresolved, ambiguous or failed
  // Unresolved because the registries answered that they have no record of
  // the DOI or PMID (HTTP 404), rather than for want of an answer.
  bool not_found = false;
  std::optional<double> score;  // the match score, for references matched without identifiers
  std::vector<MatchCandidate> candidates;  // for ambiguous ones, best first
  schema::Work work;   // what was found (identifiers at least)
  std::vector<Citation> cited_by;
};

struct CrawlReport {
  std::vector<CrawledWork> works;           // in the order of the input
  std::map<std::string, HostStats> requests;  // by host
  long cache_hits = 0;
  long cache_misses = 0;
  std::size_t failed() const;
};

// Resolves every distinct work with a DOI or PMID and stores the records in
// <home>/works. A work that fails keeps any record stored by an earlier
// crawl. Throws std::filesystem::filesystem_error if the data directory
// cannot be written; network and server failures are per-work statuses.
CrawlReport crawl(const std::vector<DistinctWork>& works, const CrawlOptions& options);

// Merges a Crossref and a PubMed record of one work: bibliographic fields
// from Crossref where it has them, PubMed's for the rest; MeSH, chemicals and
// publication types from PubMed; notices from both. field_sources follows.
schema::Work merge_work_sources(const schema::Work* crossref, const schema::Work* pubmed);

}  // namespace litgraph::crawlers
