#include "internal/curl_errors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace csms {
namespace internal {
namespace {

using Kind = TransportError::Kind;

TransferEvidence Started() {
  TransferEvidence evidence;
  evidence.request_started = true;
  return evidence;
}

const TransferEvidence kNothingSent{};

TEST(CurlErrors, EveryFailureClassIsRecognised) {
  EXPECT_EQ(TransportErrorKind(CURLE_COULDNT_RESOLVE_HOST, kNothingSent), Kind::kResolve);
  EXPECT_EQ(TransportErrorKind(CURLE_COULDNT_RESOLVE_PROXY, kNothingSent), Kind::kResolve);
  EXPECT_EQ(TransportErrorKind(CURLE_COULDNT_CONNECT, kNothingSent), Kind::kConnect);
  EXPECT_EQ(TransportErrorKind(CURLE_OPERATION_TIMEDOUT, kNothingSent), Kind::kTimeout);
  EXPECT_EQ(TransportErrorKind(CURLE_PEER_FAILED_VERIFICATION, kNothingSent), Kind::kTls);
  EXPECT_EQ(TransportErrorKind(CURLE_SSL_CONNECT_ERROR, kNothingSent), Kind::kTls);
  EXPECT_EQ(TransportErrorKind(CURLE_SSL_CACERT_BADFILE, kNothingSent), Kind::kTls);
  EXPECT_EQ(TransportErrorKind(CURLE_SEND_ERROR, Started()), Kind::kSend);
  EXPECT_EQ(TransportErrorKind(CURLE_RECV_ERROR, Started()), Kind::kReceive);
  EXPECT_EQ(TransportErrorKind(CURLE_GOT_NOTHING, Started()), Kind::kReceive);
  EXPECT_EQ(TransportErrorKind(CURLE_PARTIAL_FILE, Started()), Kind::kReceive);
  EXPECT_EQ(TransportErrorKind(CURLE_OUT_OF_MEMORY, kNothingSent), Kind::kOther);
}

// The codes libcurl can only report while setting a connection up, and those
// it can only report once a request was written. Every other code may come
// from either side of the request, and only the evidence tells.
const std::set<CURLcode> kBeforeRequest = {
    CURLE_FAILED_INIT,
    CURLE_URL_MALFORMAT,
    CURLE_NOT_BUILT_IN,
    CURLE_COULDNT_RESOLVE_PROXY,
    CURLE_COULDNT_RESOLVE_HOST,
    CURLE_COULDNT_CONNECT,
    CURLE_FUNCTION_NOT_FOUND,
    CURLE_BAD_FUNCTION_ARGUMENT,
    CURLE_INTERFACE_FAILED,
    CURLE_UNKNOWN_OPTION,
    CURLE_SETOPT_OPTION_SYNTAX,
    CURLE_SSL_CONNECT_ERROR,
    CURLE_SSL_ENGINE_NOTFOUND,
    CURLE_SSL_ENGINE_SETFAILED,
    CURLE_SSL_CERTPROBLEM,
    CURLE_SSL_CIPHER,
    CURLE_PEER_FAILED_VERIFICATION,
    CURLE_USE_SSL_FAILED,
    CURLE_SSL_ENGINE_INITFAILED,
    CURLE_SSL_CACERT_BADFILE,
    CURLE_SSL_CRL_BADFILE,
    CURLE_SSL_ISSUER_ERROR,
    CURLE_NO_CONNECTION_AVAILABLE,
    CURLE_SSL_PINNEDPUBKEYNOTMATCH,
    CURLE_SSL_INVALIDCERTSTATUS,
    CURLE_RECURSIVE_API_CALL,
    CURLE_QUIC_CONNECT_ERROR,
    CURLE_PROXY,
    CURLE_SSL_CLIENTCERT,
};
const std::set<CURLcode> kAfterRequest = {
    CURLE_PARTIAL_FILE,       CURLE_HTTP_RETURNED_ERROR, CURLE_WRITE_ERROR,
    CURLE_TOO_MANY_REDIRECTS, CURLE_GOT_NOTHING,         CURLE_BAD_CONTENT_ENCODING,
    CURLE_FILESIZE_EXCEEDED,  CURLE_SEND_FAIL_REWIND,    CURLE_HTTP2_STREAM,
};

TEST(CurlErrors, EveryCodeHasAPhaseAndIsNeverCalledUnsentWithoutProof) {
  for (int raw = 1; raw < CURL_LAST; ++raw) {
    const auto code = static_cast<CURLcode>(raw);
    SCOPED_TRACE("curl code " + std::to_string(raw) + " " + curl_easy_strerror(code));
    const CurlCodePhase expected = kBeforeRequest.count(code) != 0  ? CurlCodePhase::kBeforeRequest
                                   : kAfterRequest.count(code) != 0 ? CurlCodePhase::kAfterRequest
                                                                    : CurlCodePhase::kEitherSide;
    EXPECT_EQ(PhaseOf(code), expected);

    // Once curl was about to write the request, every failure may have
    // reached the server: even "could not connect", which a reused
    // connection's death followed by a failed reconnect produces.
    EXPECT_TRUE(RequestMayHaveBeenSent(code, Started()));
    EXPECT_TRUE(MakeTransportError(code, nullptr, Started()).request_may_have_been_sent());

    // Without that evidence, only the codes that need a written request say so.
    const bool unsent_claim_allowed = expected != CurlCodePhase::kAfterRequest;
    EXPECT_EQ(RequestMayHaveBeenSent(code, kNothingSent), !unsent_claim_allowed);
    EXPECT_EQ(MakeTransportError(code, nullptr, kNothingSent).request_may_have_been_sent(),
              !unsent_claim_allowed);

    // "Nothing was sent" kinds come only from codes that happen before the request.
    for (const TransferEvidence& evidence : {kNothingSent, Started()}) {
      const Kind kind = TransportErrorKind(code, evidence);
      if (kind == Kind::kResolve || kind == Kind::kConnect || kind == Kind::kInvalidUrl) {
        EXPECT_TRUE(expected == CurlCodePhase::kBeforeRequest || !evidence.request_started);
      }
    }
  }
}

TEST(CurlErrors, ANonHttpReplyIsAReceiveFailureNotAConnectFailure) {
  // What libcurl 7.88 returns for "HTTP/1.2 200 OK", an SSH banner and an
  // HTTP/0.9 reply, once the request was written.
  const TransportError error = MakeTransportError(
      CURLE_UNSUPPORTED_PROTOCOL, "Unsupported HTTP version in response", Started());
  EXPECT_EQ(error.kind(), Kind::kReceive);
  EXPECT_TRUE(error.request_may_have_been_sent());
  EXPECT_THAT(error.what(), ::testing::HasSubstr("not an HTTP/1.x response"));
}

TEST(CurlErrors, ARefusedSchemeBeforeTheRequestIsAnInvalidUrl) {
  const TransportError error =
      MakeTransportError(CURLE_UNSUPPORTED_PROTOCOL, "Protocol \"ftp\" not supported", {});
  EXPECT_EQ(error.kind(), Kind::kInvalidUrl);
  EXPECT_FALSE(error.request_may_have_been_sent());
  EXPECT_THAT(error.what(), ::testing::HasSubstr("the URL is malformed"));
}

TEST(CurlErrors, AMalformedUrlIsItsOwnPermanentKindNotAConnectFailure) {
  const TransportError error = MakeTransportError(CURLE_URL_MALFORMAT, nullptr, {});
  EXPECT_EQ(error.kind(), Kind::kInvalidUrl);
  EXPECT_FALSE(error.request_may_have_been_sent());
  EXPECT_THAT(error.what(), ::testing::StartsWith("transport error (invalid-url): the URL is "
                                                  "malformed: "));
  EXPECT_THAT(error.what(), ::testing::Not(::testing::HasSubstr("connect")));
}

TEST(CurlErrors, EveryCodeBecomesAMessageSayingWhatFailed) {
  for (int raw = 1; raw < CURL_LAST; ++raw) {
    const auto code = static_cast<CURLcode>(raw);
    for (const TransferEvidence& evidence : {kNothingSent, Started()}) {
      const TransportError error = MakeTransportError(code, nullptr, evidence);
      const std::string what = error.what();
      EXPECT_THAT(what, ::testing::StartsWith(std::string("transport error (") +
                                              TransportError::KindName(error.kind()) + "): "));
      EXPECT_THAT(what, ::testing::HasSubstr("(curl code " + std::to_string(raw) + ")"));
    }
  }
}

TEST(CurlErrors, PrefersCurlsDetailedBuffer) {
  const TransportError error = MakeTransportError(
      CURLE_COULDNT_CONNECT, "Failed to connect to 127.0.0.1 port 1", kNothingSent);
  EXPECT_STREQ(error.what(),
               "transport error (connect): could not connect: Failed to connect to 127.0.0.1 "
               "port 1 (curl code 7)");
  EXPECT_EQ(error.kind(), Kind::kConnect);
  EXPECT_FALSE(error.request_may_have_been_sent());
}

TEST(ScrubUrlUserinfo, RedactsTheUserinfoOfEveryUrl) {
  EXPECT_EQ(ScrubUrlUserinfo("Unsupported proxy syntax in 'http://user:s3cr3tpw@[bad:1'"),
            "Unsupported proxy syntax in 'http://<redacted>@[bad:1'");
  EXPECT_EQ(ScrubUrlUserinfo("a http://u:p@h1:1/x and https://v:q@h2/ b"),
            "a http://<redacted>@h1:1/x and https://<redacted>@h2/ b");
  EXPECT_EQ(ScrubUrlUserinfo("socks5h://only-user@proxy:1080"), "socks5h://<redacted>@proxy:1080");
  // An unencoded '@', ';' or ',' in the password does not leave a piece behind.
  EXPECT_EQ(ScrubUrlUserinfo("\"http://user:p@ss;w,rd=@host\""), "\"http://<redacted>@host\"");
}

TEST(ScrubUrlUserinfo, RedactsABareUserAndPassword) {
  EXPECT_EQ(ScrubUrlUserinfo("proxy user:s3cr3t@proxy.example:3128 refused"),
            "proxy <redacted>@proxy.example:3128 refused");
}

TEST(ScrubUrlUserinfo, KeepsTextWithoutCredentials) {
  for (const char* text : {"Could not resolve host: csms.cn-north-4.myhuaweicloud.com",
                           "Failed to connect to 127.0.0.1 port 1: Connection refused",
                           "mail admin@example.com", "http://host:8080/path", "", "@", "a:@"}) {
    const std::string expected = std::string(text) == "a:@" ? "<redacted>@" : text;
    EXPECT_EQ(ScrubUrlUserinfo(text), expected) << text;
  }
}

TEST(CurlErrors, TheMessageNeverQuotesAProxyPassword) {
  const TransportError error =
      MakeTransportError(CURLE_COULDNT_RESOLVE_PROXY,
                         "Unsupported proxy syntax in 'http://user:s3cr3tpw@[bad:1'", kNothingSent);
  EXPECT_THAT(error.what(), ::testing::Not(::testing::HasSubstr("s3cr3tpw")));
  EXPECT_THAT(error.what(), ::testing::HasSubstr("'http://<redacted>@[bad:1'"));
}

}  // namespace
}  // namespace internal
}  // namespace csms
