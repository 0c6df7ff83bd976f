#ifndef CSMS_SRC_INTERNAL_VALIDATION_H_
#define CSMS_SRC_INTERNAL_VALIDATION_H_

// Client-side checks of the documented request rules. Each throws
// ValidationError naming the field in wire spelling; none does I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

/// name-like fields: 1 to 64 of [a-zA-Z0-9_-] (event, target and secret names).
void ValidateName(const std::string& field, const std::string& value);

/// A list of event types: 1 to 12, no duplicates, each one of the five known types.
void ValidateEventTypes(const std::string& field, const std::vector<EventType>& types);

/// ENABLED or DISABLED.
void ValidateEventState(const std::string& field, const EventState& state);

/// target_type SMN, target_id and target_name patterns; fields are named
/// "<prefix>.target_type" and so on.
void ValidateNotification(const std::string& prefix, const Notification& notification);

void ValidateCreateSecretEventRequest(const CreateSecretEventRequest& request);
void ValidateUpdateSecretEventRequest(const UpdateSecretEventRequest& request);
void ValidateListSecretEventsRequest(const ListSecretEventsRequest& request);
void ValidateCreateSecretRequest(const CreateSecretRequest& request);
void ValidateUpdateSecretRequest(const UpdateSecretRequest& request);
void ValidateListSecretsRequest(const ListSecretsRequest& request);

/// A version id: v[0-9]{1,10}, or also "latest" when allow_latest.
void ValidateVersionId(const std::string& field, const std::string& value, bool allow_latest);
void ValidateCreateSecretVersionRequest(const CreateSecretVersionRequest& request);
void ValidateUpdateSecretVersionRequest(const UpdateSecretVersionRequest& request);
void ValidateListSecretVersionsRequest(const ListSecretVersionsRequest& request);
/// recovery_window_in_days: 7 to 30.
void ValidateRecoveryWindow(int days);

/// A user-supplied value as error messages show it (the one way they quote
/// input): in double quotes, '"' and '\' escaped, every byte outside printable
/// ASCII escaped (\r, \n, \t, \0, \xNN), and cut after 64 bytes with
/// "... (N bytes)". Never use it for secrets: they are not shown at all.
std::string QuoteForMessage(std::string_view value);

/// The bytes a configuration string may hold.
enum class TextCharset {
  kToken,             ///< A-Z a-z 0-9 . _ - (an access key id)
  kPrintableNoSpace,  ///< '!' to '~' (secret keys, tokens)
  kPrintable,         ///< ' ' to '~' (user agent, no_proxy)
  kNoControl,         ///< anything but 0x00-0x1F and 0x7F (file paths)
};

/// Why value breaks its declared rule (min_length to max_length bytes of
/// charset), or nothing when it keeps it. The reason ("is empty", "is N bytes
/// long; at most M are allowed", "contains control characters at position N",
/// "contains a character outside ... at position N") never quotes the value,
/// so it serves for secrets too.
std::optional<std::string> TextRuleViolation(std::string_view value, std::size_t min_length,
                                             std::size_t max_length, TextCharset charset);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_VALIDATION_H_
