#ifndef CSMS_SRC_INTERNAL_REGION_FILE_H_
#define CSMS_SRC_INTERNAL_REGION_FILE_H_

// The regions file of the official Huawei Cloud SDKs
// (~/.huaweicloud/regions.yaml, or HUAWEICLOUD_SDK_REGIONS_FILE):
//
//   CSMS:
//     - id: cn-north-4
//       endpoint: https://kms.cn-north-4.myhuaweicloud.com
//     - id: eu-west-101
//       endpoints:
//         - https://kms.eu-west-101.myhuaweicloud.eu
//
// A map from service name (compared case-insensitively) to a list of regions,
// each with an id and an endpoint, endpoints, or both (endpoint first).

#include <string>
#include <string_view>
#include <vector>

namespace csms {
namespace internal {

struct RegionFileLookup {
  /// The endpoints the file gives `region` of the service, as written; empty
  /// when the file does not list the region (or lists no such service).
  std::vector<std::string> endpoints;
  /// Empty when the file could be read; otherwise what is wrong with it (a
  /// YAML error with its line, or an entry of the wrong shape), never quoting
  /// more than a region id.
  std::string problem;
};

/// Looks `region` of `service` up in the text of a regions file. Only the
/// service's own entries are checked for their shape; other services' entries
/// need only be valid YAML.
/// @throws std::bad_alloc only.
RegionFileLookup FindInRegionFile(const std::string& yaml_text, std::string_view service,
                                  std::string_view region);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REGION_FILE_H_
