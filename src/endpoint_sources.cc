#include "internal/endpoint_sources.h"

#include <optional>
#include <string_view>
#include <utility>

#include "csms/errors.h"
#include "internal/ascii.h"
#include "internal/bounded_file.h"
#include "internal/region_file.h"
#include "internal/regions.h"
#include "internal/validation.h"

namespace csms {
namespace internal {
namespace {

constexpr std::size_t kMaxRegionIdLength = 64;
constexpr const char* kRegionsFileVariable = "HUAWEICLOUD_SDK_REGIONS_FILE";

// Region ids are lower-case words joined by '-' (cn-north-4, my-kualalumpur-1):
// anything else would also make an odd variable name.
void CheckRegionId(const std::string& region) {
  bool ok = !region.empty() && region.size() <= kMaxRegionIdLength;
  for (const char c : region) ok = ok && (IsAsciiLower(c) || IsAsciiDigit(c) || c == '-');
  if (!ok) {
    throw ConfigurationError("region " + QuoteForMessage(region) +
                             " is not a region id (lower-case letters, digits and '-', such as "
                             "cn-north-4)");
  }
}

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

void CheckCount(const RegionEndpoints& found) {
  if (found.endpoints.size() > kMaxRegionEndpoints) {
    throw ConfigurationError(found.source + " lists " + std::to_string(found.endpoints.size()) +
                             " endpoints; at most " + std::to_string(kMaxRegionEndpoints) +
                             " are allowed");
  }
}

// "a,b" -> {"a", "b"}; blanks around an item are dropped (the official SDKs
// keep them, and the URL then fails to parse), an empty item is an error.
std::vector<std::string> SplitEndpointList(const std::string& variable, const std::string& value) {
  std::vector<std::string> endpoints;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = value.find(',', start);
    const std::string_view item = TrimBlanks(
        std::string_view(value).substr(start, comma == std::string::npos ? comma : comma - start));
    if (item.empty()) {
      throw ConfigurationError(variable + " item " + std::to_string(endpoints.size() + 1) +
                               " is empty; expected a comma list of endpoints");
    }
    endpoints.emplace_back(item);
    if (comma == std::string::npos) return endpoints;
    start = comma + 1;
  }
}

// The regions file's endpoints for region, or nothing when there is no file
// at the default path or it does not list the region.
std::optional<RegionEndpoints> FromRegionsFile(const std::string& region, const EnvLookup& getenv) {
  const std::optional<std::string> named = getenv(kRegionsFileVariable);
  std::string path;
  if (named) {
    path = *named;
  } else if (const auto home = getenv("HOME")) {
    path = *home + "/.huaweicloud/regions.yaml";
  } else {
    return std::nullopt;
  }
  RegionEndpoints found;
  found.source = "regions file " + QuoteForMessage(path);
  const BoundedFile file = ReadBoundedFile(path, kMaxRegionFileBytes);
  switch (file.status) {
    case BoundedFile::Status::kOk:
      break;
    case BoundedFile::Status::kNotFound:
      // The default file is optional; one named on purpose must be there.
      if (!named) return std::nullopt;
      throw ConfigurationError(std::string(kRegionsFileVariable) + " names " + found.source +
                               ", which does not exist");
    case BoundedFile::Status::kUnreadable:
      throw ConfigurationError(found.source + " cannot be read");
    case BoundedFile::Status::kTooLarge:
      throw ConfigurationError(found.source + " is larger than " +
                               std::to_string(kMaxRegionFileBytes) + " bytes");
  }
  RegionFileLookup lookup = FindInRegionFile(file.content, "CSMS", region);
  if (!lookup.problem.empty()) throw ConfigurationError(found.source + " " + lookup.problem);
  if (lookup.endpoints.empty()) return std::nullopt;
  found.source += " (CSMS region " + region + ")";
  found.endpoints = std::move(lookup.endpoints);
  return found;
}

}  // namespace

std::string RegionEndpointVariable(const std::string& region) {
  std::string name = "HUAWEICLOUD_SDK_REGION_CSMS_";
  for (const char c : region) name += c == '-' ? '_' : AsciiToUpper(c);
  return name;
}

RegionEndpoints FindRegionEndpoints(const std::string& region, const EnvLookup& getenv) {
  CheckRegionId(region);
  RegionEndpoints found;
  found.source = RegionEndpointVariable(region);
  if (const auto value = getenv(found.source.c_str())) {
    found.endpoints = SplitEndpointList(found.source, *value);
    CheckCount(found);
    return found;
  }
  if (auto from_file = FromRegionsFile(region, getenv)) {
    CheckCount(*from_file);
    return std::move(*from_file);
  }
  if (const auto host = BuiltInRegionHost(region)) {
    found.source = "the built-in region list";
    found.endpoints = {"https://" + std::string(*host)};
    return found;
  }
  throw ConfigurationError("unknown region " + QuoteForMessage(region) +
                           "; use a region id such as cn-north-4, set endpoint, or name the "
                           "region's endpoints in " +
                           RegionEndpointVariable(region) + " or a regions file");
}

}  // namespace internal
}  // namespace csms
