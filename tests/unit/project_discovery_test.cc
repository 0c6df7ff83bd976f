// Project id discovery (issue 13.5): a client built with a region and no
// project id asks IAM for the project named after the region at its first
// call, once per process for each credentials identity, region and IAM
// endpoint.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "csms/client.h"
#include "csms/errors.h"
#include "internal/error_mapping.h"
#include "internal/json_reader.h"
#include "internal/project_id_cache.h"
#include "internal/project_listing.h"
#include "scoped_env.h"
#include "seed_data.h"

namespace csms {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kOtherProjectId = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
constexpr const char* kAk = "AKDISCOVERYTEST00001";
constexpr const char* kSk = "SKdiscoverySKdiscoverySKdiscovery00001";
constexpr const char* kIamPrefix = "https://iam.cn-north-4.myhuaweicloud.com/v3/projects";

std::string Listing(const std::vector<std::pair<std::string, std::string>>& projects) {
  std::string body = R"({"projects":[)";
  for (std::size_t i = 0; i < projects.size(); ++i) {
    if (i != 0) body += ",";
    body += R"({"id":")" + projects[i].first + R"(","name":")" + projects[i].second +
            R"(","domain_id":"d0","enabled":true,"is_domain":false})";
  }
  return body + R"(],"links":{"self":"https://iam.example/v3/projects"}})";
}

HttpResponse Json(int status, std::string body) {
  return HttpResponse{status, {{"Content-Type", "application/json"}}, std::move(body)};
}

// IAM's project listing on one side, CSMS (the seed event) on the other.
class RoutingTransport : public HttpTransport {
 public:
  explicit RoutingTransport(std::function<HttpResponse(const HttpRequest&)> iam)
      : iam_(std::move(iam)) {}

  HttpResponse Send(const HttpRequest& request) override {
    if (request.url.find("/v3/projects") != std::string::npos) {
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        iam_requests_.push_back(request);
      }
      return iam_(request);
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    csms_requests_.push_back(request);
    return csms_test::SeedResponse();
  }

  std::vector<HttpRequest> iam_requests() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return iam_requests_;
  }
  std::vector<HttpRequest> csms_requests() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return csms_requests_;
  }

 private:
  std::function<HttpResponse(const HttpRequest&)> iam_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> iam_requests_;
  std::vector<HttpRequest> csms_requests_;
};

std::shared_ptr<RoutingTransport> AnsweringWith(std::string listing) {
  return std::make_shared<RoutingTransport>(
      [listing = std::move(listing)](const HttpRequest&) { return Json(200, listing); });
}

ClientOptions DiscoveringOptions(std::shared_ptr<HttpTransport> transport,
                                 Credentials credentials = Credentials::AkSk(kAk, kSk)) {
  ClientOptions options;
  options.region = "cn-north-4";
  options.credentials = std::move(credentials);
  options.transport = std::move(transport);
  options.clock = [] { return Timestamp(std::chrono::seconds(1581506433)); };
  return options;
}

std::string Header(const HttpRequest& request, const char* name) {
  return internal::FindHeader(request.headers, name).value_or("<absent>");
}

class ProjectDiscovery : public ::testing::Test {
 protected:
  // Each test starts from an empty process cache, and no IAM endpoint from
  // the environment or a profile file.
  void SetUp() override { internal::ProjectIdCache::Process().Clear(); }
  void TearDown() override { internal::ProjectIdCache::Process().Clear(); }

  csms_test::ScopedEnv no_env_endpoint_{"HUAWEICLOUD_SDK_IAM_ENDPOINT", nullptr};
  csms_test::ScopedEnv no_profile_{"HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent/csms-test"};
};

