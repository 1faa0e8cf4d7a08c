#include "litgraph/query/graph.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "entity_names.h"
#include "litgraph/query/database.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::query {

namespace layout = schema::layout;

namespace {

std::string entity_term(const schema::Entity& entity) {
  switch (entity.type) {
    case schema::EntityType::kDrug:
      return std::string(layout::kDrugPrefix) + entity.id;
    case schema::EntityType::kCondition:
      return std::string(layout::kConditionPrefix) + entity.id;
    case schema::EntityType::kReceptor:
      return std::string(layout::kReceptorPrefix) + entity.id;
  }
  return {};
}

Evidence evidence_of(const Xapian::Database& database, const Xapian::Document& document) {
  rapidjson::Document data;
  data.Parse(record_data(database, document).c_str());
  Evidence evidence;
  auto text = [&](const char* key) -> std::string {
    if (!data.IsObject() || !data.HasMember(key) || !data[key].IsString()) return {};
    return data[key].GetString();
  };
  evidence.passage = text("id");
  evidence.owner = text("owner");
  evidence.text = text("text");
  return evidence;
}

// "acts_on:antagonist:mesh:D1|mesh:D2" -> type, qualifier, a, b.
struct EdgeTerm {
  std::string type;
  std::string qualifier;
  std::string a;
  std::string b;
};

std::optional<EdgeTerm> parse_edge(std::string_view term) {
  term.remove_prefix(layout::kEdgePrefix.size());
  auto bar = term.find('|');
  if (bar == std::string_view::npos) return std::nullopt;
  EdgeTerm edge;
  edge.b = std::string(term.substr(bar + 1));
  std::string_view left = term.substr(0, bar);
  auto colon = left.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  edge.type = std::string(left.substr(0, colon));
  left.remove_prefix(colon + 1);
  for (std::string_view qualifier : {"antagonist:", "agonist:"}) {
    if (left.substr(0, qualifier.size()) == qualifier) {
      edge.qualifier = std::string(qualifier.substr(0, qualifier.size() - 1));
      left.remove_prefix(qualifier.size());
      break;
    }
  }
  edge.a = std::string(left);
  return edge;
}

}  // namespace

std::vector<const schema::Entity*> resolve_entities(const schema::Vocabulary& vocabulary,
                                                    const std::string& name,
                                                    std::optional<schema::EntityType> type) {
  return internal::resolve_entity(vocabulary, type, "", name);
}

