#include "internal/curl_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace csms {
namespace internal {
namespace {

using Kind = TransportError::Kind;

TEST(CurlErrors, EveryFailureClassIsRecognised) {
  EXPECT_EQ(TransportErrorKind(CURLE_COULDNT_RESOLVE_HOST), Kind::kResolve);
  EXPECT_EQ(TransportErrorKind(CURLE_COULDNT_RESOLVE_PROXY), Kind::kResolve);
  EXPECT_EQ(TransportErrorKind(CURLE_COULDNT_CONNECT), Kind::kConnect);
  EXPECT_EQ(TransportErrorKind(CURLE_OPERATION_TIMEDOUT), Kind::kTimeout);
  EXPECT_EQ(TransportErrorKind(CURLE_PEER_FAILED_VERIFICATION), Kind::kTls);
  EXPECT_EQ(TransportErrorKind(CURLE_SSL_CONNECT_ERROR), Kind::kTls);
  EXPECT_EQ(TransportErrorKind(CURLE_SSL_CACERT_BADFILE), Kind::kTls);
  EXPECT_EQ(TransportErrorKind(CURLE_SEND_ERROR), Kind::kSend);
  EXPECT_EQ(TransportErrorKind(CURLE_RECV_ERROR), Kind::kReceive);
  EXPECT_EQ(TransportErrorKind(CURLE_GOT_NOTHING), Kind::kReceive);
  EXPECT_EQ(TransportErrorKind(CURLE_PARTIAL_FILE), Kind::kReceive);
  EXPECT_EQ(TransportErrorKind(CURLE_OUT_OF_MEMORY), Kind::kOther);
}

TEST(CurlErrors, EveryCodeBecomesAMessageSayingWhatFailed) {
  for (int raw = 1; raw < CURL_LAST; ++raw) {
    const auto code = static_cast<CURLcode>(raw);
    const TransportError error = MakeTransportError(code, nullptr);
    const std::string what = error.what();
    EXPECT_THAT(what, ::testing::StartsWith(std::string("transport error (") +
                                            TransportError::KindName(error.kind()) + "): "));
    EXPECT_THAT(what, ::testing::HasSubstr("(curl code " + std::to_string(raw) + ")"));
  }
}

TEST(CurlErrors, PrefersCurlsDetailedBuffer) {
  const TransportError error =
      MakeTransportError(CURLE_COULDNT_CONNECT, "Failed to connect to 127.0.0.1 port 1");
  EXPECT_STREQ(error.what(),
               "transport error (connect): could not connect: Failed to connect to 127.0.0.1 "
               "port 1 (curl code 7)");
  EXPECT_EQ(error.kind(), Kind::kConnect);
}

}  // namespace
}  // namespace internal
}  // namespace csms
