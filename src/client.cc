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
#include "internal/saturating_time.h"
#include "internal/url.h"
#include "internal/validation.h"
#include "internal/version_codec.h"

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
    internal::ClientImpl::RecentCredentials credentials;
    internal::ThrowInvalidResponse(response, e.what(),
                                   impl.ResponseRedactor(request_secrets, &credentials));
  }
}

// After an ambiguous create failure: looks the resource up by name. Returns the
// lookup's response when the resource is exactly what was asked for; otherwise
// marks `failure` as having an unknown outcome, saying what the check found, and
// returns nothing so that the call rethrows it with its own type.
template <typename Lookup, typename Decoder, typename Matches>
std::optional<HttpResponse> Reconcile(const internal::ClientImpl& impl, const char* kind,
                                      CsmsError& failure, Lookup lookup, Decoder decode,
                                      Matches matches) {
  try {
    HttpResponse response = lookup();
    if (matches(DecodeOrThrow(impl, response, decode))) return response;
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

// A create's call, reconciled after an ambiguous failure by showing `show_path`
// (the create's response and the show's decode alike). The lookup spends the
// create's deadline: one budget for the whole call. request_secrets: the secret
// values the body carries, scrubbed from whatever the server sends back.
template <typename Decoder, typename Matches>
internal::CallSpec CreateSpec(const internal::ClientImpl& impl, const char* kind,
                              std::string create_path, std::string body, std::string show_path,
                              const CallOptions& call_options, Decoder decode, Matches matches,
                              std::vector<std::string> request_secrets = {}) {
  internal::CallSpec spec = internal::CallSpec::Create(std::move(create_path), std::move(body));
  spec.request_secrets = std::move(request_secrets);
  spec.reconcile =
      [&impl, kind, show = internal::CallSpec::Get(std::move(show_path)), &call_options, decode,
       matches](CsmsError& failure, internal::SteadyTime deadline) -> std::optional<HttpResponse> {
    if (internal::TimeLeft(impl.config().monotonic_clock(), deadline).count() == 0) {
      internal::ErrorAnnotator::MarkOutcomeUnknown(
          failure,
          std::string("the call deadline left no time to check whether the ") + kind + " exists");
      return std::nullopt;
    }
    return Reconcile(
        impl, kind, failure, [&] { return impl.Call(show, call_options, deadline); }, decode,
        matches);
  };
  return spec;
}

}  // namespace

CsmsClient::CsmsClient(ClientOptions options)
    : impl_(std::make_shared<const internal::ClientImpl>(
          internal::ResolveClientConfig(std::move(options)))) {}

namespace {

// Paths are built from validated names; PercentEncode is the same encoding the
// signer canonicalises with, so the signed path and the sent path agree.
std::string EventPath(const internal::ClientImpl& impl, const std::string& event_name,
                      const CallOptions& call_options) {
  return impl.ProjectPath(call_options) + "/csms/events/" + internal::PercentEncode(event_name);
}

std::string SecretPath(const internal::ClientImpl& impl, const std::string& secret_name,
                       const CallOptions& call_options) {
  return impl.ProjectPath(call_options) + "/secrets/" + internal::PercentEncode(secret_name);
}

std::string VersionsPath(const internal::ClientImpl& impl, const std::string& secret_name,
                         const CallOptions& call_options) {
  return SecretPath(impl, secret_name, call_options) + "/versions";
}

// A POST that is not idempotent and that no lookup can settle (a new version,
// a rotation: the service numbers versions itself, so "the one this call made"
// cannot be told from one made by anyone else). It is re-sent only on proof
// that it never left; any other ambiguous failure is thrown as outcome
// unknown, saying what to check.
internal::CallSpec UnsettledPostSpec(std::string path, std::string body,
                                     std::string what_to_check) {
  internal::CallSpec spec = internal::CallSpec::Create(std::move(path), std::move(body));
  spec.reconcile = [what_to_check = std::move(what_to_check)](
                       CsmsError& failure, internal::SteadyTime) -> std::optional<HttpResponse> {
    internal::ErrorAnnotator::MarkOutcomeUnknown(failure, what_to_check);
    return std::nullopt;
  };
  return spec;
}

// A POST that moves a secret into a state (scheduled deletion, restored): not
// sent twice, but an ambiguous failure is settled by showing the secret
// within the same deadline. settled(secret) says whether the state was reached;
// unsettled_finding says what the check found when it was not.
template <typename Settled>
internal::CallSpec SecretStateSpec(const internal::ClientImpl& impl, std::string path,
                                   std::string body, const std::string& secret_name,
                                   const CallOptions& call_options, Settled settled,
                                   const char* unsettled_finding) {
  internal::CallSpec spec = internal::CallSpec::Create(std::move(path), std::move(body));
  spec.reconcile =
      [&impl, show = internal::CallSpec::Get(SecretPath(impl, secret_name, call_options)),
       &call_options, settled, unsettled_finding](
          CsmsError& failure, internal::SteadyTime deadline) -> std::optional<HttpResponse> {
    if (internal::TimeLeft(impl.config().monotonic_clock(), deadline).count() == 0) {
      internal::ErrorAnnotator::MarkOutcomeUnknown(
          failure, "the call deadline left no time to check the secret's state");
      return std::nullopt;
    }
    try {
      HttpResponse response = impl.Call(show, call_options, deadline);
      if (settled(DecodeOrThrow(impl, response, internal::DecodeSecretResponse))) return response;
      internal::ErrorAnnotator::MarkOutcomeUnknown(
          failure, std::string("the secret ") + unsettled_finding +
                       "; the request may have failed or may still be in progress");
    } catch (const CsmsError& check) {
      internal::ErrorAnnotator::MarkOutcomeUnknown(
          failure, std::string("checking the secret's state failed too (") + check.what() + ")");
    }
    return std::nullopt;
  };
  return spec;
}

// Zeroes a response body that carried a secret value, however the call ends.
class BodyWiper {
 public:
  explicit BodyWiper(HttpResponse& response) : response_(response) {}
  ~BodyWiper() { internal::WipeString(response_.body); }
  BodyWiper(const BodyWiper&) = delete;
  BodyWiper& operator=(const BodyWiper&) = delete;

 private:
  HttpResponse& response_;
};

}  // namespace

Event CsmsClient::CreateSecretEvent(const CreateSecretEventRequest& request,
                                    const CallOptions& call_options) {
  internal::ValidateCreateSecretEventRequest(request);
  auto spec = CreateSpec(
      *impl_, "event", impl_->ProjectPath(call_options) + "/csms/events",
      internal::EncodeCreateSecretEventBody(request), EventPath(*impl_, request.name, call_options),
      call_options, internal::DecodeEventResponse,
      [&](const Event& found) { return internal::MatchesRequest(found, request); });
  spec.operation = "CreateSecretEvent";
  return DecodeOrThrow(*impl_, impl_->Call(spec, call_options), internal::DecodeEventResponse);
}

Event CsmsClient::ShowSecretEvent(const std::string& event_name, const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(EventPath(*impl_, event_name, call_options)).Named("ShowSecretEvent"),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeEventResponse);
}

