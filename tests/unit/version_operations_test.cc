// The secret-version and lifecycle operations over a scripted transport: the
// exact request on the wire, decoding of the official models' shapes,
// validation before I/O, how ambiguous failures of the non-idempotent POSTs
// end, and SecretValue's handling of its bytes.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <utility>

#include <nlohmann/json.hpp>

#include "csms/client.h"
#include "csms/errors.h"
#include "csms/testing/mock_client.h"
#include "fake_transport.h"

namespace csms {
namespace {

using csms_test::JsonResponse;
using csms_test::ScriptedTransport;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
const std::string kBase = std::string("https://kms.cn-north-4.myhuaweicloud.com/v1/") + kProjectId;
const std::string kSecret = kBase + "/secrets/db-password";

constexpr const char* kVersionBody =
    R"({"version_metadata":{"id":"v2","secret_name":"db-password","version_stages":["SYSCURRENT"],)"
    R"("create_time":1581507580000,"expire_time":1581593980000,"kms_key_id":"key-1"}})";

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport;
  CsmsClient client;

  std::vector<HttpRequest> requests() const { return transport->requests(); }
  HttpRequest only_request() const {
    const auto sent = transport->requests();
    EXPECT_EQ(sent.size(), 1u);
    return sent.empty() ? HttpRequest{} : sent[0];
  }
};

Fixture MakeClient(std::vector<HttpResponse> script, std::vector<std::string>* log = nullptr) {
  auto transport = std::make_shared<ScriptedTransport>(std::move(script));
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "secret-key-value");
  options.transport = transport;
  options.sleep = [](std::chrono::milliseconds) {};
  if (log != nullptr) {
    options.log_level = LogLevel::kDebug;
    options.log_sink = [log](const std::string& line) { log->push_back(line); };
  }
  return Fixture{transport, CsmsClient(std::move(options))};
}

HttpResponse Status(int status, std::string body = {}) {
  HttpResponse response = JsonResponse(std::move(body), status);
  return response;
}

Timestamp Millis(std::int64_t ms) { return Timestamp(std::chrono::milliseconds(ms)); }

TEST(CreateSecretVersion, PostsTheDocumentedBodyAndDecodesTheMetadata) {
  Fixture f = MakeClient({JsonResponse(kVersionBody)});
  CreateSecretVersionRequest request;
  request.secret_string = "hunter2-new";
  request.version_stages = {"SYSCURRENT", "blue"};
  request.expire_time = Millis(1581593980000);
  const SecretVersion version = f.client.CreateSecretVersion("db-password", request);
  EXPECT_EQ(version.id, "v2");
  EXPECT_EQ(version.secret_name, "db-password");
  EXPECT_EQ(version.version_stages, std::vector<std::string>{"SYSCURRENT"});
  EXPECT_EQ(version.create_time, Millis(1581507580000));
  EXPECT_EQ(version.expire_time, Millis(1581593980000));
  EXPECT_EQ(version.kms_key_id, "key-1");
  const HttpRequest sent = f.only_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, kSecret + "/versions");
  EXPECT_EQ(nlohmann::json::parse(sent.body),
            nlohmann::json::parse(R"({"secret_string":"hunter2-new",)"
                                  R"("version_stages":["SYSCURRENT","blue"],)"
                                  R"("expire_time":1581593980000})"));
}

TEST(CreateSecretVersion, SendsBinaryAsBase64AndOmitsUnsetFields) {
  Fixture f = MakeClient({JsonResponse(kVersionBody)});
  CreateSecretVersionRequest request;
  request.secret_binary = std::string("\x00\xff\x10", 3);
  f.client.CreateSecretVersion("db-password", request);
  EXPECT_EQ(f.only_request().body, R"({"secret_binary":"AP8Q"})");
}

