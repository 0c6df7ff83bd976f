// internal::RefreshingCredentials: refresh ahead of expiry, one fetch at a
// time, old credentials kept through failed refreshes, and the error when
// nothing valid is left. The clock is a fake: hours of expiry take no time.

#include "internal/refreshing_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

#include "csms/errors.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using ::testing::HasSubstr;

constexpr const char* kSecret = "temporary-SK-never-printed";

// A wall clock that moves only when told to; readable from any thread.
class FakeClock {
 public:
  Timestamp Now() const { return Timestamp(std::chrono::seconds(start_ + offset_.load())); }
  void Advance(seconds by) { offset_ += by.count(); }
  std::function<Timestamp()> AsFunction() {
    return [this] { return Now(); };
  }

 private:
  static constexpr std::int64_t start_ = 1'800'000'000;
  std::atomic<std::int64_t> offset_{0};
};

// Issues temporary credentials "AK<n>" valid for `lifetime` from the fake
// clock's now, or fails while failing is set.
class FakeIssuer {
 public:
  FakeIssuer(FakeClock* clock, seconds lifetime) : clock_(clock), lifetime_(lifetime) {}

  Credentials Fetch() {
    const int n = ++fetches_;
    if (failing_) throw CredentialsError("metadata: connect timeout");
    return Credentials::AkSk("AK" + std::to_string(n), kSecret, "token")
        .WithExpiration(clock_->Now() + lifetime_);
  }
  std::function<Credentials()> AsFunction() {
    return [this] { return Fetch(); };
  }
  int fetches() const { return fetches_; }
  void set_failing(bool failing) { failing_ = failing; }

 private:
  FakeClock* clock_;
  seconds lifetime_;
  std::atomic<int> fetches_{0};
  std::atomic<bool> failing_{false};
};

// Runs background refreshes inline, so that a test sees their effect at once.
void RunInline(std::function<void()> task) { task(); }

RefreshingCredentialsOptions Options(FakeClock& clock, FakeIssuer& issuer) {
  RefreshingCredentialsOptions options;
  options.fetch = issuer.AsFunction();
  options.source = "metadata";
  options.clock = clock.AsFunction();
  options.run_in_background = &RunInline;
  return options;
}

TEST(RefreshingCredentials, FirstGetFetchesAndLaterGetsReuse) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  RefreshingCredentials provider(Options(clock, issuer));
  EXPECT_EQ(issuer.fetches(), 0);  // nothing before the first Get
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  clock.Advance(hours(5));
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  EXPECT_EQ(issuer.fetches(), 1);
}

TEST(RefreshingCredentials, RefreshesWhenLessThanTheWindowIsLeft) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  RefreshingCredentials provider(Options(clock, issuer));
  provider.Get();
  clock.Advance(hours(6) - minutes(40) - seconds(1));
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  EXPECT_EQ(issuer.fetches(), 1);
  clock.Advance(seconds(1));  // exactly 40 minutes left: refresh
  // This caller signs with what is still valid; the refresh ran beside it.
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  EXPECT_EQ(issuer.fetches(), 2);
  EXPECT_EQ(provider.Get().access_key(), "AK2");
  EXPECT_EQ(provider.Get().expiration(), clock.Now() + hours(6));
}

TEST(RefreshingCredentials, TheWindowIsConfigurable) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(1));
  RefreshingCredentialsOptions options = Options(clock, issuer);
  options.refresh_before_expiry = minutes(5);
  RefreshingCredentials provider(std::move(options));
  provider.Get();
  clock.Advance(minutes(54));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 1);
  clock.Advance(minutes(1));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 2);
}

