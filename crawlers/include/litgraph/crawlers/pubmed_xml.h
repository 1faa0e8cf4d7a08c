// Parsers for NCBI responses: PubMed records (efetch XML and the legacy
// MEDLINE citation files), esearch results, ECitMatch lines and the PMC ID
// converter's JSON. No HTTP here: text in, values out.
//
// Pure functions of their input; thread-safe. They never throw for bad input:
// a response that cannot be read, or a record that cannot be used, is reported
// in the result and the rest is kept.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "litgraph/schema/work.h"

namespace litgraph::crawlers {

// ---- PubMed records (efetch db=pubmed retmode=xml) ----

struct PubmedParseResult {
  std::vector<schema::Work> works;  // in document order
  // One line per problem: the XML could not be parsed ("XML parse error at
  // offset 812 (line 9): Start-end tags mismatch"; then no works are returned,
  // even those before the damage), the body is not PubMed XML (an HTML error
  // page, an NCBI <ERROR>), or a record was skipped for want of a usable
  // PMID ("record 3: no PMID").
  std::vector<std::string> errors;
};

// Reads a `PubmedArticleSet` (`PubmedArticle` and `PubmedBookArticle`
// records) or a legacy `MedlineCitationSet` (`MedlineCitation` records);
// `DeleteCitation` entries are ignored. Each work gets:
// - pmid, doi (normalized; ArticleIdList, else ELocationID), pmcid;
// - title and abstract as plain text: inline markup (<i>, <sup>, MathML) is
//   dropped and its text kept, white space collapsed. A translated title in
//   brackets loses them; VernacularTitle goes to other_titles. Structured
//   abstract sections become "LABEL: text" paragraphs joined by a blank line;
// - authors (CollectiveName as collective, ORCID bare; book editors left out);
// - container (journal or book title), container_short (ISOAbbreviation, else
//   MedlineTA), issns (print, electronic, linking; no duplicates), volume,
//   issue;
// - year, month, day from PubDate: month only where one month is named
//   ("1990 May-Jun", Season "Winter" give the year alone);
// - pages from MedlinePgn with the last page written out ("856-64" ->
//   pages "856-864", first "856", last "864"; "e26-32" -> "e26", "e32"), else
//   StartPage/EndPage;
// - language (the first given), publication_types, mesh (major when the
//   descriptor or a qualifier is), chemicals, keywords (no duplicates);
// - notices from CommentsCorrections: retraction, partial-retraction, erratum,
//   expression-of-concern, update and comment, each in both directions
//   ("…In" is updated-by, "…Of/For/On" is update-to), with the other record's
//   PMID, the DOI and year found in RefSource, and RefSource as label;
// - type "journal-article", "book-chapter" or "book" (a book record without a
//   chapter title), and field_sources = pubmed for every field filled.
PubmedParseResult parse_pubmed_xml(std::string_view xml);

// ---- esearch (XML) ----

struct EsearchResult {
  // Set when the response cannot be used: malformed XML, not an
  // eSearchResult, or an NCBI <ERROR> ("Invalid db name specified: pub").
  std::optional<std::string> error;
  long count = 0;      // matches in all, not only those listed
  long ret_max = 0;
  long ret_start = 0;
  std::vector<std::string> ids;  // in the order given
  std::string query_key;         // history server, with usehistory=y
  std::string web_env;
  std::string query_translation;
  // ErrorList and WarningList entries, "PhraseNotFound: abcXYZ",
  // "OutputMessage: No items found.": the search ran, but not as asked.
  std::vector<std::string> search_errors;
  std::vector<std::string> warnings;
};

EsearchResult parse_esearch_xml(std::string_view xml);

// ---- ECitMatch (text, one line per citation asked for) ----

enum class CitationMatchStatus {
  kFound,      // pmid is set
  kNotFound,   // "NOT_FOUND", maybe with a reason in detail ("INVALID_JOURNAL")
  kAmbiguous,  // "AMBIGUOUS": several records fit; detail keeps what followed
};

// One `journal|year|volume|first_page|author|key|result` line.
struct CitationMatch {
  std::string journal;
  std::string year;
  std::string volume;
  std::string first_page;
  std::string author;
  std::string key;  // the caller's key, echoed back
  CitationMatchStatus status = CitationMatchStatus::kNotFound;
  std::optional<std::string> pmid;
  std::string detail;  // the result text after the status word, ';' removed
};

struct CitationMatchResult {
  std::vector<CitationMatch> matches;
  std::vector<std::string> errors;  // "line 2: expected 7 fields separated by '|', found 3"
};

CitationMatchResult parse_ecitmatch(std::string_view text);

// ---- PMC ID converter (format=json) ----

struct IdConversion {
  std::string requested;  // "requested-id" when the service echoes it
  std::optional<std::string> doi;    // normalized
  std::optional<std::string> pmid;
  std::optional<std::string> pmcid;  // "PMC…", without a version
  std::optional<std::string> error;  // this id could not be converted (errmsg)
};

struct IdConversionResult {
  std::vector<IdConversion> records;
  // The whole response failed: malformed JSON, or status "error" with its
  // message percent-decoded ("ID type 'doi' mismatch for '28371833'").
  std::optional<std::string> error;
};

IdConversionResult parse_idconv_json(std::string_view json);

// ---- gzip files (PubMed baseline and efetch dumps come as .xml.gz) ----

struct GzipFile {
  std::string bytes;  // the whole decompressed content
  std::string error;  // empty on success; else why (missing file, truncated stream)
};

// Reads a whole gzip file into memory; a file that is not gzip is read as is.
GzipFile read_gzip_file(const std::filesystem::path& path);

}  // namespace litgraph::crawlers
