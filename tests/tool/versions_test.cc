// csms secrets versions ..., secrets rotate, secrets delete --schedule and
// secrets restore against a fake service: what goes on the wire, what is
// printed, and that a version's value is printed only when asked.

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <sstream>
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
using ::testing::StartsWith;
using json = nlohmann::json;

constexpr char kValue[] = "v3rsion-Secret-Value-4417";

json MetadataJson() {
  return {{"id", "v2"},
          {"secret_name", "db-password"},
          {"version_stages", {"SYSCURRENT"}},
          {"create_time", 1581507580000},
          {"expire_time", 1798761599000},
          {"kms_key_id", "b6f1c0de-1111-4222-8333-444455556666"}};
}

FakeService::Handler Answer(const json& body) {
  return [body](const httplib::Request&, httplib::Response& res) { Reply(res, 200, body.dump()); };
}

std::map<std::string, std::string> Env(const FakeService& service) {
  return {{"CSMS_ENDPOINT", service.url()}, {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}};
}

std::string TempPath() {
  char path[] = "/tmp/csms_tool_version_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  std::fclose(fdopen(fd, "r"));
  std::remove(path);  // the tool must create it
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SecretVersionsHelp, TheSubgroupAndTheNewGroupAreListedAndReachable) {
  const auto global = RunTool({"--help"});
  ASSERT_EQ(global.exit_code, 0);
  EXPECT_THAT(global.out, HasSubstr("\n  notifications  receive, verify and print"));
  EXPECT_THAT(global.out, HasSubstr("\n  secrets        create, list"));

  const auto secrets = RunTool({"secrets", "--help"});
  ASSERT_EQ(secrets.exit_code, 0);
  EXPECT_THAT(secrets.out, HasSubstr("\n  rotate   rotate a secret now\n"));
  EXPECT_THAT(secrets.out,
              HasSubstr("\n  versions create, list, show and update a secret's versions "
                        "(csms secrets versions --help)\n"));

  const auto versions = RunTool({"secrets", "versions", "--help"});
  ASSERT_EQ(versions.exit_code, 0);
  EXPECT_THAT(versions.out, StartsWith("usage: csms [GLOBAL FLAGS] secrets versions COMMAND"));
  EXPECT_THAT(versions.out, HasSubstr("\n  show    show a version's metadata"));

  const auto show = RunTool({"secrets", "versions", "show", "--help"});
  ASSERT_EQ(show.exit_code, 0);
  EXPECT_THAT(show.out, HasSubstr("--reveal-value"));

  const auto missing = RunTool({"secrets", "versions"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("secrets versions: missing command"));
}

TEST(SecretVersionsCreate, SendsValueStagesAndExpiryAndPrintsMetadataOnly) {
  FakeService service(Answer({{"version_metadata", MetadataJson()}}));
  const auto result =
      RunTool({"secrets", "versions", "create", "db-password", "--value-stdin", "--stage",
               "SYSCURRENT", "--stage", "blue", "--expire-time", "2026-12-31T23:59:59Z"},
              Env(service), kValue);

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, ProjectPath("/secrets/db-password/versions"));
  const auto body = json::parse(requests[0].body);
  EXPECT_EQ(body.at("secret_string"), kValue);
  EXPECT_EQ(body.at("version_stages"), json({"SYSCURRENT", "blue"}));
  EXPECT_EQ(body.at("expire_time"), 1798761599000);
  EXPECT_THAT(result.out, HasSubstr("ID:"));
  EXPECT_THAT(result.out, HasSubstr("2026-12-31T23:59:59Z"));
  EXPECT_THAT(result.out, Not(HasSubstr(kValue)));
  EXPECT_THAT(result.err, IsEmpty());

  const auto json_result =
      RunTool({"--output", "json", "secrets", "versions", "create", "db-password", "--value-stdin",
               "--binary", "--expire-time", "2027-01-01T07:59:59.5+08:00"},
              Env(service), kValue);
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  EXPECT_EQ(json::parse(json_result.out), json({{"version_metadata", MetadataJson()}}));
  const auto binary_body = json::parse(service.requests().at(1).body);
  EXPECT_FALSE(binary_body.contains("secret_string"));
  EXPECT_EQ(binary_body.at("secret_binary"), "djNyc2lvbi1TZWNyZXQtVmFsdWUtNDQxNw==");
  EXPECT_EQ(binary_body.at("expire_time"), 1798761599500);
}

