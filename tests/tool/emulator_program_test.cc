// The csms tool against the csms-emulator program (both built binaries), with
// AK/SK signing: the whole story from the command line; and with temporary
// credentials from the emulator's metadata service and pod identity endpoint,
// found by the tool's default chain.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tool_runner.h"

namespace csms_tool_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAk = "AKPROGRAMTEST0000001";
constexpr const char* kSk = "program-test-secret-key-value";

// Starts `csms-emulator --port 0 --ak .. --sk .. EXTRA...` and reads its listening line.
class EmulatorProcess {
 public:
  explicit EmulatorProcess(const std::vector<std::string>& extra = {}) {
    // Built before fork(): only async-signal-safe calls after it.
    std::vector<std::string> args = {CSMS_EMULATOR_PATH, "--port", "0", "--ak", kAk, "--sk", kSk};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    // The first line, with a bounded wait; no sleeping, no fixed port.
    std::string line;
    char c = 0;
    pollfd waiting{out[0], POLLIN, 0};
    while (line.size() < 200 && poll(&waiting, 1, 10000) == 1 && read(out[0], &c, 1) == 1 &&
           c != '\n') {
      line += c;
    }
    stdout_fd_ = out[0];
    const std::string prefix = "listening on ";
    if (line.rfind(prefix, 0) == 0) endpoint_ = line.substr(prefix.size());
  }
  ~EmulatorProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);  // its clean exit on SIGTERM is an emulator test
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }
  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  const std::string& endpoint() const { return endpoint_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string endpoint_;
};

