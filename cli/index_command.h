// `litgraph index PATH...` and `litgraph stats`: building the Xapian index
// from articles, PubMed XML files and the crawled works, and counting it.
#pragma once

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
  bool json = false;
  bool progress = false;
};

// Indexes the inputs. Returns kOk, or kPartial when an input was skipped or a
// PubMed file had damaged records (the rest is indexed); throws IndexError
// (locked, corrupt, write failure) and ConfigError (vocabulary).
ExitCode run_index(const IndexOptions& options, std::ostream& out, std::ostream& err);

struct StatsOptions {
  std::filesystem::path database;
  bool json = false;
};

// Counts records by kind, entity terms by type and edges by type.
ExitCode run_stats(const StatsOptions& options, std::ostream& out, std::ostream& err);

}  // namespace litgraph::cli
