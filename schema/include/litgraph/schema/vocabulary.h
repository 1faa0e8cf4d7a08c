// The entity vocabulary: drugs, conditions and receptors with MeSH identifiers,
// built from the MeSH 2024 descriptor table plus a small curated layer for what
// MeSH lacks (local entities, abbreviations, spelling variants). Std only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace litgraph::schema {

enum class EntityType { kDrug, kCondition, kReceptor };

// "drug", "condition" or "receptor".
const char* entity_type_name(EntityType type);

struct Entity;
// Whether `entity` is a drug class defined by its action alone ("Analgesics",
// "Antipsychotic Agents"): every MeSH tree number under D27.
bool is_action_class(const Entity& entity);

struct Entity {
  std::string id;    // "mesh:D007649", or "litgraph:esketamine" for what MeSH lacks
  std::string name;  // MeSH's preferred name, or the curated name
  EntityType type = EntityType::kDrug;
  std::vector<std::string> synonyms;      // MeSH entry terms, then curated synonyms
  std::vector<std::string> tree_numbers;  // MeSH tree numbers; empty for litgraph: ids
  std::string parent;                     // litgraph: ids only: the nearest MeSH id
};

// Typing by MeSH tree numbers, the first rule that applies:
//   receptor   Receptors, Cell Surface (D12.776.543.750), Receptors, Cytoplasmic
//              and Nuclear (D12.776.826) and Ion Channels (D12.776.157.530.400,
//              D12.776.543.550.450, D12.776.543.585.400), with their subtypes;
//   condition  the C tree (diseases) and F03 (mental disorders);
//   drug       any other D-tree descriptor (chemicals and drugs, including the
//              D27 pharmacological-action classes), except enzymes (D08.811),
//              proteins (D12.776), pharmaceutical preparations (D26) and
//              complex mixtures (D20) for which MeSH lists no pharmacological
//              action: hemoglobin, renin or tablets are not drugs, insulin is.
// A descriptor in none of these trees is not part of the vocabulary.
//
// Immutable once loaded; const methods may be called from several threads.
class Vocabulary {
 public:
  // Loads the MeSH descriptor table (`DescriptorUI, DescriptorName, TreeNumbers,
  // EntryTerms, PharmacologicalActions`, tab-separated with a header) and the
  // curated layer (`id, name, type, parent, synonyms`; see
  // schema/vocabulary/curated.tsv). A curated row with a mesh: id adds synonyms
  // to that descriptor (its name and type, if given, must agree with MeSH); a
  // row with a litgraph: id adds an entity whose parent must be a known id.
  // Throws ParseError (`file:line: error: …`) for a malformed line, and
  // ParseError naming the file when it cannot be read.
  // `untagged_tsv` (`term, note`; optional) lists terms that the tagger must
  // not match in running text (see schema/vocabulary/untagged.tsv).
  static Vocabulary load(const std::filesystem::path& mesh_tsv,
                         const std::filesystem::path& curated_tsv,
                         const std::filesystem::path& untagged_tsv = {});

  // Loads the vocabulary a program ships: `directory`/mesh2024.tsv (the typed
  // MeSH subset that scripts/make-vocabulary.py derives) and
  // `directory`/curated.tsv, with `directory`/untagged.tsv. Throws ConfigError when either file is missing,
  // ParseError when one is malformed.
  static Vocabulary load_directory(const std::filesystem::path& directory);

  // The entity with this id ("mesh:D020918"), or nullptr. Points into this
  // vocabulary; valid while it lives.
  const Entity* find(std::string_view id) const;

  // Entities that have `term` as name or synonym, compared after
  // fold_for_matching(), so case, hyphens and Greek letters do not matter
  // ("μ-opioid receptor" == "mu opioid receptor"). A term also matches its
  // simple singular/plural variant ("syndrome"/"syndromes", "ies"/"y"), except
  // when the last word is an abbreviation written in capitals ("CRPS" is not a
  // plural of "CRP"). Each entity appears once, in load order; empty if none.
  std::vector<const Entity*> lookup(std::string_view term) const;

  // Whether `term` (compared after fold_for_matching()) is one that running
  // text uses as an ordinary word, not as a name of its entity.
  bool is_untagged(std::string_view term) const;

  // Number of entities.
  std::size_t size() const { return entities_.size(); }

  // Every entity, MeSH descriptors in table order, then curated litgraph: ids.
  // Stable for the vocabulary's lifetime (what a tagger builds its index from).
  const std::vector<Entity>& entities() const { return entities_; }

 private:
  void add_term(std::string_view term, std::uint32_t entity);

  std::vector<Entity> entities_;
  // Looked up by string_view without building a string (facets look up
  // every value they show).
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
  };
  std::unordered_map<std::string, std::uint32_t, IdHash, std::equal_to<>> by_id_;
  // Folded term -> entity index; sorted, without duplicate pairs.
  std::vector<std::pair<std::string, std::uint32_t>> terms_;
  std::vector<std::string> untagged_;  // folded, sorted
};

// Where the shipped vocabulary is: $LITGRAPH_VOCABULARY_DIR when set, else the
// source tree's schema/vocabulary/ when it still exists (a build tree), else the
// installed share/litgraph/vocabulary/.
std::filesystem::path default_vocabulary_directory();

}  // namespace litgraph::schema
