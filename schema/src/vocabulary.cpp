#include "litgraph/schema/vocabulary.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "litgraph/schema/error.h"
#include "litgraph/schema/text.h"

namespace litgraph::schema {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMeshHeader =
    "DescriptorUI\tDescriptorName\tTreeNumbers\tEntryTerms\tPharmacologicalActions";
constexpr std::string_view kCuratedHeader = "id\tname\ttype\tparent\tsynonyms";
constexpr std::string_view kUntaggedHeader = "term\tnote";
constexpr std::string_view kMeshPrefix = "mesh:";
constexpr std::string_view kLocalPrefix = "litgraph:";

// Receptors and ion channels sit under several D12 branches at once (MeSH
// files the NMDA receptor under membrane transport proteins, glycoproteins and
// cell-surface receptors), so every branch is listed.
constexpr std::array<std::string_view, 5> kReceptorTrees = {
    "D12.776.543.750",      // Receptors, Cell Surface
    "D12.776.826",          // Receptors, Cytoplasmic and Nuclear
    "D12.776.157.530.400",  // Ion Channels (under membrane transport proteins)
    "D12.776.543.550.450",  // Ion Channels (under membrane glycoproteins)
    "D12.776.543.585.400",  // Ion Channels (under membrane proteins)
};

bool in_tree(std::string_view tree_number, std::string_view root) {
  return tree_number.substr(0, root.size()) == root &&
         (tree_number.size() == root.size() || tree_number[root.size()] == '.');
}

// Biomolecules and preparations that MeSH files among chemicals but that are
// drugs only when used as one: enzymes, proteins, pharmaceutical preparations
// (tablets, solutions) and complex mixtures.
constexpr std::array<std::string_view, 4> kDrugOnlyWithActionTrees = {
    "D08.811",  // Enzymes
    "D12.776",  // Proteins
    "D26",      // Pharmaceutical Preparations
    "D20",      // Complex Mixtures
};

std::optional<EntityType> type_from_trees(const std::vector<std::string>& tree_numbers,
                                          bool has_pharmacological_action) {
  bool condition = false;
  bool drug = false;
  bool biomolecule = false;  // a D tree number under kDrugOnlyWithActionTrees
  bool substance = false;    // a D tree number elsewhere, D27 classes aside
  for (const auto& tree : tree_numbers) {
    for (auto root : kReceptorTrees) {
      if (in_tree(tree, root)) return EntityType::kReceptor;
    }
    if (tree[0] == 'C' || in_tree(tree, "F03")) condition = true;
    if (tree[0] == 'D') {
      drug = true;
      bool under = std::any_of(kDrugOnlyWithActionTrees.begin(), kDrugOnlyWithActionTrees.end(),
                               [&](std::string_view root) { return in_tree(tree, root); });
      // A pharmacological-action class (D27) is a drug class on its own.
      if (under) {
        biomolecule = true;
      } else if (!in_tree(tree, "D27")) {
        substance = true;
      }
    }
  }
  if (condition) return EntityType::kCondition;
  if (drug && (substance || !biomolecule || has_pharmacological_action)) return EntityType::kDrug;
  return std::nullopt;
}

std::optional<EntityType> parse_type(std::string_view text) {
  if (text == "drug") return EntityType::kDrug;
  if (text == "condition") return EntityType::kCondition;
  if (text == "receptor") return EntityType::kReceptor;
  return std::nullopt;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ParseError(path.string(), 0, "cannot read file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Calls `visit(line, number)` for every line, without its line end.
template <typename Visit>
void for_each_line(std::string_view text, Visit visit) {
  long number = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    visit(line, ++number);
  }
}


// The last ASCII word of `term` as written; an abbreviation ("CRPS", "NMDAR")
// has no lower-case letter in it.
bool last_word_is_abbreviation(std::string_view term) {
  std::size_t end = term.size();
  auto is_alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  while (end > 0 && !is_alnum(term[end - 1])) --end;
  std::size_t begin = end;
  while (begin > 0 && is_alnum(term[begin - 1])) --begin;
  return std::none_of(term.begin() + static_cast<std::ptrdiff_t>(begin),
                      term.begin() + static_cast<std::ptrdiff_t>(end),
                      [](char c) { return c >= 'a' && c <= 'z'; });
}


// The term with the simple singular or plural of its last word.
std::optional<std::string> term_number_variant(const std::string& folded) {
  std::size_t space = folded.rfind(' ');
  std::size_t start = space == std::string::npos ? 0 : space + 1;
  auto variant = number_variant(std::string_view(folded).substr(start));
  if (!variant) return std::nullopt;
  return folded.substr(0, start) + *variant;
}

void add_synonym(Entity& entity, std::string_view synonym) {
  if (synonym == entity.name) return;
  for (const auto& existing : entity.synonyms) {
    if (existing == synonym) return;
  }
  entity.synonyms.emplace_back(synonym);
}

}  // namespace

bool is_action_class(const Entity& entity) {
  return !entity.tree_numbers.empty() &&
         std::all_of(entity.tree_numbers.begin(), entity.tree_numbers.end(),
                     [](const std::string& tree) { return in_tree(tree, "D27"); });
}

const char* entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::kDrug:
      return "drug";
    case EntityType::kCondition:
      return "condition";
    case EntityType::kReceptor:
      return "receptor";
  }
  return "drug";
}

