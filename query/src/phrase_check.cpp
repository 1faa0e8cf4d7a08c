#include "phrase_check.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "litgraph/indexer/free_text.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::query::internal {

namespace layout = schema::layout;

namespace {

void put_uint(std::string& out, std::size_t value) {
  out += std::to_string(value);
  out += ' ';
}

std::size_t get_uint(std::string_view& in) {
  const std::size_t space = in.find(' ');
  if (space == std::string_view::npos) throw Xapian::SerialisationError("bad PhraseCheck");
  const std::size_t value = std::strtoull(std::string(in.substr(0, space)).c_str(), nullptr, 10);
  in.remove_prefix(space + 1);
  return value;
}

// FILTER(AND(terms), PhraseCheck): the AND finds the candidates (and weighs
// them as Xapian weighs a phrase), the check reads each one's word stream.
class PhraseCheck final : public Xapian::PostingSource {
 public:
  PhraseCheck(std::vector<std::string> terms, Xapian::termcount window, bool ordered)
      : terms_(std::move(terms)), window_(window), ordered_(ordered) {}

  void init(const Xapian::Database& database) override {
    database_ = database;
    postings_.clear();
    Xapian::doccount fewest = database.get_doccount();
    std::vector<std::string> unique = terms_;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (const auto& term : unique) {
      postings_.emplace_back(database.postlist_begin(term), database.postlist_end(term));
      fewest = std::min(fewest, database.get_termfreq(term));
    }
    fewest_ = fewest;
    current_ = 0;
    positioned_ = true;
    at_end_ = postings_.empty();
  }

  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return fewest_ / 2; }
  Xapian::doccount get_termfreq_max() const override { return fewest_; }
  Xapian::docid get_docid() const override { return current_; }
  bool at_end() const override { return at_end_; }
  void next(double) override { advance(current_ + 1); }
  void skip_to(Xapian::docid id, double) override {
    if (!positioned_ || id > current_) advance(std::max(id, current_ + (positioned_ ? 0 : 1)));
  }
  bool check(Xapian::docid id, double) override {  // `id` may lack a word
    current_ = id;
    positioned_ = matches(id);
    return positioned_;
  }

  PhraseCheck* clone() const override { return new PhraseCheck(terms_, window_, ordered_); }
  std::string name() const override { return "litgraph.PhraseCheck"; }
  std::string serialise() const override {
    std::string out;
    put_uint(out, ordered_ ? 1 : 0);
    put_uint(out, window_);
    put_uint(out, terms_.size());
    for (const auto& term : terms_) {
      put_uint(out, term.size());
      out += term;
    }
    return out;
  }
  PhraseCheck* unserialise(const std::string& serialised) const override {
    std::string_view in = serialised;
    const bool ordered = get_uint(in) != 0;
    const auto window = static_cast<Xapian::termcount>(get_uint(in));
    const std::size_t count = get_uint(in);
    if (count > in.size()) throw Xapian::SerialisationError("bad PhraseCheck");
    std::vector<std::string> terms(count);
    for (auto& term : terms) {
      const std::size_t size = get_uint(in);
      if (size > in.size()) throw Xapian::SerialisationError("bad PhraseCheck");
      term = std::string(in.substr(0, size));
      in.remove_prefix(size);
    }
    return new PhraseCheck(std::move(terms), window, ordered);
  }
  std::string get_description() const override {
    std::string description = ordered_ ? "PhraseCheck(" : "NearCheck(";
    for (const auto& term : terms_) description += term + ' ';
    return description + "window " + std::to_string(window_) + ")";
  }

 private:
  // The first document at or after `id` that holds every term and passes.
  void advance(Xapian::docid id) {
    positioned_ = true;
    while (true) {
      bool agreed = true;
      for (auto& [it, end] : postings_) {
        it.skip_to(id);
        if (it == end) {
          at_end_ = true;
          return;
        }
        if (*it != id) {
          id = *it;
          agreed = false;
        }
      }
      if (!agreed) continue;
      if (matches(id)) {
        current_ = id;
        return;
      }
      ++id;
    }
  }

