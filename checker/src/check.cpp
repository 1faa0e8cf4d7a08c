#include "litgraph/checker/check.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "litgraph/crawlers/distinct_works.h"
#include "litgraph/crawlers/matcher.h"
#include "litgraph/crawlers/references.h"
#include "litgraph/indexer/passages.h"
#include "litgraph/schema/identifiers.h"
#include "litgraph/schema/text.h"

namespace litgraph::checker {

namespace {

using schema::Reference;
using schema::Work;

std::string fold(std::string_view text) { return schema::fold_for_matching(text); }

// A folded name without its spaces: "St Pierre" = "St-Pierre" = "stpierre".
std::string squeezed(std::string_view name) {
  std::string out = fold(name);
  out.erase(std::remove(out.begin(), out.end(), ' '), out.end());
  return out;
}

Finding finding(std::string field, std::string cited, std::string actual, Severity severity,
                std::string message) {
  return Finding{std::move(field), std::move(cited), std::move(actual), severity, std::move(message)};
}

std::string record_pages(const Work& work) {
  if (work.first_page && work.last_page && *work.first_page != *work.last_page) {
    return *work.first_page + "-" + *work.last_page;
  }
  if (work.first_page) return *work.first_page;
  return work.pages.value_or("");
}

std::string cited_pages(const Reference& reference) {
  if (reference.pages) return *reference.pages;
  if (reference.first_page && reference.last_page) return *reference.first_page + "-" + *reference.last_page;
  return reference.first_page.value_or("");
}

bool has_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "05" = "5"; "Suppl 2" stays itself.
std::string number_text(std::string_view text) {
  std::string out = fold(text);
  while (out.size() > 1 && out[0] == '0') out.erase(0, 1);
  return out;
}

void compare_authors(const Reference& cited, const Work& record, std::vector<Finding>& out) {
  if (cited.authors.empty() || record.authors.empty()) return;
  const auto& first = record.authors.front();
  if (!first.collective && squeezed(cited.authors.front().family) != squeezed(first.family)) {
    out.push_back(finding("first_author", cited.authors.front().family, first.family, Severity::kError,
                          "the first author is " + first.family + ", not " + cited.authors.front().family));
    return;  // the rest would only repeat it
  }
  std::set<std::string> families;
  for (const auto& author : record.authors) families.insert(squeezed(author.family));
  std::string unknown;
  for (std::size_t k = 1; k < cited.authors.size(); ++k) {
    if (families.count(squeezed(cited.authors[k].family)) == 0) {
      unknown += (unknown.empty() ? "" : ", ") + cited.authors[k].family;
    }
  }
  if (!unknown.empty()) {
    std::string listed;
    for (const auto& author : record.authors) listed += (listed.empty() ? "" : ", ") + author.family;
    out.push_back(finding("authors", unknown, listed, Severity::kWarning,
                          "not among the record's authors: " + unknown));
  } else if (!cited.et_al && cited.authors.size() < record.authors.size()) {
    out.push_back(finding("authors", std::to_string(cited.authors.size()) + " authors",
                          std::to_string(record.authors.size()) + " authors", Severity::kNote,
                          "the list stops at " + std::to_string(cited.authors.size()) + " of " +
                              std::to_string(record.authors.size()) + " authors without \"et al.\""));
  }
}

void compare_year(const Reference& cited, const Work& record, std::vector<Finding>& out) {
  if (!cited.year || !record.year || *cited.year == *record.year) return;
  const std::string was = std::to_string(*cited.year);
  const std::string is = std::to_string(*record.year);
  if (record.online_year && *cited.year == *record.online_year) {
    out.push_back(finding("year", was, is, Severity::kNote,
                          "cited with the year it appeared online (" + was + "); the record's year is " + is));
  } else if (record.print_year && *cited.year == *record.print_year) {
    out.push_back(finding("year", was, is, Severity::kNote,
                          "cited with the year of the print issue (" + was + "); the record's year is " + is));
  } else if (std::abs(*cited.year - *record.year) == 1) {
    out.push_back(finding("year", was, is, Severity::kWarning,
                          "the record's year is " + is + " (one off: an online-first year?)"));
  } else {
    out.push_back(finding("year", was, is, Severity::kError, "the record's year is " + is));
  }
}

// Share of the longer title's words that the other has too.
double word_overlap(const std::string& a, const std::string& b) {
  auto words_a = schema::folded_words(a);
  auto words_b = schema::folded_words(b);
  if (words_a.empty() || words_b.empty()) return 0;
  std::multiset<std::string> pool(words_b.begin(), words_b.end());
  std::size_t common = 0;
  for (const auto& word : words_a) {
    if (auto it = pool.find(word); it != pool.end()) {
      ++common;
      pool.erase(it);
    }
  }
  return static_cast<double>(common) / static_cast<double>(std::max(words_a.size(), words_b.size()));
}

void compare_title(const Reference& cited, const Work& record, std::vector<Finding>& out) {
  if (!cited.title || !record.title) return;
  const std::string a = fold(*cited.title);
  const std::string b = fold(*record.title);
  if (a.empty() || a == b) return;
  for (const auto& other : record.other_titles) {
    if (a == fold(other) || a == fold(*record.title + " " + other)) return;
  }
  if (b.rfind(a + " ", 0) == 0) {
    // "Main title: subtitle" cited as "Main title" is usual; a title cut
    // anywhere else is not.
    const std::size_t colon = record.title->find_first_of(":?");
    const bool main_title = colon != std::string::npos && fold(record.title->substr(0, colon)) == a;
    out.push_back(finding("title", *cited.title, *record.title,
                          main_title ? Severity::kNote : Severity::kWarning,
                          main_title ? "cited without its subtitle" : "cited cut short"));
    return;
  }
  const double overlap = word_overlap(a, b);
  out.push_back(finding("title", *cited.title, *record.title,
                        overlap >= 0.8 ? Severity::kWarning : Severity::kError,
                        overlap >= 0.8 ? "worded differently in the record" : "the record's title differs"));
}

void compare_container(const Reference& cited, const Work& record, std::vector<Finding>& out) {
  if (!cited.container || !record.container) return;
  if (crawlers::same_container(*cited.container, *record.container)) return;
  if (record.container_short && crawlers::same_container(*cited.container, *record.container_short)) return;
  out.push_back(finding("container", *cited.container, *record.container, Severity::kWarning,
                        "the record's journal is " + *record.container));
}

void compare_numbers(const Reference& cited, const Work& record, std::vector<Finding>& out) {
  if (cited.volume && record.volume && has_digit(*cited.volume) &&
      number_text(*cited.volume) != number_text(*record.volume)) {
    out.push_back(finding("volume", *cited.volume, *record.volume, Severity::kError,
                          "the record's volume is " + *record.volume));
  }
  if (cited.issue && record.issue && number_text(*cited.issue) != number_text(*record.issue)) {
    out.push_back(finding("issue", *cited.issue, *record.issue, Severity::kWarning,
                          "the record's issue is " + *record.issue));
  }
  const std::string actual = record_pages(record);
  if (!cited.first_page || actual.empty()) return;
  const bool first_agrees = record.first_page && fold(*cited.first_page) == fold(*record.first_page);
  const bool last_agrees = !cited.last_page || !record.last_page ||
                           fold(*cited.last_page) == fold(*record.last_page);
  const bool whole_agrees = fold(cited_pages(cited)) == fold(actual) ||
                            (record.pages && fold(cited_pages(cited)) == fold(*record.pages));
  if ((first_agrees && last_agrees) || whole_agrees) return;
  out.push_back(finding("pages", cited_pages(cited), actual, Severity::kError,
                        "the record's pages are " + actual));
}

// The text a DOI label ("doi:", "DOI ", "doi.org/") introduces in `raw`, when
// it is not a DOI: what a writer pasted wrong.
std::optional<std::string> invalid_doi_text(std::string_view raw) {
  std::string lower(raw);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view label : {"doi.org/", "doi:", "doi "}) {
    const std::size_t at = lower.find(label);
    if (at == std::string::npos) continue;
    std::size_t begin = at + label.size();
    while (begin < raw.size() && raw[begin] == ' ') ++begin;
    std::size_t end = begin;
    while (end < raw.size() && raw[end] != ' ' && raw[end] != '\n') ++end;
    std::string token(raw.substr(begin, end - begin));
    while (!token.empty() && (token.back() == '.' || token.back() == ',' || token.back() == ';')) token.pop_back();
    if (token.empty()) continue;
    if (!schema::normalize_doi(token)) return token;
  }
  return std::nullopt;
}

bool cited_ahead_of_print(const Reference& reference) {
  const std::string raw = fold(reference.raw);
  for (const char* words : {"ahead of print", "epub ahead", "in press", "online first"}) {
    if (raw.find(words) != std::string::npos) return true;
  }
  return false;
}

// "163(4):690-701": what the final version adds to a citation.
std::string final_version(const Work& work) {
  std::string out = work.volume.value_or("");
  if (work.issue) out += "(" + *work.issue + ")";
  const std::string pages = record_pages(work);
  if (!pages.empty()) out += (out.empty() ? "" : ":") + pages;
  return out;
}

// Retractions, corrections and expressions of concern about the work: one
// finding per kind, naming every notice of that kind (Crossref's and PubMed's
// often both).
void check_notices(const Work& work, ReferenceCheck& check) {
  struct Kind {
    std::string_view status;
    Severity severity;
    const char* message;
    std::string notices;
  };
  std::vector<Kind> kinds = {
      {status::kRetracted, Severity::kError, "the work was retracted", {}},
      {status::kCorrected, Severity::kWarning, "the work has a correction", {}},
      {status::kExpressionOfConcern, Severity::kWarning, "the work has an expression of concern", {}}};
  for (const auto& notice : work.notices) {
    if (notice.direction != "updated-by") continue;
    Kind* kind = nullptr;
    if (notice.type == "retraction" || notice.type == "partial-retraction" || notice.type == "withdrawal" ||
        notice.type == "removal") {
      kind = &kinds[0];
    } else if (notice.type == "correction" || notice.type == "erratum" || notice.type == "corrigendum") {
      kind = &kinds[1];
    } else if (notice.type == "expression-of-concern") {
      kind = &kinds[2];
    } else {
      continue;
    }
    std::string what = std::string(schema::source_name(notice.source)) + ": " +
                       (notice.label.empty() ? notice.type : notice.label);
    if (!notice.doi.empty()) what += " doi:" + notice.doi;
    if (!notice.pmid.empty()) what += " pmid:" + notice.pmid;
    kind->notices += (kind->notices.empty() ? "" : "; ") + what;
  }
  for (const auto& kind : kinds) {
    if (kind.notices.empty()) continue;
    check.findings.push_back(finding("notice", "", kind.notices, kind.severity,
                                     std::string(kind.message) + " (" + kind.notices + ")"));
    check.statuses.emplace_back(kind.status);
  }
}

bool numbered_style(schema::CitationStyle style) {
  using schema::CitationStyle;
  return style == CitationStyle::kVancouver || style == CitationStyle::kAma ||
         style == CitationStyle::kIeee || style == CitationStyle::kNature;
}

// The order statuses are reported in: that of the status namespace.
int status_rank(std::string_view name) {
  static const std::vector<std::string_view> kOrder = {
      status::kVerified,   status::kMismatch,     status::kDoiInvalid,          status::kDoiNotFound,
      status::kDoiOtherWork, status::kRetracted,  status::kCorrected,           status::kExpressionOfConcern,
      status::kAheadOfPrint, status::kMissingDoi, status::kUnresolved,          status::kAmbiguous,
      status::kDuplicate,  status::kUnchecked};
  return static_cast<int>(std::find(kOrder.begin(), kOrder.end(), name) - kOrder.begin());
}

void sort_statuses(ReferenceCheck& check) {
  std::stable_sort(check.statuses.begin(), check.statuses.end(),
                   [](const auto& a, const auto& b) { return status_rank(a) < status_rank(b); });
}

}  // namespace

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

