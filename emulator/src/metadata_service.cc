#include "metadata_service.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "crypto.h"
#include "sdk_date.h"

namespace csms::emu {
namespace {

// The message the Go SDK looks for in a 401 to tell "no agency on this
// instance" from "session token needed" (ConfigAgencyError in metadata_accessor.go).
constexpr const char* kNoAgencyMessage = "Please configure Cloud Service Agency first";

EndpointAnswer Text(int status, std::string body) {
  EndpointAnswer answer;
  answer.status = status;
  answer.body = std::move(body);
  return answer;
}

EndpointAnswer MethodNotAllowed(const char* allowed) {
  EndpointAnswer answer = Text(405, "405 Method Not Allowed\n");
  answer.headers.emplace_back("Allow", allowed);
  return answer;
}

// 1 to kMaxTokenTtlSeconds as plain decimal digits; nullopt for anything else.
std::optional<std::int64_t> ParseTtl(const std::string& text) {
  if (text.empty() || text.size() > 6 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const std::int64_t value = std::stoll(text);
  if (value < 1 || value > MetadataService::kMaxTokenTtlSeconds) return std::nullopt;
  return value;
}

}  // namespace

MetadataService::MetadataService(MetadataTokenMode mode, bool agency,
                                 TemporaryCredentials& credentials, const EmulatorClock& clock)
    : mode_(mode), agency_(agency), credentials_(credentials), clock_(clock) {}

std::optional<EndpointAnswer> MetadataService::Handle(const std::string& method,
                                                      const std::string& path,
                                                      const HeaderLookup& header) {
  if (path == kTokenPath) {
    if (method != "PUT") return MethodNotAllowed("PUT");
    return IssueToken(header);
  }
  if (path == kSecurityKeyPath) {
    if (method != "GET") return MethodNotAllowed("GET");
    return ServeCredentials(header);
  }
  return std::nullopt;
}

EndpointAnswer MetadataService::IssueToken(const HeaderLookup& header) {
  // A metadata service without session tokens: the SDKs go on without one on 404.
  if (mode_ == MetadataTokenMode::kUnsupported) return Text(404, "404 Not Found\n");
  const std::optional<std::string> ttl_text = header("X-Metadata-Token-Ttl-Seconds");
  if (!ttl_text) return Text(400, "400 Bad Request: X-Metadata-Token-Ttl-Seconds is required\n");
  const std::optional<std::int64_t> ttl = ParseTtl(*ttl_text);
  if (!ttl) {
    return Text(400, "400 Bad Request: X-Metadata-Token-Ttl-Seconds must be 1 to " +
                         std::to_string(kMaxTokenTtlSeconds) + "\n");
  }
  const auto now = clock_.Now();
  std::string token = HexEncode(RandomBytes(32));
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Forget the expired ones, so a long run does not grow without bound.
    for (auto it = tokens_.begin(); it != tokens_.end();) {
      it = now >= it->second ? tokens_.erase(it) : std::next(it);
    }
    tokens_[token] = SaturatingAdd(now, std::chrono::seconds(*ttl));
  }
  ++tokens_issued_;
  return Text(200, std::move(token));
}

bool MetadataService::ValidToken(const std::string& token,
                                 std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = tokens_.find(token);
  return it != tokens_.end() && now < it->second;
}

EndpointAnswer MetadataService::ServeCredentials(const HeaderLookup& header) {
  const auto now = clock_.Now();
  if (mode_ != MetadataTokenMode::kUnsupported) {
    const std::optional<std::string> token = header("X-Metadata-Token");
    // A token that was given must be good in either mode; the message never quotes it.
    if (token && !ValidToken(*token, now)) {
      return Text(401, "401 Unauthorized: the X-Metadata-Token is invalid or has expired\n");
    }
    if (!token && mode_ == MetadataTokenMode::kRequired) {
      return Text(401, "401 Unauthorized: an X-Metadata-Token is required\n");
    }
  }
  if (!agency_) return Text(401, std::string("401 Unauthorized: ") + kNoAgencyMessage + "\n");

  const IssuedCredential issued = credentials_.Issue(now);
  const nlohmann::json body = {{"credential",
                                {{"access", issued.access_key},
                                 {"secret", issued.secret_key},
                                 {"securitytoken", issued.security_token},
                                 {"expires_at", FormatIsoMicros(issued.expires_at)}}}};
  ++credentials_served_;
  EndpointAnswer answer = Text(200, body.dump());
  answer.content_type = "application/json";
  return answer;
}

}  // namespace csms::emu
