// Graph questions over the index: the entities linked to one entity, and the
// passages that link two. Edges are the G terms of passages
// (schema/index_layout.h): an edge's weight is the number of passages that
// carry it, its evidence those passages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "litgraph/schema/vocabulary.h"

namespace litgraph::query {

struct Evidence {
  std::string passage;  // record id
  std::string owner;    // the article or work it belongs to
  std::string text;
};

struct Neighbor {
  const schema::Entity* entity = nullptr;
  std::string edge;          // studied_for, acts_on, implicated_in
  std::size_t weight = 0;    // passages that carry the edge
  std::size_t antagonist = 0;  // acts_on passages saying it blocks
  std::size_t agonist = 0;     // acts_on passages saying it activates
  std::size_t owners = 0;      // distinct articles and works among them
  std::vector<Evidence> evidence;  // the first few passages
};

// The entities `name` resolves to: an id, a name, a synonym or an
// abbreviation, of any type (or of `type`). Throws UsageError naming the
// closest names when there is none.
std::vector<const schema::Entity*> resolve_entities(const schema::Vocabulary& vocabulary,
                                                    const std::string& name,
                                                    std::optional<schema::EntityType> type = {});

// The entities linked to `entity` by co-occurrence edges, heaviest first
// (then by name), with up to `evidence` passages each; only neighbours of
// `type` when given.
std::vector<Neighbor> neighbors(const Xapian::Database& database,
                                const schema::Vocabulary& vocabulary,
                                const schema::Entity& entity,
                                std::optional<schema::EntityType> type, std::size_t evidence = 3);

// The passages that name both entities (an edge's evidence), best first: the
// owner's kind, then index order. At most `limit`.
std::vector<Evidence> evidence_between(const Xapian::Database& database, const schema::Entity& a,
                                       const schema::Entity& b, std::size_t limit);

// The entity graph: every co-occurrence edge of the index (or those within
// `depth` steps of `around`), with its weight, as nodes and edges.
struct GraphEdge {
  const schema::Entity* from = nullptr;  // drug, or receptor for implicated_in
  const schema::Entity* to = nullptr;
  std::string type;  // studied_for, acts_on, implicated_in
  std::size_t weight = 0;
  std::size_t antagonist = 0;
  std::size_t agonist = 0;
};

struct Graph {
  std::vector<const schema::Entity*> nodes;  // by id
  std::vector<GraphEdge> edges;              // by weight, descending
};

Graph entity_graph(const Xapian::Database& database, const schema::Vocabulary& vocabulary,
                   const schema::Entity* around, std::size_t depth, std::size_t min_weight);

}  // namespace litgraph::query
