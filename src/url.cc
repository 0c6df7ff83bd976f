#include "internal/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <new>
#include <optional>

#include "internal/ascii.h"

namespace csms {
namespace internal {
namespace {

// One table lookup per byte: every signed path and query goes through these.
struct ByteClasses {
  bool unreserved[256] = {};
  bool unreserved_or_slash[256] = {};
};

constexpr ByteClasses MakeByteClasses() {
  ByteClasses classes;
  for (int i = 0; i < 256; ++i) {
    const auto c = static_cast<char>(i);
    classes.unreserved[i] = IsAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    classes.unreserved_or_slash[i] = classes.unreserved[i] || c == '/';
  }
  return classes;
}

constexpr ByteClasses kByteClasses = MakeByteClasses();

bool IsUnreserved(char c) { return kByteClasses.unreserved[static_cast<unsigned char>(c)]; }

bool IsUnreservedOrSlash(char c) {
  return kByteClasses.unreserved_or_slash[static_cast<unsigned char>(c)];
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string ToLower(std::string_view s) {
  std::string out;
  AppendAsciiLower(s, &out);
  return out;
}

}  // namespace

std::string PercentEncode(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  AppendPercentEncoded(raw, &out);
  return out;
}

void AppendPercentEncoded(std::string_view raw, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : raw) {
    if (IsUnreserved(ch)) {
      out->push_back(ch);
    } else {
      const auto c = static_cast<unsigned char>(ch);
      const char escaped[] = {'%', kHex[c >> 4], kHex[c & 0x0f]};
      out->append(escaped, sizeof escaped);
    }
  }
}

std::string PercentDecode(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size());
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] == '%' && i + 2 < encoded.size()) {
      const int hi = HexValue(encoded[i + 1]);
      const int lo = HexValue(encoded[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(encoded[i]);
  }
  return out;
}

std::string CanonicalQuery(QueryParams params) {
  for (auto& [key, value] : params) {
    key = PercentEncode(key);
    value = PercentEncode(value);
  }
  // Sorting the encoded forms matches the official signers, which sort after encoding.
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += key;
    out.push_back('=');
    out += value;
  }
  return out;
}

QueryParams ParseQuery(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos) {
        params.emplace_back(PercentDecode(pair), std::string());
      } else {
        params.emplace_back(PercentDecode(pair.substr(0, eq)), PercentDecode(pair.substr(eq + 1)));
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return params;
}

std::string CanonicalUri(std::string_view path) {
  std::string out;
  out.reserve(path.size() + 2);
  AppendCanonicalUri(path, &out);
  return out;
}

void AppendCanonicalUri(std::string_view path, std::string* out) {
  const std::size_t start = out->size();
  if (std::all_of(path.begin(), path.end(), IsUnreservedOrSlash)) {
    // Nothing to decode and nothing to encode: the common case, and a copy.
    out->append(path);
  } else {
    std::size_t begin = 0;
    while (begin <= path.size()) {
      const auto slash = path.find('/', begin);
      const auto end = slash == std::string_view::npos ? path.size() : slash;
      AppendPercentEncoded(PercentDecode(path.substr(begin, end - begin)), out);
      if (slash == std::string_view::npos) break;
      out->push_back('/');
      begin = slash + 1;
    }
  }
  if (out->size() == start || (*out)[start] != '/') out->insert(start, 1, '/');
  if (out->back() != '/') out->push_back('/');
}

bool SplitUrl(std::string_view url, UrlView* out) {
  UrlView parts;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return false;
  parts.scheme = url.substr(0, scheme_end);
  std::string_view rest = url.substr(scheme_end + 3);
  // A loop, not find_first_of, which calls memchr on "/?#" for every byte.
  std::size_t authority_end = 0;
  while (authority_end < rest.size() && rest[authority_end] != '/' && rest[authority_end] != '?' &&
         rest[authority_end] != '#') {
    ++authority_end;
  }
  std::string_view authority = rest.substr(0, authority_end);
  rest.remove_prefix(authority_end);

  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    parts.has_userinfo = true;
    authority.remove_prefix(at + 1);
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return false;
    parts.host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return false;
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    parts.host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (parts.host.empty()) return false;
  if (!port_text.empty()) {
    if (port_text.size() > 5) return false;
    int port = 0;
    for (char c : port_text) {
      if (!IsAsciiDigit(c)) return false;
      port = port * 10 + (c - '0');
    }
    if (port == 0 || port > 65535) return false;
    parts.port = port;
  }

  if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
  const auto question = rest.find('?');
  parts.path = rest.substr(0, question);
  if (parts.path.empty()) parts.path = "/";
  if (question != std::string_view::npos) parts.query = rest.substr(question + 1);
  *out = parts;
  return true;
}

