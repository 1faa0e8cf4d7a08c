// Crossref REST API (api.crossref.org) responses as works, and the DOI
// encodings its requests need. No HTTP here: pure functions of their input,
// thread-safe. Nothing here throws except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "litgraph/schema/work.h"

namespace litgraph::crawlers {

// What one Crossref response said.
struct CrossrefResult {
  enum class Kind {
    kWork,      // "message-type": "work" (GET /works/{doi}): `works` holds it
    kWorkList,  // "message-type": "work-list" (GET /works?…): `works` holds the page, maybe none
    kNotFound,  // HTTP 404, whatever the body: an unknown DOI, or an invalid cursor
    kError,     // anything else: an error body, another non-2xx status, a body that is
                // not a Crossref response (empty, HTML, malformed or truncated JSON, a
                // field of the wrong JSON type anywhere in it: Crossref's schema is
                // fixed, so one bad item fails a whole list page)
  };
  Kind kind = Kind::kError;
  std::vector<schema::Work> works;
  // kNotFound, kError: what went wrong, for a log line. Crossref's own words when
  // the body has them ("Resource not found.", validation messages joined by "; ");
  // prefixed "HTTP <status>: " for a status other than 2xx and 404.
  std::string error;
  long total_results = 0;   // kWorkList: "total-results", matches over all pages
  std::string next_cursor;  // kWorkList of a cursor=… request: the next page's cursor
};

// Parses a response to GET /works/{doi} or GET /works?…, given its HTTP status
// and body. A work gets its DOI (normalized); title with markup removed (further
// titles, subtitles, original and short titles as other_titles); authors in order
// (groups collective, ORCIDs bare); container and its short form; ISSNs; the
// "issued" date, which citations print (see the .cpp); volume, issue, pages or
// else the article number; the abstract as plain text; language as PubMed's three
// letters ("eng"); type; subjects as keywords; notices from update-to, updated-by
// and retraction, correction and comment relations. Every field filled is marked
// Source::kCrossref in field_sources.
CrossrefResult parse_crossref_response(int http_status, std::string_view body);

// The path of GET /works/{doi}: "/works/" + the DOI percent-encoded for a URL
// path. Every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~) is
// encoded, so SICI DOIs (`(`, `)`, `<`, `>`, `;`, `:`, `+`, `#`) and non-ASCII
// reach Crossref intact. `/` stays literal between two non-empty segments, as
// Crossref's DOI guidance says (some versions of its API answered 404 to "%2F"),
// and is encoded where it would make an empty, "." or ".." segment, which URL
// libraries and proxies rewrite. The DOI is taken as given, not normalized.
std::string crossref_work_path(std::string_view doi);

// A `filter` value that asks GET /works for several DOIs at once.
struct CrossrefDoiFilter {
  std::string value;  // "doi:10.1/a,doi:10.1/b"; the caller percent-encodes it as a
                      // query value. Empty if no DOI could go in.
  // DOIs that cannot go in a filter, in their input order: empty ones, and those
  // with a comma, which Crossref reads as a filter separator. Fetch them singly.
  std::vector<std::string> rejected;
};

// Builds the filter for `dois`, in their order. Crossref returns at most `rows`
// (up to 1000) works per page; batching is the caller's.
CrossrefDoiFilter crossref_doi_filter(const std::vector<std::string>& dois);

}  // namespace litgraph::crawlers
