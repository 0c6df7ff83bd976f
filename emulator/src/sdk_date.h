#ifndef CSMS_EMULATOR_SRC_SDK_DATE_H_
#define CSMS_EMULATOR_SRC_SDK_DATE_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace csms::emu {

/// Parses X-Sdk-Date, "YYYYMMDDTHHMMSSZ" in UTC; nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> ParseSdkDate(std::string_view text);
/// Formats a time as X-Sdk-Date (used by the tests to sign requests).
std::string FormatSdkDate(std::chrono::system_clock::time_point time);
/// "YYYY-MM-DDTHH:MM:SS.ffffffZ" in UTC (microseconds, rounded down): the form of
/// `expires_at` in the metadata service's and IAM's temporary credentials.
std::string FormatIsoMicros(std::chrono::system_clock::time_point time);
/// "YYYY-MM-DDTHH:MM:SSZ" in UTC (whole seconds, rounded down): the form of an
/// SMN message's `timestamp`.
std::string FormatIsoSeconds(std::chrono::system_clock::time_point time);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_SDK_DATE_H_
