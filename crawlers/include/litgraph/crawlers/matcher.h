// Reference matching: decides which known work, if any, a parsed reference
// cites, by comparing them field by field. A wrong match is worse than none
// (it would mark a citation as verified), so weak or tied evidence comes out
// ambiguous or unmatched, never as a guess.
//
// Functions are pure and thread-safe. LocalWorkIndex is immutable after
// construction: const member functions may be called from several threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "litgraph/schema/reference.h"
#include "litgraph/schema/work.h"

namespace litgraph::crawlers {

// How one field of a reference compares with the same field of a work.
enum class FieldAgreement {
  kMissing,   // absent on either side: counts neither for nor against
  kAgree,     // the same value
  kClose,     // nearly: a year one off (epub vs print), a title cut short or with a subtitle
  kDisagree,  // different values
};

struct MatchScore {
  double score = 0.0;             // 0..1: how sure we are that the reference cites the work
  double title_similarity = 0.0;  // 0..1 token-set similarity; 0 when a title is missing
  FieldAgreement identifier = FieldAgreement::kMissing;  // DOI or PMID written in the reference
  FieldAgreement title = FieldAgreement::kMissing;
  FieldAgreement first_author = FieldAgreement::kMissing;  // family name, diacritics folded
  FieldAgreement year = FieldAgreement::kMissing;
  FieldAgreement container = FieldAgreement::kMissing;  // journal, full or abbreviated
  FieldAgreement volume = FieldAgreement::kMissing;
  FieldAgreement first_page = FieldAgreement::kMissing;
  // The reference gives the volume and page of a correction or comment on the
  // work (one of its "updated-by" notices): it cites that notice, not the work.
  bool cites_notice = false;
};

// Scores one candidate. Each field present on both sides adds evidence for
// (agree) or against (disagree) the match; a field missing on either side adds
// none. The score rises with the total evidence, so a reference that gives
// little cannot score high however well it agrees: a title alone, however
// long, stays below MatchOptions::match_threshold, while a title of four or
// more words (stop words aside) with its journal, as a `Title – Journal`
// entry gives, reaches it.
//
// Where the parser left a field empty or put it in the wrong slot (a
// title-less entry's journal as its title, "Nature 547, 185-190" as the
// journal), the work's value is also looked for in `reference.raw`; found
// there, the field agrees. Volume and page numbers the parser did find are
// not second-guessed. A reference that gives the volume and page of one of
// the work's "updated-by" notices (an erratum) cites the notice: cites_notice
// is set and the score falls below a match. Never throws.
MatchScore score_candidate(const schema::Reference& reference, const schema::Work& work);

// True when two journal names denote the same journal: equal once folded
// (case, diacritics, punctuation, a leading "The", a ": subtitle"), or one an
// abbreviation of the other, each abbreviated word standing for the next full
// word in order, skipping "of", "the", "and", "&", …: "Arch Gen Psychiatry" =
// "Archives of General Psychiatry", "Proc Natl Acad Sci U S A" = "Proceedings
// of the National Academy of Sciences of the United States of America". An
// abbreviated word keeps the full word's first letter and a subsequence of its
// letters ("Natl" for "National").
bool same_container(std::string_view a, std::string_view b);

// Calibrated on the PubMed reference lists of bench/match_eval.cpp (see
// bench/README.md): precision and recall change little between 0.85 and 0.95.
struct MatchOptions {
  double match_threshold = 0.90;      // a best score at or above this is a match...
  double ambiguous_threshold = 0.50;  // ...between this and match_threshold, ambiguous
  double tie_margin = 0.05;           // a runner-up this close to a match makes it ambiguous
  std::size_t max_candidates = 3;     // scored candidates kept in MatchResult::candidates
};

enum class MatchStatus {
  kMatched,    // one work fits, well above any other
  kAmbiguous,  // fits partly, or two works fit as well: a list to check, not a verified match
  kUnmatched,  // no candidate fits
};

struct ScoredCandidate {
  const schema::Work* work = nullptr;  // one of the candidates given; not owned
  MatchScore score;
};

struct MatchResult {
  MatchStatus status = MatchStatus::kUnmatched;
  const schema::Work* work = nullptr;       // the match; null unless status is kMatched
  double score = 0.0;                       // the best candidate's score (0 without candidates)
  std::vector<ScoredCandidate> candidates;  // the best few, best first; ties keep input order
};

// Scores every candidate and decides: matched when the best reaches
// `match_threshold` and no other comes within `tie_margin` of it; ambiguous
// when the best reaches only `ambiguous_threshold`, or is tied; else
// unmatched. Null candidates are skipped. The works must outlive the result.
MatchResult match_reference(const schema::Reference& reference,
                            const std::vector<const schema::Work*>& candidates,
                            const MatchOptions& options = {});

// An in-memory store of works that finds a reference's likely candidates
// without scanning every work: by the rarer words of the title (of the whole
// entry when no title was parsed), by first author and year (±1), and by
// volume and first page, each taken from the parsed fields and from the
// entry's leading words and numbers. Building costs one pass over the works.
class LocalWorkIndex {
 public:
  explicit LocalWorkIndex(std::vector<schema::Work> works);
  ~LocalWorkIndex();
  LocalWorkIndex(LocalWorkIndex&&) noexcept;
  LocalWorkIndex& operator=(LocalWorkIndex&&) noexcept;

  // At most `limit` works, likeliest first (ties in store order); pointers
  // stay valid as long as the index. Empty when nothing of the reference is
  // in the index. Never throws but for std::bad_alloc.
  std::vector<const schema::Work*> candidates(const schema::Reference& reference,
                                              std::size_t limit) const;

  const std::vector<schema::Work>& works() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace litgraph::crawlers
