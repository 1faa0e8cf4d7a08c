#include "litgraph/schema/reference.h"
#include "litgraph/schema/work.h"

namespace litgraph::schema {

std::string_view style_name(CitationStyle style) {
  switch (style) {
    case CitationStyle::kApa: return "apa";
    case CitationStyle::kMla: return "mla";
    case CitationStyle::kVancouver: return "vancouver";
    case CitationStyle::kAma: return "ama";
    case CitationStyle::kHarvard: return "harvard";
    case CitationStyle::kChicago: return "chicago";
    case CitationStyle::kIeee: return "ieee";
    case CitationStyle::kNature: return "nature";
    case CitationStyle::kTitleJournal: return "title-journal";
    case CitationStyle::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view source_name(Source source) {
  switch (source) {
    case Source::kCrossref: return "crossref";
    case Source::kPubmed: return "pubmed";
    case Source::kReference: return "reference";
  }
  return "reference";
}

}  // namespace litgraph::schema
