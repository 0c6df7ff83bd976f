#include "iam_service.h"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <utility>

#include "crypto.h"
#include "sdk_date.h"

namespace csms::emu {
namespace {

using nlohmann::json;

// An error answer. Keystone's calls (/v3/...) answer
// {"error":{"code","message","title"}}; the /v3.0/ calls IAM's
// {"error_code":"IAM.xxxx","error_msg"}. Messages never quote a password,
// token, passcode or key, and never echo what the caller sent.
class IamError : public std::runtime_error {
 public:
  IamError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

 private:
  int status_;
  std::string code_;
};

IamError BadRequest(const std::string& message) { return IamError(400, "IAM.0011", message); }
IamError Unauthorized(const std::string& message) { return IamError(401, "IAM.0101", message); }
IamError Forbidden(const std::string& message) { return IamError(403, "IAM.0003", message); }

const char* Title(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    default:
      return "Error";
  }
}

// Caller-supplied strings may be any bytes; replacing invalid UTF-8 keeps
// dump() from throwing.
std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

EndpointAnswer JsonAnswer(int status, const json& body) {
  EndpointAnswer answer;
  answer.status = status;
  answer.body = Dump(body);
  answer.content_type = "application/json;charset=UTF-8";
  return answer;
}

// The member at `path` below `root`, or null when a step is missing or not an object.
const json* At(const json& root, std::initializer_list<const char*> path) {
  const json* current = &root;
  for (const char* key : path) {
    if (!current->is_object()) return nullptr;
    const auto it = current->find(key);
    if (it == current->end()) return nullptr;
    current = &*it;
  }
  return current;
}

// A required non-empty string at `path`; `field` names it in the 400.
std::string RequiredString(const json& root, std::initializer_list<const char*> path,
                           const std::string& field) {
  const json* value = At(root, path);
  if (value == nullptr) throw BadRequest("Request parameter " + field + " is missing.");
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    throw BadRequest("Request parameter " + field + " must be a non-empty string.");
  }
  return value->get<std::string>();
}

// An optional string at `path`: nullopt when absent; 400 when present but not a string.
std::optional<std::string> OptionalString(const json& root, std::initializer_list<const char*> path,
                                          const std::string& field) {
  const json* value = At(root, path);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) throw BadRequest("Request parameter " + field + " must be a string.");
  return value->get<std::string>();
}

// duration_seconds: 900 when absent, else an integer within IAM's range.
std::chrono::seconds Duration(const json& method_body, const std::string& field) {
  const json* value = At(method_body, {"duration_seconds"});
  if (value == nullptr || value->is_null()) {
    return std::chrono::seconds(IamService::kMinDurationSeconds);
  }
  const std::string range = " must be an integer from " +
                            std::to_string(IamService::kMinDurationSeconds) + " to " +
                            std::to_string(IamService::kMaxDurationSeconds) + ".";
  if (!value->is_number_integer()) throw BadRequest("Request parameter " + field + range);
  // A large unsigned value does not fit int64: it is out of range either way.
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(IamService::kMaxDurationSeconds)) {
    throw BadRequest("Request parameter " + field + range);
  }
  const auto seconds = value->get<std::int64_t>();
  if (seconds < IamService::kMinDurationSeconds || seconds > IamService::kMaxDurationSeconds) {
    throw BadRequest("Request parameter " + field + range);
  }
  return std::chrono::seconds(seconds);
}

// auth.identity.methods: a non-empty array of strings from `allowed`.
std::vector<std::string> Methods(const json& body, std::initializer_list<const char*> allowed) {
  const json* methods = At(body, {"auth", "identity", "methods"});
  if (methods == nullptr) throw BadRequest("Request parameter auth.identity.methods is missing.");
  if (!methods->is_array() || methods->empty() || methods->size() > allowed.size()) {
    throw BadRequest("Request parameter auth.identity.methods is invalid.");
  }
  std::vector<std::string> names;
  for (const json& method : *methods) {
    const bool known =
        method.is_string() && std::any_of(allowed.begin(), allowed.end(), [&](const char* name) {
          return method.get_ref<const std::string&>() == name;
        });
    if (!known) throw BadRequest("Request parameter auth.identity.methods is invalid.");
    names.push_back(method.get<std::string>());
  }
  return names;
}

bool Contains(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

json ParseObject(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object()) throw BadRequest("The request body is not a JSON object.");
  return parsed;
}

std::string TrimAsciiSpace(const std::string& text) {
  const char* kSpace = " \t\r\n\f\v";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

}  // namespace

