// Replies libcurl accepts or rejects in ways that say nothing about whether
// the request arrived, from a raw-socket server: each must end as an
// ambiguous TransportError (a GET is retried, a create is reconciled), never
// as "nothing was sent" and never as a decoding error.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "csms/csms.h"
#include "raw_server.h"
#include "test_support.h"

namespace {

using std::chrono::milliseconds;
using ::testing::HasSubstr;

constexpr const char* kEventJson =
    R"({"event":{"name":"event-test","event_id":"bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e",)"
    R"("state":"ENABLED","event_types":["SECRET_VERSION_CREATED"],)"
    R"("create_time":1581507580000,"update_time":1581507580000,)"
    R"("notification":{"target_type":"SMN","target_id":"urn:smn:cn-north-4:p:t",)"
    R"("target_name":"t"}}})";

std::string Http(int status, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: application/json\r\nX-Request-Id: raw-1\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string NotFound() {
  return Http(404, R"({"error_code":"CSMS.0005","error_msg":"not found"})");
}

csms::CreateSecretEventRequest EventRequest() {
  csms::CreateSecretEventRequest request;
  request.name = "event-test";
  request.event_types = {csms::EventType::kSecretVersionCreated};
  request.notification.target_id = "urn:smn:cn-north-4:p:t";
  request.notification.target_name = "t";
  return request;
}

struct Shape {
  const char* name;
  const char* bytes;
};

void PrintTo(const Shape& shape, std::ostream* out) { *out << shape.name; }

std::string ShapeName(const ::testing::TestParamInfo<Shape>& shape) { return shape.param.name; }

class ReplyShapeTest : public ::testing::TestWithParam<Shape> {
 protected:
  csms::ClientOptions Options(const std::string& url) {
    csms::ClientOptions options = csms_test::LoopbackOptions(url);
    options.retry = csms::RetryOptions{};  // the defaults: 3 attempts
    options.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    options.random = [] { return 0.5; };
    return options;
  }

  std::vector<milliseconds> sleeps_;
};

// A reply libcurl 7.88 refuses as not HTTP/1.x, with CURLE_UNSUPPORTED_PROTOCOL
// (curl code 1), which used to read "could not connect".
class NonHttpReplyTest : public ReplyShapeTest {};

TEST_P(NonHttpReplyTest, CreateIsSentOnceAndItsOutcomeIsUnknown) {
  csms_test::RawServer server([](const csms_test::RawRequest& request, int) {
    return request.method == "POST" ? std::string(GetParam().bytes) : NotFound();
  });
  csms::CsmsClient client(Options(server.url()));
  try {
    client.CreateSecretEvent(EventRequest());
    FAIL() << "expected a TransportError";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kReceive) << e.what();
    EXPECT_TRUE(e.request_may_have_been_sent());
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("not an HTTP/1.x response"));
    EXPECT_THAT(e.what(), HasSubstr("no event of that name exists now"));
  }
  EXPECT_EQ(server.post_count(), 1);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_P(NonHttpReplyTest, GetIsRetried) {
  csms_test::RawServer server([](const csms_test::RawRequest&, int index) {
    return index == 0 ? std::string(GetParam().bytes) : Http(200, kEventJson);
  });
  csms::CsmsClient client(Options(server.url()));
  EXPECT_EQ(client.ShowSecretEvent("event-test").name, "event-test");
  EXPECT_EQ(server.requests().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Shapes, NonHttpReplyTest,
                         ::testing::Values(Shape{"UnsupportedVersion",
                                                 "HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\n{}"},
                                           Shape{"SshBanner", "SSH-2.0-OpenSSH_9.2\r\n"},
                                           Shape{"Http09", "{\"event\":{}}"}),
                         ShapeName);

// A response cut short: libcurl reports the first two as a success (with an
// empty body), the third as a partial transfer; the last two are complete HTTP
// to libcurl, but a 2xx without the body the operation returns (the client
// itself calls that a receive failure).
class IncompleteReplyTest : public ReplyShapeTest {};

TEST_P(IncompleteReplyTest, CreateIsReconciledAfterOnePost) {
  csms_test::RawServer server([](const csms_test::RawRequest& request, int) {
    return request.method == "POST" ? std::string(GetParam().bytes) : Http(200, kEventJson);
  });
  csms::CsmsClient client(Options(server.url()));
  const csms::Event event = client.CreateSecretEvent(EventRequest());
  EXPECT_EQ(event.event_id, "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e");
  EXPECT_EQ(server.post_count(), 1);
  ASSERT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.requests()[1].method, "GET");
}

TEST_P(IncompleteReplyTest, CreateWhoseReconciliationFindsNothingIsOutcomeUnknown) {
  csms_test::RawServer server([](const csms_test::RawRequest& request, int) {
    return request.method == "POST" ? std::string(GetParam().bytes) : NotFound();
  });
  csms::CsmsClient client(Options(server.url()));
  try {
    client.CreateSecretEvent(EventRequest());
    FAIL() << "expected a TransportError";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kReceive) << e.what();
    EXPECT_TRUE(e.request_may_have_been_sent());
    EXPECT_TRUE(e.outcome_unknown());
  }
  EXPECT_EQ(server.post_count(), 1);
}

