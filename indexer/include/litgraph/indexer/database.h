// Opening the index for writing, with Xapian's errors turned into litgraph's.
#pragma once

#include <filesystem>

#include <xapian.h>

namespace litgraph::indexer {

// Opens (creating if needed) the Xapian database at `path` for writing.
// Throws IndexError: IndexError::locked (exit code kLocked) if another writer
// holds it, IndexError::corrupt if Xapian finds it corrupt, and a plain
// IndexError naming the path for any other failure. Not thread-safe: one
// WritableDatabase per process, as Xapian allows one writer.
Xapian::WritableDatabase open_writable(const std::filesystem::path& path);

}  // namespace litgraph::indexer
