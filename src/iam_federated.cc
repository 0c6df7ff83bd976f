// Temporary AK/SK for a federated (OpenID Connect) identity, renewed ahead of
// expiry: the id token (IAM "Obtaining a Token with an OpenID Connect ID
// Token") for an unscoped token, that token for temporary credentials ("...
// Temporary Access Key and Security Token Through a Token"), as
// huaweicloud-sdk-go-v3 core/auth/base_credentials.go does for its
// IdpId/IdTokenFile credentials (there with the global endpoint whatever the
// region).

#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "csms/errors.h"
#include "csms/iam_credentials.h"
#include "internal/bounded_file.h"
#include "internal/iam_call.h"
#include "internal/iam_providers.h"
#include "internal/json_writer.h"
#include "internal/utf8.h"
#include "internal/version_codec.h"

namespace csms {
namespace internal {
namespace {

constexpr const char* kOwner = "FederatedCredentialsOptions";
constexpr const char* kSource = "IAM federated";
// An id token is a JWT of a few KiB.
constexpr std::size_t kMaxIdTokenBytes = std::size_t{64} * 1024;

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class FederatedFetcher {
 public:
  FederatedFetcher(FederatedCredentialsOptions options, IamConnection connection)
      : options_(std::move(options)), connection_(std::move(connection)) {}

  Credentials Fetch() {
    std::string id_token = ReadIdToken();
    WipeOnExit wipe_id_token(id_token);
    std::string token = UnscopedToken(id_token);
    WipeOnExit wipe_token(token);
    return TemporaryCredentials(token, id_token)
        .WithSource("iam federated " + connection_.endpoint);
  }

 private:
  // The id token as the file holds it now (it rotates), surrounding blanks trimmed.
  std::string ReadIdToken() const {
    const std::string& file = options_.id_token_file;
    BoundedFile read = ReadBoundedFile(file, kMaxIdTokenBytes);
    WipeOnExit wipe_read(read.content);
    switch (read.status) {
      case BoundedFile::Status::kOk:
        break;
      case BoundedFile::Status::kTooLarge:
        throw CredentialsError(std::string(kSource) + ": the id token file " + file +
                               " is larger than 64 KiB");
      case BoundedFile::Status::kNotFound:
        throw CredentialsError(std::string(kSource) + ": the id token file " + file +
                               " does not exist");
      case BoundedFile::Status::kUnreadable:
        throw CredentialsError(std::string(kSource) + ": the id token file " + file +
                               " cannot be read");
    }
    std::size_t begin = 0;
    std::size_t end = read.content.size();
    while (begin < end && IsBlank(read.content[begin])) ++begin;
    while (end > begin && IsBlank(read.content[end - 1])) --end;
    if (begin == end) {
      throw CredentialsError(std::string(kSource) + ": the id token file " + file + " is empty");
    }
    std::string token = read.content.substr(begin, end - begin);
    if (!IsValidUtf8(token)) {
      WipeString(token);
      throw CredentialsError(std::string(kSource) + ": the id token file " + file +
                             " is not UTF-8 text");
    }
    return token;
  }

  // POST /v3.0/OS-AUTH/id-token/tokens, X-Idp-Id, {"auth": {"id_token": {"id"}}}.
  std::string UnscopedToken(const std::string& id_token) const {
    IamRequest request;
    request.method = "POST";
    request.path = "/v3.0/OS-AUTH/id-token/tokens";
    request.headers = {{"X-Idp-Id", options_.idp_id}};
    request.secrets.push_back(id_token);
    WipeOnExit wipe_body(request.body);
    JsonWriter json(id_token.size() + 64);
    json.BeginObject();
    json.Key("auth");
    json.BeginObject();
    json.Key("id_token");
    json.BeginObject();
    json.Key("id");
    json.String(id_token);
    json.EndObject();
    json.EndObject();
    json.EndObject();
    request.body = json.Take();
    const HttpResponse answer = CallIam(connection_, request);
    return SubjectTokenOf(request, answer);
  }

  // POST /v3.0/OS-CREDENTIAL/securitytokens with X-Auth-Token, {"auth":
  // {"identity": {"methods": ["token"], "token": {"id", "duration_seconds"}}}}.
  // IAM may echo the id token here too: it is blanked out as well.
  Credentials TemporaryCredentials(const std::string& token, const std::string& id_token) const {
    const Credentials auth = Credentials::Token(token);
    IamRequest request;
    request.secrets.push_back(id_token);
    request.method = "POST";
    request.path = "/v3.0/OS-CREDENTIAL/securitytokens";
    request.sign_with = &auth;
    WipeOnExit wipe_body(request.body);
    JsonWriter json(token.size() + 128);
    json.BeginObject();
    json.Key("auth");
    json.BeginObject();
    json.Key("identity");
    json.BeginObject();
    json.Key("methods");
    json.BeginArray();
    json.String("token");
    json.EndArray();
    json.Key("token");
    json.BeginObject();
    json.Key("id");
    json.String(token);
    json.Key("duration_seconds");
    json.Int(options_.duration.count());
    json.EndObject();
    json.EndObject();
    json.EndObject();
    json.EndObject();
    request.body = json.Take();
    const HttpResponse answer = CallIam(connection_, request);
    return SecurityTokensOf(request, answer);
  }

  const FederatedCredentialsOptions options_;
  const IamConnection connection_;
};

}  // namespace

std::shared_ptr<CredentialsProvider> MakeFederatedCredentialsProvider(
    FederatedCredentialsOptions options, const EnvLookup& getenv,
    const std::string& profile_endpoint) {
  if (options.idp_id.empty()) throw ConfigurationError(std::string(kOwner) + "::idp_id is empty");
  for (char c : options.idp_id) {
    // It becomes the X-Idp-Id header.
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      throw ConfigurationError(std::string(kOwner) + "::idp_id holds a control character");
    }
  }
  if (options.id_token_file.empty()) {
    throw ConfigurationError(std::string(kOwner) + "::id_token_file is empty");
  }
  CheckIamDuration(options.duration, kOwner);
  IamConnection connection = CheckedIamConnection(options.iam, kOwner, getenv, profile_endpoint);
  const IamOptions iam = options.iam;
  auto fetcher = std::make_shared<FederatedFetcher>(std::move(options), std::move(connection));
  return MakeRefreshingIamProvider(iam, kSource, [fetcher] { return fetcher->Fetch(); });
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakeFederatedCredentialsProvider(
    FederatedCredentialsOptions options) {
  return internal::MakeFederatedCredentialsProvider(std::move(options), &internal::GetEnv);
}

}  // namespace csms
