#include "csms/client.h"

#include <utility>

#include "csms/errors.h"
#include "internal/client_impl.h"
#include "internal/error_annotator.h"
#include "internal/error_mapping.h"
#include "internal/json_codec.h"
#include "internal/pager.h"
#include "internal/reconcile.h"
#include "internal/redactor.h"
#include "internal/url.h"
#include "internal/validation.h"

namespace csms {
namespace {

// The page size ListAll* operations ask for (a server may return fewer).
constexpr int kListAllPageSize = 50;

// Runs a body decoder; a body that does not decode becomes InvalidResponseError
// carrying the response's status and request id, scrubbed of the client's
// credentials and of request_secrets.
template <typename Decoder>
auto DecodeOrThrow(const internal::ClientImpl& impl, const HttpResponse& response, Decoder decode,
                   const std::vector<std::string>& request_secrets = {}) {
  try {
    return decode(response.body);
  } catch (const internal::DecodeError& e) {
    internal::ThrowInvalidResponse(
        response, e.what(), internal::CallRedactor(impl.config().credentials, request_secrets));
  }
}

// Whether a failed create may have reached the service. Resolve and connect
// failures provably sent nothing (and were already retried); a TLS failure
// happens before any request byte is sent.
bool IsAmbiguous(const TransportError& error) {
  return error.kind() != TransportError::Kind::kResolve &&
         error.kind() != TransportError::Kind::kConnect &&
         error.kind() != TransportError::Kind::kTls;
}

// After an ambiguous create failure: look the resource up by name. Returns it
// when it is exactly what was asked for; otherwise marks `failure` as having an
// unknown outcome, saying what the check found, and returns nothing so that the
// caller rethrows it with its own type.
template <typename Resource, typename Show, typename Matches>
std::optional<Resource> Reconcile(const char* kind, CsmsError& failure, Show show,
                                  Matches matches) {
  try {
    Resource existing = show();
    if (matches(existing)) return existing;
    internal::ErrorAnnotator::MarkOutcomeUnknown(
        failure, std::string("a ") + kind +
                     " of that name exists but differs from the request (it may be someone "
                     "else's)");
  } catch (const NotFoundError&) {
    internal::ErrorAnnotator::MarkOutcomeUnknown(
        failure, std::string("no ") + kind +
                     " of that name exists now; the create may have failed or may still be in "
                     "progress, so look again before creating it again");
  } catch (const CsmsError& check) {
    internal::ErrorAnnotator::MarkOutcomeUnknown(
        failure,
        std::string("checking whether the ") + kind + " exists failed too (" + check.what() + ")");
  }
  return std::nullopt;
}

// Runs a create; after an ambiguous failure, reconciles instead of failing
// (and rethrows the failure, marked, when that cannot establish the outcome).
template <typename Resource, typename Create, typename Show, typename Matches>
Resource CreateOrReconcile(const char* kind, Create create, Show show, Matches matches) {
  try {
    return create();
  } catch (TransportError& e) {
    if (!IsAmbiguous(e)) throw;
    if (auto found = Reconcile<Resource>(kind, e, show, matches)) return std::move(*found);
    throw;
  } catch (ServerError& e) {
    if (auto found = Reconcile<Resource>(kind, e, show, matches)) return std::move(*found);
    throw;
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
  const auto spec = internal::CallSpec::Create(impl_->config().project_path + "/csms/events",
                                               internal::EncodeCreateSecretEventBody(request));
  const auto show = [&] { return ShowSecretEvent(request.name, call_options); };
  const auto matches = [&](const Event& found) { return internal::MatchesRequest(found, request); };
  return CreateOrReconcile<Event>(
      "event",
      [&] {
        return DecodeOrThrow(*impl_, impl_->Call(spec, call_options),
                             internal::DecodeEventResponse);
      },
      show, matches);
}

Event CsmsClient::ShowSecretEvent(const std::string& event_name, const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  const HttpResponse response =
      impl_->Call(internal::CallSpec::Get(EventPath(*impl_, event_name)), call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeEventResponse);
}

Event CsmsClient::UpdateSecretEvent(const std::string& event_name,
                                    const UpdateSecretEventRequest& request,
                                    const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  internal::ValidateUpdateSecretEventRequest(request);
  const HttpResponse response =
      impl_->Call(internal::CallSpec::Put(EventPath(*impl_, event_name),
                                          internal::EncodeUpdateSecretEventBody(request)),
                  call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeEventResponse);
}

void CsmsClient::DeleteSecretEvent(const std::string& event_name, const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  // 204 with an empty body; any body a gateway adds is ignored.
  impl_->Call(internal::CallSpec::Delete(EventPath(*impl_, event_name)), call_options);
}

EventPage CsmsClient::ListSecretEvents(const ListSecretEventsRequest& request,
                                       const CallOptions& call_options) {
  internal::ValidateListSecretEventsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(impl_->config().project_path + "/csms/events", std::move(query)),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeEventPageResponse);
}

std::vector<Event> CsmsClient::ListAllSecretEvents(const CallOptions& call_options) {
  return internal::ListAll<Event>(
      "ListSecretEvents", [&](const std::optional<std::string>& marker) {
        ListSecretEventsRequest request;
        request.limit = kListAllPageSize;
        request.marker = marker;
        EventPage page = ListSecretEvents(request, call_options);
        return std::make_pair(std::move(page.events), std::move(page.page_info));
      });
}

NotificationRecordPage CsmsClient::ListNotificationRecords(const CallOptions& call_options) {
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(impl_->config().project_path + "/csms/notification-records"),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeRecordPageResponse);
}

Secret CsmsClient::CreateSecret(const CreateSecretRequest& request,
                                const CallOptions& call_options) {
  internal::ValidateCreateSecretRequest(request);
  auto spec = internal::CallSpec::Create(impl_->config().project_path + "/secrets",
                                         internal::EncodeCreateSecretBody(request));
  spec.request_secrets = internal::RequestSecrets(request);
  const auto show = [&] { return ShowSecret(request.name, call_options); };
  const auto matches = [&](const Secret& found) {
    return internal::MatchesRequest(found, request);
  };
  return CreateOrReconcile<Secret>(
      "secret",
      [&] {
        return DecodeOrThrow(*impl_, impl_->Call(spec, call_options),
                             internal::DecodeSecretResponse, spec.request_secrets);
      },
      show, matches);
}

Secret CsmsClient::ShowSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  const HttpResponse response =
      impl_->Call(internal::CallSpec::Get(SecretPath(*impl_, secret_name)), call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretResponse);
}

Secret CsmsClient::UpdateSecret(const std::string& secret_name, const UpdateSecretRequest& request,
                                const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateUpdateSecretRequest(request);
  const HttpResponse response =
      impl_->Call(internal::CallSpec::Put(SecretPath(*impl_, secret_name),
                                          internal::EncodeUpdateSecretBody(request)),
                  call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretResponse);
}

void CsmsClient::DeleteSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  impl_->Call(internal::CallSpec::Delete(SecretPath(*impl_, secret_name)), call_options);
}

SecretPage CsmsClient::ListSecrets(const ListSecretsRequest& request,
                                   const CallOptions& call_options) {
  internal::ValidateListSecretsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  if (request.event_name) query.emplace_back("event_name", *request.event_name);
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(impl_->config().project_path + "/secrets", std::move(query)),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretPageResponse);
}

}  // namespace csms
