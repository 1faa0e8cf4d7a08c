#include "entity_names.h"

#include <algorithm>

#include "litgraph/schema/error.h"
#include "litgraph/schema/text.h"

namespace litgraph::query::internal {

namespace {

// Levenshtein distance, capped: for suggesting names close to a typo.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

// The entities of `type` that `value` names: an id ("mesh:D020918"), the
// preferred name, a synonym or an abbreviation. Throws UsageError naming the
// closest names when there is none.
std::vector<const schema::Entity*> resolve_entity(const schema::Vocabulary& vocabulary,
                                                  std::optional<schema::EntityType> type,
                                                  std::string_view field, std::string_view value) {
  std::vector<const schema::Entity*> found;
  if (value.rfind("mesh:", 0) == 0 || value.rfind("litgraph:", 0) == 0) {
    const schema::Entity* entity = vocabulary.find(value);
    if (entity != nullptr && (!type || entity->type == *type)) found.push_back(entity);
  } else {
    for (const schema::Entity* entity : vocabulary.lookup(value)) {
      if (!type || entity->type == *type) found.push_back(entity);
    }
    // "receptor:NMDA" is the NMDA receptor ("NMDA" alone is the chemical).
    if (found.empty() && type == schema::EntityType::kReceptor) {
      for (const schema::Entity* entity : vocabulary.lookup(std::string(value) + " receptor")) {
        if (entity->type == *type) found.push_back(entity);
      }
    }
  }
  if (!found.empty()) return found;

  const std::string folded = schema::fold_for_matching(value);
  std::vector<std::pair<std::size_t, const schema::Entity*>> near;
  for (const auto& entity : vocabulary.entities()) {
    if (type && entity.type != *type) continue;
    std::size_t best = edit_distance(folded, schema::fold_for_matching(entity.name));
    for (const auto& synonym : entity.synonyms) {
      if (synonym.size() > folded.size() + 3 || synonym.size() + 3 < folded.size()) continue;
      best = std::min(best, edit_distance(folded, schema::fold_for_matching(synonym)));
    }
    if (best <= std::max<std::size_t>(2, folded.size() / 4)) near.emplace_back(best, &entity);
  }
  std::sort(near.begin(), near.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->name < b.second->name;
  });
  std::string message = (field.empty() ? "" : std::string(field) + ":") + std::string(value) +
                        ": no " + (type ? schema::entity_type_name(*type) : "entity") +
                        " of that name in the vocabulary";
  if (!near.empty()) {
    message += "; did you mean";
    for (std::size_t k = 0; k < near.size() && k < 5; ++k) {
      message += (k == 0 ? " " : ", ") + near[k].second->name + " (" + near[k].second->id + ")";
    }
    message += "?";
  }
  throw UsageError(message);
}

}  // namespace litgraph::query::internal
