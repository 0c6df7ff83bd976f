// The tool with IAM (issue 13.5 and 13.8): a password token from a file (never
// the command line, never a prompt without a terminal), an agency over the
// resolved credentials, and the project id discovered from the region. A
// cpp-httplib server stands in for both IAM and CSMS.

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fake_service.h"
#include "temp_file.h"
#include "tool_runner.h"

namespace csms_tool_test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;

constexpr char kPassword[] = "Pa55word-IamToolTest-7f3e";
constexpr char kIamToken[] = "MIIiamTokenForTheToolTest0123456789";
constexpr char kAk[] = "AKIAMTOOLTEST0000001";
constexpr char kSk[] = "SkIamToolTestSecret0123456789abcdef";
constexpr char kTempAk[] = "AKIAMTEMPORARY000001";
constexpr char kTempSk[] = "SkIamTemporarySecret0123456789abcd";
constexpr char kTempToken[] = "SecurityTokenIamAgency-0123456789";
constexpr char kRegion[] = "cn-north-4";

using csms_test::TempFile;

std::string ProjectsListing(const std::vector<std::string>& ids) {
  json projects = json::array();
  for (const auto& id : ids) {
    projects.push_back({{"id", id}, {"name", kRegion}, {"domain_id", "d1"}, {"enabled", true}});
  }
  return json{{"projects", projects}, {"links", {{"self", "x"}}}}.dump();
}

// IAM and CSMS on one port, as the emulator serves them.
void Serve(const httplib::Request& req, httplib::Response& res,
           const std::vector<std::string>& project_ids = {kProjectId}) {
  if (req.path == "/v3/auth/tokens") {
    res.set_header("X-Subject-Token", kIamToken);
    Reply(res, 201,
          R"({"token":{"expires_at":"2099-01-01T00:00:00.000000Z","methods":["password"],)"
          R"("user":{"id":"u1","name":"alice","domain":{"id":"d1","name":"acme"}}}})");
  } else if (req.path == "/v3.0/OS-CREDENTIAL/securitytokens") {
    Reply(res, 201,
          json{{"credential",
                {{"access", kTempAk},
                 {"secret", kTempSk},
                 {"securitytoken", kTempToken},
                 {"expires_at", "2099-01-01T00:00:00.000000Z"}}}}
              .dump());
  } else if (req.path == "/v3/projects") {
    Reply(res, 200, ProjectsListing(project_ids));
  } else if (req.path == ProjectPath("/csms/events")) {
    Reply(res, 200, R"({"events":[],"page_info":{"next_marker":"","previous_marker":""}})");
  } else {
    Reply(res, 404, R"({"error_code":"CSMS.0404","error_msg":"not here"})");
  }
}

void ExpectNoSecret(const ToolResult& result) {
  for (const char* secret : {kPassword, kIamToken, kAk, kSk, kTempAk, kTempSk, kTempToken}) {
    EXPECT_THAT(result.out, Not(HasSubstr(secret)));
    EXPECT_THAT(result.err, Not(HasSubstr(secret)));
  }
}

// The environment of a tool talking to service for both IAM and CSMS.
std::map<std::string, std::string> ServiceEnv(const FakeService& service) {
  return {{"CSMS_ENDPOINT", service.url()},
          {"CSMS_REGION", kRegion},
          {"HUAWEICLOUD_SDK_IAM_ENDPOINT", service.url()}};
}

std::vector<std::string> Paths(const FakeService& service) {
  std::vector<std::string> paths;
  for (const auto& request : service.requests()) paths.push_back(request.path);
  return paths;
}

TEST(PasswordFlag, OnTheCommandLineIsRefusedWithoutEchoingIt) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--password", kPassword, "events", "list"},
        std::vector<std::string>{"events", "list", "--password=" + std::string(kPassword)},
        std::vector<std::string>{"--auth", "password", "--user-name", "alice", "--domain-name",
                                 "acme", "events", "list", "--password", kPassword}}) {
    const auto result = RunTool(args, ServiceEnv(service));
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(LineCount(result.err), 1) << result.err;
    EXPECT_THAT(result.err, HasSubstr("--password is not accepted"));
    EXPECT_THAT(result.err, HasSubstr("--password-file"));
    ExpectNoSecret(result);
  }
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(PasswordAuth, WithoutAFileAndWithoutATerminalIsAUsageError) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  // stdin is a pipe here (carrying the password, which must not be read from it).
  const auto result = RunTool({"--auth", "password", "--user-name", "alice", "--domain-name",
                               "acme", "--project-id", kProjectId, "events", "list"},
                              ServiceEnv(service), std::string(kPassword) + "\n");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("not a terminal"));
  EXPECT_THAT(result.err, HasSubstr("--password-file"));
  ExpectNoSecret(result);
  EXPECT_THAT(service.requests(), IsEmpty());
}

// Runs the tool with a pseudo-terminal as stdin and stderr (stdout a pipe),
// answers the password prompt with `typed` and returns everything the
// terminal showed, stdout and the exit code.
struct TerminalRun {
  std::string terminal;
  std::string out;
  int exit_code = -1;
};