std::vector<Neighbor> neighbors(const Xapian::Database& database,
                                const schema::Vocabulary& vocabulary,
                                const schema::Entity& entity,
                                std::optional<schema::EntityType> type, std::size_t evidence) {
  struct Tally {
    Neighbor neighbor;
    std::set<std::string> owners;
  };
  std::map<std::pair<std::string, std::string>, Tally> tallies;  // (neighbour id, edge type)
  try {
    // The passages with an edge of this entity, named there or carried from
    // the paragraph (XGE terms).
    const std::string term = std::string(layout::kEdgeEntityPrefix) + entity.id;
    for (auto it = database.postlist_begin(term); it != database.postlist_end(term); ++it) {
      Xapian::Document document = database.get_document(*it);
      std::optional<Evidence> found;  // read once per passage, when it counts
      auto edge_terms = document.termlist_begin();
      edge_terms.skip_to(std::string(layout::kEdgePrefix));
      for (; edge_terms != document.termlist_end(); ++edge_terms) {
        const std::string name = *edge_terms;
        if (name.compare(0, layout::kEdgePrefix.size(), layout::kEdgePrefix) != 0) break;
        auto edge = parse_edge(name);
        if (!edge || (edge->a != entity.id && edge->b != entity.id)) continue;
        const std::string& other_id = edge->a == entity.id ? edge->b : edge->a;
        const schema::Entity* other = vocabulary.find(other_id);
        if (other == nullptr || (type && other->type != *type)) continue;
        Tally& tally = tallies[{other_id, edge->type}];
        tally.neighbor.entity = other;
        tally.neighbor.edge = edge->type;
        if (edge->qualifier == "antagonist") {
          ++tally.neighbor.antagonist;
          continue;
        }
        if (edge->qualifier == "agonist") {
          ++tally.neighbor.agonist;
          continue;
        }
        ++tally.neighbor.weight;
        if (!found) found = evidence_of(database, document);
        tally.owners.insert(found->owner);
        if (tally.neighbor.evidence.size() < evidence) tally.neighbor.evidence.push_back(*found);
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("graph: " + e.get_description());
  }
  std::vector<Neighbor> result;
  for (auto& [key, tally] : tallies) {
    tally.neighbor.owners = tally.owners.size();
    result.push_back(std::move(tally.neighbor));
  }
  std::sort(result.begin(), result.end(), [](const Neighbor& x, const Neighbor& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return x.entity->name < y.entity->name;
  });
  return result;
}

std::vector<Evidence> evidence_between(const Xapian::Database& database, const schema::Entity& a,
                                       const schema::Entity& b, std::size_t limit) {
  std::vector<Evidence> result;
  try {
    // Passages where both take part in edges (named, or carried from the
    // paragraph); else, for a pair no edge type joins (two drugs), the
    // passages that name both.
    auto run = [&](const std::vector<std::string>& terms) {
      Xapian::Enquire enquire(database);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        result.push_back(evidence_of(database, it.get_document()));
      }
    };
    const std::string edge_entity(layout::kEdgeEntityPrefix);
    run({edge_entity + a.id, edge_entity + b.id});
    if (result.empty()) {
      run({entity_term(a), entity_term(b),
           std::string(layout::kKindPrefix) + std::string(layout::kPassage)});
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("graph: " + e.get_description());
  }
  return result;
}

Graph entity_graph(const Xapian::Database& database, const schema::Vocabulary& vocabulary,
                   const schema::Entity* around, std::size_t depth, std::size_t min_weight) {
  std::map<std::tuple<std::string, std::string, std::string>, GraphEdge> edges;
  try {
    const std::string prefix(layout::kEdgePrefix);
    for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
      auto edge = parse_edge(*it);
      if (!edge) continue;
      const schema::Entity* a = vocabulary.find(edge->a);
      const schema::Entity* b = vocabulary.find(edge->b);
      if (a == nullptr || b == nullptr) continue;
      GraphEdge& entry = edges[{edge->type, edge->a, edge->b}];
      entry.from = a;
      entry.to = b;
      entry.type = edge->type;
      if (edge->qualifier == "antagonist") {
        entry.antagonist = it.get_termfreq();
      } else if (edge->qualifier == "agonist") {
        entry.agonist = it.get_termfreq();
      } else {
        entry.weight = it.get_termfreq();
      }
    }
  } catch (const Xapian::Error& e) {
    throw IndexError("graph: " + e.get_description());
  }
  std::vector<GraphEdge> kept;
  for (auto& [key, edge] : edges) {
    if (edge.weight >= std::max<std::size_t>(1, min_weight)) kept.push_back(edge);
  }
  if (around != nullptr) {
    // Breadth-first from `around`, `depth` steps along edges of either direction.
    std::set<const schema::Entity*> reached = {around};
    std::set<const schema::Entity*> frontier = {around};
    for (std::size_t step = 0; step < depth && !frontier.empty(); ++step) {
      std::set<const schema::Entity*> next;
      for (const auto& edge : kept) {
        if (frontier.count(edge.from) != 0 && reached.count(edge.to) == 0) next.insert(edge.to);
        if (frontier.count(edge.to) != 0 && reached.count(edge.from) == 0) next.insert(edge.from);
      }
      reached.insert(next.begin(), next.end());
      frontier = std::move(next);
    }
    std::vector<GraphEdge> inside;
    for (const auto& edge : kept) {
      if (reached.count(edge.from) != 0 && reached.count(edge.to) != 0) inside.push_back(edge);
    }
    kept = std::move(inside);
  }
  Graph graph;
  std::set<const schema::Entity*> nodes;
  for (const auto& edge : kept) {
    nodes.insert(edge.from);
    nodes.insert(edge.to);
  }
  if (around != nullptr) nodes.insert(around);
  graph.nodes.assign(nodes.begin(), nodes.end());
  std::sort(graph.nodes.begin(), graph.nodes.end(),
            [](const auto* x, const auto* y) { return x->id < y->id; });
  std::stable_sort(kept.begin(), kept.end(),
                   [](const GraphEdge& x, const GraphEdge& y) { return x.weight > y.weight; });
  graph.edges = std::move(kept);
  return graph;
}

}  // namespace litgraph::query
