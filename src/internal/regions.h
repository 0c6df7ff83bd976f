#ifndef CSMS_SRC_INTERNAL_REGIONS_H_
#define CSMS_SRC_INTERNAL_REGIONS_H_

#include <string_view>

namespace csms {
namespace internal {

/// Whether region is one where CSMS is offered.
bool IsKnownRegion(std::string_view region);

/// The known regions, sorted; for messages and tests.
const std::string_view* KnownRegionsBegin();
const std::string_view* KnownRegionsEnd();

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REGIONS_H_
