// An IAM user token from a password (IAM API "Obtaining a User Token Through
// Password Authentication" and "... Through Password and Virtual MFA
// Authentication"), sent to CSMS as X-Auth-Token and renewed ahead of expiry.
// The official SDKs have no such source: they refuse token authentication.

#include <cstddef>
#include <memory>
#include <new>
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
// A virtual MFA passcode is 6 digits; this leaves room for other schemes.
constexpr std::size_t kMaxPasscodeBytes = 64;

class PasswordTokenFetcher {
 public:
  // A copy, not a move: a short password moved out of a string stays in its
  // inline buffer, so every copy is wiped by its owner instead.
  PasswordTokenFetcher(const PasswordTokenOptions& options, IamConnection connection)
      : options_(options), connection_(std::move(connection)) {}
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
      passcode = Passcode();
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
  // A fresh passcode from the user's callback, checked before anything is
  // sent. Its failure is named (the callback's own text is not repeated: it
  // may quote a passcode or a seed), and a passcode is a few digits: a
  // callback returning megabytes is a mistake, not something to post to IAM.
  std::string Passcode() const {
    std::string passcode;
    try {
      passcode = options_.totp();
    } catch (const std::bad_alloc&) {
      throw;
    } catch (...) {
      throw CredentialsError("IAM password token: the totp callback failed (it threw)");
    }
    bool usable = !passcode.empty() && passcode.size() <= kMaxPasscodeBytes;
    for (char c : passcode) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte <= 0x20 || byte >= 0x7f) usable = false;
    }
    if (!usable) {
      WipeString(passcode);
      throw CredentialsError(
          "IAM password token: the totp callback gave no usable passcode (1 to " +
          std::to_string(kMaxPasscodeBytes) + " printable ASCII characters)");
    }
    return passcode;
  }

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
  const WipeOnExit wipe_password(options.password);  // this copy, on success or error
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
  auto fetcher = std::make_shared<PasswordTokenFetcher>(options, std::move(connection));
  return MakeRefreshingIamProvider(iam, "IAM password token",
                                   [fetcher] { return fetcher->Fetch(); });
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakePasswordTokenProvider(PasswordTokenOptions options) {
  const internal::WipeOnExit wipe_password(options.password);
  return internal::MakePasswordTokenProvider(options, &internal::GetEnv);
}

}  // namespace csms