TEST(RefreshingCredentials, AFailedRefreshKeepsTheOldCredentialsAndBacksOff) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  RefreshingCredentialsOptions options = Options(clock, issuer);
  options.initial_retry_backoff = seconds(10);
  options.max_retry_backoff = seconds(30);
  RefreshingCredentials provider(std::move(options));
  provider.Get();
  issuer.set_failing(true);
  clock.Advance(hours(5) + minutes(30));          // inside the window
  EXPECT_EQ(provider.Get().access_key(), "AK1");  // refresh fails: old ones kept
  EXPECT_EQ(issuer.fetches(), 2);
  // No new attempt until the backoff has passed: 10 s, then 20 s, then 30 s (capped).
  clock.Advance(seconds(9));
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  EXPECT_EQ(issuer.fetches(), 2);
  clock.Advance(seconds(1));
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  EXPECT_EQ(issuer.fetches(), 3);
  clock.Advance(seconds(19));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 3);
  clock.Advance(seconds(1));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 4);
  clock.Advance(seconds(29));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 4);
  clock.Advance(seconds(1));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 5);
  // Recovery: the next refresh succeeds and the backoff starts over.
  issuer.set_failing(false);
  clock.Advance(seconds(30));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 6);
  EXPECT_EQ(provider.Get().access_key(), "AK6");
}

TEST(RefreshingCredentials, ExpiredAndAFailingFetchIsACredentialsError) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(1));
  RefreshingCredentials provider(Options(clock, issuer));
  provider.Get();
  issuer.set_failing(true);
  clock.Advance(hours(1));  // expired now
  try {
    provider.Get();
    FAIL() << "expected CredentialsError";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("metadata: connect timeout"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr(kSecret)));
  }
  // Expired credentials are never handed out, and each Get tries again.
  EXPECT_THROW(provider.Get(), CredentialsError);
  EXPECT_EQ(issuer.fetches(), 3);
  issuer.set_failing(false);
  EXPECT_EQ(provider.Get().access_key(), "AK4");
}

TEST(RefreshingCredentials, NothingYetAndAFailingFetchIsACredentialsError) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(1));
  issuer.set_failing(true);
  RefreshingCredentials provider(Options(clock, issuer));
  EXPECT_THROW(provider.Get(), CredentialsError);
}

TEST(RefreshingCredentials, OtherExceptionsBecomeCredentialsErrorsWithoutTheirText) {
  FakeClock clock;
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.source = "metadata";
  options.fetch = []() -> Credentials { throw std::runtime_error(kSecret); };
  RefreshingCredentials provider(std::move(options));
  try {
    provider.Get();
    FAIL() << "expected CredentialsError";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("metadata: fetching failed"));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr(kSecret)));
  }
}

// Out of memory while fetching is not "no credentials here" (which would
// send a chain on to the next source): it reaches the caller as it is.
TEST(RefreshingCredentials, OutOfMemoryWhileFetchingStaysOutOfMemory) {
  FakeClock clock;
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.source = "metadata";
  options.fetch = []() -> Credentials { throw std::bad_alloc(); };
  RefreshingCredentials provider(std::move(options));
  EXPECT_THROW(provider.Get(), std::bad_alloc);
}

// An injected clock that throws while a fetch is being stored ends that
// fetch all the same: the next Get() fetches again instead of waiting for
// a fetch that is over.
TEST(RefreshingCredentials, AClockThatThrowsDoesNotLeaveAFetchUnderWay) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  RefreshingCredentialsOptions options = Options(clock, issuer);
  auto calls = std::make_shared<std::atomic<int>>(0);
  options.clock = [&clock, calls] {
    if (++*calls == 2) throw std::runtime_error("clock failed");  // the fetch's own reading
    return clock.Now();
  };
  auto provider = std::make_shared<RefreshingCredentials>(std::move(options));
  EXPECT_THROW(provider->Get(), std::runtime_error);
  // On a thread of its own, detached, so that a Get() that never returns
  // fails the test instead of hanging it.
  auto promise = std::make_shared<std::promise<std::string>>();
  std::future<std::string> next = promise->get_future();
  std::thread([provider, promise] { promise->set_value(provider->Get().access_key()); }).detach();
  ASSERT_EQ(next.wait_for(std::chrono::seconds(10)), std::future_status::ready)
      << "Get() waits for a fetch that ended when the clock threw";
  EXPECT_EQ(next.get(), "AK2");
}

TEST(RefreshingCredentials, AlreadyExpiredCredentialsFromTheSourceAreAnError) {
  FakeClock clock;
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.source = "metadata";
  options.fetch = [&clock] {
    return Credentials::AkSk("AK", "SK").WithExpiration(clock.Now() - seconds(1));
  };
  RefreshingCredentials provider(std::move(options));
  try {
    provider.Get();
    FAIL() << "expected CredentialsError";
  } catch (const CredentialsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("already expired"));
  }
}

