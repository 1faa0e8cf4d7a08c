#include "fake_services.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "litgraph/schema/text.h"
#include "test_support.h"

namespace litgraph::test {

namespace fs = std::filesystem;

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::string query_param(const std::string& target, const std::string& name) {
  std::size_t start = target.find('?');
  start = start == std::string::npos ? 0 : start + 1;
  while (start < target.size()) {
    std::size_t end = target.find('&', start);
    if (end == std::string::npos) end = target.size();
    std::string pair = target.substr(start, end - start);
    if (pair.rfind(name + "=", 0) == 0) return url_decode(pair.substr(name.size() + 1));
    start = end + 1;
  }
  return "";
}

FakeServices::FakeServices() {
  fs::path dir = source_path("tests/fixtures/composed");
  for (const auto& file : fs::directory_iterator(dir / "crossref")) {
    rapidjson::Document doc;
    std::string text = read_file(file.path());
    doc.Parse(text.c_str());
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc["message"].Accept(writer);
    crossref_messages_[doc["message"]["DOI"].GetString()] = buffer.GetString();
  }
  std::regex pmid_re("<PMID[^>]*>([0-9]+)</PMID>");
  std::regex doi_re("<ArticleId IdType=\"doi\">([^<]+)</ArticleId>");
  for (const auto& file : fs::directory_iterator(dir / "pubmed")) {
    std::string xml = read_file(file.path());
    std::smatch pmid, doi;
    std::regex_search(xml, pmid, pmid_re);
    std::regex_search(xml, doi, doi_re);
    pubmed_articles_[pmid[1]] = xml;
    pmid_of_doi_[doi[1]] = pmid[1];
  }
  idconv_records_ = read_file(dir / "idconv_records.json");
  rapidjson::Document matching;
  std::string matching_text = read_file(dir / "matching.json");
  matching.Parse(matching_text.c_str());
  auto to_json = [](const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return std::string(buffer.GetString());
  };
  for (const auto& t : matching["targets"].GetArray())
    search_targets_.push_back(
        {to_json(t["work"]), to_json(t["decoy"]), t["decoy_first"].GetBool(),
         litgraph::schema::fold_for_matching(std::string(t["work"]["title"][0].GetString()) + " " +
                                             t["work"]["container-title"][0].GetString() + " " +
                                             t["work"]["author"][0]["family"].GetString())});
  for (const auto& m : matching["ecitmatch"].GetObject()) ecitmatch_[m.name.GetString()] = m.value.GetString();
  crossref_ = std::make_unique<HttpTestServer>([this](const TestRequest& r) { return answer_crossref(r); });
  ncbi_ = std::make_unique<HttpTestServer>([this](const TestRequest& r) { return answer_ncbi(r); });
}

std::vector<std::pair<std::string, std::string>> FakeServices::environment(
    const std::filesystem::path& home) const {
  return {{"LITGRAPH_HOME", home.string()},
          {"LITGRAPH_CROSSREF_URL", crossref_url()},
          {"LITGRAPH_EUTILS_URL", eutils_url()},
          {"LITGRAPH_IDCONV_URL", idconv_url()},
          {"LITGRAPH_MAILTO", "tests@example.org"}};
}

void FakeServices::set_crossref_work(const std::string& doi, const std::string& message_json) {
  std::lock_guard<std::mutex> hold(mutex_);
  crossref_messages_[doi] = message_json;
}

std::string FakeServices::crossref_work(const std::string& doi) const {
  std::lock_guard<std::mutex> hold(mutex_);
  auto it = crossref_messages_.find(doi);
  return it == crossref_messages_.end() ? std::string() : it->second;
}

TestReply FakeServices::answer_crossref(const TestRequest& request) {
  std::lock_guard<std::mutex> hold(mutex_);
  if (crossref_failures > 0) {
    --crossref_failures;
    TestReply reply(crossref_failure_status, "{\"status\":\"error\"}");
    if (crossref_retry_after) reply.headers.push_back({"Retry-After", "1"});
    return reply;
  }
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}, {"x-rate-limit-limit", "50"}, {"x-rate-limit-interval", "1s"}};
  if (crossref_malformed) return TestReply(200, "{\"status\":\"ok\",\"message-type\":\"work-list\",\"mess", headers);
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (path == "/works" && !query_param(request.target, "query.bibliographic").empty()) {
    // The target whose title shares most words with the query, and its decoy.
    auto words = litgraph::schema::folded_words(query_param(request.target, "query.bibliographic"));
    const SearchTarget* best = nullptr;
    std::size_t best_shared = 0;
    for (const auto& target : search_targets_) {
      std::size_t shared = 0;
      for (const auto& word : litgraph::schema::folded_words(target.title))
        shared += word.size() > 2 && std::find(words.begin(), words.end(), word) != words.end();
      if (shared > best_shared) {
        best_shared = shared;
        best = &target;
      }
    }
    std::string items;
    if (best && best_shared >= 1)
      items = best->decoy_first ? best->decoy + "," + best->work : best->work + "," + best->decoy;
    return TestReply(200,
                     "{\"status\":\"ok\",\"message-type\":\"work-list\",\"message-version\":\"1.0.0\","
                     "\"message\":{\"facets\":{},\"total-results\":" + std::string(items.empty() ? "0" : "2") +
                         ",\"items\":[" + items + "],\"items-per-page\":3,\"query\":{\"start-index\":0,"
                         "\"search-terms\":null}}}",
                     headers);
  }
  if (path == "/works") {
    std::string filter = query_param(request.target, "filter");
    std::string items;
    int count = 0;
    // from-index-date:YYYY-MM-DD keeps the works indexed on or after that day
    // (their "indexed" date; a composed record without one is older).
    std::string since;
    if (auto at = filter.find("from-index-date:"); at != std::string::npos) {
      since = filter.substr(at + 16, 10);
      filter.erase(at == 0 ? 0 : at - 1, 17 + since.size());
    }
    auto indexed_day = [](const std::string& message) {
      rapidjson::Document doc;
      doc.Parse(message.c_str());
      if (!doc.IsObject() || !doc.HasMember("indexed")) return std::string();
      const auto& parts = doc["indexed"]["date-parts"][0];
      char text[16];
      std::snprintf(text, sizeof text, "%04d-%02d-%02d", parts[0].GetInt(), parts[1].GetInt(), parts[2].GetInt());
      return std::string(text);
    };
    for (std::size_t start = 0; start < filter.size();) {
      std::size_t end = filter.find(',', start);
      if (end == std::string::npos) end = filter.size();
      std::string doi = filter.substr(start, end - start);
      if (doi.rfind("doi:", 0) == 0) doi = doi.substr(4);
      if (auto it = crossref_messages_.find(doi); it != crossref_messages_.end()) {
        if (since.empty() || indexed_day(it->second) >= since) items += (count++ ? "," : "") + it->second;
      }
      start = end + 1;
    }
    return TestReply(200,
                     "{\"status\":\"ok\",\"message-type\":\"work-list\",\"message-version\":\"1.0.0\","
                     "\"message\":{\"facets\":{},\"total-results\":" + std::to_string(count) +
                         ",\"items\":[" + items + "],\"items-per-page\":20,\"query\":{\"start-index\":0,"
                         "\"search-terms\":null}}}",
                     headers);
  }
  if (path.rfind("/works/", 0) == 0) {
    std::string doi = url_decode(path.substr(7));
    if (auto it = crossref_messages_.find(doi); it != crossref_messages_.end()) {
      // An ETag of the record: a conditional request for an unchanged one gets 304.
      const std::string etag = "\"" + std::to_string(std::hash<std::string>()(it->second)) + "\"";
      if (auto match = request.headers.find("if-none-match"); match != request.headers.end() && match->second == etag)
        return TestReply(304, "", {{"ETag", etag}});
      headers.push_back({"ETag", etag});
      return TestReply(200, "{\"status\":\"ok\",\"message-type\":\"work\",\"message-version\":\"1.0.0\","
                            "\"message\":" + it->second + "}", headers);
    }
    return TestReply(404, "Resource not found.", {{"Content-Type", "text/plain"}});
  }
  return TestReply(404, "Resource not found.");
}