IamService::IamService(EmulatorIamOptions options, std::string project_id, IamTokens& tokens,
                       TemporaryCredentials& credentials, const Authenticator& authenticator,
                       const EmulatorClock& clock)
    : options_(std::move(options)),
      project_id_(std::move(project_id)),
      tokens_(tokens),
      credentials_(credentials),
      authenticator_(authenticator),
      clock_(clock) {}

bool IamService::Serves(const std::string& path) {
  return path.rfind("/v3/", 0) == 0 || path.rfind("/v3.0/", 0) == 0;
}

std::optional<EndpointAnswer> IamService::Handle(const IamRequest& request,
                                                 const std::string& request_id) {
  if (!Serves(request.path)) return std::nullopt;
  const std::string& path = request.path;
  const bool keystone = path.rfind("/v3/", 0) == 0;
  try {
    const char* allowed = nullptr;
    if (path == kPasswordTokenPath || path == kIdTokenPath || path == kSecurityTokensPath) {
      allowed = "POST";
    } else if (path == kProjectsPath) {
      allowed = "GET";
    } else {
      throw IamError(404, "IAM.0004", "The requested resource could not be found.");
    }
    if (request.http.method != allowed) {
      EndpointAnswer answer = JsonAnswer(
          405,
          json{
              {"error",
               {{"code", 405}, {"message", "The method is not allowed."}, {"title", Title(405)}}}});
      answer.headers.emplace_back("Allow", allowed);
      answer.headers.emplace_back("X-IAM-Trace-Id", request_id);
      ++refused_;
      return answer;
    }
    EndpointAnswer answer;
    if (path == kPasswordTokenPath) {
      answer = PasswordToken(request, request_id);
    } else if (path == kIdTokenPath) {
      answer = IdToken(request, request_id);
    } else if (path == kSecurityTokensPath) {
      answer = SecurityTokens(request, request_id);
    } else {
      answer = Projects(request, request_id);
    }
    answer.headers.emplace_back("X-IAM-Trace-Id", request_id);
    return answer;
  } catch (const IamError& error) {
    ++refused_;
    const json body = keystone ? json{{"error",
                                       {{"code", error.status()},
                                        {"message", error.what()},
                                        {"title", Title(error.status())}}}}
                               : json{{"error_code", error.code()}, {"error_msg", error.what()}};
    EndpointAnswer answer = JsonAnswer(error.status(), body);
    answer.headers.emplace_back("X-IAM-Trace-Id", request_id);
    return answer;
  }
}

EndpointAnswer IamService::PasswordToken(const IamRequest& request, const std::string& request_id) {
  const json body = ParseObject(request.http.body);
  const std::vector<std::string> methods = Methods(body, {"password", "totp"});
  if (!Contains(methods, "password")) {
    throw BadRequest("Request parameter auth.identity.methods must include \"password\".");
  }
  const std::string name = RequiredString(body, {"auth", "identity", "password", "user", "name"},
                                          "auth.identity.password.user.name");
  const std::string password =
      RequiredString(body, {"auth", "identity", "password", "user", "password"},
                     "auth.identity.password.user.password");
  const std::string domain =
      RequiredString(body, {"auth", "identity", "password", "user", "domain", "name"},
                     "auth.identity.password.user.domain.name");
  const std::optional<std::string> scope_id =
      OptionalString(body, {"auth", "scope", "project", "id"}, "auth.scope.project.id");
  const std::optional<std::string> scope_name =
      OptionalString(body, {"auth", "scope", "project", "name"}, "auth.scope.project.name");
  if (!scope_id && !scope_name) {
    throw BadRequest(
        "Request parameter auth.scope.project is missing (the emulator issues project-scoped "
        "tokens only: give the project id or name).");
  }
  std::optional<std::string> totp_user, totp_passcode;
  if (Contains(methods, "totp")) {
    totp_user = RequiredString(body, {"auth", "identity", "totp", "user", "id"},
                               "auth.identity.totp.user.id");
    totp_passcode = RequiredString(body, {"auth", "identity", "totp", "user", "passcode"},
                                   "auth.identity.totp.user.passcode");
  }

  // Every comparison runs, so the time taken does not tell which one failed.
  const bool name_ok = ConstantTimeEquals(name, options_.user_name);
  const bool domain_ok = ConstantTimeEquals(domain, options_.domain_name);
  const bool password_ok =
      !options_.password.empty() && ConstantTimeEquals(password, options_.password);
  if (!(name_ok && domain_ok && password_ok)) {
    throw Unauthorized("The username or password is wrong.");
  }
  if (totp_passcode) {
    const bool user_ok = ConstantTimeEquals(*totp_user, options_.user_id);
    const bool passcode_ok = ConstantTimeEquals(*totp_passcode, options_.totp_passcode);
    if (!(user_ok && passcode_ok)) throw Unauthorized("The verification code is wrong.");
  } else if (options_.mfa) {
    throw Unauthorized(
        "MFA verification is required: add the \"totp\" method with the user id and a "
        "passcode.");
  }
  const bool project_ok =
      (!scope_id || *scope_id == project_id_) && (!scope_name || *scope_name == options_.region);
  if (!project_ok)
    throw Unauthorized("The project does not exist or the user has no access to it.");

  ++password_tokens_;
  return TokenAnswer(totp_passcode ? "totp" : "password", true, request_id);
}