TerminalRun RunOnTerminal(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env, const std::string& typed) {
  std::vector<std::string> strings = {CSMS_TOOL_PATH};
  strings.insert(strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = {"CSMS_METADATA_DISABLED=true"};
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name))
      env_strings.push_back(std::string(name) + "=" + value);
  }
  for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
  std::vector<char*> argv;
  for (auto& arg : strings) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int master = -1;
  int slave = -1;
  if (openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) throw std::runtime_error("openpty");
  int out_pipe[2];
  if (pipe(out_pipe) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid == 0) {
    setsid();
    ioctl(slave, TIOCSCTTY, 0);
    dup2(slave, STDIN_FILENO);
    dup2(slave, STDERR_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    close(master);
    close(out_pipe[0]);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(slave);
  close(out_pipe[1]);
  TerminalRun run;
  bool answered = false;
  bool terminal_open = true;
  bool out_open = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((terminal_open || out_open) && std::chrono::steady_clock::now() < deadline) {
    pollfd fds[2] = {{master, POLLIN, 0}, {out_pipe[0], POLLIN, 0}};
    if (poll(fds, 2, 1000) < 0) break;
    char buffer[4096];
    if (terminal_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t n = read(master, buffer, sizeof buffer);
      if (n <= 0) {
        terminal_open = false;  // EIO once the child has closed the terminal
      } else {
        run.terminal.append(buffer, static_cast<std::size_t>(n));
      }
    }
    if (out_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
      if (n <= 0) {
        out_open = false;
      } else {
        run.out.append(buffer, static_cast<std::size_t>(n));
      }
    }
    // Echo is off before the prompt shows (password_input.cc), so typing now is hidden.
    if (!answered && run.terminal.find("IAM password for alice: ") != std::string::npos) {
      const std::string line = typed + "\n";
      if (write(master, line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
      answered = true;
    }
  }
  if (terminal_open || out_open) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(master);
  close(out_pipe[0]);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

TEST(PasswordAuth, PromptedOnATerminalWithoutEcho) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  const TerminalRun run =
      RunOnTerminal({"--auth", "password", "--user-name", "alice", "--domain-name", "acme",
                     "--output", "json", "events", "list"},
                    ServiceEnv(service), kPassword);
  EXPECT_EQ(run.exit_code, 0) << run.terminal;
  EXPECT_THAT(run.terminal, HasSubstr("IAM password for alice: "));
  EXPECT_THAT(run.terminal, Not(HasSubstr(kPassword)));
  EXPECT_THAT(run.out, Not(HasSubstr(kPassword)));
  const auto requests = service.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(json::parse(requests[0].body)["auth"]["identity"]["password"]["user"]["password"],
            kPassword);
  EXPECT_EQ(requests.back().path, ProjectPath("/csms/events"));
}

TEST(PasswordAuth, FlagsThatNeedEachOtherAreUsageErrors) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  const TempFile password(std::string(kPassword) + "\n");
  const std::map<std::string, std::string> env = ServiceEnv(service);
  EXPECT_EQ(RunTool({"--user-name", "alice", "events", "list"}, env).exit_code, 2);
  EXPECT_EQ(
      RunTool({"--auth", "password", "--password-file", password.path(), "events", "list"}, env)
          .exit_code,
      2);
  EXPECT_EQ(RunTool({"--auth", "token", "events", "list"}, env).exit_code, 2);
  EXPECT_EQ(RunTool({"--agency-name", "ops", "events", "list"}, env).exit_code, 2);
  const auto missing = RunTool({"--auth", "password", "--user-name", "alice", "--domain-name",
                                "acme", "--password-file", "/nonexistent/pw", "events", "list"},
                               env);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("/nonexistent/pw"));
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(PasswordAuth, ADirectoryAsThePasswordFileIsNamedAsSuch) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  const std::string dir = std::filesystem::temp_directory_path().string();
  const auto result = RunTool({"--auth", "password", "--user-name", "alice", "--domain-name",
                               "acme", "--password-file", dir, "events", "list"},
                              ServiceEnv(service));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("is a directory"));
  EXPECT_THAT(result.err, Not(HasSubstr("holds no password")));
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(PasswordAuth, TokenFromAPasswordFileThenDiscoveryThenCsms) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  const TempFile password(std::string(kPassword) + "\n");
  const auto result =
      RunTool({"--auth", "password", "--user-name", "alice", "--domain-name", "acme",
               "--password-file", password.path(), "--output", "json", "events", "list"},
              ServiceEnv(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ExpectNoSecret(result);
  const auto requests = service.requests();
  ASSERT_EQ(Paths(service), (std::vector<std::string>{"/v3/auth/tokens", "/v3/projects",
                                                      ProjectPath("/csms/events")}));
  const json token_request = json::parse(requests[0].body);
  const json& user = token_request["auth"]["identity"]["password"]["user"];
  EXPECT_EQ(user["name"], "alice");
  EXPECT_EQ(user["password"], kPassword);  // the file's first line, without the newline
  EXPECT_EQ(user["domain"]["name"], "acme");
  // No project id yet: the token is scoped to the project named after the region.
  EXPECT_EQ(token_request["auth"]["scope"]["project"]["name"], kRegion);
  EXPECT_EQ(requests[1].params.find("name")->second, kRegion);
  EXPECT_EQ(requests[1].auth_token, kIamToken);
  EXPECT_EQ(requests[2].auth_token, kIamToken);
}

TEST(PasswordAuth, AuthShowReportsTheIamTokenAndItsExpiry) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  const TempFile password(kPassword);
  const auto result =
      RunTool({"--auth", "password", "--user-name", "alice", "--domain-name", "acme",
               "--password-file", password.path(), "--output", "json", "auth", "show"},
              ServiceEnv(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ExpectNoSecret(result);
  const json report = json::parse(result.out);
  EXPECT_THAT(report["source"].get<std::string>(), HasSubstr("password"));
  EXPECT_EQ(report["kind"], "token");
  EXPECT_EQ(report["expiration"], "2099-01-01T00:00:00Z");
  EXPECT_EQ(Paths(service), std::vector<std::string>{"/v3/auth/tokens"});
}

TEST(Agency, AssumedOverEnvironmentKeysAndReportedByAuthShow) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  std::map<std::string, std::string> env = ServiceEnv(service);
  env["HUAWEICLOUD_SDK_AK"] = kAk;
  env["HUAWEICLOUD_SDK_SK"] = kSk;
  env["HUAWEICLOUD_SDK_PROJECT_ID"] = kProjectId;
  const auto listed =
      RunTool({"--agency-name", "ops", "--agency-domain-name", "partner", "events", "list"}, env);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  ExpectNoSecret(listed);
  const auto requests = service.requests();
  ASSERT_EQ(Paths(service), (std::vector<std::string>{"/v3.0/OS-CREDENTIAL/securitytokens",
                                                      ProjectPath("/csms/events")}));
  EXPECT_THAT(requests[0].authorization, HasSubstr(std::string("Access=") + kAk));
  const json assume = json::parse(requests[0].body)["auth"]["identity"]["assume_role"];
  EXPECT_EQ(assume["agency_name"], "ops");
  EXPECT_EQ(assume["domain_name"], "partner");
  EXPECT_THAT(requests[1].authorization, HasSubstr(std::string("Access=") + kTempAk));
  EXPECT_EQ(requests[1].security_token, kTempToken);

  const auto shown = RunTool({"--agency-name", "ops", "--agency-domain-name", "partner", "--output",
                              "json", "auth", "show"},
                             env);
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  ExpectNoSecret(shown);
  const json report = json::parse(shown.out);
  EXPECT_THAT(report["source"].get<std::string>(), HasSubstr("agency"));
  EXPECT_EQ(report["kind"], "temporary_ak_sk");
  EXPECT_EQ(report["expiration"], "2099-01-01T00:00:00Z");
}

TEST(ProjectDiscovery, AKeyAndARegionAreEnough) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  std::map<std::string, std::string> env = ServiceEnv(service);
  env["HUAWEICLOUD_SDK_AK"] = kAk;
  env["HUAWEICLOUD_SDK_SK"] = kSk;
  const auto result = RunTool({"events", "list"}, env);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ExpectNoSecret(result);
  const auto requests = service.requests();
  ASSERT_EQ(Paths(service),
            (std::vector<std::string>{"/v3/projects", ProjectPath("/csms/events")}));
  EXPECT_THAT(requests[0].authorization, StartsWith(std::string("SDK-HMAC-SHA256 Access=") + kAk));
}

TEST(ProjectDiscovery, NoMatchingProjectSaysWhatToSet) {
  FakeService service(
      [](const httplib::Request& req, httplib::Response& res) { Serve(req, res, {}); });
  std::map<std::string, std::string> env = ServiceEnv(service);
  env["HUAWEICLOUD_SDK_AK"] = kAk;
  env["HUAWEICLOUD_SDK_SK"] = kSk;
  const auto result = RunTool({"events", "list"}, env);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("no project named \"cn-north-4\""));
  EXPECT_THAT(result.err, HasSubstr("--project-id"));
  EXPECT_EQ(Paths(service), std::vector<std::string>{"/v3/projects"});
}

TEST(ProjectDiscovery, WithoutARegionTheProjectIdIsStillRequired) {
  FakeService service([](const httplib::Request& req, httplib::Response& res) { Serve(req, res); });
  const auto result = RunTool({"--endpoint", service.url(), "events", "list"},
                              {{"HUAWEICLOUD_SDK_AK", kAk}, {"HUAWEICLOUD_SDK_SK", kSk}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("no project id"));
  EXPECT_THAT(result.err, HasSubstr("region"));
  EXPECT_THAT(service.requests(), IsEmpty());
}

}  // namespace
}  // namespace csms_tool_test