bool ReferenceCheck::has(std::string_view name) const {
  return std::find(statuses.begin(), statuses.end(), name) != statuses.end();
}

bool ReferenceCheck::clean() const {
  return statuses.size() == 1 && statuses.front() == status::kVerified;
}

bool CheckRun::complete() const {
  for (const auto& file : files) {
    for (const auto& reference : file.references) {
      if (reference.has(status::kUnchecked)) return false;
    }
  }
  return true;
}

std::vector<Finding> compare_fields(const Reference& cited, const Work& record) {
  std::vector<Finding> out;
  compare_authors(cited, record, out);
  compare_year(cited, record, out);
  compare_title(cited, record, out);
  compare_container(cited, record, out);
  compare_numbers(cited, record, out);
  return out;
}

ReferenceCheck check_reference(const Reference& reference, const crawlers::CrawledWork& crawled) {
  ReferenceCheck check;
  check.reference = reference;

  if (!reference.doi) {
    if (auto token = invalid_doi_text(reference.raw)) {
      check.statuses.emplace_back(status::kDoiInvalid);
      check.findings.push_back(finding("doi", *token, "", Severity::kError,
                                       "not a DOI: a DOI is 10., a registrant number, / and a suffix"));
    }
  } else {
    // A DOI that the extractor had to join (split by a space or a line break).
    for (const auto& match : schema::find_dois(reference.raw)) {
      if (match.value != *reference.doi) continue;
      const std::string_view written = std::string_view(reference.raw).substr(match.begin, match.end - match.begin);
      if (written.find_first_of(" \n\t") != std::string_view::npos) {
        check.findings.push_back(finding("doi", std::string(written), *reference.doi, Severity::kNote,
                                         "the DOI is split by white space; read as " + *reference.doi));
      }
    }
  }

  if (crawled.status == "failed") {
    check.statuses.emplace_back(status::kUnchecked);
    check.reason = crawled.reason;
    sort_statuses(check);
    return check;
  }
  if (crawled.status == "ambiguous") {
    check.statuses.emplace_back(status::kAmbiguous);
    check.candidates = crawled.candidates;
    check.reason = crawled.reason;
    sort_statuses(check);
    return check;
  }
  if (crawled.status != "resolved") {
    if (reference.doi && crawled.not_found) {
      check.statuses.emplace_back(status::kDoiNotFound);
      check.findings.push_back(finding("doi", *reference.doi, "", Severity::kError,
                                       "no registry knows this DOI (Crossref and PubMed answered 404)"));
    } else {
      check.statuses.emplace_back(status::kUnresolved);
    }
    check.reason = crawled.reason;
    sort_statuses(check);
    return check;
  }

  const Work& work = crawled.work;
  check.work = work;
  if (reference.doi || reference.pmid) {
    // Does the identifier name the work the rest of the citation describes?
    Reference described = reference;
    described.doi.reset();
    described.pmid.reset();
    described.pmcid.reset();
    const auto score = crawlers::score_candidate(described, work);
    if (score.title == crawlers::FieldAgreement::kDisagree &&
        score.first_author != crawlers::FieldAgreement::kAgree && score.title_similarity < 0.5) {
      std::string other = "\"" + work.title.value_or("?") + "\"";
      if (!work.authors.empty()) other += " by " + work.authors.front().family;
      if (work.year) other += " (" + std::to_string(*work.year) + ")";
      check.statuses.emplace_back(reference.doi ? status::kDoiOtherWork : status::kMismatch);
      check.findings.push_back(finding(reference.doi ? "doi" : "pmid",
                                       reference.doi.value_or(reference.pmid.value_or("")), other,
                                       Severity::kError, "the identifier is that of another work: " + other));
      sort_statuses(check);
      return check;
    }
  }

  auto fields = compare_fields(reference, work);
  const bool aop_cited = cited_ahead_of_print(reference);
  const bool final_out = work.volume && !record_pages(work).empty();
  // Styles that print volume and pages: a web page's "Title – Journal" list does not.
  const bool gives_places = reference.style != schema::CitationStyle::kTitleJournal &&
                            reference.style != schema::CitationStyle::kUnknown;
  const bool cites_no_place = gives_places && !reference.first_page &&
                              !(reference.volume && has_digit(*reference.volume));
  if (aop_cited || (cites_no_place && final_out && reference.container)) {
    check.statuses.emplace_back(status::kAheadOfPrint);
    if (final_out) {
      check.findings.push_back(finding("volume", aop_cited ? "ahead of print" : "", final_version(work),
                                       Severity::kWarning,
                                       "the final version is out: " + final_version(work)));
      // The year of the e-print is then no error either.
      for (auto& field : fields) {
        if (field.field == "year" && field.severity == Severity::kError) field.severity = Severity::kWarning;
      }
    } else {
      check.findings.push_back(finding("volume", "ahead of print", "", Severity::kNote,
                                       "the record has no volume or pages yet"));
    }
  }
  const bool differs = std::any_of(fields.begin(), fields.end(), [](const Finding& f) {
    return f.severity != Severity::kNote;
  });
  if (differs) check.statuses.emplace_back(status::kMismatch);
  check.findings.insert(check.findings.end(), fields.begin(), fields.end());

  check_notices(work, check);
  if (!reference.doi && work.doi) {
    check.statuses.emplace_back(status::kMissingDoi);
    check.findings.push_back(finding("doi", "", *work.doi, Severity::kWarning, "add the DOI " + *work.doi));
  }
  const bool actionable = std::any_of(check.findings.begin(), check.findings.end(),
                                      [](const Finding& f) { return f.severity != Severity::kNote; });
  if (check.statuses.empty() && !actionable) check.statuses.emplace_back(status::kVerified);
  sort_statuses(check);
  return check;
}

