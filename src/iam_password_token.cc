// An IAM user token from a password (IAM API "Obtaining a User Token Through
// Password Authentication" and "... Through Password and Virtual MFA
// Authentication"), sent to CSMS as X-Auth-Token and renewed ahead of expiry.
// The official SDKs have no such source: they refuse token authentication.

#include <memory>
#include <string>
#include <utility>

#include "csms/errors.h"
#include "csms/iam_credentials.h"
#include "internal/iam_call.h"
#include "internal/iam_providers.h"
#include "internal/json_writer.h"
#include "internal/utf8.h"
#include "internal/version_codec.h"

namespace csms {
namespace internal {
namespace {

constexpr const char* kOwner = "PasswordTokenOptions";

class PasswordTokenFetcher {
 public:
  PasswordTokenFetcher(PasswordTokenOptions options, IamConnection connection)
      : options_(std::move(options)), connection_(std::move(connection)) {}
  ~PasswordTokenFetcher() { WipeString(options_.password); }
  PasswordTokenFetcher(const PasswordTokenFetcher&) = delete;
  PasswordTokenFetcher& operator=(const PasswordTokenFetcher&) = delete;

  Credentials Fetch() {
    IamRequest request;
    request.method = "POST";
    request.path = "/v3/auth/tokens";
    request.secrets.push_back(options_.password);
    std::string passcode;
    WipeOnExit wipe_passcode(passcode);
    if (options_.totp) {
      passcode = options_.totp();
      if (passcode.empty() || !IsValidUtf8(passcode)) {
        throw CredentialsError("IAM password token: the totp callback gave no usable passcode");
      }
      request.secrets.push_back(passcode);
    }
    WipeOnExit wipe_body(request.body);
    request.body = Body(passcode);
    HttpResponse answer = CallIam(connection_, request);
    std::string token = SubjectTokenOf(request, answer);
    const Timestamp expiry = TokenExpiryOf(request, answer);
    return Credentials::Token(std::move(token))
        .WithExpiration(expiry)
        .WithSource("iam password token " + connection_.endpoint);
  }

 private:
  // {"auth": {"identity": {"methods": ["password"(, "totp")], "password":
  // {"user": {"name", "password", "domain": {"name"}}}(, "totp": {"user":
  // {"id", "passcode"}})}, "scope": {"project": {"id" | "name"}}}}
  std::string Body(const std::string& passcode) const {
    JsonWriter json(256);
    json.BeginObject();
    json.Key("auth");
    json.BeginObject();
    json.Key("identity");
    json.BeginObject();
    json.Key("methods");
    json.BeginArray();
    json.String("password");
    if (options_.totp) json.String("totp");
    json.EndArray();
    json.Key("password");
    json.BeginObject();
    json.Key("user");
    json.BeginObject();
    json.Key("name");
    json.String(options_.user_name);
    json.Key("password");
    json.String(options_.password);
    json.Key("domain");
    json.BeginObject();
    json.Key("name");
    json.String(options_.domain_name);
    json.EndObject();
    json.EndObject();
    json.EndObject();
    if (options_.totp) {
      json.Key("totp");
      json.BeginObject();
      json.Key("user");
      json.BeginObject();
      json.Key("id");
      json.String(options_.user_id);
      json.Key("passcode");
      json.String(passcode);
      json.EndObject();
      json.EndObject();
    }
    json.EndObject();
    json.Key("scope");
    json.BeginObject();
    json.Key("project");
    json.BeginObject();
    if (!options_.project_id.empty()) {
      json.Key("id");
      json.String(options_.project_id);
    } else {
      json.Key("name");
      json.String(options_.project_name);
    }
    json.EndObject();
    json.EndObject();
    json.EndObject();
    json.EndObject();
    return json.Take();
  }

  PasswordTokenOptions options_;
  const IamConnection connection_;
};

void Require(const std::string& value, const char* field) {
  if (value.empty()) throw ConfigurationError(std::string(kOwner) + "::" + field + " is empty");
  if (!IsValidUtf8(value)) {
    throw ConfigurationError(std::string(kOwner) + "::" + field + " is not valid UTF-8");
  }
}

}  // namespace

std::shared_ptr<CredentialsProvider> MakePasswordTokenProvider(PasswordTokenOptions options,
                                                               const EnvLookup& getenv) {
  Require(options.user_name, "user_name");
  Require(options.domain_name, "domain_name");
  Require(options.password, "password");
  if (options.project_id.empty() == options.project_name.empty()) {
    throw ConfigurationError(std::string(kOwner) +
                             ": set exactly one of project_id and project_name");
  }
  Require(options.project_id.empty() ? options.project_name : options.project_id,
          options.project_id.empty() ? "project_name" : "project_id");
  if (options.totp) Require(options.user_id, "user_id (needed with totp)");
  IamConnection connection = CheckedIamConnection(options.iam, kOwner, getenv);
  const IamOptions iam = options.iam;
  auto fetcher = std::make_shared<PasswordTokenFetcher>(std::move(options), std::move(connection));
  return MakeRefreshingIamProvider(iam, "IAM password token",
                                   [fetcher] { return fetcher->Fetch(); });
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakePasswordTokenProvider(PasswordTokenOptions options) {
  return internal::MakePasswordTokenProvider(std::move(options), &internal::GetEnv);
}

}  // namespace csms
