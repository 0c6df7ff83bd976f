// csms secrets ...: where values come from, how they travel, and that they
// never come back out.

#include <cstdio>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fake_service.h"
#include "tool_runner.h"

namespace csms_tool_test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using json = nlohmann::json;

constexpr char kValue[] = "p4ssw0rd-Secret-Value-7781";

json SecretJson(std::vector<std::string> subscriptions) {
  return {{"id", "9f4c1a2b-0000-4000-8000-00000000beef"},
          {"name", "db-password"},
          {"state", "ENABLED"},
          {"kms_key_id", "b6f1c0de-1111-4222-8333-444455556666"},
          {"secret_type", "COMMON"},
          {"create_time", 1581507580000},
          {"update_time", 1581507580000},
          {"event_subscriptions", subscriptions}};
}

FakeService::Handler AnswerSecret(std::vector<std::string> subscriptions = {"ev1"}) {
  return [subscriptions](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, json{{"secret", SecretJson(subscriptions)}}.dump());
  };
}

std::map<std::string, std::string> Env(const FakeService& service) {
  return {{"CSMS_ENDPOINT", service.url()}, {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}};
}

std::string TempFile(const std::string& contents) {
  char path[] = "/tmp/csms_tool_value_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  std::ofstream(path, std::ios::binary) << contents;
  std::fclose(fdopen(fd, "r"));
  return path;
}

TEST(SecretsCreate, ValueFromStdinReachesTheServerAndNoOutput) {
  FakeService service(AnswerSecret());
  const auto result =
      RunTool({"secrets", "create", "db-password", "--value-stdin", "--subscribe", "ev1"},
              Env(service), kValue);

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, ProjectPath("/secrets"));
  const auto body = json::parse(requests[0].body);
  EXPECT_EQ(body.at("name"), "db-password");
  EXPECT_EQ(body.at("secret_string"), kValue);
  EXPECT_FALSE(body.contains("secret_binary"));
  EXPECT_EQ(body.at("event_subscriptions"), json({"ev1"}));
  EXPECT_THAT(result.out, HasSubstr("db-password\n"));
  EXPECT_THAT(result.out, Not(HasSubstr(kValue)));
  EXPECT_THAT(result.err, Not(HasSubstr(kValue)));

  const auto json_result =
      RunTool({"--output", "json", "secrets", "create", "db-password", "--value-stdin"},
              Env(service), kValue);
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  EXPECT_EQ(json::parse(json_result.out).at("secret").at("name"), "db-password");
  EXPECT_THAT(json_result.out, Not(HasSubstr(kValue)));
  EXPECT_THAT(json_result.err, Not(HasSubstr(kValue)));
}

TEST(SecretsCreate, BinaryFileTravelsAsBase64) {
  FakeService service(AnswerSecret());
  const std::string path = TempFile(std::string("\x00\xff\xfe\x80key", 7));
  const auto result =
      RunTool({"secrets", "create", "db-password", "--value-file", path}, Env(service));
  std::remove(path.c_str());

  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  const auto body = json::parse(service.requests()[0].body);
  EXPECT_EQ(body.at("secret_binary"), "AP/+gGtleQ==");
  EXPECT_FALSE(body.contains("secret_string"));
}

TEST(SecretsCreate, TextFileTravelsAsString) {
  FakeService service(AnswerSecret());
  const std::string path = TempFile("line one\nzweite Zeile \xc3\xa4\n");
  const auto result =
      RunTool({"secrets", "create", "db-password", "--value-file", path}, Env(service));
  std::remove(path.c_str());

  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(json::parse(service.requests()[0].body).at("secret_string"),
            "line one\nzweite Zeile \xc3\xa4\n");
}

TEST(SecretsCreate, WithoutAValueIsAUsageError) {
  FakeService service(AnswerSecret());
  const auto result = RunTool({"secrets", "create", "db-password"}, Env(service));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("--value-stdin"));

  const auto missing = RunTool(
      {"secrets", "create", "db-password", "--value-file", "/nonexistent/value"}, Env(service));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(LineCount(missing.err), 1) << missing.err;
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(SecretsUpdate, UnsubscribeSendsAnEmptyList) {
  FakeService service(AnswerSecret({}));
  const auto result = RunTool({"secrets", "update", "db-password", "--unsubscribe"}, Env(service));

  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "PUT");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/secrets/db-password"));
  EXPECT_THAT(service.requests()[0].body, HasSubstr(R"("event_subscriptions":[])"));
  EXPECT_EQ(json::parse(service.requests()[0].body), json::parse(R"({"event_subscriptions":[]})"));
}

TEST(SecretsUpdate, SubscribeSendsTheEvent) {
  FakeService service(AnswerSecret());
  const auto result =
      RunTool({"secrets", "update", "db-password", "--subscribe", "ev1"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(json::parse(service.requests()[0].body),
            json::parse(R"({"event_subscriptions":["ev1"]})"));
  EXPECT_THAT(result.out, HasSubstr("Subscriptions:"));

  const auto neither = RunTool({"secrets", "update", "db-password"}, Env(service));
  EXPECT_EQ(neither.exit_code, 2);
  const auto both = RunTool(
      {"secrets", "update", "db-password", "--subscribe", "ev1", "--unsubscribe"}, Env(service));
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(service.requests().size(), 1u);
}

TEST(SecretsDelete, PrintsNothing) {
  FakeService service([](const httplib::Request&, httplib::Response& res) { res.status = 200; });
  const auto result = RunTool({"secrets", "delete", "db-password"}, Env(service));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_THAT(result.err, IsEmpty());
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "DELETE");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/secrets/db-password"));
}

TEST(SecretsList, FiltersByEvent) {
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200,
          json{{"secrets", {SecretJson({"ev1"})}}, {"page_info", {{"current_count", 1}}}}.dump());
  });
  const auto result = RunTool({"secrets", "list", "--event", "ev1"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].params.find("event_name")->second, "ev1");
  EXPECT_EQ(result.out,
            "NAME         STATE    TYPE    SUBSCRIPTIONS  CREATED\n"
            "db-password  ENABLED  COMMON  ev1            2020-02-12T11:39:40Z\n");

  const auto json_result = RunTool({"secrets", "list", "--output", "json"}, Env(service));
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  const auto page = json::parse(json_result.out);
  EXPECT_EQ(page.at("secrets").at(0).at("name"), "db-password");
  EXPECT_TRUE(page.contains("page_info"));
}

}  // namespace
}  // namespace csms_tool_test
