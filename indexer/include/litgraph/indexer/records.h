// Building the index's records (schema/index_layout.h) from litgraph's values,
// and writing them so that unchanged input costs nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
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
// nullopt (a work without either is indexed under its reference's key).
std::optional<std::string> work_record_id(const schema::Work& work);

// The record id of a reference that names no resolved work: "work:doi:…" when
// it carries a DOI, "work:pmid:…" for a PMID, else "work:ref:<key>" with a
// key made from its first author, year and title.
std::string reference_record_id(const schema::Reference& reference);

// A work record: identifiers, title (also as free text), authors, journal,
// year, publication types, abstract as free text; entities from its MeSH
// headings and chemicals (H, and M when major) mapped by descriptor UI, and
// from the tagger on title and abstract (E and the typed prefix, wdf =
// mentions). `source` names where it came from (a file, or "works").
Xapian::Document work_document(const std::string& id, const schema::Work& work,
                               const schema::Vocabulary& vocabulary, const Tagger& tagger,
                               std::string_view source, const std::string& hash);

// An article record: the file's text as free text (its first line as the
// title), entities from the tagger, and a C<work id> term for every
// reference of its list (ids from `cited`, one per reference, in order).
Xapian::Document article_document(const std::string& id, std::string_view text,
                                  const std::vector<std::string>& cited,
                                  const Tagger& tagger, const std::string& hash);

// What a write did.
enum class WriteOutcome { kAdded, kReplaced, kUnchanged };

struct WriteCounts {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t removed = 0;
  void count(WriteOutcome outcome);
};

// Writes records into one database in batches. put() skips a record whose
// stored content hash equals the new one, so re-indexing unchanged input
// writes nothing. Changes become visible, and survive a killed process, at
// commit(): every `batch_size` writes and when commit() is called. The
// destructor does not commit (a failed run keeps the last committed state).
// Not thread-safe.
class IndexWriter {
 public:
  // Opens or creates the database (see database.h for the errors thrown).
  IndexWriter(const std::filesystem::path& path, std::size_t batch_size = 20000);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // The stored hash of record `id`, or nullopt if there is none.
  std::optional<std::string> stored_hash(const std::string& id) const;

  // Adds or replaces record `id` (the document must carry its Q term and
  // hash, as the builders above make it) unless the stored hash is `hash`.
  // Passages of a replaced owner are removed first.
  template <typename MakeDocument>
  WriteOutcome put(const std::string& id, const std::string& hash, MakeDocument make) {
    auto stored = stored_hash(id);
    if (stored && *stored == hash) return WriteOutcome::kUnchanged;
    write(id, make(), stored.has_value());
    return stored ? WriteOutcome::kReplaced : WriteOutcome::kAdded;
  }

  // Removes record `id` and its passages; false if there was none.
  bool remove(const std::string& id);

  // Makes every write so far durable. Throws IndexError on failure.
  void commit();

  Xapian::WritableDatabase& database() { return database_; }

 private:
  void write(const std::string& id, const Xapian::Document& document, bool replacing);
  void written();

  Xapian::WritableDatabase database_;
  std::size_t batch_size_;
  std::size_t pending_ = 0;
};

}  // namespace litgraph::indexer
