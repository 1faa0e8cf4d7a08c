// Splitting an index into shards that Xapian queries as one: local shard
// databases listed in a stub database file, any of which may be served to
// other machines by xapian-tcpsrv (Xapian's remote backend).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

namespace litgraph::indexer {

struct ShardSplit {
  std::vector<std::size_t> records;  // per shard
  std::filesystem::path stub;        // out/litgraph.stub: "auto shard0" … one line each
};

// Writes `count` shard databases out/shard0 … out/shard<count-1> from the index
// at `source`, every record to the shard its id's hash names (a passage to
// its owner's, so that a record and its passages stay together), and a stub
// file listing them. `out` must not hold shards already (they are rebuilt
// from scratch: run again after indexing to update them). Throws IndexError.
ShardSplit split_into_shards(const std::filesystem::path& source, const std::filesystem::path& out,
                             unsigned count);

// The shard (0 … count-1) of a record id: FNV-1a of the id, so that every
// machine and every run agree.
unsigned shard_of(std::string_view record_id, unsigned count);

}  // namespace litgraph::indexer
