#ifndef CSMS_SRC_INTERNAL_SMN_SIGNING_H_
#define CSMS_SRC_INTERNAL_SMN_SIGNING_H_

// The pieces of SMN's HTTP(S) message signature that are plain text rules
// (docs/notifications.md has the wire table and where each rule comes from):
// the string to sign, the timestamp format, and the region in a topic URN.
// The verifier (src/smn_verifier.cc) uses them; so can anything that signs
// messages the way SMN does, such as a test or an emulator.

#include <optional>
#include <string>
#include <string_view>

#include "csms/models.h"
#include "csms/smn.h"

namespace csms {
namespace internal {

/// The string SMN signs for a message: the signed keys of its type in
/// alphabetical order, each key and then its value on a line of their own,
/// every line ending in "\n". Notification: message, message_id, subject
/// (omitted when empty), timestamp, topic_urn, type. SubscriptionConfirmation
/// and UnsubscribeConfirmation: message, message_id, subscribe_url,
/// timestamp, topic_urn, type. nullopt for any other type.
std::optional<std::string> SmnStringToSign(const SmnMessage& message);

/// A message timestamp: UTC "YYYY-MM-DDTHH:MM:SSZ", optionally with a
/// fraction of a second (1 to 9 digits) before the "Z". nullopt for anything
/// else, an impossible date (February 30th) included. A year beyond
/// Timestamp's range saturates to Timestamp::min() or max().
std::optional<Timestamp> ParseSmnTimestamp(std::string_view text);

/// The region of "urn:smn:{region}:{project}:{topic}", when it is a
/// non-empty run of a-z, 0-9 and '-' (every Huawei Cloud region id is).
std::optional<std::string> SmnRegionOfTopicUrn(std::string_view topic_urn);

/// Standard base64 (RFC 4648 section 4) with padding, strictly: length a
/// multiple of 4, only the alphabet, '=' only as the last one or two
/// characters, and zero bits after the last byte. No whitespace.
std::optional<std::string> DecodeBase64Strict(std::string_view text);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_SMN_SIGNING_H_
