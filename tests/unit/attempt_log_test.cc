// The request log line shows only allow-listed headers, matched by name
// whatever the letter case, and in every locale.

#include "internal/attempt_log.h"

#include <gtest/gtest.h>

#include <string>

#include "turkish_locale.h"

namespace csms {
namespace internal {
namespace {

HttpRequest RequestWithHeaders(HttpHeaders headers) {
  HttpRequest request;
  request.method = "GET";
  request.url = "https://h.example.com/v1/p/csms/events?limit=1";
  request.headers = std::move(headers);
  return request;
}

TEST(FormatRequestLine, ShowsAllowListedHeadersInAnyCaseAndRedactsTheRest) {
  const std::string line = FormatRequestLine(RequestWithHeaders(
      {{"HOST", "h.example.com"}, {"x-project-id", "p"}, {"Authorization", "SDK-HMAC-SHA256 x"}}));
  EXPECT_EQ(line,
            "csms: > GET /v1/p/csms/events?limit=1 headers: HOST: h.example.com, x-project-id: p, "
            "Authorization: <redacted>; body 0 bytes");
}

// strcasecmp follows the locale: in a Turkish one 'I' lower-cases to a
// dotless i, so "x-project-id" did not match "X-Project-Id" and was hidden.
TEST(FormatRequestLine, MatchesHeaderNamesAsAsciiInATurkishLocale) {
  csms_test::ScopedTurkishLocale turkish;
  CSMS_REQUIRE_TURKISH_LOCALE(turkish);
  const std::string line =
      FormatRequestLine(RequestWithHeaders({{"x-project-id", "p"}, {"X-PROJECT-ID", "q"}}));
  EXPECT_EQ(line,
            "csms: > GET /v1/p/csms/events?limit=1 headers: x-project-id: p, X-PROJECT-ID: q; "
            "body 0 bytes");
}

// A name that only starts like an allowed one is not it (strcasecmp would
// have stopped at the NUL and shown the value).
TEST(FormatRequestLine, ANameWithAnEmbeddedNulIsNotAllowListed) {
  const std::string line =
      FormatRequestLine(RequestWithHeaders({{std::string("Host\0X", 6), "secret"}}));
  EXPECT_EQ(line.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace internal
}  // namespace csms
