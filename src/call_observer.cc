#include "internal/call_observer.h"

#include <utility>

#include "csms/errors.h"
#include "internal/error_mapping.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using Action = RetryDecision::Action;

// Runs a hook; what it throws is dropped (documented in telemetry.h): a
// metrics adapter's bug must not fail the call it observes.
template <typename F>
void Guarded(F&& hook) noexcept {
  try {
    hook();
  } catch (...) {  // NOLINT(bugprone-empty-catch): dropping is the contract
  }
}

// Set while a Telemetry hook runs on this thread. A call made from inside a
// hook (on any client) reports to no hook: a hook that uses the client it
// observes would otherwise start another call whose hook starts another, until
// the stack runs out.
thread_local bool t_in_hook = false;

// Runs a Telemetry hook, Guarded, with t_in_hook set.
template <typename F>
void RunHook(F&& hook) noexcept {
  struct InHook {
    InHook() { t_in_hook = true; }
    ~InHook() { t_in_hook = false; }
    InHook(const InHook&) = delete;
    InHook& operator=(const InHook&) = delete;
  } in_hook;
  Guarded(std::forward<F>(hook));
}

// Host and port of an absolute URL; the scheme's default port when it has none.
void SetServer(const std::string& url, std::string* address, int* port) {
  UrlView view;
  if (!SplitUrl(url, &view)) return;
  address->assign(view.host.data(), view.host.size());
  *port = view.port != 0 ? view.port : (view.scheme == "http" ? 80 : 443);
}

AttemptDecision DecisionOf(Action action) {
  switch (action) {
    case Action::kSucceed:
      return AttemptDecision::kSucceed;
    case Action::kRetry:
      return AttemptDecision::kRetry;
    case Action::kRefreshCredentials:
      return AttemptDecision::kRetryWithFreshCredentials;
    case Action::kReconcile:
      return AttemptDecision::kReconcile;
    case Action::kFail:
      break;
  }
  return AttemptDecision::kFail;
}

}  // namespace

std::string ErrorTypeOf(const AttemptOutcome& outcome) {
  switch (outcome.kind) {
    case AttemptOutcome::Kind::kResponse:
    case AttemptOutcome::Kind::kCredentialsRejected:
      if (outcome.status >= 200 && outcome.status <= 299) return {};
      return std::to_string(outcome.status);
    case AttemptOutcome::Kind::kTransportError:
      return TransportError::KindName(outcome.transport_kind);
    case AttemptOutcome::Kind::kCredentialsUnavailable:
      break;
  }
  return "credentials_unavailable";
}

CallObserver::CallObserver(const ClientConfig& config, const char* operation,
                           const std::string& method, CallMetadata* metadata) noexcept
    : config_(config),
      telemetry_(t_in_hook ? nullptr : config.telemetry.get()),
      metadata_(metadata) {
  Guarded([&] {
    start_ = config_.monotonic_clock();
    call_.operation = *operation != 0 ? operation : method;  // an unnamed spec: its method
    call_.method = method;
    attempt_.operation = call_.operation;
    attempt_.attempt = 0;
    // Metadata alone needs no server before the first attempt.
    if (telemetry_ != nullptr) BaseServer();
  });
  if (telemetry_ != nullptr) RunHook([&] { telemetry_->OnCallStart(call_); });
}

void CallObserver::BaseServer() {
  if (call_.server_port != 0) return;
  SetServer(config_.base_url, &call_.server_address, &call_.server_port);
}

void CallObserver::AttemptStart(const HttpRequest& request, int resend_count) noexcept {
  ++attempt_.attempt;
  attempt_.resend_count = resend_count;
  Guarded([&] {
    attempt_.method = request.method;
    const std::string& base = config_.base_url;
    if (request.url.compare(0, base.size(), base) == 0 &&
        (request.url.size() == base.size() || request.url[base.size()] == '/')) {
      // The client's own endpoint: parsed once per call, not per attempt.
      BaseServer();
      attempt_.server_address = call_.server_address;
      attempt_.server_port = call_.server_port;
    } else {
      SetServer(request.url, &attempt_.server_address, &attempt_.server_port);
    }
  });
  if (telemetry_ != nullptr) RunHook([&] { telemetry_->OnAttemptStart(attempt_); });
}

void CallObserver::AttemptEnd(const HttpResponse* response, const AttemptOutcome& outcome,
                              const Redactor& redactor, microseconds duration,
                              const RetryDecision& decision) noexcept {
  Guarded([&] { last_request_id_ = response ? RequestIdOf(*response, redactor) : std::string(); });
  if (telemetry_ == nullptr) return;
  RunHook([&] {
    AttemptEndInfo info;
    static_cast<AttemptStartInfo&>(info) = attempt_;
    info.status_code = response ? response->status_code : 0;
    info.error_type = ErrorTypeOf(outcome);
    if (response && !info.error_type.empty()) {
      info.error_code = DecodeErrorDetail(*response).error_code;
      redactor.Scrub(info.error_code);
    }
    info.request_id = last_request_id_;
    info.duration = duration;
    info.decision = DecisionOf(decision.action);
    if (decision.action == Action::kRetry) info.retry_delay = decision.delay;
    if (decision.action == Action::kFail || decision.action == Action::kReconcile) {
      info.retry_stop_reason = decision.reason;
    }
    telemetry_->OnAttemptEnd(info);
  });
}

void CallObserver::End(const HttpResponse* returned, const std::exception_ptr& error) noexcept {
  Guarded([&] {
    CallEndInfo info;
    static_cast<CallStartInfo&>(info) = call_;
    CallMetadata& metadata = info.metadata;
    if (returned != nullptr) {
      info.succeeded = true;
      metadata.status_code = returned->status_code;
      // The last attempt's response is the one returned (or, for a delete
      // already carried out, the 404 that showed it).
      metadata.request_id = last_request_id_;
    } else {
      try {
        std::rethrow_exception(error);
      } catch (const ApiError& e) {
        metadata.status_code = e.status_code();
        metadata.request_id = e.request_id();
        info.error_type = std::to_string(e.status_code());
        info.error_code = e.detail().error_code;
      } catch (const TransportError& e) {
        info.error_type = TransportError::KindName(e.kind());
      } catch (const CredentialsError&) {
        info.error_type = "credentials_unavailable";
      } catch (...) {
        info.error_type = "_OTHER";
      }
    }
    metadata.attempts = attempt_.attempt;
    if (attempt_.attempt == 0) BaseServer();  // failed before any attempt
    metadata.endpoint = attempt_.attempt == 0 ? call_.server_address : attempt_.server_address;
    metadata.port = attempt_.attempt == 0 ? call_.server_port : attempt_.server_port;
    const auto now = config_.monotonic_clock();
    metadata.elapsed = now > start_ ? duration_cast<microseconds>(now - start_) : microseconds(0);
    if (metadata_ != nullptr) *metadata_ = metadata;
    if (telemetry_ != nullptr) RunHook([&] { telemetry_->OnCallEnd(info); });
  });
}

}  // namespace internal
}  // namespace csms
