// Where the tool's credentials come from: csms auth show for each source and
// failure, and a command signing with credentials from a profile file.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

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

constexpr char kAk[] = "AKAUTHSHOWTEST000001";
constexpr char kSk[] = "SkAuthShowSecret0123456789abcdefXYZ";
constexpr char kSecurityToken[] = "SecurityTokenAuthShow-0123456789abcdef";
constexpr char kRegionEndpoint[] = "https://kms.cn-north-4.myhuaweicloud.com";

// A directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "csms_auth_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes content to the relative path (directories created) and returns the full path.
  std::string Write(const std::string& relative, const std::string& content) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

std::string Profile(const std::string& extra = "") {
  return std::string("# test profile\n[basic]\nak = ") + kAk + "\nsk = " + kSk + "\n" + extra;
}

void ExpectNoSecret(const ToolResult& result) {
  for (const char* secret : {kAk, kSk, kSecurityToken}) {
    EXPECT_THAT(result.out, Not(HasSubstr(secret)));
    EXPECT_THAT(result.err, Not(HasSubstr(secret)));
  }
  // Not even a prefix of one.
  EXPECT_THAT(result.out, Not(HasSubstr("AKAUTH")));
  EXPECT_THAT(result.out, Not(HasSubstr("SkAuth")));
  EXPECT_THAT(result.out, Not(HasSubstr("SecurityTokenAuth")));
}