TEST_P(IncompleteReplyTest, GetIsRetried) {
  csms_test::RawServer server([](const csms_test::RawRequest&, int index) {
    return index == 0 ? std::string(GetParam().bytes) : Http(200, kEventJson);
  });
  csms::CsmsClient client(Options(server.url()));
  EXPECT_EQ(client.ShowSecretEvent("event-test").name, "event-test");
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(sleeps_.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, IncompleteReplyTest,
    ::testing::Values(
        Shape{"StatusLineOnly", "HTTP/1.1 200 OK\r\n"},
        Shape{"HeadersNotTerminated", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"},
        Shape{"ContentLengthNotMet",
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
              "Content-Length: 400\r\n\r\n{\"event\":"},
        // Complete as HTTP, but a create's answer without its body.
        Shape{"EmptyCreated", "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"},
        // HTTP/1.0 without Content-Length: the close ends the body, here at once.
        Shape{"Http10CutToNothing", "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"}),
    ShapeName);

TEST(TransportReply, AnIncompleteResponseIsAReceiveErrorFromTheTransportItself) {
  csms_test::RawServer server(
      [](const csms_test::RawRequest&, int) { return std::string("HTTP/1.1 200 OK\r\n"); });
  const auto transport = csms::MakeCurlTransport();
  csms::HttpRequest request;
  request.method = "GET";
  request.url = server.url() + "/v1/x";
  try {
    transport->Send(request);
    FAIL() << "expected a TransportError";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kReceive);
    EXPECT_TRUE(e.request_may_have_been_sent());
    EXPECT_THAT(e.what(), HasSubstr("before the response headers were complete"));
  }
}

// A transport that mangles the URL as a bad endpoint would, then uses curl.
class MalformingTransport : public csms::HttpTransport {
 public:
  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    ++calls;
    csms::HttpRequest copy = request;
    copy.url.insert(copy.url.find("/v1"), " ");
    return curl_->Send(copy);
  }
  int calls = 0;

 private:
  std::shared_ptr<csms::HttpTransport> curl_ = csms::MakeCurlTransport();
};

TEST(TransportReply, AMalformedUrlAtRunTimeIsPermanentAndNeverAConnectFailure) {
  auto transport = std::make_shared<MalformingTransport>();
  csms::ClientOptions options = csms_test::LoopbackOptions("http://127.0.0.1:9");
  options.retry = csms::RetryOptions{};
  options.sleep = [](milliseconds) {};
  options.transport = transport;
  csms::CsmsClient client(options);
  try {
    client.ShowSecretEvent("event-test");
    FAIL() << "expected a TransportError";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kInvalidUrl) << e.what();
    EXPECT_FALSE(e.request_may_have_been_sent());
    EXPECT_THAT(e.what(), HasSubstr("the URL is malformed"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("could not connect")));
    EXPECT_EQ(e.attempts(), 1);
  }
  EXPECT_EQ(transport->calls, 1);
}

