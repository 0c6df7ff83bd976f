// csms auth show

#include <chrono>
#include <string>

#include "command.h"
#include "config.h"
#include "credentials_report.h"
#include "iam_flags.h"
#include "json_output.h"

namespace csms_tool {
namespace {

void RunShow(const ParsedArgs&, Context& ctx) {
  // The same endpoint rules and credential sources as every other command,
  // but no project id and no client: nothing is sent to CSMS.
  const csms::ClientOptions options = ServiceOptions(ctx.globals());
  const std::string endpoint = EffectiveEndpoint(options);
  {
    // The SDK's own endpoint rules (plain http only to loopback, no user
    // info, ...): constructing a client checks them and sends nothing. A
    // project id is not needed to answer, so a placeholder stands in.
    csms::ClientOptions check = options;
    if (check.project_id.empty()) check.project_id = std::string(32, '0');
    check.credentials = csms::Credentials::Anonymous();
    check.credentials_provider = nullptr;
    const csms::CsmsClient endpoint_check(check);
  }
  // The flags' provider: an IAM password token or an agency is fetched now.
  const csms::Credentials credentials = CredentialsProviderForFlags(ctx.globals(), options)->Get();
  // Wall time is right here: the question is how long from the moment the user asks.
  const csms::Timestamp now = std::chrono::system_clock::now();
  if (ctx.json()) {
    PrintJson(ctx.out(), CredentialsReportToJson(credentials, endpoint, now));
    return;
  }
  PrintCredentialsReport(ctx.out(), credentials, endpoint, now);
}

}  // namespace

const Group& AuthGroup() {
  static const Group kGroup{"auth",
                            "show where the credentials come from",
                            {{"show",
                              "show which source supplies the credentials, and until when",
                              R"(usage: csms auth show

Resolves the credentials the way every other command does (the same endpoint
rules, sources and --auth / --agency-name flags; no project id needed) and
prints where they came from (environment, profile, IAM password token,
federated, agency, ...), their kind (AK/SK, AK/SK with security token,
X-Auth-Token, anonymous) and when they expire. Nothing is sent to CSMS;
instance metadata, pod identity or IAM may be asked.
Never prints the access key, secret key or a token, nor any part of them.
When no source has credentials, the error names each source and why (exit 2).
)",
                              {},
                              {},
                              RunShow}}};
  return kGroup;
}

}  // namespace csms_tool
