#ifndef CSMS_SRC_INTERNAL_CALL_OBSERVER_H_
#define CSMS_SRC_INTERNAL_CALL_OBSERVER_H_

// What a call reports about itself: CallOptions::metadata and the
// ClientOptions::telemetry hooks. ClientImpl::Call makes one only when either
// is set, so a client without them pays nothing.

#include <chrono>
#include <exception>
#include <string>

#include "csms/http.h"
#include "csms/requests.h"
#include "csms/telemetry.h"
#include "internal/client_config.h"
#include "internal/redactor.h"
#include "internal/retry_policy.h"

namespace csms {
namespace internal {

/// The name of an AttemptOutcome that is not a success, as error.type has it:
/// the status ("503"), the transport failure's kind ("timeout") or
/// "credentials_unavailable"; empty for a 2xx response.
std::string ErrorTypeOf(const AttemptOutcome& outcome);

/// One call, from OnCallStart to OnCallEnd. Not thread-safe: it belongs to
/// the thread making the call. No method throws: a hook's exception and an
/// allocation failure while reporting are dropped, never the call's business.
class CallObserver {
 public:
  /// Calls OnCallStart. metadata may be null.
  CallObserver(const ClientConfig& config, const char* operation, const std::string& method,
               CallMetadata* metadata) noexcept;
  CallObserver(const CallObserver&) = delete;
  CallObserver& operator=(const CallObserver&) = delete;
  ~CallObserver() = default;

  /// Counts the attempt and calls OnAttemptStart; request.url and method are set.
  void AttemptStart(const HttpRequest& request, int resend_count) noexcept;

  /// Calls OnAttemptEnd for the attempt AttemptStart began. response is null
  /// when none arrived; redactor scrubs the attempt's secrets from what the
  /// server sent.
  void AttemptEnd(const HttpResponse* response, const AttemptOutcome& outcome,
                  const Redactor& redactor, std::chrono::microseconds duration,
                  const RetryDecision& decision) noexcept;

  /// Fills the metadata and calls OnCallEnd: with the response the call
  /// returns, or with the exception it is about to throw.
  void End(const HttpResponse* returned, const std::exception_ptr& error) noexcept;

 private:
  // Sets call_'s server from the client's endpoint, once.
  void BaseServer();

  const ClientConfig& config_;
  Telemetry* telemetry_;  // null: metadata only
  CallMetadata* metadata_;
  CallStartInfo call_;
  AttemptStartInfo attempt_;
  std::chrono::steady_clock::time_point start_;
  std::string last_request_id_;
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CALL_OBSERVER_H_