Event CsmsClient::UpdateSecretEvent(const std::string& event_name,
                                    const UpdateSecretEventRequest& request,
                                    const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  internal::ValidateUpdateSecretEventRequest(request);
  const HttpResponse response =
      impl_->Call(internal::CallSpec::Put(EventPath(*impl_, event_name, call_options),
                                          internal::EncodeUpdateSecretEventBody(request))
                      .Named("UpdateSecretEvent"),
                  call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeEventResponse);
}

void CsmsClient::DeleteSecretEvent(const std::string& event_name, const CallOptions& call_options) {
  internal::ValidateName("event_name", event_name);
  // 204 with an empty body; any body a gateway adds is ignored.
  impl_->Call(internal::CallSpec::Delete(EventPath(*impl_, event_name, call_options))
                  .Named("DeleteSecretEvent"),
              call_options);
}

namespace {

// One page of ListSecretEvents within `deadline`, so that a list-all spends
// one budget across all its pages.
EventPage ListSecretEventsPage(const internal::ClientImpl& impl,
                               const ListSecretEventsRequest& request,
                               const CallOptions& call_options, internal::SteadyTime deadline) {
  internal::ValidateListSecretEventsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  const HttpResponse response = impl.Call(
      internal::CallSpec::Get(impl.ProjectPath(call_options) + "/csms/events", std::move(query))
          .Named("ListSecretEvents"),
      call_options, deadline);
  return DecodeOrThrow(impl, response, internal::DecodeEventPageResponse);
}

}  // namespace

