// Opening the index for writing, with Xapian's errors turned into litgraph's.
#pragma once

#include <filesystem>

#include <xapian.h>

#include <chrono>

namespace litgraph::indexer {

// Opens (creating if needed) the Xapian database at `path` for writing.
// Throws IndexError: IndexError::locked (exit code kLocked) if another writer
// holds it, IndexError::corrupt if Xapian finds it corrupt, and a plain
// IndexError naming the path for any other failure. Not thread-safe: one
// WritableDatabase per process, as Xapian allows one writer.
// `scratch` is for a database that is thrown away if the run fails (a bulk
// load's shard): commits skip fsync and update blocks in place.
Xapian::WritableDatabase open_writable(const std::filesystem::path& path, bool scratch = false);

// Holds `<database>.lock` (an advisory flock, released when the process ends,
// however it ends) for a whole indexing run, so that two runs never work on one
// database at once, even while neither has it open (a bulk load builds shards
// beside it and replaces it at the end). Throws IndexError::locked when
// another run holds it, IndexError when the lock file cannot be made.
class RunLock {
 public:
  explicit RunLock(const std::filesystem::path& database) : RunLock(database, std::chrono::seconds(0)) {}
  // Waits up to `wait` for the lock before giving up (IndexError::locked).
  // A lock whose holder died is free: the kernel drops it with the process.
  RunLock(const std::filesystem::path& database, std::chrono::seconds wait);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace litgraph::indexer
