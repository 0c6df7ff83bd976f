#include "internal/refreshing_credentials.h"

#include <unistd.h>

#include <algorithm>
#include <new>
#include <system_error>
#include <utility>

#include "csms/errors.h"
#include "internal/saturating_time.h"

namespace csms {
namespace internal {
namespace {

RefreshingCredentialsOptions WithDefaults(RefreshingCredentialsOptions options) {
  if (!options.clock) options.clock = &std::chrono::system_clock::now;
  return options;
}

}  // namespace

RefreshingCredentials::RefreshingCredentials(RefreshingCredentialsOptions options)
    : options_(WithDefaults(std::move(options))) {}

RefreshingCredentials::~RefreshingCredentials() {
  // (In a child of fork() a worker copied from the parent is joined at once:
  // glibc marks the threads that fork() left behind as finished.)
  std::lock_guard<std::mutex> lock(worker_mutex_);
  if (worker_.joinable()) worker_.join();
}

bool RefreshingCredentials::BeginFetch() {
  if (fetching_ && fetching_pid_ != getpid()) {
    // A fetch of the parent's, copied by fork() half done: it will never
    // store anything here, and waiting for it would hang this process.
    fetching_ = false;
  }
  if (fetching_) return false;
  fetching_ = true;
  fetching_pid_ = getpid();
  return true;
}

bool RefreshingCredentials::Usable(Timestamp now) const {
  if (!current_) return false;
  const auto expiration = current_->expiration();
  return !expiration || now < *expiration;
}

bool RefreshingCredentials::RefreshDue(Timestamp now) const {
  const auto expiration = current_->expiration();
  if (!expiration || now < next_refresh_not_before_) return false;
  // Saturating: an expiration near the clock's range (or a huge refresh
  // window) must not wrap around.
  return now >= SaturatingAdd(*expiration, -options_.refresh_before_expiry);
}

Credentials RefreshingCredentials::Get() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    const Timestamp now = options_.clock();
    if (Usable(now)) {
      Credentials usable = *current_;
      const bool refresh = RefreshDue(now) && BeginFetch();
      lock.unlock();
      // The caller signs with what is still valid; the refresh runs beside it.
      if (refresh) StartBackgroundRefresh();
      return usable;
    }
    if (!BeginFetch()) {
      // One fetch at a time: wait for the one under way and share its result.
      const std::uint64_t seen = fetches_done_;
      fetched_.wait(lock, [&] { return fetches_done_ != seen; });
      if (Usable(options_.clock())) continue;
      if (last_error_) std::rethrow_exception(last_error_);
      continue;
    }
    lock.unlock();
    if (auto error = FetchAndStore()) std::rethrow_exception(error);
    lock.lock();
  }
}

void RefreshingCredentials::Invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  current_.reset();
  next_refresh_not_before_ = Timestamp{};
}

std::exception_ptr RefreshingCredentials::FetchAndStore() {
  std::optional<Credentials> fetched;
  std::exception_ptr error;
  try {
    fetched = options_.fetch();
    if (fetched->kind() == Credentials::Kind::kUnset) {
      throw CredentialsError(options_.source + ": returned no credentials");
    }
  } catch (const CredentialsError&) {
    error = std::current_exception();
  } catch (const CsmsError& e) {
    // SDK messages never carry secrets: keep it, typed as what it means here.
    error = std::make_exception_ptr(CredentialsError(options_.source + ": " + e.what()));
  } catch (const std::bad_alloc&) {
    // Out of memory is not "no credentials here" (a chain would go on to
    // the next source as if this one had none): it stays what it is.
    error = std::current_exception();
  } catch (...) {
    // A foreign exception's text may quote what was fetched: not repeated.
    error = std::make_exception_ptr(CredentialsError(options_.source + ": fetching failed"));
  }

  std::lock_guard<std::mutex> lock(mutex_);
  // Whatever happens below (an injected clock that throws, an allocation),
  // this fetch is over: callers waiting for it must not wait forever.
  struct FetchOver {
    RefreshingCredentials* self;
    ~FetchOver() {
      self->fetching_ = false;
      ++self->fetches_done_;
      self->fetched_.notify_all();
    }
  } fetch_over{this};
  Timestamp now;
  try {
    now = options_.clock();
  } catch (...) {
    last_error_ = std::current_exception();
    return last_error_;
  }
  if (!error && fetched->expiration() && now >= *fetched->expiration()) {
    // Storing them would make every caller fetch again at once, forever.
    error = std::make_exception_ptr(
        CredentialsError(options_.source + ": returned credentials that have already expired"));
  }
  if (!error) {
    current_ = std::move(fetched);
    last_error_ = nullptr;
    backoff_ = std::chrono::milliseconds(0);
    // Credentials that arrive already inside the refresh window (a short
    // lifetime) would otherwise start a refresh on every call.
    next_refresh_not_before_ = Timestamp{};
    if (RefreshDue(now)) {
      next_refresh_not_before_ = SaturatingAdd(now, options_.initial_retry_backoff);
    }
  } else {
    // Old credentials, if still valid, stay; the next refresh waits a while.
    last_error_ = error;
    backoff_ = backoff_.count() <= 0
                   ? options_.initial_retry_backoff
                   : std::min(SaturatingAdd(backoff_, backoff_), options_.max_retry_backoff);
    next_refresh_not_before_ = SaturatingAdd(now, backoff_);
  }
  return error;
}

void RefreshingCredentials::StartBackgroundRefresh() {
  auto task = [this] { FetchAndStore(); };
  if (options_.run_in_background) {
    options_.run_in_background(std::move(task));
    return;
  }
  std::lock_guard<std::mutex> lock(worker_mutex_);
  // The previous refresh has stored its result (fetching_ was false): joining
  // only waits for its thread to return.
  if (worker_.joinable()) worker_.join();
  try {
    worker_ = std::thread(std::move(task));
  } catch (const std::system_error&) {
    // No thread to be had: the held credentials are still valid, so try later.
    std::lock_guard<std::mutex> state(mutex_);
    fetching_ = false;
    next_refresh_not_before_ = SaturatingAdd(options_.clock(), options_.initial_retry_backoff);
  }
}

}  // namespace internal
}  // namespace csms
