#include "csms/client.h"

#include <utility>

#include "csms/errors.h"
#include "internal/client_impl.h"
#include "internal/error_mapping.h"
#include "internal/json_codec.h"
#include "internal/validation.h"

namespace csms {
namespace {

// Runs a body decoder; a body that does not decode becomes InvalidResponseError
// carrying the response's status and request id.
template <typename Decoder>
auto DecodeOrThrow(const HttpResponse& response, Decoder decode) {
  try {
    return decode(response.body);
  } catch (const internal::DecodeError& e) {
    throw InvalidResponseError(response.status_code, e.what(), internal::RequestIdOf(response));
  }
}

}  // namespace

CsmsClient::CsmsClient(ClientOptions options)
    : impl_(std::make_shared<const internal::ClientImpl>(
          internal::ResolveClientConfig(std::move(options)))) {}

Event CsmsClient::CreateSecretEvent(const CreateSecretEventRequest& request,
                                    const CallOptions& call_options) {
  internal::ValidateCreateSecretEventRequest(request);
  const HttpResponse response =
      impl_->Call("POST", impl_->config().project_path + "/csms/events", {},
                  internal::EncodeCreateSecretEventBody(request), call_options);
  return DecodeOrThrow(response, internal::DecodeEventResponse);
}

}  // namespace csms