TEST(CreateSecretVersion, ValidatesBeforeSendingAndNamesTheField) {
  Fixture f = MakeClient({JsonResponse(kVersionBody)});
  const auto field_of = [&](const std::string& name, const CreateSecretVersionRequest& request) {
    try {
      f.client.CreateSecretVersion(name, request);
    } catch (const ValidationError& e) {
      EXPECT_THAT(e.what(), Not(HasSubstr("s3cr3t-value")));
      return e.field();
    }
    return std::string("<no error>");
  };
  CreateSecretVersionRequest none;
  EXPECT_EQ(field_of("db-password", none), "secret_string");
  CreateSecretVersionRequest both;
  both.secret_string = "s3cr3t-value";
  both.secret_binary = "s3cr3t-value";
  EXPECT_EQ(field_of("db-password", both), "secret_binary");
  CreateSecretVersionRequest good;
  good.secret_string = "s3cr3t-value";
  EXPECT_EQ(field_of("db password", good), "secret_name");
  CreateSecretVersionRequest bad_utf8 = good;
  bad_utf8.secret_string = "s3cr3t-value\xff";
  EXPECT_EQ(field_of("db-password", bad_utf8), "secret_string");
  CreateSecretVersionRequest twice = good;
  twice.version_stages = {"blue", "blue"};
  EXPECT_EQ(field_of("db-password", twice), "version_stages");
  CreateSecretVersionRequest bad_stage = good;
  bad_stage.version_stages = {"no spaces"};
  EXPECT_EQ(field_of("db-password", bad_stage), "version_stages");
  CreateSecretVersionRequest thirteen = good;
  for (int i = 0; i < 13; ++i) thirteen.version_stages.push_back("s" + std::to_string(i));
  EXPECT_EQ(field_of("db-password", thirteen), "version_stages");
  CreateSecretVersionRequest old = good;
  old.expire_time = Millis(-1);
  EXPECT_EQ(field_of("db-password", old), "expire_time");
  CreateSecretVersionRequest large = good;
  large.secret_string = std::string(32 * 1024 + 1, 'x');
  EXPECT_EQ(field_of("db-password", large), "secret_string");
  EXPECT_TRUE(f.requests().empty());
}

TEST(CreateSecretVersion, AnAmbiguousFailureIsNotResentAndIsOutcomeUnknown) {
  Fixture f = MakeClient({Status(502), JsonResponse(kVersionBody)});
  CreateSecretVersionRequest request;
  request.secret_string = "s3cr3t-value";
  try {
    f.client.CreateSecretVersion("db-password", request);
    FAIL() << "no error";
  } catch (const BadGatewayError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("list the secret's versions"));
  }
  EXPECT_EQ(f.requests().size(), 1u);
}

TEST(CreateSecretVersion, TheValueEchoedInAnErrorIsScrubbed) {
  Fixture f = MakeClient(
      {Status(400, R"({"error_code":"CSMS.0002","error_msg":"bad value s3cr3t-value"})")});
  CreateSecretVersionRequest request;
  request.secret_string = "s3cr3t-value";
  try {
    f.client.CreateSecretVersion("db-password", request);
    FAIL() << "no error";
  } catch (const BadRequestError& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("s3cr3t-value")));
  }
}

TEST(RotateSecret, PostsToRotateAndIsNotResentAfterAnAmbiguousFailure) {
  Fixture ok = MakeClient({JsonResponse(
      R"({"version_id":"v3","secret_name":"db-password","rotation_task_id":"t-1"})")});
  ok.client.RotateSecret("db-password");
  EXPECT_EQ(ok.only_request().method, "POST");
  EXPECT_EQ(ok.only_request().url, kSecret + "/rotate");

  Fixture ambiguous = MakeClient({Status(500), Status(200, "{}")});
  try {
    ambiguous.client.RotateSecret("db-password");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.outcome_unknown());
  }
  EXPECT_EQ(ambiguous.requests().size(), 1u);
  EXPECT_THROW(ambiguous.client.RotateSecret("db/password"), ValidationError);
  EXPECT_EQ(ambiguous.requests().size(), 1u);
}

