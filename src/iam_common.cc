// What the IAM providers share: their options' checks, their refreshing
// wrapper, and reading IAM's answers: the token of POST /v3/auth/tokens and
// /v3.0/OS-AUTH/id-token/tokens (X-Subject-Token header, body
// token.expires_at) and the temporary credentials of
// /v3.0/OS-CREDENTIAL/securitytokens. Nothing of an answer is quoted: it
// holds the token or keys.

#include <optional>
#include <string>
#include <utility>

#include "csms/errors.h"
#include "internal/credentials_fetch.h"
#include "internal/error_mapping.h"
#include "internal/iam_endpoint.h"
#include "internal/iam_providers.h"
#include "internal/json_reader.h"
#include "internal/refreshing_credentials.h"
#include "internal/signing_credentials.h"

namespace csms {
namespace internal {

IamConnection CheckedIamConnection(const IamOptions& options, const std::string& owner,
                                   const EnvLookup& getenv, const std::string& profile_endpoint) {
  if (options.refresh_before_expiry.count() < 0) {
    throw ConfigurationError(owner + "::iam.refresh_before_expiry must not be negative");
  }
  return MakeIamConnection(
      options, ResolveIamEndpoint(options.endpoint, options.region, getenv, profile_endpoint));
}

void CheckIamDuration(std::chrono::seconds duration, const std::string& owner) {
  if (duration.count() < 900 || duration.count() > 86400) {
    throw ConfigurationError(owner + "::duration must be 900 to 86400 seconds (what IAM grants)");
  }
}

std::shared_ptr<CredentialsProvider> MakeRefreshingIamProvider(const IamOptions& options,
                                                               std::string source,
                                                               std::function<Credentials()> fetch) {
  RefreshingCredentialsOptions refreshing;
  refreshing.fetch = std::move(fetch);
  refreshing.source = std::move(source);
  refreshing.refresh_before_expiry = options.refresh_before_expiry;
  refreshing.clock = options.clock;
  return std::make_shared<RefreshingCredentials>(std::move(refreshing));
}

std::string SubjectTokenOf(const IamRequest& request, const HttpResponse& answer) {
  std::optional<std::string> token = FindHeader(answer.headers, "X-Subject-Token");
  if (!token || token->empty()) {
    throw IamAnswerError(request, answer, "the answer has no X-Subject-Token header");
  }
  if (auto problem = CredentialsProblem(Credentials::Token(*token))) {
    throw IamAnswerError(
        request, answer,
        "the X-Subject-Token header cannot be sent as X-Auth-Token (" + *problem + ")");
  }
  return std::move(*token);
}

Timestamp TokenExpiryOf(const IamRequest& request, const HttpResponse& answer) {
  std::optional<std::string> expires_at;
  bool found_token = false;
  try {
    JsonReader reader(answer.body);
    if (reader.Peek() != JsonKind::kObject) {
      throw IamAnswerError(request, answer, "the answer is not a JSON object");
    }
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      if (key != "token" || reader.Peek() != JsonKind::kObject) {
        reader.Skip();
        continue;
      }
      found_token = true;
      expires_at.reset();
      reader.BeginObject();
      while (reader.NextMember(&key)) {
        if (key == "expires_at" && reader.Peek() == JsonKind::kString) {
          expires_at = reader.ReadString();
        } else {
          reader.Skip();
        }
      }
    }
    reader.Finish();
  } catch (const DecodeError& e) {
    // DecodeError names a byte offset, never the bytes.
    throw IamAnswerError(request, answer,
                         std::string("the answer is not valid JSON (") + e.what() + ")");
  }
  if (!found_token) throw IamAnswerError(request, answer, "the answer has no \"token\" object");
  if (!expires_at) {
    throw IamAnswerError(request, answer, "token.expires_at is missing from the answer");
  }
  const std::optional<Timestamp> expiry = ParseUtcTime(*expires_at);
  if (!expiry) {
    throw IamAnswerError(
        request, answer,
        "token.expires_at is not a UTC time of the form YYYY-MM-DDTHH:MM:SS[.fraction]Z");
  }
  return *expiry;
}

Credentials SecurityTokensOf(const IamRequest& request, const HttpResponse& answer) {
  return DecodeTemporaryCredentials(
      answer.body, IamCallName(request) + " failed",
      {"credential", "access", "secret", "securitytoken", "expires_at"});
}

}  // namespace internal
}  // namespace csms
