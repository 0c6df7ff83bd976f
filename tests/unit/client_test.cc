// CsmsClient over a recording transport: what the client puts on the wire, and
// what it makes of the answers. The real curl transport is covered by the
// integration tests.

#include "csms/client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "csms/client_interface.h"
#include "csms/errors.h"
#include "csms/testing/mock_client.h"
#include "csms/version.h"
#include "fake_transport.h"
#include "internal/error_mapping.h"
#include "internal/signer.h"
#include "seed_data.h"
#include "sign_url.h"

namespace csms {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kAk = "AKTESTAKTESTAKTEST01";
constexpr const char* kSk = "SKtestSKtestSKtestSKtestSKtestSKtest0001";

using csms_test::SeedResponse;

CreateSecretEventRequest SeedRequest() {
  CreateSecretEventRequest request;
  request.name = "demo-event";
  request.event_types = {EventType::kSecretVersionCreated, EventType::kSecretVersionExpired};
  request.state = EventState::kEnabled;
  request.notification.target_id = "urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc";
  request.notification.target_name = "demo-smn-name";
  return request;
}

struct Fixture {
  std::shared_ptr<csms_test::RecordingTransport> transport;
  CsmsClient client;
};

Fixture MakeClient(Credentials credentials, HttpResponse response = SeedResponse()) {
  auto transport = std::make_shared<csms_test::RecordingTransport>(std::move(response));
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = std::move(credentials);
  options.transport = transport;
  // 2020-02-12T11:20:33Z, the date of the CSMS signing vectors.
  options.clock = [] { return Timestamp(std::chrono::seconds(1581506433)); };
  return Fixture{transport, CsmsClient(std::move(options))};
}

std::string Header(const HttpRequest& request, const char* name) {
  return internal::FindHeader(request.headers, name).value_or("<absent>");
}

TEST(CreateSecretEvent, InvalidRequestSendsNothing) {
  Fixture f = MakeClient(Credentials::AkSk(kAk, kSk));
  CreateSecretEventRequest request = SeedRequest();
  request.event_types.push_back(EventType("SECRET_VERSON_CREATED"));
  EXPECT_THROW(f.client.CreateSecretEvent(request), ValidationError);
  request = SeedRequest();
  request.notification.target_name.clear();
  EXPECT_THROW(f.client.CreateSecretEvent(request), ValidationError);
  EXPECT_TRUE(f.transport->requests().empty());
}

TEST(CreateSecretEvent, SendsASignedPostAndDecodesTheEvent) {
  Fixture f = MakeClient(Credentials::AkSk(kAk, kSk));
  const Event event = f.client.CreateSecretEvent(SeedRequest());
  EXPECT_EQ(event.name, "event-test");
  EXPECT_EQ(event.event_id, "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e");

  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 1u);
  const HttpRequest& sent = requests[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, std::string("https://kms.cn-north-4.myhuaweicloud.com/v1/") + kProjectId +
                          "/csms/events");
  EXPECT_EQ(
      sent.body,
      R"({"name":"demo-event","event_types":["SECRET_VERSION_CREATED","SECRET_VERSION_EXPIRED"],)"
      R"("state":"ENABLED","notification":{"target_type":"SMN","target_id":)"
      R"("urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc","target_name":"demo-smn-name"}})");
  EXPECT_EQ(Header(sent, "Host"), "kms.cn-north-4.myhuaweicloud.com");
  EXPECT_EQ(Header(sent, "Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(Header(sent, "X-Project-Id"), kProjectId);
  EXPECT_EQ(Header(sent, "X-Sdk-Date"), "20200212T112033Z");
  EXPECT_EQ(Header(sent, "X-Auth-Token"), "<absent>");
  EXPECT_EQ(Header(sent, "X-Security-Token"), "<absent>");
  EXPECT_EQ(Header(sent, "User-Agent"), std::string("csms-sdk-cpp/") + Version());
  EXPECT_EQ(sent.timeout, std::chrono::seconds(30));

  // The Authorization header is the signature of every other header but User-Agent.
  HttpHeaders signed_headers;
  for (const auto& header : sent.headers) {
    if (header.first != "Authorization" && header.first != "User-Agent") {
      signed_headers.push_back(header);
    }
  }
  internal::SigningInput input;
  input.method = sent.method;
  input.headers = &signed_headers;
  input.body = sent.body;
  input.access_key = kAk;
  input.secret_key = kSk;
  EXPECT_EQ(Header(sent, "Authorization"), csms_test::SignUrl(input, sent.url).authorization);
  EXPECT_THAT(Header(sent, "Authorization"),
              HasSubstr("SignedHeaders=content-type;host;x-project-id;x-sdk-date,"));
}

TEST(CreateSecretEvent, TemporaryCredentialsSignTheSecurityToken) {
  Fixture f = MakeClient(Credentials::AkSk(kAk, kSk, "temporary-token"));
  f.client.CreateSecretEvent(SeedRequest());
  const HttpRequest sent = f.transport->requests().at(0);
  EXPECT_EQ(Header(sent, "X-Security-Token"), "temporary-token");
  EXPECT_THAT(
      Header(sent, "Authorization"),
      HasSubstr("SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,"));
}

TEST(CreateSecretEvent, TokenCredentialsSendXAuthTokenWithoutSigning) {
  Fixture f = MakeClient(Credentials::Token("iam-user-token"));
  f.client.CreateSecretEvent(SeedRequest());
  const HttpRequest sent = f.transport->requests().at(0);
  EXPECT_EQ(Header(sent, "X-Auth-Token"), "iam-user-token");
  EXPECT_EQ(Header(sent, "Authorization"), "<absent>");
  EXPECT_EQ(Header(sent, "X-Sdk-Date"), "<absent>");
}

TEST(CreateSecretEvent, AnonymousCredentialsSendNoAuthentication) {
  Fixture f = MakeClient(Credentials::Anonymous());
  f.client.CreateSecretEvent(SeedRequest());
  const HttpRequest sent = f.transport->requests().at(0);
  EXPECT_EQ(Header(sent, "X-Auth-Token"), "<absent>");
  EXPECT_EQ(Header(sent, "Authorization"), "<absent>");
}

TEST(CreateSecretEvent, CallTimeoutOverridesClientTimeout) {
  Fixture f = MakeClient(Credentials::Anonymous());
  CallOptions call;
  call.timeout = std::chrono::milliseconds(1234);
  f.client.CreateSecretEvent(SeedRequest(), call);
  EXPECT_EQ(f.transport->requests().at(0).timeout, std::chrono::milliseconds(1234));
  call.timeout = std::chrono::milliseconds(0);
  EXPECT_THROW(f.client.CreateSecretEvent(SeedRequest(), call), ValidationError);
  EXPECT_EQ(f.transport->requests().size(), 1u);
}

TEST(CreateSecretEvent, UndecodableSuccessIsInvalidResponseError) {
  HttpResponse response;
  response.status_code = 200;
  response.headers = {{"x-request-id", "req-7"}};
  response.body = "<html>maintenance</html>";
  Fixture f = MakeClient(Credentials::Anonymous(), response);
  try {
    f.client.CreateSecretEvent(SeedRequest());
    FAIL();
  } catch (const InvalidResponseError& e) {
    EXPECT_EQ(e.status_code(), 200);
    EXPECT_EQ(e.request_id(), "req-7");
    EXPECT_THAT(e.what(), HasSubstr("the body is not JSON"));
    EXPECT_THAT(e.what(), Not(HasSubstr("maintenance")));
  }
}

TEST(CreateSecretEvent, ErrorsNeverContainCredentials) {
  HttpResponse response;
  response.status_code = 401;
  response.body = R"({"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"})";
  for (const Credentials& credentials :
       {Credentials::AkSk(kAk, kSk, "sts-token-value"), Credentials::Token("iam-token-value")}) {
    Fixture f = MakeClient(credentials, response);
    try {
      f.client.CreateSecretEvent(SeedRequest());
      FAIL();
    } catch (const UnauthorizedError& e) {
      const std::string what = e.what();
      EXPECT_THAT(what, HasSubstr("APIGW.0301"));
      for (const char* secret : {kAk, kSk, "sts-token-value", "iam-token-value"}) {
        EXPECT_THAT(what, Not(HasSubstr(secret)));
      }
    }
  }
}

TEST(CsmsClient, CopiesShareTheTransport) {
  Fixture f = MakeClient(Credentials::Anonymous());
  CsmsClient copy = f.client;
  copy.CreateSecretEvent(SeedRequest());
  f.client.CreateSecretEvent(SeedRequest());
  EXPECT_EQ(f.transport->requests().size(), 2u);
}

// A hand-written fake that overrides the one operation its test uses.
class ShowOnlyFake : public CsmsClientInterface {
 public:
  Event ShowSecretEvent(const std::string& event_name, const CallOptions&) override {
    Event event;
    event.name = event_name;
    return event;
  }
};

// Calls `call` and returns the operation UnimplementedError named ("" if none).
template <typename Call>
std::string UnimplementedOperation(Call call) {
  try {
    call();
  } catch (const UnimplementedError& e) {
    EXPECT_THAT(e.what(), HasSubstr(e.operation() + " is not implemented"));
    return e.operation();
  }
  return "";
}

TEST(CsmsClientInterface, AFakeOverridesOnlyWhatItUsesAndTheRestThrowUnimplemented) {
  ShowOnlyFake fake;
  CsmsClientInterface& client = fake;
  EXPECT_EQ(client.ShowSecretEvent("e").name, "e");
  EXPECT_EQ(UnimplementedOperation([&] { client.CreateSecretEvent({}); }), "CreateSecretEvent");
  EXPECT_EQ(UnimplementedOperation([&] { client.UpdateSecretEvent("e", {}); }),
            "UpdateSecretEvent");
  EXPECT_EQ(UnimplementedOperation([&] { client.DeleteSecretEvent("e"); }), "DeleteSecretEvent");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListSecretEvents(); }), "ListSecretEvents");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListAllSecretEvents(); }), "ListAllSecretEvents");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListNotificationRecords(); }),
            "ListNotificationRecords");
  EXPECT_EQ(UnimplementedOperation([&] { client.CreateSecret({}); }), "CreateSecret");
  EXPECT_EQ(UnimplementedOperation([&] { client.ShowSecret("s"); }), "ShowSecret");
  EXPECT_EQ(UnimplementedOperation([&] { client.UpdateSecret("s", {}); }), "UpdateSecret");
  EXPECT_EQ(UnimplementedOperation([&] { client.DeleteSecret("s"); }), "DeleteSecret");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListSecrets(); }), "ListSecrets");
}

TEST(CsmsClientInterface, TheMockImplementsEveryOperation) {
  ::testing::NiceMock<testing::MockCsmsClient> mock;
  CsmsClientInterface& client = mock;
  EXPECT_EQ(UnimplementedOperation([&] { client.CreateSecretEvent({}); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.ShowSecretEvent("e"); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.UpdateSecretEvent("e", {}); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.DeleteSecretEvent("e"); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListSecretEvents(); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListAllSecretEvents(); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListNotificationRecords(); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.CreateSecret({}); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.ShowSecret("s"); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.UpdateSecret("s", {}); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.DeleteSecret("s"); }), "");
  EXPECT_EQ(UnimplementedOperation([&] { client.ListSecrets(); }), "");
}

}  // namespace
}  // namespace csms
