#include "internal/region_file.h"

#include <yaml-cpp/yaml.h>

#include "internal/ascii.h"
#include "internal/endpoint_sources.h"
#include "internal/validation.h"

namespace csms {
namespace internal {
namespace {

// A scalar's text, by reference (an alias repeats a node without copying it,
// and neither may this code: a 1 MB file could otherwise expand to
// gigabytes); null (`endpoint:` or `~`) reads as empty, as in the official
// SDKs. Returns nullptr for a sequence or a map.
const std::string* ScalarText(const YAML::Node& node) {
  static const std::string kEmpty;
  if (!node || node.IsNull()) return &kEmpty;
  if (!node.IsScalar()) return nullptr;
  return &node.Scalar();
}

std::string Entry(std::size_t index) { return "entry " + std::to_string(index + 1); }

// Checks one region entry of the service and, when it is `region`, sets its
// endpoints. Only the region's own entry is copied from. Returns the problem,
// or empty.
std::string ReadEntry(const YAML::Node& entry, std::size_t index, std::string_view region,
                      bool* found, std::vector<std::string>* endpoints) {
  if (!entry.IsMap()) return Entry(index) + " is not a map with id and endpoint(s)";
  const std::string* id = ScalarText(entry["id"]);
  if (id == nullptr) return Entry(index) + ": id is not a string";
  const std::string* endpoint = ScalarText(entry["endpoint"]);
  if (endpoint == nullptr) {
    return Entry(index) + ": endpoint is not a string (a list goes under endpoints)";
  }
  // An entry without an id is skipped, as the official SDKs do.
  const bool wanted = !id->empty() && *id == region;
  std::vector<std::string> listed;
  if (wanted && !endpoint->empty()) listed.push_back(*endpoint);
  const YAML::Node list = entry["endpoints"];
  if (list && !list.IsNull()) {
    if (!list.IsSequence()) return Entry(index) + ": endpoints is not a list";
    for (const YAML::Node& item : list) {
      const std::string* text = ScalarText(item);
      if (text == nullptr || text->empty()) {
        return Entry(index) + ": an item of endpoints is not a non-empty string";
      }
      if (!wanted) continue;
      if (listed.size() == kMaxRegionEndpoints) {
        return "region " + QuoteForMessage(region) + " lists more than " +
               std::to_string(kMaxRegionEndpoints) + " endpoints";
      }
      listed.push_back(*text);
    }
  }
  if (!wanted) return {};
  if (*found) return "region " + QuoteForMessage(region) + " is listed more than once";
  *found = true;
  if (listed.empty()) {
    return "region " + QuoteForMessage(region) + " has neither endpoint nor endpoints";
  }
  *endpoints = std::move(listed);
  return {};
}

}  // namespace

RegionFileLookup FindInRegionFile(const std::string& yaml_text, std::string_view service,
                                  std::string_view region) {
  RegionFileLookup lookup;
  try {
    const YAML::Node root = YAML::Load(yaml_text);
    if (!root || root.IsNull()) return lookup;  // an empty file lists nothing
    if (!root.IsMap()) {
      lookup.problem = "is not a map from service name to a list of regions";
      return lookup;
    }
    bool found = false;
    for (const auto& item : root) {
      const std::string* name = ScalarText(item.first);
      if (name == nullptr || !AsciiEqualsIgnoreCase(*name, service)) continue;
      const YAML::Node& entries = item.second;
      if (!entries || entries.IsNull()) continue;
      if (!entries.IsSequence()) {
        lookup.problem = std::string(service) + " is not a list of regions";
        return lookup;
      }
      std::size_t index = 0;
      for (const YAML::Node& entry : entries) {
        std::string problem = ReadEntry(entry, index++, region, &found, &lookup.endpoints);
        if (!problem.empty()) {
          lookup.endpoints.clear();
          lookup.problem = std::string(service) + " " + problem;
          return lookup;
        }
      }
    }
  } catch (const YAML::Exception& error) {
    // The parser's own words and position; its message never holds the
    // document's text.
    lookup.endpoints.clear();
    lookup.problem = "is not valid YAML: " + error.msg;
    if (!error.mark.is_null()) {
      lookup.problem += " (line " + std::to_string(error.mark.line + 1) + ", column " +
                        std::to_string(error.mark.column + 1) + ")";
    }
  }
  return lookup;
}

}  // namespace internal
}  // namespace csms
