#ifndef CSMS_CLIENT_H_
#define CSMS_CLIENT_H_

/// @file
/// CsmsClient, the entry point of the SDK.

#include <memory>
#include <string>

#include "csms/models.h"
#include "csms/options.h"
#include "csms/requests.h"

namespace csms {

namespace internal {
class ClientImpl;
}  // namespace internal

/// A client of the CSMS secret-event API.
///
/// Every operation validates its request first (ValidationError, nothing sent),
/// signs it with the configured credentials, sends it through the transport and
/// decodes the answer into a struct; an HTTP error status becomes the ApiError
/// subclass of that status, and a failure without a response a TransportError.
///
/// @par Thread safety
/// A CsmsClient is safe to use from many threads at once: the calls share its
/// immutable configuration and a pool of kept-alive connections. Copies are cheap
/// and share the same pool; create one client and pass it around rather than one
/// per call, so that connections (and TLS sessions) are reused.
class CsmsClient {
 public:
  /// Checks the options and prepares the transport. No network I/O happens here.
  /// @throws ConfigurationError when the options are unusable (see ClientOptions).
  explicit CsmsClient(ClientOptions options);

  /// Creates a secret event.
  /// Huawei API: CreateSecretEvent, POST /v1/{project_id}/csms/events.
  /// @throws ValidationError before any I/O when the request breaks a documented rule.
  /// @throws ApiError (a subclass per status) when the service answers with an error.
  /// @throws TransportError when no response is received.
  Event CreateSecretEvent(const CreateSecretEventRequest& request,
                          const CallOptions& call_options = {});

 private:
  std::shared_ptr<const internal::ClientImpl> impl_;
};

}  // namespace csms

#endif  // CSMS_CLIENT_H_
