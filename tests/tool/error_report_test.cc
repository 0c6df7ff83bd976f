// The tool's exit code and error line for each kind of failure, straight from
// ReportError (the end-to-end tests cover the failures a server can cause; a
// malformed URL at run time needs a transport that refuses the URL).

#include "error_report.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "csms/errors.h"

namespace csms_tool {
namespace {

template <typename Error>
int ReportedExit(const Error& error, OutputFormat format, std::string* line) {
  std::ostringstream err;
  const int code = ReportError(std::make_exception_ptr(error), format, err);
  *line = err.str();
  return code;
}

TEST(ReportError, AMalformedUrlAtRunTimeIsAUsageErrorNotARetryableTransportError) {
  std::string line;
  const csms::TransportError invalid_url(csms::TransportError::Kind::kInvalidUrl,
                                         "the URL is malformed");
  EXPECT_EQ(ReportedExit(invalid_url, OutputFormat::kJson, &line), kExitUsage);
  EXPECT_NE(line.find("\"kind\":\"invalid-url\""), std::string::npos) << line;
}

TEST(ReportError, OtherTransportErrorsExitThree) {
  std::string line;
  for (const auto kind :
       {csms::TransportError::Kind::kResolve, csms::TransportError::Kind::kConnect,
        csms::TransportError::Kind::kTls, csms::TransportError::Kind::kTimeout,
        csms::TransportError::Kind::kSend, csms::TransportError::Kind::kReceive,
        csms::TransportError::Kind::kOther}) {
    EXPECT_EQ(ReportedExit(csms::TransportError(kind, "failed"), OutputFormat::kTable, &line),
              kExitTransport)
        << csms::TransportError::KindName(kind);
  }
}

TEST(ReportError, NoCredentialsIsExitTwoNothingWasSent) {
  std::string line;
  const csms::CredentialsError none("environment: not set; profile: /h/c not found");
  EXPECT_EQ(ReportedExit(none, OutputFormat::kJson, &line), kExitUsage);
  EXPECT_NE(line.find("\"error_code\":\"CredentialsError\""), std::string::npos) << line;
  EXPECT_NE(line.find("profile: /h/c not found"), std::string::npos) << line;
}

}  // namespace
}  // namespace csms_tool
