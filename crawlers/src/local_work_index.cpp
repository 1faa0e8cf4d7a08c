#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "litgraph/crawlers/matcher.h"
#include "matcher_internal.h"

namespace litgraph::crawlers {

using schema::Reference;
using schema::Work;
using namespace internal;

struct LocalWorkIndex::Impl {
  std::vector<Work> works;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_title_word;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_author_year;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_volume_page;

  static std::string author_year_key(std::string_view family, int year) {
    return joined(family_words(family)) + "|" + std::to_string(year);
  }
  static std::string volume_page_key(std::string_view volume, std::string_view page) {
    std::string page_part = page_key(page);
    if (page_part.size() > 1 && page_part[0] == 'e') page_part.erase(0, 1);  // as same_page_key
    return volume_key(volume) + "|" + page_part;
  }
  double idf(const std::vector<std::uint32_t>& postings) const {
    return std::log(static_cast<double>(works.size() + 1) / static_cast<double>(postings.size()));
  }
};

LocalWorkIndex::LocalWorkIndex(std::vector<Work> works) : impl_(std::make_unique<Impl>()) {
  impl_->works = std::move(works);
  for (std::uint32_t i = 0; i < impl_->works.size(); ++i) {
    const Work& w = impl_->works[i];
    std::vector<std::string> words;
    if (w.title) words = content_words(*w.title);
    for (const std::string& other : w.other_titles)
      for (std::string& word : content_words(other)) words.push_back(std::move(word));
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    for (const std::string& word : words) impl_->by_title_word[word].push_back(i);
    if (!w.authors.empty() && w.year)
      impl_->by_author_year[Impl::author_year_key(w.authors.front().family, *w.year)].push_back(i);
    if (w.volume && w.first_page)
      impl_->by_volume_page[Impl::volume_page_key(*w.volume, *w.first_page)].push_back(i);
  }
}

LocalWorkIndex::~LocalWorkIndex() = default;
LocalWorkIndex::LocalWorkIndex(LocalWorkIndex&&) noexcept = default;
LocalWorkIndex& LocalWorkIndex::operator=(LocalWorkIndex&&) noexcept = default;

const std::vector<Work>& LocalWorkIndex::works() const { return impl_->works; }

std::vector<const Work*> LocalWorkIndex::candidates(const Reference& ref, std::size_t limit) const {
  const Impl& index = *impl_;
  std::unordered_map<std::uint32_t, double> weight;
  std::vector<std::string> entry = content_words(ref.raw);
  // A title word counts by its rarity; without a title, the words of the
  // whole entry stand in, since the parser may have missed the title.
  std::vector<std::string> words = ref.title ? content_words(*ref.title) : entry;
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<const std::vector<std::uint32_t>*> postings;
  for (const std::string& word : words)
    if (auto it = index.by_title_word.find(word); it != index.by_title_word.end())
      postings.push_back(&it->second);
  std::sort(postings.begin(), postings.end(),
            [](const auto* a, const auto* b) { return a->size() < b->size(); });
  // Rare words first; words common to many works ("disease") only while too
  // few rare ones have been seen, since they cost much and tell little.
  constexpr std::size_t kRareWordsEnough = 3;
  std::size_t common_from = std::max<std::size_t>(50, index.works.size() / 20);
  for (std::size_t k = 0; k < postings.size(); ++k) {
    if (k >= kRareWordsEnough && postings[k]->size() > common_from) break;
    double idf = index.idf(*postings[k]);
    for (std::uint32_t i : *postings[k]) weight[i] += idf;
  }
  // A shared first author and year, or volume and first page, outweighs a
  // few shared title words. Both come from the parsed fields and, as the
  // parser may miss them, from the entry: its first word or two as the
  // author, numbers close together as volume and page.
  constexpr double kKeyBonus = 20.0;
  std::vector<std::string> author_keys;
  std::vector<std::string> page_keys;
  if (ref.year) {
    std::vector<std::string> families;
    if (!ref.authors.empty()) families.push_back(joined(family_words(ref.authors.front().family)));
    if (!entry.empty()) families.push_back(entry[0]);
    if (entry.size() > 1) families.push_back(entry[0] + entry[1]);
    for (const std::string& family : families)
      for (int year = *ref.year - 1; year <= *ref.year + 1; ++year)
        author_keys.push_back(family + "|" + std::to_string(year));
  }
  if (ref.volume && ref.first_page)
    page_keys.push_back(Impl::volume_page_key(*ref.volume, *ref.first_page));
  auto has_digit = [](const std::string& w) { return w.find_first_of("0123456789") != w.npos; };
  for (std::size_t i = 0; i < entry.size(); ++i)
    for (std::size_t j = i + 1; j <= i + 2 && j < entry.size(); ++j)
      if (has_digit(entry[i]) && has_digit(entry[j]))
        page_keys.push_back(Impl::volume_page_key(entry[i], entry[j]));
  auto look_up = [&](std::vector<std::string>& keys, const auto& map) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const std::string& key : keys)
      if (auto it = map.find(key); it != map.end())
        for (std::uint32_t i : it->second) weight[i] += kKeyBonus;
  };
  look_up(author_keys, index.by_author_year);
  look_up(page_keys, index.by_volume_page);

  std::vector<std::pair<double, std::uint32_t>> ranked;
  ranked.reserve(weight.size());
  for (const auto& [i, w] : weight) ranked.emplace_back(w, i);
  std::size_t keep = std::min(limit, ranked.size());
  // Ties go to the earlier work, so the result does not depend on hashing.
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                    ranked.end(), [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<const Work*> result;
  result.reserve(keep);
  for (std::size_t k = 0; k < keep; ++k) result.push_back(&index.works[ranked[k].second]);
  return result;
}

}  // namespace litgraph::crawlers