TEST_F(ProjectDiscovery, FirstCallAsksIamSignedThenUsesTheProjectEverywhere) {
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  CsmsClient client(DiscoveringOptions(transport));
  EXPECT_TRUE(transport->iam_requests().empty()) << "construction does no I/O";

  client.ShowSecretEvent("demo-event");
  client.ShowSecretEvent("demo-event");

  const auto iam = transport->iam_requests();
  ASSERT_EQ(iam.size(), 1u);
  EXPECT_EQ(iam[0].method, "GET");
  EXPECT_EQ(iam[0].url, std::string(kIamPrefix) + "?name=cn-north-4");
  EXPECT_EQ(Header(iam[0], "Host"), "iam.cn-north-4.myhuaweicloud.com");
  EXPECT_THAT(Header(iam[0], "Authorization"),
              StartsWith(std::string("SDK-HMAC-SHA256 Access=") + kAk + ", SignedHeaders="));
  EXPECT_EQ(Header(iam[0], "X-Project-Id"), "<absent>");
  const auto csms = transport->csms_requests();
  ASSERT_EQ(csms.size(), 2u);
  for (const HttpRequest& request : csms) {
    EXPECT_EQ(request.url, std::string("https://kms.cn-north-4.myhuaweicloud.com/v1/") +
                               kProjectId + "/csms/events/demo-event");
    EXPECT_EQ(Header(request, "X-Project-Id"), kProjectId);
  }
}

TEST_F(ProjectDiscovery, TokenCredentialsAreSentAsXAuthToken) {
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  CsmsClient client(DiscoveringOptions(transport, Credentials::Token("iam-token-value")));
  client.ListSecrets({});
  const auto iam = transport->iam_requests();
  ASSERT_EQ(iam.size(), 1u);
  EXPECT_EQ(Header(iam[0], "X-Auth-Token"), "iam-token-value");
  EXPECT_EQ(Header(iam[0], "Authorization"), "<absent>");
  EXPECT_THAT(transport->csms_requests().at(0).url, HasSubstr(std::string("/v1/") + kProjectId));
}

TEST_F(ProjectDiscovery, OncePerProcessForTheSameAccessKeyRegionAndIamEndpoint) {
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  for (int i = 0; i < 3; ++i) {
    CsmsClient client(DiscoveringOptions(transport));
    client.ShowSecretEvent("demo-event");
  }
  EXPECT_EQ(transport->iam_requests().size(), 1u);

  // Another access key, another token, another IAM endpoint: each asks once.
  CsmsClient(DiscoveringOptions(transport, Credentials::AkSk("AKDISCOVERYTEST00002", kSk)))
      .ShowSecretEvent("demo-event");
  CsmsClient(DiscoveringOptions(transport, Credentials::Token("tok-1"))).ShowSecretEvent("e1");
  CsmsClient(DiscoveringOptions(transport, Credentials::Token("tok-2"))).ShowSecretEvent("e1");
  ClientOptions other_iam = DiscoveringOptions(transport);
  other_iam.iam_endpoint = "https://iam.example.com";
  CsmsClient(other_iam).ShowSecretEvent("demo-event");
  const auto iam = transport->iam_requests();
  ASSERT_EQ(iam.size(), 5u);
  EXPECT_EQ(iam[4].url, "https://iam.example.com/v3/projects?name=cn-north-4");
}

