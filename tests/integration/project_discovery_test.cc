// Project id discovery against the emulator's IAM (issue 13.5): a client
// configured with a region and credentials only finds its project with one
// GET /v3/projects per process, however many clients and threads start at
// once, with AK/SK and with an IAM password token; a region the credentials
// have no project for is a ConfigurationError and nothing reaches CSMS.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "internal/project_id_cache.h"
#include "test_support.h"

namespace {

using ::testing::HasSubstr;

constexpr char kIamPassword[] = "Discovery-IAM-password-NOT-PRINTED";

std::unique_ptr<csms::Emulator> StartEmulator() {
  csms::EmulatorOptions options;
  options.project_id = csms_test::kProjectId;
  options.access_key = csms_test::kAk;
  options.secret_key = csms_test::kSk;
  options.iam.region = "cn-north-4";
  options.iam.password = kIamPassword;
  auto emulator = std::make_unique<csms::Emulator>(options);
  emulator->Start();
  return emulator;
}

// A client of the emulator with no project id: region, endpoint and IAM endpoint only.
csms::ClientOptions DiscoveringOptions(const csms::Emulator& emulator) {
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  options.project_id.clear();
  options.region = "cn-north-4";
  options.iam_endpoint = emulator.endpoint();
  return options;
}

class EmulatorProjectDiscovery : public ::testing::Test {
 protected:
  void SetUp() override { csms::internal::ProjectIdCache::Process().Clear(); }
  void TearDown() override { csms::internal::ProjectIdCache::Process().Clear(); }
};

TEST_F(EmulatorProjectDiscovery, SixteenThreadsOnFreshClientsShareOneProjectLookup) {
  auto emulator = StartEmulator();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      try {
        csms::CsmsClient client(DiscoveringOptions(*emulator));
        client.ListSecretEvents({});
        client.ListSecrets({});
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(emulator->iam_counters().project_lists, 1u);
  EXPECT_EQ(emulator->api_request_count(), 32u);
}

TEST_F(EmulatorProjectDiscovery, APasswordTokenFindsItsProjectToo) {
  auto emulator = StartEmulator();
  csms::PasswordTokenOptions password;
  password.iam.endpoint = emulator->endpoint();
  password.iam.region = "cn-north-4";
  password.user_name = "emulator-user";
  password.domain_name = "emulator-domain";
  password.password = kIamPassword;
  password.project_name = "cn-north-4";  // no project id to scope the token to
  csms::ClientOptions options = DiscoveringOptions(*emulator);
  options.credentials_provider = csms::MakePasswordTokenProvider(password);
  csms::CsmsClient client(options);
  client.ListSecretEvents({});
  const auto counters = emulator->iam_counters();
  EXPECT_EQ(counters.password_tokens, 1u);
  EXPECT_EQ(counters.project_lists, 1u);
}

TEST_F(EmulatorProjectDiscovery, ARegionWithoutAProjectIsAConfigurationErrorAndSendsNothing) {
  auto emulator = StartEmulator();
  csms::ClientOptions options = DiscoveringOptions(*emulator);
  options.region = "ap-southeast-1";
  csms::CsmsClient client(options);
  try {
    client.ListSecretEvents({});
    FAIL() << "no error";
  } catch (const csms::ConfigurationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("no project named \"ap-southeast-1\""));
    EXPECT_THAT(e.what(), HasSubstr("HUAWEICLOUD_SDK_PROJECT_ID"));
  }
  EXPECT_EQ(emulator->api_request_count(), 0u);
}

}  // namespace
