#include "internal/client_impl.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "csms/errors.h"
#include "internal/attempt_log.h"
#include "internal/call_observer.h"
#include "internal/error_annotator.h"
#include "internal/error_mapping.h"
#include "internal/extra_headers.h"
#include "internal/redactor.h"
#include "internal/request_builder.h"
#include "internal/saturating_time.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using Action = RetryDecision::Action;

void CheckCallOptions(const CallOptions& call_options) {
  if (call_options.timeout && call_options.timeout->count() <= 0) {
    throw ValidationError("timeout", "must be positive");
  }
  if (call_options.deadline && call_options.deadline->count() <= 0) {
    throw ValidationError("deadline", "must be positive");
  }
  if (call_options.retry) CheckRetryOptions(*call_options.retry);
  CheckCallExtraHeaders(call_options.extra_headers);
}

// What RetryOptions::should_retry is told: no header, body or message.
RetryAttempt RetryFacts(const CallSpec& spec, const AttemptOutcome& outcome,
                        const HttpResponse* response, const AttemptContext& context,
                        const RetryDecision& decision) {
  RetryAttempt facts;
  facts.operation = spec.operation;
  facts.method = spec.method;
  facts.path = spec.path;
  facts.idempotent = spec.idempotency == Idempotency::kIdempotent;
  facts.attempt = context.attempt;
  if (response) {
    facts.status_code = response->status_code;
    facts.error_code = DecodeErrorDetail(*response).error_code;
  } else if (outcome.kind == AttemptOutcome::Kind::kTransportError) {
    facts.transport_error = outcome.transport_kind;
  }
  facts.delay = decision.delay;
  return facts;
}

// Set by Finish only while a create's reconcile runs: the lookup it makes
// (a nested Call on this thread) reports to the create's call instead of
// starting one of its own.
thread_local CallObserver* t_settling_call = nullptr;

// Whether the attempt failed before any byte of the request reached the
// service (name resolution, connection, TLS handshake): then another endpoint
// may be tried at once, even for a create.
bool NothingReachedTheService(const AttemptOutcome& outcome) {
  if (outcome.kind != AttemptOutcome::Kind::kTransportError || outcome.request_may_have_been_sent) {
    return false;
  }
  switch (outcome.transport_kind) {
    case TransportError::Kind::kResolve:
    case TransportError::Kind::kConnect:
    case TransportError::Kind::kTls:
      return true;
    default:
      return false;
  }
}

}  // namespace

ClientImpl::ClientImpl(ClientConfig config) : config_(std::move(config)) {
  for (std::size_t i = 1; i < config_.endpoints.size(); ++i) {
    ClientConfig other = config_;
    other.endpoints.clear();
    other.base_url = config_.endpoints[i].base_url;
    other.host_header = config_.endpoints[i].host_header;
    other_endpoints_.push_back(std::move(other));
  }
}

// One attempt: what was sent, when, and what came back.
struct ClientImpl::Attempt {
  std::shared_ptr<const SigningCredentials> credentials;  // null when none could be had
  HttpRequest request;
  SteadyTime started;
  SteadyTime ended;
  std::optional<HttpResponse> response;  // set when a response arrived
  std::exception_ptr failure;            // the TransportError or CredentialsError otherwise
  AttemptOutcome outcome;
};

SteadyTime ClientImpl::DeadlineFor(const CallOptions& call_options) const {
  CheckCallOptions(call_options);
  // Saturates: milliseconds::max() means no practical deadline, not a wrapped-around past.
  return SaturatingAdd(config_.monotonic_clock(),
                       call_options.deadline.value_or(config_.call_deadline));
}

const std::string& ClientImpl::ProjectPath(const CallOptions& call_options) const {
  if (!config_.project->resolved()) CheckCallOptions(call_options);
  return config_.project->Path();
}

HttpResponse ClientImpl::Call(const CallSpec& spec, const CallOptions& call_options) const {
  return Call(spec, call_options, DeadlineFor(call_options));
}

