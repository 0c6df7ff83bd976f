// CreateSecretEvent end to end: the real libcurl transport against a
// cpp-httplib server on 127.0.0.1.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "csms/csms.h"
#include "loopback_server.h"
#include "test_support.h"

namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::StartsWith;

using csms_test::LoopbackServer;

// A TCP socket bound to 127.0.0.1 on a free port, listening or not; returns
// the descriptor and stores the port.
int BindLoopbackSocket(bool listening, int* port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      (listening && listen(fd, 4) != 0) ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(fd);
    return -1;
  }
  *port = ntohs(address.sin_port);
  return fd;
}

void AnswerSeed(const httplib::Request&, httplib::Response& res) {
  res.set_header("X-Request-Id", "seed-request-id");
  res.set_content(csms_test::ReadTestData("create_event_seed_response.json"), "application/json");
}

TEST(CreateSecretEventOverHttp, SeedRequestArrivesIntactAndYieldsSeedEvent) {
  LoopbackServer server(AnswerSeed);
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  const csms::Event event = client.CreateSecretEvent(csms_test::SeedRequest());

  EXPECT_EQ(event.name, "event-test");
  EXPECT_EQ(event.event_id, "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e");
  EXPECT_EQ(event.state, csms::EventState::kEnabled);
  EXPECT_EQ(event.event_types,
            (std::vector<csms::EventType>{csms::EventType::kSecretVersionCreated,
                                          csms::EventType::kSecretVersionExpired}));
  EXPECT_EQ(event.create_time, csms::Timestamp(std::chrono::milliseconds(1581507580000)));
  EXPECT_EQ(event.notification.target_name, "SecertExpirationNotificationTest");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& got = requests[0];
  EXPECT_EQ(got.method, "POST");
  EXPECT_EQ(got.target, std::string("/v1/") + csms_test::kProjectId + "/csms/events");
  EXPECT_EQ(got.Header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(got.Header("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(got.Header("X-Project-Id"), csms_test::kProjectId);
  EXPECT_THAT(got.Header("X-Sdk-Date"), MatchesRegex("[0-9]{8}T[0-9]{6}Z"));
  EXPECT_THAT(got.Header("Authorization"),
              StartsWith(std::string("SDK-HMAC-SHA256 Access=") + csms_test::kAk +
                         ", SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature="));
  EXPECT_THAT(got.Header("User-Agent"), StartsWith("csms-sdk-cpp/"));
  // Only signed headers (and User-Agent, Content-Length) may travel.
  EXPECT_EQ(got.Header("Accept"), "<absent>");
  EXPECT_EQ(got.Header("Expect"), "<absent>");
  EXPECT_EQ(got.Header("Content-Length"), std::to_string(got.body.size()));
  // The seed request, compact and in documented order.
  EXPECT_EQ(
      got.body,
      R"({"name":"demo-event","event_types":["SECRET_VERSION_CREATED","SECRET_VERSION_EXPIRED"],)"
      R"("state":"ENABLED","notification":{"target_type":"SMN","target_id":)"
      R"("urn:smn:cn-north-4:dc3b7c85759141a991da17423c0f2068:test-poc","target_name":"demo-smn-name"}})");
}

struct StatusCase {
  int status;
  const char* code;
  std::function<void(const csms::CsmsClient&)> expect_type;
};

template <typename Expected>
std::function<void(const csms::CsmsClient&)> Expect(int status, const char* code) {
  return [status, code](const csms::CsmsClient& const_client) {
    csms::CsmsClient client = const_client;
    try {
      client.CreateSecretEvent(csms_test::SeedRequest());
      ADD_FAILURE() << "HTTP " << status << " did not throw";
    } catch (const Expected& e) {
      EXPECT_EQ(typeid(e), typeid(Expected)) << "HTTP " << status;
      EXPECT_EQ(e.status_code(), status);
      EXPECT_EQ(e.detail().error_code, code);
      EXPECT_EQ(e.detail().error_msg, "message for " + std::to_string(status));
      EXPECT_EQ(e.request_id(), "rid-" + std::to_string(status));
      EXPECT_THAT(e.what(), HasSubstr("HTTP " + std::to_string(status)));
      EXPECT_THAT(e.what(), HasSubstr(code));
      EXPECT_THAT(e.what(), HasSubstr("rid-" + std::to_string(status)));
    }
  };
}

TEST(CreateSecretEventOverHttp, EachErrorStatusIsCaughtByItsOwnType) {
  const StatusCase cases[] = {
      {400, "CSMS.0002", Expect<csms::BadRequestError>(400, "CSMS.0002")},
      {401, "APIGW.0301", Expect<csms::UnauthorizedError>(401, "APIGW.0301")},
      {403, "CSMS.0301", Expect<csms::ForbiddenError>(403, "CSMS.0301")},
      {404, "CSMS.0005", Expect<csms::NotFoundError>(404, "CSMS.0005")},
      {409, "CSMS.0409", Expect<csms::ConflictError>(409, "CSMS.0409")},
      {429, "APIGW.0308", Expect<csms::TooManyRequestsError>(429, "APIGW.0308")},
      {500, "CSMS.0500", Expect<csms::InternalServerError>(500, "CSMS.0500")},
      {502, "APIGW.0502", Expect<csms::BadGatewayError>(502, "APIGW.0502")},
      {503, "APIGW.0503", Expect<csms::ServiceUnavailableError>(503, "APIGW.0503")},
      {504, "APIGW.0504", Expect<csms::GatewayTimeoutError>(504, "APIGW.0504")},
  };
  for (const auto& c : cases) {
    const int status = c.status;
    const std::string code = c.code;
    LoopbackServer server([status, code](const httplib::Request&, httplib::Response& res) {
      res.status = status;
      res.set_header("x-request-id", "rid-" + std::to_string(status));
      // Event operations nest the detail; gateway codes arrive flat.
      const std::string detail = "\"error_code\":\"" + code + "\",\"error_msg\":\"message for " +
                                 std::to_string(status) + "\"";
      res.set_content(
          code.rfind("APIGW", 0) == 0 ? "{" + detail + "}" : "{\"error\":{" + detail + "}}",
          "application/json");
    });
    csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
    c.expect_type(client);
  }
}

TEST(CreateSecretEventOverHttp, HtmlAndEmptyGatewayBodiesStillGiveTypedErrors) {
  LoopbackServer html([](const httplib::Request&, httplib::Response& res) {
    res.status = 502;
    res.set_content("<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
  });
  try {
    csms::CsmsClient(csms_test::LoopbackOptions(html.url()))
        .CreateSecretEvent(csms_test::SeedRequest());
    FAIL();
  } catch (const csms::BadGatewayError& e) {
    EXPECT_EQ(e.detail().error_code, "");
    EXPECT_THAT(e.detail().error_msg, HasSubstr("text/html"));
  }

  LoopbackServer empty([](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  EXPECT_THROW(csms::CsmsClient(csms_test::LoopbackOptions(empty.url()))
                   .CreateSecretEvent(csms_test::SeedRequest()),
               csms::ServiceUnavailableError);
}

TEST(CreateSecretEventOverHttp, OneConnectionServesSequentialCalls) {
  LoopbackServer server(AnswerSeed);
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  for (int i = 0; i < 5; ++i) client.CreateSecretEvent(csms_test::SeedRequest());
  EXPECT_EQ(server.requests().size(), 5u);
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(CreateSecretEventOverHttp, ManyThreadsShareOneClient) {
  LoopbackServer server(AnswerSeed);
  const csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  std::vector<std::thread> threads;
  std::atomic<int> successes{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&client, &successes] {
      csms::CsmsClient mine = client;
      for (int i = 0; i < 10; ++i) {
        if (mine.CreateSecretEvent(csms_test::SeedRequest()).name == "event-test") ++successes;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(successes.load(), 40);
  // Handles go back to the pool, so at most one connection per thread.
  EXPECT_LE(server.connection_count(), 4u);
}

TEST(PooledHandles, EachThreadGetsBackTheConnectionItUsedLast) {
  // Two threads first hold a connection each at the same time, then take
  // turns. Each must keep its own connection: handing connections from thread
  // to thread halved the throughput of threads sharing a client.
  std::mutex mu;
  std::condition_variable changed;
  int holding = 0;
  LoopbackServer server([&](const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/hold") {
      std::unique_lock<std::mutex> lock(mu);
      ++holding;
      changed.notify_all();
      changed.wait_for(lock, std::chrono::seconds(10), [&] { return holding == 2; });
    }
    res.set_content("{}", "application/json");
  });
  const auto transport = csms::MakeCurlTransport();
  int turn = 0;  // whose turn it is in the second phase
  const auto worker = [&](int me) {
    csms::HttpRequest request;
    request.method = "GET";
    request.url = server.url() + "/hold";
    request.headers = {{"X-Worker", std::to_string(me)}};
    transport->Send(request);
    request.url = server.url() + "/turn";
    for (int round = 0; round < 4; ++round) {
      std::unique_lock<std::mutex> lock(mu);
      if (!changed.wait_for(lock, std::chrono::seconds(10), [&] { return turn % 2 == me; })) return;
      lock.unlock();
      transport->Send(request);
      lock.lock();
      ++turn;
      changed.notify_all();
    }
  };
  std::thread first(worker, 0);
  std::thread second(worker, 1);
  first.join();
  second.join();

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 10u);
  std::map<std::string, std::set<int>> ports_by_worker;
  for (const auto& request : requests) {
    ports_by_worker[request.Header("X-Worker")].insert(request.remote_port);
  }
  ASSERT_EQ(ports_by_worker.size(), 2u);
  EXPECT_EQ(ports_by_worker["0"].size(), 1u);
  EXPECT_EQ(ports_by_worker["1"].size(), 1u);
  EXPECT_EQ(server.connection_count(), 2u);
}

TEST(CreateSecretEventOverHttp, RefusedConnectionIsAConnectTransportError) {
  // A bound socket that never listens: connecting to it is refused at once.
  int port = 0;
  const int fd = BindLoopbackSocket(/*listening=*/false, &port);
  ASSERT_GE(fd, 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(port);

  csms::CsmsClient client(csms_test::LoopbackOptions(url));
  try {
    client.CreateSecretEvent(csms_test::SeedRequest());
    FAIL();
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kConnect);
    EXPECT_THAT(e.what(), StartsWith("transport error (connect): could not connect"));
  }
  close(fd);
}

TEST(CreateSecretEventOverHttp, SlowServerIsATimeoutTransportError) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  LoopbackServer server([released](const httplib::Request&, httplib::Response& res) {
    // Held until the test has seen the timeout; bounded so nothing can hang.
    released.wait_for(std::chrono::seconds(10));
    AnswerSeed({}, res);
  });
  csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
  options.request_timeout = std::chrono::milliseconds(200);
  csms::CsmsClient client(options);
  try {
    client.CreateSecretEvent(csms_test::SeedRequest());
    ADD_FAILURE() << "no timeout";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kTimeout);
    EXPECT_THAT(e.what(), HasSubstr("timed out"));
  }
  // The per-call timeout wins over the client's.
  csms::CallOptions call;
  call.timeout = std::chrono::milliseconds(100);
  options.request_timeout = std::chrono::seconds(20);
  EXPECT_THROW(csms::CsmsClient(options).CreateSecretEvent(csms_test::SeedRequest(), call),
               csms::TransportError);
  release.set_value();
}

TEST(CreateSecretEventOverHttp, DroppedConnectionIsAReceiveTransportError) {
  // A server that accepts and closes without answering.
  int port = 0;
  const int fd = BindLoopbackSocket(/*listening=*/true, &port);
  ASSERT_GE(fd, 0);
  std::thread closer([fd] {
    const int connection = accept(fd, nullptr, nullptr);
    if (connection < 0) return;
    char buffer[4096];
    (void)recv(connection, buffer, sizeof buffer, 0);  // read the request, then hang up
    close(connection);
  });
  csms::CsmsClient client(csms_test::LoopbackOptions("http://127.0.0.1:" + std::to_string(port)));
  try {
    client.CreateSecretEvent(csms_test::SeedRequest());
    ADD_FAILURE() << "no error";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kReceive);
  }
  closer.join();
  close(fd);
}

}  // namespace

namespace {

TEST(PooledHandles, NothingOfAPreviousRequestLeaksIntoTheNext) {
  // One pooled handle serves POST, PUT, DELETE and GET in turn: each request
  // must carry exactly its own method and body.
  csms_test::LoopbackServer server([](const httplib::Request& req, httplib::Response& res) {
    if (req.method == "DELETE") {
      res.status = 204;
      return;
    }
    AnswerSeed(req, res);
  });
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  client.CreateSecretEvent(csms_test::SeedRequest());
  csms::UpdateSecretEventRequest update;
  update.state = csms::EventState::kDisabled;
  client.UpdateSecretEvent("demo-event", update);
  client.DeleteSecretEvent("demo-event");
  client.ShowSecretEvent("demo-event");
  client.CreateSecretEvent(csms_test::SeedRequest());

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 5u);
  EXPECT_EQ(server.connection_count(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[1].method, "PUT");
  EXPECT_EQ(requests[1].body, R"({"state":"DISABLED"})");
  EXPECT_EQ(requests[2].method, "DELETE");
  EXPECT_EQ(requests[2].body, "");
  EXPECT_EQ(requests[2].Header("Content-Length"), "<absent>");
  EXPECT_EQ(requests[2].Header("Content-Type"), "<absent>");
  EXPECT_EQ(requests[3].method, "GET");
  EXPECT_EQ(requests[3].body, "");
  EXPECT_EQ(requests[3].Header("Content-Length"), "<absent>");
  EXPECT_EQ(requests[4].method, "POST");
  EXPECT_EQ(requests[4].body, requests[0].body);
}

TEST(PooledHandles, RepeatedRequestsKeepTheirMethodAndBody) {
  // A handle is given a URL, method or header list again only when it differs
  // from the previous call's: repeats and changes must both arrive as sent.
  LoopbackServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  const auto transport = csms::MakeCurlTransport();
  const std::vector<std::pair<std::string, std::string>> calls = {
      {"PUT", "a"},   {"PUT", "b"}, {"POST", "c"}, {"POST", "d"}, {"DELETE", ""},
      {"DELETE", ""}, {"GET", ""},  {"GET", ""},   {"PUT", "e"},  {"POST", "f"}};
  for (const auto& [method, body] : calls) {
    csms::HttpRequest request;
    request.method = method;
    request.url = server.url() + (body == "d" ? "/other" : "/same");
    request.body = body;
    EXPECT_EQ(transport->Send(request).status_code, 200) << method << " " << body;
  }
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), calls.size());
  EXPECT_EQ(server.connection_count(), 1u);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(requests[i].method, calls[i].first) << i;
    EXPECT_EQ(requests[i].body, calls[i].second) << i;
    EXPECT_EQ(requests[i].path, calls[i].second == "d" ? "/other" : "/same") << i;
  }
}

TEST(PooledHandles, AShortTimeoutAfterALongOneOnTheSameConnectionHolds) {
  // The handle is given a timeout again only when a call asks for another.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  LoopbackServer server([released](const httplib::Request& req, httplib::Response& res) {
    // Held until the test has seen the timeout; bounded so nothing can hang.
    if (req.path == "/slow") released.wait_for(std::chrono::seconds(10));
    res.set_content("{}", "application/json");
  });
  const auto transport = csms::MakeCurlTransport();
  csms::HttpRequest request;
  request.method = "GET";
  request.url = server.url() + "/fast";
  request.timeout = std::chrono::seconds(20);
  EXPECT_EQ(transport->Send(request).status_code, 200);
  EXPECT_EQ(transport->Send(request).status_code, 200);
  request.url = server.url() + "/slow";
  request.timeout = std::chrono::milliseconds(100);
  try {
    transport->Send(request);
    ADD_FAILURE() << "no timeout";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kTimeout);
  }
  release.set_value();
  request.timeout = std::chrono::seconds(20);
  EXPECT_EQ(transport->Send(request).status_code, 200);
}