TEST(AuthShow, EnvironmentCredentialsNeedNoProjectIdAndPrintNoSecret) {
  const auto result = RunTool(
      {"auth", "show"},
      {{"CSMS_REGION", "cn-north-4"}, {"HUAWEICLOUD_SDK_AK", kAk}, {"HUAWEICLOUD_SDK_SK", kSk}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_EQ(result.out, std::string("Source:    environment\n"
                                    "Kind:      AK/SK\n"
                                    "Expires:   does not expire\n"
                                    "Endpoint:  ") +
                            kRegionEndpoint + "\n");
  ExpectNoSecret(result);
}

TEST(AuthShow, TemporaryEnvironmentCredentialsPrintNoToken) {
  const auto result =
      RunTool({"auth", "show"}, {{"CSMS_REGION", "cn-north-4"},
                                 {"HUAWEICLOUD_SDK_AK", kAk},
                                 {"HUAWEICLOUD_SDK_SK", kSk},
                                 {"HUAWEICLOUD_SDK_SECURITY_TOKEN", kSecurityToken}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Source:    environment\n"));
  EXPECT_THAT(result.out, HasSubstr("Kind:      AK/SK with security token (temporary)\n"));
  ExpectNoSecret(result);

  const auto token = RunTool({"auth", "show"},
                             {{"CSMS_REGION", "cn-north-4"}, {"CSMS_AUTH_TOKEN", kSecurityToken}});
  EXPECT_EQ(token.exit_code, 0) << token.err;
  EXPECT_THAT(token.out, HasSubstr("Kind:      X-Auth-Token\n"));
  ExpectNoSecret(token);
}

TEST(AuthShow, ProfileFileUnderHomeAndNamedByTheVariable) {
  TempDir home;
  const std::string in_home = home.Write(".huaweicloud/credentials", Profile());
  const auto from_home =
      RunTool({"auth", "show"}, {{"CSMS_REGION", "cn-north-4"}, {"HOME", home.path().string()}});
  EXPECT_EQ(from_home.exit_code, 0) << from_home.err;
  EXPECT_THAT(from_home.out, HasSubstr("Source:    profile " + in_home + "\n"));
  EXPECT_THAT(from_home.out, HasSubstr("Kind:      AK/SK\n"));
  ExpectNoSecret(from_home);

  // The variable wins over HOME; a security_token makes the keys temporary.
  const std::string named =
      home.Write("elsewhere/creds.ini", Profile(std::string("security_token = ") + kSecurityToken));
  const auto from_variable =
      RunTool({"auth", "show"}, {{"CSMS_REGION", "cn-north-4"},
                                 {"HOME", home.path().string()},
                                 {"HUAWEICLOUD_SDK_CREDENTIALS_FILE", named}});
  EXPECT_EQ(from_variable.exit_code, 0) << from_variable.err;
  EXPECT_THAT(from_variable.out, HasSubstr("Source:    profile " + named + "\n"));
  EXPECT_THAT(from_variable.out, HasSubstr("AK/SK with security token (temporary)"));
  ExpectNoSecret(from_variable);
}

TEST(AuthShow, EnvironmentComesBeforeTheProfile) {
  TempDir home;
  home.Write(".huaweicloud/credentials", Profile());
  const auto result = RunTool({"auth", "show"}, {{"CSMS_REGION", "cn-north-4"},
                                                 {"HOME", home.path().string()},
                                                 {"CSMS_AUTH_TOKEN", kSecurityToken}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Source:    environment\n"));
  ExpectNoSecret(result);
}

TEST(AuthShow, NoCredentialsAnywhereNamesEverySourceAndExitsTwo) {
  TempDir home;  // empty: no profile file
  const std::map<std::string, std::string> env = {{"CSMS_REGION", "cn-north-4"},
                                                  {"HOME", home.path().string()}};
  const auto result = RunTool({"auth", "show"}, env);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, StartsWith("csms: no usable credentials: "));
  EXPECT_THAT(result.err, HasSubstr("environment: HUAWEICLOUD_SDK_AK"));
  EXPECT_THAT(result.err, HasSubstr("CSMS_AUTH_TOKEN"));
  EXPECT_THAT(
      result.err,
      HasSubstr("profile: " + (home.path() / ".huaweicloud/credentials").string() + " not found"));

  const auto as_json = RunTool({"--output", "json", "auth", "show"}, env);
  EXPECT_EQ(as_json.exit_code, 2);
  const auto error = json::parse(as_json.err).at("error");
  EXPECT_EQ(error.at("status"), 0);
  EXPECT_EQ(error.at("error_code"), "CredentialsError");
  EXPECT_THAT(error.at("error_msg").get<std::string>(), HasSubstr("profile: "));
}

TEST(AuthShow, JsonOutputShape) {
  const auto result = RunTool({"auth", "show", "--output", "json"},
                              {{"CSMS_ENDPOINT", "https://kms.example.test"},
                               {"HUAWEICLOUD_SDK_AK", kAk},
                               {"HUAWEICLOUD_SDK_SK", kSk},
                               {"HUAWEICLOUD_SDK_SECURITY_TOKEN", kSecurityToken}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out), json::parse(R"({
    "source": "environment", "kind": "temporary_ak_sk", "temporary": true,
    "expiration": null, "expires_in_seconds": null,
    "endpoint": "https://kms.example.test"})"));
  ExpectNoSecret(result);
}

TEST(AuthShow, HalfAKeyPairIsExitTwoWithoutTheSecret) {
  for (const auto& half : std::vector<std::map<std::string, std::string>>{
           {{"HUAWEICLOUD_SDK_AK", kAk}}, {{"HUAWEICLOUD_SDK_SK", kSk}}}) {
    auto env = half;
    env["CSMS_REGION"] = "cn-north-4";
    env["CSMS_AUTH_TOKEN"] = kSecurityToken;  // never a fallback for a mistake
    const auto result = RunTool({"auth", "show"}, env);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(LineCount(result.err), 1) << result.err;
    EXPECT_THAT(result.err, HasSubstr("is not set"));
    EXPECT_THAT(result.out, IsEmpty());
    ExpectNoSecret(result);
  }
}

TEST(AuthShow, ABrokenProfileIsExitTwoNamingFileAndLine) {
  TempDir home;
  const std::string file = home.Write("creds", std::string("[basic]\nak = ") + kAk + "\n");
  const auto result = RunTool({"auth", "show"}, {{"CSMS_REGION", "cn-north-4"},
                                                 {"HUAWEICLOUD_SDK_CREDENTIALS_FILE", file}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("profile: " + file + " line 2"));
  ExpectNoSecret(result);
}

TEST(AuthShow, PlainHttpLoopbackWithoutCredentialsIsAnonymous) {
  TempDir home;
  const auto result = RunTool({"--endpoint", "http://127.0.0.1:1", "auth", "show"},
                              {{"HOME", home.path().string()}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Source:    anonymous (no credentials found; plain-http "
                                    "loopback endpoint)\n"));
  EXPECT_THAT(result.out, HasSubstr("Kind:      anonymous\n"));
  EXPECT_THAT(result.out, HasSubstr("Endpoint:  http://127.0.0.1:1\n"));
}

// The region's endpoint comes from the sources the client reads: a region only
// HUAWEICLOUD_SDK_REGION_CSMS_* or the regions file knows is shown with that
// endpoint (it was "unknown region"), and a plain-http loopback one gets the
// loopback credential rule; the variable is read before the regions file.
TEST(AuthShow, RegionEndpointComesFromTheVariableAndTheRegionsFile) {
  TempDir home;
  const std::string regions =
      home.Write("regions.yaml", "CSMS:\n  - id: my-private-1\n    endpoint: http://127.0.0.1:2\n");
  const auto from_file =
      RunTool({"--region", "my-private-1", "auth", "show"},
              {{"HOME", home.path().string()}, {"HUAWEICLOUD_SDK_REGIONS_FILE", regions}});
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_THAT(from_file.out, HasSubstr("Endpoint:  http://127.0.0.1:2\n"));
  EXPECT_THAT(from_file.out, HasSubstr("Kind:      anonymous\n"));

  const auto from_variable = RunTool(
      {"--region", "my-private-1", "auth", "show"},
      {{"HOME", home.path().string()},
       {"HUAWEICLOUD_SDK_REGIONS_FILE", regions},
       {"HUAWEICLOUD_SDK_REGION_CSMS_MY_PRIVATE_1", "http://127.0.0.1:1/, http://[::1]:3"}});
  EXPECT_EQ(from_variable.exit_code, 0) << from_variable.err;
  EXPECT_THAT(from_variable.out, HasSubstr("Endpoint:  http://127.0.0.1:1\n"));

  const auto built_in_overridden =
      RunTool({"--region", "cn-north-4", "auth", "show"},
              {{"HUAWEICLOUD_SDK_AK", kAk},
               {"HUAWEICLOUD_SDK_SK", kSk},
               {"HUAWEICLOUD_SDK_REGION_CSMS_CN_NORTH_4", "https://kms-private.example.com"}});
  EXPECT_EQ(built_in_overridden.exit_code, 0) << built_in_overridden.err;
  EXPECT_THAT(built_in_overridden.out, HasSubstr("Endpoint:  https://kms-private.example.com\n"));
  ExpectNoSecret(built_in_overridden);
}

// Plain http to a host that is not loopback is refused by the SDK for every
// command; auth show applies the same rule rather than calling it anonymous.
TEST(AuthShow, PlainHttpElsewhereIsRefusedLikeEveryCommand) {
  TempDir home;
  const auto result = RunTool({"--endpoint", "http://csms.example.com", "auth", "show"},
                              {{"HOME", home.path().string()}});
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_THAT(result.err, HasSubstr("plain http"));
  EXPECT_THAT(result.out, Not(HasSubstr("anonymous")));
}

TEST(AuthShow, NeedsAnEndpointLikeEveryCommand) {
  const auto result =
      RunTool({"auth", "show"}, {{"HUAWEICLOUD_SDK_AK", kAk}, {"HUAWEICLOUD_SDK_SK", kSk}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("no endpoint"));
}

TEST(Credentials, AProfileFileSignsTheCallsEvenOnLoopback) {
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, R"({"events": [], "page_info": {"current_count": 0}})");
  });
  TempDir home;
  home.Write(".huaweicloud/credentials", Profile());
  const auto result = RunTool({"events", "list"}, {{"CSMS_ENDPOINT", service.url()},
                                                   {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                   {"HOME", home.path().string()}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto requests = service.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_THAT(requests[0].authorization,
              StartsWith(std::string("SDK-HMAC-SHA256 Access=") + kAk + ","));
  ExpectNoSecret(result);
}

TEST(Credentials, ABrokenProfileStopsACommandBeforeAnythingIsSent) {
  FakeService service([](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  TempDir home;
  const std::string file = home.Write(".huaweicloud/credentials", "[basic]\nthis is not ini\n");
  const auto result = RunTool({"events", "list"}, {{"CSMS_ENDPOINT", service.url()},
                                                   {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                   {"HOME", home.path().string()}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr(file + " line 2"));
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(Credentials, NoneForARealEndpointIsOneErrorNamingEachSource) {
  TempDir home;
  const auto result = RunTool({"events", "list"}, {{"CSMS_REGION", "cn-north-4"},
                                                   {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                   {"HOME", home.path().string()}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("environment: "));
  EXPECT_THAT(result.err, HasSubstr("profile: "));
  // Resolved once before the call, not retried attempt by attempt.
  EXPECT_THAT(result.err, Not(HasSubstr("attempts")));
}

}  // namespace
}  // namespace csms_tool_test