HttpResponse ClientImpl::Call(const CallSpec& spec, const CallOptions& call_options,
                              SteadyTime deadline) const {
  if (CallObserver* settling = std::exchange(t_settling_call, nullptr)) {
    return Run(spec, call_options, deadline, settling);
  }
  // Nothing observes the call: no observer, no extra clock reading.
  if (!config_.telemetry && call_options.metadata == nullptr) {
    return Run(spec, call_options, deadline, nullptr);
  }
  CallObserver observer(config_, spec.operation, spec.method, call_options.metadata);
  try {
    HttpResponse response = Run(spec, call_options, deadline, &observer);
    observer.End(&response, nullptr);
    return response;
  } catch (...) {
    observer.End(nullptr, std::current_exception());
    throw;
  }
}

// Send, classify (a pure step: retry_policy.h), then act on the decision.
HttpResponse ClientImpl::Run(const CallSpec& spec, const CallOptions& call_options,
                             SteadyTime deadline, CallObserver* observer) const {
  // call_options were checked by DeadlineFor, where every deadline comes from.
  AttemptContext context;
  context.idempotency = spec.idempotency;
  context.not_found_after_unknown_outcome_is_success =
      spec.not_found_after_unknown_outcome_is_success;
  context.retry = call_options.retry.value_or(config_.retry);
  context.deadline = deadline;
  context.credentials_refreshable = config_.credentials->refreshable();
  for (;; ++context.attempt) {
    Attempt attempt = SendToAnEndpoint(spec, call_options, context, observer);
    context.now = attempt.ended;
    context.random01 = config_.random();
    RetryDecision decision = Classify(attempt.outcome, context);
    if (decision.action == Action::kRetry && context.retry.should_retry) {
      // The user's predicate may only stop a retry the SDK would make.
      decision = ApplyShouldRetry(
          decision, context.retry.should_retry(RetryFacts(
                        spec, attempt.outcome, attempt.response ? &*attempt.response : nullptr,
                        context, decision)));
    }
    if (decision.action == Action::kRefreshCredentials) {
      context.credentials_refreshed = true;
      config_.credentials->Invalidate();
      // A source that can only give the same credentials again (environment
      // and profile are read once) would be rejected the same way: the 401
      // stands, without a second request.
      if (!OtherCredentialsNow(*attempt.credentials)) decision = Classify(attempt.outcome, context);
    }
    Log(spec, attempt, context, decision);
    if (observer) {
      observer->AttemptEnd(attempt.response ? &*attempt.response : nullptr, attempt.outcome,
                           AttemptRedactor(spec, attempt),
                           duration_cast<microseconds>(attempt.ended - attempt.started), decision);
    }
    switch (decision.action) {
      case Action::kSucceed:
        return decision.already_deleted ? HttpResponse{204, {}, {}} : std::move(*attempt.response);
      case Action::kFail:
      case Action::kReconcile:
        return Finish(spec, attempt, context, decision, observer);
      case Action::kRefreshCredentials:
        // The rejected request was not carried out: send again at once, with
        // the other credentials the source now has.
        break;
      case Action::kRetry:
        context.earlier_outcome_unknown =
            context.earlier_outcome_unknown || OutcomeUnknown(attempt.outcome);
        context.previous_delay = decision.delay;
        config_.sleep(decision.delay);
        break;
    }
  }
}

bool ClientImpl::OtherCredentialsNow(const SigningCredentials& rejected) const {
  try {
    const Credentials& next = config_.credentials->Acquire()->credentials;
    const Credentials& old = rejected.credentials;
    return next.kind() != old.kind() || next.access_key() != old.access_key() ||
           next.secret_key() != old.secret_key() || next.token() != old.token();
  } catch (const CredentialsError&) {
    return true;  // the next attempt reports it, as any attempt without credentials
  }
}

