#ifndef CSMS_TOOLS_CSMS_CREDENTIALS_REPORT_H_
#define CSMS_TOOLS_CSMS_CREDENTIALS_REPORT_H_

// What csms auth show prints about credentials: where they came from, their
// kind and expiry. Never the access key, secret key or a token, not even a
// part of one: the AK counts as a secret in this project.

#include <cstdint>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "csms/credentials.h"

namespace csms_tool {

/// For people: "AK/SK", "AK/SK with security token (temporary)",
/// "X-Auth-Token", "anonymous".
std::string KindLabel(const csms::Credentials& credentials);

/// For --output json: "ak_sk", "temporary_ak_sk", "token", "anonymous".
std::string KindName(const csms::Credentials& credentials);

/// Whole seconds from now to expiration (rounded toward zero), negative once it
/// has passed. Computed on milliseconds since the epoch, so it cannot overflow
/// whatever the times.
std::int64_t SecondsUntil(csms::Timestamp expiration, csms::Timestamp now);

/// "2d 3h", "1h 30m", "5m 10s", "42s": the two largest units, for a magnitude
/// (the sign is the caller's).
std::string FormatDuration(std::int64_t seconds);

/// "does not expire", or "2026-12-01T03:00:00Z (in 1h 30m)" / "... (expired 5m ago)".
std::string ExpiryText(const csms::Credentials& credentials, csms::Timestamp now);

/// "Source", "Kind", "Expires", "Endpoint" lines.
void PrintCredentialsReport(std::ostream& out, const csms::Credentials& credentials,
                            const std::string& endpoint, csms::Timestamp now);

/// {"source", "kind", "temporary", "expiration" (RFC 3339 UTC or null),
///  "expires_in_seconds" (or null), "endpoint"}.
nlohmann::json CredentialsReportToJson(const csms::Credentials& credentials,
                                       const std::string& endpoint, csms::Timestamp now);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_CREDENTIALS_REPORT_H_
