#include "index_command.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <map>
#include <ostream>

#include "article_inputs.h"
#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/indexer/records.h"
#include "litgraph/indexer/tagger.h"
#include "litgraph/query/database.h"
#include "litgraph/schema/index_layout.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::cli {

namespace fs = std::filesystem;
namespace layout = schema::layout;

namespace {

// Bumped when the records built from the same input change, so that the next
// run rewrites them instead of finding them unchanged.
constexpr std::string_view kRecordVersion = "records-1\n";

bool is_pubmed_file(const std::string& path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(),
                                                        suffix) == 0;
  };
  return ends(".xml") || ends(".xml.gz");
}

}  // namespace

ExitCode run_index(const IndexOptions& options, std::ostream& out, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path vocabulary_dir =
      options.vocabulary.empty() ? schema::default_vocabulary_directory() : options.vocabulary;
  const auto vocabulary = schema::Vocabulary::load_directory(vocabulary_dir);
  const indexer::Tagger tagger(vocabulary);
  const fs::path database = options.database.empty() ? options.home / "index" : options.database;
  std::error_code error;
  fs::create_directories(database.parent_path(), error);
  indexer::IndexWriter writer(database);
  indexer::WriteCounts counts;
  ExitCode status = ExitCode::kOk;

  std::vector<std::string> article_paths;
  std::vector<std::string> pubmed_paths;
  for (const auto& path : options.paths) {
    (is_pubmed_file(path) ? pubmed_paths : article_paths).push_back(path);
  }

  std::size_t pubmed_records = 0;
  for (const auto& path : pubmed_paths) {
    crawlers::PubmedStream stream(path);
    while (auto work = stream.next()) {
      ++pubmed_records;
      auto id = indexer::work_record_id(*work);
      if (!id) continue;
      const std::string hash =
          indexer::content_hash(std::string(kRecordVersion) + crawlers::work_to_json(*work));
      counts.count(writer.put(*id, hash, [&] {
        return indexer::work_document(*id, *work, vocabulary, tagger, path, hash);
      }));
      if (options.progress && pubmed_records % 1000 == 0) {
        err << "\rindex: " << path << ": " << pubmed_records << " records, "
            << (100 * stream.bytes_read() / std::max<std::uint64_t>(1, stream.file_size()))
            << "%" << std::flush;
      }
    }
    if (options.progress) err << "\n";
    for (const auto& problem : stream.errors()) {
      err << path << ": warning: " << problem << "\n";
      status = ExitCode::kPartial;
    }
  }

  if (!article_paths.empty()) {
    auto read = read_article_files(
        article_paths, "index", options.progress, err,
        [&](const std::string& file, const std::string& text) {
          const std::string id = "article:" + file;
          const std::string hash = indexer::content_hash(std::string(kRecordVersion) + text);
          counts.count(writer.put(id, hash, [&] {
            std::vector<std::string> cited;
            for (const auto& reference : crawlers::extract_references(text, file)) {
              cited.push_back(indexer::reference_record_id(reference));
            }
            return indexer::article_document(id, text, cited, tagger, hash);
          }));
        });
    if (read.status != ExitCode::kOk && status == ExitCode::kOk) status = read.status;
  }

  std::size_t stored_works = 0;
  if (options.works) {
    crawlers::WorkStore store(options.home / "works");
    for (const auto& stored : store.all()) {
      if (stored.status != "resolved") continue;
      auto id = indexer::work_record_id(stored.work);
      if (!id) continue;
      ++stored_works;
      const std::string hash =
          indexer::content_hash(std::string(kRecordVersion) + crawlers::work_to_json(stored.work));
      counts.count(writer.put(*id, hash, [&] {
        return indexer::work_document(*id, stored.work, vocabulary, tagger, "works", hash);
      }));
    }
  }
  writer.commit();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (options.json) {
    rapidjson::OStreamWrapper stream(out);
    rapidjson::Writer<rapidjson::OStreamWrapper> json(stream);
    json.StartObject();
    json.Key("database");
    json.String(database.string().c_str());
    json.Key("added");
    json.Uint64(counts.added);
    json.Key("replaced");
    json.Uint64(counts.replaced);
    json.Key("unchanged");
    json.Uint64(counts.unchanged);
    json.Key("removed");
    json.Uint64(counts.removed);
    json.Key("pubmed_records");
    json.Uint64(pubmed_records);
    json.Key("crawled_works");
    json.Uint64(stored_works);
    json.Key("seconds");
    json.Double(seconds);
    json.EndObject();
    out << "\n";
  } else {
    out << "index: " << database.string() << ": " << counts.added << " added, " << counts.replaced
        << " replaced, " << counts.unchanged << " unchanged, " << counts.removed << " removed ("
        << pubmed_records << " PubMed records, " << stored_works << " crawled works) in "
        << static_cast<long>(seconds * 1000) << " ms\n";
  }
  return status;
}

ExitCode run_stats(const StatsOptions& options, std::ostream& out, std::ostream&) {
  Xapian::Database database = query::open_readable(options.database);
  std::map<std::string, Xapian::doccount> kinds;
  for (auto kind : {layout::kArticle, layout::kWork, layout::kPassage}) {
    kinds[std::string(kind)] = database.get_termfreq(std::string(layout::kKindPrefix) + std::string(kind));
  }
  struct Tally {
    std::size_t distinct = 0;
    std::uint64_t postings = 0;
  };
  auto tally = [&](std::string_view prefix) {
    Tally result;
    const std::string p(prefix);
    for (auto it = database.allterms_begin(p); it != database.allterms_end(p); ++it) {
      ++result.distinct;
      result.postings += it.get_termfreq();
    }
    return result;
  };
  std::map<std::string, Tally> entities = {{"drug", tally(layout::kDrugPrefix)},
                                           {"condition", tally(layout::kConditionPrefix)},
                                           {"receptor", tally(layout::kReceptorPrefix)}};
  std::map<std::string, Tally> edges = {{"cites", tally(layout::kCitesPrefix)},
                                        {"mesh_heading", tally(layout::kMeshHeadingPrefix)}};
  for (auto type : {"studied_for", "acts_on", "implicated_in"}) {
    edges[type] = tally(std::string(layout::kEdgePrefix) + type + ":");
  }
  if (options.json) {
    rapidjson::OStreamWrapper stream(out);
    rapidjson::Writer<rapidjson::OStreamWrapper> json(stream);
    json.StartObject();
    json.Key("records");
    json.StartObject();
    for (const auto& [kind, count] : kinds) {
      json.Key(kind.c_str());
      json.Uint(count);
    }
    json.EndObject();
    for (const auto* group : {&entities, &edges}) {
      json.Key(group == &entities ? "entities" : "edges");
      json.StartObject();
      for (const auto& [name, t] : *group) {
        json.Key(name.c_str());
        json.StartObject();
        json.Key("distinct");
        json.Uint64(t.distinct);
        json.Key("records");
        json.Uint64(t.postings);
        json.EndObject();
      }
      json.EndObject();
    }
    json.EndObject();
    out << "\n";
    return ExitCode::kOk;
  }
  out << "records:\n";
  for (const auto& [kind, count] : kinds) out << "  " << kind << "  " << count << "\n";
  out << "entities (distinct, records naming them):\n";
  for (const auto& [name, t] : entities) {
    out << "  " << name << "  " << t.distinct << "  " << t.postings << "\n";
  }
  out << "edges (distinct targets, records):\n";
  for (const auto& [name, t] : edges) {
    out << "  " << name << "  " << t.distinct << "  " << t.postings << "\n";
  }
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
