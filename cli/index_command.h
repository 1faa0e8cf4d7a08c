// `litgraph index PATH...` and `litgraph stats`: building the Xapian index
// from articles, PubMed XML files and the crawled works, and counting it.
#pragma once

#include <atomic>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct IndexOptions {
  std::vector<std::string> paths;    // article files/folders and PubMed .xml/.xml.gz files
  std::filesystem::path home;        // data directory: works/ is read, index/ written
  std::filesystem::path database;    // the index; empty: home/index
  std::filesystem::path vocabulary;  // empty: schema::default_vocabulary_directory()
  bool works = true;                 // also index every crawled work in home/works
  bool prune = false;                // remove articles whose files are gone from the folders given
  std::size_t batch_size = 500;      // records per commit
  unsigned jobs = 2;                 // threads for a bulk load of PubMed files into a new database
  std::size_t shard_records = 25000; // a bulk load's job starts a new shard after this many records
  bool json = false;
  bool progress = false;
  bool quiet = false;       // print no summary (refresh prints its own)
  bool lock_held = false;   // the caller holds the database's RunLock already
  // Set (by a signal handler) to stop at the next record: what is done is
  // committed and run_index returns kInterrupted.
  const std::atomic<bool>* stop = nullptr;
};

// Whether `path` names a PubMed XML file (.xml, .xml.gz) rather than an article.
bool is_pubmed_file(const std::string& path);

// What an index run did.
struct IndexSummary {
  std::size_t added = 0, replaced = 0, unchanged = 0, removed = 0;
  double seconds = 0;
};

// Indexes the inputs. Returns kOk, or kPartial when an input was skipped or a
// PubMed file had damaged records (the rest is indexed); throws IndexError
// (locked, corrupt, write failure) and ConfigError (vocabulary).
// Fills `summary` when given.
ExitCode run_index(const IndexOptions& options, std::ostream& out, std::ostream& err,
                   IndexSummary* summary = nullptr);

struct StatsOptions {
  std::filesystem::path database;
  bool json = false;
};

// Counts records by kind, entity terms by type and edges by type.
ExitCode run_stats(const StatsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace litgraph::cli