  // Whether document `id` holds every word (check() may be asked of any
  // document) and has them in order or near in its word stream.
  bool matches(Xapian::docid id) {
    for (auto& [it, end] : postings_) {
      it.skip_to(id);
      if (it == end || *it != id) return false;
    }
    const Xapian::Document document = database_.get_document(id, Xapian::DOC_ASSUME_VALID);
    const std::string stream = document.get_value(layout::kWordStream);
    // Adjacent words (a quoted phrase, a hyphenated word): stop at the first.
    if (ordered_ && window_ == terms_.size()) return indexer::has_sequence(stream, terms_);
    return words_within(indexer::word_positions(stream, terms_), window_, ordered_);
  }

  std::vector<std::string> terms_;
  Xapian::termcount window_;
  bool ordered_;
  Xapian::Database database_;
  std::vector<std::pair<Xapian::PostingIterator, Xapian::PostingIterator>> postings_;
  Xapian::doccount fewest_ = 0;  // the rarest word's documents
  Xapian::docid current_ = 0;
  bool positioned_ = true;  // false after a check() that failed
  bool at_end_ = false;
};

// The window of a phrase or NEAR: Xapian 1.4 has no getter, but writes it
// after the operator's name in the description ("(a@1 PHRASE 2 b@2)").
Xapian::termcount window_of(const Xapian::Query& query, std::string_view op) {
  const std::string description = query.get_description();
  const std::string marker = " " + std::string(op) + " ";
  const std::size_t at = description.find(marker);
  if (at == std::string::npos) return static_cast<Xapian::termcount>(query.get_num_subqueries());
  return static_cast<Xapian::termcount>(std::strtoul(description.c_str() + at + marker.size(), nullptr, 10));
}

// Boolean operators that Xapian 1.4 can make again from their parts alone
// (it gives no getter for the parameters of the others, OP_ELITE_SET's size,
// OP_SCALE_WEIGHT's factor). XOR can be too, but is no superset of its
// parts' supersets.
bool made_of_parts(Xapian::Query::op type) {
  switch (type) {
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return true;
    default:
      return false;
  }
}

bool has_positional(const Xapian::Query& query) {
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) return true;
  for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
    if (has_positional(query.get_subquery(k))) return true;
  }
  return false;
}

}  // namespace

bool words_within(const std::vector<std::vector<Xapian::termpos>>& positions, Xapian::termcount window,
                  bool ordered) {
  if (positions.empty()) return false;
  for (const auto& list : positions) {
    if (list.empty()) return false;
  }
  if (ordered) {
    // From each start, the nearest next word each time gives the shortest span.
    for (const Xapian::termpos first : positions[0]) {
      Xapian::termpos last = first;
      for (std::size_t k = 1; k < positions.size(); ++k) {
        const auto next = std::upper_bound(positions[k].begin(), positions[k].end(), last);
        if (next == positions[k].end()) return false;  // later starts cannot do better
        last = *next;
      }
      if (last - first + 1 <= window) return true;
    }
    return false;
  }
  // Any order: a window [start, start + window) holding each word (a word
  // named twice at two positions). Words named twice have equal lists.
  std::vector<std::pair<const std::vector<Xapian::termpos>*, std::size_t>> words;
  for (const auto& list : positions) {
    auto same = std::find_if(words.begin(), words.end(), [&](const auto& word) { return *word.first == list; });
    if (same == words.end()) {
      words.emplace_back(&list, 1);
    } else {
      ++same->second;
    }
  }
  for (const auto& list : positions) {
    for (const Xapian::termpos start : list) {
      const Xapian::termpos end = start + window;  // past the window
      bool all = true;
      for (const auto& [word, needed] : words) {
        const auto from = std::lower_bound(word->begin(), word->end(), start);
        const auto to = std::lower_bound(word->begin(), word->end(), end);
        if (static_cast<std::size_t>(to - from) < needed) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
  }
  return false;
}

Xapian::Query check_phrases(const Xapian::Query& query) {
  if (!has_positional(query)) return query;
  const auto type = query.get_type();
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
    std::vector<std::string> terms;
    for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
      const Xapian::Query word = query.get_subquery(k);
      if (word.get_type() != Xapian::Query::LEAF_TERM) {
        throw UsageError("a phrase or NEAR of anything but words cannot be searched: " + query.get_description());
      }
      terms.push_back(*word.get_terms_begin());
    }
    const bool ordered = type == Xapian::Query::OP_PHRASE;
    const Xapian::termcount window = window_of(query, ordered ? "PHRASE" : "NEAR");
    Xapian::Query all(Xapian::Query::OP_AND, terms.begin(), terms.end());
    if (terms.size() < 2) return all;
    return Xapian::Query(Xapian::Query::OP_FILTER, all,
                         Xapian::Query(new PhraseCheck(terms, window, ordered)));
  }
  if (!made_of_parts(type) && type != Xapian::Query::OP_XOR) {
    throw UsageError("a phrase inside " + query.get_description() + " cannot be searched");
  }
  std::vector<Xapian::Query> parts;
  for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) parts.push_back(check_phrases(query.get_subquery(k)));
  return Xapian::Query(type, parts.begin(), parts.end());
}

