// Endpoint failover over real sockets: the region's first endpoint refuses
// connections (a port bound on loopback that never listens), the second is
// the emulator; one call is served by the second, and the log says so.

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "scoped_env.h"
#include "seed_data.h"
#include "test_support.h"

namespace {

using ::testing::HasSubstr;

// A port on 127.0.0.1 that refuses connections for as long as the returned
// descriptor is open: bound (so no one else takes it) but not listening.
int RefusingPort(int* port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(address.sin_port);
  return fd;
}

TEST(EndpointFailoverOverHttp, ARefusedFirstEndpointIsPassedOverWithinOneCall) {
  auto emulator = csms_test::StartSigningEmulator();
  int port = 0;
  const int fd = RefusingPort(&port);
  ASSERT_GE(fd, 0);
  const std::string refused = "http://127.0.0.1:" + std::to_string(port);
  const std::string endpoints = refused + "," + emulator->endpoint();
  csms_test::ScopedEnv variable("HUAWEICLOUD_SDK_REGION_CSMS_CN_NORTH_4", endpoints.c_str());

  csms::ClientOptions options = csms_test::LoopbackOptions("");
  options.region = "cn-north-4";
  std::vector<std::string> log;
  options.log_sink = [&log](const std::string& line) { log.push_back(line); };
  csms::CsmsClient client(options);  // max_attempts 1: failover is not a retry
  const csms::Event created = client.CreateSecretEvent(csms_test::SeedRequest());
  EXPECT_EQ(created.name, csms_test::SeedRequest().name);

  ASSERT_EQ(log.size(), 2u);
  EXPECT_THAT(log[0], HasSubstr("POST " + refused + "/v1/"));
  EXPECT_THAT(log[0], HasSubstr("transport error (connect)"));
  EXPECT_THAT(log[0], HasSubstr("trying the next endpoint " + emulator->endpoint()));
  EXPECT_THAT(log[1], HasSubstr("POST " + emulator->endpoint() + "/v1/"));
  EXPECT_THAT(log[1], HasSubstr("attempt 1/1, done"));

  // The next call goes straight to the endpoint that answered.
  log.clear();
  client.ShowSecretEvent(created.name);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_THAT(log[0], HasSubstr("GET " + emulator->endpoint() + "/v1/"));
  close(fd);
}

}  // namespace
