// Server lifecycle, routing, request ids, project scoping, thread safety.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;

TEST(ServerTest, StartReturnsOnceServingAndStopIsIdempotent) {
  csms::Emulator emulator;
  emulator.Start();
  EXPECT_GT(emulator.port(), 0);
  EXPECT_EQ(emulator.endpoint(), "http://127.0.0.1:" + std::to_string(emulator.port()));
  httplib::Client client("127.0.0.1", emulator.port());
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  auto result = client.Get("/v1/" + emulator.project_id() + "/csms/events");  // no wait needed
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  emulator.Stop();
  emulator.Stop();
  EXPECT_FALSE(client.Get("/v1/" + emulator.project_id() + "/csms/events"));
}

TEST(ServerTest, StopRightAfterStartDoesNotHang) {
  for (int i = 0; i < 20; ++i) {
    csms::Emulator emulator;
    emulator.Start();
    emulator.Stop();
  }
}

TEST(ServerTest, StopIsQuickWithAnIdleKeptAliveConnection) {
  Harness h;
  ASSERT_EQ(h.Get("csms/events")->status, 200);  // the client keeps its connection open
  const auto start = std::chrono::steady_clock::now();
  h.emulator().Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(ServerTest, RestartServesAgainAndKeepsState) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev").dump())->status, 200);
  h.emulator().Stop();
  h.emulator().Start();
  auto client = h.NewClient();
  auto result = client->Get(Harness::Path("csms/events/ev"));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
}

TEST(ServerTest, StartTwiceThrows) {
  Harness h;
  EXPECT_THROW(h.emulator().Start(), std::logic_error);
}

TEST(ServerTest, PortInUseThrows) {
  Harness h;
  csms::EmulatorOptions options;
  options.port = h.port();
  csms::Emulator second(options);
  EXPECT_THROW(second.Start(), std::runtime_error);
}

TEST(ServerTest, BadOptionsThrow) {
  csms::EmulatorOptions options;
  options.project_id = "a/b";
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
  options = {};
  options.port = 70000;
  EXPECT_THROW(csms::Emulator{options}, std::runtime_error);
}

TEST(ServerTest, EveryResponseCarriesARequestId) {
  csms::EmulatorOptions options;
  options.token = "tok";
  Harness h(options);
  const httplib::Headers auth = {{"X-Auth-Token", "tok"}};
  std::vector<httplib::Result> results;
  results.push_back(h.client().Get(Harness::Path("csms/events"), auth));       // 200
  results.push_back(h.client().Get(Harness::Path("csms/events/none"), auth));  // 404
  results.push_back(
      h.client().Post(Harness::Path("secrets"), auth, "{", "application/json"));  // 400
  results.push_back(h.client().Delete(Harness::Path("csms/events/none"), auth));  // 404
  results.push_back(h.Get("csms/events"));                                        // 401
  results.push_back(h.client().Get("/unknown", auth));                            // 404
  results.push_back(h.client().Patch(Harness::Path("secrets"), auth, "{}", "application/json"));
  std::set<std::string> ids;
  for (const auto& result : results) {
    ASSERT_TRUE(result);
    const std::string id = result->get_header_value("X-Request-Id");
    EXPECT_EQ(id.size(), 32U) << result->status;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), results.size());  // a fresh id each time
}

TEST(ServerTest, MalformedHttpStillGetsARequestId) {
  Harness h;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(h.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, static_cast<sockaddr*>(static_cast<void*>(&address)), sizeof(address)), 0);
  const std::string garbage = "NONSENSE\r\n\r\n";
  ASSERT_EQ(send(fd, garbage.data(), garbage.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(garbage.size()));
  std::string response;
  for (int i = 0; i < 100; ++i) {  // bounded
    pollfd waiting{fd, POLLIN, 0};
    if (poll(&waiting, 1, 10000) != 1) break;
    char buffer[1024];
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    response.append(buffer, static_cast<std::size_t>(n));
    if (response.find("\r\n\r\n") != std::string::npos) break;
  }
  close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 400", 0), 0U) << response;
  EXPECT_NE(response.find("X-Request-Id: "), std::string::npos) << response;
}

TEST(ServerTest, UnknownRoutesGetTheGatewayBody) {
  Harness h;
  for (const std::string& path :
       std::vector<std::string>{"/", "/v1", "/v2/" + kProject + "/secrets",
                                Harness::Path("csms/other"), Harness::Path("secrets/a/b")}) {
    auto result = h.client().Get(path);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 404) << path;
    const json body = BodyJson(result);
    EXPECT_EQ(body.value("error_code", ""), "APIGW.0101") << path;
    EXPECT_EQ(body.value("request_id", ""), result->get_header_value("X-Request-Id"));
  }
  // A published path with a method it does not have.
  auto patch = h.client().Patch(Harness::Path("csms/events"), "{}", "application/json");
  ASSERT_TRUE(patch);
  EXPECT_EQ(patch->status, 404);
  EXPECT_EQ(BodyJson(patch).value("error_code", ""), "APIGW.0101");
}

TEST(ServerTest, OtherProjectIsNotFoundInTheFamilyShape) {
  Harness h;
  const std::string other = "/v1/ffffffffffffffffffffffffffffffff/";
  auto events = h.client().Get(other + "csms/events");
  ASSERT_TRUE(events);
  EXPECT_EQ(events->status, 404);
  EXPECT_EQ(NestedCode(events), "CSMS.0005");
  auto secrets = h.client().Post(other + "secrets", R"({"name":"x"})", "application/json");
  ASSERT_TRUE(secrets);
  EXPECT_EQ(secrets->status, 404);
  EXPECT_EQ(FlatCode(secrets), "CSMS.0005");
  EXPECT_EQ(BodyJson(h.Get("secrets"))["secrets"].size(), 0U);
}

TEST(ServerTest, CountsRequestsAndConnections) {
  Harness h;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(h.Get("csms/events")->status, 200);
  EXPECT_EQ(h.emulator().request_count(), 3U);
  EXPECT_EQ(h.emulator().connection_count(), 1U);  // kept alive
  auto other = h.NewClient();
  ASSERT_TRUE(other->Get("/"));
  EXPECT_EQ(h.emulator().request_count(), 4U);
  EXPECT_EQ(h.emulator().connection_count(), 2U);
}

TEST(ServerTest, ConcurrentRequestsAreSafe) {
  Harness h;
  constexpr int kThreads = 6;
  constexpr int kPerThread = 10;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&h, &ok, t] {
      auto client = h.NewClient();
      for (int i = 0; i < kPerThread; ++i) {
        const std::string name = "s-" + std::to_string(t) + "-" + std::to_string(i);
        auto result =
            client->Post(Harness::Path("secrets"), json{{"name", name}}.dump(), "application/json");
        if (result && result->status == 200) ++ok;
        client->Get(Harness::Path("secrets?limit=5"));
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(ok, kThreads * kPerThread);
  EXPECT_EQ(BodyJson(h.Get("secrets?limit=1000"))["secrets"].size(),
            static_cast<std::size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace csms_emu_test
