#include "internal/credentials_fetch.h"

#include <cstdint>
#include <limits>
#include <utility>

#include "internal/ascii.h"
#include "internal/civil_date.h"
#include "internal/json_reader.h"
#include "internal/signing_credentials.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

// Gateway codes are short ("APIGW.0301"); anything longer is not one.
constexpr std::size_t kMaxErrorCodeChars = 32;

// Reads `count` digits at text[*at] into *value; false when one is not a digit.
bool ReadDigits(std::string_view text, std::size_t* at, std::size_t count, int* value) {
  if (text.size() < *at + count) return false;
  int result = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[*at + i];
    if (!IsAsciiDigit(c)) return false;
    result = result * 10 + (c - '0');
  }
  *at += count;
  *value = result;
  return true;
}

bool Expect(std::string_view text, std::size_t* at, char c) {
  if (*at >= text.size() || text[*at] != c) return false;
  ++*at;
  return true;
}

// Throws CredentialsError("<source>: <parts...>").
template <typename... Parts>
[[noreturn]] void Fail(const std::string& source, const Parts&... parts) {
  std::string message = source;
  message += ": ";
  (message += ... += parts);
  throw CredentialsError(message);
}

}  // namespace

std::optional<std::string> CredentialsUrlProblem(const std::string& url,
                                                 bool allow_metadata_address) {
  UrlParts parts;
  std::string why;
  if (!ParseUserUrl(url, &parts, &why)) return why;
  if (parts.scheme != "http" && parts.scheme != "https") return "is not an http or https URL";
  if (parts.host.empty()) return "has no host";
  if (parts.has_userinfo) return "carries user info, which is not allowed";
  if (parts.has_fragment) return "has a fragment, which is not allowed";
  if (parts.scheme == "http" && !IsLoopbackHost(parts.host) &&
      !(allow_metadata_address && parts.host == kMetadataAddress)) {
    return allow_metadata_address
               ? "uses plain http to a host that is neither 169.254.169.254 nor loopback; use "
                 "https"
               : "uses plain http to a host that is not loopback; use https";
  }
  return std::nullopt;
}

std::shared_ptr<HttpTransport> MakeCredentialsTransport(std::chrono::milliseconds timeout,
                                                        std::string ca_file) {
  CurlTransportOptions options;
  options.connect_timeout = timeout;
  options.request_timeout = timeout;
  options.ca_file = std::move(ca_file);
  // A link-local or loopback service is never behind a proxy, and a proxy
  // would see the credentials.
  options.proxy.clear();
  options.no_proxy = "*";
  options.max_idle_connections = 1;
  options.max_response_bytes = kMaxCredentialsAnswerBytes;
  return MakeCurlTransport(options);
}

HttpResponse ExchangeForCredentials(HttpTransport& transport, HttpRequest request,
                                    std::chrono::milliseconds timeout, const std::string& source) {
  request.timeout = timeout;
  const std::string ms = std::to_string(timeout.count()) + " ms";
  HttpResponse response;
  try {
    response = transport.Send(request);
  } catch (const TransportError& e) {
    switch (e.kind()) {
      case TransportError::Kind::kResolve:
        throw SourceUnreachableError(source + ": the host name did not resolve");
      case TransportError::Kind::kConnect:
        throw SourceUnreachableError(source + ": could not connect");
      case TransportError::Kind::kTimeout:
        if (!e.request_may_have_been_sent()) {
          throw SourceUnreachableError(source + ": connect timeout after " + ms);
        }
        throw CredentialsError(source + ": no complete answer within " + ms + " (timeout)");
      default:
        // TransportError messages never carry credentials or response bytes.
        throw CredentialsError(source + ": " + e.what());
    }
  }
  if (response.body.size() > kMaxCredentialsAnswerBytes) {
    throw CredentialsError(source + ": the answer is larger than " +
                           std::to_string(kMaxCredentialsAnswerBytes / 1024) + " KiB");
  }
  return response;
}

