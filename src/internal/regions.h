#ifndef CSMS_SRC_INTERNAL_REGIONS_H_
#define CSMS_SRC_INTERNAL_REGIONS_H_

#include <string_view>

namespace csms {
namespace internal {

/// Whether region is one where CSMS is offered.
bool IsKnownRegion(std::string_view region);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REGIONS_H_
