// Fault injection: error statuses, delays and dropped connections.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <future>
#include <string>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

csms::EmulatorFault StatusFault(int status, int count, std::optional<int> retry_after) {
  csms::EmulatorFault fault;
  fault.kind = csms::EmulatorFault::Kind::kStatus;
  fault.status = status;
  fault.count = count;
  fault.retry_after_seconds = retry_after;
  return fault;
}

TEST(FaultTest, StatusFaultWithRetryAfterForTheNextRequestsOnly) {
  Harness h;
  h.emulator().InjectFault(StatusFault(503, 2, 7));
  for (int i = 0; i < 2; ++i) {
    auto result = h.Get("csms/events");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 503);
    EXPECT_EQ(result->get_header_value("Retry-After"), "7");
    const json body = BodyJson(result);
    EXPECT_EQ(body.value("error_code", ""), "APIGW.0201");
    EXPECT_EQ(body.value("request_id", ""), result->get_header_value("X-Request-Id"));
  }
  auto normal = h.Get("csms/events");
  ASSERT_TRUE(normal);
  EXPECT_EQ(normal->status, 200);
  EXPECT_FALSE(normal->has_header("Retry-After"));
}

TEST(FaultTest, FaultsQueueInOrderAndThrottlingHasItsCode) {
  Harness h;
  h.emulator().InjectFault(StatusFault(429, 1, std::nullopt));
  h.emulator().InjectFault(StatusFault(500, 1, std::nullopt));
  auto first = h.Get("csms/events");
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(BodyJson(first).value("error_code", ""), "APIGW.0308");
  EXPECT_FALSE(first->has_header("Retry-After"));
  EXPECT_EQ(h.Get("csms/events")->status, 500);
  EXPECT_EQ(h.Get("csms/events")->status, 200);
}

TEST(FaultTest, ClearFaultsDropsQueuedFaults) {
  Harness h;
  h.emulator().InjectFault(StatusFault(503, 5, std::nullopt));
  h.emulator().ClearFaults();
  EXPECT_EQ(h.Get("csms/events")->status, 200);
}

TEST(FaultTest, InvalidFaultsThrow) {
  Harness h;
  EXPECT_THROW(h.emulator().InjectFault(StatusFault(503, 0, std::nullopt)), std::invalid_argument);
  EXPECT_THROW(h.emulator().InjectFault(StatusFault(42, 1, std::nullopt)), std::invalid_argument);
}

TEST(FaultTest, DelayThenHandledNormally) {
  Harness h;
  csms::EmulatorFault fault;
  fault.kind = csms::EmulatorFault::Kind::kDelay;
  fault.delay = milliseconds(300);
  h.emulator().InjectFault(fault);
  const auto start = steady_clock::now();
  auto delayed = h.Post("csms/events", EventBody("late").dump());
  const auto elapsed = steady_clock::now() - start;
  ASSERT_TRUE(delayed);
  EXPECT_EQ(delayed->status, 200);  // the request was carried out
  EXPECT_GE(elapsed, milliseconds(300));
  EXPECT_EQ(h.Get("csms/events/late")->status, 200);
}

TEST(FaultTest, StopCutsADelayShort) {
  auto h = std::make_unique<Harness>();
  csms::EmulatorFault fault;
  fault.kind = csms::EmulatorFault::Kind::kDelay;
  fault.delay = milliseconds(60000);
  h->emulator().InjectFault(fault);
  auto client = h->NewClient();
  auto pending = std::async(std::launch::async, [&client] { return client->Get("/"); });
  // Wait (bounded) until the request has reached the emulator.
  for (int i = 0; i < 5000 && h->emulator().request_count() == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(1));
  }
  ASSERT_EQ(h->emulator().request_count(), 1U);
  const auto start = steady_clock::now();
  h->emulator().Stop();
  EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(5));
  pending.wait();
}

TEST(FaultTest, DropClosesTheConnectionWithoutAResponse) {
  Harness h;
  csms::EmulatorFault fault;
  fault.kind = csms::EmulatorFault::Kind::kDrop;
  h.emulator().InjectFault(fault);
  auto dropped = h.Get("csms/events");
  EXPECT_FALSE(dropped);  // no response at all
  EXPECT_NE(dropped.error(), httplib::Error::Success);
  // The next request (a new connection) is served.
  auto next = h.Get("csms/events");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
}

TEST(FaultTest, DropSeenFromARawSocket) {
  Harness h;
  csms::EmulatorFault fault;
  fault.kind = csms::EmulatorFault::Kind::kDrop;
  h.emulator().InjectFault(fault);

  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(h.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, static_cast<sockaddr*>(static_cast<void*>(&address)), sizeof(address)), 0);
  const std::string request =
      "GET " + Harness::Path("csms/events") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_EQ(send(fd, request.data(), request.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.size()));
  pollfd waiting{fd, POLLIN, 0};
  ASSERT_EQ(poll(&waiting, 1, 10000), 1);  // bounded wait
  char buffer[256];
  const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
  // End of stream (or a reset): not one byte of a response.
  EXPECT_TRUE(n == 0 || (n < 0 && errno == ECONNRESET)) << n;
  close(fd);
}

TEST(FaultTest, DropAfterHandlingAppliesTheChangeButSendsNothing) {
  Harness h;
  csms::EmulatorFault fault;
  fault.kind = csms::EmulatorFault::Kind::kDropAfterHandling;
  h.emulator().InjectFault(fault);
  auto dropped =
      h.Post("csms/events",
             R"({"name":"kept","event_types":["SECRET_DELETED"],"state":"ENABLED",)"
             R"("notification":{"target_type":"SMN","target_id":"urn:smn:x","target_name":"t"}})");
  EXPECT_FALSE(dropped);  // no response at all
  // ...but the event was created.
  auto shown = h.Get("csms/events/kept");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->status, 200);
}

}  // namespace
}  // namespace csms_emu_test
