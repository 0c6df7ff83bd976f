#ifndef CSMS_SRC_INTERNAL_REDACTOR_H_
#define CSMS_SRC_INTERNAL_REDACTOR_H_

// Server-supplied text with the client's own secrets blanked out.
//
// Gateways echo request details in error messages: "ak <AK> not exist", or the
// whole canonical request with its X-Security-Token value. Everything the SDK
// keeps from a response (error code and message, request id, decoding errors)
// passes through a Redactor holding the secrets of that call before it reaches
// an exception, a log line or the tool's output.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms/credentials.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

class Redactor {
 public:
  /// What replaces each secret.
  static constexpr std::string_view kMarker = "<redacted>";

  Redactor() = default;

  /// Adds a secret; empty ones are ignored. The bytes are not copied: the
  /// secret must outlive the Redactor.
  void Add(std::string_view secret);

  /// Adds the AK, SK and token (X-Auth-Token or security token) of
  /// credentials, which must outlive the Redactor.
  void AddCredentials(const Credentials& credentials);

  /// Replaces every occurrence of a secret in text, as sent and as a JSON
  /// string would carry it (a gateway may quote the request body), by kMarker.
  /// Overlapping secrets: the longest match at each position wins.
  void Scrub(std::string& text) const;

  /// Scrub on a copy.
  std::string Scrubbed(std::string text) const {
    Scrub(text);
    return text;
  }

 private:
  std::vector<std::string_view> secrets_;
};

/// A Redactor for one attempt: the AK, SK and token of the credentials it was
/// signed with (a provider's change over time), plus the request's own secret
/// values (e.g. a CreateSecret's secret_string).
Redactor CallRedactor(const Credentials& credentials,
                      const std::vector<std::string>& request_secrets);

/// The secret values a body carrying a secret value holds: secret_string,
/// and secret_binary both raw and base64-encoded as sent.
std::vector<std::string> SecretValuesSent(const std::optional<std::string>& secret_string,
                                          const std::optional<std::string>& secret_binary);

/// SecretValuesSent of a CreateSecret body.
std::vector<std::string> RequestSecrets(const CreateSecretRequest& request);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_REDACTOR_H_