bool ParseUrl(std::string_view url, UrlParts* out) {
  UrlView view;
  if (!SplitUrl(url, &view)) return false;
  UrlParts parts;
  parts.scheme = ToLower(view.scheme);
  parts.host = ToLower(view.host);
  parts.port = view.port;
  parts.path = std::string(view.path);
  parts.query = std::string(view.query);
  parts.has_userinfo = view.has_userinfo;
  *out = std::move(parts);
  return true;
}

namespace {

using CurlUrl = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;

std::optional<std::string> UrlPart(const CurlUrl& handle, CURLUPart which) {
  char* text = nullptr;
  if (curl_url_get(handle.get(), which, &text, 0) != CURLUE_OK || text == nullptr) {
    return std::nullopt;
  }
  std::string part(text);
  curl_free(text);
  return part;
}

}  // namespace

bool ParseUserUrl(const std::string& url, UrlParts* out, std::string* why) {
  // A C string: an embedded NUL would hide the rest from libcurl.
  if (url.find('\0') != std::string::npos) {
    *why = "contains a NUL byte";
    return false;
  }
  CurlUrl handle(curl_url(), &curl_url_cleanup);
  if (!handle) throw std::bad_alloc();
  // Any scheme parses (the caller says which it allows); no default scheme.
  const CURLUcode code =
      curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (code != CURLUE_OK) {
    *why = std::string("is not an absolute URL (libcurl: ") + curl_url_strerror(code) + ")";
    return false;
  }
  if (UrlPart(handle, CURLUPART_ZONEID)) {
    *why = "has an IPv6 zone id, which is not supported";
    return false;
  }
  UrlParts parts;
  parts.scheme = ToLower(UrlPart(handle, CURLUPART_SCHEME).value_or(""));
  std::string host = UrlPart(handle, CURLUPART_HOST).value_or("");
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  parts.host = ToLower(host);
  if (const auto port = UrlPart(handle, CURLUPART_PORT)) {
    // libcurl has checked it is a number of at most 65535 and five digits.
    int value = 0;
    for (char c : *port) value = value * 10 + (c - '0');
    if (value == 0) {
      *why = "has port 0";
      return false;
    }
    parts.port = value;
  }
  parts.path = UrlPart(handle, CURLUPART_PATH).value_or("/");
  if (parts.path.empty()) parts.path = "/";
  parts.query = UrlPart(handle, CURLUPART_QUERY).value_or("");
  parts.has_fragment = UrlPart(handle, CURLUPART_FRAGMENT).has_value();
  parts.has_userinfo = UrlPart(handle, CURLUPART_USER).has_value() ||
                       UrlPart(handle, CURLUPART_PASSWORD).has_value() ||
                       UrlPart(handle, CURLUPART_OPTIONS).has_value();
  if (parts.host.empty()) {
    *why = "has no host";
    return false;
  }
  *out = std::move(parts);
  return true;
}

std::string HostHeader(const UrlParts& url) {
  std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  const bool default_port = url.port == 0 || (url.scheme == "https" && url.port == 443) ||
                            (url.scheme == "http" && url.port == 80);
  if (!default_port) host += ":" + std::to_string(url.port);
  return host;
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "::1") return true;
  // Any address of 127.0.0.0/8, written as four decimal octets.
  if (host.substr(0, 4) != "127.") return false;
  int dots = 0;
  int octet_digits = 0;
  int octet = 0;
  for (char c : host) {
    if (c == '.') {
      if (octet_digits == 0) return false;
      ++dots;
      octet_digits = 0;
      octet = 0;
    } else if (c >= '0' && c <= '9') {
      octet = octet * 10 + (c - '0');
      if (++octet_digits > 3 || octet > 255) return false;
    } else {
      return false;
    }
  }
  return dots == 3 && octet_digits > 0;
}

}  // namespace internal
}  // namespace csms
