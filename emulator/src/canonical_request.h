#ifndef CSMS_EMULATOR_SRC_CANONICAL_REQUEST_H_
#define CSMS_EMULATOR_SRC_CANONICAL_REQUEST_H_

// SDK-HMAC-SHA256 as the server side sees it: the canonical request rebuilt from
// the bytes received, the string to sign, and the expected signature. This is
// the emulator's own implementation, independent of the SDK's signer, so that
// each can catch the other's mistakes.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csms::emu {

inline constexpr std::string_view kSigningAlgorithm = "SDK-HMAC-SHA256";

/// Each '/'-separated segment of the raw path decoded and re-encoded, with a
/// trailing '/' appended when missing. An empty path is "/".
std::string CanonicalUri(std::string_view raw_path);
/// Pairs decoded, re-encoded and sorted by key then value, joined as k=v&k=v.
std::string CanonicalQuery(std::string_view raw_query);

/// A header that the client listed in SignedHeaders: lower-case name, value as received.
struct SignedHeader {
  std::string name;
  std::string value;
};

/// METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n
/// hex(sha256(body)). `raw_target` is the request target as received (path, then optionally '?' and
/// query).
std::string BuildCanonicalRequest(std::string_view method, std::string_view raw_target,
                                  std::vector<SignedHeader> headers, std::string_view body);
/// "SDK-HMAC-SHA256" \n sdk_date \n hex(sha256(canonical_request)).
std::string BuildStringToSign(std::string_view sdk_date, std::string_view canonical_request);
/// hex(hmac_sha256(secret_key, string_to_sign)).
std::string ComputeSignature(std::string_view secret_key, std::string_view string_to_sign);

/// The parts of "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex".
struct AuthorizationHeader {
  std::string access_key;
  std::vector<std::string> signed_headers;  // lower-cased, in the order given
  std::string signature;
};
/// nullopt when the header is not of that form.
std::optional<AuthorizationHeader> ParseAuthorization(std::string_view value);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_CANONICAL_REQUEST_H_
