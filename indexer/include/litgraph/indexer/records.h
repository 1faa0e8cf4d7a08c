// Building the index's records (schema/index_layout.h) from litgraph's values,
// and writing them so that unchanged input costs nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "litgraph/indexer/tagger.h"
#include "litgraph/schema/reference.h"
#include "litgraph/schema/vocabulary.h"
#include "litgraph/schema/work.h"

namespace litgraph::indexer {

// 64-bit FNV-1a of `bytes`, as 16 hex digits: the content hash of a record's
// input. Stable across runs and machines.
std::string content_hash(std::string_view bytes);

// The record id of a work: "work:doi:<doi>", else "work:pmid:<pmid>", else
// nullopt.
std::optional<std::string> work_record_id(const schema::Work& work);

// One record and the passages it owns (each with its own id), written together.
struct Record {
  std::string id;
  Xapian::Document document;
  std::vector<std::pair<std::string, Xapian::Document>> passages;
};

// A work record: identifiers, title (also as free text), authors, journal,
// year, publication types, abstract as free text; entities from its MeSH
// headings and chemicals (H, and M when major) mapped by descriptor UI, and
// from the tagger on title and abstract (E and the typed prefix, wdf =
// mentions). The sentences of title and abstract that name two entities of
// an edge's types become its passages, with their edges. `source` names where
// it came from (a file, or "works").
Record work_record(const std::string& id, const schema::Work& work,
                   const schema::Vocabulary& vocabulary, const Tagger& tagger,
                   std::string_view source, const std::string& hash);

// A work known only from a reference list (not crawled, not imported): its
// title, authors, year and journal as cited, and the entities its title names.
Record cited_work_record(const std::string& id, const schema::Reference& reference,
                         const Tagger& tagger, const std::string& hash);

// One entry of an article's reference list, resolved to the work it cites.
struct ArticleReference {
  int number = 0;                   // the entry's position, as numbered markers count
  std::string first_author_family;  // for author-year markers
  std::optional<int> year;
  std::string work_id;              // "work:doi:…", "work:ref:…"
};

struct ArticleInput {
  std::string id;      // "article:<path>"
  std::string source;  // the path as given
  std::string text;    // UTF-8
  // Where the reference list starts (passages stop there); npos if none.
  std::size_t body_end = std::string::npos;
  std::vector<ArticleReference> references;
};

// An article record (its text as free text, its first line as title, the
// entities the tagger finds, C<work id> for every reference) and one passage
// per sentence of its body, with the passage's entities, the works its
// in-text markers cite (C) and its co-occurrence edges (G).
Record article_record(const ArticleInput& article, const Tagger& tagger, const std::string& hash);

// The co-occurrence edge terms (G…) of a passage naming `entities`: one per
// pair of an edge type (drug–condition studied_for, drug–receptor acts_on,
// receptor–condition implicated_in), and acts_on:antagonist / acts_on:agonist
// when `text` says so ("blocks", "antagonist", "inhibits" / "agonist",
// "activates", "stimulates"; the builders pass the passage with receptor and
// condition names blanked, so "hyperpolarization-activated" is no verb).
std::vector<std::string> edge_terms(const std::vector<const schema::Entity*>& entities,
                                    std::string_view text);

// What a write did.
enum class WriteOutcome { kAdded, kReplaced, kUnchanged };

struct WriteCounts {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  std::size_t passages = 0;  // passage records written
  void count(WriteOutcome outcome);
};

// Writes records into one database in batches. put() skips a record whose
// stored content hash equals the new one, so re-indexing unchanged input
// writes nothing. Changes become visible, and survive a killed process, at
// commit(): every `batch_size` writes and when commit() is called. The
// destructor does not commit: a failed run keeps the last committed state.
// Not thread-safe.
class IndexWriter {
 public:
  // Opens or creates the database (see database.h for the errors thrown;
  // `scratch` as there).
  explicit IndexWriter(const std::filesystem::path& path, std::size_t batch_size = 20000,
                       bool scratch = false);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The stored hash of record `id`, or nullopt if there is none.
  std::optional<std::string> stored_hash(const std::string& id) const;

  // Adds or replaces record `id` with what make() returns (a Record carrying
  // `id` and `hash`, as the builders above make it) unless the stored hash
  // is `hash`. A replaced record's old passages are removed first.
  template <typename MakeRecord>
  WriteOutcome put(const std::string& id, const std::string& hash, MakeRecord make) {
    if (append_only_) {
      write(make(), false);
      return WriteOutcome::kAdded;
    }
    auto stored = stored_hash(id);
    if (stored && *stored == hash) return WriteOutcome::kUnchanged;
    write(make(), stored.has_value());
    return stored ? WriteOutcome::kReplaced : WriteOutcome::kAdded;
  }

  // Writes every record as new, without looking it up: for filling an empty
  // shard, where a record met twice is kept twice (the caller removes the
  // duplicates after merging).
  void set_append_only(bool append_only) { append_only_ = append_only; }

  // For a bulk shard: passages go to a scratch database of their own at
  // `path`, committed with this one, so that merging every record shard
  // before every passage shard numbers the records together and the passages
  // after them (searches of records then skip the passages in one step).
  void separate_passages(const std::filesystem::path& path);

  // Removes record `id` and its passages; false if there was none.
  bool remove(const std::string& id);

  // The ids of the records whose id starts with `prefix` ("article:corpus/").
  std::vector<std::string> ids_with_prefix(const std::string& prefix) const;

  // How many distinct terms start with `prefix` ("XED": drugs named, "G":
  // co-occurrence edges), pending writes included.
  std::size_t distinct_terms(const std::string& prefix) const;

  // Makes every write so far durable. Throws IndexError on failure.
  void commit();

  // Records and passages written through this writer. In an append-only
  // shard the nth record written is document n (and so is the nth passage
  // in its passage database).
  std::size_t records_written() const { return records_written_; }
  std::size_t passages_written() const { return passages_written_; }

 private:
  void write(const Record& record, bool replacing);
  void begin();
  void written();

  Xapian::WritableDatabase database_;
  std::size_t batch_size_;
  std::size_t pending_ = 0;
  bool layout_written_ = false;  // kLayoutVersion is in the metadata
  std::size_t records_written_ = 0;
  std::size_t passages_written_ = 0;
  bool append_only_ = false;
  std::optional<Xapian::WritableDatabase> passage_database_;
};

}  // namespace litgraph::indexer
