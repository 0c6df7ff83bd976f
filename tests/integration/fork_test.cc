// fork() after a call: the child inherits the client and its pooled
// keep-alive connection. Each process must get its own answers, over its own
// connection, and the child must not disturb the parent's connection (no TLS
// close_notify written to it, nothing read from it).

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "csms/csms.h"
#include "loopback_server.h"
#include "self_signed_cert.h"

namespace {

using csms_test::LoopbackServer;

void Echo(const httplib::Request& req, httplib::Response& res) {
  res.set_content(req.path, "text/plain");
}

csms::HttpRequest Get(const LoopbackServer& server, const std::string& path) {
  csms::HttpRequest request;
  request.method = "GET";
  request.url = server.url() + path;
  return request;
}

// Runs in the child: each answer must be its own. Returns the exit status
// (0 when every answer was right); never returns to gtest.
int ChildCalls(csms::HttpTransport& transport, const LoopbackServer& server, int calls) {
  try {
    for (int i = 0; i < calls; ++i) {
      const std::string path = "/child/" + std::to_string(i);
      const csms::HttpResponse response = transport.Send(Get(server, path));
      if (response.status_code != 200 || response.body != path) return 1;
    }
    return 0;
  } catch (...) {
    return 2;
  }
}

void ForkAfterACall(const LoopbackServer& server, const std::string& ca_file) {
  csms::CurlTransportOptions options;
  options.ca_file = ca_file;
  const auto transport = csms::MakeCurlTransport(options);
  ASSERT_EQ(transport->Send(Get(server, "/before")).body, "/before");
  ASSERT_EQ(server.requests().size(), 1u);
  const int parent_port = server.requests()[0].remote_port;

  constexpr int kCalls = 20;
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) _exit(ChildCalls(*transport, server, kCalls));

  // The parent carries on at the same time, on its pooled connection.
  for (int i = 0; i < kCalls; ++i) {
    const std::string path = "/parent/" + std::to_string(i);
    EXPECT_EQ(transport->Send(Get(server, path)).body, path);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: a wrong answer in the child, 2: an error";

  // After the child has gone (and dropped what it inherited), the parent's
  // connection is still the one it started with: nothing closed it.
  EXPECT_EQ(transport->Send(Get(server, "/after")).body, "/after");
  std::set<int> child_ports;
  for (const auto& request : server.requests()) {
    if (request.path.rfind("/child/", 0) == 0) {
      child_ports.insert(request.remote_port);
    } else {
      EXPECT_EQ(request.remote_port, parent_port) << request.path;
    }
  }
  EXPECT_EQ(child_ports.size(), 1u);
  EXPECT_EQ(child_ports.count(parent_port), 0u) << "the child used the parent's connection";
}

TEST(Fork, ChildAndParentEachGetTheirOwnAnswersOverHttp) {
  LoopbackServer server(Echo);
  ForkAfterACall(server, "");
}

TEST(Fork, ChildAndParentEachGetTheirOwnAnswersOverHttpsAndTheParentsSessionSurvives) {
  csms_test::SelfSignedCert cert;
  LoopbackServer server(Echo, cert.cert(), cert.key());
  ForkAfterACall(server, cert.pem_path());
}

}  // namespace
