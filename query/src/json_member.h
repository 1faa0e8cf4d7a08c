// Reading a record's JSON data (schema/index_layout.h) on the query side.
#pragma once

#include <rapidjson/document.h>

#include <string>

namespace litgraph::query::internal {

// The string member `name` of `object`, or "" when `object` is no object or
// the member is missing or no string.
inline std::string string_member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(name);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

}  // namespace litgraph::query::internal
