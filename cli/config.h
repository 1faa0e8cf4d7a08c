// The program's configuration: defaults, then the config file, then
// LITGRAPH_* (and NCBI_API_KEY) environment variables, then flags.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "litgraph/crawlers/crawl.h"

namespace litgraph::cli {

struct Config {
  std::filesystem::path home;  // data directory (cache/, works/)
  std::string crossref_url = "https://api.crossref.org";
  std::string eutils_url = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils";
  std::string idconv_url = "https://www.ncbi.nlm.nih.gov/pmc/utils/idconv/v1.0/";
  std::string mailto;
  std::string ncbi_api_key;
  double max_age_days = 30;  // cache entries older than this are refetched
  double timeout_seconds = 30;  // per request attempt
  std::filesystem::path config_file;  // the file that was read, if any

  // Every problem at once, one per line; empty when the configuration is usable.
  std::vector<std::string> validate() const;
};

// The default data directory: $XDG_DATA_HOME/litgraph, else ~/.local/share/litgraph.
std::filesystem::path default_home();

// Reads `key = value` lines ('#' starts a comment). Keys: home, crossref_url,
// eutils_url, idconv_url, mailto, ncbi_api_key, max_age_days, timeout_seconds.
// Throws ConfigError naming the file and line for an unknown key or bad line.
void apply_config_file(Config& config, const std::filesystem::path& file);

// Applies LITGRAPH_HOME, LITGRAPH_CROSSREF_URL, LITGRAPH_EUTILS_URL,
// LITGRAPH_IDCONV_URL, LITGRAPH_MAILTO, LITGRAPH_MAX_AGE_DAYS,
// LITGRAPH_TIMEOUT and NCBI_API_KEY from `environment`.
void apply_environment(Config& config, const std::map<std::string, std::string>& environment);

// The process environment as a map.
std::map<std::string, std::string> process_environment();

// The crawl settings a configuration implies (log and progress left unset).
crawlers::CrawlOptions crawl_options(const Config& config, bool offline);

}  // namespace litgraph::cli
