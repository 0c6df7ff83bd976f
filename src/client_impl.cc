#include "internal/client_impl.h"

#include "csms/errors.h"
#include "internal/error_mapping.h"
#include "internal/request_builder.h"

namespace csms {
namespace internal {

HttpResponse ClientImpl::Call(const std::string& method, const std::string& path,
                              const QueryParams& query, std::string body,
                              const CallOptions& call_options) const {
  if (call_options.timeout && call_options.timeout->count() <= 0) {
    throw ValidationError("timeout", "must be positive");
  }
  const auto timeout = call_options.timeout.value_or(config_.request_timeout);
  const HttpRequest request =
      BuildSignedRequest(config_, method, path, query, std::move(body), timeout);
  HttpResponse response = config_.transport->Send(request);
  if (response.status_code < 200 || response.status_code > 299) ThrowApiError(response);
  return response;
}

}  // namespace internal
}  // namespace csms
