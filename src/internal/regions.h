#ifndef CSMS_SRC_INTERNAL_REGIONS_H_
#define CSMS_SRC_INTERNAL_REGIONS_H_

// The built-in region table: the one place that knows which regions CSMS is
// offered in and which host serves each (docs/configuration.md says where the
// list comes from).

#include <optional>
#include <string_view>

namespace csms {
namespace internal {

/// Whether region is one where CSMS is offered.
bool IsKnownRegion(std::string_view region);

/// The host that serves CSMS in a built-in region ("kms.cn-north-4.myhuaweicloud.com"),
/// or nothing for a region the table does not list.
std::optional<std::string_view> BuiltInRegionHost(std::string_view region);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REGIONS_H_
