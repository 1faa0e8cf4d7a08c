#include "english_stem.h"

#include <array>
#include <cstdint>
#include <string>

namespace litgraph::indexer {

namespace {

// Direct-mapped: a word's slot is fixed by its hash, and a newer word in the
// same slot replaces the older one. No allocation once the slots are warm.
class CachedEnglishStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    if (word.size() > kLongestCached) return english_(word);
    Slot& slot = slots_[hash(word) & (kSlots - 1)];
    if (slot.word != word) {
      slot.word = word;
      slot.stem = english_(word);
    }
    return slot.stem;
  }

  std::string get_description() const override { return "cached " + english_.get_description(); }

 private:
  static constexpr std::size_t kSlots = 4096;  // a power of two
  static constexpr std::size_t kLongestCached = 15;  // std::string's inline capacity

  struct Slot {
    std::string word;
    std::string stem;
  };

  static std::uint32_t hash(const std::string& word) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : word) h = (h ^ c) * 16777619u;
    return h ^ (h >> 15);
  }

  Xapian::Stem english_{"en"};
  std::array<Slot, kSlots> slots_;
};

}  // namespace

Xapian::Stem english_stem() {
  thread_local const Xapian::Stem stem(new CachedEnglishStem);
  return stem;
}

}  // namespace litgraph::indexer