TEST(PooledHandles, EachCallSendsExactlyItsOwnHeaders) {
  // The header list is rebuilt in per-connection memory on every call: a
  // shorter list must not leave lines of a longer one behind, and an empty
  // value must still be sent. A raw server sees the header lines as sent
  // (cpp-httplib drops empty ones).
  int port = 0;
  const int fd = BindLoopbackSocket(/*listening=*/true, &port);
  ASSERT_GE(fd, 0);
  std::promise<std::vector<std::string>> heads;
  std::thread server([fd, &heads] {
    std::vector<std::string> received;
    const int connection = accept(fd, nullptr, nullptr);
    std::string pending;
    char buffer[4096];
    while (connection >= 0 && received.size() < 2) {
      const auto end = pending.find("\r\n\r\n");
      if (end != std::string::npos) {
        received.push_back(pending.substr(0, end + 2));
        pending.erase(0, end + 4);
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        if (send(connection, answer.data(), answer.size(), 0) < 0) break;
        continue;
      }
      const ssize_t got = recv(connection, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      pending.append(buffer, static_cast<std::size_t>(got));
    }
    if (connection >= 0) close(connection);
    heads.set_value(received);
  });

  const auto transport = csms::MakeCurlTransport();
  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  const std::string long_value(4000, 'v');
  csms::HttpRequest request;
  request.method = "GET";
  request.url = url + "/first";
  request.headers = {{"X-First", long_value}, {"X-Empty", ""}, {"X-Shared", "1"}};
  EXPECT_EQ(transport->Send(request).status_code, 200);
  request.url = url + "/second";
  request.headers = {{"X-Shared", "2"}};
  EXPECT_EQ(transport->Send(request).status_code, 200);
  const std::vector<std::string> received = heads.get_future().get();
  server.join();
  close(fd);

  ASSERT_EQ(received.size(), 2u);  // both over the one connection
  EXPECT_THAT(received[0], HasSubstr("\r\nX-First: " + long_value + "\r\n"));
  EXPECT_THAT(received[0], HasSubstr("\r\nX-Empty:\r\n"));
  EXPECT_THAT(received[0], HasSubstr("\r\nX-Shared: 1\r\n"));
  EXPECT_THAT(received[1], StartsWith("GET /second HTTP/1.1\r\n"));
  EXPECT_THAT(received[1], HasSubstr("\r\nX-Shared: 2\r\n"));
  EXPECT_THAT(received[1], Not(HasSubstr("X-First")));
  EXPECT_THAT(received[1], Not(HasSubstr("X-Empty")));
  EXPECT_THAT(received[1], Not(HasSubstr("Accept:")));
}

}  // namespace