TestReply FakeServices::answer_ncbi(const TestRequest& request) {
  if (ncbi_failures > 0) {
    --ncbi_failures;
    return TestReply(ncbi_failure_status, "<html><body>Service unavailable</body></html>");
  }
  const std::string path = request.target.substr(0, request.target.find('?'));
  const std::string params = request.method == "POST" ? "?" + request.body : request.target;
  if (path == "/pmc/utils/idconv/v1.0/") {
    rapidjson::Document known;
    known.Parse(idconv_records_.c_str());
    std::string records;
    std::string ids = query_param(params, "ids");
    for (std::size_t start = 0; start < ids.size();) {
      std::size_t end = ids.find(',', start);
      if (end == std::string::npos) end = ids.size();
      std::string doi = ids.substr(start, end - start);
      if (!records.empty()) records += ",";
      if (known.HasMember(doi.c_str())) {
        const auto& r = known[doi.c_str()];
        records += std::string("{\"pmcid\":\"") + r["pmcid"].GetString() + "\",\"pmid\":\"" +
                   r["pmid"].GetString() + "\",\"doi\":\"" + doi + "\"}";
      } else {
        records += "{\"doi\":\"" + doi + "\",\"live\":\"false\",\"status\":\"error\",\"errmsg\":\"invalid article id\"}";
      }
      start = end + 1;
    }
    return TestReply(200, "{\"status\":\"ok\",\"responseDate\":\"2026-11-25 10:00:00\",\"request\":\"\",\"records\":[" +
                              records + "]}", {{"Content-Type", "application/json"}});
  }
  if (path == "/entrez/eutils/esearch.fcgi") {
    std::string term = query_param(params, "term");
    std::string ids;
    int count = 0;
    std::regex doi_term("\"([^\"]+)\"\\[doi\\]");
    for (std::sregex_iterator it(term.begin(), term.end(), doi_term), end; it != end; ++it)
      if (auto found = pmid_of_doi_.find((*it)[1]); found != pmid_of_doi_.end()) {
        ids += "<Id>" + found->second + "</Id>\n";
        ++count;
      }
    // Title words: records whose title holds every word[ti] asked for.
    std::regex title_term("([a-z0-9]+)\\[ti\\]");
    std::vector<std::string> words;
    for (std::sregex_iterator it(term.begin(), term.end(), title_term), end; it != end; ++it)
      words.push_back((*it)[1]);
    if (!words.empty()) {
      for (const auto& [pmid, xml] : pubmed_articles_) {
        std::string title = xml.substr(xml.find("<ArticleTitle>"), xml.find("</ArticleTitle>") - xml.find("<ArticleTitle>"));
        auto title_words = litgraph::schema::folded_words(title);
        bool all = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
          return std::find(title_words.begin(), title_words.end(), w) != title_words.end();
        });
        if (all) {
          ids += "<Id>" + pmid + "</Id>\n";
          ++count;
        }
      }
    }
    return TestReply(200, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eSearchResult><Count>" +
                              std::to_string(count) + "</Count><RetMax>" + std::to_string(count) +
                              "</RetMax><RetStart>0</RetStart><IdList>\n" + ids +
                              "</IdList><TranslationSet/><QueryTranslation>" + "</QueryTranslation></eSearchResult>\n",
                     {{"Content-Type", "text/xml"}});
  }
  if (path == "/entrez/eutils/ecitmatch.cgi") {
    // One answer line per asked line: journal|year|volume|page|author|key|PMID.
    std::string bdata = query_param(params, "bdata");
    std::string answer;
    for (std::size_t start = 0; start < bdata.size();) {
      std::size_t end = bdata.find_first_of("\r\n", start);
      if (end == std::string::npos) end = bdata.size();
      std::string line = bdata.substr(start, end - start);
      start = end + 1;
      if (line.empty()) continue;
      std::vector<std::string> fields;
      for (std::size_t from = 0, bar; (bar = line.find('|', from)) != std::string::npos; from = bar + 1)
        fields.push_back(line.substr(from, bar - from));
      if (fields.size() < 6) continue;
      std::string lookup = fields[0] + "|" + fields[1] + "|" + fields[2] + "|" + fields[3];
      auto it = ecitmatch_.find(lookup);
      answer += line + (it != ecitmatch_.end() ? it->second : "NOT_FOUND") + "\n";
    }
    return TestReply(200, answer, {{"Content-Type", "text/plain"}});
  }
  if (path == "/entrez/eutils/efetch.fcgi") {
    std::string ids = query_param(params, "id");
    std::string body = "<?xml version=\"1.0\" ?>\n<PubmedArticleSet>\n";
    for (std::size_t start = 0; start < ids.size();) {
      std::size_t end = ids.find(',', start);
      if (end == std::string::npos) end = ids.size();
      if (auto it = pubmed_articles_.find(ids.substr(start, end - start)); it != pubmed_articles_.end())
        body += it->second;
      start = end + 1;
    }
    return TestReply(200, body + "</PubmedArticleSet>\n", {{"Content-Type", "text/xml"}});
  }
  return TestReply(404, "<html>not found</html>");
}

}  // namespace litgraph::test
