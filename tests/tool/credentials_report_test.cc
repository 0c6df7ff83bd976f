// What csms auth show says about credentials, with a fixed "now": the expiry
// text and JSON (env and profile credentials have no expiry, so the end-to-end
// tests cannot show it), and the kinds.

#include "credentials_report.h"

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace csms_tool {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// 2026-12-01T01:00:00Z
const csms::Timestamp kNow = csms::Timestamp(seconds(1796086800));

TEST(CredentialsReport, DurationsShowTheTwoLargestUnits) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(42), "42s");
  EXPECT_EQ(FormatDuration(310), "5m 10s");
  EXPECT_EQ(FormatDuration(3600), "1h 0m");
  EXPECT_EQ(FormatDuration(5400 + 7), "1h 30m");
  EXPECT_EQ(FormatDuration(2 * 86400 + 3 * 3600 + 59), "2d 3h");
  EXPECT_EQ(FormatDuration(-310), "5m 10s");
  EXPECT_FALSE(FormatDuration(INT64_MIN).empty());
}

TEST(CredentialsReport, ExpiryIsRfc3339UtcAndHowLongFromNow) {
  const auto credentials = csms::Credentials::AkSk("ak", "sk", "token");
  EXPECT_EQ(ExpiryText(credentials, kNow), "does not expire");
  EXPECT_EQ(ExpiryText(credentials.WithExpiration(kNow + hours(1) + minutes(30)), kNow),
            "2026-12-01T02:30:00Z (in 1h 30m)");
  EXPECT_EQ(ExpiryText(credentials.WithExpiration(kNow - minutes(5)), kNow),
            "2026-12-01T00:55:00Z (expired 5m 0s ago)");
  EXPECT_EQ(ExpiryText(credentials.WithExpiration(kNow), kNow),
            "2026-12-01T01:00:00Z (expires now)");
}

TEST(CredentialsReport, ExtremeExpirationsDoNotOverflow) {
  EXPECT_GT(SecondsUntil(csms::Timestamp::max(), csms::Timestamp::min()), 0);
  EXPECT_LT(SecondsUntil(csms::Timestamp::min(), csms::Timestamp::max()), 0);
}

TEST(CredentialsReport, JsonCarriesExpirationAndSecondsLeft) {
  const auto credentials = csms::Credentials::AkSk("AKREPORTTEST", "sk-report-secret", "tok-x")
                               .WithSource("metadata http://127.0.0.1:1")
                               .WithExpiration(kNow + hours(6));
  const auto report = CredentialsReportToJson(credentials, "https://kms.example.test", kNow);
  EXPECT_EQ(report, nlohmann::json::parse(R"({
    "source": "metadata http://127.0.0.1:1", "kind": "temporary_ak_sk", "temporary": true,
    "expiration": "2026-12-01T07:00:00Z", "expires_in_seconds": 21600,
    "endpoint": "https://kms.example.test"})"));

  std::ostringstream table;
  PrintCredentialsReport(table, credentials, "https://kms.example.test", kNow);
  EXPECT_EQ(table.str(),
            "Source:    metadata http://127.0.0.1:1\n"
            "Kind:      AK/SK with security token (temporary)\n"
            "Expires:   2026-12-01T07:00:00Z (in 6h 0m)\n"
            "Endpoint:  https://kms.example.test\n");
  for (const std::string secret : {"AKREPORTTEST", "sk-report-secret", "tok-x"}) {
    EXPECT_EQ(report.dump().find(secret), std::string::npos);
    EXPECT_EQ(table.str().find(secret), std::string::npos);
  }
}

TEST(CredentialsReport, KindsOfEveryCredentials) {
  EXPECT_EQ(KindName(csms::Credentials::AkSk("a", "s")), "ak_sk");
  EXPECT_EQ(KindLabel(csms::Credentials::AkSk("a", "s")), "AK/SK");
  EXPECT_EQ(KindName(csms::Credentials::Token("t")), "token");
  EXPECT_EQ(KindLabel(csms::Credentials::Token("t")), "X-Auth-Token");
  EXPECT_EQ(KindName(csms::Credentials::Anonymous()), "anonymous");
  EXPECT_EQ(KindLabel(csms::Credentials::Anonymous()), "anonymous");
}

}  // namespace
}  // namespace csms_tool