Credentials DecodeTemporaryCredentials(std::string_view body, const std::string& source,
                                       const TemporaryCredentialsFields& fields) {
  const std::string object(fields.object);
  std::optional<std::string> values[4];
  const std::string_view names[4] = {fields.access_key, fields.secret_key, fields.security_token,
                                     fields.expiration};
  bool found_object = false;
  try {
    JsonReader reader(body);
    if (reader.Peek() != JsonKind::kObject) {
      throw CredentialsError(source + ": the answer is not a JSON object");
    }
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      if (key != fields.object) {
        reader.Skip();
        continue;
      }
      if (reader.Peek() != JsonKind::kObject) {
        Fail(source, "\"", object, "\" in the answer is not an object");
      }
      found_object = true;
      for (auto& value : values) value.reset();  // a repeated member: the last one counts
      reader.BeginObject();
      while (reader.NextMember(&key)) {
        std::size_t index = 0;
        while (index < 4 && names[index] != key) ++index;
        if (index == 4) {
          reader.Skip();
          continue;
        }
        const std::string name(key);
        if (reader.Peek() != JsonKind::kString) {
          Fail(source, object, ".", name, " in the answer is not a string");
        }
        values[index] = reader.ReadString();
      }
    }
    reader.Finish();
  } catch (const DecodeError& e) {
    // DecodeError names a byte offset, never the bytes.
    throw CredentialsError(source + ": the answer is not valid JSON (" + e.what() + ")");
  }
  if (!found_object) {
    throw CredentialsError(source + ": the answer has no \"" + object + "\" object");
  }
  for (std::size_t i = 0; i < 4; ++i) {
    if (!values[i]) Fail(source, object, ".", names[i], " is missing from the answer");
    if (values[i]->empty()) Fail(source, object, ".", names[i], " is empty");
  }
  const std::optional<Timestamp> expiration = ParseUtcTime(*values[3]);
  if (!expiration) {
    throw CredentialsError(source + ": " + object + "." + std::string(names[3]) +
                           " is not a UTC time of the form YYYY-MM-DDTHH:MM:SS[.fraction]Z");
  }
  Credentials credentials =
      Credentials::AkSk(std::move(*values[0]), std::move(*values[1]), std::move(*values[2]))
          .WithExpiration(*expiration);
  if (const auto problem = CredentialsProblem(credentials)) {
    throw CredentialsError(source + ": the fetched credentials cannot be used: " + *problem);
  }
  return credentials;
}

std::optional<Timestamp> ParseUtcTime(std::string_view text) {
  std::size_t at = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &at, 4, &year) || !Expect(text, &at, '-') ||
      !ReadDigits(text, &at, 2, &month) || !Expect(text, &at, '-') ||
      !ReadDigits(text, &at, 2, &day) || !Expect(text, &at, 'T') ||
      !ReadDigits(text, &at, 2, &hour) || !Expect(text, &at, ':') ||
      !ReadDigits(text, &at, 2, &minute) || !Expect(text, &at, ':') ||
      !ReadDigits(text, &at, 2, &second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  std::int64_t nanos = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::size_t digits = 0;
    std::int64_t scale = 1000000000;
    while (at < text.size() && IsAsciiDigit(text[at])) {
      if (++digits > 9) return std::nullopt;
      scale /= 10;
      nanos += (text[at] - '0') * scale;
      ++at;
    }
    if (digits == 0) return std::nullopt;
  }
  if (!Expect(text, &at, 'Z') || at != text.size()) return std::nullopt;

  const std::int64_t seconds = DaysFromCivil(year, month, day) * 86400 + std::int64_t{hour} * 3600 +
                               std::int64_t{minute} * 60 + second;
  using Tick = Timestamp::duration;
  constexpr std::int64_t kMaxSeconds =
      std::chrono::duration_cast<std::chrono::seconds>(Tick::max()).count() - 1;
  constexpr std::int64_t kMinSeconds =
      std::chrono::duration_cast<std::chrono::seconds>(Tick::min()).count() + 1;
  if (seconds > kMaxSeconds || seconds < kMinSeconds) return std::nullopt;
  return Timestamp(std::chrono::duration_cast<Tick>(std::chrono::seconds(seconds)) +
                   std::chrono::duration_cast<Tick>(std::chrono::nanoseconds(nanos)));
}

// "APIGW.0301", "CCE.01400001": upper-case letters, digits or '_', one dot,
// then digits; at most kMaxErrorCodeChars. A token echoed in error_code does
// not have this form.
bool IsGatewayErrorCode(std::string_view code) {
  const std::size_t dot = code.find('.');
  if (code.size() > kMaxErrorCodeChars || dot == 0 || dot == std::string_view::npos ||
      dot + 1 == code.size()) {
    return false;
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool ok =
        i < dot ? (IsAsciiUpper(c) || IsAsciiDigit(c) || c == '_') : (i == dot || IsAsciiDigit(c));
    if (!ok) return false;
  }
  return true;
}

std::string GatewayErrorSummary(std::string_view body) {
  std::optional<std::string> code;
  try {
    JsonReader reader(body);
    if (reader.Peek() != JsonKind::kObject) return {};
    reader.BeginObject();
    std::string_view key;
    while (reader.NextMember(&key)) {
      if (key == "error_code" && reader.Peek() == JsonKind::kString) {
        code = reader.ReadString();
      } else {
        reader.Skip();
      }
    }
  } catch (const DecodeError&) {
    // Not the gateway's JSON: nothing of it is quoted.
  }
  // Only a code of the gateway's form ("APIGW.0301"): free text such as
  // error_msg may echo anything the source was sent or once handed out (the
  // token, earlier credentials), in whole or cut, and no redaction of known
  // values can catch every form of it.
  if (!code || !IsGatewayErrorCode(*code)) return {};
  return " (error_code " + *code + ")";
}

}  // namespace internal
}  // namespace csms
