#include "match_stream.h"

#include <algorithm>
#include <string>
#include <vector>

namespace litgraph::query::internal {

namespace {

using Xapian::docid;

class TermStream final : public MatchStream {
 public:
  TermStream(const Xapian::Database& database, const std::string& term)
      : it_(database.postlist_begin(term)), end_(database.postlist_end(term)),
        size_(database.get_termfreq(term)) {}
  docid skip_to(docid id) override {
    if (current_ >= id) return current_;
    it_.skip_to(id);
    current_ = it_ == end_ ? kEndOfMatches : *it_;
    return current_;
  }
  double estimate() const override { return size_; }

 private:
  Xapian::PostingIterator it_;
  Xapian::PostingIterator end_;
  double size_;
  docid current_ = 0;
};

// Every document (MatchAll): the ids the kind column knows.
class AllStream final : public MatchStream {
 public:
  explicit AllStream(const FacetColumns& columns) : columns_(columns) {}
  docid skip_to(docid id) override {
    if (current_ >= id) return current_;
    for (std::size_t k = std::max<docid>(id, 1); k < columns_.document_id_limit(); ++k) {
      if (columns_.kind(static_cast<docid>(k)) != FacetColumns::kNone) return current_ = static_cast<docid>(k);
    }
    return current_ = kEndOfMatches;
  }
  double estimate() const override { return static_cast<double>(columns_.document_id_limit()); }

 private:
  const FacetColumns& columns_;
  docid current_ = 0;
};

class ListStream final : public MatchStream {
 public:
  explicit ListStream(std::vector<docid> ids) : ids_(std::move(ids)) {}
  docid skip_to(docid id) override {
    at_ = static_cast<std::size_t>(std::lower_bound(ids_.begin() + static_cast<std::ptrdiff_t>(at_), ids_.end(), id) -
                                   ids_.begin());
    return at_ < ids_.size() ? ids_[at_] : kEndOfMatches;
  }
  double estimate() const override { return static_cast<double>(ids_.size()); }

 private:
  std::vector<docid> ids_;
  std::size_t at_ = 0;
};

class AndStream final : public MatchStream {
 public:
  explicit AndStream(std::vector<std::unique_ptr<MatchStream>> legs) : legs_(std::move(legs)) {
    // The rarest leg first: it proposes, the others confirm.
    std::sort(legs_.begin(), legs_.end(), [](const auto& a, const auto& b) { return a->estimate() < b->estimate(); });
  }
  docid skip_to(docid id) override {
    if (current_ >= id) return current_;
    if (legs_.empty()) return current_ = kEndOfMatches;
    docid candidate = id;
    std::size_t agreed = 0;
    for (std::size_t k = 0; agreed < legs_.size(); k = (k + 1) % legs_.size()) {
      const docid at = legs_[k]->skip_to(candidate);
      if (at == kEndOfMatches) return current_ = kEndOfMatches;
      if (at != candidate) {
        candidate = at;
        agreed = 1;
      } else {
        ++agreed;
      }
    }
    return current_ = candidate;
  }
  double estimate() const override { return legs_.empty() ? 0 : legs_.front()->estimate(); }

 private:
  std::vector<std::unique_ptr<MatchStream>> legs_;
  docid current_ = 0;
};

class OrStream final : public MatchStream {
 public:
  explicit OrStream(std::vector<std::unique_ptr<MatchStream>> legs) : legs_(std::move(legs)) {
    for (const auto& leg : legs_) size_ += leg->estimate();
  }
  docid skip_to(docid id) override {
    if (current_ >= id) return current_;
    docid lowest = kEndOfMatches;
    for (const auto& leg : legs_) lowest = std::min(lowest, leg->skip_to(id));
    return current_ = lowest;
  }
  double estimate() const override { return size_; }

 private:
  std::vector<std::unique_ptr<MatchStream>> legs_;
  double size_ = 0;
  docid current_ = 0;
};

class AndNotStream final : public MatchStream {
 public:
  AndNotStream(std::unique_ptr<MatchStream> wanted, std::unique_ptr<MatchStream> unwanted)
      : wanted_(std::move(wanted)), unwanted_(std::move(unwanted)) {}
  docid skip_to(docid id) override {
    if (current_ >= id) return current_;
    docid at = wanted_->skip_to(id);
    while (at != kEndOfMatches && unwanted_->skip_to(at) == at) at = wanted_->skip_to(at + 1);
    return current_ = at;
  }
  double estimate() const override { return wanted_->estimate(); }

 private:
  std::unique_ptr<MatchStream> wanted_;
  std::unique_ptr<MatchStream> unwanted_;
  docid current_ = 0;
};

// Lists what Xapian's matcher accepts, for operators this file does not
// evaluate itself.
class Collector final : public Xapian::MatchSpy {
 public:
  explicit Collector(std::vector<docid>& ids) : ids_(ids) {}
  void operator()(const Xapian::Document& document, double) override { ids_.push_back(document.get_docid()); }

 private:
  std::vector<docid>& ids_;
};

std::unique_ptr<MatchStream> matches_by_xapian(const Xapian::Database& database, const Xapian::Query& query) {
  std::vector<docid> ids;
  Collector collector(ids);
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.add_matchspy(&collector);
  enquire.get_mset(0, 0, database.get_doccount());
  std::sort(ids.begin(), ids.end());
  return std::make_unique<ListStream>(std::move(ids));
}

std::vector<std::unique_ptr<MatchStream>> legs(const Xapian::Database& database, const Xapian::Query& query,
                                               const FacetColumns& columns, std::size_t first = 0) {
  std::vector<std::unique_ptr<MatchStream>> result;
  for (std::size_t k = first; k < query.get_num_subqueries(); ++k) {
    result.push_back(match_stream(database, query.get_subquery(k), columns));
  }
  return result;
}

}  // namespace

std::unique_ptr<MatchStream> match_stream(const Xapian::Database& database, const Xapian::Query& query,
                                          const FacetColumns& columns) {
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const std::string term = *query.get_terms_begin();
      if (term.empty()) return std::make_unique<AllStream>(columns);
      return std::make_unique<TermStream>(database, term);
    }
    case Xapian::Query::LEAF_MATCH_ALL:
      return std::make_unique<AllStream>(columns);
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return std::make_unique<ListStream>(std::vector<docid>{});
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
      // A phrase check (phrase_check.h) beside the AND of its words: Xapian
      // checks the AND's candidates one by one, where a stream of the check
      // would read every document that holds the words.
      for (std::size_t k = 0; k < query.get_num_subqueries(); ++k) {
        if (query.get_subquery(k).get_type() == Xapian::Query::LEAF_POSTING_SOURCE) {
          return matches_by_xapian(database, query);
        }
      }
      return std::make_unique<AndStream>(legs(database, query, columns));
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      return std::make_unique<OrStream>(legs(database, query, columns));
    case Xapian::Query::OP_AND_NOT: {
      // a AND_NOT b AND_NOT c = a AND_NOT (b OR c)
      auto unwanted = legs(database, query, columns, 1);
      return std::make_unique<AndNotStream>(match_stream(database, query.get_subquery(0), columns),
                                            std::make_unique<OrStream>(std::move(unwanted)));
    }
    case Xapian::Query::OP_AND_MAYBE:  // the maybe part only weighs
    case Xapian::Query::OP_SCALE_WEIGHT:
      return match_stream(database, query.get_subquery(0), columns);
    default:
      return matches_by_xapian(database, query);
  }
}

}  // namespace litgraph::query::internal
