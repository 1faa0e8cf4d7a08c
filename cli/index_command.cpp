#include "index_command.h"

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <map>
#include <set>
#include <ostream>

#include "article_inputs.h"
#include "litgraph/crawlers/distinct_works.h"
#include "litgraph/crawlers/matcher.h"
#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/crawlers/work_store.h"
#include "litgraph/indexer/database.h"
#include "litgraph/indexer/passages.h"
#include "litgraph/indexer/records.h"
#include "litgraph/indexer/tagger.h"
#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/schema/index_layout.h"
#include "litgraph/schema/vocabulary.h"

namespace litgraph::cli {

namespace fs = std::filesystem;
namespace layout = schema::layout;

namespace {

// Bumped when the records built from the same input change, so that the next
// run rewrites them instead of finding them unchanged.
constexpr std::string_view kRecordVersion = "records-6\n";

// "index: N PubMed records" on stderr every 1,000 records, from any thread.
class RecordProgress {
 public:
  RecordProgress(bool shown, std::ostream& err) : shown_(shown), err_(err) {}
  void add(std::size_t records) {
    const std::size_t now = done_ += records;
    if (!shown_ || now % 1000 != 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    err_ << "\rindex: " << now << " PubMed records" << std::flush;
  }
  void finish() {
    if (shown_ && done_ > 0 && !ended_) err_ << "\n";
    ended_ = true;
  }
  // A step after the records ("merging 4 shards…"), on a line of its own.
  void step(const std::string& what) {
    if (!shown_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    finish();
    err_ << "index: " << what << "\n" << std::flush;
  }

 private:
  bool shown_;
  bool ended_ = false;
  std::ostream& err_;
  std::atomic<std::size_t> done_{0};
  std::mutex mutex_;
};

// What reading PubMed files into the index came to.
struct PubmedLoad {
  std::size_t records = 0;  // records read
  indexer::WriteCounts counts;
  std::size_t passages = 0;
  std::vector<std::string> warnings;  // "file: problem"
};

// Indexes `files` with `writer`, skipping unchanged records: the incremental path.
void load_pubmed(indexer::IndexWriter& writer, const std::vector<std::string>& files,
                 const schema::Vocabulary& vocabulary, const indexer::Tagger& tagger,
                 PubmedLoad& load, RecordProgress& progress, const std::atomic<bool>* stop) {
  for (const auto& path : files) {
    if (stop != nullptr && *stop) return;
    crawlers::PubmedStream stream(path);
    while (auto work = stream.next()) {
      if (stop != nullptr && *stop) return;
      ++load.records;
      auto id = indexer::work_record_id(*work);
      if (!id) continue;
      const std::string hash =
          indexer::content_hash(std::string(kRecordVersion) + crawlers::work_to_json(*work));
      load.counts.count(writer.put(*id, hash, [&] {
        return indexer::work_record(*id, *work, vocabulary, tagger, path, hash);
      }));
      progress.add(1);
    }
    for (const auto& problem : stream.errors()) load.warnings.push_back(path + ": " + problem);
  }
}

// A shard of a bulk load, and where each file it holds begins in it: the
// local document number of the file's first record and first passage (in
// an append-only shard the nth document written is document n).
struct ShardLog {
  struct FileStart {
    std::size_t file;  // index in the list of files
    Xapian::docid record;
    Xapian::docid passage;
  };
  std::string name;
  std::vector<FileStart> starts;
};

// Which file each document of the merged database came from. Xapian's
// compaction numbers the documents of its inputs one input after another,
// so a shard's document d becomes d plus the documents of the inputs before
// it. Shards are added in the merge order: every record shard, then every
// passage one.
class MergedFiles {
 public:
  void add_shard(const ShardLog& log, bool passages, Xapian::docid documents) {
    for (const auto& start : log.starts) {
      starts_.emplace_back(offset_ + (passages ? start.passage : start.record), start.file);
    }
    offset_ += documents;
  }
  Xapian::docid documents() const { return offset_; }
  std::size_t file_of(Xapian::docid document) const {
    // The last file that begins at or before `document` (a file with no
    // documents begins where the next one does, and the next one wins).
    auto after = std::upper_bound(starts_.begin(), starts_.end(), document,
                                  [](Xapian::docid d, const auto& start) { return d < start.first; });
    return after == starts_.begin() ? 0 : std::prev(after)->second;
  }

 private:
  Xapian::docid offset_ = 0;
  std::vector<std::pair<Xapian::docid, std::size_t>> starts_;  // ascending
};

// Keeps one copy of every work that several files hold: the copy from the
// latest file in the list (the later of two in one file), as indexing the
// files one by one would, with that copy's passages only. Returns how many
// copies were removed.
std::size_t remove_duplicate_works(Xapian::WritableDatabase& merged, const MergedFiles& files) {
  const std::string prefix = std::string(layout::kIdPrefix) + "work:";
  std::vector<std::string> works, passages;  // unique terms held more than once
  for (auto it = merged.allterms_begin(prefix); it != merged.allterms_end(prefix); ++it) {
    if (it.get_termfreq() > 1) ((*it).find('#') == std::string::npos ? works : passages).push_back(*it);
  }
  auto latest = [&](Xapian::docid a, Xapian::docid b) {
    return std::pair(files.file_of(a), a) < std::pair(files.file_of(b), b);
  };
  std::size_t removed = 0;
  for (const auto& unique : works) {
    std::vector<Xapian::docid> copies(merged.postlist_begin(unique), merged.postlist_end(unique));
    const Xapian::docid kept = *std::max_element(copies.begin(), copies.end(), latest);
    for (Xapian::docid copy : copies) {
      if (copy != kept) merged.delete_document(copy);
    }
    removed += copies.size() - 1;
    // The other copies' passages: an older version may have had more.
    const std::string owner = std::string(layout::kOwnerPrefix) + unique.substr(layout::kIdPrefix.size());
    const std::size_t kept_file = files.file_of(kept);
    std::vector<Xapian::docid> owned(merged.postlist_begin(owner), merged.postlist_end(owner));
    for (Xapian::docid passage : owned) {
      if (files.file_of(passage) != kept_file) merged.delete_document(passage);
    }
  }
  // What is left twice came from one file that holds a work twice.
  for (const auto& unique : passages) {
    std::vector<Xapian::docid> copies(merged.postlist_begin(unique), merged.postlist_end(unique));
    for (std::size_t k = 0; k + 1 < copies.size(); ++k) merged.delete_document(copies[k]);
  }
  return removed;
}

// A bulk load into a new database: `jobs` threads take the files one at a
// time and index them into shards of their own (a new one every
// `shard_records` records), and Xapian's compaction merges the shards into
// `database`. Throws IndexError.
PubmedLoad bulk_load_pubmed(const fs::path& database, const std::vector<std::string>& files,
                            unsigned jobs, std::size_t batch_size, std::size_t shard_records,
                            const schema::Vocabulary& vocabulary, const indexer::Tagger& tagger,
                            RecordProgress& progress, const std::atomic<bool>* stop) {
  const fs::path shards = database.string() + ".shards";
  std::error_code error;
  fs::remove_all(shards, error);
  fs::create_directories(shards);
  std::vector<PubmedLoad> loads(jobs);
  std::vector<std::exception_ptr> failures(jobs);
  std::vector<std::vector<ShardLog>> written(jobs);  // each job's shards, in order
  // Files are handed out one at a time, so that a job slowed down by the
  // machine does not leave the other core idle at the end.
  std::atomic<std::size_t> next_file{0};
  std::vector<std::thread> threads;
  for (unsigned job = 0; job < jobs; ++job) {
    threads.emplace_back([&, job] {
      try {
        // A job starts a new shard after `shard_records` records (at the end
        // of a file): a commit updates each B-tree at as many places as the
        // batch has terms, which stays cheap while the trees are small.
        std::unique_ptr<indexer::IndexWriter> writer;
        std::size_t records_before = 0;
        auto finish_shard = [&] {
          writer->commit();
          loads[job].passages += writer->passages_written();
          writer.reset();
        };
        for (std::size_t k; (k = next_file++) < files.size();) {
          if (writer && loads[job].records - records_before >= shard_records) finish_shard();
          if (!writer) {
            const std::string name = std::to_string(job) + "." + std::to_string(written[job].size());
            writer = std::make_unique<indexer::IndexWriter>(shards / name, batch_size, /*scratch=*/true);
            writer->set_append_only(true);  // duplicates are removed after the merge
            writer->separate_passages(shards / (name + ".passages"));
            written[job].push_back(ShardLog{name, {}});
            records_before = loads[job].records;
          }
          written[job].back().starts.push_back(
              {k, static_cast<Xapian::docid>(writer->records_written() + 1),
               static_cast<Xapian::docid>(writer->passages_written() + 1)});
          load_pubmed(*writer, {files[k]}, vocabulary, tagger, loads[job], progress, stop);
          if (stop != nullptr && *stop) break;
        }
        if (writer) finish_shard();
      } catch (...) {
        failures[job] = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }

  PubmedLoad total;
  for (const auto& load : loads) {
    total.records += load.records;
    total.counts.added += load.counts.added;
    total.counts.replaced += load.counts.replaced;
    total.counts.unchanged += load.counts.unchanged;
    total.passages += load.passages;
    total.warnings.insert(total.warnings.end(), load.warnings.begin(), load.warnings.end());
  }
  // Merged beside the database and renamed into place: a run killed while
  // merging leaves the (empty) database as it was, never half a merge.
  const fs::path merging = database.string() + ".merging";
  std::size_t shard_count = 0;
  for (const auto& logs : written) shard_count += 2 * logs.size();
  progress.step("merging " + std::to_string(shard_count) + " shards (Xapian compaction)…");
  try {
    fs::remove_all(merging, error);
    Xapian::Database combined;
    MergedFiles merged_files;
    // Records first, then passages (IndexWriter::separate_passages).
    for (bool passages : {false, true}) {
      for (const auto& logs : written) {
        for (const auto& log : logs) {
          Xapian::Database shard((shards / (log.name + (passages ? ".passages" : ""))).string());
          merged_files.add_shard(log, passages, shard.get_lastdocid());
          combined.add_database(shard);
        }
      }
    }
    combined.compact(merging.string());
    Xapian::WritableDatabase merged(merging.string(), Xapian::DB_OPEN);
    if (merged.get_lastdocid() != merged_files.documents()) {
      throw IndexError(database.string() + ": cannot merge the shards: " +
                       std::to_string(merged.get_lastdocid()) + " documents where " +
                       std::to_string(merged_files.documents()) + " were written");
    }
    const std::size_t removed = remove_duplicate_works(merged, merged_files);
    total.counts.replaced += removed;
    total.counts.added -= std::min(total.counts.added, removed);
    merged.commit();
    merged.close();
  } catch (const Xapian::Error& e) {
    throw IndexError(database.string() + ": cannot merge the shards: " + e.get_description());
  }
  if (stop != nullptr && *stop) {
    fs::remove_all(merging, error);  // an interrupted bulk load keeps nothing
    fs::remove_all(shards, error);
    return total;
  }
  try {
    fs::remove_all(database);  // empty: checked by the caller
    fs::rename(merging, database);
  } catch (const fs::filesystem_error& e) {
    throw StorageError(database.string() + ": cannot put the merged index in place: " + e.what());
  }
  fs::remove_all(shards, error);
  return total;
}

// Whether `database` holds no record yet (or does not exist).
bool is_empty_database(const fs::path& database) {
  std::error_code error;
  if (!fs::exists(database, error)) return true;
  try {
    return Xapian::Database(database.string()).get_doccount() == 0;
  } catch (const Xapian::Error&) {
    return false;  // let the writer report what is wrong with it
  }
}

}  // namespace

bool is_pubmed_file(const std::string& path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(),
                                                        suffix) == 0;
  };
  return ends(".xml") || ends(".xml.gz");
}

ExitCode run_index(const IndexOptions& options, std::ostream& out, std::ostream& err,
                   IndexSummary* summary) {
  const auto started = std::chrono::steady_clock::now();
  const fs::path vocabulary_dir =
      options.vocabulary.empty() ? schema::default_vocabulary_directory() : options.vocabulary;
  const auto vocabulary = schema::Vocabulary::load_directory(vocabulary_dir);
  const indexer::Tagger tagger(vocabulary);
  const fs::path database = options.database.empty() ? options.home / "index" : options.database;
  std::error_code error;
  fs::create_directories(database.parent_path(), error);
  std::optional<indexer::RunLock> lock;
  if (!options.lock_held) lock.emplace(database);
  auto stopping = [&] { return options.stop != nullptr && options.stop->load(); };
  indexer::WriteCounts counts;
  ExitCode status = ExitCode::kOk;

  std::vector<std::string> article_paths;
  std::vector<std::string> pubmed_paths;
  for (const auto& path : options.paths) {
    (is_pubmed_file(path) ? pubmed_paths : article_paths).push_back(path);
  }
  for (const auto& path : pubmed_paths) {
    if (!fs::is_regular_file(path, error)) throw UsageError(path + ": no such file");
  }

  // PubMed files first: into a new database in parallel shards, else one by one.
  PubmedLoad pubmed;
  const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, pubmed_paths.size()));
  const bool bulk = jobs > 1 && is_empty_database(database);
  RecordProgress progress(options.progress, err);
  if (bulk) {
    pubmed = bulk_load_pubmed(database, pubmed_paths, jobs, options.batch_size, options.shard_records,
                              vocabulary, tagger, progress, options.stop);
  }
  indexer::IndexWriter writer(database, options.batch_size);
  if (!bulk && !pubmed_paths.empty()) {
    load_pubmed(writer, pubmed_paths, vocabulary, tagger, pubmed, progress, options.stop);
    pubmed.passages = writer.passages_written();
  }
  progress.finish();
  for (const auto& warning : pubmed.warnings) {
    err << warning << "\n";
    status = ExitCode::kPartial;
  }
  counts.added += pubmed.counts.added;
  counts.replaced += pubmed.counts.replaced;
  counts.unchanged += pubmed.counts.unchanged;
  const std::size_t passages_before = writer.passages_written();

