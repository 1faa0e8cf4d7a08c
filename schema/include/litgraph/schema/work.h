// A work: one publication's metadata, merged from Crossref and PubMed.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace litgraph::schema {

// Where a field's value came from.
enum class Source { kCrossref, kPubmed, kReference };
std::string_view source_name(Source source);  // "crossref", "pubmed", "reference"

struct WorkAuthor {
  std::string family;  // or the group's name when `collective`
  std::string given;   // "Steven P." (Crossref) or "Steven P" / initials "SP" (PubMed)
  std::string orcid;   // bare "0000-0002-1825-0097", no URL; may be empty
  bool collective = false;  // a group ("Guideline Development Panel…")
};

// A MeSH heading or a chemical, with its descriptor (or supplementary) UI.
struct MeshTerm {
  std::string ui;    // "D020918"
  std::string name;  // "Complex Regional Pain Syndromes"
  bool major = false;  // the descriptor or one of its qualifiers is a major topic
};

// A publication type: "Randomized Controlled Trial" with its UI "D016449".
struct PublicationType {
  std::string ui;
  std::string name;
};

// A notice that changes how a work may be cited: a retraction, correction or
// expression of concern, in either direction.
struct UpdateNotice {
  // "retraction", "correction", "erratum", "expression-of-concern", "comment", …
  std::string type;
  // "updated-by": a notice about this work; "update-to": this work is the notice.
  std::string direction;
  std::string doi;     // of the other record, lower case; may be empty
  std::string pmid;    // of the other record; may be empty
  std::string label;   // as given: "Retraction in: …" / Crossref "label"
  std::optional<int> year;
  Source source = Source::kCrossref;
};

struct Work {
  // Identifiers.
  std::optional<std::string> doi;    // normalized (lower case)
  std::optional<std::string> pmid;
  std::optional<std::string> pmcid;  // "PMC…"

  std::optional<std::string> title;
  std::vector<std::string> other_titles;  // vernacular or translated titles, subtitles
  std::vector<WorkAuthor> authors;
  std::optional<std::string> container;        // full journal or book title
  std::optional<std::string> container_short;  // ISO/NLM abbreviation
  std::vector<std::string> issns;              // "0090-3493", print and electronic
  std::optional<int> year;
  std::optional<int> month;
  std::optional<int> day;
  // The years of the online and the print version when the record gives them
  // (Crossref published-online/-print, PubMed ArticleDate/PubDate): a citation
  // may give either, and `year` is the earlier.
  std::optional<int> online_year;
  std::optional<int> print_year;
  std::optional<std::string> volume;
  std::optional<std::string> issue;
  std::optional<std::string> pages;       // "521-546" or an article number "e0033693"
  std::optional<std::string> first_page;
  std::optional<std::string> last_page;   // expanded ("357-67" -> "367")
  std::optional<std::string> abstract;    // plain text, markup removed, sections joined
  std::optional<std::string> language;    // "eng", "nor"
  std::string type;                       // Crossref "journal-article" or PubMed "journal-article"/"book-chapter"
  std::vector<PublicationType> publication_types;
  std::vector<MeshTerm> mesh;
  std::vector<MeshTerm> chemicals;
  std::vector<std::string> keywords;
  std::vector<UpdateNotice> notices;

  // Which source supplied each field, by field name ("title", "abstract", …).
  std::map<std::string, Source> field_sources;
};

}  // namespace litgraph::schema
