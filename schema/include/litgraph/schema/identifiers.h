// Persistent identifiers in citations: DOIs, PubMed ids and PubMed Central ids.
// Pure functions of their input; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace litgraph::schema {

// Where an identifier was found in a text: [begin, end) covers everything that
// was read for it, including a resolver prefix (`https://doi.org/`, `doi:`) and
// any white space that a repaired split spanned.
struct IdentifierMatch {
  std::string value;  // normalized: DOIs lower-cased, PMIDs digits, PMCIDs `PMC` + digits
  std::size_t begin = 0;
  std::size_t end = 0;
};

// True if `doi` is a syntactically valid, normalized DOI: `10.` + a registrant
// code of 4-9 digits (with optional `.sub` parts), `/`, and a non-empty suffix
// without white space.
bool is_valid_doi(std::string_view doi);

// Normalizes one DOI given alone, bare or as `doi:`/`DOI:`/`https://doi.org/…`/
// `http://dx.doi.org/…` (percent-decoded): lower-cases it, strips trailing
// punctuation except balanced brackets. Returns nullopt if it is not a DOI.
std::optional<std::string> normalize_doi(std::string_view text);

// Finds every DOI in running text, in order, without duplicates. Repairs a DOI
// that white space or a line break split where the split is unambiguous: after a
// resolver prefix (`https://doi.org/ 10.…`), after the `/` of the prefix
// (`10.1097/ aap.000…`), or after a `-` that a line break split.
std::vector<IdentifierMatch> find_dois(std::string_view text);

// Finds PubMed ids written as `PMID: 123`, `PMID 123`, `pubmed/123` or
// `pubmed.ncbi.nlm.nih.gov/123`. Bare numbers are never taken for PMIDs.
std::vector<IdentifierMatch> find_pmids(std::string_view text);

// Finds PubMed Central ids (`PMC1234567`, `PMCID: PMC1234567`), upper-cased.
std::vector<IdentifierMatch> find_pmcids(std::string_view text);

}  // namespace litgraph::schema
