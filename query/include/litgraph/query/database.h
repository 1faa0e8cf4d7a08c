// Opening the index for reading, with Xapian's errors turned into litgraph's.
#pragma once

#include <filesystem>
#include <string>

#include <xapian.h>

namespace litgraph::query {

// Opens the Xapian database (or stub database listing shards) at `path` for
// reading. Throws IndexError naming the path if it does not exist or cannot be
// opened or was written with another layout (schema/index_layout.h),
// IndexError::corrupt if Xapian finds it corrupt. A reader sees the
// last committed state and never blocks a writer.
Xapian::Database open_readable(const std::filesystem::path& path);

// A record's data (the JSON of schema/index_layout.h): its document data,
// or for a passage its kPassageData value with its id, kind and owner, and
// its text cut from its owner's (read from `database`, which holds both).
std::string record_data(const Xapian::Database& database, const Xapian::Document& document);

}  // namespace litgraph::query
