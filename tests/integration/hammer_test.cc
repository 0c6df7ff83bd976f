// One CsmsClient shared by 8 threads against the emulator: every call
// succeeds, nothing is lost, and connections come from a bounded pool.
// Part of the concurrency suite run under ThreadSanitizer (preset tsan).

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "test_support.h"

namespace {

TEST(Concurrency, EightThreadsShareOneClient) {
  const auto emulator_owner = csms_test::StartSigningEmulator();
  csms::Emulator& emulator = *emulator_owner;

  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  options.retry = csms::RetryOptions{};
  csms::CsmsClient client(options);

  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&client, &failures, t] {
      csms::CsmsClient mine = client;
      const std::string name = "thread-" + std::to_string(t);
      try {
        csms::CreateSecretEventRequest request;
        request.name = name;
        request.event_types = {csms::EventType::kSecretRotated};
        request.notification.target_id = "urn:smn:cn-north-4:p:" + name;
        request.notification.target_name = name;
        mine.CreateSecretEvent(request);
        for (int i = 0; i < kCallsPerThread; ++i) {
          if (mine.ShowSecretEvent(name).name != name) ++failures;
          csms::UpdateSecretEventRequest update;
          update.state = i % 2 == 0 ? csms::EventState::kDisabled : csms::EventState::kEnabled;
          mine.UpdateSecretEvent(name, update);
        }
        mine.ListSecretEvents();
      } catch (const std::exception& e) {
        ADD_FAILURE() << name << ": " << e.what();
        ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(client.ListAllSecretEvents().size(), static_cast<std::size_t>(kThreads));
  // 8 + 8*25*2 + 8 + 1 requests over at most one connection per thread (plus
  // the final list): connections are pooled and reused, not opened per call.
  EXPECT_EQ(emulator.request_count(),
            static_cast<std::size_t>(kThreads * (2 + 2 * kCallsPerThread) + 1));
  EXPECT_LE(emulator.connection_count(), static_cast<std::size_t>(kThreads + 1));
}

}  // namespace
