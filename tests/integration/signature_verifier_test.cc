// A request signed by this SDK, as a server received it, is checked by an
// independent verifier (tests/integration/verify_signature.py, Python standard
// library only). Tampering with any signed part must make it fail.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "csms/csms.h"
#include "loopback_server.h"
#include "test_support.h"

namespace {

using csms_test::LoopbackServer;
using csms_test::RecordedRequest;

struct Verdict {
  int exit_code;
  std::string output;
};

Verdict RunVerifier(const RecordedRequest& request, const std::string& ak, const std::string& sk) {
  nlohmann::json input;
  input["method"] = request.method;
  input["target"] = request.target;
  input["body"] = request.body;
  input["ak"] = ak;
  input["sk"] = sk;
  input["headers"] = nlohmann::json::array();
  for (const auto& [name, value] : request.headers) input["headers"].push_back({name, value});

  char path[] = "/tmp/csms-verify-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return {-1, "mkstemp failed"};
  close(fd);
  std::ofstream(path) << input.dump();

  const std::string command = std::string("python3 '") + CSMS_SIGNATURE_VERIFIER + "' " + path;
  Verdict verdict{-1, ""};
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[256];
    while (fgets(buffer, sizeof buffer, pipe) != nullptr) verdict.output += buffer;
    const int status = pclose(pipe);
    verdict.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::remove(path);
  return verdict;
}

void AnswerSeed(const httplib::Request&, httplib::Response& res) {
  res.set_content(csms_test::ReadTestData("create_event_seed_response.json"), "application/json");
}

RecordedRequest SendOne(const csms::Credentials& credentials) {
  LoopbackServer server(AnswerSeed);
  csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
  options.credentials = credentials;
  csms::CsmsClient(options).CreateSecretEvent(csms_test::SeedRequest());
  return server.requests().at(0);
}

TEST(IndependentVerifier, AcceptsWhatTheSdkSends) {
  const RecordedRequest request = SendOne(csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk));
  const Verdict verdict = RunVerifier(request, csms_test::kAk, csms_test::kSk);
  EXPECT_EQ(verdict.exit_code, 0) << verdict.output;
  EXPECT_EQ(verdict.output, "valid\n");
}

TEST(IndependentVerifier, AcceptsTemporaryCredentialsWithSignedSecurityToken) {
  const RecordedRequest request =
      SendOne(csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk, "sts+token/with=chars"));
  EXPECT_EQ(request.Header("X-Security-Token"), "sts+token/with=chars");
  const Verdict verdict = RunVerifier(request, csms_test::kAk, csms_test::kSk);
  EXPECT_EQ(verdict.exit_code, 0) << verdict.output;
}

TEST(IndependentVerifier, RejectsTamperedRequests) {
  const RecordedRequest original = SendOne(csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk));

  RecordedRequest body = original;
  body.body[10] = body.body[10] == 'x' ? 'y' : 'x';
  EXPECT_EQ(RunVerifier(body, csms_test::kAk, csms_test::kSk).output, "signature mismatch\n");

  RecordedRequest path = original;
  path.target += "x";
  EXPECT_EQ(RunVerifier(path, csms_test::kAk, csms_test::kSk).output, "signature mismatch\n");

  EXPECT_EQ(RunVerifier(original, csms_test::kAk, "wrong-secret").output, "signature mismatch\n");
}

// Extra headers, the client's and the call's, reach the server signed: the
// verifier refuses a header that was sent but not signed, and a changed value.
TEST(IndependentVerifier, AcceptsSignedExtraHeadersAndCatchesTheirTampering) {
  LoopbackServer server(AnswerSeed);
  csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
  options.credentials = csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk);
  options.extra_headers = {{"X-Language", "en-us"}, {"X-Team", "payments"}};
  csms::CallOptions call;
  call.extra_headers = {{"x-team", "billing"},
                        {"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}};
  csms::CsmsClient(options).CreateSecretEvent(csms_test::SeedRequest(), call);
  const RecordedRequest request = server.requests().at(0);
  EXPECT_EQ(request.Header("X-Language"), "en-us");
  EXPECT_EQ(request.Header("X-Team"), "billing");
  EXPECT_EQ(request.Header("traceparent"),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  const Verdict verdict = RunVerifier(request, csms_test::kAk, csms_test::kSk);
  EXPECT_EQ(verdict.exit_code, 0) << verdict.output;
  EXPECT_EQ(verdict.output, "valid\n");

  RecordedRequest tampered = request;
  for (auto& [name, value] : tampered.headers) {
    if (name == "X-Language" || name == "x-language") value = "fr-fr";
  }
  EXPECT_EQ(RunVerifier(tampered, csms_test::kAk, csms_test::kSk).output, "signature mismatch\n");
}

}  // namespace