void Vocabulary::add_term(std::string_view term, std::uint32_t entity) {
  std::string folded = fold_for_matching(term);
  if (folded.empty()) return;
  if (!last_word_is_abbreviation(term)) {
    if (auto variant = term_number_variant(folded)) terms_.emplace_back(std::move(*variant), entity);
  }
  terms_.emplace_back(std::move(folded), entity);
}

Vocabulary Vocabulary::load(const fs::path& mesh_tsv, const fs::path& curated_tsv,
                            const fs::path& untagged_tsv) {
  Vocabulary vocabulary;
  const std::string mesh_source = mesh_tsv.string();
  const std::string mesh_bytes = read_whole_file(mesh_tsv);
  vocabulary.entities_.reserve(32768);
  std::unordered_map<std::string, Entity> untyped;  // descriptors without tree numbers
  vocabulary.terms_.reserve(262144);

  for_each_line(mesh_bytes, [&](std::string_view line, long number) {
    if (number == 1) {
      if (line != kMeshHeader) {
        throw ParseError(mesh_source, number, "expected the header " + std::string(kMeshHeader));
      }
      return;
    }
    if (line.empty()) return;
    auto fields = split(line, '\t');
    if (fields.size() != 5) {
      throw ParseError(mesh_source, number,
                       "expected 5 tab-separated fields, found " + std::to_string(fields.size()));
    }
    if (fields[0].empty() || fields[0][0] != 'D' || fields[1].empty()) {
      throw ParseError(mesh_source, number, "expected a descriptor id (D…) and a name");
    }
    if (fields[2].empty()) {
      // MeSH's category headings ("Neoplasms", "Mental Disorders") come
      // without tree numbers; the curated layer may type them.
      Entity root;
      root.id = std::string(kMeshPrefix) + std::string(fields[0]);
      root.name = std::string(fields[1]);
      for (auto term : split(fields[3], '|')) {
        if (!term.empty()) root.synonyms.emplace_back(term);
      }
      untyped.emplace(root.id, std::move(root));
      return;
    }
    Entity entity;
    for (auto tree : split(fields[2], '|')) entity.tree_numbers.emplace_back(tree);
    auto type = type_from_trees(entity.tree_numbers, !fields[4].empty());
    if (!type) return;
    entity.type = *type;
    entity.id = std::string(kMeshPrefix) + std::string(fields[0]);
    entity.name = std::string(fields[1]);
    if (!fields[3].empty()) {
      for (auto term : split(fields[3], '|')) {
        if (!term.empty()) entity.synonyms.emplace_back(term);
      }
    }
    auto position = static_cast<std::uint32_t>(vocabulary.entities_.size());
    if (!vocabulary.by_id_.emplace(entity.id, position).second) {
      throw ParseError(mesh_source, number, "duplicate descriptor " + std::string(fields[0]));
    }
    vocabulary.entities_.push_back(std::move(entity));
  });

  for (std::uint32_t i = 0; i < vocabulary.entities_.size(); ++i) {
    const Entity& entity = vocabulary.entities_[i];
    vocabulary.add_term(entity.name, i);
    for (const auto& synonym : entity.synonyms) vocabulary.add_term(synonym, i);
  }

  const std::string curated_source = curated_tsv.string();
  const std::string curated_bytes = read_whole_file(curated_tsv);
  for_each_line(curated_bytes, [&](std::string_view line, long number) {
    auto fail = [&](const std::string& message) {
      throw ParseError(curated_source, number, message);
    };
    if (number == 1) {
      if (line != kCuratedHeader) fail("expected the header " + std::string(kCuratedHeader));
      return;
    }
    if (trim(line).empty() || line[0] == '#') return;
    auto fields = split(line, '\t');
    if (fields.size() != 5) {
      fail("expected 5 tab-separated fields, found " + std::to_string(fields.size()));
    }
    for (auto& field : fields) field = trim(field);
    const auto id = fields[0];
    const auto name = fields[1];
    const auto type_text = fields[2];
    const auto parent = fields[3];
    std::vector<std::string_view> synonyms;
    if (!fields[4].empty()) {
      for (auto synonym : split(fields[4], '|')) {
        synonym = trim(synonym);
        if (synonym.empty()) fail("empty synonym");
        synonyms.push_back(synonym);
      }
    }
    std::optional<EntityType> type;
    if (!type_text.empty()) {
      type = parse_type(type_text);
      if (!type) fail("unknown type '" + std::string(type_text) + "' (drug, condition, receptor)");
    }

    std::uint32_t position = 0;
    if (auto root = untyped.find(std::string(id)); root != untyped.end()) {
      // A category heading: the row gives the type MeSH's tree numbers would.
      if (!type) fail(std::string(id) + " has no tree numbers in MeSH: give its type");
      if (!name.empty() && name != root->second.name) {
        fail(std::string(id) + " is '" + root->second.name + "' in MeSH, not '" +
             std::string(name) + "'");
      }
      if (!parent.empty()) fail("a MeSH descriptor takes its parents from its tree numbers");
      Entity entity = std::move(root->second);
      untyped.erase(root);
      entity.type = *type;
      for (auto synonym : synonyms) add_synonym(entity, synonym);
      position = static_cast<std::uint32_t>(vocabulary.entities_.size());
      vocabulary.by_id_.emplace(entity.id, position);
      vocabulary.add_term(entity.name, position);
      for (const auto& synonym : entity.synonyms) vocabulary.add_term(synonym, position);
      vocabulary.entities_.push_back(std::move(entity));
    } else if (id.substr(0, kMeshPrefix.size()) == kMeshPrefix) {
      auto found = vocabulary.by_id_.find(std::string(id));
      if (found == vocabulary.by_id_.end()) fail("unknown MeSH id " + std::string(id));
      position = found->second;
      Entity& entity = vocabulary.entities_[position];
      // Name and type, when given, guard against a mistyped descriptor id.
      if (!name.empty() && name != entity.name) {
        fail(std::string(id) + " is '" + entity.name + "' in MeSH, not '" + std::string(name) + "'");
      }
      if (type && *type != entity.type) {
        fail(std::string(id) + " is a " + entity_type_name(entity.type) + " in the vocabulary");
      }
      if (!parent.empty()) fail("a MeSH descriptor takes its parents from its tree numbers");
      if (synonyms.empty()) fail("a row for a MeSH id must add synonyms");
      for (auto synonym : synonyms) add_synonym(entity, synonym);
    } else if (id.substr(0, kLocalPrefix.size()) == kLocalPrefix &&
               id.size() > kLocalPrefix.size()) {
      if (name.empty() || !type || parent.empty()) {
        fail("a litgraph: entity needs a name, a type and a parent");
      }
      if (vocabulary.by_id_.count(std::string(parent)) == 0) {
        fail("unknown parent " + std::string(parent));
      }
      Entity entity;
      entity.id = std::string(id);
      entity.name = std::string(name);
      entity.type = *type;
      entity.parent = std::string(parent);
      for (auto synonym : synonyms) add_synonym(entity, synonym);
      position = static_cast<std::uint32_t>(vocabulary.entities_.size());
      if (!vocabulary.by_id_.emplace(entity.id, position).second) {
        fail("duplicate id " + entity.id);
      }
      vocabulary.entities_.push_back(std::move(entity));
      vocabulary.add_term(name, position);
    } else {
      fail("an id starts with mesh: or litgraph:, not '" + std::string(id) + "'");
    }
    for (auto synonym : synonyms) vocabulary.add_term(synonym, position);
  });

  if (!untagged_tsv.empty()) {
    const std::string untagged_source = untagged_tsv.string();
    const std::string untagged_bytes = read_whole_file(untagged_tsv);
    for_each_line(untagged_bytes, [&](std::string_view line, long number) {
      if (number == 1) {
        if (line != kUntaggedHeader) {
          throw ParseError(untagged_source, number,
                           "expected the header " + std::string(kUntaggedHeader));
        }
        return;
      }
      if (trim(line).empty() || line[0] == '#') return;
      auto fields = split(line, '\t');
      if (fields.size() != 2 || trim(fields[0]).empty()) {
        throw ParseError(untagged_source, number, "expected a term and a note, tab-separated");
      }
      std::string folded = fold_for_matching(trim(fields[0]));
      if (folded.empty()) throw ParseError(untagged_source, number, "empty term");
      vocabulary.untagged_.push_back(std::move(folded));
    });
    std::sort(vocabulary.untagged_.begin(), vocabulary.untagged_.end());
  }

  std::sort(vocabulary.terms_.begin(), vocabulary.terms_.end());
  vocabulary.terms_.erase(std::unique(vocabulary.terms_.begin(), vocabulary.terms_.end()),
                          vocabulary.terms_.end());
  vocabulary.terms_.shrink_to_fit();
  return vocabulary;
}

