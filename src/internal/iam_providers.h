#ifndef CSMS_SRC_INTERNAL_IAM_PROVIDERS_H_
#define CSMS_SRC_INTERNAL_IAM_PROVIDERS_H_

// The IAM providers of csms/iam_credentials.h with their environment lookup
// injectable, and what their fetches share: reading IAM's token and
// temporary-credentials answers.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "csms/credentials.h"
#include "csms/http.h"
#include "csms/iam_credentials.h"
#include "internal/environment.h"
#include "internal/iam_call.h"

namespace csms {
namespace internal {

/// The X-Subject-Token header of an IAM token answer.
/// @throws CredentialsError naming the call when it is missing, empty, or
///         cannot be sent as X-Auth-Token (never quoting it).
std::string SubjectTokenOf(const IamRequest& request, const HttpResponse& answer);

/// token.expires_at of an IAM token answer ({"token": {"expires_at": ...}}).
/// @throws CredentialsError naming the call when the body is not JSON, the
///         member is missing or not a UTC time (ParseUtcTime).
Timestamp TokenExpiryOf(const IamRequest& request, const HttpResponse& answer);

/// The temporary AK/SK, security token and expiry of a securitytokens answer
/// ({"credential": {"access", "secret", "securitytoken", "expires_at"}}).
/// @throws CredentialsError naming the call and the field at fault.
Credentials SecurityTokensOf(const IamRequest& request, const HttpResponse& answer);

/// The checks every IAM provider makes of its IamOptions (`owner` names the
/// options struct in messages, "PasswordTokenOptions"), then its connection
/// (ResolveIamEndpoint through getenv with `profile_endpoint`, MakeIamConnection).
/// @throws ConfigurationError for a negative refresh_before_expiry, an
///         unusable endpoint or timeout.
IamConnection CheckedIamConnection(const IamOptions& options, const std::string& owner,
                                   const EnvLookup& getenv,
                                   const std::string& profile_endpoint = {});

/// Throws ConfigurationError("<owner>::duration ...") unless duration is
/// 900 to 86400 s, what IAM grants temporary credentials.
void CheckIamDuration(std::chrono::seconds duration, const std::string& owner);

/// A RefreshingCredentials running `fetch`, named `source`, with the
/// options' refresh_before_expiry and clock.
std::shared_ptr<CredentialsProvider> MakeRefreshingIamProvider(const IamOptions& options,
                                                               std::string source,
                                                               std::function<Credentials()> fetch);

/// MakePasswordTokenProvider with HUAWEICLOUD_SDK_IAM_ENDPOINT read through getenv.
std::shared_ptr<CredentialsProvider> MakePasswordTokenProvider(PasswordTokenOptions options,
                                                               const EnvLookup& getenv);

/// MakeFederatedCredentialsProvider with HUAWEICLOUD_SDK_IAM_ENDPOINT read
/// through getenv, and `profile_endpoint` (a credentials file's
/// iam_endpoint) below it.
std::shared_ptr<CredentialsProvider> MakeFederatedCredentialsProvider(
    FederatedCredentialsOptions options, const EnvLookup& getenv,
    const std::string& profile_endpoint = {});

/// MakeAgencyCredentialsProvider with HUAWEICLOUD_SDK_IAM_ENDPOINT read through getenv.
std::shared_ptr<CredentialsProvider> MakeAgencyCredentialsProvider(
    AgencyCredentialsOptions options, std::shared_ptr<CredentialsProvider> source,
    const EnvLookup& getenv);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_IAM_PROVIDERS_H_
