#ifndef CSMS_SRC_INTERNAL_VERSION_CODEC_H_
#define CSMS_SRC_INTERNAL_VERSION_CODEC_H_

// Bodies of the secret-version and secret-lifecycle operations (version_codec.cc).
// Wire shapes: the official Go SDK's services/csms/v1/model/ (see
// docs/secret-versions.md). Times go out as epoch milliseconds.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms/models.h"
#include "csms/requests.h"
#include "internal/json_reader.h"  // DecodeError, which the decoders throw

namespace csms {
namespace internal {

std::string EncodeCreateSecretVersionBody(const CreateSecretVersionRequest& request);
std::string EncodeUpdateSecretVersionBody(const UpdateSecretVersionRequest& request);
/// {"recovery_window_in_days": N}
std::string EncodeDeleteSecretForScheduleBody(int recovery_window_in_days);

/// {"version_metadata": {...}} (CreateSecretVersion, UpdateVersion).
SecretVersion DecodeSecretVersionResponse(const std::string& body);
/// {"version_metadatas": [...], "page_info": {...}}.
SecretVersionPage DecodeSecretVersionPageResponse(const std::string& body);
/// {"version": {"version_metadata": {...}, "secret_string" | "secret_binary"}}.
/// secret_binary is base64 on the wire and raw bytes in the result; a value
/// that is not base64 is a DecodeError that does not quote it.
SecretVersionWithValue DecodeSecretVersionWithValueResponse(const std::string& body);

/// The secret values a CreateSecretVersion body carries: secret_string, and
/// secret_binary both raw and base64-encoded as sent.
std::vector<std::string> RequestSecrets(const CreateSecretVersionRequest& request);

/// Standard base64 (padding optional, no whitespace) to raw bytes; nullopt
/// when the text is not base64.
std::optional<std::string> Base64Decode(std::string_view text);

/// Overwrites every byte bytes owns (its unused capacity too) with zeros and
/// empties it: for strings that held a secret value (secret_value.cc).
void WipeString(std::string& bytes) noexcept;

/// Epoch milliseconds, as request bodies carry times.
std::int64_t TimestampToWireMillis(Timestamp time);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_VERSION_CODEC_H_
