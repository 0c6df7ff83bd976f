#ifndef CSMS_SRC_INTERNAL_JSON_CODEC_H_
#define CSMS_SRC_INTERNAL_JSON_CODEC_H_

// Request bodies out, response bodies in. Decoding ignores unknown fields,
// keeps unknown enum values and leaves absent fields at their defaults; a field
// of the wrong JSON type is an error naming that field.

#include <cstdint>
#include <stdexcept>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "csms/models.h"
#include "csms/requests.h"

namespace csms {
namespace internal {

/// A response body that is not what the API documents. The message names the
/// field; it never contains body bytes.
class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Wire epoch milliseconds to a Timestamp; values below 10^11 are seconds.
Timestamp TimestampFromWire(std::int64_t value);
/// A Timestamp to wire epoch milliseconds.
std::int64_t TimestampToWire(Timestamp time);

/// Compact JSON body of CreateSecretEvent, fields in documented order.
std::string EncodeCreateSecretEventBody(const CreateSecretEventRequest& request);

/// Event <-> JSON object (wire field names).
Event EventFromJson(const nlohmann::json& json);
nlohmann::json EventToJson(const Event& event);

/// Parses a body of the form {"event": {...}}. Throws DecodeError.
Event DecodeEventResponse(const std::string& body);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_JSON_CODEC_H_
