#include "internal/regions.h"

#include <algorithm>
#include <array>

namespace csms {
namespace internal {
namespace {

struct RegionHost {
  std::string_view region;
  std::string_view host;
};

// Regions where CSMS is offered, each with the host that serves it: CSMS is
// served by the KMS host of the region. The ids are those of the official
// SDKs' CSMS region lists (huaweicloud-sdk-go-v3 services/csms/v1/region,
// huaweicloud-sdk-java-v3 CsmsRegion). The host is per region, not derived
// from the id: the KMS list has regions on other domains (eu-west-101 is
// kms.eu-west-101.myhuaweicloud.eu), which CSMS does not list; see
// docs/configuration.md. Sorted by region, so lookups can use binary search.
constexpr std::array<RegionHost, 30> kRegions = {{
    {"ae-ad-1", "kms.ae-ad-1.myhuaweicloud.com"},
    {"af-north-1", "kms.af-north-1.myhuaweicloud.com"},
    {"af-south-1", "kms.af-south-1.myhuaweicloud.com"},
    {"ap-southeast-1", "kms.ap-southeast-1.myhuaweicloud.com"},
    {"ap-southeast-2", "kms.ap-southeast-2.myhuaweicloud.com"},
    {"ap-southeast-3", "kms.ap-southeast-3.myhuaweicloud.com"},
    {"ap-southeast-4", "kms.ap-southeast-4.myhuaweicloud.com"},
    {"ap-southeast-5", "kms.ap-southeast-5.myhuaweicloud.com"},
    {"cn-east-2", "kms.cn-east-2.myhuaweicloud.com"},
    {"cn-east-3", "kms.cn-east-3.myhuaweicloud.com"},
    {"cn-east-4", "kms.cn-east-4.myhuaweicloud.com"},
    {"cn-east-5", "kms.cn-east-5.myhuaweicloud.com"},
    {"cn-north-1", "kms.cn-north-1.myhuaweicloud.com"},
    {"cn-north-11", "kms.cn-north-11.myhuaweicloud.com"},
    {"cn-north-12", "kms.cn-north-12.myhuaweicloud.com"},
    {"cn-north-2", "kms.cn-north-2.myhuaweicloud.com"},
    {"cn-north-4", "kms.cn-north-4.myhuaweicloud.com"},
    {"cn-north-9", "kms.cn-north-9.myhuaweicloud.com"},
    {"cn-south-1", "kms.cn-south-1.myhuaweicloud.com"},
    {"cn-south-2", "kms.cn-south-2.myhuaweicloud.com"},
    {"cn-southwest-2", "kms.cn-southwest-2.myhuaweicloud.com"},
    {"cn-southwest-3", "kms.cn-southwest-3.myhuaweicloud.com"},
    {"la-north-2", "kms.la-north-2.myhuaweicloud.com"},
    {"la-south-2", "kms.la-south-2.myhuaweicloud.com"},
    {"me-east-1", "kms.me-east-1.myhuaweicloud.com"},
    {"my-kualalumpur-1", "kms.my-kualalumpur-1.myhuaweicloud.com"},
    {"na-mexico-1", "kms.na-mexico-1.myhuaweicloud.com"},
    {"ru-moscow-1", "kms.ru-moscow-1.myhuaweicloud.com"},
    {"sa-brazil-1", "kms.sa-brazil-1.myhuaweicloud.com"},
    {"tr-west-1", "kms.tr-west-1.myhuaweicloud.com"},
}};

}  // namespace

std::optional<std::string_view> BuiltInRegionHost(std::string_view region) {
  const auto found = std::lower_bound(
      kRegions.begin(), kRegions.end(), region,
      [](const RegionHost& entry, std::string_view id) { return entry.region < id; });
  if (found == kRegions.end() || found->region != region) return std::nullopt;
  return found->host;
}

bool IsKnownRegion(std::string_view region) { return BuiltInRegionHost(region).has_value(); }

}  // namespace internal
}  // namespace csms
