#include "config.h"

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "litgraph/schema/error.h"

extern char** environ;

namespace litgraph::cli {

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

double parse_number(const std::string& value, const std::string& where) {
  try {
    std::size_t used = 0;
    double number = std::stod(value, &used);
    if (used == value.size()) return number;
  } catch (const std::exception&) {
  }
  throw ConfigError(where + ": not a number: \"" + value + "\"");
}

void set(Config& config, const std::string& key, const std::string& value, const std::string& where) {
  if (key == "home") config.home = value;
  else if (key == "crossref_url") config.crossref_url = value;
  else if (key == "eutils_url") config.eutils_url = value;
  else if (key == "idconv_url") config.idconv_url = value;
  else if (key == "mailto") config.mailto = value;
  else if (key == "ncbi_api_key") config.ncbi_api_key = value;
  else if (key == "max_age_days") config.max_age_days = parse_number(value, where);
  else if (key == "timeout_seconds") config.timeout_seconds = parse_number(value, where);
  else throw ConfigError(where + ": unknown setting \"" + key + "\"");
}

bool is_http_url(const std::string& url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

}  // namespace

fs::path default_home() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "litgraph";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".local" / "share" / "litgraph";
  return fs::path(".litgraph");
}

void apply_config_file(Config& config, const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw ConfigError(file.string() + ": cannot read the configuration file");
  config.config_file = file;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string where = file.string() + ":" + std::to_string(number);
    line = trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    auto equals = line.find('=');
    if (equals == std::string::npos) throw ConfigError(where + ": expected \"key = value\"");
    set(config, trim(line.substr(0, equals)), trim(line.substr(equals + 1)), where);
  }
}

void apply_environment(Config& config, const std::map<std::string, std::string>& environment) {
  const std::pair<const char*, const char*> names[] = {
      {"LITGRAPH_HOME", "home"},
      {"LITGRAPH_CROSSREF_URL", "crossref_url"},
      {"LITGRAPH_EUTILS_URL", "eutils_url"},
      {"LITGRAPH_IDCONV_URL", "idconv_url"},
      {"LITGRAPH_MAILTO", "mailto"},
      {"LITGRAPH_MAX_AGE_DAYS", "max_age_days"},
      {"LITGRAPH_TIMEOUT", "timeout_seconds"},
      {"NCBI_API_KEY", "ncbi_api_key"},
  };
  for (auto [variable, key] : names) {
    auto it = environment.find(variable);
    if (it != environment.end() && !it->second.empty()) set(config, key, it->second, variable);
  }
}

std::map<std::string, std::string> process_environment() {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string text(*entry);
    auto equals = text.find('=');
    if (equals != std::string::npos) environment[text.substr(0, equals)] = text.substr(equals + 1);
  }
  return environment;
}

std::vector<std::string> Config::validate() const {
  std::vector<std::string> problems;
  if (home.empty()) problems.push_back("home: the data directory is not set");
  for (auto [name, url] : {std::pair{"crossref_url", &crossref_url}, std::pair{"eutils_url", &eutils_url},
                           std::pair{"idconv_url", &idconv_url}})
    if (!is_http_url(*url)) problems.push_back(std::string(name) + ": not an http(s) URL: \"" + *url + "\"");
  if (!mailto.empty() && mailto.find('@') == std::string::npos)
    problems.push_back("mailto: not an e-mail address: \"" + mailto + "\"");
  if (max_age_days < 0) problems.push_back("max_age_days: must not be negative");
  if (timeout_seconds <= 0) problems.push_back("timeout_seconds: must be positive");
  return problems;
}

crawlers::CrawlOptions crawl_options(const Config& config, bool offline) {
  crawlers::CrawlOptions crawl;
  crawl.home = config.home;
  crawl.crossref_url = config.crossref_url;
  crawl.eutils_url = config.eutils_url;
  crawl.idconv_url = config.idconv_url;
  crawl.mailto = config.mailto;
  crawl.ncbi_api_key = config.ncbi_api_key;
  crawl.offline = offline;
  crawl.max_age = std::chrono::seconds(std::llround(config.max_age_days * 86400));
  crawl.http.total_timeout = std::chrono::milliseconds(std::llround(config.timeout_seconds * 1000));
  return crawl;
}

}  // namespace litgraph::cli