// gzip of {"error_code":"CSMS.0005","error_msg":"The event does not exist"}.
const char kGzippedNotFound[] =
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xab\x56\x4a\x2d\x2a\xca\x2f\x8a\x4f\xce\x4f\x49"
    "\x55\xb2\x52\x72\x0e\xf6\x0d\xd6\x33\x30\x30\x30\x55\xd2\x81\x4a\xe4\x16\xa7\x03\xc5"
    "\x43\x32\x52\x15\x52\xcb\x52\xf3\x4a\x14\x52\xf2\x53\x8b\x15\xf2\xf2\x4b\x14\x52\x2b"
    "\x32\x8b\x4b\x94\x6a\x01\xbd\xe7\xaa\x51\x41\x00\x00\x00";

// gzip of 65,536 '0' bytes: 97 bytes on the wire.
const char kGzippedZeros[] =
    "\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xed\xc1\x81\x00\x00\x00\x00\x80\x20\xa5\xfd"
    "\xe9\x16\xa9\x0a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x6a\x0b\x51\x49\x68\x00\x00\x01\x00";

std::string Gzipped(int status, const char* bytes, std::size_t size) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
         "X-Request-Id: raw-gz\r\nContent-Length: " +
         std::to_string(size) + "\r\n\r\n" + std::string(bytes, size);
}

TEST(TransportReply, AnUnsolicitedGzipErrorBodyIsDecodedAndMapped) {
  csms_test::RawServer server([](const csms_test::RawRequest&, int) {
    return Gzipped(400, kGzippedNotFound, sizeof(kGzippedNotFound) - 1);
  });
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  try {
    client.ShowSecretEvent("event-test");
    FAIL() << "expected a NotFoundError";
  } catch (const csms::NotFoundError& e) {
    EXPECT_EQ(e.detail().error_code, "CSMS.0005");
    EXPECT_EQ(e.request_id(), "raw-gz");
  }
  // Decoding is not advertised: every header sent is one the SDK signed.
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_THAT(server.requests()[0].head, ::testing::Not(HasSubstr("ccept-Encoding")));
}

TEST(TransportReply, TheBodyLimitAppliesToDecodedBytes) {
  csms_test::RawServer server([](const csms_test::RawRequest&, int) {
    return Gzipped(200, kGzippedZeros, sizeof(kGzippedZeros) - 1);
  });
  csms::CurlTransportOptions options;
  options.max_response_bytes = 4096;
  const auto transport = csms::MakeCurlTransport(options);
  csms::HttpRequest request;
  request.method = "GET";
  request.url = server.url() + "/v1/x";
  try {
    transport->Send(request);
    FAIL() << "expected a TransportError";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kReceive);
    EXPECT_THAT(e.what(), HasSubstr("exceeds the limit of 4096 bytes"));
  }
}

}  // namespace

namespace {

// The header list leaves out "Expect:" for small bodies (a line curl would
// scan on every request): at no body size may curl add an unsigned
// "Expect: 100-continue" (it waits for an interim reply, then sends anyway).
TEST(TransportReply, NoBodySizeGetsAnUnsignedExpectHeader) {
  csms_test::RawServer server([](const csms_test::RawRequest&, int) {
    // The server closes every connection: no POST may go out on a dead one.
    return std::string("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  });
  const auto transport = csms::MakeCurlTransport();
  const std::vector<std::size_t> sizes = {0, 1, 1024, 1025, 64 * 1024, 1024 * 1024 + 1};
  for (const std::size_t size : sizes) {
    csms::HttpRequest request;
    request.method = "POST";
    request.url = server.url() + "/v1/x";
    request.body.assign(size, 'b');
    EXPECT_EQ(transport->Send(request).status_code, 200) << size;
  }
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), sizes.size());
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    EXPECT_THAT(requests[i].head, ::testing::Not(HasSubstr("xpect"))) << sizes[i];
    EXPECT_EQ(requests[i].body.size(), sizes[i]);
  }
}

}  // namespace
