#ifndef CSMS_SRC_INTERNAL_CLIENT_IMPL_H_
#define CSMS_SRC_INTERNAL_CLIENT_IMPL_H_

// The state shared by all copies of a CsmsClient, and the one path every
// operation takes: build and sign, send, retry what is safe to retry, then map
// an error status to an exception.

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "csms/http.h"
#include "csms/requests.h"
#include "internal/client_config.h"
#include "internal/redactor.h"
#include "internal/retry_policy.h"
#include "internal/url.h"

namespace csms {
namespace internal {

class CallObserver;

/// One operation's HTTP request, before signing.
struct CallSpec {
  /// The CsmsClient operation, e.g. "CreateSecretEvent", for Telemetry (a
  /// string literal: only the pointer is kept). Set with Named().
  const char* operation = "";
  std::string method;
  std::string path;  // percent-encoded
  QueryParams query;
  std::string body;
  Idempotency idempotency = Idempotency::kIdempotent;
  /// Whether a 2xx answer must carry a body (every operation but deletes). A
  /// 2xx without one was cut short (a connection closed after the headers, a
  /// Content-Length: 0 from a confused peer): an ambiguous receive failure,
  /// retried or reconciled like one, never a decoding error.
  bool response_body_required = true;
  /// For deletes: a 404 after an attempt whose outcome was unknown means that
  /// attempt already deleted it.
  bool not_found_after_unknown_outcome_is_success = false;
  /// For creates: after an ambiguous failure (RetryDecision::kReconcile), looks
  /// the resource up within the same deadline. Returns the lookup's response
  /// when the resource is exactly what was asked for (the call then returns it
  /// in place of the create's); otherwise marks `failure` outcome-unknown and
  /// returns nothing, and the failure is thrown.
  std::function<std::optional<HttpResponse>(CsmsError& failure, SteadyTime deadline)> reconcile;
  /// Secret values the body carries (e.g. a CreateSecret's secret_string, as
  /// given and as encoded), scrubbed with the credentials from anything the
  /// server sends back.
  std::vector<std::string> request_secrets;

  static CallSpec Get(std::string path, QueryParams query = {}) {
    CallSpec spec;
    spec.method = "GET";
    spec.path = std::move(path);
    spec.query = std::move(query);
    return spec;
  }
  static CallSpec Put(std::string path, std::string body) {
    CallSpec spec;
    spec.method = "PUT";
    spec.path = std::move(path);
    spec.body = std::move(body);
    return spec;
  }
  static CallSpec Delete(std::string path) {
    CallSpec spec;
    spec.method = "DELETE";
    spec.path = std::move(path);
    spec.response_body_required = false;
    spec.not_found_after_unknown_outcome_is_success = true;
    return spec;
  }
  /// Creates are not idempotent: see Idempotency::kCreate.
  static CallSpec Create(std::string path, std::string body) {
    CallSpec spec;
    spec.method = "POST";
    spec.path = std::move(path);
    spec.body = std::move(body);
    spec.idempotency = Idempotency::kCreate;
    return spec;
  }
  /// Names the call for Telemetry, as an argument to Call:
  /// impl.Call(CallSpec::Get(path).Named("ShowSecret"), ...). Returns the
  /// temporary itself, not a moved copy (a move costs more than the rest of
  /// the observation path when nothing observes), so the result must not
  /// outlive the full expression, like std::optional's value() &&.
  CallSpec&& Named(const char* name) && {
    operation = name;
    return std::move(*this);
  }
};

class ClientImpl {
 public:
  explicit ClientImpl(ClientConfig config);

  const ClientConfig& config() const { return config_; }

  /// Sends the call, retrying as RetryOptions allow, and returns a 2xx
  /// response. Any other final status is thrown as its ApiError subclass and
  /// a missing response as TransportError, both carrying the attempt count and
  /// why retrying stopped. Throws ValidationError for unusable call options.
  HttpResponse Call(const CallSpec& spec, const CallOptions& call_options) const;

  /// The same, within a deadline already set (by an operation that makes more
  /// than one call and spends one budget on all of them). The deadline comes
  /// from DeadlineFor(call_options), which has checked call_options.
  HttpResponse Call(const CallSpec& spec, const CallOptions& call_options,
                    SteadyTime deadline) const;

  /// "/v1/{project_id}" for a call with call_options: checks call_options
  /// first (nothing is sent for bad ones), then, the first time for a client
  /// without a project id, discovers it from IAM (see project_discovery.h).
  /// Afterwards one atomic load.
  /// @throws ValidationError for unusable call options; what discovery throws.
  const std::string& ProjectPath(const CallOptions& call_options) const;

  /// When a call starting now must be finished: now + the call's deadline.
  /// Throws ValidationError for unusable call options.
  SteadyTime DeadlineFor(const CallOptions& call_options) const;

  /// The credentials a redactor for a response decoded after its call refers to.
  using RecentCredentials = std::vector<std::shared_ptr<const SigningCredentials>>;

  /// For a response decoded after Call returned: scrubs the credentials the
  /// client signed with most recently (kept alive in *keep_alive, which must
  /// outlive the Redactor) and request_secrets.
  Redactor ResponseRedactor(const std::vector<std::string>& request_secrets,
                            RecentCredentials* keep_alive) const;

 private:
  struct Attempt;
  static Redactor AttemptRedactor(const CallSpec& spec, const Attempt& attempt);
  // The retry loop; observer (null when nothing observes the call) hears of each attempt.
  HttpResponse Run(const CallSpec& spec, const CallOptions& call_options, SteadyTime deadline,
                   CallObserver* observer) const;
  Attempt Send(const CallSpec& spec, const CallOptions& call_options, SteadyTime deadline,
               const ClientConfig& endpoint, int attempt_number, CallObserver* observer) const;
  // One attempt of the call: sent to the endpoint that last answered, and on
  // to the next while nothing reached the service (endpoint failover). Each
  // endpoint tried is an HTTP attempt for the observer.
  Attempt SendToAnEndpoint(const CallSpec& spec, const CallOptions& call_options,
                           const AttemptContext& context, CallObserver* observer) const;
  // After Invalidate(): whether the source now gives credentials other than
  // the rejected ones (true when it fails: the next attempt reports that).
  bool OtherCredentialsNow(const SigningCredentials& rejected) const;
  void Log(const CallSpec& spec, const Attempt& attempt, const AttemptContext& context,
           const RetryDecision& decision) const;
  void Log(const CallSpec& spec, const Attempt& attempt, const AttemptContext& context,
           const std::string& decision) const;
  HttpResponse Finish(const CallSpec& spec, Attempt& attempt, const AttemptContext& context,
                      const RetryDecision& decision, CallObserver* observer) const;

  ClientConfig config_;
  // config_ for endpoints[1..]: the same settings, another base URL and Host
  // (the request builder signs the Host of the config it is given).
  std::vector<ClientConfig> other_endpoints_;
  // The endpoint the next call tries first: the last one that answered
  // (sticky, as in the official SDKs). An index into config_.endpoints.
  mutable std::atomic<std::size_t> preferred_endpoint_{0};
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CLIENT_IMPL_H_
