#ifndef CSMS_SRC_INTERNAL_REFRESHING_CREDENTIALS_H_
#define CSMS_SRC_INTERNAL_REFRESHING_CREDENTIALS_H_

// Temporary credentials kept fresh: the part every "fetching" source (ECS
// metadata, CCE pod identity, IAM) shares. A source supplies only `fetch`.
//
// - Credentials are fetched again once less than refresh_before_expiry is left
//   (40 minutes by default, as the official SDKs do), in the background, by
//   one fetch at a time; meanwhile every caller keeps signing with the
//   still-valid credentials.
// - Only when there are none, or they have expired, do callers wait, and then
//   for one shared fetch: its credentials or its CredentialsError go to all.
// - A failed refresh while the old credentials are valid keeps them and tries
//   again after a backoff (doubling, capped); it never fails a call early.
// - Credentials without an expiration are kept until Invalidate().
// - After fork(), a fetch the parent had under way never finishes in the
//   child: the child forgets it and fetches for itself when it needs to.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <sys/types.h>

#include "csms/credentials.h"
#include "csms/credentials_provider.h"

namespace csms {
namespace internal {

struct RefreshingCredentialsOptions {
  /// Fetches new credentials (with an expiration, for temporary ones). Throws
  /// CredentialsError; another CsmsError becomes one with its message, any
  /// other exception one without (its text might quote what was fetched).
  std::function<Credentials()> fetch;
  /// Names the source in messages ("metadata").
  std::string source = "credentials source";
  std::chrono::seconds refresh_before_expiry{40 * 60};
  /// Wait after the first failed refresh; doubles per failure up to max_retry_backoff.
  std::chrono::milliseconds initial_retry_backoff{std::chrono::seconds(10)};
  std::chrono::milliseconds max_retry_backoff{std::chrono::minutes(5)};
  /// The wall clock expirations are compared with; empty: system_clock::now.
  std::function<Timestamp()> clock;
  /// Runs a refresh ahead of expiry; empty: on a thread of the provider's own
  /// (joined by its destructor). Tests pass one that runs it inline or defers it.
  std::function<void(std::function<void()>)> run_in_background;
};

class RefreshingCredentials : public CredentialsProvider {
 public:
  explicit RefreshingCredentials(RefreshingCredentialsOptions options);
  ~RefreshingCredentials() override;
  RefreshingCredentials(const RefreshingCredentials&) = delete;
  RefreshingCredentials& operator=(const RefreshingCredentials&) = delete;

  /// @throws CredentialsError when nothing valid is held and the fetch fails.
  Credentials Get() override;
  /// Drops the held credentials: the next Get() fetches (and waits for it).
  void Invalidate() override;

 private:
  // Fetches outside the lock and stores the result; returns its error, if any.
  std::exception_ptr FetchAndStore();
  void StartBackgroundRefresh();
  bool BeginFetch();                     // requires mutex_
  bool Usable(Timestamp now) const;      // requires mutex_
  bool RefreshDue(Timestamp now) const;  // requires mutex_

  const RefreshingCredentialsOptions options_;
  std::mutex mutex_;
  std::condition_variable fetched_;
  std::optional<Credentials> current_;    // guarded by mutex_
  bool fetching_ = false;                 // guarded by mutex_
  pid_t fetching_pid_ = 0;                // guarded by mutex_: the process running it
  std::uint64_t fetches_done_ = 0;        // guarded by mutex_
  std::exception_ptr last_error_;         // guarded by mutex_: of the latest fetch
  Timestamp next_refresh_not_before_{};   // guarded by mutex_: the backoff
  std::chrono::milliseconds backoff_{0};  // guarded by mutex_
  std::mutex worker_mutex_;
  std::thread worker_;  // guarded by worker_mutex_
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REFRESHING_CREDENTIALS_H_
