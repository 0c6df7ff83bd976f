// CallOptions::metadata: every field, on success and for each way a call fails.

#include <gtest/gtest.h>

#include "csms/csms.h"
#include "observe_support.h"

namespace {

using csms_test::ObservedClient;
using csms_test::Reply;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using Kind = csms::TransportError::Kind;

constexpr const char* kHost = "kms.cn-north-4.myhuaweicloud.com";
const std::string kNotFoundBody =
    R"({"error_code":"CSMS.0005","error_msg":"The event does not exist"})";

// The fake clock starts at zero: the whole call's time is where it stands.
microseconds Now(const ObservedClient& c) {
  return std::chrono::duration_cast<microseconds>(c.now.time_since_epoch());
}

TEST(CallMetadata, SuccessFillsEveryField) {
  // Metadata alone, without a Telemetry.
  ObservedClient c({Reply(200, csms_test::SeedEventBody(), "req-1")},
                   [](csms::ClientOptions& o) { o.telemetry.reset(); });
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  c.client->ShowSecretEvent("event-test", call);
  EXPECT_EQ(metadata.status_code, 200);
  EXPECT_EQ(metadata.request_id, "req-1");
  EXPECT_EQ(metadata.attempts, 1);
  EXPECT_EQ(metadata.endpoint, kHost);
  EXPECT_EQ(metadata.port, 443);
  EXPECT_EQ(metadata.elapsed, milliseconds(1));
}

TEST(CallMetadata, RetriedSuccessCountsAttemptsAndBackoff) {
  ObservedClient c({Reply(503, "", "r1"), Reply(200, csms_test::SeedEventBody(), "r2")});
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  c.client->ShowSecretEvent("event-test", call);
  EXPECT_EQ(metadata.status_code, 200);
  EXPECT_EQ(metadata.request_id, "r2");
  EXPECT_EQ(metadata.attempts, 2);
  // Two 1 ms exchanges and the 100 ms backoff between them.
  EXPECT_EQ(metadata.elapsed, milliseconds(102));
}

TEST(CallMetadata, ServerErrorAfterRetries) {
  ObservedClient c({Reply(503, "", "r1"), Reply(503, "", "r2"), Reply(503, "", "r3")});
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  try {
    c.client->ShowSecretEvent("event-test", call);
    FAIL() << "expected ServiceUnavailableError";
  } catch (const csms::ServiceUnavailableError& e) {
    EXPECT_EQ(metadata.status_code, e.status_code());
    EXPECT_EQ(metadata.request_id, e.request_id());
    EXPECT_EQ(metadata.attempts, e.attempts());
  }
  EXPECT_EQ(metadata.status_code, 503);
  EXPECT_EQ(metadata.request_id, "r3");
  EXPECT_EQ(metadata.attempts, 3);
  EXPECT_EQ(metadata.endpoint, kHost);
  EXPECT_EQ(metadata.elapsed, milliseconds(3 + 100 + 200));
}

TEST(CallMetadata, ClientError) {
  ObservedClient c({Reply(404, kNotFoundBody, "r404")});
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  EXPECT_THROW(c.client->ShowSecretEvent("event-test", call), csms::NotFoundError);
  EXPECT_EQ(metadata.status_code, 404);
  EXPECT_EQ(metadata.request_id, "r404");
  EXPECT_EQ(metadata.attempts, 1);
  EXPECT_EQ(metadata.endpoint, kHost);
  EXPECT_EQ(metadata.elapsed, milliseconds(1));
}

TEST(CallMetadata, TransportError) {
  ObservedClient c({Kind::kConnect, Kind::kConnect, Kind::kConnect});
  csms::CallMetadata metadata;
  metadata.request_id = "stale";  // every field is written, not only the set ones
  csms::CallOptions call;
  call.metadata = &metadata;
  EXPECT_THROW(c.client->ShowSecretEvent("event-test", call), csms::TransportError);
  EXPECT_EQ(metadata.status_code, 0);
  EXPECT_EQ(metadata.request_id, "");
  EXPECT_EQ(metadata.attempts, 3);
  EXPECT_EQ(metadata.endpoint, kHost);
  EXPECT_EQ(metadata.port, 443);
  EXPECT_EQ(metadata.elapsed, milliseconds(303));
}

class NoCredentials : public csms::CredentialsProvider {
 public:
  csms::Credentials Get() override { throw csms::CredentialsError("no source has credentials"); }
};

TEST(CallMetadata, CredentialsUnavailable) {
  ObservedClient c({}, [](csms::ClientOptions& o) {
    o.credentials_provider = std::make_shared<NoCredentials>();
  });
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  try {
    c.client->ShowSecretEvent("event-test", call);
    FAIL() << "expected CredentialsError";
  } catch (const csms::CredentialsError& e) {
    EXPECT_EQ(metadata.attempts, e.attempts());
  }
  EXPECT_TRUE(c.transport->requests.empty());
  EXPECT_EQ(metadata.status_code, 0);
  EXPECT_EQ(metadata.request_id, "");
  EXPECT_GE(metadata.attempts, 1);
  EXPECT_EQ(metadata.endpoint, kHost);
  EXPECT_EQ(metadata.elapsed, Now(c));
}

TEST(CallMetadata, ReconciledCreateReportsTheLookup) {
  // The create times out (it may have been carried out); the lookup finds the event.
  ObservedClient c({Kind::kTimeout, Reply(200, csms_test::SeedEventBody(), "r-lookup")});
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  c.client->CreateSecretEvent(csms_test::SeedEventRequest(), call);
  ASSERT_EQ(c.transport->requests.size(), 2u);
  EXPECT_EQ(c.transport->requests[1].method, "GET");
  EXPECT_EQ(metadata.status_code, 200);
  EXPECT_EQ(metadata.request_id, "r-lookup");
  EXPECT_EQ(metadata.attempts, 2);
  EXPECT_EQ(metadata.endpoint, kHost);
  EXPECT_EQ(metadata.elapsed, milliseconds(2));
}

TEST(CallMetadata, UnsettledCreateReportsTheCreatesFailure) {
  ObservedClient c({Kind::kTimeout, Reply(404, kNotFoundBody, "r-lookup")});
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  try {
    c.client->CreateSecretEvent(csms_test::SeedEventRequest(), call);
    FAIL() << "expected TransportError";
  } catch (const csms::TransportError& e) {
    EXPECT_TRUE(e.outcome_unknown());
  }
  // The error thrown is the create's (no response); the lookup's attempt counts.
  EXPECT_EQ(metadata.status_code, 0);
  EXPECT_EQ(metadata.request_id, "");
  EXPECT_EQ(metadata.attempts, 2);
  EXPECT_EQ(metadata.elapsed, milliseconds(2));
}

TEST(CallMetadata, DeleteAlreadyCarriedOutReportsThe404sRequestId) {
  ObservedClient c({Kind::kTimeout, Reply(404, kNotFoundBody, "r-gone")});
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  c.client->DeleteSecretEvent("event-test", call);
  EXPECT_EQ(metadata.status_code, 204);
  EXPECT_EQ(metadata.request_id, "r-gone");
  EXPECT_EQ(metadata.attempts, 2);
}

TEST(CallMetadata, ValidationErrorLeavesItAlone) {
  ObservedClient c({});
  csms::CallMetadata metadata;
  metadata.attempts = 77;
  csms::CallOptions call;
  call.metadata = &metadata;
  EXPECT_THROW(c.client->ShowSecretEvent("not valid", call), csms::ValidationError);
  EXPECT_EQ(metadata.attempts, 77);
}

TEST(CallMetadata, EndpointIsTheAttemptsHostAndPort) {
  ObservedClient c({Reply(200, csms_test::SeedEventBody()), Reply(200, csms_test::SeedEventBody())},
                   [](csms::ClientOptions& o) {
                     o.region.clear();
                     o.endpoint = "http://127.0.0.1:8080";
                   });
  csms::CallMetadata metadata;
  csms::CallOptions call;
  call.metadata = &metadata;
  c.client->ShowSecretEvent("event-test", call);
  EXPECT_EQ(metadata.endpoint, "127.0.0.1");
  EXPECT_EQ(metadata.port, 8080);
  EXPECT_EQ(metadata.request_id, "");  // the response had none

  ObservedClient plain({Reply(200, csms_test::SeedEventBody())}, [](csms::ClientOptions& o) {
    o.region.clear();
    o.endpoint = "http://localhost";
  });
  plain.client->ShowSecretEvent("event-test", call);
  EXPECT_EQ(metadata.endpoint, "localhost");
  EXPECT_EQ(metadata.port, 80);
}

}  // namespace