TEST(ToolAgainstEmulatorProgram, WholeStoryWithSignedRequests) {
  EmulatorProcess emulator;
  ASSERT_THAT(emulator.endpoint(), ::testing::StartsWith("http://127.0.0.1:"));
  const std::map<std::string, std::string> env = {
      {"CSMS_ENDPOINT", emulator.endpoint()},
      {"HUAWEICLOUD_SDK_PROJECT_ID", "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70"},
      {"HUAWEICLOUD_SDK_AK", kAk},
      {"HUAWEICLOUD_SDK_SK", kSk}};
  std::vector<ToolResult> results;
  const auto run = [&](const std::vector<std::string>& args, const std::string& input = "") {
    results.push_back(RunTool(args, env, input));
    return results.back();
  };

  EXPECT_EQ(
      run({"events", "create", "--name", "prog-event", "--type", "SECRET_VERSION_CREATED", "--type",
           "SECRET_DELETED", "--target-id", "urn:smn:cn-north-4:p:t", "--target-name", "t"})
          .exit_code,
      0);
  EXPECT_EQ(run({"secrets", "create", "prog-secret", "--value-stdin", "--subscribe", "prog-event"},
                "the-secret-value")
                .exit_code,
            0);
  const ToolResult records = run({"--output", "json", "records", "list"});
  EXPECT_EQ(records.exit_code, 0);
  EXPECT_THAT(records.out, HasSubstr("SECRET_VERSION_CREATED"));
  EXPECT_EQ(run({"secrets", "update", "prog-secret", "--unsubscribe"}).exit_code, 0);
  EXPECT_EQ(run({"secrets", "delete", "prog-secret"}).exit_code, 0);
  EXPECT_EQ(run({"events", "delete", "prog-event"}).exit_code, 0);
  const ToolResult missing = run({"events", "show", "prog-event"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("CSMS.0005"));

  for (const auto& result : results) {
    for (const char* secret : {kAk, kSk, "the-secret-value"}) {
      EXPECT_THAT(result.out, Not(HasSubstr(secret)));
      EXPECT_THAT(result.err, Not(HasSubstr(secret)));
    }
  }
}

// The secret lifecycle from the command line: versions, rotation, scheduled
// deletion and restore, and the records they leave.
TEST(ToolAgainstEmulatorProgram, VersionsAndLifecycle) {
  EmulatorProcess emulator;
  ASSERT_THAT(emulator.endpoint(), ::testing::StartsWith("http://127.0.0.1:"));
  const std::map<std::string, std::string> env = {
      {"CSMS_ENDPOINT", emulator.endpoint()},
      {"HUAWEICLOUD_SDK_PROJECT_ID", "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70"},
      {"HUAWEICLOUD_SDK_AK", kAk},
      {"HUAWEICLOUD_SDK_SK", kSk}};
  std::vector<ToolResult> results;
  const auto run = [&](const std::vector<std::string>& args, const std::string& input = "") {
    results.push_back(RunTool(args, env, input));
    EXPECT_EQ(results.back().exit_code, 0)
        << args.at(0) << " " << args.at(1) << ": " << results.back().err;
    return results.back();
  };

  run({"events", "create", "--name", "life-event", "--type", "SECRET_VERSION_CREATED", "--type",
       "SECRET_ROTATED", "--target-id", "urn:smn:cn-north-4:p:t", "--target-name", "t"});
  run({"secrets", "create", "life-secret", "--value-stdin", "--subscribe", "life-event"},
      "first-value-1111");
  const auto created = run({"--output", "json", "secrets", "versions", "create", "life-secret",
                            "--value-stdin", "--expire-time", "2099-01-01T00:00:00Z"},
                           "second-value-2222");
  EXPECT_EQ(nlohmann::json::parse(created.out).at("version_metadata").at("id"), "v2");
  const auto list =
      run({"--output", "json", "secrets", "versions", "list", "life-secret", "--all"});
  EXPECT_EQ(nlohmann::json::parse(list.out).at("version_metadatas").size(), 2u);
  const auto shown = run({"secrets", "versions", "show", "life-secret", "latest"});
  EXPECT_THAT(shown.out, HasSubstr("2099-01-01T00:00:00Z"));
  const auto revealed =
      RunTool({"secrets", "versions", "show", "life-secret", "v2", "--reveal-value"}, env);
  EXPECT_EQ(revealed.exit_code, 0) << revealed.err;
  EXPECT_EQ(revealed.out, "second-value-2222");
  run({"secrets", "versions", "update", "life-secret", "v1", "--expire-time",
       "2098-06-30T12:00:00Z"});
  run({"secrets", "rotate", "life-secret"});
  run({"secrets", "delete", "life-secret", "--schedule", "7"});
  const auto pending = run({"--output", "json", "secrets", "show", "life-secret"});
  EXPECT_EQ(nlohmann::json::parse(pending.out).at("secret").at("state"), "PENDING_DELETE");
  run({"secrets", "restore", "life-secret"});
  const auto restored = run({"--output", "json", "secrets", "show", "life-secret"});
  EXPECT_EQ(nlohmann::json::parse(restored.out).at("secret").at("state"), "ENABLED");
  const auto records = run({"--output", "json", "records", "list"});
  EXPECT_THAT(records.out, HasSubstr("SECRET_VERSION_CREATED"));
  EXPECT_THAT(records.out, HasSubstr("SECRET_ROTATED"));

  for (const auto& result : results) {
    for (const char* secret : {kAk, kSk, "first-value-1111", "second-value-2222"}) {
      EXPECT_THAT(result.out, Not(HasSubstr(secret)));
      EXPECT_THAT(result.err, Not(HasSubstr(secret)));
    }
  }
}

TEST(ToolAgainstEmulatorProgram, WrongKeyIsAServiceError) {
  EmulatorProcess emulator;
  ASSERT_FALSE(emulator.endpoint().empty());
  const ToolResult result = RunTool(
      {"events", "list"}, {{"CSMS_ENDPOINT", emulator.endpoint()},
                           {"HUAWEICLOUD_SDK_PROJECT_ID", "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70"},
                           {"HUAWEICLOUD_SDK_AK", kAk},
                           {"HUAWEICLOUD_SDK_SK", "wrong-secret-key"}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("APIGW"));
  EXPECT_THAT(result.err, Not(HasSubstr("wrong-secret-key")));
}

constexpr char kProjectId[] = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

// What the emulator issues (emulator/src/temporary_credentials.cc): an AK of
// "EMU" and 17 alphanumerics, a 40-character SK, an "emu-st-" token. None of
// them, nor a piece of one, may appear in the tool's output.
void ExpectNoTemporarySecret(const ToolResult& result) {
  const std::regex secret("EMU[A-Za-z0-9]{4}|[A-Za-z0-9]{40}|emu-st-");
  EXPECT_FALSE(std::regex_search(result.out, secret)) << result.out;
  EXPECT_FALSE(std::regex_search(result.err, secret)) << result.err;
}

TEST(ToolAgainstEmulatorProgram, MetadataCredentialsFromTheDefaultChain) {
  EmulatorProcess emulator({"--metadata-token", "required"});
  ASSERT_FALSE(emulator.endpoint().empty());
  // No AK/SK anywhere: the chain goes on to the metadata service, which on a
  // loopback endpoint is asked only when named.
  const std::map<std::string, std::string> env = {{"CSMS_ENDPOINT", emulator.endpoint()},
                                                  {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                  {"CSMS_METADATA_DISABLED", "false"},
                                                  {"CSMS_METADATA_ENDPOINT", emulator.endpoint()}};
  const ToolResult show = RunTool({"--output", "json", "auth", "show"}, env);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  const auto report = nlohmann::json::parse(show.out);
  EXPECT_EQ(report.at("source"), "metadata " + emulator.endpoint());
  EXPECT_EQ(report.at("kind"), "temporary_ak_sk");
  EXPECT_EQ(report.at("temporary"), true);
  EXPECT_THAT(report.at("expiration").get<std::string>(), ::testing::EndsWith("Z"));
  // The emulator's default lifetime is 6 hours.
  EXPECT_GT(report.at("expires_in_seconds").get<long long>(), 6 * 3600 - 600);
  EXPECT_LE(report.at("expires_in_seconds").get<long long>(), 6 * 3600);
  ExpectNoTemporarySecret(show);

  const ToolResult table = RunTool({"auth", "show"}, env);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("Kind:      AK/SK with security token (temporary)\n"));
  EXPECT_THAT(table.out,
              ::testing::ContainsRegex("Expires: +[-0-9T:.]+Z \\(in (6h 0m|5h 5[0-9]m)\\)"));
  ExpectNoTemporarySecret(table);

  // The emulator requires signatures (--ak): the calls are signed with the
  // temporary AK/SK and security token.
  const ToolResult list = RunTool({"events", "list"}, env);
  EXPECT_EQ(list.exit_code, 0) << list.err;
  ExpectNoTemporarySecret(list);
}

TEST(ToolAgainstEmulatorProgram, PodIdentityCredentialsFromTheDefaultChain) {
  const auto token_file =
      std::filesystem::temp_directory_path() / ("csms_pod_token_" + std::to_string(getpid()));
  const std::string pod_token = "pod-identity-token-never-printed-0123456789";
  std::ofstream(token_file) << pod_token;
  {
    EmulatorProcess emulator({"--pod-identity-token-file", token_file.string()});
    ASSERT_FALSE(emulator.endpoint().empty());
    const std::string uri = emulator.endpoint() + "/v1/credentials";
    const std::map<std::string, std::string> env = {
        {"CSMS_ENDPOINT", emulator.endpoint()},
        {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
        {"HC_CONTAINER_CREDENTIALS_FULL_URI", uri},
        {"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file.string()}};
    const ToolResult show = RunTool({"auth", "show"}, env);
    EXPECT_EQ(show.exit_code, 0) << show.err;
    EXPECT_THAT(show.out, HasSubstr("Source:    pod identity " + uri + "\n"));
    EXPECT_THAT(show.out, HasSubstr("(temporary)"));
    const ToolResult list = RunTool({"events", "list"}, env);
    EXPECT_EQ(list.exit_code, 0) << list.err;
    for (const auto* result : {&show, &list}) {
      ExpectNoTemporarySecret(*result);
      EXPECT_THAT(result->out, Not(HasSubstr(pod_token)));
      EXPECT_THAT(result->err, Not(HasSubstr(pod_token)));
    }
  }
  std::filesystem::remove(token_file);
}

TEST(ToolAgainstEmulatorProgram, ExpiredMetadataCredentialsAreExitTwoNamingTheSource) {
  EmulatorProcess emulator({"--credentials-lifetime", "0"});
  ASSERT_FALSE(emulator.endpoint().empty());
  const std::map<std::string, std::string> env = {{"CSMS_ENDPOINT", emulator.endpoint()},
                                                  {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                  {"CSMS_METADATA_DISABLED", "false"},
                                                  {"CSMS_METADATA_ENDPOINT", emulator.endpoint()}};
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"auth", "show"}, {"events", "list"}}) {
    const ToolResult result = RunTool(args, env);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(LineCount(result.err), 1) << result.err;
    EXPECT_THAT(result.err, HasSubstr("metadata"));
    EXPECT_THAT(result.err, HasSubstr("expired"));
    ExpectNoTemporarySecret(result);
  }
}

}  // namespace
}  // namespace csms_tool_test