Vocabulary Vocabulary::load_directory(const fs::path& directory) {
  const fs::path mesh = directory / "mesh2024.tsv";
  const fs::path curated = directory / "curated.tsv";
  const fs::path untagged = directory / "untagged.tsv";
  for (const auto& file : {mesh, curated, untagged}) {
    std::error_code error;
    if (!fs::is_regular_file(file, error)) {
      throw ConfigError("vocabulary file " + file.string() +
                        " not found (set LITGRAPH_VOCABULARY_DIR or --vocabulary to the folder "
                        "holding mesh2024.tsv, curated.tsv and untagged.tsv)");
    }
  }
  return load(mesh, curated, untagged);
}

bool Vocabulary::is_untagged(std::string_view term) const {
  return std::binary_search(untagged_.begin(), untagged_.end(), fold_for_matching(term));
}

fs::path default_vocabulary_directory() {
  if (const char* set = std::getenv("LITGRAPH_VOCABULARY_DIR"); set != nullptr && *set != '\0') {
    return set;
  }
  std::error_code error;
  const fs::path source_tree = LITGRAPH_SOURCE_VOCABULARY_DIR;
  if (fs::is_directory(source_tree, error)) return source_tree;
  return LITGRAPH_INSTALLED_VOCABULARY_DIR;
}

const Entity* Vocabulary::find(std::string_view id) const {
  auto found = by_id_.find(id);
  return found == by_id_.end() ? nullptr : &entities_[found->second];
}

std::vector<const Entity*> Vocabulary::lookup(std::string_view term) const {
  std::string folded = fold_for_matching(term);
  auto first = std::lower_bound(terms_.begin(), terms_.end(), folded,
                                [](const auto& entry, const std::string& key) {
                                  return entry.first < key;
                                });
  std::vector<const Entity*> found;
  // Sorted by (term, entity index), so entities come in load order, once each.
  for (auto it = first; it != terms_.end() && it->first == folded; ++it) {
    found.push_back(&entities_[it->second]);
  }
  return found;
}

}  // namespace litgraph::schema
