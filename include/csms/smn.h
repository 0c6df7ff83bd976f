#ifndef CSMS_SMN_H_
#define CSMS_SMN_H_

/// @file
/// The receiving end of CSMS event notifications: the HTTP(S) messages that
/// Huawei Cloud SMN (Simple Message Notification) POSTs to a subscribed
/// endpoint. ParseSmnMessage() reads a message body, SmnMessageVerifier checks
/// that SMN sent it, and ParseNotificationContent() (models.h) turns a verified
/// Notification's `message` into the typed CSMS notification:
///
/// ```cpp
/// const csms::SmnMessageVerifier verifier;  // share one; it caches certificates
/// const csms::SmnMessage m = csms::ParseSmnMessage(request_body);
/// verifier.Verify(m);  // throws SmnVerificationError unless SMN signed it
/// if (m.type == "Notification") {
///   auto content = csms::ParseNotificationContent(m.message);
/// }
/// ```
///
/// Where each rule comes from (SMN user guide, "HTTP or HTTPS Message Format",
/// "Message Signature Verification" and its "Sample Code"; the wire table with
/// links is docs/notifications.md): the message types and fields, the signed
/// keys per type, the string to sign, base64 signatures and the digest named
/// by the certificate's signature algorithm are SMN's. The host allow-list,
/// the age limit, the size limits and the certificate cache are this SDK's
/// choices, made because the guide leaves them to the receiver ("verify the
/// identity of the certificate server").

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csms/errors.h"
#include "csms/http.h"
#include "csms/models.h"

namespace csms {

/// The message types SMN documents (the `type` field and the
/// X-SMN-MESSAGE-TYPE header).
enum class SmnMessageType {
  kSubscriptionConfirmation,  ///< "SubscriptionConfirmation": visit subscribe_url to confirm
  kNotification,              ///< "Notification": a published message (a CSMS event)
  kUnsubscribeConfirmation,   ///< "UnsubscribeConfirmation": the subscription was cancelled
};

/// The type named by `type` (exact, case-sensitive spelling), or nullopt for
/// any other string.
/// @throws nothing
std::optional<SmnMessageType> SmnMessageTypeFromString(std::string_view type) noexcept;

/// One HTTP(S) message from SMN: the JSON body's members, as sent. Members the
/// message type does not carry are empty.
struct SmnMessage {
  std::string type;  ///< "SubscriptionConfirmation", "Notification" or "UnsubscribeConfirmation"
  std::string message_id;  ///< unique per message; also in X-SMN-MESSAGE-ID
  std::string topic_urn;   ///< "urn:smn:{region}:{project}:{topic}"; also in X-SMN-TOPIC-URN
  std::string subject;     ///< Notification only; may be empty
  /// The content. For a CSMS Notification: a JSON document (camelCase) that
  /// ParseNotificationContent() decodes; for the confirmations: prose.
  std::string message;
  /// When SMN first sent it: UTC "YYYY-MM-DDTHH:MM:SSZ", e.g. "2016-08-15T07:29:16Z".
  std::string timestamp;
  std::string signature_version;  ///< "v1" (the guide writes "V1"; compared case-insensitively)
  std::string signature;          ///< base64 of the signature over the string to sign
  std::string signing_cert_url;   ///< where the signing certificate (PEM) is
  std::string subscribe_url;      ///< the two confirmations: GET it to (re)subscribe
  std::string unsubscribe_url;    ///< Notification: GET it to unsubscribe
};

/// The largest body ParseSmnMessage() reads, in bytes: 1 MiB. This SDK's
/// bound, not SMN's; a CSMS notification is a few hundred bytes.
inline constexpr std::size_t kMaxSmnMessageBytes = std::size_t{1} << 20;

/// A body that is not an SMN message: not a JSON object, too large, a member
/// of the wrong type, a duplicated member, an unknown type, or a member its
/// type requires that is missing or empty. The message names the member and
/// never quotes the body.
class SmnMessageError : public CsmsError {
 public:
  /// @param field the member at fault in wire spelling ("type", "timestamp"),
  ///   or empty when the body as a whole is at fault.
  /// @param message what is wrong with it.
  /// @throws std::bad_alloc only.
  SmnMessageError(std::string field, const std::string& message);