// Failover is not a retry: it uses no attempt of RetryOptions::max_attempts
// and waits no backoff, because the request never reached the service. Each
// attempt tries every endpoint at most once, starting with the one that last
// answered, and stops at the deadline.
ClientImpl::Attempt ClientImpl::SendToAnEndpoint(const CallSpec& spec,
                                                 const CallOptions& call_options,
                                                 const AttemptContext& context,
                                                 CallObserver* observer) const {
  const std::size_t count = other_endpoints_.size() + 1;
  std::size_t index = preferred_endpoint_.load(std::memory_order_relaxed) % count;
  for (std::size_t tried = 1;; ++tried) {
    const ClientConfig& endpoint = index == 0 ? config_ : other_endpoints_[index - 1];
    Attempt attempt =
        Send(spec, call_options, context.deadline, endpoint, context.attempt, observer);
    if (attempt.response) {
      preferred_endpoint_.store(index, std::memory_order_relaxed);
      return attempt;
    }
    if (tried == count || !NothingReachedTheService(attempt.outcome) ||
        TimeLeft(attempt.ended, context.deadline).count() <= 0) {
      return attempt;
    }
    index = (index + 1) % count;
    const std::string next =
        "trying the next endpoint " + (index == 0 ? config_ : other_endpoints_[index - 1]).base_url;
    Log(spec, attempt, context, next);
    if (observer) {
      // The abandoned try ends here for the hooks: sent again at once, elsewhere.
      RetryDecision failover;
      failover.action = Action::kRetry;
      failover.reason = next;
      observer->AttemptEnd(nullptr, attempt.outcome, AttemptRedactor(spec, attempt),
                           duration_cast<microseconds>(attempt.ended - attempt.started), failover);
    }
  }
}

ClientImpl::Attempt ClientImpl::Send(const CallSpec& spec, const CallOptions& call_options,
                                     SteadyTime deadline, const ClientConfig& endpoint,
                                     int attempt_number, CallObserver* observer) const {
  Attempt attempt;
  attempt.started = config_.monotonic_clock();
  // Each attempt is signed afresh (a new X-Sdk-Date) and never outlives the deadline.
  const milliseconds timeout = call_options.timeout.value_or(config_.request_timeout);
  try {
    attempt.credentials = config_.credentials->Acquire();
  } catch (const CredentialsError&) {
    // Nothing is sent; the log line still names the call.
    attempt.request.method = spec.method;
    attempt.request.url = endpoint.base_url + spec.path;
    attempt.failure = std::current_exception();
    attempt.outcome = AttemptOutcome::CredentialsUnavailable();
    if (observer) observer->AttemptStart(attempt.request, attempt_number - 1);
    attempt.ended = config_.monotonic_clock();
    return attempt;
  }
  // A provider's Get() may have waited for a fetch: measured after it.
  const SteadyTime now =
      config_.credentials->refreshable() ? config_.monotonic_clock() : attempt.started;
  const auto remaining = std::max(milliseconds(1), TimeLeft(now, deadline));
  attempt.request =
      BuildSignedRequest(endpoint, *attempt.credentials, spec.method, spec.path, spec.query,
                         spec.body, std::min(timeout, remaining), call_options.extra_headers);
  if (config_.log_sink && config_.log_level == LogLevel::kDebug) {
    config_.log_sink(FormatRequestLine(attempt.request));
  }
  if (observer) observer->AttemptStart(attempt.request, attempt_number - 1);
  try {
    HttpResponse& response = attempt.response.emplace(config_.transport->Send(attempt.request));
    std::optional<milliseconds> retry_after;
    if (response.status_code < 200 || response.status_code > 299) {
      if (const auto header = FindHeader(response.headers, "Retry-After")) {
        retry_after = ParseRetryAfter(*header, config_.clock());
      }
    }
    if (response.status_code >= 200 && response.status_code <= 299 && response.body.empty() &&
        spec.response_body_required) {
      // The answer was cut short: the server may have acted on the request.
      throw TransportError(TransportError::Kind::kReceive,
                           "the connection ended before the response body arrived (HTTP " +
                               std::to_string(response.status_code) +
                               " with an empty body where the operation returns one)",
                           true);
    }
    attempt.outcome = AttemptOutcome::Response(response.status_code, response.resent, retry_after);
    if (response.status_code == 401 && IsRejectedCredentials(DecodeErrorDetail(response))) {
      attempt.outcome = AttemptOutcome::CredentialsRejected();
    }
  } catch (const TransportError& error) {
    attempt.response.reset();
    attempt.failure = std::current_exception();
    attempt.outcome = AttemptOutcome::Failure(error.kind(), error.request_may_have_been_sent());
  }
  attempt.ended = config_.monotonic_clock();
  return attempt;
}

