#include "iam_flags.h"

#include <string>
#include <utility>

#include "args.h"
#include "csms/iam_credentials.h"
#include "password_input.h"

namespace csms_tool {
namespace {

// The IAM settings of the client's: the region (for the IAM endpoint), the
// timeouts, TLS and proxy.
csms::IamOptions IamOptionsFor(const csms::ClientOptions& options) {
  csms::IamOptions iam;
  iam.region = options.region;
  iam.endpoint = options.iam_endpoint;
  iam.connect_timeout = options.connect_timeout;
  iam.request_timeout = options.request_timeout;
  iam.ca_file = options.ca_file;
  iam.ca_path = options.ca_path;
  iam.proxy = options.proxy;
  iam.no_proxy = options.no_proxy;
  return iam;
}

void CheckIamFlags(const GlobalOptions& flags) {
  if (!flags.password_auth) {
    for (const auto* flag : {&flags.user_name, &flags.domain_name, &flags.password_file}) {
      if (flag->has_value()) {
        throw UsageError(
            "--user-name, --domain-name and --password-file go with --auth password; try csms "
            "--help");
      }
    }
  } else if (!flags.user_name || flags.user_name->empty() || !flags.domain_name ||
             flags.domain_name->empty()) {
    throw UsageError("--auth password needs --user-name NAME and --domain-name NAME");
  }
  if (flags.agency_name.has_value() != flags.agency_domain_name.has_value()) {
    throw UsageError("give --agency-name and --agency-domain-name together");
  }
}

std::shared_ptr<csms::CredentialsProvider> PasswordTokenProvider(
    const GlobalOptions& flags, const csms::ClientOptions& options) {
  csms::PasswordTokenOptions password;
  password.iam = IamOptionsFor(options);
  password.user_name = *flags.user_name;
  password.domain_name = *flags.domain_name;
  if (!options.project_id.empty()) {
    password.project_id = options.project_id;
  } else {
    // IAM names each region's project after the region.
    password.project_name = options.region;
  }
  password.password = flags.password_file
                          ? ReadPasswordFile(*flags.password_file)
                          : PromptPassword("IAM password for " + *flags.user_name + ": ");
  return csms::MakePasswordTokenProvider(std::move(password));
}

}  // namespace

std::shared_ptr<csms::CredentialsProvider> CredentialsProviderForFlags(
    const GlobalOptions& flags, const csms::ClientOptions& options) {
  CheckIamFlags(flags);
  std::shared_ptr<csms::CredentialsProvider> provider =
      flags.password_auth ? PasswordTokenProvider(flags, options)
                          : CredentialsProviderFor(EffectiveEndpoint(options));
  if (flags.agency_name) {
    csms::AgencyCredentialsOptions agency;
    agency.iam = IamOptionsFor(options);
    agency.agency_name = *flags.agency_name;
    agency.domain_name = *flags.agency_domain_name;
    provider = csms::MakeAgencyCredentialsProvider(std::move(agency), std::move(provider));
  }
  return provider;
}

}  // namespace csms_tool