EndpointAnswer IamService::IdToken(const IamRequest& request, const std::string& request_id) {
  const std::optional<std::string> idp = request.http.header("X-Idp-Id");
  if (!idp || idp->empty()) throw BadRequest("The X-Idp-Id header is missing.");
  const json body = ParseObject(request.http.body);
  const std::string id_token = RequiredString(body, {"auth", "id_token", "id"}, "auth.id_token.id");
  const std::optional<std::string> scope_id =
      OptionalString(body, {"auth", "scope", "project", "id"}, "auth.scope.project.id");
  const std::optional<std::string> scope_name =
      OptionalString(body, {"auth", "scope", "project", "name"}, "auth.scope.project.name");
  const std::optional<std::string> domain_id =
      OptionalString(body, {"auth", "scope", "domain", "id"}, "auth.scope.domain.id");

  const bool configured = !options_.idp_id.empty() && !options_.id_token.empty();
  if (!configured || *idp != options_.idp_id) {
    throw IamError(404, "IAM.0004", "The identity provider does not exist.");
  }
  if (!ConstantTimeEquals(TrimAsciiSpace(id_token), TrimAsciiSpace(options_.id_token))) {
    throw Unauthorized("The id token is invalid or has expired.");
  }
  const bool project_scoped = scope_id || scope_name;
  if (project_scoped && !((!scope_id || *scope_id == project_id_) &&
                          (!scope_name || *scope_name == options_.region))) {
    throw Unauthorized("The project does not exist or the user has no access to it.");
  }
  if (domain_id && *domain_id != options_.domain_id) {
    throw Unauthorized("The domain does not exist or the user has no access to it.");
  }
  ++id_token_tokens_;
  return TokenAnswer("mapped", project_scoped, request_id);
}

EndpointAnswer IamService::SecurityTokens(const IamRequest& request,
                                          const std::string& request_id) {
  const json body = ParseObject(request.http.body);
  const std::vector<std::string> methods = Methods(body, {"token", "assume_role"});
  if (methods.size() != 1) {
    throw BadRequest("Request parameter auth.identity.methods must hold one method.");
  }
  const json& identity = *At(body, {"auth", "identity"});
  if (methods.front() == "token") return ByToken(request, identity, request_id);
  return ByAgency(request, identity, request_id);
}

EndpointAnswer IamService::ByToken(const IamRequest& request, const json& identity,
                                   const std::string& request_id) {
  const json* method = At(identity, {"token"});
  if (method != nullptr && !method->is_object()) {
    throw BadRequest("Request parameter auth.identity.token must be an object.");
  }
  const json empty = json::object();
  const json& token_body = method != nullptr ? *method : empty;
  const std::optional<std::string> in_body =
      OptionalString(token_body, {"id"}, "auth.identity.token.id");
  const std::optional<std::string> in_header = request.http.header("X-Auth-Token");
  if (!in_body && !in_header) throw Unauthorized("The X-Auth-Token header is missing.");
  if (in_body && in_header && *in_body != *in_header) {
    throw BadRequest("Request parameter auth.identity.token.id differs from X-Auth-Token.");
  }
  const std::chrono::seconds duration =
      Duration(token_body, "auth.identity.token.duration_seconds");
  const std::optional<KnownToken> known =
      tokens_.Find(in_body ? *in_body : *in_header, clock_.Now());
  if (!known) throw Unauthorized("The token is invalid.");
  if (known->state == KnownToken::State::kExpired) throw Unauthorized("The token has expired.");
  ++token_credentials_;
  return CredentialAnswer(duration, request_id);
}