TEST(RefreshingCredentials, ShortLivedCredentialsDoNotRefreshOnEveryGet) {
  FakeClock clock;
  FakeIssuer issuer(&clock, minutes(10));  // always inside the 40-minute window
  RefreshingCredentialsOptions options = Options(clock, issuer);
  options.initial_retry_backoff = seconds(10);
  RefreshingCredentials provider(std::move(options));
  for (int i = 0; i < 100; ++i) provider.Get();
  EXPECT_EQ(issuer.fetches(), 1);
  clock.Advance(seconds(10));
  provider.Get();
  EXPECT_EQ(issuer.fetches(), 2);
}

TEST(RefreshingCredentials, CredentialsWithoutExpirationAreKeptUntilInvalidated) {
  FakeClock clock;
  int fetches = 0;
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.fetch = [&fetches] { return Credentials::AkSk("AK" + std::to_string(++fetches), "SK"); };
  RefreshingCredentials provider(std::move(options));
  provider.Get();
  clock.Advance(hours(24 * 365));
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  provider.Invalidate();
  EXPECT_EQ(provider.Get().access_key(), "AK2");
}

TEST(RefreshingCredentials, ExpirationsAtTheEndOfTimeSaturate) {
  FakeClock clock;
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.refresh_before_expiry = seconds::max();
  int fetches = 0;
  options.fetch = [&fetches] {
    ++fetches;
    return Credentials::AkSk("AK", "SK").WithExpiration(Timestamp::max());
  };
  options.run_in_background = &RunInline;
  RefreshingCredentials provider(std::move(options));
  // expiration - window saturates at the clock's minimum: refresh is due, but
  // the credentials stay valid and usable.
  EXPECT_EQ(provider.Get().access_key(), "AK");
  EXPECT_EQ(provider.Get().access_key(), "AK");
  EXPECT_LE(fetches, 3);
}

// One refresh while many threads sign: each keeps getting valid credentials,
// exactly one fetch runs, and nobody waits for it.
TEST(RefreshingCredentials, SixteenThreadsThroughARefreshShareOneFetch) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  std::mutex mutex;
  std::condition_variable release;
  bool released = false;
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.source = "metadata";
  // The refresh blocks until the threads have all been served: proof that
  // they did not wait for it.
  options.fetch = [&]() {
    if (issuer.fetches() >= 1) {
      std::unique_lock<std::mutex> lock(mutex);
      release.wait(lock, [&] { return released; });
    }
    return issuer.Fetch();
  };
  // Background refreshes on threads of the test's own, so that a second one
  // (no single flight) would be counted, not deadlock.
  std::mutex refreshers_mutex;
  std::vector<std::thread> refreshers;
  options.run_in_background = [&](std::function<void()> task) {
    std::lock_guard<std::mutex> lock(refreshers_mutex);
    refreshers.emplace_back(std::move(task));
  };
  RefreshingCredentials provider(std::move(options));
  ASSERT_EQ(provider.Get().access_key(), "AK1");
  clock.Advance(hours(5) + minutes(30));

  std::atomic<int> served{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        try {
          if (provider.Get().access_key() != "AK1") ++failed;
          ++served;
        } catch (...) {
          ++failed;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(served.load(), 16 * 200);
  EXPECT_EQ(failed.load(), 0);
  {
    std::lock_guard<std::mutex> lock(mutex);
    released = true;
  }
  release.notify_all();
  // Expired now: this Get waits for the refresh under way (no second fetch).
  clock.Advance(hours(1));
  EXPECT_EQ(provider.Get().access_key(), "AK2");
  EXPECT_EQ(issuer.fetches(), 2);
  for (auto& refresher : refreshers) refresher.join();
  EXPECT_EQ(refreshers.size(), 1u);
}

// The default runner: a thread of the provider's own, joined when it goes.
TEST(RefreshingCredentials, TheDefaultRunnerRefreshesOnItsOwnThread) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  RefreshingCredentialsOptions options = Options(clock, issuer);
  options.run_in_background = nullptr;
  {
    RefreshingCredentials provider(std::move(options));
    provider.Get();
    clock.Advance(hours(5) + minutes(30));
    EXPECT_EQ(provider.Get().access_key(), "AK1");
  }  // joins the refresh
  EXPECT_EQ(issuer.fetches(), 2);
}

