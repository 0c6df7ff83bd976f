#ifndef CSMS_SRC_INTERNAL_CLIENT_IMPL_H_
#define CSMS_SRC_INTERNAL_CLIENT_IMPL_H_

// The state shared by all copies of a CsmsClient, and the one path every
// operation takes: build and sign, send, then map an error status to an exception.

#include <string>

#include "csms/http.h"
#include "csms/requests.h"
#include "internal/client_config.h"
#include "internal/url.h"

namespace csms {
namespace internal {

class ClientImpl {
 public:
  explicit ClientImpl(ClientConfig config) : config_(std::move(config)) {}

  const ClientConfig& config() const { return config_; }

  /// Sends a request and returns a 2xx response; any other status is thrown
  /// as its ApiError subclass, a missing response as TransportError.
  HttpResponse Call(const std::string& method, const std::string& path, const QueryParams& query,
                    std::string body, const CallOptions& call_options) const;

 private:
  ClientConfig config_;
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_CLIENT_IMPL_H_
