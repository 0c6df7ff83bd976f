// csms as a whole: help, usage errors, configuration, transport failures,
// records list.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <string>
#include <utility>
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

std::map<std::string, std::string> Env(const FakeService& service) {
  return {{"CSMS_ENDPOINT", service.url()}, {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}};
}

TEST(Help, EveryLevelPrintsUsageAndExitsZero) {
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"--help"},
                                             {"-h"},
                                             {"auth", "--help"},
                                             {"auth", "show", "--help"},
                                             {"events", "--help"},
                                             {"events", "create", "--help"},
                                             {"events", "create", "--name", "x", "-h"},
                                             {"records", "list", "--help"},
                                             {"secrets", "-h"},
                                             {"secrets", "update", "--help"}}) {
    const auto result = RunTool(args);
    EXPECT_EQ(result.exit_code, 0) << args.back();
    EXPECT_THAT(result.out, StartsWith("usage: csms")) << args.back();
    EXPECT_THAT(result.err, IsEmpty());
  }
  EXPECT_THAT(RunTool({"--help"}).out, HasSubstr("Exit codes"));
  EXPECT_THAT(RunTool({"events", "create", "--help"}).out, HasSubstr("--target-name"));
  EXPECT_THAT(RunTool({"events", "--help"}).out, HasSubstr("delete"));
}

