// `litgraph graph neighbors ENTITY` and `litgraph graph evidence A B`.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "litgraph/schema/error.h"

namespace litgraph::cli {

struct GraphOptions {
  std::string entity;                // neighbors: the entity; evidence: the first one
  std::string other;                 // evidence: the second entity
  std::string type;                  // neighbors: only neighbours of this type
  std::size_t limit = 20;            // neighbours, or passages
  std::size_t evidence = 3;          // neighbors: passages shown per neighbour
  std::string format = "json";       // export: json, graphml, dot, csv
  std::string around;                // export: only the graph around this entity
  std::size_t depth = 1;             // export: steps from `around`
  std::size_t min_weight = 1;        // export: lighter edges are left out
  bool json = false;
  std::filesystem::path database;
  std::filesystem::path vocabulary;  // empty: the default
};

// Throws UsageError for an entity the vocabulary does not know (naming the
// closest names) or a bad type, IndexError when there is no index.
ExitCode run_graph_neighbors(const GraphOptions& options, std::ostream& out);
ExitCode run_graph_evidence(const GraphOptions& options, std::ostream& out);
ExitCode run_graph_export(const GraphOptions& options, std::ostream& out);

}  // namespace litgraph::cli
