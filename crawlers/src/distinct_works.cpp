#include "litgraph/crawlers/distinct_works.h"

#include <numeric>
#include <unordered_map>

#include "litgraph/schema/text.h"

namespace litgraph::crawlers {

using schema::Reference;

namespace {

// Union-find over reference indexes that refuses to join two different DOIs.
class WorkSets {
 public:
  explicit WorkSets(const std::vector<Reference>& refs) : parent_(refs.size()), doi_(refs.size()) {
    std::iota(parent_.begin(), parent_.end(), 0);
    for (std::size_t i = 0; i < refs.size(); ++i)
      if (refs[i].doi) doi_[i] = *refs[i].doi;
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (!doi_[a].empty() && !doi_[b].empty() && doi_[a] != doi_[b]) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
    if (doi_[a].empty()) doi_[a] = doi_[b];
  }

 private:
  std::vector<std::size_t> parent_;
  std::vector<std::string> doi_;
};

int filled_fields(const Reference& r) {
  int n = static_cast<int>(r.authors.size() > 0) + r.doi.has_value() + r.pmid.has_value() +
          r.year.has_value() + r.title.has_value() + r.container.has_value() +
          r.volume.has_value() + r.issue.has_value() + r.pages.has_value();
  return n;
}

}  // namespace

std::vector<DistinctWork> merge_same_works(const std::vector<Reference>& refs) {
  WorkSets sets(refs);
  std::unordered_map<std::string, std::size_t> first_with_key;
  auto join_on = [&](const std::string& key, std::size_t i) {
    auto [it, inserted] = first_with_key.emplace(key, i);
    if (!inserted) sets.join(it->second, i);
  };
  std::vector<std::string> titles(refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const Reference& r = refs[i];
    if (r.doi) join_on("doi " + *r.doi, i);
    if (r.pmid) join_on("pmid " + *r.pmid, i);
    if (r.title) titles[i] = schema::fold_for_matching(*r.title);
    if (!titles[i].empty() && r.year && !r.authors.empty())
      join_on("tya " + titles[i] + "|" + std::to_string(*r.year) + "|" +
                  schema::fold_for_matching(r.authors.front().family),
              i);
  }
  // Title-only entries (no authors, no year) join a fuller entry with the same title.
  std::unordered_map<std::string, std::size_t> first_with_title;
  for (std::size_t i = 0; i < refs.size(); ++i)
    if (titles[i].size() >= 20) first_with_title.emplace(titles[i], i);
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (titles[i].size() < 20) continue;
    bool title_only = refs[i].authors.empty() && !refs[i].year;
    std::size_t first = first_with_title.at(titles[i]);
    if (first == i) continue;
    if (title_only || (refs[first].authors.empty() && !refs[first].year)) sets.join(first, i);
  }

  std::vector<DistinctWork> works;
  std::unordered_map<std::size_t, std::size_t> work_of_root;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    std::size_t root = sets.find(i);
    auto [it, inserted] = work_of_root.emplace(root, works.size());
    if (inserted) works.push_back({refs[i], {}});
    DistinctWork& work = works[it->second];
    work.cited_by.push_back({refs[i].source, refs[i].n});
    if (filled_fields(refs[i]) > filled_fields(work.reference)) work.reference = refs[i];
  }
  return works;
}

}  // namespace litgraph::crawlers
