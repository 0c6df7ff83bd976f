// URL and query canonicalisation (the parts of SDK-HMAC-SHA256 that see
// caller- and server-supplied text) and internal::Sign, the one signing entry
// point, against the independent canonicalisation of
// tests/support/reference_signer.h.
//
// The whole input is used as raw bytes, as a path, as a query string and as a
// URL. Read as lines, it also gives query parameters ("key<TAB>value" per
// line, so keys and values may hold '&', '=' and '%') and the request to sign
// (first line: path, or URL; other lines: "Name: value" headers; the input:
// the body).
//
// Invariants (a violation aborts, so libFuzzer keeps the input):
//   PercentDecode(PercentEncode(x)) == x
//   CanonicalUri is idempotent
//   CanonicalQuery(ParseQuery(CanonicalQuery(p))) == CanonicalQuery(p)
//   a parsed URL has a non-empty host, a port in [0, 65535] and a path from "/"
//   Sign(path, CanonicalQuery(q)) (as the request builder calls it) gives the
//   reference's canonical request, string to sign, signed headers and
//   Authorization for (path, q), or throws std::invalid_argument exactly when
//   the reference finds no date to sign; with the secret key and with an
//   HmacSha256Key made of it alike
//   the hand-rolled HmacSha256Hex and Sha256Hex equal OpenSSL's HMAC() and SHA256()
//   (keys shorter than, equal to and longer than the 64-byte block)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "csms/http.h"
#include "fuzz_common.h"
#include "internal/crypto.h"
#include "internal/signer.h"
#include "internal/url.h"
#include "reference_signer.h"

namespace {

using csms::internal::QueryParams;

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    lines.push_back(text.substr(0, newline));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

bool IsLower(const std::string& s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

void CheckEncoding(std::string_view raw) {
  const std::string encoded = csms::internal::PercentEncode(raw);
  CSMS_FUZZ_CHECK(csms::internal::PercentDecode(encoded) == raw);
  // Only unreserved bytes and %XX remain, so encoding is a fixed point of decode+encode.
  CSMS_FUZZ_CHECK(csms::internal::PercentEncode(csms::internal::PercentDecode(encoded)) == encoded);
  (void)csms::internal::PercentDecode(raw);
}

void CheckUri(std::string_view path) {
  const std::string canonical = csms::internal::CanonicalUri(path);
  CSMS_FUZZ_CHECK(!canonical.empty() && canonical.front() == '/' && canonical.back() == '/');
  CSMS_FUZZ_CHECK(csms::internal::CanonicalUri(canonical) == canonical);
}

void CheckQuery(const QueryParams& params) {
  const std::string canonical = csms::internal::CanonicalQuery(params);
  CSMS_FUZZ_CHECK(csms::internal::CanonicalQuery(csms::internal::ParseQuery(canonical)) ==
                  canonical);
}

void CheckUrl(std::string_view text) {
  csms::internal::UrlParts parts;
  if (!csms::internal::ParseUrl(text, &parts)) return;
  CSMS_FUZZ_CHECK(!parts.host.empty());
  CSMS_FUZZ_CHECK(IsLower(parts.scheme) && IsLower(parts.host));
  CSMS_FUZZ_CHECK(parts.port >= 0 && parts.port <= 65535);
  CSMS_FUZZ_CHECK(!parts.path.empty() && parts.path.front() == '/');
  CSMS_FUZZ_CHECK(!csms::internal::HostHeader(parts).empty());
  (void)csms::internal::IsLoopbackHost(parts.host);
  CheckUri(parts.path);
  CheckQuery(csms::internal::ParseQuery(parts.query));
}

std::string Hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (std::size_t i = 0; i < size; ++i) {
    hex.push_back(kDigits[bytes[i] >> 4]);
    hex.push_back(kDigits[bytes[i] & 0x0f]);
  }
  return hex;
}

// Differential check of internal/crypto.h against OpenSSL's one-shot functions.
void CheckCrypto(std::string_view key, std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  CSMS_FUZZ_CHECK(csms::internal::Sha256Hex(data) == Hex(digest, sizeof digest));

  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  CSMS_FUZZ_CHECK(HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac,
                       &mac_size) != nullptr);
  CSMS_FUZZ_CHECK(csms::internal::HmacSha256Hex(key, data) == Hex(mac, mac_size));
}

