// Writing references out for reference managers: BibTeX, RIS and CSL-JSON,
// from the records the checker resolved them to (or, unresolved, from what
// the citation itself gives).
//
// Pure functions of their input; thread-safe. Never throw but std::bad_alloc.
#pragma once

#include <string>
#include <vector>

#include "litgraph/schema/reference.h"
#include "litgraph/schema/work.h"

namespace litgraph::checker {

// One entry to write: the record when the reference was resolved, else the
// fields the citation gives (`work` is then filled from the reference with
// work_from_reference()).
struct ExportEntry {
  schema::Work work;
  std::string key;  // citation key / id: "cohen2018", unique within one export
};

// The fields a citation gives, as a Work (authors, title, container, year,
// volume, issue, pages, identifiers), each marked Source::kReference. Pages are
// written out in full ("856-64" -> "856-864"). Work has no name suffix, so a
// suffix follows the given names ("Zarate CA Jr"), as Vancouver prints it; an
// "et al." cut is not kept. Type "journal-article" when the container has a
// volume or an issue, else none.
schema::Work work_from_reference(const schema::Reference& reference);

// Citation keys "familyYEAR", one per work in order: the first author's family
// name folded to ASCII letters and digits ("Pánek" -> "panek", "Grußmayer" ->
// "grussmayer", "van der Berg" -> "vanderberg"; other scripts dropped), a
// group's first word ("guideline"); "anon" without a usable name, "nd" without
// a year. Works that share a key all get a, b, c… suffixes in order
// ("lee2012a", "lee2012b"); a suffixed key never equals another's plain key.
std::vector<std::string> citation_keys(const std::vector<schema::Work>& works);

// Keys are written as given (citation_keys() makes safe ones). Absent fields
// are left out in every format; values are put on one line.
//
// BibTeX: @article for journal articles, @incollection for book chapters and
// @inproceedings for proceedings articles (@misc for both without a container),
// @book, else @misc (container as howpublished). Fields in a fixed order:
// author ("Family, Given and …", groups in braces), title (in double braces, to
// keep its case), journal/booktitle, shortjournal, year, month (a macro: mar),
// volume, number, pages ("521--546"), doi, pmid, pmcid, issn (the first). TeX
// specials { } & % $ # _ ~ ^ \ are escaped, UTF-8 is kept (biber reads it); the
// DOI is written verbatim, as biblatex reads it.
std::string to_bibtex(const std::vector<ExportEntry>& entries);
// RIS records: TY (JOUR, CHAP, CPAPER, BOOK, DATA, GEN), AU (one per author,
// "Family, Given"), TI, JO (journals) or T2, JA, PY, DA ("2020/08/17/"), VL, IS,
// SP, EP, SN, DO, AN (PMID), C2 (PMCID), ER; "TAG  - value" lines, LF endings,
// a blank line after each ER.
std::string to_ris(const std::vector<ExportEntry>& entries);
// A CSL-JSON array (the format citeproc, Zotero and pandoc read): id, type
// (article-journal, chapter, paper-conference, book, dataset, else article),
// title, author ({family, given}, {literal} for a group), container-title,
// container-title-short, issued (the date parts known), volume, issue, page,
// DOI, PMID, PMCID, ISSN (the first).
std::string to_csl_json(const std::vector<ExportEntry>& entries);

}  // namespace litgraph::checker