EventPage CsmsClient::ListSecretEvents(const ListSecretEventsRequest& request,
                                       const CallOptions& call_options) {
  return ListSecretEventsPage(*impl_, request, call_options, impl_->DeadlineFor(call_options));
}

std::vector<Event> CsmsClient::ListAllSecretEvents(const CallOptions& call_options) {
  // One budget for the whole listing: the call deadline bounds every page together.
  const internal::SteadyTime deadline = impl_->DeadlineFor(call_options);
  return internal::ListAll<Event>(
      "ListSecretEvents", [&](const std::optional<std::string>& marker) {
        ListSecretEventsRequest request;
        request.limit = kListAllPageSize;
        request.marker = marker;
        EventPage page = ListSecretEventsPage(*impl_, request, call_options, deadline);
        return std::make_pair(std::move(page.events), std::move(page.page_info));
      });
}

NotificationRecordPage CsmsClient::ListNotificationRecords(const CallOptions& call_options) {
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(impl_->ProjectPath(call_options) + "/csms/notification-records")
          .Named("ListNotificationRecords"),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeRecordPageResponse);
}

Secret CsmsClient::CreateSecret(const CreateSecretRequest& request,
                                const CallOptions& call_options) {
  internal::ValidateCreateSecretRequest(request);
  auto spec = CreateSpec(
      *impl_, "secret", impl_->ProjectPath(call_options) + "/secrets",
      internal::EncodeCreateSecretBody(request), SecretPath(*impl_, request.name, call_options),
      call_options, internal::DecodeSecretResponse,
      [&](const Secret& found) { return internal::MatchesRequest(found, request); },
      internal::RequestSecrets(request));
  spec.operation = "CreateSecret";
  return DecodeOrThrow(*impl_, impl_->Call(spec, call_options), internal::DecodeSecretResponse,
                       spec.request_secrets);
}

Secret CsmsClient::ShowSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(SecretPath(*impl_, secret_name, call_options)).Named("ShowSecret"),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretResponse);
}

Secret CsmsClient::UpdateSecret(const std::string& secret_name, const UpdateSecretRequest& request,
                                const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateUpdateSecretRequest(request);
  const HttpResponse response =
      impl_->Call(internal::CallSpec::Put(SecretPath(*impl_, secret_name, call_options),
                                          internal::EncodeUpdateSecretBody(request))
                      .Named("UpdateSecret"),
                  call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretResponse);
}

void CsmsClient::DeleteSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  impl_->Call(internal::CallSpec::Delete(SecretPath(*impl_, secret_name, call_options))
                  .Named("DeleteSecret"),
              call_options);
}

SecretPage CsmsClient::ListSecrets(const ListSecretsRequest& request,
                                   const CallOptions& call_options) {
  internal::ValidateListSecretsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  if (request.event_name) query.emplace_back("event_name", *request.event_name);
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Get(impl_->ProjectPath(call_options) + "/secrets", std::move(query))
          .Named("ListSecrets"),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretPageResponse);
}

SecretVersion CsmsClient::CreateSecretVersion(const std::string& secret_name,
                                              const CreateSecretVersionRequest& request,
                                              const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateCreateSecretVersionRequest(request);
  internal::CallSpec spec = UnsettledPostSpec(
      VersionsPath(*impl_, secret_name, call_options),
      internal::EncodeCreateSecretVersionBody(request),
      "CreateSecretVersion is not idempotent and was not sent again; a version may have been "
      "created, so list the secret's versions before creating another");
  spec.request_secrets = internal::RequestSecrets(request);
  spec.operation = "CreateSecretVersion";
  return DecodeOrThrow(*impl_, impl_->Call(spec, call_options),
                       internal::DecodeSecretVersionResponse, spec.request_secrets);
}

namespace {

SecretVersionPage ListSecretVersionsPage(const internal::ClientImpl& impl,
                                         const std::string& secret_name,
                                         const ListSecretVersionsRequest& request,
                                         const CallOptions& call_options,
                                         internal::SteadyTime deadline) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateListSecretVersionsRequest(request);
  internal::QueryParams query;
  if (request.limit) query.emplace_back("limit", std::to_string(*request.limit));
  if (request.marker) query.emplace_back("marker", *request.marker);
  const HttpResponse response = impl.Call(
      internal::CallSpec::Get(VersionsPath(impl, secret_name, call_options), std::move(query))
          .Named("ListSecretVersions"),
      call_options, deadline);
  return DecodeOrThrow(impl, response, internal::DecodeSecretVersionPageResponse);
}

}  // namespace

