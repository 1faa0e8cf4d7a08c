#include "match_command.h"

#include <ostream>

#include "json_output.h"
#include "litgraph/crawlers/crawl.h"
#include "litgraph/crawlers/references.h"

namespace litgraph::cli {

ExitCode run_match(const MatchCommandOptions& options, const Config& config, std::ostream& out,
                   std::ostream& err) {
  if (options.reference.find_first_not_of(" \t\r\n") == std::string::npos)
    throw UsageError("litgraph match: the reference is empty");
  crawlers::DistinctWork work;
  work.reference = crawlers::parse_reference(options.reference);
  work.reference.source = "(command line)";
  work.reference.n = 1;

  crawlers::CrawlOptions crawl = crawl_options(config, options.offline);
  crawl.log = [&](const std::string& line) {
    if (line.find("giving up") != std::string::npos) err << "litgraph match: " << line << "\n";
  };
  crawlers::CrawlReport report;
  try {
    report = crawlers::crawl({work}, crawl);
  } catch (const std::filesystem::filesystem_error& e) {
    throw StorageError("cannot write the data directory " + config.home.string() + ": " + e.what());
  }
  const crawlers::CrawledWork& result = report.works.at(0);
  const schema::Work& w = result.work;

  if (options.json) {
    rapidjson::OStreamWrapper stream(out);
    JsonWriter json(stream);
    json.StartObject();
    json.Key("reference");
    json.String(options.reference);
    json.Key("style");
    json.String(std::string(schema::style_name(work.reference.style)));
    json.Key("key");
    json.String(result.key);
    json.Key("status");
    json.String(result.status);
    json.Key("via");
    if (result.via.empty()) json.Null();
    else json.String(result.via);
    json.Key("reason");
    if (result.reason.empty()) json.Null();
    else json.String(result.reason);
    json.Key("score");
    if (result.score) json.Double(*result.score);
    else json.Null();
    write_optional(json, "doi", w.doi);
    write_optional(json, "pmid", w.pmid);
    write_optional(json, "title", w.title);
    write_optional(json, "container", w.container);
    write_optional(json, "year", w.year);
    write_optional(json, "volume", w.volume);
    write_optional(json, "pages", w.pages);
    write_candidates(json, result.candidates);
    json.EndObject();
    out << "\n";
  } else {
    out << result.status;
    if (!result.via.empty()) out << " via " << result.via;
    if (result.score) out << " (score " << *result.score << ")";
    out << "\n";
    if (result.status == "resolved") {
      if (w.title) out << "  " << *w.title << "\n";
      out << "  ";
      if (w.container) out << *w.container << " ";
      if (w.year) out << *w.year << ";";
      if (w.volume) out << *w.volume;
      if (w.pages) out << ":" << *w.pages;
      out << "\n";
      if (w.doi) out << "  doi:" << *w.doi << "\n";
      if (w.pmid) out << "  PMID:" << *w.pmid << "\n";
    }
    if (!result.reason.empty()) out << "  " << result.reason << "\n";
    for (const auto& c : result.candidates)
      out << "  candidate " << c.score << "  " << c.doi.value_or(c.pmid.value_or("?")) << "  "
          << c.title.value_or("") << "\n";
  }
  return result.status == "resolved" ? ExitCode::kOk : ExitCode::kPartial;
}

}  // namespace litgraph::cli
