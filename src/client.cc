#include "csms/client.h"

#include <set>
#include <utility>

#include "csms/errors.h"
#include "internal/client_impl.h"
#include "internal/error_mapping.h"
#include "internal/json_codec.h"
#include "internal/url.h"
#include "internal/validation.h"

namespace csms {
namespace {

// ListAllSecretEvents asks for full pages of this size, so a shorter page
// reliably means the end.
constexpr int kListAllPageSize = 50;
// A server can at most hold 30 events today; this only stops a runaway.
constexpr int kListAllMaxPages = 10000;

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

namespace {

// Paths are built from validated names; PercentEncode is the same encoding the
// signer canonicalises with, so the signed path and the sent path agree.
std::string EventPath(const internal::ClientImpl& impl, const std::string& event_name) {
  return impl.config().project_path + "/csms/events/" + internal::PercentEncode(event_name);
}

std::string SecretPath(const internal::ClientImpl& impl, const std::string& secret_name) {
  return impl.config().project_path + "/secrets/" + internal::PercentEncode(secret_name);
}

}  // namespace

Event CsmsClient::CreateSecretEvent(const CreateSecretEventRequest& request,
                                    const CallOptions& call_options) {
  internal::ValidateCreateSecretEventRequest(request);
  const HttpResponse response =
      impl_->Call("POST", impl_->config().project_path + "/csms/events", {},
                  internal::EncodeCreateSecretEventBody(request), call_options);
  return DecodeOrThrow(response, internal::DecodeEventResponse);
}

Event CsmsClient::ShowSecretEvent(const std::string& event_name, const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  const HttpResponse response =
      impl_->Call("GET", EventPath(*impl_, event_name), {}, {}, call_options);
  return DecodeOrThrow(response, internal::DecodeEventResponse);
}

Event CsmsClient::UpdateSecretEvent(const std::string& event_name,
                                    const UpdateSecretEventRequest& request,
                                    const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  internal::ValidateUpdateSecretEventRequest(request);
  const HttpResponse response =
      impl_->Call("PUT", EventPath(*impl_, event_name), {},
                  internal::EncodeUpdateSecretEventBody(request), call_options);
  return DecodeOrThrow(response, internal::DecodeEventResponse);
}

void CsmsClient::DeleteSecretEvent(const std::string& event_name, const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  // 204 with an empty body; any body a gateway adds is ignored.
  impl_->Call("DELETE", EventPath(*impl_, event_name), {}, {}, call_options);
}

EventPage CsmsClient::ListSecretEvents(const ListSecretEventsRequest& request,
                                       const CallOptions& call_options) {
  internal::ValidateListSecretEventsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  const HttpResponse response =
      impl_->Call("GET", impl_->config().project_path + "/csms/events", query, {}, call_options);
  return DecodeOrThrow(response, internal::DecodeEventPageResponse);
}

std::vector<Event> CsmsClient::ListAllSecretEvents(const CallOptions& call_options) {
  std::vector<Event> all;
  std::set<std::string> seen_markers;
  ListSecretEventsRequest request;
  request.limit = kListAllPageSize;
  for (int page_number = 0; page_number < kListAllMaxPages; ++page_number) {
    EventPage page = ListSecretEvents(request, call_options);
    const std::size_t count = page.events.size();
    for (auto& event : page.events) all.push_back(std::move(event));
    const auto& next = page.page_info.next_marker;
    if (!next || next->empty() || count < static_cast<std::size_t>(kListAllPageSize) ||
        !seen_markers.insert(*next).second) {
      return all;
    }
    request.marker = *next;
  }
  throw InvalidResponseError(200,
                             "ListSecretEvents kept returning new markers for " +
                                 std::to_string(kListAllMaxPages) + " pages",
                             "");
}

NotificationRecordPage CsmsClient::ListNotificationRecords(const CallOptions& call_options) {
  const HttpResponse response = impl_->Call(
      "GET", impl_->config().project_path + "/csms/notification-records", {}, {}, call_options);
  return DecodeOrThrow(response, internal::DecodeRecordPageResponse);
}

Secret CsmsClient::CreateSecret(const CreateSecretRequest& request,
                                const CallOptions& call_options) {
  internal::ValidateCreateSecretRequest(request);
  const HttpResponse response =
      impl_->Call("POST", impl_->config().project_path + "/secrets", {},
                  internal::EncodeCreateSecretBody(request), call_options);
  return DecodeOrThrow(response, internal::DecodeSecretResponse);
}

Secret CsmsClient::ShowSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  const HttpResponse response =
      impl_->Call("GET", SecretPath(*impl_, secret_name), {}, {}, call_options);
  return DecodeOrThrow(response, internal::DecodeSecretResponse);
}

Secret CsmsClient::UpdateSecret(const std::string& secret_name, const UpdateSecretRequest& request,
                                const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateUpdateSecretRequest(request);
  const HttpResponse response =
      impl_->Call("PUT", SecretPath(*impl_, secret_name), {},
                  internal::EncodeUpdateSecretBody(request), call_options);
  return DecodeOrThrow(response, internal::DecodeSecretResponse);
}

void CsmsClient::DeleteSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  impl_->Call("DELETE", SecretPath(*impl_, secret_name), {}, {}, call_options);
}

SecretPage CsmsClient::ListSecrets(const ListSecretsRequest& request,
                                   const CallOptions& call_options) {
  internal::ValidateListSecretsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  if (request.event_name) query.emplace_back("event_name", *request.event_name);
  const HttpResponse response =
      impl_->Call("GET", impl_->config().project_path + "/secrets", query, {}, call_options);
  return DecodeOrThrow(response, internal::DecodeSecretPageResponse);
}

}  // namespace csms