SecretVersionPage CsmsClient::ListSecretVersions(const std::string& secret_name,
                                                 const ListSecretVersionsRequest& request,
                                                 const CallOptions& call_options) {
  return ListSecretVersionsPage(*impl_, secret_name, request, call_options,
                                impl_->DeadlineFor(call_options));
}

std::vector<SecretVersion> CsmsClient::ListAllSecretVersions(const std::string& secret_name,
                                                             const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  const internal::SteadyTime deadline = impl_->DeadlineFor(call_options);
  return internal::ListAll<SecretVersion>(
      "ListSecretVersions", [&](const std::optional<std::string>& marker) {
        ListSecretVersionsRequest request;
        request.limit = kListAllPageSize;
        request.marker = marker;
        SecretVersionPage page =
            ListSecretVersionsPage(*impl_, secret_name, request, call_options, deadline);
        return std::make_pair(std::move(page.versions), std::move(page.page_info));
      });
}

SecretVersionWithValue CsmsClient::ShowSecretVersion(const std::string& secret_name,
                                                     const std::string& version_id,
                                                     const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateVersionId("version_id", version_id, true);
  HttpResponse response = impl_->Call(
      internal::CallSpec::Get(VersionsPath(*impl_, secret_name, call_options) + "/" + version_id)
          .Named("ShowSecretVersion"),
      call_options);
  const BodyWiper wipe(response);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretVersionWithValueResponse);
}

SecretVersion CsmsClient::UpdateSecretVersion(const std::string& secret_name,
                                              const std::string& version_id,
                                              const UpdateSecretVersionRequest& request,
                                              const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateVersionId("version_id", version_id, true);
  internal::ValidateUpdateSecretVersionRequest(request);
  const HttpResponse response = impl_->Call(
      internal::CallSpec::Put(VersionsPath(*impl_, secret_name, call_options) + "/" + version_id,
                              internal::EncodeUpdateSecretVersionBody(request))
          .Named("UpdateSecretVersion"),
      call_options);
  return DecodeOrThrow(*impl_, response, internal::DecodeSecretVersionResponse);
}

void CsmsClient::RotateSecret(const std::string& secret_name, const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::CallSpec spec = UnsettledPostSpec(
      SecretPath(*impl_, secret_name, call_options) + "/rotate", "",
      "RotateSecret is not idempotent and was not sent again; the secret may have been rotated, "
      "so look at its versions before rotating again");
  // The answer (version id, task id) is not needed: an empty 200 is a success.
  spec.response_body_required = false;
  spec.operation = "RotateSecret";
  impl_->Call(spec, call_options);
}

void CsmsClient::DeleteSecretForSchedule(const std::string& secret_name,
                                         int recovery_window_in_days,
                                         const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::ValidateRecoveryWindow(recovery_window_in_days);
  internal::CallSpec spec = SecretStateSpec(
      *impl_, SecretPath(*impl_, secret_name, call_options) + "/scheduled-deleted-tasks/create",
      internal::EncodeDeleteSecretForScheduleBody(recovery_window_in_days), secret_name,
      call_options, [](const Secret& secret) { return secret.state == "PENDING_DELETE"; },
      "is not PENDING_DELETE now");
  spec.response_body_required = false;
  spec.operation = "DeleteSecretForSchedule";
  impl_->Call(spec, call_options);
}

void CsmsClient::RestoreSecretFromDeleteSchedule(const std::string& secret_name,
                                                 const CallOptions& call_options) {
  internal::ValidateName("secret_name", secret_name);
  internal::CallSpec spec = SecretStateSpec(
      *impl_, SecretPath(*impl_, secret_name, call_options) + "/scheduled-deleted-tasks/cancel", "",
      secret_name, call_options,
      [](const Secret& secret) { return secret.state != "PENDING_DELETE"; },
      "is still PENDING_DELETE");
  spec.response_body_required = false;
  spec.operation = "RestoreSecretFromDeleteSchedule";
  impl_->Call(spec, call_options);
}

}  // namespace csms
