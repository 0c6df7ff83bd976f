#include "credentials_report.h"

#include <chrono>
#include <vector>

#include "json_output.h"
#include "table.h"

namespace csms_tool {
namespace {

bool IsTemporary(const csms::Credentials& credentials) {
  return credentials.expiration().has_value() ||
         (credentials.kind() == csms::Credentials::Kind::kAkSk && !credentials.token().empty());
}

}  // namespace

std::string KindLabel(const csms::Credentials& credentials) {
  switch (credentials.kind()) {
    case csms::Credentials::Kind::kAkSk:
      return credentials.token().empty() ? "AK/SK" : "AK/SK with security token (temporary)";
    case csms::Credentials::Kind::kToken:
      return "X-Auth-Token";
    case csms::Credentials::Kind::kAnonymous:
      return "anonymous";
    case csms::Credentials::Kind::kUnset:
      break;
  }
  return "unset";
}

std::string KindName(const csms::Credentials& credentials) {
  switch (credentials.kind()) {
    case csms::Credentials::Kind::kAkSk:
      return credentials.token().empty() ? "ak_sk" : "temporary_ak_sk";
    case csms::Credentials::Kind::kToken:
      return "token";
    case csms::Credentials::Kind::kAnonymous:
      return "anonymous";
    case csms::Credentials::Kind::kUnset:
      break;
  }
  return "unset";
}

std::int64_t SecondsUntil(csms::Timestamp expiration, csms::Timestamp now) {
  // Every system_clock time point fits in int64 milliseconds with room to
  // spare (its own ticks are finer), so the difference of two cannot overflow.
  // Whole seconds, rounded toward zero: never more time left than there is.
  return (EpochMilliseconds(expiration) - EpochMilliseconds(now)) / 1000;
}

std::string FormatDuration(std::int64_t seconds) {
  // The magnitude, without negating INT64_MIN.
  const std::uint64_t total = seconds < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(seconds)
                                          : static_cast<std::uint64_t>(seconds);
  struct Unit {
    std::uint64_t seconds;
    const char* suffix;
  };
  static constexpr Unit kUnits[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  std::vector<std::string> parts;
  std::uint64_t left = total;
  for (const Unit& unit : kUnits) {
    const std::uint64_t count = left / unit.seconds;
    left %= unit.seconds;
    // The largest non-zero unit and the one after it, whatever its value.
    if (parts.empty() && count == 0 && unit.seconds != 1) continue;
    parts.push_back(std::to_string(count) + unit.suffix);
    if (parts.size() == 2) break;
  }
  std::string out = parts[0];
  if (parts.size() == 2) out += " " + parts[1];
  return out;
}

std::string ExpiryText(const csms::Credentials& credentials, csms::Timestamp now) {
  const auto expiration = credentials.expiration();
  if (!expiration) return "does not expire";
  const std::int64_t left = SecondsUntil(*expiration, now);
  const std::string when = FormatTimestamp(*expiration);
  if (left > 0) return when + " (in " + FormatDuration(left) + ")";
  if (left == 0) return when + " (expires now)";
  return when + " (expired " + FormatDuration(left) + " ago)";
}

void PrintCredentialsReport(std::ostream& out, const csms::Credentials& credentials,
                            const std::string& endpoint, csms::Timestamp now) {
  PrintFields(out, {{"Source", credentials.source()},
                    {"Kind", KindLabel(credentials)},
                    {"Expires", ExpiryText(credentials, now)},
                    {"Endpoint", endpoint}});
}

nlohmann::json CredentialsReportToJson(const csms::Credentials& credentials,
                                       const std::string& endpoint, csms::Timestamp now) {
  nlohmann::json report = {{"source", credentials.source()},        {"kind", KindName(credentials)},
                           {"temporary", IsTemporary(credentials)}, {"expiration", nullptr},
                           {"expires_in_seconds", nullptr},         {"endpoint", endpoint}};
  if (const auto expiration = credentials.expiration()) {
    report["expiration"] = FormatTimestamp(*expiration);
    report["expires_in_seconds"] = SecondsUntil(*expiration, now);
  }
  return report;
}

}  // namespace csms_tool
