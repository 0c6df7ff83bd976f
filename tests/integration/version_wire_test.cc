// The secret version and lifecycle operations through CsmsClient and the real
// curl transport against a cpp-httplib server on 127.0.0.1: what goes over
// the wire (method, path and query, body) is what docs/secret-versions.md
// says, and the service's answers decode into the models.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "csms/csms.h"
#include "loopback_server.h"
#include "test_support.h"

namespace {

using ::testing::ElementsAre;

const std::string kSecretsPath = std::string("/v1/") + csms_test::kProjectId + "/secrets/";

// One version's metadata as the service sends it (times in epoch milliseconds).
nlohmann::json VersionMetadata(const std::string& id) {
  return {{"id", id},
          {"secret_name", "db-password"},
          {"version_stages", {"SYSCURRENT"}},
          {"create_time", 1700000000000},
          {"expire_time", 1800000000000},
          {"kms_key_id", "kms-1"}};
}

nlohmann::json Secret(const std::string& state) {
  return {{"secret", {{"id", "s-1"}, {"name", "db-password"}, {"state", state}}}};
}

// Answers each operation's path and method with the documented shape.
void Answer(const httplib::Request& req, httplib::Response& res) {
  const std::string versions = kSecretsPath + "db-password/versions";
  nlohmann::json body;
  if (req.path == versions && req.method == "POST") {
    body = {{"version_metadata", VersionMetadata("v2")}};
  } else if (req.path == versions && req.method == "GET") {
    body = {{"version_metadatas", {VersionMetadata("v1"), VersionMetadata("v2")}},
            {"page_info", {{"current_count", 2}}}};
  } else if (req.path == versions + "/latest" && req.method == "GET") {
    body = {
        {"version",
         {{"version_metadata", VersionMetadata("v2")}, {"secret_string", "wire-secret-value"}}}};
  } else if (req.path == versions + "/v2" && req.method == "PUT") {
    body = {{"version_metadata", VersionMetadata("v2")}};
  } else if (req.path == kSecretsPath + "db-password/rotate" && req.method == "POST") {
    body = {{"version_id", "v3"}, {"secret_name", "db-password"}};
  } else if (req.path == kSecretsPath + "db-password/scheduled-deleted-tasks/create") {
    body = Secret("PENDING_DELETE");
  } else if (req.path == kSecretsPath + "db-password/scheduled-deleted-tasks/cancel") {
    body = Secret("ENABLED");
  } else {
    res.status = 404;
    res.set_content(R"({"error_code":"CSMS.0404","error_msg":"no such route"})",
                    "application/json");
    return;
  }
  res.set_content(body.dump(), "application/json");
}

TEST(VersionWire, EachOperationSendsWhatTheApiDocumentsAndDecodesTheAnswer) {
  csms_test::LoopbackServer server(&Answer);
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  const csms::Timestamp expire(std::chrono::milliseconds(1800000000000));

  csms::CreateSecretVersionRequest create;
  create.secret_string = "new-value";
  create.version_stages = {"SYSCURRENT", "blue"};
  create.expire_time = expire;
  const csms::SecretVersion created = client.CreateSecretVersion("db-password", create);
  EXPECT_EQ(created.id, "v2");
  EXPECT_EQ(created.expire_time, expire);
  EXPECT_EQ(created.create_time, csms::Timestamp(std::chrono::milliseconds(1700000000000)));

  csms::ListSecretVersionsRequest list;
  list.limit = 2;
  list.marker = "v1";
  const csms::SecretVersionPage page = client.ListSecretVersions("db-password", list);
  ASSERT_EQ(page.versions.size(), 2U);
  EXPECT_EQ(page.versions[1].id, "v2");

  const csms::SecretVersionWithValue shown = client.ShowSecretVersion("db-password", "latest");
  EXPECT_EQ(shown.version.id, "v2");
  EXPECT_EQ(shown.value.secret_string(), std::optional<std::string_view>("wire-secret-value"));

  csms::UpdateSecretVersionRequest update;
  update.expire_time = expire;
  EXPECT_EQ(client.UpdateSecretVersion("db-password", "v2", update).id, "v2");

  client.RotateSecret("db-password");
  client.DeleteSecretForSchedule("db-password", 7);
  client.RestoreSecretFromDeleteSchedule("db-password");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 7U);
  const std::string secret = kSecretsPath + "db-password";
  std::vector<std::string> lines;
  for (const auto& r : requests) lines.push_back(r.method + " " + r.target);
  EXPECT_THAT(lines, ElementsAre("POST " + secret + "/versions",
                                 "GET " + secret + "/versions?limit=2&marker=v1",
                                 "GET " + secret + "/versions/latest",
                                 "PUT " + secret + "/versions/v2", "POST " + secret + "/rotate",
                                 "POST " + secret + "/scheduled-deleted-tasks/create",
                                 "POST " + secret + "/scheduled-deleted-tasks/cancel"));

  EXPECT_EQ(nlohmann::json::parse(requests[0].body),
            (nlohmann::json{{"secret_string", "new-value"},
                            {"version_stages", {"SYSCURRENT", "blue"}},
                            {"expire_time", 1800000000000}}));
  EXPECT_EQ(requests[1].body, "");
  EXPECT_EQ(nlohmann::json::parse(requests[3].body),
            (nlohmann::json{{"expire_time", 1800000000000}}));
  EXPECT_EQ(nlohmann::json::parse(requests[5].body),
            (nlohmann::json{{"recovery_window_in_days", 7}}));
  for (const std::size_t i : {0U, 3U, 5U}) {
    EXPECT_EQ(requests[i].Header("Content-Type"), "application/json;charset=UTF-8") << i;
  }
  for (const auto& r : requests) {
    EXPECT_THAT(r.Header("Authorization"), ::testing::StartsWith("SDK-HMAC-SHA256 ")) << r.target;
  }
}

// A binary value goes out base64-encoded and comes back decoded to its bytes.
TEST(VersionWire, ABinaryValueIsBase64OnTheWire) {
  const std::string bytes("\x00\x01\xfe\xff", 4);
  csms_test::LoopbackServer server([](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "POST") {
      res.set_content(nlohmann::json{{"version_metadata", VersionMetadata("v2")}}.dump(),
                      "application/json");
    } else {
      res.set_content(nlohmann::json{{"version",
                                      {{"version_metadata", VersionMetadata("v2")},
                                       {"secret_binary", "AAH+/w=="}}}}
                          .dump(),
                      "application/json");
    }
  });
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  csms::CreateSecretVersionRequest create;
  create.secret_binary = bytes;
  client.CreateSecretVersion("db-password", create);
  const auto shown = client.ShowSecretVersion("db-password", "v2");
  EXPECT_EQ(shown.value.secret_binary(), std::optional<std::string_view>(bytes));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2U);
  EXPECT_EQ(nlohmann::json::parse(requests[0].body),
            (nlohmann::json{{"secret_binary", "AAH+/w=="}}));
}

}  // namespace
