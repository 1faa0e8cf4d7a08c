// Resolving an entity's name as a user writes it, for the query commands.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "litgraph/schema/vocabulary.h"

namespace litgraph::query::internal {

// The entities (of `type`, when given) that `value` names: an id
// ("mesh:D020918"), the preferred name, a synonym or an abbreviation;
// "NMDA" as a receptor is the NMDA receptor. Throws UsageError naming the
// closest names (`field:value: no condition of that name…; did you mean …?`).
std::vector<const schema::Entity*> resolve_entity(const schema::Vocabulary& vocabulary,
                                                  std::optional<schema::EntityType> type,
                                                  std::string_view field, std::string_view value);

}  // namespace litgraph::query::internal