TEST_F(ProjectDiscovery, SixteenThreadsOnFreshClientsMakeOneIamCall) {
  // IAM answers only once every thread has started its call, so that they
  // all ask while the lookup is under way.
  constexpr int kThreads = 16;
  std::mutex mutex;
  std::condition_variable all_started;
  int started = 0;
  auto transport = std::make_shared<RoutingTransport>([&](const HttpRequest&) {
    std::unique_lock<std::mutex> lock(mutex);
    all_started.wait(lock, [&] { return started == kThreads; });
    return Json(200, Listing({{kProjectId, "cn-north-4"}}));
  });
  CsmsClient shared(DiscoveringOptions(transport));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Half share one client, half have their own: both wait for the one lookup.
      CsmsClient own(DiscoveringOptions(transport));
      CsmsClient& client = i % 2 == 0 ? shared : own;
      {
        const std::lock_guard<std::mutex> lock(mutex);
        ++started;
      }
      all_started.notify_all();
      try {
        client.ShowSecretEvent("demo-event");
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(transport->iam_requests().size(), 1u);
  EXPECT_EQ(transport->csms_requests().size(), static_cast<std::size_t>(kThreads));
}

std::string ConfigurationMessageOfFirstCall(const std::string& listing,
                                            std::shared_ptr<RoutingTransport>* out = nullptr) {
  auto transport = AnsweringWith(listing);
  if (out != nullptr) *out = transport;
  CsmsClient client(DiscoveringOptions(transport));
  try {
    client.ShowSecretEvent("demo-event");
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  return "no ConfigurationError";
}

TEST_F(ProjectDiscovery, NoMatchingProjectSaysWhatToSetAndSendsNothingToCsms) {
  std::shared_ptr<RoutingTransport> transport;
  const std::string message =
      ConfigurationMessageOfFirstCall(Listing({{kOtherProjectId, "cn-north-4_sub"}}), &transport);
  EXPECT_THAT(message, HasSubstr("no project named \"cn-north-4\""));
  EXPECT_THAT(message, HasSubstr("HUAWEICLOUD_SDK_PROJECT_ID"));
  EXPECT_THAT(message, HasSubstr("--project-id"));
  EXPECT_TRUE(transport->csms_requests().empty());
  EXPECT_THAT(ConfigurationMessageOfFirstCall(Listing({})), HasSubstr("no project named"));
}

TEST_F(ProjectDiscovery, SeveralMatchingProjectsAreNamedInTheError) {
  const std::string message = ConfigurationMessageOfFirstCall(
      Listing({{kProjectId, "cn-north-4"}, {kOtherProjectId, "cn-north-4"}}));
  EXPECT_THAT(message, HasSubstr("2 projects named \"cn-north-4\""));
  EXPECT_THAT(message, HasSubstr(kProjectId));
  EXPECT_THAT(message, HasSubstr(kOtherProjectId));
  EXPECT_THAT(message, HasSubstr("HUAWEICLOUD_SDK_PROJECT_ID"));
}

TEST_F(ProjectDiscovery, AFailureIsNotRememberedTheNextCallAsksAgain) {
  std::atomic<int> calls{0};
  auto transport = std::make_shared<RoutingTransport>([&](const HttpRequest&) {
    if (calls++ == 0) return Json(500, R"({"error_code":"IAM.0001","error_msg":"busy"})");
    return Json(200, Listing({{kProjectId, "cn-north-4"}}));
  });
  CsmsClient client(DiscoveringOptions(transport));
  EXPECT_THROW(client.ShowSecretEvent("demo-event"), CsmsError);
  EXPECT_TRUE(transport->csms_requests().empty());
  client.ShowSecretEvent("demo-event");
  EXPECT_EQ(transport->iam_requests().size(), 2u);
  EXPECT_EQ(transport->csms_requests().size(), 1u);
}

TEST_F(ProjectDiscovery, RefusedCredentialsAreACredentialsErrorWithoutTheSecret) {
  auto transport = std::make_shared<RoutingTransport>([](const HttpRequest&) {
    return Json(401, R"({"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"})");
  });
  CsmsClient client(DiscoveringOptions(transport));
  try {
    client.ShowSecretEvent("demo-event");
    FAIL() << "no error";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/v3/projects"));
    EXPECT_THAT(e.what(), Not(HasSubstr(kAk)));
    EXPECT_THAT(e.what(), Not(HasSubstr(kSk)));
  }
  EXPECT_TRUE(transport->csms_requests().empty());
}

TEST_F(ProjectDiscovery, AnswersOutOfContractAreTypedErrors) {
  for (const char* body :
       {"<html>gateway</html>", R"({"links":{}})",
        R"({"projects":[{"id":"not-hex","name":"cn-north-4"}]})", R"({"projects":{"id":"x"}})"}) {
    internal::ProjectIdCache::Process().Clear();
    auto transport = AnsweringWith(body);
    CsmsClient client(DiscoveringOptions(transport));
    EXPECT_THROW(client.ShowSecretEvent("demo-event"), CredentialsError) << body;
    EXPECT_TRUE(transport->csms_requests().empty()) << body;
  }
}

TEST_F(ProjectDiscovery, IamEndpointFromOptionsThenEnvironment) {
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  {
    csms_test::ScopedEnv env("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam-from-env.example.com");
    CsmsClient(DiscoveringOptions(transport)).ShowSecretEvent("demo-event");
    ClientOptions options = DiscoveringOptions(transport);
    options.iam_endpoint = "http://127.0.0.1:8443/";
    CsmsClient(options).ShowSecretEvent("demo-event");
  }
  const auto iam = transport->iam_requests();
  ASSERT_EQ(iam.size(), 2u);
  EXPECT_EQ(iam[0].url, "https://iam-from-env.example.com/v3/projects?name=cn-north-4");
  EXPECT_EQ(iam[1].url, "http://127.0.0.1:8443/v3/projects?name=cn-north-4");
}

TEST_F(ProjectDiscovery, IamEndpointFromTheProfileBelowTheEnvironment) {
  char path[] = "/tmp/csms_discovery_profile_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << "[basic]\niam_endpoint = https://iam-from-profile.example.com\n";
  csms_test::ScopedEnv profile("HUAWEICLOUD_SDK_CREDENTIALS_FILE", path);
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  CsmsClient(DiscoveringOptions(transport)).ShowSecretEvent("demo-event");
  {
    csms_test::ScopedEnv env("HUAWEICLOUD_SDK_IAM_ENDPOINT", "https://iam-from-env.example.com");
    CsmsClient(DiscoveringOptions(transport)).ShowSecretEvent("demo-event");
  }
  std::remove(path);
  const auto iam = transport->iam_requests();
  ASSERT_EQ(iam.size(), 2u);
  EXPECT_EQ(iam[0].url, "https://iam-from-profile.example.com/v3/projects?name=cn-north-4");
  EXPECT_EQ(iam[1].url, "https://iam-from-env.example.com/v3/projects?name=cn-north-4");
}

TEST_F(ProjectDiscovery, UnusableIamEndpointIsAConfigurationError) {
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  ClientOptions options = DiscoveringOptions(transport);
  options.iam_endpoint = "http://iam.example.com";
  EXPECT_THROW(CsmsClient{options}, ConfigurationError);
  options.iam_endpoint = "https://user:pw@iam.example.com";
  try {
    CsmsClient client(options);
    FAIL() << "accepted";
  } catch (const ConfigurationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("iam_endpoint"));
    EXPECT_THAT(e.what(), Not(HasSubstr("pw")));
  }
  // From the environment: checked when discovery needs it, nothing sent.
  csms_test::ScopedEnv env("HUAWEICLOUD_SDK_IAM_ENDPOINT", "http://iam.example.com");
  CsmsClient client(DiscoveringOptions(transport));
  EXPECT_THROW(client.ShowSecretEvent("demo-event"), ConfigurationError);
  EXPECT_TRUE(transport->iam_requests().empty());
}

TEST_F(ProjectDiscovery, BadCallOptionsAreReportedBeforeAnyIamCall) {
  auto transport = AnsweringWith(Listing({{kProjectId, "cn-north-4"}}));
  CsmsClient client(DiscoveringOptions(transport));
  CallOptions bad;
  bad.timeout = std::chrono::milliseconds(0);
  EXPECT_THROW(client.ShowSecretEvent("demo-event", bad), ValidationError);
  EXPECT_THROW(client.ShowSecretEvent("bad name!"), ValidationError);
  EXPECT_TRUE(transport->iam_requests().empty());
}

TEST_F(ProjectDiscovery, AGivenProjectIdIsNeverDiscovered) {
  auto transport = AnsweringWith(Listing({{kOtherProjectId, "cn-north-4"}}));
  ClientOptions options = DiscoveringOptions(transport);
  options.project_id = kProjectId;
  CsmsClient(options).ShowSecretEvent("demo-event");
  EXPECT_TRUE(transport->iam_requests().empty());
  EXPECT_THAT(transport->csms_requests().at(0).url, HasSubstr(kProjectId));
}

TEST(ProjectListing, PicksTheOneProjectNamedAfterTheRegion) {
  EXPECT_EQ(
      internal::ProjectIdFromListing(
          Listing({{kOtherProjectId, "cn-north-4_sub"}, {kProjectId, "cn-north-4"}}), "cn-north-4"),
      kProjectId);
  EXPECT_THROW(internal::ProjectIdFromListing("{", "cn-north-4"), internal::DecodeError);
  EXPECT_THROW(internal::ProjectIdFromListing(R"({"projects":[{"id":7,"name":"cn-north-4"}]})",
                                              "cn-north-4"),
               internal::DecodeError);
}

TEST(ProjectIdCacheTest, WaitersShareOneFetchAndFailuresAreForgotten) {
  internal::ProjectIdCache cache;
  EXPECT_THROW(cache.Get("k", []() -> std::string { throw std::runtime_error("down"); }),
               std::runtime_error);
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.Get("k", [] { return std::string("id-1"); }), "id-1");
  EXPECT_EQ(cache.Get("k", []() -> std::string { throw std::runtime_error("not asked"); }), "id-1");
  EXPECT_EQ(cache.size(), 1u);
  cache.Clear();
  EXPECT_EQ(cache.Get("k", [] { return std::string("id-2"); }), "id-2");
}

}  // namespace
}  // namespace csms
