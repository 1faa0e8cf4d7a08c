// `litgraph check`: does each reference of an article exist, and does it cite
// the work as the work's record has it? One status or more per reference,
// and a finding (field, what is cited, what the record says) for every
// difference worth a writer's attention.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "litgraph/crawlers/crawl.h"
#include "litgraph/schema/reference.h"
#include "litgraph/schema/work.h"

namespace litgraph::checker {

enum class Severity { kError, kWarning, kNote };
std::string_view severity_name(Severity severity);  // "error", "warning", "note"

struct Finding {
  // "first_author", "authors", "year", "title", "container", "volume",
  // "issue", "pages", "doi", "notice" or "entry".
  std::string field;
  std::string cited;   // as the reference gives it; empty when it gives none
  std::string actual;  // what the record says (or, for "entry", the other entry)
  Severity severity = Severity::kError;
  std::string message;  // one sentence for the writer
};

// The statuses, as reports name them. A reference has one or more.
namespace status {
inline constexpr std::string_view kVerified = "verified";
inline constexpr std::string_view kMismatch = "mismatch";
inline constexpr std::string_view kDoiInvalid = "doi-invalid";
inline constexpr std::string_view kDoiNotFound = "doi-not-found";
inline constexpr std::string_view kDoiOtherWork = "doi-other-work";
inline constexpr std::string_view kRetracted = "retracted";
inline constexpr std::string_view kCorrected = "corrected";
inline constexpr std::string_view kExpressionOfConcern = "expression-of-concern";
inline constexpr std::string_view kAheadOfPrint = "ahead-of-print";
inline constexpr std::string_view kMissingDoi = "missing-doi";
inline constexpr std::string_view kUnresolved = "unresolved";
inline constexpr std::string_view kAmbiguous = "ambiguous";
inline constexpr std::string_view kDuplicate = "duplicate";
// Not checked: a service could not be asked (no network, errors).
inline constexpr std::string_view kUnchecked = "unchecked";
}  // namespace status

struct ReferenceCheck {
  schema::Reference reference;
  std::vector<std::string> statuses;  // in the order of `status` above
  std::optional<schema::Work> work;   // the record it was checked against
  std::vector<Finding> findings;
  std::vector<crawlers::MatchCandidate> candidates;  // ambiguous: what it may cite
  std::string reason;  // unresolved, ambiguous or unchecked: why

  bool has(std::string_view name) const;
  // Nothing for the writer to act on: verified, whatever notes it carries.
  bool clean() const;
};

// The differences between what `cited` gives and what `record` says, field
// by field (first author, other authors, year, title, container, volume,
// issue, pages). Like is compared with like: case, diacritics and punctuation
// do not count; an abbreviated journal name matches the full one; "856-64"
// is 856-864; a title cited without its subtitle, or a year that is the
// record's online or print year, is a note. Fields missing on either side
// are not findings.
std::vector<Finding> compare_fields(const schema::Reference& cited, const schema::Work& record);

// One reference against what the crawl found for the work it names:
// statuses and findings (all but "duplicate", which needs the other entries).
ReferenceCheck check_reference(const schema::Reference& reference,
                               const crawlers::CrawledWork& crawled);

// For a numbered reference list: the numbers that in-text markers use but no
// entry has, and the entries no marker names. `body` is the text before the
// reference list.
struct MarkerCheck {
  bool numbered = false;  // the list is numbered (Vancouver, AMA, IEEE, Nature)
  std::vector<int> dangling;
  std::vector<int> uncited;
};
MarkerCheck check_markers(std::string_view body, const std::vector<schema::Reference>& references);

struct ArticleText {
  std::string file;  // as the user named it
  std::string text;  // valid UTF-8
};

struct FileCheck {
  std::string file;
  std::vector<ReferenceCheck> references;  // in list order
  MarkerCheck markers;
};

struct CheckRun {
  std::vector<FileCheck> files;
  crawlers::CrawlReport crawl;  // requests and cache use
  bool complete() const;        // no reference is unchecked
};

// Extracts every article's references, resolves them all in one crawl
// (crawlers::crawl: cache, batches, rate limits, the matcher for references
// without identifiers) and checks each; marks the second and later entries
// of one work in a file as duplicates. Throws what crawlers::crawl throws.
CheckRun check_articles(const std::vector<ArticleText>& articles,
                        const crawlers::CrawlOptions& options);

}  // namespace litgraph::checker
