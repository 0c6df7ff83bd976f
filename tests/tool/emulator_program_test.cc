// The csms tool against the csms-emulator program (both built binaries), with
// AK/SK signing: the whole story from the command line.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "tool_runner.h"

namespace csms_tool_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAk = "AKPROGRAMTEST0000001";
constexpr const char* kSk = "program-test-secret-key-value";

// Starts `csms-emulator --port 0 --ak .. --sk ..` and reads its listening line.
class EmulatorProcess {
 public:
  EmulatorProcess() {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execl(CSMS_EMULATOR_PATH, CSMS_EMULATOR_PATH, "--port", "0", "--ak", kAk, "--sk", kSk,
            static_cast<char*>(nullptr));
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

}  // namespace
}  // namespace csms_tool_test
