#ifndef CSMS_SRC_INTERNAL_JSON_CODEC_H_
#define CSMS_SRC_INTERNAL_JSON_CODEC_H_

// Request bodies out (written with internal/json_writer.h), response bodies in
// (read with internal/json_reader.h). Decoding ignores unknown fields,
// keeps unknown enum values and leaves absent fields at their defaults; a field
// of the wrong JSON type is a DecodeError naming that field.
//
// event_codec.cc: events and event pages; secret_codec.cc: secrets;
// record_codec.cc: notification records and their content.

#include <cstdint>
#include <string>

#include "csms/models.h"
#include "csms/requests.h"
#include "internal/json_reader.h"  // DecodeError, which the decoders throw

namespace csms {
namespace internal {

/// Wire epoch milliseconds to a Timestamp; values below 10^11 are seconds.
Timestamp TimestampFromWire(std::int64_t value);

// Events.
std::string EncodeCreateSecretEventBody(const CreateSecretEventRequest& request);
std::string EncodeUpdateSecretEventBody(const UpdateSecretEventRequest& request);
Event DecodeEventResponse(const std::string& body);          // {"event": {...}}
EventPage DecodeEventPageResponse(const std::string& body);  // {"events": [...], "page_info"}

// Secrets. Bodies with values are built here and nowhere else.
std::string EncodeCreateSecretBody(const CreateSecretRequest& request);
std::string EncodeUpdateSecretBody(const UpdateSecretRequest& request);
Secret DecodeSecretResponse(const std::string& body);          // {"secret": {...}}
SecretPage DecodeSecretPageResponse(const std::string& body);  // {"secrets": [...], "page_info"}

// Notification records.
NotificationRecordPage DecodeRecordPageResponse(const std::string& body);  // {"records": [...]}

/// Standard base64 (with padding) of raw bytes.
std::string Base64Encode(const std::string& bytes);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_CODEC_H_
