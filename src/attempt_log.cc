#include "internal/attempt_log.h"

#include <array>
#include <cstdio>

#include "internal/ascii.h"
#include "internal/url.h"

namespace csms {
namespace internal {
namespace {

// Allow-list, not deny-list: a header added later stays hidden until someone
// decides it is safe to show.
bool IsShownHeader(const std::string& name) {
  // Compared as ASCII: strcasecmp follows the locale, and in a Turkish one
  // "x-project-id" would not match "X-Project-Id" (there 'I' lower-cases to a
  // dotless i), so the header would be hidden.
  static constexpr std::array<std::string_view, 6> kShown = {
      "Host", "Content-Type", "Content-Length", "X-Project-Id", "X-Sdk-Date", "User-Agent"};
  for (const std::string_view shown : kShown) {
    if (AsciiEqualsIgnoreCase(name, shown)) return true;
  }
  return false;
}

// The request target without scheme and host.
std::string Target(const std::string& url) {
  UrlParts parts;
  if (!ParseUrl(url, &parts)) return "<unparseable url>";
  return parts.query.empty() ? parts.path : parts.path + "?" + parts.query;
}

// The whole URL, endpoint included, so that with several endpoints the line
// says which one the attempt went to. It is one the SDK built from a checked
// endpoint: no user information, no fragment.
std::string ShownUrl(const std::string& url) {
  UrlParts parts;
  return ParseUrl(url, &parts) ? url : "<unparseable url>";
}

}  // namespace

std::string FormatRequestLine(const HttpRequest& request) {
  std::string line = "csms: > " + request.method + " " + Target(request.url) + " headers: ";
  bool first = true;
  for (const auto& [name, value] : request.headers) {
    if (!first) line += ", ";
    first = false;
    line += name + ": " + (IsShownHeader(name) ? value : std::string("<redacted>"));
  }
  line += "; body " + std::to_string(request.body.size()) + " bytes";
  return line;
}

std::string FormatAttemptLine(const HttpRequest& request, const std::string& outcome,
                              std::chrono::microseconds duration, const std::string& request_id,
                              int attempt, int max_attempts, const std::string& decision) {
  char milliseconds[32];
  std::snprintf(milliseconds, sizeof milliseconds, "%.1f",
                static_cast<double>(duration.count()) / 1000.0);
  return "csms: " + request.method + " " + ShownUrl(request.url) + " -> " + outcome + " in " +
         milliseconds + " ms, request id " + (request_id.empty() ? "-" : request_id) +
         ", attempt " + std::to_string(attempt) + "/" + std::to_string(max_attempts) + ", " +
         decision;
}

}  // namespace internal
}  // namespace csms
