#ifndef CSMS_SRC_INTERNAL_URL_H_
#define CSMS_SRC_INTERNAL_URL_H_

// URL pieces and the percent-encoding rules of SDK-HMAC-SHA256. The client builds
// request URLs with the same functions the signer canonicalises them with, so
// what goes on the wire is byte for byte what was signed.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csms {
namespace internal {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// Encodes every byte except A-Z a-z 0-9 - . _ ~ as %XX (upper-case hex).
std::string PercentEncode(std::string_view raw);

/// PercentEncode(raw) appended to out.
void AppendPercentEncoded(std::string_view raw, std::string* out);

/// Decodes %XX sequences; a malformed sequence is kept as it is.
std::string PercentDecode(std::string_view encoded);

/// "k=v&k=v" with keys sorted, equal keys sorted by value, each key and value
/// percent-encoded; an empty value gives "k=".
std::string CanonicalQuery(QueryParams params);

/// Splits a raw query string ("a=1&b=%2F") into decoded pairs.
QueryParams ParseQuery(std::string_view query);

/// The path as signed: each segment decoded then re-encoded, and a trailing "/".
std::string CanonicalUri(std::string_view path);

/// CanonicalUri(path) appended to out.
void AppendCanonicalUri(std::string_view path, std::string* out);

/// The parts of an absolute URL the SDK cares about.
struct UrlParts {
  std::string scheme;  // lower-case
  std::string host;    // lower-case; IPv6 without brackets
  int port = 0;        // 0 when absent
  std::string path;    // "/" when absent
  std::string query;   // without "?"
  bool has_userinfo = false;
  bool has_fragment = false;  // set by ParseUserUrl only
};

/// The same parts as views into the URL: nothing copied, nothing lower-cased.
struct UrlView {
  std::string_view scheme;
  std::string_view host;  // IPv6 without brackets
  int port = 0;
  std::string_view path;  // "/" when absent
  std::string_view query;
  bool has_userinfo = false;
};

/// Parses "scheme://host[:port][/path][?query]". Returns false when malformed.
bool ParseUrl(std::string_view url, UrlParts* out);

/// Parses a URL a user gave (an endpoint, a proxy) with libcurl's URL API, the
/// parser the transport itself will apply, so that what passes here is what
/// libcurl connects to: whitespace, a backslash or an unbracketed IPv6 literal
/// in the host, a port outside 1 to 65535, an IPv6 zone id are refused. On
/// failure returns false and sets *why to a reason that never quotes the URL.
/// ParseUrl and SplitUrl are for the URLs the SDK builds itself.
bool ParseUserUrl(const std::string& url, UrlParts* out, std::string* why);

/// ParseUrl without the copies; accepts exactly the URLs ParseUrl accepts.
bool SplitUrl(std::string_view url, UrlView* out);

/// The Host header for a URL: host (IPv6 in brackets) plus ":port" unless the
/// port is the scheme's default.
std::string HostHeader(const UrlParts& url);

/// Whether host is 127.0.0.1 (any 127/8 address), ::1 or localhost.
bool IsLoopbackHost(std::string_view host);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_URL_H_
