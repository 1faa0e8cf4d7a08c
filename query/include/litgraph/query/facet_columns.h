// Facet columns: the facet value slots of an index, laid out by document id
// for counting (Lucene and Typesense call these doc values).
//
// Why: Xapian reads a value slot per document through a B-tree look-up;
// counting three facets over 80,000 matches that way took 60 ms and more
// at a million records. Here each slot's values are split once into
// dictionary codes, in arrays sorted by document id, so that counting a match
// is a few array reads. The columns are derived data: the file
// `<database>/litgraph.facets` is tagged with the database's UUID and
// revision and rebuilt from the value streams whenever they differ, so it can
// never disagree with the index it serves; deleting it loses nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace litgraph::query {

class FacetColumns {
 public:
  // One value slot: the codes of each document's values (a slot holding
  // several, one per line, is split), by document id over the ids from the
  // first document with the slot to the last, so that a look-up is two reads.
  struct Column {
    Xapian::valueno slot = 0;
    Xapian::docid first = 0;                 // document id of starts[0]
    std::span<const std::uint32_t> starts;   // codes of document first + k: [starts[k], starts[k+1])
    std::span<const std::uint32_t> codes;
    std::span<const std::uint32_t> value_offsets;  // value of code c: bytes [offsets[c], offsets[c+1])
    std::string_view value_bytes;

    // Where the codes of document `id` begin in `starts`, or null if it has none.
    const std::uint32_t* start_of(Xapian::docid id) const {
      if (id < first || id - first + 1 >= starts.size()) return nullptr;
      return &starts[id - first];
    }
    std::size_t value_count() const { return value_offsets.empty() ? 0 : value_offsets.size() - 1; }
    std::string_view value(std::uint32_t code) const {
      return value_bytes.substr(value_offsets[code], value_offsets[code + 1] - value_offsets[code]);
    }
  };

  // Record kinds as the kind column holds them.
  enum Kind : std::uint8_t { kNone = 0, kArticle = 1, kWork = 2, kPassage = 3 };
  // The kind's name in the index ("article"…; empty for kNone).
  static std::string_view kind_name(Kind kind);

  // The columns of `database`, a single local database opened from the
  // folder `path`: read from its litgraph.facets when that file is of this
  // database and revision, else built from the value streams and saved there
  // (kept in memory only when the folder cannot be written). Returns null
  // for a stub or remote database (search then counts with Xapian's spies).
  static std::shared_ptr<const FacetColumns> open(const Xapian::Database& database,
                                                  const std::filesystem::path& path);

  // For writers, after a commit: rewrites `path`/litgraph.facets if it is
  // missing or stale. Returns whether it wrote the file.
  static bool update_file(const std::filesystem::path& path);

  // The file's name inside a database folder.
  static constexpr std::string_view kFileName = "litgraph.facets";

  ~FacetColumns();
  FacetColumns(const FacetColumns&) = delete;
  FacetColumns& operator=(const FacetColumns&) = delete;

  // The column of `slot`, or null if the index has no such slot.
  const Column* column(Xapian::valueno slot) const;
  // The kind of document `id` (kNone past the end or for a gap).
  Kind kind(Xapian::docid id) const { return id < kinds_.size() ? static_cast<Kind>(kinds_[id]) : kNone; }
  std::size_t document_id_limit() const { return kinds_.size(); }  // ids are below this
  // For passage `id`: the first id after its run of passages when the run
  // is long (a bulk load numbers all passages after all records), else id + 1.
  Xapian::docid after_passages(Xapian::docid id) const;
  // An id that splits the documents (without the long runs of passages, if
  // so asked) into two halves of about the same size.
  Xapian::docid middle_id(bool without_passages) const;
  std::uint64_t revision() const { return revision_; }

  // A database handle of the columns' own, on the revision they were made
  // from, lent to one search at a time so that it can count on a second core
  // while the caller's handle ranks (Xapian handles are not to be shared
  // between threads). Empty when another search has it, or when the
  // database had moved on by the time open() reopened it.
  class Lease {
   public:
    explicit Lease(const FacetColumns& columns);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    const Xapian::Database* database() const { return database_; }

   private:
    const FacetColumns& columns_;
    const Xapian::Database* database_ = nullptr;
  };

 private:
  FacetColumns() = default;
  static std::vector<char> build(const Xapian::Database& database);
  static std::unique_ptr<FacetColumns> parse(std::vector<char> owned, const char* data, std::size_t size,
                                             void* mapping);
  // The columns in `file` if it is whole and of this database and revision.
  static std::unique_ptr<FacetColumns> map_file(const std::filesystem::path& file, const std::string& uuid,
                                                std::uint64_t revision);

  std::vector<char> owned_;      // the bytes, when built here
  void* mapping_ = nullptr;      // or the mapped file
  std::size_t mapping_size_ = 0;
  std::string uuid_;
  std::uint64_t revision_ = 0;
  static constexpr std::size_t kShortestRun = 64;
  std::span<const std::uint8_t> kinds_;
  std::span<const std::uint32_t> passage_runs_;  // [first, end) pairs, ascending
  std::vector<Column> columns_;
  std::optional<Xapian::Database> own_database_;  // see Lease
  mutable std::mutex own_database_in_use_;
};

}  // namespace litgraph::query