  // The crawled works: records of their own, and what references resolve to.
  std::vector<crawlers::StoredWork> stored;
  if (options.works) {
    for (auto& work : crawlers::WorkStore(options.home / "works").all()) {
      if (work.status == "resolved" && indexer::work_record_id(work.work)) {
        stored.push_back(std::move(work));
      }
    }
  }
  std::set<std::string> crawled_ids;
  for (const auto& work : stored) crawled_ids.insert(*indexer::work_record_id(work.work));

  // Articles: read all, then give every cited work one id across the corpus.
  struct Article {
    std::string file;
    std::string text;
    std::vector<schema::Reference> references;
  };
  std::vector<Article> articles;
  if (!article_paths.empty()) {
    auto read = read_article_files(article_paths, "index", options.progress, err,
                                   [&](const std::string& file, const std::string& text) {
                                     articles.push_back(
                                         {file, text, crawlers::extract_references(text, file)});
                                   });
    if (read.status != ExitCode::kOk && status == ExitCode::kOk) status = read.status;
  }
  std::vector<schema::Reference> all_references;
  for (const auto& article : articles) {
    all_references.insert(all_references.end(), article.references.begin(),
                          article.references.end());
  }
  const auto distinct = crawlers::merge_same_works(all_references);
  std::vector<schema::Work> store_works;
  for (const auto& work : stored) store_works.push_back(work.work);
  const crawlers::LocalWorkIndex local(std::move(store_works));
  std::map<std::pair<std::string, int>, std::string> work_of;  // (file, n) -> work id
  std::set<std::string> cited_ids;
  for (const auto& work : distinct) {
    if (stopping()) break;
    const schema::Reference& reference = work.reference;
    std::string id;
    if (reference.doi) {
      id = "work:doi:" + *reference.doi;
    } else if (reference.pmid) {
      id = "work:pmid:" + *reference.pmid;
    } else {
      // A reference without identifiers is the crawled work it matches, the
      // verdict the crawl reached with the same store; else a work of its own.
      auto matched = crawlers::match_reference(reference, local.candidates(reference, 20));
      if (matched.status == crawlers::MatchStatus::kMatched) {
        id = *indexer::work_record_id(*matched.work);
      } else {
        id = "work:" + crawlers::reference_store_key(reference);
      }
    }
    for (const auto& citation : work.cited_by) work_of[{citation.source, citation.n}] = id;
    if (crawled_ids.count(id) != 0 || !cited_ids.insert(id).second) continue;
    // Known only from the reference list; a crawled or imported record of the
    // same work takes precedence (its hash does not start with "ref-").
    const std::string hash = "ref-" + indexer::content_hash(std::string(kRecordVersion) +
                                                             reference.raw);
    auto previous = writer.stored_hash(id);
    if (previous && previous->rfind("ref-", 0) != 0) continue;
    counts.count(writer.put(id, hash, [&] { return indexer::cited_work_record(id, reference, tagger, hash); }));
  }
  for (const auto& article : articles) {
    if (stopping()) break;
    indexer::ArticleInput input;
    input.id = "article:" + article.file;
    input.source = article.file;
    input.text = article.text;
    std::string cited;
    for (const auto& reference : article.references) {
      if (input.body_end == std::string::npos) {
        input.body_end = indexer::offset_of_line(article.text, reference.line);
      }
      indexer::ArticleReference entry;
      entry.number = reference.n;
      if (!reference.authors.empty()) entry.first_author_family = reference.authors[0].family;
      entry.year = reference.year;
      entry.work_id = work_of[{article.file, reference.n}];
      cited += entry.work_id + "\n";
      input.references.push_back(std::move(entry));
    }
    // The cited ids are part of the input: a reference resolved since changes the record.
    const std::string hash =
        indexer::content_hash(std::string(kRecordVersion) + article.text + "\n" + cited);
    counts.count(writer.put(input.id, hash,
                            [&] { return indexer::article_record(input, tagger, hash); }));
  }