  /// The member at fault, or empty for the whole body.
  /// @throws nothing
  const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
};

/// Parses the body of an HTTP(S) message SMN sent (the request body your
/// endpoint received). Strict where a forgery could hide and tolerant
/// elsewhere:
/// - the body is one JSON object (RFC 8259, UTF-8) of at most
///   kMaxSmnMessageBytes; members this SDK does not know are ignored;
/// - each known member is a string (subject, subscribe_url and
///   unsubscribe_url may also be null, read as empty) and appears once;
/// - `type` is one of SmnMessageType's three;
/// - present and non-empty for every type: type, message_id, topic_urn,
///   timestamp, signature_version, signature, signing_cert_url; present (may
///   be empty): message; and for the two confirmations subscribe_url, which
///   their signature covers. A Notification's subject and unsubscribe_url may
///   be absent (the subject is signed only when non-empty; unsubscribe_url is
///   not signed).
/// Parsing checks shape only: call SmnMessageVerifier::Verify() before acting
/// on the message.
/// @throws SmnMessageError naming the member at fault.
/// @throws std::bad_alloc only otherwise.
SmnMessage ParseSmnMessage(std::string_view body);

/// What SmnMessageVerifier checks against, and how it fetches certificates.
struct SmnVerifierOptions {
  /// Hosts signing_cert_url may name (exact match, ASCII case-insensitive;
  /// any port). Empty (the default): the two SMN hosts of the region in the
  /// message's topic_urn "urn:smn:{region}:...", `smn.{region}.myhuaweicloud.com`
  /// and `smn.{region}.myhuaweicloud.eu`. Set it to allow others, e.g. an
  /// emulator's "127.0.0.1". An entry is a bare host name or IP address
  /// (no scheme, port, path or userinfo).
  std::vector<std::string> allowed_cert_hosts;
  /// Messages whose timestamp is older than this (by `clock`) are refused,
  /// which bounds how long a captured message can be replayed. Default 1 h.
  std::chrono::seconds max_age{3600};
  /// How far a timestamp may lie ahead of `clock` (the sender's clock may run
  /// fast). Default 5 min.
  std::chrono::seconds max_clock_skew{300};
  /// Fetches signing_cert_url (GET, expecting 200 and a PEM certificate).
  /// Empty: a libcurl transport (MakeCurlTransport) with `ca_file`, 5 s to
  /// connect, 10 s in all and a 64 KiB response cap.
  std::shared_ptr<HttpTransport> transport;
  /// PEM bundle of trusted CAs for the certificate download (default
  /// transport only); empty means the system's.
  std::string ca_file;
  /// Plain http for signing_cert_url is allowed only when this is true and
  /// the host is a loopback address or localhost that allowed_cert_hosts
  /// names explicitly: for tests and the local emulator. SMN itself serves
  /// its certificates over https.
  bool allow_http_on_loopback = false;
  /// The clock for message age and certificate validity; empty means
  /// std::chrono::system_clock. Tests set it to move time.
  std::function<Timestamp()> clock;
  /// Certificates kept (per URL) after a successful fetch. When full, the
  /// oldest entry is dropped. Must be at least 1. Default 16.
  std::size_t max_cached_certificates = 16;
};

/// Why SmnMessageVerifier::Verify() refused a message.
class SmnVerificationError : public CsmsError {
 public:
  /// The check that failed.
  enum class Reason {
    kMalformed,               ///< a member has no usable value (type, timestamp, topic_urn)
    kUnsupportedVersion,      ///< signature_version is not "v1"
    kTooOld,                  ///< timestamp older than max_age
    kFromTheFuture,           ///< timestamp later than now + max_clock_skew
    kCertificateUrl,          ///< signing_cert_url unusable: not a URL, not https, userinfo
    kCertificateHost,         ///< signing_cert_url's host is not allowed
    kCertificateUnavailable,  ///< the fetch failed (transport error or HTTP status)
    kCertificateInvalid,      ///< the download is not a usable certificate
    kCertificateExpired,      ///< outside the certificate's notBefore..notAfter
    kBadSignature,            ///< not base64, or does not verify: forged or tampered
  };

  /// @param reason the check that failed.
  /// @param message what failed, without message content.
  /// @param transport_kind for kCertificateUnavailable after a TransportError.
  /// @throws std::bad_alloc only.
  SmnVerificationError(Reason reason, const std::string& message,
                       std::optional<TransportError::Kind> transport_kind = std::nullopt);

  /// @throws nothing
  Reason reason() const noexcept { return reason_; }
  /// The transport failure's kind when the certificate could not be fetched.
  /// @throws nothing
  std::optional<TransportError::Kind> transport_kind() const noexcept { return transport_kind_; }

 private:
  Reason reason_;
  std::optional<TransportError::Kind> transport_kind_;
};

/// Checks that an SmnMessage was signed by SMN, as the SMN user guide
/// describes, plus the receiver-side rules of SmnVerifierOptions. Verify()
/// checks, in this order (nothing is fetched for a message the earlier checks
/// refuse):
/// 1. `type` is a documented type and signature_version is "v1";
/// 2. `timestamp` parses and lies within [now - max_age, now + max_clock_skew];
/// 3. signing_cert_url is https (see allow_http_on_loopback), has no userinfo,
///    and its host is allowed (SmnVerifierOptions::allowed_cert_hosts);
/// 4. the certificate (cached per URL, or fetched) is PEM X.509, with an RSA
///    or EC key, and valid now (notBefore and notAfter against `clock`);
/// 5. `signature` is strict base64 and verifies, with the certificate's public
///    key and the digest of the certificate's own signature algorithm (e.g.
///    sha256WithRSAEncryption gives SHA-256, as the guide's Java sample uses
///    getSigAlgName()), over the string to sign: the type's signed keys in
///    alphabetical order, each key and then its value on a line of its own
///    ending in "\n" (Notification: message, message_id, subject (only when
///    non-empty), timestamp, topic_urn, type; the confirmations: message,
///    message_id, subscribe_url, timestamp, topic_urn, type).
///
/// Thread safety: Verify() may be called from many threads at once on one
/// verifier (a receiver's worker threads should share one, so that they share
/// its certificate cache). Copies share the cache.
class SmnMessageVerifier {
 public:
  /// @throws ConfigurationError when an option is unusable (negative max_age
  ///   or max_clock_skew, max_cached_certificates 0, an allowed host that is
  ///   empty or not a bare host name), or libcurl cannot be initialised.
  explicit SmnMessageVerifier(SmnVerifierOptions options = {});

  /// Returns when the message is authentic and fresh.
  /// @throws SmnVerificationError saying which check failed.
  /// @throws std::bad_alloc only otherwise.
  void Verify(const SmnMessage& message) const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace csms

#endif  // CSMS_SMN_H_