EndpointAnswer IamService::ByAgency(const IamRequest& request, const json& identity,
                                    const std::string& request_id) {
  const json* method = At(identity, {"assume_role"});
  if (method == nullptr || !method->is_object()) {
    throw BadRequest("Request parameter auth.identity.assume_role is missing.");
  }
  const std::string agency =
      RequiredString(*method, {"agency_name"}, "auth.identity.assume_role.agency_name");
  const std::optional<std::string> domain_name =
      OptionalString(*method, {"domain_name"}, "auth.identity.assume_role.domain_name");
  const std::optional<std::string> domain_id =
      OptionalString(*method, {"domain_id"}, "auth.identity.assume_role.domain_id");
  if ((!domain_name || domain_name->empty()) && (!domain_id || domain_id->empty())) {
    throw BadRequest(
        "Request parameter auth.identity.assume_role.domain_name or domain_id is missing.");
  }
  const std::chrono::seconds duration =
      Duration(*method, "auth.identity.assume_role.duration_seconds");
  if (At(*method, {"session_user"}) != nullptr) {
    const std::optional<std::string> session_user = OptionalString(
        *method, {"session_user", "name"}, "auth.identity.assume_role.session_user.name");
    if (!session_user || session_user->empty() || session_user->size() > 64) {
      throw BadRequest(
          "Request parameter auth.identity.assume_role.session_user.name must be 1 to 64 "
          "characters.");
    }
  }

  // Who is asking: the emulator's AK/SK, a temporary credential or token it issued.
  if (const auto failure = authenticator_.CheckCaller(request.http, clock_.Now())) {
    throw Unauthorized(failure->error_msg);
  }
  const bool domain_ok =
      (!domain_name || domain_name->empty() || *domain_name == options_.domain_name) &&
      (!domain_id || domain_id->empty() || *domain_id == options_.domain_id);
  if (agency != options_.agency_name || !domain_ok) {
    throw Forbidden("The agency does not exist in that domain, or the caller may not assume it.");
  }
  ++agency_credentials_;
  return CredentialAnswer(duration, request_id);
}

EndpointAnswer IamService::Projects(const IamRequest& request, const std::string& /*request_id*/) {
  // The same rules as CSMS (anything passes when the emulator has no credentials),
  // except that an unscoped token may list projects.
  if (const auto failure = authenticator_.Check(request.http, clock_.Now(), true)) {
    throw Unauthorized(failure->error_msg);
  }
  const std::optional<std::string> name = request.query("name");
  const std::optional<std::string> id = request.query("id");
  json projects = json::array();
  if ((!name || *name == options_.region) && (!id || *id == project_id_)) {
    projects.push_back(ProjectJson());
  }
  ++project_lists_;
  return JsonAnswer(
      200, json{{"projects", std::move(projects)},
                {"links", {{"self", kProjectsPath}, {"previous", nullptr}, {"next", nullptr}}}});
}

json IamService::ProjectJson() const {
  return json{{"id", project_id_},
              {"name", options_.region},
              {"domain_id", options_.domain_id},
              {"parent_id", options_.domain_id},
              {"is_domain", false},
              {"enabled", true},
              {"description", ""},
              {"links", {{"self", std::string(kProjectsPath) + "/" + project_id_}}}};
}

EndpointAnswer IamService::TokenAnswer(const std::string& method, bool project_scoped,
                                       const std::string& /*request_id*/) {
  const auto now = clock_.Now();
  const IamTokens::Issued issued = tokens_.Issue(now, options_.token_lifetime, project_scoped);
  const json domain = {{"id", options_.domain_id}, {"name", options_.domain_name}};
  json token = {{"expires_at", FormatIsoMicros(issued.expires_at)},
                {"issued_at", FormatIsoMicros(now)},
                {"methods", json::array({method})},
                {"user",
                 {{"id", options_.user_id},
                  {"name", options_.user_name},
                  {"domain", domain},
                  {"password_expires_at", ""}}}};
  if (method == "totp") token["methods"] = json::array({"password", "totp"});
  if (project_scoped) {
    token["project"] = {{"id", project_id_}, {"name", options_.region}, {"domain", domain}};
  }
  EndpointAnswer answer = JsonAnswer(201, json{{"token", std::move(token)}});
  answer.headers.emplace_back("X-Subject-Token", issued.token);
  return answer;
}

EndpointAnswer IamService::CredentialAnswer(std::chrono::seconds duration,
                                            const std::string& /*request_id*/) {
  const IssuedCredential issued =
      credentials_.Issue(clock_.Now(), std::min(duration, options_.sts_lifetime));
  return JsonAnswer(201, json{{"credential",
                               {{"access", issued.access_key},
                                {"secret", issued.secret_key},
                                {"securitytoken", issued.security_token},
                                {"expires_at", FormatIsoMicros(issued.expires_at)}}}});
}

EmulatorIamCounters IamService::counters() const {
  EmulatorIamCounters counters;
  counters.password_tokens = password_tokens_;
  counters.id_token_tokens = id_token_tokens_;
  counters.token_credentials = token_credentials_;
  counters.agency_credentials = agency_credentials_;
  counters.project_lists = project_lists_;
  counters.refused = refused_;
  counters.refused_expired_tokens = refused_expired_tokens_;
  return counters;
}

}  // namespace csms::emu
