#include "pod_identity.h"

#include <fstream>
#include <iterator>
#include <utility>

#include <nlohmann/json.hpp>

#include "crypto.h"
#include "json_encoding.h"
#include "random_ids.h"
#include "sdk_date.h"

namespace csms::emu {
namespace {

std::string TrimAsciiSpace(const std::string& text) {
  const char* kSpace = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

EndpointAnswer Json(int status, std::string body) {
  EndpointAnswer answer;
  answer.status = status;
  answer.body = std::move(body);
  answer.content_type = "application/json";
  return answer;
}

}  // namespace

PodIdentityService::PodIdentityService(const std::string& token, std::string token_file,
                                       TemporaryCredentials& credentials,
                                       const EmulatorClock& clock)
    : token_(TrimAsciiSpace(token)),
      token_file_(std::move(token_file)),
      credentials_(credentials),
      clock_(clock) {}

std::optional<std::string> PodIdentityService::ExpectedToken() const {
  if (token_file_.empty()) return token_;
  std::ifstream in(token_file_, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  content = TrimAsciiSpace(content);
  if (content.empty()) return std::nullopt;
  return content;
}

std::optional<EndpointAnswer> PodIdentityService::Handle(const std::string& method,
                                                         const std::string& path,
                                                         const HeaderLookup& header,
                                                         const std::string& body,
                                                         const std::string& request_id) {
  if (!Serves(path)) return std::nullopt;
  if (method != "POST") {
    EndpointAnswer answer = Json(
        405,
        GatewayErrorBody("APIGW.0101", "The pod identity endpoint takes POST only", request_id));
    answer.headers.emplace_back("Allow", "POST");
    return answer;
  }
  const std::optional<std::string> expected = ExpectedToken();
  if (!expected) {
    // The emulator's own configuration is broken; the file's content is never quoted.
    return Json(
        500, GatewayErrorBody("APIGW.0601", "The emulator cannot read its pod identity token file",
                              request_id));
  }
  const std::optional<std::string> given = header("Authorization");
  if (!given || !ConstantTimeEquals(TrimAsciiSpace(*given), *expected)) {
    return Json(401, GatewayErrorBody("APIGW.0301",
                                      given ? "The pod identity token is not valid"
                                            : "The Authorization header with the pod identity "
                                              "token is missing",
                                      request_id));
  }
  // The SDKs send "{}"; an empty body is let through, anything but a JSON object is not.
  if (!TrimAsciiSpace(body).empty()) {
    const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      return Json(400, GatewayErrorBody("APIGW.0602", "The request body must be a JSON object",
                                        request_id));
    }
  }

  const IssuedCredential issued = credentials_.Issue(clock_.Now());
  const nlohmann::json answer = {
      {"assumedAgency",
       {{"urn", "iam::0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:agency:csms-emulator-pod"},
        {"id", "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f71"}}},
      {"audience", "service.cce.pods"},
      {"credentials",
       {{"accessKeyId", issued.access_key},
        {"secretAccessKey", issued.secret_key},
        {"securityToken", issued.security_token},
        {"expiration", FormatIsoMicros(issued.expires_at)}}},
      {"podIdentityAssociationId", NewUuid()},
      {"subject", {{"namespace", "default"}, {"serviceAccount", "default"}}}};
  ++credentials_served_;
  return Json(200, answer.dump());
}

}  // namespace csms::emu
