// The crawl runs in phases so that every service sees few, large requests:
//   1. Crossref: the DOIs not in the cache, `filter=doi:…` batches, then
//      single look-ups for DOIs a batch did not return (to tell 404s apart);
//   2. NCBI: DOIs -> PMIDs with the PMC ID converter in one batch, then one
//      esearch `A[doi] OR B[doi] …` for DOIs the converter does not know;
//   3. NCBI efetch of every PMID not in the cache, up to 200 per request; the
//      records it brings back tell which searched PMID carries which DOI.
// The cache holds one entry per record (not per batch), so that any later
// crawl, whatever its batches, finds what an earlier one fetched.
#include "litgraph/crawlers/crawl.h"

#include <pugixml.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <ctime>
#include <set>
#include <sstream>

#include "litgraph/crawlers/crossref_json.h"
#include "litgraph/crawlers/matcher.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/crawlers/response_cache.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/schema/text.h"

namespace litgraph::crawlers {

using schema::Work;

namespace {

constexpr const char* kCrossrefSelect =
    "DOI,title,subtitle,author,container-title,short-container-title,ISSN,issued,published-print,"
    "published-online,created,volume,issue,page,article-number,abstract,language,type,update-to,"
    "updated-by,relation,subject";

std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

// "2026-11-25": the UTC day of a Unix time, as Crossref's date filters take it.
std::string utc_date(std::int64_t seconds) {
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm day{};
  gmtime_r(&time, &day);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &day);
  return text;
}

template <typename T>
std::vector<std::vector<T>> chunks(const std::vector<T>& items, std::size_t size) {
  std::vector<std::vector<T>> out;
  for (std::size_t i = 0; i < items.size(); i += size)
    out.emplace_back(items.begin() + i, items.begin() + std::min(items.size(), i + size));
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string to_json(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

// What is known of one DOI or PMID during the crawl.
struct Found {
  std::optional<Work> crossref;
  std::optional<Work> pubmed;
  bool all_from_cache = true;
  bool crossref_not_found = false;
  bool pubmed_not_found = false;
  std::string failure;  // the first failure met, for the report
};

class Crawler {
 public:
  Crawler(const CrawlOptions& options)
      : options_(options), cache_(options.home / "cache") {
    if (!options_.offline) {
      HttpOptions http = options.http;
      http.user_agent = "litgraph/" LITGRAPH_VERSION_STRING;
      if (!options.mailto.empty()) http.user_agent += " (mailto:" + options.mailto + ")";
      http.log = options.log;
      client_ = std::make_unique<HttpClient>(http);
      std::string crossref_host = url_host(options.crossref_url);
      client_->set_rate(crossref_host, options.crossref_rate);
      client_->follow_announced_rate(crossref_host, options.crossref_rate_ceiling);
      double ncbi_rate = options.ncbi_api_key.empty() ? 3 : 10;
      client_->set_rate(url_host(options.eutils_url), ncbi_rate);
      client_->set_rate(url_host(options.idconv_url), ncbi_rate);
    }
  }

  CrawlReport run(const std::vector<DistinctWork>& works);

 private:
  // A cached entry usable now: fresh, or any age when offline.
  std::optional<CachedResponse> cached(const std::string& key) {
    auto entry = cache_.get(key);
    if (!entry) return std::nullopt;
    if (!options_.offline &&
        !ResponseCache::is_fresh(*entry, options_.max_age, options_.negative_max_age, now_seconds())) {
      cache_.count_miss();
      return std::nullopt;
    }
    return entry;
  }

  void store(const std::string& key, const std::string& url, int status, const std::string& body,
             const HttpResponse* response) {
    CachedResponse entry;
    entry.key = key;
    entry.url = url;
    entry.status = status;
    entry.body = body;
    entry.fetched_at = now_seconds();
    if (response) {
      if (auto it = response->headers.find("etag"); it != response->headers.end()) entry.etag = it->second;
      if (auto it = response->headers.find("last-modified"); it != response->headers.end())
        entry.last_modified = it->second;
    }
    cache_.put(entry);
  }

  HttpResponse fetch(const HttpRequest& request) {
    if (options_.cancelled && options_.cancelled()) {
      // Asked to stop: no more requests; what was fetched is cached already.
      HttpResponse stopped;
      stopped.error = "interrupted before the request was sent";
      return stopped;
    }
    if (options_.progress) options_.progress(redact_url(request.url).substr(0, 100));
    return client_->send(request);
  }

  std::string ncbi_params() const {
    std::string params = "tool=" + url_encode(options_.tool);
    if (!options_.mailto.empty()) params += "&email=" + url_encode(options_.mailto);
    if (!options_.ncbi_api_key.empty()) params += "&api_key=" + url_encode(options_.ncbi_api_key);
    return params;
  }

  void crossref_phase(const std::vector<std::string>& dois);
  void revalidate_crossref(const std::vector<CachedResponse>& stale);
  std::optional<std::set<std::string>> crossref_batch(const std::vector<std::string>& dois,
                                                      const std::string& extra_filter);
  void crossref_single(const std::string& doi);
  void doi_to_pmid_phase(const std::vector<std::string>& dois);
  void efetch_phase(const std::vector<std::string>& pmids);
  void settle_searched_dois();
  std::vector<Work> known_works(const WorkStore& store);
  void match_phase(const std::vector<DistinctWork>& works, std::vector<Work> known);
  void ecitmatch_phase(const std::vector<std::pair<std::size_t, const schema::Reference*>>& pending);
  void crossref_query(std::size_t index, const schema::Reference& ref);
  void pubmed_title_search(const std::vector<std::pair<std::size_t, const schema::Reference*>>& open);
  bool decide(std::size_t index, const schema::Reference& ref, const std::vector<const Work*>& candidates,
              const std::string& via);
  void fail(Found& found, const std::string& why) {
    if (found.failure.empty()) found.failure = why;
  }

  const CrawlOptions& options_;
  ResponseCache cache_;
  std::unique_ptr<HttpClient> client_;
  std::map<std::string, Found> by_doi_;
  std::map<std::string, Found> by_pmid_;
  std::map<std::string, std::string> pmid_of_doi_;
  std::vector<std::string> searched_pmids_;  // esearch hits, fetched with the rest
  std::vector<std::pair<std::string, std::string>> searched_dois_;  // DOI, search URL
  bool efetch_failed_ = false;

  // The outcome of matching a reference without identifiers, by work index.
  struct Matched {
    std::string status;  // "resolved", "ambiguous" or "unresolved"
    std::string via;
    std::string reason;
    double score = 0;
    Work work;
    std::vector<MatchCandidate> candidates;
  };
  std::map<std::size_t, Matched> matched_;
  std::map<std::size_t, std::string> ecitmatch_pmid_;  // work index -> PMID ECitMatch proposed
  std::map<std::size_t, std::string> match_failure_;   // work index -> why a search could not run
};

void Crawler::crossref_phase(const std::vector<std::string>& dois) {
  std::vector<std::string> pending;
  std::vector<CachedResponse> stale;  // records older than max_age: revalidated below
  for (const auto& doi : dois) {
    Found& found = by_doi_[doi];
    if (!options_.offline) {
      if (auto entry = cache_.get("crossref:" + doi);
          entry && entry->status == 200 &&
          !ResponseCache::is_fresh(*entry, options_.max_age, options_.negative_max_age, now_seconds())) {
        found.all_from_cache = false;
        stale.push_back(std::move(*entry));
        continue;
      }
    }
    if (auto entry = cached("crossref:" + doi)) {
      auto result = parse_crossref_response(entry->status, entry->body);
      if (result.kind == CrossrefResult::Kind::kWork && !result.works.empty()) {
        found.crossref = result.works.front();
        continue;
      }
      if (result.kind == CrossrefResult::Kind::kNotFound) {
        found.crossref_not_found = true;
        continue;
      }
    }
    found.all_from_cache = false;
    if (options_.offline) {
      fail(found, "Crossref: not in the cache (--offline)");
      continue;
    }
    pending.push_back(doi);
  }
  revalidate_crossref(stale);
  for (const auto& batch : chunks(pending, options_.crossref_batch)) {
    // A DOI the filter did not return is unknown to Crossref or registered
    // elsewhere: ask for it alone to tell which.
    if (auto settled = crossref_batch(batch, "")) {
      for (const auto& doi : batch)
        if (!settled->count(doi)) crossref_single(doi);
    }
  }
}

// Asks Crossref for `dois` in one filter request (`extra_filter` appended,
// e.g. ",from-index-date:…") and caches each returned work as a single-work
// answer; a DOI a filter cannot hold is asked alone. Returns the DOIs settled
// (returned or asked alone), or nullopt, all failed, when no usable answer came.
std::optional<std::set<std::string>> Crawler::crossref_batch(const std::vector<std::string>& dois,
                                                             const std::string& extra_filter) {
  auto filter = crossref_doi_filter(dois);
  std::set<std::string> settled(filter.rejected.begin(), filter.rejected.end());
  for (const auto& doi : filter.rejected) crossref_single(doi);
  if (filter.value.empty()) return settled;
  std::string url = options_.crossref_url + "/works?filter=" + url_encode(filter.value + extra_filter) +
                    "&rows=" + std::to_string(dois.size()) + "&select=" + url_encode(kCrossrefSelect);
  if (!options_.mailto.empty()) url += "&mailto=" + url_encode(options_.mailto);
  HttpResponse response = fetch({"GET", url, "", "", {}});
  auto result = response.error.empty() ? parse_crossref_response(response.status, response.body)
                                       : CrossrefResult{};
  if (!response.error.empty() || result.kind != CrossrefResult::Kind::kWorkList) {
    // Failed, as any fetch: the work store keeps what an earlier crawl resolved.
    std::string why = "Crossref: " + (response.error.empty() ? result.error : response.error);
    for (const auto& doi : dois)
      if (!settled.count(doi)) fail(by_doi_[doi], why);
    return std::nullopt;
  }
  rapidjson::Document doc;
  doc.Parse(response.body.c_str());
  const auto& items = doc["message"]["items"];
  for (std::size_t i = 0; i < items.Size() && i < result.works.size(); ++i) {
    const Work& work = result.works[i];
    if (!work.doi || !by_doi_.count(*work.doi)) continue;
    settled.insert(*work.doi);
    by_doi_[*work.doi].crossref = work;
    store("crossref:" + *work.doi, url, 200,
          "{\"status\":\"ok\",\"message-type\":\"work\",\"message\":" + to_json(items[i]) + "}", &response);
  }
  return settled;
}

// Stale records are asked for again in batches with Crossref's
// from-index-date filter (the day of the oldest fetch in the batch): Crossref
// returns only the works it has re-indexed since, i.e. changed. The others
// are as cached, and their cache entries are renewed without a download.
void Crawler::revalidate_crossref(const std::vector<CachedResponse>& stale) {
  std::vector<const CachedResponse*> entries;
  for (const auto& entry : stale) entries.push_back(&entry);
  for (const auto& batch : chunks(entries, options_.crossref_batch)) {
    std::vector<std::string> dois;
    std::int64_t oldest = now_seconds();
    for (const auto* entry : batch) {
      dois.push_back(entry->key.substr(std::string("crossref:").size()));
      oldest = std::min(oldest, entry->fetched_at);
    }
    auto settled = crossref_batch(dois, ",from-index-date:" + utc_date(oldest));
    if (!settled) continue;
    for (const auto* entry : batch) {
      const std::string doi = entry->key.substr(std::string("crossref:").size());
      if (settled->count(doi)) continue;  // changed (stored) or asked alone
      auto cached_result = parse_crossref_response(entry->status, entry->body);
      if (!cached_result.works.empty()) by_doi_[doi].crossref = cached_result.works.front();
      CachedResponse renewed = *entry;
      renewed.fetched_at = now_seconds();
      cache_.put(renewed);
    }
  }
}

void Crawler::crossref_single(const std::string& doi) {
  Found& found = by_doi_[doi];
  std::string url = options_.crossref_url + crossref_work_path(doi);
  if (!options_.mailto.empty()) url += "?mailto=" + url_encode(options_.mailto);
  // A conditional request when an older answer carries validators: 304 Not
  // Modified renews it without a download.
  HttpRequest request{"GET", url, "", "", {}};
  auto previous = cache_.get("crossref:" + doi);
  if (previous && previous->status == 200) {
    if (!previous->etag.empty()) request.headers.emplace_back("If-None-Match", previous->etag);
    if (!previous->last_modified.empty()) request.headers.emplace_back("If-Modified-Since", previous->last_modified);
  }
  HttpResponse response = fetch(request);
  if (!response.error.empty()) {
    fail(found, "Crossref: " + response.error);
    return;
  }
  if (response.status == 304 && previous) {
    auto result = parse_crossref_response(previous->status, previous->body);
    if (!result.works.empty()) found.crossref = result.works.front();
    previous->fetched_at = now_seconds();
    cache_.put(*previous);
    return;
  }
  auto result = parse_crossref_response(response.status, response.body);
  if (result.kind == CrossrefResult::Kind::kWork && !result.works.empty()) {
    found.crossref = result.works.front();
    store("crossref:" + doi, url, 200, response.body, &response);
  } else if (result.kind == CrossrefResult::Kind::kNotFound) {
    found.crossref_not_found = true;
    store("crossref:" + doi, url, 404, response.body, &response);
  } else {
    fail(found, "Crossref: " + result.error);
  }
}

void Crawler::doi_to_pmid_phase(const std::vector<std::string>& dois) {
  std::vector<std::string> pending;
  for (const auto& doi : dois) {
    Found& found = by_doi_[doi];
    if (auto entry = cached("pubmed-doi:" + doi)) {
      if (entry->status == 200) pmid_of_doi_[doi] = entry->body;
      else found.pubmed_not_found = true;
      continue;
    }
    found.all_from_cache = false;
    if (options_.offline) {
      fail(found, "PubMed: not in the cache (--offline)");
      continue;
    }
    pending.push_back(doi);
  }
  if (pending.empty()) return;
  // The converter knows the DOIs of PubMed Central articles.
  std::vector<std::string> unknown;
  for (const auto& batch : chunks(pending, options_.ncbi_batch)) {
    std::string url = options_.idconv_url + "?ids=" + url_encode(join(batch, ",")) +
                      "&idtype=doi&format=json&" + ncbi_params();
    HttpResponse response = fetch({"GET", url, "", "", {}});
    std::set<std::string> mapped;
    if (response.ok()) {
      auto result = parse_idconv_json(response.body);
      for (const auto& record : result.records) {
        if (!record.doi || !record.pmid) continue;
        mapped.insert(*record.doi);
        pmid_of_doi_[*record.doi] = *record.pmid;
        store("pubmed-doi:" + *record.doi, url, 200, *record.pmid, &response);
      }
    } else if (client_->unreachable(url_host(url)) || response.status == 0) {
      for (const auto& doi : batch) fail(by_doi_[doi], "PubMed ID converter: " + response.error);
      continue;
    }
    for (const auto& doi : batch)
      if (!mapped.count(doi)) unknown.push_back(doi);
  }
  // Then one search for the rest; which PMID is which DOI is read from the
  // records that efetch brings back.
  for (const auto& batch : chunks(unknown, 50)) {
    std::vector<std::string> terms;
    for (const auto& doi : batch) terms.push_back("\"" + doi + "\"[doi]");
    std::string url = options_.eutils_url + "/esearch.fcgi?db=pubmed&retmax=" +
                      std::to_string(batch.size() * 2) + "&term=" + url_encode(join(terms, " OR ")) +
                      "&" + ncbi_params();
    HttpResponse response = fetch({"GET", url, "", "", {}});
    auto result = response.ok() ? parse_esearch_xml(response.body) : EsearchResult{};
    if (!response.ok() || result.error) {
      std::string why = "PubMed esearch: " + (response.ok() ? *result.error : response.error);
      for (const auto& doi : batch) fail(by_doi_[doi], why);
      continue;
    }
    searched_pmids_.insert(searched_pmids_.end(), result.ids.begin(), result.ids.end());
    for (const auto& doi : batch) searched_dois_.emplace_back(doi, url);
  }
}

// After efetch, the records say which searched PMID carries which DOI.
void Crawler::settle_searched_dois() {
  for (const auto& [doi, url] : searched_dois_) {
    auto it = pmid_of_doi_.find(doi);
    if (it != pmid_of_doi_.end()) {
      store("pubmed-doi:" + doi, url, 200, it->second, nullptr);
    } else if (by_doi_[doi].failure.empty() && !efetch_failed_) {
      by_doi_[doi].pubmed_not_found = true;
      store("pubmed-doi:" + doi, url, 404, "", nullptr);
    }
  }
}

void Crawler::efetch_phase(const std::vector<std::string>& pmids) {
  std::vector<std::string> pending;
  for (const auto& pmid : pmids) {
    Found& found = by_pmid_[pmid];
    if (found.pubmed || found.pubmed_not_found) continue;
    if (auto entry = cached("pubmed:" + pmid)) {
      auto result = parse_pubmed_xml(entry->body);
      if (!result.works.empty()) {
        found.pubmed = result.works.front();
        if (found.pubmed->doi) pmid_of_doi_[*found.pubmed->doi] = pmid;
        continue;
      }
    }
    found.all_from_cache = false;
    if (options_.offline) {
      fail(found, "PubMed: not in the cache (--offline)");
      continue;
    }
    pending.push_back(pmid);
  }
  for (const auto& batch : chunks(pending, options_.ncbi_batch)) {
    std::string url = options_.eutils_url + "/efetch.fcgi";
    std::string params = "db=pubmed&retmode=xml&id=" + join(batch, ",") + "&" + ncbi_params();
    // GET while the URL stays short; POST beyond, as NCBI asks.
    HttpRequest request = batch.size() > 200 || params.size() > 1800
                              ? HttpRequest{"POST", url, params, "application/x-www-form-urlencoded", {}}
                              : HttpRequest{"GET", url + "?" + params, "", "", {}};
    HttpResponse response = fetch(request);
    PubmedParseResult result;
    if (response.ok()) result = parse_pubmed_xml(response.body);
    if (!response.ok() || (result.works.empty() && !result.errors.empty())) {
      std::string why = "PubMed efetch: " + (response.ok() ? result.errors.front() : response.error);
      for (const auto& pmid : batch) fail(by_pmid_[pmid], why);
      efetch_failed_ = true;
      continue;
    }
    // Cache each record alone, as a one-record PubmedArticleSet.
    pugi::xml_document doc;
    doc.load_buffer(response.body.data(), response.body.size());
    std::map<std::string, std::string> record_xml;
    for (auto record : doc.child("PubmedArticleSet").children()) {
      std::string pmid = record.child("MedlineCitation").child_value("PMID");
      if (pmid.empty()) pmid = record.child("BookDocument").child_value("PMID");
      std::ostringstream xml;
      record.print(xml, "", pugi::format_raw);
      record_xml[pmid] = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>" + xml.str() + "</PubmedArticleSet>\n";
    }
    for (const Work& work : result.works) {
      if (!work.pmid) continue;
      by_pmid_[*work.pmid].pubmed = work;
      if (work.doi) pmid_of_doi_[*work.doi] = *work.pmid;
      if (auto it = record_xml.find(*work.pmid); it != record_xml.end())
        store("pubmed:" + *work.pmid, redact_url(request.url), 200, it->second, &response);
    }
    for (const auto& pmid : batch) {
      Found& found = by_pmid_[pmid];
      if (!found.pubmed && found.failure.empty()) {
        found.pubmed_not_found = true;  // efetch returns nothing for unknown ids
        store("pubmed:" + pmid, redact_url(request.url), 404, "", &response);
      }
    }
  }
}

// Works a reference without identifiers may be matched to at no cost: those
// stored by earlier crawls and those this crawl resolved.
std::vector<Work> Crawler::known_works(const WorkStore& store) {
  std::vector<Work> known;
  std::set<std::string> seen;
  auto add = [&](const Work& work) {
    std::string id = work.doi ? "doi:" + *work.doi : work.pmid ? "pmid:" + *work.pmid : "";
    if (!id.empty() && seen.insert(id).second) known.push_back(work);
  };
  for (const auto& [doi, found] : by_doi_) {
    if (!found.crossref) continue;
    const Work* pubmed = nullptr;
    if (auto it = pmid_of_doi_.find(doi); it != pmid_of_doi_.end() && by_pmid_[it->second].pubmed)
      pubmed = &*by_pmid_[it->second].pubmed;
    add(merge_work_sources(&*found.crossref, pubmed));
  }
  for (const auto& [pmid, found] : by_pmid_)
    if (found.pubmed) add(*found.pubmed);
  for (const auto& stored : store.all())
    if (stored.status == "resolved") add(stored.work);
  return known;
}

// Records the matcher's verdict for one reference; true when it matched.
bool Crawler::decide(std::size_t index, const schema::Reference& ref,
                     const std::vector<const Work*>& candidates, const std::string& via) {
  MatchResult result = match_reference(ref, candidates);
  if (result.status == MatchStatus::kUnmatched) return false;
  Matched& m = matched_[index];
  // An ambiguous verdict never replaces an earlier one of equal or better score.
  if (result.status == MatchStatus::kAmbiguous && !m.status.empty() && m.score >= result.score) return false;
  m.via = via;
  m.score = result.score;
  m.candidates.clear();
  for (const auto& c : result.candidates)
    m.candidates.push_back({c.work->doi, c.work->pmid, c.work->title, c.score.score});
  if (result.status == MatchStatus::kMatched) {
    m.status = "resolved";
    m.reason.clear();
    m.work = *result.work;
    return true;
  }
  m.status = "ambiguous";
  m.reason = "fits more than one work, or one only partly: check the candidates";
  return false;
}

void Crawler::match_phase(const std::vector<DistinctWork>& works, std::vector<Work> known) {
  // (a) The local store: no request at all.
  LocalWorkIndex index(std::move(known));
  std::vector<std::pair<std::size_t, const schema::Reference*>> pending;
  for (std::size_t i = 0; i < works.size(); ++i) {
    const schema::Reference& ref = works[i].reference;
    if (ref.doi || ref.pmid) continue;
    if (!decide(i, ref, index.candidates(ref, 20), "local")) pending.emplace_back(i, &ref);
  }
  if (options_.offline || pending.empty()) return;
  // (b) ECitMatch for those with journal, year, volume and first page: one
  // request for all; every proposal is checked by the scorer like any other.
  ecitmatch_phase(pending);
  std::vector<std::pair<std::size_t, const schema::Reference*>> rest;
  for (const auto& [i, ref] : pending) {
    auto proposed = ecitmatch_pmid_.find(i);
    if (proposed != ecitmatch_pmid_.end()) {
      Found& found = by_pmid_[proposed->second];
      if (found.pubmed && decide(i, *ref, {&*found.pubmed}, "ecitmatch")) continue;
    }
    rest.emplace_back(i, ref);
  }
  // (c) Crossref's bibliographic search, one request per remaining reference.
  for (const auto& [i, ref] : rest) crossref_query(i, *ref);
  // (d) PubMed's search on title words, first author and year, for what is
  // still open (Crossref may not have the work, or may be unreachable).
  std::vector<std::pair<std::size_t, const schema::Reference*>> open;
  for (const auto& [i, ref] : rest)
    if (!matched_.count(i) && ref->title) open.emplace_back(i, ref);
  pubmed_title_search(open);
}

void Crawler::pubmed_title_search(const std::vector<std::pair<std::size_t, const schema::Reference*>>& open) {
  std::map<std::size_t, std::vector<std::string>> ids_of;
  std::vector<std::string> all_ids;
  for (const auto& [i, ref] : open) {
    std::vector<std::string> terms;
    for (const auto& word : schema::folded_words(*ref->title))
      if (word.size() > 3 && terms.size() < 8) terms.push_back(word + "[ti]");
    if (terms.size() < 2) continue;  // too little to search on
    if (!ref->authors.empty()) terms.push_back(schema::fold_for_matching(ref->authors.front().family) + "[au]");
    if (ref->year) terms.push_back(std::to_string(*ref->year) + "[dp]");
    std::string term = join(terms, " AND ");
    std::string body;
    if (auto entry = cached("pubmed-search:" + term)) {
      body = entry->body;
    } else {
      std::string url = options_.eutils_url + "/esearch.fcgi?db=pubmed&retmax=5&term=" + url_encode(term) +
                        "&" + ncbi_params();
      HttpResponse response = fetch({"GET", url, "", "", {}});
      if (!response.ok()) {
        match_failure_.emplace(i, "PubMed search: " + response.error);
        continue;
      }
      body = response.body;
      store("pubmed-search:" + term, url, response.status, body, &response);
    }
    auto result = parse_esearch_xml(body);
    if (result.error) continue;
    ids_of[i] = result.ids;
    all_ids.insert(all_ids.end(), result.ids.begin(), result.ids.end());
  }
  std::sort(all_ids.begin(), all_ids.end());
  all_ids.erase(std::unique(all_ids.begin(), all_ids.end()), all_ids.end());
  efetch_phase(all_ids);
  for (const auto& [i, ref] : open) {
    std::vector<const Work*> candidates;
    for (const auto& pmid : ids_of[i])
      if (by_pmid_[pmid].pubmed) candidates.push_back(&*by_pmid_[pmid].pubmed);
    decide(i, *ref, candidates, "pubmed-match");
  }
}

void Crawler::ecitmatch_phase(const std::vector<std::pair<std::size_t, const schema::Reference*>>& pending) {
  std::vector<std::string> lines;
  std::vector<std::size_t> asked;
  std::map<std::string, std::size_t> index_of_key;
  // The PMIDs found, cached answers included: their records are fetched (or
  // read from the cache) below, even when an earlier run stopped before it.
  std::vector<std::string> pmids;
  auto fetch_records = [&] {
    std::sort(pmids.begin(), pmids.end());
    pmids.erase(std::unique(pmids.begin(), pmids.end()), pmids.end());
    efetch_phase(pmids);
  };
  for (const auto& [i, ref] : pending) {
    if (!ref->container || !ref->year || !ref->volume || !ref->first_page) continue;
    std::string journal = schema::fold_for_matching(*ref->container);
    if (ref->container->find('&') != std::string::npos) {
      journal.clear();  // keep "&": journal titles use it
      for (char c : *ref->container) journal += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::string author;
    if (!ref->authors.empty())
      author = schema::fold_for_matching(ref->authors.front().family + " " + ref->authors.front().given);
    std::string query = journal + "|" + std::to_string(*ref->year) + "|" + *ref->volume + "|" + *ref->first_page;
    if (auto entry = cached("ecitmatch:" + query)) {
      if (entry->status == 200) {
        ecitmatch_pmid_[i] = entry->body;
        pmids.push_back(entry->body);
      }
      continue;
    }
    std::string key = "litgraph" + std::to_string(i);
    index_of_key[key] = i;
    lines.push_back(query + "|" + author + "|" + key + "|");
    asked.push_back(i);
  }
  if (lines.empty()) {
    fetch_records();
    return;
  }
  std::string url = options_.eutils_url + "/ecitmatch.cgi?db=pubmed&retmode=xml&bdata=" +
                    url_encode(join(lines, "\r")) + "&" + ncbi_params();
  HttpResponse response = fetch({"GET", url, "", "", {}});
  if (!response.ok()) {  // the references go on to Crossref's search
    for (std::size_t i : asked) match_failure_.emplace(i, "PubMed ECitMatch: " + response.error);
    fetch_records();
    return;
  }
  auto result = parse_ecitmatch(response.body);
  for (const auto& match : result.matches) {
    auto it = index_of_key.find(match.key);
    if (it == index_of_key.end()) continue;
    std::string query = match.journal + "|" + match.year + "|" + match.volume + "|" + match.first_page;
    if (match.status == CitationMatchStatus::kFound && match.pmid) {
      ecitmatch_pmid_[it->second] = *match.pmid;
      pmids.push_back(*match.pmid);
      store("ecitmatch:" + query, url, 200, *match.pmid, &response);
    } else if (match.status == CitationMatchStatus::kNotFound) {
      store("ecitmatch:" + query, url, 404, "", &response);
    }
  }
  fetch_records();
}

void Crawler::crossref_query(std::size_t index, const schema::Reference& ref) {
  std::string query = ref.raw.substr(0, 400);
  std::string body;
  int status = 0;
  if (auto entry = cached("crossref-query:" + query)) {
    body = entry->body;
    status = entry->status;
  } else {
    std::string url = options_.crossref_url + "/works?query.bibliographic=" + url_encode(query) +
                      "&rows=3&select=" + url_encode(kCrossrefSelect);
    if (ref.year) url += "&filter=" + url_encode("from-pub-date:" + std::to_string(*ref.year - 2));
    if (!options_.mailto.empty()) url += "&mailto=" + url_encode(options_.mailto);
    HttpResponse response = fetch({"GET", url, "", "", {}});
    if (!response.ok()) {
      match_failure_.emplace(index, "Crossref search: " + response.error);
      return;
    }
    body = response.body;
    status = response.status;
    store("crossref-query:" + query, url, status, body, &response);
  }
  auto result = parse_crossref_response(status, body);
  if (result.kind != CrossrefResult::Kind::kWorkList) return;
  std::vector<const Work*> candidates;
  for (const auto& work : result.works) candidates.push_back(&work);
  decide(index, ref, candidates, "crossref-match");
}


CrawlReport Crawler::run(const std::vector<DistinctWork>& works) {
  std::vector<std::string> dois;
  std::vector<std::string> pmids;
  for (const auto& w : works) {
    if (w.reference.doi) dois.push_back(*w.reference.doi);
    else if (w.reference.pmid) pmids.push_back(*w.reference.pmid);
  }
  crossref_phase(dois);
  doi_to_pmid_phase(dois);
  std::vector<std::string> wanted = pmids;
  for (const auto& doi : dois)
    if (auto it = pmid_of_doi_.find(doi); it != pmid_of_doi_.end()) wanted.push_back(it->second);
  wanted.insert(wanted.end(), searched_pmids_.begin(), searched_pmids_.end());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  efetch_phase(wanted);
  settle_searched_dois();

  WorkStore store(options_.home / "works");
  if (options_.match) match_phase(works, known_works(store));

  CrawlReport report;
  for (const auto& w : works) {
    CrawledWork out;
    out.cited_by = w.cited_by;
    const schema::Reference& ref = w.reference;
    if (!ref.doi && !ref.pmid) {
      std::size_t index = static_cast<std::size_t>(&w - works.data());
      auto found = matched_.find(index);
      out.key = reference_store_key(ref);
      out.status = "unresolved";
      out.reason = options_.match ? "no DOI or PMID in the reference, and no work matched it"
                                  : "no DOI or PMID in the reference (matching is off)";
      out.work.title = ref.title;
      out.work.year = ref.year;
      if (auto failure = match_failure_.find(index);
          failure != match_failure_.end() && (found == matched_.end() || found->second.status != "resolved")) {
        // The searches that could have found it did not run: a failure, not a verdict.
        out.status = "failed";
        out.reason = "no DOI or PMID in the reference, and the search for it failed: " + failure->second;
      } else if (found != matched_.end()) {
        Matched& m = found->second;
        out.status = m.status;
        out.via = m.via;
        out.reason = m.reason;
        out.score = m.score;
        out.candidates = m.candidates;
        if (m.status == "resolved") {
          out.work = m.work;
          out.key = m.work.doi ? "doi:" + *m.work.doi : "pmid:" + m.work.pmid.value_or("");
          store.put({out.key, out.status, out.via, "", now_seconds(), out.work});
        }
      }
      report.works.push_back(std::move(out));
      continue;
    }
    const Work* crossref = nullptr;
    const Work* pubmed = nullptr;
    bool from_cache = true;
    std::vector<std::string> failures;
    bool not_found = false;
    if (ref.doi) {
      out.key = "doi:" + *ref.doi;
      out.via = "doi";
      Found& found = by_doi_[*ref.doi];
      if (found.crossref) crossref = &*found.crossref;
      from_cache = found.all_from_cache;
      if (!found.failure.empty()) failures.push_back(found.failure);
      not_found = found.crossref_not_found;
      if (auto it = pmid_of_doi_.find(*ref.doi); it != pmid_of_doi_.end()) {
        Found& by_pmid = by_pmid_[it->second];
        if (by_pmid.pubmed) pubmed = &*by_pmid.pubmed;
        from_cache = from_cache && by_pmid.all_from_cache;
        if (!by_pmid.failure.empty()) failures.push_back(by_pmid.failure);
      }
    } else {
      out.key = "pmid:" + *ref.pmid;
      out.via = "pmid";
      Found& found = by_pmid_[*ref.pmid];
      if (found.pubmed) pubmed = &*found.pubmed;
      from_cache = found.all_from_cache;
      if (!found.failure.empty()) failures.push_back(found.failure);
      not_found = found.pubmed_not_found;
    }
    if (crossref || pubmed) {
      out.status = "resolved";
      out.work = merge_work_sources(crossref, pubmed);
      if (from_cache) out.via = "cache";
      if (!failures.empty()) out.reason = "partly: " + failures.front();
    } else if (!failures.empty()) {
      out.status = "failed";
      out.reason = failures.front();
    } else {
      out.status = "unresolved";
      out.not_found = not_found;
      out.reason = not_found ? (ref.doi ? "Crossref does not know this DOI, and PubMed has no record of it"
                                        : "PubMed has no record with this PMID")
                             : "no record found";
    }
    if (!out.work.doi) out.work.doi = ref.doi;
    if (!out.work.pmid) out.work.pmid = ref.pmid;
    if (!out.work.title) out.work.title = ref.title;

    StoredWork stored{out.key, out.status, out.via, out.reason, now_seconds(), out.work};
    auto previous = store.get(out.key);
    // A failed fetch never replaces what an earlier crawl resolved.
    if (out.status == "resolved" || !previous || previous->status != "resolved") store.put(stored);
    report.works.push_back(std::move(out));
  }
  if (client_) report.requests = client_->stats();
  report.cache_hits = cache_.hits();
  report.cache_misses = cache_.misses();
  return report;
}

}  // namespace

std::size_t CrawlReport::failed() const {
  return static_cast<std::size_t>(std::count_if(
      works.begin(), works.end(), [](const CrawledWork& w) { return w.status == "failed"; }));
}

CrawlReport crawl(const std::vector<DistinctWork>& works, const CrawlOptions& options) {
  return Crawler(options).run(works);
}

Work merge_work_sources(const Work* crossref, const Work* pubmed) {
  if (!crossref && !pubmed) return Work();
  if (!crossref) return *pubmed;
  if (!pubmed) return *crossref;
  Work merged = *crossref;
  auto fill = [&](auto& field, const auto& from, const char* name) {
    if (!field && from) {
      field = from;
      merged.field_sources[name] = schema::Source::kPubmed;
    }
  };
  fill(merged.pmid, pubmed->pmid, "pmid");
  fill(merged.pmcid, pubmed->pmcid, "pmcid");
  fill(merged.title, pubmed->title, "title");
  fill(merged.container, pubmed->container, "container");
  fill(merged.container_short, pubmed->container_short, "container_short");
  fill(merged.year, pubmed->year, "year");
  fill(merged.month, pubmed->month, "month");
  fill(merged.day, pubmed->day, "day");
  fill(merged.online_year, pubmed->online_year, "online_year");
  fill(merged.print_year, pubmed->print_year, "print_year");
  fill(merged.volume, pubmed->volume, "volume");
  fill(merged.issue, pubmed->issue, "issue");
  fill(merged.pages, pubmed->pages, "pages");
  fill(merged.first_page, pubmed->first_page, "first_page");
  fill(merged.last_page, pubmed->last_page, "last_page");
  fill(merged.abstract, pubmed->abstract, "abstract");
  fill(merged.language, pubmed->language, "language");
  if (merged.authors.empty() && !pubmed->authors.empty()) {
    merged.authors = pubmed->authors;
    merged.field_sources["authors"] = schema::Source::kPubmed;
  }
  for (const auto& issn : pubmed->issns)
    if (std::find(merged.issns.begin(), merged.issns.end(), issn) == merged.issns.end())
      merged.issns.push_back(issn);
  merged.publication_types = pubmed->publication_types;
  merged.mesh = pubmed->mesh;
  merged.chemicals = pubmed->chemicals;
  for (const char* field : {"publication_types", "mesh", "chemicals"})
    if (pubmed->field_sources.count(field)) merged.field_sources[field] = schema::Source::kPubmed;
  for (const auto& keyword : pubmed->keywords)
    if (std::find(merged.keywords.begin(), merged.keywords.end(), keyword) == merged.keywords.end())
      merged.keywords.push_back(keyword);
  for (const auto& notice : pubmed->notices) merged.notices.push_back(notice);
  return merged;
}

}  // namespace litgraph::crawlers