TEST(SecretVersionsCreate, BadArgumentsAreUsageErrorsBeforeAnyRequest) {
  FakeService service(Answer({{"version_metadata", MetadataJson()}}));
  const std::vector<std::vector<std::string>> bad = {
      {"secrets", "versions", "create", "db-password"},
      {"secrets", "versions", "create", "db-password", "--value-stdin", "--expire-time",
       "2026-12-31"},
      {"secrets", "versions", "create", "db-password", "--value-stdin", "--expire-time",
       "2026-02-29T00:00:00Z"},
      {"secrets", "versions", "create", "db-password", "--value-stdin", "--expire-time",
       "1969-12-31T23:59:59Z"},  // the SDK's rule: not before 1970
      {"secrets", "versions", "create", "db-password", "--value-stdin", "--expire-time",
       "9999-12-31T23:59:59Z"},  // past what a Timestamp holds: refused, not changed
      {"secrets", "versions", "update", "db-password", "v1", "--expire-time",
       "2262-04-12T00:00:00Z"},
      {"secrets", "versions", "create", "db-password", "--value-stdin", "--stage", "bad stage"},
      {"secrets", "versions", "create", "bad/name", "--value-stdin"},
      {"secrets", "versions", "update", "db-password", "v1"},
      {"secrets", "versions", "update", "db-password", "v1", "--expire-time", "tomorrow"},
      {"secrets", "versions", "show", "db-password", "version-1"},
      {"secrets", "versions", "show", "db-password", "v1", "--reveal-value", "--value-file", "x"},
      {"secrets", "versions", "list", "db-password", "--all", "--limit", "5"},
      {"secrets", "versions", "list", "db-password", "--limit", "0"},
      {"secrets", "versions", "frobnicate", "db-password"},
      {"secrets", "delete", "db-password", "--schedule", "6"},
      {"secrets", "delete", "db-password", "--schedule", "31"},
      {"secrets", "delete", "db-password", "--schedule", "seven"},
      {"secrets", "rotate", "bad/name"},
      {"secrets", "restore"},
  };
  for (const auto& args : bad) {
    const auto result = RunTool(args, Env(service), kValue);
    std::string line;
    for (const auto& arg : args) line += arg + " ";
    EXPECT_EQ(result.exit_code, 2) << line << result.err;
    EXPECT_EQ(LineCount(result.err), 1) << line << result.err;
    EXPECT_THAT(result.err, Not(HasSubstr(kValue))) << line;
    // Refused for what is wrong with it, not as an unknown command.
    if (args.size() < 3 || args[2] != "frobnicate") {
      EXPECT_THAT(result.err, Not(HasSubstr("unknown command"))) << line;
    }
  }
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(SecretVersionsList, PageQueryTableAndJson) {
  FakeService service(Answer({{"version_metadatas", {MetadataJson()}},
                              {"page_info", {{"next_marker", "v2"}, {"current_count", 1}}}}));
  const auto result =
      RunTool({"secrets", "versions", "list", "db-password", "--limit", "1", "--marker", "v1"},
              Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "GET");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/secrets/db-password/versions"));
  EXPECT_EQ(service.requests()[0].params.find("limit")->second, "1");
  EXPECT_EQ(service.requests()[0].params.find("marker")->second, "v1");
  EXPECT_EQ(result.out,
            "ID  STAGES      CREATED               EXPIRES\n"
            "v2  SYSCURRENT  2020-02-12T11:39:40Z  2026-12-31T23:59:59Z\n"
            "\n"
            "More versions: csms secrets versions list db-password --marker v2\n");

  const auto json_result =
      RunTool({"secrets", "versions", "list", "db-password", "--output", "json"}, Env(service));
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  EXPECT_EQ(json::parse(json_result.out),
            json({{"version_metadatas", {MetadataJson()}},
                  {"page_info", {{"next_marker", "v2"}, {"current_count", 1}}}}));
}

FakeService::Handler AnswerVersionWithValue(const json& value_fields) {
  json version = {{"version_metadata", MetadataJson()}};
  version.update(value_fields);
  return Answer({{"version", version}});
}

TEST(SecretVersionsShow, NeverPrintsTheValueByDefault) {
  FakeService service(AnswerVersionWithValue({{"secret_string", kValue}}));
  const auto result =
      RunTool({"secrets", "versions", "show", "db-password", "latest"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/secrets/db-password/versions/latest"));
  EXPECT_THAT(result.out, HasSubstr("SYSCURRENT"));
  EXPECT_THAT(result.out, HasSubstr("string, 25 bytes (not shown"));
  EXPECT_THAT(result.out, Not(HasSubstr(kValue)));
  EXPECT_THAT(result.err, IsEmpty());

  const auto json_result = RunTool(
      {"--output", "json", "secrets", "versions", "show", "db-password", "v2"}, Env(service));
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  EXPECT_EQ(json::parse(json_result.out),
            json({{"version", {{"version_metadata", MetadataJson()}}}}));
  EXPECT_THAT(json_result.out, Not(HasSubstr(kValue)));
}

TEST(SecretVersionsShow, RevealValuePrintsTheBytesAlone) {
  FakeService service(AnswerVersionWithValue({{"secret_string", kValue}}));
  const auto result =
      RunTool({"secrets", "versions", "show", "db-password", "v2", "--reveal-value"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, kValue);

  const auto json_result = RunTool(
      {"--output", "json", "secrets", "versions", "show", "db-password", "v2", "--reveal-value"},
      Env(service));
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  EXPECT_EQ(json::parse(json_result.out),
            json({{"version", {{"version_metadata", MetadataJson()}, {"secret_string", kValue}}}}));

  FakeService binary(AnswerVersionWithValue({{"secret_binary", "AP/+gGtleQ=="}}));
  const auto binary_json = RunTool(
      {"--output", "json", "secrets", "versions", "show", "db-password", "v2", "--reveal-value"},
      Env(binary));
  ASSERT_EQ(binary_json.exit_code, 0) << binary_json.err;
  EXPECT_EQ(json::parse(binary_json.out).at("version").at("secret_binary"), "AP/+gGtleQ==");
}

TEST(SecretVersionsShow, ValueFileIsNewAndPrivate) {
  FakeService service(AnswerVersionWithValue({{"secret_binary", "AP/+gGtleQ=="}}));
  const std::string path = TempPath();
  const auto result = RunTool(
      {"secrets", "versions", "show", "db-password", "v2", "--value-file", path}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ReadFile(path), std::string("\x00\xff\xfe\x80key", 7));
  struct stat info {};
  ASSERT_EQ(stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_THAT(result.out, HasSubstr("binary, 7 bytes, written to " + path));

  // Never over an existing file, and then nothing is fetched.
  const auto again = RunTool(
      {"secrets", "versions", "show", "db-password", "v2", "--value-file", path}, Env(service));
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("exists"));
  EXPECT_EQ(service.requests().size(), 1u);
  std::remove(path.c_str());
}

TEST(SecretVersionsUpdate, SendsTheExpiry) {
  FakeService service(Answer({{"version_metadata", MetadataJson()}}));
  const auto result = RunTool({"secrets", "versions", "update", "db-password", "v2",
                               "--expire-time", "2026-12-31T23:59:59Z"},
                              Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "PUT");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/secrets/db-password/versions/v2"));
  EXPECT_EQ(json::parse(service.requests()[0].body), json({{"expire_time", 1798761599000}}));
  EXPECT_THAT(result.out, HasSubstr("Expires:"));
}

TEST(SecretsLifecycle, RotateScheduleRestoreAndImmediateDelete) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) {
    if (req.path.find("/rotate") != std::string::npos) {
      Reply(res, 200, R"({"version_id":"v3","secret_name":"db-password","rotation_task_id":"t1"})");
    } else {
      Reply(res, 200, R"({"secret":{"name":"db-password","state":"ENABLED"}})");
    }
  });
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"secrets", "rotate", "db-password"},
           {"secrets", "delete", "db-password", "--schedule", "7"},
           {"secrets", "restore", "db-password"},
           {"secrets", "delete", "db-password"}}) {
    const auto result = RunTool(args, Env(service));
    EXPECT_EQ(result.exit_code, 0) << args.at(1) << result.err;
    EXPECT_THAT(result.out, IsEmpty());
  }
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, ProjectPath("/secrets/db-password/rotate"));
  EXPECT_EQ(requests[1].method, "POST");
  EXPECT_EQ(requests[1].path, ProjectPath("/secrets/db-password/scheduled-deleted-tasks/create"));
  EXPECT_EQ(json::parse(requests[1].body), json({{"recovery_window_in_days", 7}}));
  EXPECT_EQ(requests[2].method, "POST");
  EXPECT_EQ(requests[2].path, ProjectPath("/secrets/db-password/scheduled-deleted-tasks/cancel"));
  EXPECT_EQ(requests[3].method, "DELETE");
  EXPECT_EQ(requests[3].path, ProjectPath("/secrets/db-password"));
}

TEST(SecretsRotate, AnswerLostIsReportedAsOutcomeUnknownAndNotResent) {
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    Reply(res, 500, R"({"error_code":"CSMS.0500","error_msg":"Internal error."})");
  });
  const auto result =
      RunTool({"--output", "json", "secrets", "rotate", "db-password"}, Env(service));
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(json::parse(result.err).at("error").value("outcome_unknown", false), true)
      << result.err;
}

}  // namespace
}  // namespace csms_tool_test