TEST(ShowSecretVersion, DecodesTextAndBinaryValues) {
  Fixture text = MakeClient(
      {JsonResponse(R"({"version":{"version_metadata":{"id":"v1","secret_name":"db-password",)"
                    R"("version_stages":["SYSCURRENT"],"create_time":1581507580000},)"
                    R"("secret_string":"s3cr3t-value"}})")});
  const SecretVersionWithValue shown = text.client.ShowSecretVersion("db-password", "latest");
  EXPECT_EQ(text.only_request().url, kSecret + "/versions/latest");
  EXPECT_EQ(text.only_request().method, "GET");
  EXPECT_EQ(shown.version.id, "v1");
  EXPECT_FALSE(shown.version.expire_time.has_value());
  EXPECT_EQ(shown.value.kind(), SecretValue::Kind::kString);
  EXPECT_EQ(shown.value.secret_string(), std::string_view("s3cr3t-value"));
  EXPECT_FALSE(shown.value.secret_binary().has_value());

  Fixture binary = MakeClient({JsonResponse(
      R"({"version":{"version_metadata":{"id":"v7"},"secret_string":null,"secret_binary":"AP8Q"}})")});
  const SecretVersionWithValue bytes = binary.client.ShowSecretVersion("db-password", "v7");
  EXPECT_EQ(binary.only_request().url, kSecret + "/versions/v7");
  EXPECT_EQ(bytes.value.kind(), SecretValue::Kind::kBinary);
  EXPECT_EQ(bytes.value.secret_binary(), std::string_view("\x00\xff\x10", 3));
}

TEST(ShowSecretVersion, ValidatesTheVersionId) {
  Fixture f = MakeClient({JsonResponse("{}")});
  for (const std::string bad : {"", "v", "2", "V2", "v12345678901", "latest2", "v1/../v2"}) {
    try {
      f.client.ShowSecretVersion("db-password", bad);
      ADD_FAILURE() << bad;
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "version_id") << bad;
    }
  }
  EXPECT_TRUE(f.requests().empty());
}

TEST(ShowSecretVersion, TheValueIsNeverInADecodingErrorOrALogLine) {
  std::vector<std::string> log;
  Fixture f = MakeClient(
      {JsonResponse(R"({"version":{"secret_binary":"s3cr3t-value!"}})"),
       JsonResponse(R"({"version":{"secret_string":"s3cr3t-value","version_metadata":7}})")},
      &log);
  for (int i = 0; i < 2; ++i) {
    try {
      f.client.ShowSecretVersion("db-password", "v1");
      ADD_FAILURE() << "no error";
    } catch (const InvalidResponseError& e) {
      EXPECT_THAT(e.what(), Not(HasSubstr("s3cr3t")));
    }
  }
  ASSERT_FALSE(log.empty());
  for (const std::string& line : log) EXPECT_THAT(line, Not(HasSubstr("s3cr3t")));
}

TEST(ListSecretVersions, SendsLimitAndMarkerAndDecodesThePage) {
  Fixture f = MakeClient({JsonResponse(
      R"({"version_metadatas":[{"id":"v1","version_stages":["SYSPREVIOUS"]},{"id":"v2"}],)"
      R"("page_info":{"next_marker":"v2","current_count":2}})")});
  ListSecretVersionsRequest request;
  request.limit = 2;
  request.marker = "v0";
  const SecretVersionPage page = f.client.ListSecretVersions("db-password", request);
  EXPECT_EQ(f.only_request().url, kSecret + "/versions?limit=2&marker=v0");
  ASSERT_EQ(page.versions.size(), 2u);
  EXPECT_EQ(page.versions[0].version_stages, std::vector<std::string>{"SYSPREVIOUS"});
  EXPECT_EQ(page.page_info.next_marker, "v2");
  ListSecretVersionsRequest bad_marker;
  bad_marker.marker = "latest";
  EXPECT_THROW(f.client.ListSecretVersions("db-password", bad_marker), ValidationError);
  ListSecretVersionsRequest bad_limit;
  bad_limit.limit = 0;
  EXPECT_THROW(f.client.ListSecretVersions("db-password", bad_limit), ValidationError);
  EXPECT_EQ(f.requests().size(), 1u);
}

