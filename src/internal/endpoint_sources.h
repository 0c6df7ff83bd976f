#ifndef CSMS_SRC_INTERNAL_ENDPOINT_SOURCES_H_
#define CSMS_SRC_INTERNAL_ENDPOINT_SOURCES_H_

// Where a region's endpoints come from when ClientOptions::endpoint is empty,
// in the order of the official SDKs' region provider chain:
//   1. HUAWEICLOUD_SDK_REGION_CSMS_{REGION} (upper case, '-' as '_'): a comma list;
//   2. the regions file: HUAWEICLOUD_SDK_REGIONS_FILE, else ~/.huaweicloud/regions.yaml;
//   3. the built-in table (regions.h).

#include <cstddef>
#include <string>
#include <vector>

#include "internal/environment.h"

namespace csms {
namespace internal {

/// The most endpoints one region may have.
inline constexpr std::size_t kMaxRegionEndpoints = 16;

/// The largest regions file read, in bytes.
inline constexpr std::size_t kMaxRegionFileBytes = std::size_t{1024} * 1024;

struct RegionEndpoints {
  /// The endpoints, as written (not yet checked as URLs), at least one.
  std::vector<std::string> endpoints;
  /// Where they came from, for messages: the variable's name, `regions file
  /// "<path>"` or "the built-in region list".
  std::string source;
};

/// "HUAWEICLOUD_SDK_REGION_CSMS_CN_NORTH_4" for "cn-north-4".
std::string RegionEndpointVariable(const std::string& region);

/// The endpoints of `region`, reading the environment through getenv.
/// @throws ConfigurationError for a region that is not a region id (lower-case
///         letters, digits and '-'), a variable or regions file that cannot be
///         used (naming it and what is wrong), and a region none of the three
///         sources knows.
RegionEndpoints FindRegionEndpoints(const std::string& region, const EnvLookup& getenv);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ENDPOINT_SOURCES_H_
