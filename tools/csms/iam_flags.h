#ifndef CSMS_TOOLS_CSMS_IAM_FLAGS_H_
#define CSMS_TOOLS_CSMS_IAM_FLAGS_H_

// The credentials the global flags ask for: the default sources
// (CredentialsProviderFor), or an IAM password token (--auth password), and
// optionally an agency assumed over either (--agency-name).

#include <memory>

#include "config.h"
#include "csms/credentials_provider.h"
#include "csms/options.h"

namespace csms_tool {

/// The provider for options (as ServiceOptions built it from flags):
///  - --auth password: csms::MakePasswordTokenProvider for --user-name and
///    --domain-name, the password from --password-file or, on a terminal, a
///    prompt without echo; the token is scoped to the project id when there is
///    one, else to the project named after the region;
///  - otherwise CredentialsProviderFor(the endpoint);
///  - with --agency-name and --agency-domain-name, csms::MakeAgencyCredentialsProvider
///    over that.
/// The IAM endpoint is the SDK's: HUAWEICLOUD_SDK_IAM_ENDPOINT, the profile's
/// iam_endpoint, else the region's.
/// @throws UsageError for a missing or stray IAM flag, an unreadable password
///         file, or no way to get the password (not a terminal, no file).
std::shared_ptr<csms::CredentialsProvider> CredentialsProviderForFlags(
    const GlobalOptions& flags, const csms::ClientOptions& options);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_IAM_FLAGS_H_