namespace {

void ExpectBodyLimitError(const std::string& url) {
  csms::ClientOptions options = csms_test::LoopbackOptions(url);
  options.max_response_bytes = 1024 * 1024;
  try {
    csms::CsmsClient(options).ShowSecretEvent("big");
    FAIL() << "an oversized body was accepted";
  } catch (const csms::TransportError& e) {
    EXPECT_EQ(e.kind(), csms::TransportError::Kind::kReceive);
    EXPECT_THAT(e.what(), HasSubstr("exceeds the limit of 1048576 bytes"));
  }
}

TEST(ResponseLimits, OversizedBodyWithContentLengthIsRefused) {
  csms_test::LoopbackServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(2 * 1024 * 1024, 'x'), "application/json");
  });
  ExpectBodyLimitError(server.url());
}

TEST(ResponseLimits, OversizedChunkedBodyIsRefused) {
  // No Content-Length: the limit is enforced while the body streams in.
  csms_test::LoopbackServer server([](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("application/json",
                                     [](size_t offset, httplib::DataSink& sink) {
                                       if (offset >= 2 * 1024 * 1024) {
                                         sink.done();
                                         return true;
                                       }
                                       const std::string chunk(64 * 1024, 'x');
                                       return sink.write(chunk.data(), chunk.size());
                                     });
  });
  ExpectBodyLimitError(server.url());
}

}  // namespace