TEST(Usage, UnknownCommandIsExitTwoWithOneLine) {
  const auto result = RunTool({"evnts", "list"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(result.err, "csms: unknown command \"evnts\"; try csms --help\n");

  const auto sub = RunTool({"events", "lst"});
  EXPECT_EQ(sub.exit_code, 2);
  EXPECT_EQ(sub.err, "csms: unknown command \"events lst\"; try csms events --help\n");

  const auto json_result = RunTool({"--output", "json", "evnts"});
  EXPECT_EQ(json_result.exit_code, 2);
  const auto error = json::parse(json_result.err).at("error");
  EXPECT_EQ(error.at("status"), 0);
  EXPECT_EQ(error.at("error_code"), "UsageError");
}

TEST(Usage, BadFlagsAndArgumentsAreExitTwo) {
  FakeService service([](const httplib::Request&, httplib::Response& res) { res.status = 500; });
  for (const auto& args :
       std::vector<std::vector<std::string>>{{},
                                             {"events"},
                                             {"events", "show"},
                                             {"events", "show", "a", "b"},
                                             {"events", "list", "--bogus"},
                                             {"events", "list", "--limit", "ten"},
                                             {"events", "list", "--all", "--marker", "x"},
                                             {"events", "list", "--limit"},
                                             {"--output", "xml", "events", "list"},
                                             {"secrets", "create", "s", "--value", "hunter2"}}) {
    const auto result = RunTool(args, Env(service));
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(args);
    EXPECT_EQ(LineCount(result.err), 1) << result.err;
    EXPECT_THAT(result.err, StartsWith("csms: "));
    EXPECT_THAT(result.err, Not(HasSubstr("hunter2")));
  }
  EXPECT_THAT(service.requests(), IsEmpty());
}

TEST(Configuration, MissingCredentialsForARealEndpointNamesTheVariables) {
  const auto result = RunTool({"events", "list"}, {{"CSMS_REGION", "cn-north-4"},
                                                   {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("HUAWEICLOUD_SDK_AK"));
  EXPECT_THAT(result.err, HasSubstr("CSMS_AUTH_TOKEN"));
}

TEST(Configuration, HalfAnAkSkPairIsAUsageErrorEvenOnLoopback) {
  // Not a reason to fall back to a token or to anonymous calls: a mistake.
  const auto result = RunTool({"events", "list"}, {{"CSMS_ENDPOINT", "http://127.0.0.1:1"},
                                                   {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                   {"HUAWEICLOUD_SDK_AK", "only-the-ak"},
                                                   {"CSMS_AUTH_TOKEN", "a-token"}});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, HasSubstr("HUAWEICLOUD_SDK_SK is not set"));
  EXPECT_THAT(result.err, Not(HasSubstr("only-the-ak")));
}

TEST(Configuration, WithoutCredentialsPlainHttpMustBeLoopback) {
  // Anonymous calls go only to plain http, which the SDK allows only on loopback.
  const auto remote = RunTool({"events", "list"}, {{"CSMS_ENDPOINT", "http://example.com"},
                                                   {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}});
  EXPECT_EQ(remote.exit_code, 2);
  EXPECT_EQ(LineCount(remote.err), 1) << remote.err;
  EXPECT_THAT(remote.err, HasSubstr("plain http"));

  // The scheme in any case, as the SDK reads it.
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    Reply(res, 200, R"({"events": [], "page_info": {"current_count": 0}})");
  });
  std::string upper = service.url();
  upper.replace(0, 4, "HTTP");
  const auto result = RunTool({"--endpoint", upper, "events", "list"},
                              {{"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_THAT(service.requests()[0].authorization, IsEmpty());
}

TEST(Configuration, MissingProjectIdAndEndpointAreUsageErrors) {
  const auto no_project = RunTool({"events", "list"}, {{"CSMS_ENDPOINT", "http://127.0.0.1:1"}});
  EXPECT_EQ(no_project.exit_code, 2);
  EXPECT_THAT(no_project.err, HasSubstr("HUAWEICLOUD_SDK_PROJECT_ID"));

  const auto no_endpoint =
      RunTool({"events", "list"}, {{"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}});
  EXPECT_EQ(no_endpoint.exit_code, 2);
  EXPECT_THAT(no_endpoint.err, HasSubstr("CSMS_ENDPOINT"));
}

TEST(Configuration, FlagsWinOverTheEnvironmentAndTokenIsNeverPrinted) {
  FakeService service([](const httplib::Request&, httplib::Response& res) {
    res.set_header("X-Request-Id", "req-401");
    Reply(res, 401, R"({"error_code":"CSMS.0301","error_msg":"invalid token"})");
  });
  const std::string token = "MIIToken-very-secret-0123456789";
  const auto result =
      RunTool({"--endpoint", service.url(), "--project-id", kProjectId, "events", "show", "ev1"},
              {{"CSMS_ENDPOINT", "http://127.0.0.1:1"},
               {"HUAWEICLOUD_SDK_PROJECT_ID", "ffffffffffffffffffffffffffffffff"},
               {"CSMS_AUTH_TOKEN", token}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "csms: unauthorized: HTTP 401 CSMS.0301: invalid token (request id req-401)\n");
  EXPECT_THAT(result.err, Not(HasSubstr(token)));
  EXPECT_THAT(result.out, IsEmpty());
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/csms/events/ev1"));
}

TEST(Configuration, MalformedEndpointsAreUsageErrors) {
  // Once accepted, then every call failed as a retried "could not connect"
  // and the tool exited 3 ("retry may help").
  for (const char* endpoint :
       {"http://127.0.0.1:1\n", "http://127.0.0.1:1 ", "http://::1:8080", "http://127.0.0.1\\"}) {
    const auto result = RunTool({"events", "list"}, {{"CSMS_ENDPOINT", endpoint},
                                                     {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                     {"CSMS_AUTH_TOKEN", "a-token"}});
    EXPECT_EQ(result.exit_code, 2) << endpoint << ": " << result.err;
    EXPECT_EQ(LineCount(result.err), 1) << result.err;
  }
}

TEST(Configuration, ATokenEchoedByTheServerIsNotPrinted) {
  const std::string token = "MIIToken-echoed-back-0123456789";
  FakeService service([](const httplib::Request& req, httplib::Response& res) {
    const std::string echoed = req.get_header_value("X-Auth-Token");
    res.set_header("X-Request-Id", "req-" + echoed);
    Reply(res, 401,
          json{{"error_code", "APIGW.0301"}, {"error_msg", "token " + echoed + " is invalid"}}
              .dump());
  });
  const auto result =
      RunTool({"events", "show", "ev1"}, {{"CSMS_ENDPOINT", service.url()},
                                          {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                          {"CSMS_AUTH_TOKEN", token}});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("token <redacted> is invalid"));
  EXPECT_THAT(result.err, Not(HasSubstr(token)));
  EXPECT_THAT(result.out, Not(HasSubstr(token)));
}

// A socket that is bound but not listening: connecting to its port is refused.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("could not bind a socket");
    }
    port_ = ntohs(address.sin_port);
  }
  ~RefusingPort() { close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(Transport, RefusedConnectionIsExitThree) {
  RefusingPort port;
  const std::map<std::string, std::string> env = {{"CSMS_ENDPOINT", port.url()},
                                                  {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId}};
  const auto result = RunTool({"events", "list"}, env);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_EQ(LineCount(result.err), 1) << result.err;
  EXPECT_THAT(result.err, StartsWith("csms: transport error"));

  const auto json_result = RunTool({"events", "list", "--output", "json"}, env);
  EXPECT_EQ(json_result.exit_code, 3);
  const auto error = json::parse(json_result.err).at("error");
  EXPECT_EQ(error.at("status"), 0);
  EXPECT_EQ(error.at("error_code"), "TransportError");
}

// A proxy from the environment that curl cannot parse: curl's error text quotes
// the proxy URL, password included; the tool prints it without the password.
// RunTool gives the child only the variables named here, so a developer's own
// proxy settings play no part.
TEST(Transport, AProxyPasswordFromTheEnvironmentIsNeverPrinted) {
  RefusingPort port;
  const std::string https_url = "https://127.0.0.1:" + port.url().substr(port.url().rfind(':') + 1);
  for (const auto& [variable, endpoint] : std::vector<std::pair<std::string, std::string>>{
           {"http_proxy", port.url()}, {"HTTPS_PROXY", https_url}, {"https_proxy", https_url}}) {
    const std::map<std::string, std::string> env = {{"CSMS_ENDPOINT", endpoint},
                                                    {"HUAWEICLOUD_SDK_PROJECT_ID", kProjectId},
                                                    {"HUAWEICLOUD_SDK_AK", "AKPROXYTEST000000001"},
                                                    {"HUAWEICLOUD_SDK_SK", "proxy-test-secret-key"},
                                                    {variable, "http://user:s3cr3tpw@[bad:1"}};
    for (const char* format : {"table", "json"}) {
      const auto result = RunTool({"--output", format, "events", "list"}, env);
      EXPECT_NE(result.exit_code, 0) << variable;
      EXPECT_EQ(LineCount(result.err), 1) << result.err;
      EXPECT_THAT(result.err, Not(HasSubstr("s3cr3tpw"))) << variable << ": " << result.err;
      EXPECT_THAT(result.out + result.err, Not(HasSubstr("user:"))) << variable;
    }
  }
}

FakeService::Handler Records() {
  return [](const httplib::Request&, httplib::Response& res) {
    const json record = {
        {"event_name", "ev1"},
        {"trigger_event_type", "SECRET_VERSION_CREATED"},
        {"create_time", 1581507580000},
        {"secret_name", "db-password"},
        {"secret_type", "COMMON"},
        {"notification_target_name", "topic1"},
        {"notification_target_id", "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:topic1"},
        {"notification_content", R"({"eventName":"ev1"})"},
        {"notification_status", "SUCCESS"}};
    Reply(res, 200, json{{"records", {record}}, {"page_info", {{"current_count", 1}}}}.dump());
  };
}

TEST(RecordsList, PrintsATableOrTheServiceJson) {
  FakeService service(Records());
  const auto result = RunTool({"records", "list"}, Env(service));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "TIME                  EVENT  TYPE                    SECRET       TARGET  STATUS\n"
            "2020-02-12T11:39:40Z  ev1    SECRET_VERSION_CREATED  db-password  topic1  SUCCESS\n");
  ASSERT_EQ(service.requests().size(), 1u);
  EXPECT_EQ(service.requests()[0].method, "GET");
  EXPECT_EQ(service.requests()[0].path, ProjectPath("/csms/notification-records"));

  const auto json_result = RunTool({"--output", "json", "records", "list"}, Env(service));
  ASSERT_EQ(json_result.exit_code, 0) << json_result.err;
  const auto page = json::parse(json_result.out);
  ASSERT_EQ(page.at("records").size(), 1u);
  EXPECT_EQ(page.at("records").at(0).at("notification_content"), R"({"eventName":"ev1"})");
  EXPECT_EQ(page.at("records").at(0).at("create_time"), 1581507580000);
  EXPECT_TRUE(page.contains("page_info"));
}

}  // namespace
}  // namespace csms_tool_test