TEST(ListAllSecretVersions, FollowsMarkers) {
  Fixture f = MakeClient(
      {JsonResponse(R"({"version_metadatas":[{"id":"v1"}],"page_info":{"next_marker":"v1"}})"),
       JsonResponse(R"({"version_metadatas":[{"id":"v2"}],"page_info":{}})")});
  const std::vector<SecretVersion> all = f.client.ListAllSecretVersions("db-password");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].id, "v2");
  const auto sent = f.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0].url, kSecret + "/versions?limit=50");
  EXPECT_EQ(sent[1].url, kSecret + "/versions?limit=50&marker=v1");
}

TEST(UpdateSecretVersion, PutsTheExpireTime) {
  Fixture f = MakeClient({JsonResponse(kVersionBody)});
  UpdateSecretVersionRequest request;
  request.expire_time = Millis(1700000000000);
  EXPECT_EQ(f.client.UpdateSecretVersion("db-password", "v2", request).id, "v2");
  EXPECT_EQ(f.only_request().method, "PUT");
  EXPECT_EQ(f.only_request().url, kSecret + "/versions/v2");
  EXPECT_EQ(f.only_request().body, R"({"expire_time":1700000000000})");
  try {
    f.client.UpdateSecretVersion("db-password", "v2", UpdateSecretVersionRequest{});
    ADD_FAILURE() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "expire_time");
  }
  EXPECT_EQ(f.requests().size(), 1u);
}

constexpr const char* kPendingSecret =
    R"({"secret":{"name":"db-password","state":"PENDING_DELETE","scheduled_delete_time":1700000000000}})";
constexpr const char* kEnabledSecret = R"({"secret":{"name":"db-password","state":"ENABLED"}})";

TEST(DeleteSecretForSchedule, PostsTheWindowAndValidatesIt) {
  Fixture f = MakeClient({JsonResponse(kPendingSecret)});
  f.client.DeleteSecretForSchedule("db-password", 7);
  EXPECT_EQ(f.only_request().method, "POST");
  EXPECT_EQ(f.only_request().url, kSecret + "/scheduled-deleted-tasks/create");
  EXPECT_EQ(f.only_request().body, R"({"recovery_window_in_days":7})");
  for (const int days : {6, 31, 0, -7}) {
    try {
      f.client.DeleteSecretForSchedule("db-password", days);
      ADD_FAILURE() << days;
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "recovery_window_in_days");
    }
  }
  EXPECT_EQ(f.requests().size(), 1u);
}

TEST(DeleteSecretForSchedule, AnAmbiguousFailureIsSettledByLookingAtTheSecret) {
  Fixture done = MakeClient({Status(502), JsonResponse(kPendingSecret)});
  done.client.DeleteSecretForSchedule("db-password", 30);
  auto sent = done.requests();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].method, "GET");
  EXPECT_EQ(sent[1].url, kSecret);

  Fixture not_done = MakeClient({Status(502), JsonResponse(kEnabledSecret)});
  try {
    not_done.client.DeleteSecretForSchedule("db-password", 30);
    FAIL() << "no error";
  } catch (const BadGatewayError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("is not PENDING_DELETE now"));
  }
  EXPECT_EQ(not_done.requests().size(), 2u);
}

TEST(RestoreSecretFromDeleteSchedule, PostsCancelAndSettlesAmbiguity) {
  Fixture f = MakeClient({JsonResponse(kEnabledSecret)});
  f.client.RestoreSecretFromDeleteSchedule("db-password");
  EXPECT_EQ(f.only_request().method, "POST");
  EXPECT_EQ(f.only_request().url, kSecret + "/scheduled-deleted-tasks/cancel");

  Fixture still = MakeClient({Status(504), JsonResponse(kPendingSecret)});
  try {
    still.client.RestoreSecretFromDeleteSchedule("db-password");
    FAIL() << "no error";
  } catch (const ApiError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("is still PENDING_DELETE"));
  }
  Fixture restored = MakeClient({Status(504), JsonResponse(kEnabledSecret)});
  EXPECT_NO_THROW(restored.client.RestoreSecretFromDeleteSchedule("db-password"));
}

