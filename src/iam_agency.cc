// Temporary AK/SK of an agency (assume role; IAM "Obtaining a Temporary
// Access Key and Security Token Through an Agency"), signed with a source
// provider's credentials and renewed ahead of expiry. The official SDKs have
// no refreshing agency source.

#include <memory>
#include <string>
#include <utility>

#include "csms/errors.h"
#include "csms/iam_credentials.h"
#include "internal/iam_call.h"
#include "internal/iam_providers.h"
#include "internal/json_writer.h"
#include "internal/utf8.h"

namespace csms {
namespace internal {
namespace {

constexpr const char* kOwner = "AgencyCredentialsOptions";

class AgencyFetcher {
 public:
  AgencyFetcher(AgencyCredentialsOptions options, std::shared_ptr<CredentialsProvider> source,
                IamConnection connection)
      : options_(std::move(options)),
        source_(std::move(source)),
        connection_(std::move(connection)),
        body_(Body(options_)) {}

  Credentials Fetch() {
    try {
      return Assume();
    } catch (const CredentialsError& e) {
      // The source's credentials were refused (expired, revoked): once, ask
      // it for new ones. Any other failure is the fetch's.
      if (e.status_code() != 401) throw;
    }
    source_->Invalidate();
    return Assume();
  }

 private:
  Credentials Assume() const {
    const Credentials signing = source_->Get();
    if (signing.kind() != Credentials::Kind::kAkSk && signing.kind() != Credentials::Kind::kToken) {
      throw CredentialsError("IAM agency " + options_.agency_name +
                             ": the source provider gave no AK/SK or token to sign with");
    }
    IamRequest request;
    request.method = "POST";
    request.path = "/v3.0/OS-CREDENTIAL/securitytokens";
    request.sign_with = &signing;
    request.body = body_;
    const HttpResponse answer = CallIam(connection_, request);
    return SecurityTokensOf(request, answer)
        .WithSource("iam agency " + options_.agency_name + " " + connection_.endpoint);
  }

  // {"auth": {"identity": {"methods": ["assume_role"], "assume_role":
  // {"agency_name", "domain_name" | "domain_id", "duration_seconds",
  // "session_user": {"name"}}}}}
  static std::string Body(const AgencyCredentialsOptions& options) {
    JsonWriter json(256);
    json.BeginObject();
    json.Key("auth");
    json.BeginObject();
    json.Key("identity");
    json.BeginObject();
    json.Key("methods");
    json.BeginArray();
    json.String("assume_role");
    json.EndArray();
    json.Key("assume_role");
    json.BeginObject();
    json.Key("agency_name");
    json.String(options.agency_name);
    if (!options.domain_name.empty()) {
      json.Key("domain_name");
      json.String(options.domain_name);
    } else {
      json.Key("domain_id");
      json.String(options.domain_id);
    }
    json.Key("duration_seconds");
    json.Int(options.duration.count());
    if (!options.session_user.empty()) {
      json.Key("session_user");
      json.BeginObject();
      json.Key("name");
      json.String(options.session_user);
      json.EndObject();
    }
    json.EndObject();
    json.EndObject();
    json.EndObject();
    json.EndObject();
    return json.Take();
  }

  const AgencyCredentialsOptions options_;
  const std::shared_ptr<CredentialsProvider> source_;
  const IamConnection connection_;
  const std::string body_;
};

void RequireUtf8(const std::string& value, const char* field) {
  if (!IsValidUtf8(value)) {
    throw ConfigurationError(std::string(kOwner) + "::" + field + " is not valid UTF-8");
  }
}

}  // namespace

std::shared_ptr<CredentialsProvider> MakeAgencyCredentialsProvider(
    AgencyCredentialsOptions options, std::shared_ptr<CredentialsProvider> source,
    const EnvLookup& getenv) {
  if (!source) throw ConfigurationError(std::string(kOwner) + ": the source provider is null");
  if (options.agency_name.empty()) {
    throw ConfigurationError(std::string(kOwner) + "::agency_name is empty");
  }
  if (options.domain_name.empty() == options.domain_id.empty()) {
    throw ConfigurationError(std::string(kOwner) +
                             ": set exactly one of domain_name and domain_id");
  }
  RequireUtf8(options.agency_name, "agency_name");
  RequireUtf8(options.domain_name, "domain_name");
  RequireUtf8(options.domain_id, "domain_id");
  RequireUtf8(options.session_user, "session_user");
  CheckIamDuration(options.duration, kOwner);
  IamConnection connection = CheckedIamConnection(options.iam, kOwner, getenv);
  const IamOptions iam = options.iam;
  const std::string name = "IAM agency " + options.agency_name;
  auto fetcher =
      std::make_shared<AgencyFetcher>(std::move(options), std::move(source), std::move(connection));
  return MakeRefreshingIamProvider(iam, name, [fetcher] { return fetcher->Fetch(); });
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakeAgencyCredentialsProvider(
    AgencyCredentialsOptions options, std::shared_ptr<CredentialsProvider> source) {
  return internal::MakeAgencyCredentialsProvider(std::move(options), std::move(source),
                                                 &internal::GetEnv);
}

}  // namespace csms
