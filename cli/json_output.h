// JSON pieces that several commands print the same way.
#pragma once

#include <optional>
#include <ostream>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>
#include <string>
#include <vector>

#include "litgraph/crawlers/crawl.h"
#include "litgraph/crawlers/distinct_works.h"

namespace litgraph::cli {

using JsonWriter = rapidjson::Writer<rapidjson::OStreamWrapper>;

// `"key": "value"` or `"key": null`.
void write_optional(JsonWriter& w, const char* key, const std::optional<std::string>& value);
void write_optional(JsonWriter& w, const char* key, const std::optional<int>& value);

// `"cited_by": [{"source": …, "n": …}, …]`.
void write_cited_by(JsonWriter& w, const std::vector<crawlers::Citation>& citations);

// `"candidates": [{"doi": …, "pmid": …, "title": …, "score": …}, …]`.
void write_candidates(JsonWriter& w, const std::vector<crawlers::MatchCandidate>& candidates);

}  // namespace litgraph::cli
