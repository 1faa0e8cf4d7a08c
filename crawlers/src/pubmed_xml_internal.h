// Record-level PubMed XML reading, shared by parse_pubmed_xml (a whole
// document, pubmed_xml.cpp) and PubmedStream (one record at a time,
// pubmed_stream.cpp), so that both read a record alike.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "litgraph/schema/work.h"

namespace litgraph::crawlers::internal {

// How PubMed XML is parsed: white space between inline elements is text
// ("<i>A</i> <i>B</i>").
inline constexpr unsigned kPubmedParseOptions = pugi::parse_default | pugi::parse_ws_pcdata;

// The root elements of PubMed XML: "PubmedArticleSet", "MedlineCitationSet".
bool is_pubmed_set(std::string_view root_name);

// A child of the set that is a record ("PubmedArticle", "PubmedBookArticle",
// "MedlineCitation"), counted in "record N"; "DeleteCitation" is not.
bool is_pubmed_record(std::string_view element_name);

// What one child element of a PubmedArticleSet or MedlineCitationSet gives.
struct PubmedSetEntry {
  std::optional<schema::Work> work;  // a usable record, field_sources filled
  // Why a record cannot be used ("no PMID", "PMID \"x\" is not a number"), or
  // an NCBI <ERROR> ("NCBI error: …"); empty for a work and for elements that
  // are not records (DeleteCitation).
  std::string error;
};

PubmedSetEntry read_pubmed_set_entry(const pugi::xml_node& element);

}  // namespace litgraph::crawlers::internal
