// ParseSmnMessage: the body of an HTTP(S) message SMN (or anyone) POSTs to a
// receiver, the first thing a receiver does with untrusted bytes. What it
// accepts must be a message the verifier can sign-check: a documented type,
// every member the type signs, a string to sign that ends in the type. The
// raw input is also given to the timestamp and strict base64 readers.

#include <cstddef>
#include <cstdint>
#include <string>

#include "csms/smn.h"
#include "fuzz_common.h"
#include "internal/smn_signing.h"

namespace {

void CheckBase64(const std::string& text) {
  const auto decoded = csms::internal::DecodeBase64Strict(text);
  if (!decoded) return;
  // Strict: exactly four characters per three bytes, less the padding.
  const std::size_t padding = text.empty()
                                  ? 0
                                  : (text.back() == '=' ? 1 : 0) +
                                        (text.size() > 1 && text[text.size() - 2] == '=' ? 1 : 0);
  CSMS_FUZZ_CHECK(text.size() % 4 == 0);
  CSMS_FUZZ_CHECK(decoded->size() == text.size() / 4 * 3 - padding);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body = csms_fuzz::ToString(data, size);
  CheckBase64(body);
  (void)csms::internal::ParseSmnTimestamp(body);
  (void)csms::internal::SmnRegionOfTopicUrn(body);
  try {
    const csms::SmnMessage m = csms::ParseSmnMessage(body);
    const auto type = csms::SmnMessageTypeFromString(m.type);
    CSMS_FUZZ_CHECK(type.has_value());
    CSMS_FUZZ_CHECK(!m.message_id.empty() && !m.topic_urn.empty() && !m.timestamp.empty() &&
                    !m.signature_version.empty() && !m.signature.empty() &&
                    !m.signing_cert_url.empty());
    if (*type != csms::SmnMessageType::kNotification) CSMS_FUZZ_CHECK(!m.subscribe_url.empty());
    const auto text = csms::internal::SmnStringToSign(m);
    CSMS_FUZZ_CHECK(text.has_value());
    const std::string tail = "type\n" + m.type + "\n";
    CSMS_FUZZ_CHECK(text->size() >= tail.size() &&
                    text->compare(text->size() - tail.size(), tail.size(), tail) == 0);
    CheckBase64(m.signature);
    (void)csms::internal::ParseSmnTimestamp(m.timestamp);
    (void)csms::internal::SmnRegionOfTopicUrn(m.topic_urn);
  } catch (const csms::SmnMessageError& e) {
    // Not an SMN message: the expected rejection. Its message never quotes the body.
    CSMS_FUZZ_CHECK(std::string(e.what()).rfind("not an SMN message: ", 0) == 0);
  }
  return 0;
}