// At true expiry the callers wait, for one shared fetch.
TEST(RefreshingCredentials, SixteenThreadsAtExpiryWaitForOneFetch) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(6));
  std::atomic<int> in_fetch{0};
  RefreshingCredentialsOptions options;
  options.clock = clock.AsFunction();
  options.fetch = [&]() {
    ++in_fetch;
    // Give the other threads time to pile up behind this fetch (not a wait
    // for a server: the test passes however long or short this is).
    std::this_thread::yield();
    return issuer.Fetch();
  };
  RefreshingCredentials provider(std::move(options));
  std::atomic<int> failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      try {
        if (provider.Get().access_key() != "AK1") ++failed;
      } catch (...) {
        ++failed;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(issuer.fetches(), 1);
}

// The exit status of `child`, or -1 when it did not exit by itself (the
// alarm it set killed it: it hung).
int ExitStatusOf(pid_t child) {
  int status = 0;
  if (waitpid(child, &status, 0) != child || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

// After fork(), a refresh the parent had under way does not exist in the
// child: once the credentials expire, the child fetches for itself instead of
// waiting forever for it.
TEST(RefreshingCredentials, AChildOfForkDoesNotWaitForTheParentsFetch) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(1));
  RefreshingCredentialsOptions options = Options(clock, issuer);
  std::vector<std::function<void()>> deferred;
  options.run_in_background = [&deferred](std::function<void()> task) {
    deferred.push_back(std::move(task));
  };
  RefreshingCredentials provider(std::move(options));
  EXPECT_EQ(provider.Get().access_key(), "AK1");
  clock.Advance(minutes(30));
  EXPECT_EQ(provider.Get().access_key(), "AK1");  // starts a refresh, still under way...
  ASSERT_EQ(deferred.size(), 1U);
  const pid_t child = fork();  // ...when the process forks
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(5);  // a child that waits forever is killed
    clock.Advance(hours(1));
    int status = 2;
    try {
      status = provider.Get().access_key() == "AK2" ? 0 : 1;
    } catch (...) {
      status = 3;
    }
    _exit(status);
  }
  EXPECT_EQ(ExitStatusOf(child), 0) << "-1: the child hung";
  deferred.front()();  // in the parent the refresh completes as usual
  EXPECT_EQ(provider.Get().access_key(), "AK2");
}

// A child of fork() can destroy a provider whose refresh thread was running in
// the parent: that thread is not the child's to wait for.
TEST(RefreshingCredentials, AChildOfForkCanDestroyAProviderWhoseRefreshWasRunning) {
  FakeClock clock;
  FakeIssuer issuer(&clock, hours(1));
  std::mutex mutex;
  std::condition_variable changed;
  bool in_fetch = false;
  bool release = false;
  RefreshingCredentialsOptions options = Options(clock, issuer);
  options.run_in_background = nullptr;  // a thread of the provider's own
  options.fetch = [&]() {
    if (issuer.fetches() > 0) {
      std::unique_lock<std::mutex> lock(mutex);
      in_fetch = true;
      changed.notify_all();
      changed.wait(lock, [&] { return release; });
    }
    return issuer.Fetch();
  };
  auto provider = std::make_unique<RefreshingCredentials>(std::move(options));
  provider->Get();
  clock.Advance(minutes(30));
  provider->Get();  // the refresh thread starts and blocks in the fetch
  {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return in_fetch; });
  }
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(5);
    provider.reset();
    _exit(0);
  }
  EXPECT_EQ(ExitStatusOf(child), 0) << "-1: the child hung";
  {
    std::lock_guard<std::mutex> lock(mutex);
    release = true;
  }
  changed.notify_all();
  provider.reset();  // joins the refresh in the parent
  EXPECT_EQ(issuer.fetches(), 2);
}

}  // namespace
}  // namespace internal
}  // namespace csms