// The secrets of this attempt: the credentials it signed with (a provider's
// change between attempts) and the request's own.
Redactor ClientImpl::AttemptRedactor(const CallSpec& spec, const Attempt& attempt) {
  static const Credentials kNone;
  return CallRedactor(attempt.credentials ? attempt.credentials->credentials : kNone,
                      spec.request_secrets);
}

Redactor ClientImpl::ResponseRedactor(const std::vector<std::string>& request_secrets,
                                      RecentCredentials* keep_alive) const {
  *keep_alive = config_.credentials->Recent();
  Redactor redactor = CallRedactor(Credentials(), request_secrets);
  for (const auto& credentials : *keep_alive) redactor.AddCredentials(credentials->credentials);
  return redactor;
}

void ClientImpl::Log(const CallSpec& spec, const Attempt& attempt, const AttemptContext& context,
                     const RetryDecision& decision) const {
  if (config_.log_sink) Log(spec, attempt, context, DecisionText(decision));
}

void ClientImpl::Log(const CallSpec& spec, const Attempt& attempt, const AttemptContext& context,
                     const std::string& decision) const {
  if (!config_.log_sink) return;
  std::string outcome;
  if (attempt.response) {
    outcome = std::to_string(attempt.response->status_code);
  } else if (attempt.outcome.kind == AttemptOutcome::Kind::kCredentialsUnavailable) {
    outcome = "no credentials";
  } else {
    outcome = std::string("transport error (") +
              TransportError::KindName(attempt.outcome.transport_kind) + ")";
  }
  const std::string request_id =
      attempt.response ? RequestIdOf(*attempt.response, AttemptRedactor(spec, attempt)) : "";
  config_.log_sink(FormatAttemptLine(
      attempt.request, outcome, duration_cast<microseconds>(attempt.ended - attempt.started),
      request_id, context.attempt, context.retry.max_attempts, decision));
}

// Throws the attempt's error, typed and annotated; an ambiguous create is first
// reconciled, and returns what the lookup found when that settles it.
HttpResponse ClientImpl::Finish(const CallSpec& spec, Attempt& attempt,
                                const AttemptContext& context, const RetryDecision& decision,
                                CallObserver* observer) const {
  try {
    if (attempt.failure) std::rethrow_exception(attempt.failure);
    // The status as its ApiError subclass, with the call's secrets scrubbed
    // from whatever the server echoed.
    ThrowApiError(*attempt.response, AttemptRedactor(spec, attempt));
  } catch (CsmsError& error) {
    ErrorAnnotator::AddRetryContext(error, context.attempt, decision.reason);
    if (decision.action == Action::kReconcile && spec.reconcile) {
      // The lookup's attempts are this call's (see t_settling_call), however
      // reconcile ends.
      struct Settling {
        explicit Settling(CallObserver* observer) { t_settling_call = observer; }
        ~Settling() { t_settling_call = nullptr; }
        Settling(const Settling&) = delete;
        Settling& operator=(const Settling&) = delete;
      } settling(observer);
      if (auto found = spec.reconcile(error, context.deadline)) return std::move(*found);
    }
    throw;
  }
}

}  // namespace internal
}  // namespace csms