namespace {

// The phrases of `query` as the AND of their words where they are wanted,
// left out where they are excluded (under AND_NOT): a superset of `query`'s
// matches, ranked as `query` ranks them.
Xapian::Query candidates(const Xapian::Query& query, bool wanted) {
  if (!has_positional(query)) return query;
  const auto type = query.get_type();
  std::vector<Xapian::Query> parts;
  for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
    const bool part_wanted = type == Xapian::Query::OP_AND_NOT && k > 0 ? !wanted : wanted;
    parts.push_back(candidates(query.get_subquery(k), part_wanted));
  }
  if (type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR) {
    if (!wanted) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
  if (!made_of_parts(type)) {
    throw UsageError("a phrase inside " + query.get_description() + " cannot be searched on remote shards");
  }
  return Xapian::Query(type, parts.begin(), parts.end());
}

bool has_term(const Xapian::Document& document, const std::string& term) {
  auto it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term;
}

// Whether `document` matches `query`.
bool matches_document(const Xapian::Query& query, const Xapian::Document& document) {
  const auto type = query.get_type();
  const std::size_t count = query.get_num_subqueries();
  auto part = [&](std::size_t k) { return matches_document(query.get_subquery(k), document); };
  switch (type) {
    case Xapian::Query::LEAF_TERM:
      return has_term(document, *query.get_terms_begin());
    case Xapian::Query::LEAF_MATCH_ALL:
      return true;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return false;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      for (std::size_t k = 0; k < count; ++k) {
        if (!part(k)) return false;
      }
      return true;
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      for (std::size_t k = 0; k < count; ++k) {
        if (part(k)) return true;
      }
      return false;
    case Xapian::Query::OP_AND_NOT:
      if (!part(0)) return false;
      for (std::size_t k = 1; k < count; ++k) {
        if (part(k)) return false;
      }
      return true;
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return part(0);
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      std::vector<std::string> terms;
      for (std::size_t k = 0; k < count; ++k) {
        terms.push_back(*query.get_subquery(k).get_terms_begin());
        if (!has_term(document, terms.back())) return false;
      }
      const bool ordered = type == Xapian::Query::OP_PHRASE;
      return words_within(indexer::word_positions(document.get_value(layout::kWordStream), terms),
                          window_of(query, ordered ? "PHRASE" : "NEAR"), ordered);
    }
    default:
      throw UsageError("a phrase beside " + query.get_description() + " cannot be searched on remote shards");
  }
}

}  // namespace

Xapian::Query checked_by_reader(const Xapian::Database& database, const Xapian::Query& query) {
  const Xapian::Query wide = candidates(query, /*wanted=*/true);
  Xapian::Enquire enquire(database);
  enquire.set_query(wide);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet all = enquire.get_mset(0, database.get_doccount());
  std::vector<std::string> ids;
  const std::string id_prefix(layout::kIdPrefix);
  for (auto it = all.begin(); it != all.end(); ++it) {
    const Xapian::Document document = it.get_document();
    if (!matches_document(query, document)) continue;
    auto term = document.termlist_begin();
    term.skip_to(id_prefix);
    if (term != document.termlist_end() && (*term).starts_with(id_prefix)) ids.push_back(*term);
  }
  if (ids.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(Xapian::Query::OP_FILTER, wide, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()));
}

const Xapian::Registry& phrase_registry() {
  static const Xapian::Registry registry = [] {
    Xapian::Registry result;
    result.register_posting_source(PhraseCheck({}, 0, true));
    return result;
  }();
  return registry;
}

bool has_posting_source(const Xapian::Query& query) {
  if (query.get_type() == Xapian::Query::LEAF_POSTING_SOURCE) return true;
  for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
    if (has_posting_source(query.get_subquery(k))) return true;
  }
  return false;
}

}  // namespace litgraph::query::internal