TEST(SecretValue, HoldsOneKindAndEmptiesWhenMovedFromOrCleared) {
  SecretValue text = SecretValue::FromString("a value longer than any inline buffer");
  EXPECT_EQ(text.kind(), SecretValue::Kind::kString);
  SecretValue copy = text;
  EXPECT_EQ(copy.secret_string(), text.secret_string());
  SecretValue moved = std::move(text);
  EXPECT_EQ(moved.secret_string(), std::string_view("a value longer than any inline buffer"));
  // NOLINTNEXTLINE(bugprone-use-after-move): the moved-from state is specified
  EXPECT_TRUE(text.empty());
  EXPECT_FALSE(text.secret_string().has_value());  // NOLINT(bugprone-use-after-move)
  SecretValue short_value = SecretValue::FromBinary("ab");
  SecretValue target = SecretValue::FromString("old");
  target = std::move(short_value);
  EXPECT_EQ(target.secret_binary(), std::string_view("ab"));
  EXPECT_TRUE(short_value.empty());  // NOLINT(bugprone-use-after-move)
  target = copy;
  EXPECT_EQ(target.kind(), SecretValue::Kind::kString);
  target.Clear();
  EXPECT_TRUE(target.empty());
  EXPECT_FALSE(target.secret_binary().has_value());
  EXPECT_TRUE(SecretValue().empty());
}

TEST(SecretValue, GoogleTestPrintsTheKindAndSizeNeverTheBytes) {
  EXPECT_EQ(::testing::PrintToString(SecretValue::FromString("s3cr3t")),
            "SecretValue(string, 6 bytes)");
  SecretVersionWithValue shown;
  shown.value = SecretValue::FromBinary("s3cr3t");
  EXPECT_THAT(::testing::PrintToString(shown.value), Not(HasSubstr("s3cr3t")));
}

TEST(MockCsmsClient, MocksTheVersionOperations) {
  testing::MockCsmsClient mock;
  SecretVersion version;
  version.id = "v3";
  EXPECT_CALL(mock, CreateSecretVersion("db-password", ::testing::_, ::testing::_))
      .WillOnce(::testing::Return(version));
  EXPECT_CALL(mock, RotateSecret("db-password", ::testing::_));
  EXPECT_CALL(mock, ShowSecretVersion("db-password", "latest", ::testing::_));
  CsmsClientInterface& client = mock;
  EXPECT_EQ(client.CreateSecretVersion("db-password", {}).id, "v3");
  client.RotateSecret("db-password");
  EXPECT_TRUE(client.ShowSecretVersion("db-password", "latest").value.empty());
}

TEST(CsmsClientInterface, VersionOperationsAreUnimplementedByDefault) {
  struct Empty : CsmsClientInterface {};
  Empty empty;
  EXPECT_THROW(empty.CreateSecretVersion("s", {}), UnimplementedError);
  EXPECT_THROW(empty.ListSecretVersions("s"), UnimplementedError);
  EXPECT_THROW(empty.ListAllSecretVersions("s"), UnimplementedError);
  EXPECT_THROW(empty.ShowSecretVersion("s", "v1"), UnimplementedError);
  EXPECT_THROW(empty.UpdateSecretVersion("s", "v1", {}), UnimplementedError);
  EXPECT_THROW(empty.RotateSecret("s"), UnimplementedError);
  EXPECT_THROW(empty.DeleteSecretForSchedule("s"), UnimplementedError);
  EXPECT_THROW(empty.RestoreSecretFromDeleteSchedule("s"), UnimplementedError);
}

}  // namespace
}  // namespace csms
