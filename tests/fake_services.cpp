#include "fake_services.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <regex>

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
  crossref_ = std::make_unique<HttpTestServer>([this](const TestRequest& r) { return answer_crossref(r); });
  ncbi_ = std::make_unique<HttpTestServer>([this](const TestRequest& r) { return answer_ncbi(r); });
}

TestReply FakeServices::answer_crossref(const TestRequest& request) {
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
  if (path == "/works") {
    std::string filter = query_param(request.target, "filter");
    std::string items;
    int count = 0;
    for (std::size_t start = 0; start < filter.size();) {
      std::size_t end = filter.find(',', start);
      if (end == std::string::npos) end = filter.size();
      std::string doi = filter.substr(start, end - start);
      if (doi.rfind("doi:", 0) == 0) doi = doi.substr(4);
      if (auto it = crossref_messages_.find(doi); it != crossref_messages_.end()) {
        items += (count++ ? "," : "") + it->second;
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
    if (auto it = crossref_messages_.find(doi); it != crossref_messages_.end())
      return TestReply(200, "{\"status\":\"ok\",\"message-type\":\"work\",\"message-version\":\"1.0.0\","
                            "\"message\":" + it->second + "}", headers);
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
    return TestReply(200, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<eSearchResult><Count>" +
                              std::to_string(count) + "</Count><RetMax>" + std::to_string(count) +
                              "</RetMax><RetStart>0</RetStart><IdList>\n" + ids +
                              "</IdList><TranslationSet/><QueryTranslation>" + "</QueryTranslation></eSearchResult>\n",
                     {{"Content-Type", "text/xml"}});
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