// The lines after the first that hold a ':', as "Name: value" headers.
csms::HttpHeaders HeadersOf(const std::vector<std::string_view>& lines) {
  csms::HttpHeaders headers;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto colon = lines[i].find(':');
    if (colon == std::string_view::npos) continue;
    headers.emplace_back(std::string(lines[i].substr(0, colon)),
                         std::string(lines[i].substr(colon + 1)));
  }
  return headers;
}

// Sign as the request builder calls it (its own canonical query of q) against
// the reference over the same path and parameters.
void CheckAgainstReference(std::string_view path, const QueryParams& query,
                           const csms::HttpHeaders& headers, std::string_view body,
                           std::string_view secret_key, const csms::internal::HmacSha256Key& key) {
  const std::string canonical_query =
      query.empty() ? std::string() : csms::internal::CanonicalQuery(query);
  const auto expected = csms_test::reference::Sign(
      "POST", path, query, csms_test::reference::Pairs(headers.begin(), headers.end()), body, "AK",
      secret_key);
  for (const csms::internal::HmacSha256Key* prepared_key :
       {static_cast<const csms::internal::HmacSha256Key*>(nullptr), &key}) {
    csms::internal::SigningInput input;
    input.method = "POST";
    input.path = path;
    input.canonical_query = canonical_query;
    input.headers = &headers;
    input.body = body;
    input.access_key = "AK";
    input.secret_key = prepared_key == nullptr ? secret_key : std::string_view("ignored");
    input.prepared_key = prepared_key;
    std::optional<csms::internal::SignatureParts> actual;
    try {
      actual = csms::internal::Sign(input);
    } catch (const std::invalid_argument&) {
      // No (non-blank) X-Sdk-Date header: documented.
    }
    CSMS_FUZZ_CHECK(actual.has_value() == expected.has_value());
    if (!actual.has_value()) continue;
    CSMS_FUZZ_CHECK(actual->canonical_request == expected->canonical_request);
    CSMS_FUZZ_CHECK(actual->string_to_sign == expected->string_to_sign);
    CSMS_FUZZ_CHECK(actual->signed_headers == expected->signed_headers);
    CSMS_FUZZ_CHECK(actual->authorization == expected->authorization);
  }
}

// Requests for CheckAgainstReference: the first line as the path, with no
// parameters and with the key<TAB>value parameters of all lines; and, when
// the first line is a URL, its path and parsed query (the request it
// describes, as the client would build it). Each with the headers of the
// other lines, without and with an X-Sdk-Date.
void CheckSignatures(const std::vector<std::string_view>& lines, const QueryParams& params,
                     std::string_view body) {
  const std::string_view first = lines.empty() ? std::string_view() : lines.front();
  const std::string_view secret_key = body.substr(0, 200);
  const csms::internal::HmacSha256Key key(secret_key);
  csms::internal::UrlParts url;
  const bool is_url = csms::internal::ParseUrl(first, &url);
  const QueryParams url_query = is_url ? csms::internal::ParseQuery(url.query) : QueryParams();
  csms::HttpHeaders headers = HeadersOf(lines);
  for (int with_date = 0; with_date < 2; ++with_date) {
    if (with_date == 1) headers.emplace_back("X-Sdk-Date", "20240102T030405Z");
    CheckAgainstReference(first, QueryParams(), headers, body, secret_key, key);
    CheckAgainstReference(first, params, headers, body, secret_key, key);
    if (is_url) CheckAgainstReference(url.path, url_query, headers, body, secret_key, key);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input = csms_fuzz::ToString(data, size);
  CheckEncoding(input);
  CheckUri(input);
  CheckQuery(csms::internal::ParseQuery(input));
  CheckUrl(input);

  const std::vector<std::string_view> lines = Lines(input);
  QueryParams params;
  for (const auto line : lines) {
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) {
      params.emplace_back(std::string(line), std::string());
    } else {
      params.emplace_back(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
    }
    CheckUrl(line);
  }
  CheckQuery(params);
  CheckSignatures(lines, params, input);
  // The first line as the key (any length, 64 included), the input as the data.
  CheckCrypto(lines.empty() ? std::string_view() : lines.front(), input);
  return 0;
}