  for (const auto& work : stored) {
    if (stopping()) break;
    const std::string id = *indexer::work_record_id(work.work);
    const std::string hash =
        indexer::content_hash(std::string(kRecordVersion) + crawlers::work_to_json(work.work));
    counts.count(writer.put(id, hash, [&] {
      return indexer::work_record(id, work.work, vocabulary, tagger, "works", hash);
    }));
  }

  // --prune: articles indexed from the folders given whose files are gone.
  if (options.prune && !stopping()) {
    std::set<std::string> seen;
    for (const auto& article : articles) seen.insert("article:" + article.file);
    for (const auto& path : article_paths) {
      std::string prefix = "article:" + path;
      if (fs::is_directory(path, error) && prefix.back() != '/') prefix += '/';
      for (const auto& id : writer.ids_with_prefix(prefix)) {
        if (id.find('#') != std::string::npos) continue;  // a passage goes with its article
        if (seen.count(id) != 0) continue;
        if (fs::exists(id.substr(std::string("article:").size()), error)) continue;
        if (writer.remove(id)) ++counts.removed;
      }
    }
  }
  writer.commit();
  const std::size_t drugs = writer.distinct_terms(std::string(layout::kDrugPrefix));
  const std::size_t conditions = writer.distinct_terms(std::string(layout::kConditionPrefix));
  const std::size_t receptors = writer.distinct_terms(std::string(layout::kReceptorPrefix));
  const std::size_t edges = writer.distinct_terms(std::string(layout::kEdgePrefix));  // G: edges only (XGE sorts apart)
  // The facet columns follow the index (query/facet_columns.h): rebuilt
  // here, under the lock, rather than by the first query after a refresh.
  if (!stopping()) {
    try {
      progress.step("facet columns…");
      query::FacetColumns::update_file(database);
    } catch (const Xapian::Error& e) {
      err << "litgraph index: warning: facet columns not updated (queries will rebuild them): "
          << e.get_description() << "\n";
    }
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (summary != nullptr) {
    *summary = IndexSummary{counts.added, counts.replaced, counts.unchanged, counts.removed, seconds};
  }
  if (stopping()) status = ExitCode::kInterrupted;
  if (options.quiet) return status;
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
    json.Key("passages");
    json.Uint64(pubmed.passages + writer.passages_written() - passages_before);
    json.Key("articles");
    json.Uint64(articles.size());
    json.Key("cited_works");
    json.Uint64(distinct.size());
    json.Key("pubmed_records");
    json.Uint64(pubmed.records);
    json.Key("crawled_works");
    json.Uint64(stored.size());
    json.Key("entities");
    json.StartObject();
    json.Key("drug");
    json.Uint64(drugs);
    json.Key("condition");
    json.Uint64(conditions);
    json.Key("receptor");
    json.Uint64(receptors);
    json.EndObject();
    json.Key("edges");
    json.Uint64(edges);
    json.Key("seconds");
    json.Double(seconds);
    json.EndObject();
    out << "\n";
  } else {
    out << "index: " << database.string() << ": " << counts.added << " added, " << counts.replaced
        << " replaced, " << counts.unchanged << " unchanged, " << counts.removed << " removed, "
        << pubmed.passages + writer.passages_written() - passages_before << " passages written ("
        << articles.size() << " articles citing " << distinct.size() << " works, " << pubmed.records
        << " PubMed records, " << stored.size() << " crawled works); the index names " << drugs
        << " drugs, " << conditions << " conditions, " << receptors << " receptors and " << edges
        << " co-occurrence edges; " << static_cast<long>(seconds * 1000) << " ms\n";
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
  for (auto type : {"studied_for", "acts_on", "implicated_in", "acts_on:antagonist",
                    "acts_on:agonist"}) {
    edges[type] = tally(std::string(layout::kEdgePrefix) + type + ":");
  }
  // "Gacts_on:" also begins the typed acts_on terms; count them once.
  for (auto typed : {"acts_on:antagonist", "acts_on:agonist"}) {
    edges["acts_on"].distinct -= edges[typed].distinct;
    edges["acts_on"].postings -= edges[typed].postings;
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
  out << "edges (distinct, records: for co-occurrence edges the passages that carry them):\n";
  for (const auto& [name, t] : edges) {
    out << "  " << name << "  " << t.distinct << "  " << t.postings << "\n";
  }
  return ExitCode::kOk;
}

}  // namespace litgraph::cli
