#ifndef CSMS_SRC_INTERNAL_SDK_DATE_H_
#define CSMS_SRC_INTERNAL_SDK_DATE_H_

// The X-Sdk-Date header value: UTC "YYYYMMDDTHHMMSSZ".

#include <cstdint>
#include <string>

#include "csms/models.h"

namespace csms {
namespace internal {

/// Formats a time as X-Sdk-Date wants it. A time between two whole seconds
/// is the earlier second (as a clock reads), before 1970 too.
std::string FormatSdkDate(Timestamp time);

/// The same for whole seconds since 1970-01-01T00:00:00Z. Throws
/// std::out_of_range outside 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z,
/// which have no four-digit year. (A Timestamp of libstdc++ spans 1677 to
/// 2262 only; other standard libraries' reach further.)
std::string FormatSdkDateSeconds(std::int64_t unix_seconds);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SDK_DATE_H_
