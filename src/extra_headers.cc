#include "internal/extra_headers.h"

#include <algorithm>
#include <array>

#include "csms/errors.h"
#include "internal/ascii.h"
#include "internal/validation.h"

namespace csms {
namespace internal {
namespace {

// RFC 9110 section 5.6.2: tchar.
bool IsTokenChar(char c) {
  if (IsAsciiAlnum(c)) return true;
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return kSymbols.find(c) != std::string_view::npos;
}

// RFC 9110 section 5.5 field-vchar without obs-text: what every proxy and
// gateway passes unchanged (bytes above 0x7F are read differently by some).
bool IsVisibleAscii(char c) { return c >= '!' && c <= '~'; }

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         AsciiEqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

std::string Quoted(std::string_view name) { return "header " + QuoteForMessage(name); }

std::optional<std::string> FindNameProblem(std::string_view name) {
  if (name.empty()) return std::string("a header name is empty");
  if (name.size() > kMaxExtraHeaderNameLength) {
    return Quoted(name) + ": the name is longer than " + std::to_string(kMaxExtraHeaderNameLength) +
           " bytes";
  }
  if (!std::all_of(name.begin(), name.end(), IsTokenChar)) {
    return Quoted(name) +
           ": the name is not an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~)";
  }
  if (IsReservedHeaderName(name)) {
    return Quoted(name) + " is set by the SDK and cannot be replaced";
  }
  return std::nullopt;
}

// The value is never quoted: header values are not secrets by contract, but
// a user may put a token in one all the same.
std::optional<std::string> FindValueProblem(std::string_view name, std::string_view value) {
  if (value.size() > kMaxExtraHeaderValueLength) {
    return Quoted(name) + ": the value is longer than " +
           std::to_string(kMaxExtraHeaderValueLength) + " bytes";
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (!IsVisibleAscii(value[i]) && !IsBlank(value[i])) {
      return Quoted(name) + ": the value holds a byte that is not visible ASCII, space or tab" +
             " at position " + std::to_string(i);
    }
  }
  // The signer trims values and curl would send them as given: a blank at
  // either end would make the two disagree about what was signed.
  if (!value.empty() && (IsBlank(value.front()) || IsBlank(value.back()))) {
    return Quoted(name) + ": the value starts or ends with a space or tab";
  }
  return std::nullopt;
}

}  // namespace

bool IsReservedHeaderName(std::string_view name) {
  // Signing and authentication (the signer's X-Sdk-* namespace includes
  // X-Sdk-Content-Sha256, which changes how the gateway checks the body),
  // the body's framing, hop-by-hop headers, and the ones the curl transport
  // sets or removes (Accept, Accept-Encoding): a user value for any of them
  // would be overwritten, sent twice, or signed but not sent.
  static constexpr std::array<std::string_view, 21> kReserved = {"Host",
                                                                 "Authorization",
                                                                 "X-Project-Id",
                                                                 "X-Domain-Id",
                                                                 "X-Security-Token",
                                                                 "X-Auth-Token",
                                                                 "Content-Type",
                                                                 "Content-Length",
                                                                 "Content-Encoding",
                                                                 "Transfer-Encoding",
                                                                 "Expect",
                                                                 "Connection",
                                                                 "Keep-Alive",
                                                                 "Proxy-Connection",
                                                                 "Proxy-Authorization",
                                                                 "TE",
                                                                 "Trailer",
                                                                 "Upgrade",
                                                                 "User-Agent",
                                                                 "Accept",
                                                                 "Accept-Encoding"};
  if (StartsWithIgnoreCase(name, "X-Sdk-")) return true;
  return std::any_of(kReserved.begin(), kReserved.end(), [name](std::string_view reserved) {
    return AsciiEqualsIgnoreCase(name, reserved);
  });
}

std::optional<std::string> FindExtraHeadersProblem(const HttpHeaders& headers) {
  if (headers.size() > kMaxExtraHeaders) {
    return "has " + std::to_string(headers.size()) + " headers; at most " +
           std::to_string(kMaxExtraHeaders) + " are allowed";
  }
  for (std::size_t i = 0; i < headers.size(); ++i) {
    const auto& [name, value] = headers[i];
    if (auto problem = FindNameProblem(name)) return problem;
    if (auto problem = FindValueProblem(name, value)) return problem;
    for (std::size_t j = 0; j < i; ++j) {
      if (AsciiEqualsIgnoreCase(headers[j].first, name)) {
        return Quoted(name) + " is given twice (names are compared without regard to case)";
      }
    }
  }
  return std::nullopt;
}

void CheckClientExtraHeaders(const HttpHeaders& headers) {
  if (auto problem = FindExtraHeadersProblem(headers)) {
    throw ConfigurationError("extra_headers: " + *problem);
  }
}

void CheckCallExtraHeaders(const HttpHeaders& headers) {
  if (auto problem = FindExtraHeadersProblem(headers)) {
    throw ValidationError("extra_headers", *problem);
  }
}

void AppendExtraHeaders(const HttpHeaders& client, const HttpHeaders& call, HttpHeaders* out) {
  for (const auto& header : client) {
    const bool replaced = std::any_of(call.begin(), call.end(), [&header](const auto& mine) {
      return AsciiEqualsIgnoreCase(mine.first, header.first);
    });
    if (!replaced) out->push_back(header);
  }
  out->insert(out->end(), call.begin(), call.end());
}

}  // namespace internal
}  // namespace csms