MarkerCheck check_markers(std::string_view body, const std::vector<Reference>& references) {
  MarkerCheck check;
  if (references.empty()) return check;
  const auto numbered = std::count_if(references.begin(), references.end(),
                                      [](const Reference& r) { return numbered_style(r.style); });
  if (static_cast<std::size_t>(numbered) * 2 <= references.size()) return check;
  check.numbered = true;
  std::set<int> cited;
  for (const auto& marker : indexer::find_citation_markers(body)) {
    cited.insert(marker.numbers.begin(), marker.numbers.end());
  }
  std::set<int> entries;
  for (const auto& reference : references) entries.insert(reference.n);
  for (int number : cited) {
    if (entries.count(number) == 0) check.dangling.push_back(number);
  }
  for (int number : entries) {
    if (cited.count(number) == 0) check.uncited.push_back(number);
  }
  return check;
}

CheckRun check_articles(const std::vector<ArticleText>& articles,
                        const crawlers::CrawlOptions& options) {
  std::vector<std::vector<Reference>> lists;
  std::vector<Reference> all;
  for (const auto& article : articles) {
    lists.push_back(crawlers::extract_references(article.text, article.file));
    all.insert(all.end(), lists.back().begin(), lists.back().end());
  }
  const auto works = crawlers::merge_same_works(all);
  CheckRun run;
  run.crawl = crawlers::crawl(works, options);

  // Which crawled work each entry (file, n) cites.
  std::map<std::pair<std::string, int>, const crawlers::CrawledWork*> crawled_of;
  for (const auto& crawled : run.crawl.works) {
    for (const auto& citation : crawled.cited_by) crawled_of[{citation.source, citation.n}] = &crawled;
  }
  const crawlers::CrawledWork nothing{};
  for (std::size_t a = 0; a < articles.size(); ++a) {
    FileCheck file;
    file.file = articles[a].file;
    std::map<std::string, int> first_entry;  // resolved work key -> first n citing it
    for (const auto& reference : lists[a]) {
      auto found = crawled_of.find({reference.source, reference.n});
      const crawlers::CrawledWork& crawled = found != crawled_of.end() ? *found->second : nothing;
      ReferenceCheck check = check_reference(reference, crawled);
      if (found != crawled_of.end() && !crawled.key.empty()) {
        auto [first, inserted] = first_entry.emplace(crawled.key, reference.n);
        if (!inserted) {
          check.statuses.erase(std::remove(check.statuses.begin(), check.statuses.end(), status::kVerified),
                               check.statuses.end());
          check.statuses.emplace_back(status::kDuplicate);
          check.findings.push_back(finding("entry", std::to_string(reference.n), std::to_string(first->second),
                                           Severity::kWarning,
                                           "the same work as entry " + std::to_string(first->second)));
          sort_statuses(check);
        }
      }
      file.references.push_back(std::move(check));
    }
    const std::string& text = articles[a].text;
    std::size_t body_end = text.size();
    if (!lists[a].empty()) body_end = std::min(body_end, indexer::offset_of_line(text, lists[a].front().line));
    file.markers = check_markers(std::string_view(text).substr(0, body_end), lists[a]);
    run.files.push_back(std::move(file));
  }
  return run;
}

}  // namespace litgraph::checker
