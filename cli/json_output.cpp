#include "json_output.h"

namespace litgraph::cli {

void write_optional(JsonWriter& w, const char* key, const std::optional<std::string>& value) {
  w.Key(key);
  if (value) w.String(*value);
  else w.Null();
}

void write_optional(JsonWriter& w, const char* key, const std::optional<int>& value) {
  w.Key(key);
  if (value) w.Int(*value);
  else w.Null();
}

void write_cited_by(JsonWriter& w, const std::vector<crawlers::Citation>& citations) {
  w.Key("cited_by");
  w.StartArray();
  for (const auto& citation : citations) {
    w.StartObject();
    w.Key("source");
    w.String(citation.source);
    w.Key("n");
    w.Int(citation.n);
    w.EndObject();
  }
  w.EndArray();
}

void write_candidates(JsonWriter& w, const std::vector<crawlers::MatchCandidate>& candidates) {
  w.Key("candidates");
  w.StartArray();
  for (const auto& c : candidates) {
    w.StartObject();
    write_optional(w, "doi", c.doi);
    write_optional(w, "pmid", c.pmid);
    write_optional(w, "title", c.title);
    w.Key("score");
    w.Double(c.score);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace litgraph::cli
