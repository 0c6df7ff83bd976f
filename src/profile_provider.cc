// The credentials file of the official SDKs (huaweicloud-sdk-go-v3
// core/auth/provider/profile_provider.go reads it with gopkg.in/ini.v1): an INI
// file whose [basic] section holds ak, sk, security_token and project_id, or
// idp_id, id_token_file and iam_endpoint for federated credentials. The
// parser is our own and strict: a line it cannot read is an error naming the
// file and line, not a silently missing key.

#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "internal/bounded_file.h"
#include "internal/credentials_providers.h"
#include "internal/environment.h"
#include "internal/iam_providers.h"

namespace csms {
namespace internal {
namespace {

// A credentials file is a few hundred bytes; anything this large is not one.
constexpr std::size_t kMaxProfileBytes = std::size_t{1024} * 1024;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// ini.v1 strips one pair of surrounding quotes from a value.
std::string_view Unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '`') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

[[noreturn]] void Misconfigured(const std::string& file, int line, const std::string& what) {
  throw MisconfiguredSourceError("profile: " + file + " line " + std::to_string(line) + ": " +
                                 what);
}

struct BasicSection {
  std::string ak, sk, security_token;
  int ak_line = 0, sk_line = 0, token_line = 0;
  // Federated credentials and where IAM is (the Go SDK's profile keys), and
  // the region whose IAM endpoint is used (our own key).
  std::string idp_id, id_token_file, iam_endpoint, region;
  int idp_line = 0, id_token_file_line = 0;
};

// The [basic] section of a credentials file.
BasicSection ReadBasicSection(const std::string& text, const std::string& file);
// Its AK/SK credentials; nullopt when it has neither ak nor sk nor a security token.
std::optional<Credentials> CredentialsOf(BasicSection basic, const std::string& file);

class ProfileProvider : public CachingProvider {
 public:
  ProfileProvider(std::string path, EnvLookup getenv, IamOptions iam)
      : CachingProvider("profile"),
        path_(std::move(path)),
        getenv_(std::move(getenv)),
        iam_(std::move(iam)) {}

 private:
  LoadedSource Load() override {
    const std::string file = ProfilePath(path_, getenv_);
    if (file.empty()) {
      throw CredentialsError(
          "profile: HUAWEICLOUD_SDK_CREDENTIALS_FILE and HOME are not set, so there is no "
          "credentials file to read");
    }
    // Bounded and non-blocking: the variable may name a pipe or a device.
    const BoundedFile read = ReadBoundedFile(file, kMaxProfileBytes);
    switch (read.status) {
      case BoundedFile::Status::kOk:
        break;
      case BoundedFile::Status::kNotFound:
        throw CredentialsError("profile: " + file + " not found");
      case BoundedFile::Status::kTooLarge:
        throw MisconfiguredSourceError("profile: " + file + " is larger than 1 MiB");
      case BoundedFile::Status::kUnreadable:
        throw MisconfiguredSourceError("profile: " + file + " cannot be read");
    }
    BasicSection basic = ReadBasicSection(read.content, file);
    if (!basic.idp_id.empty() && !basic.id_token_file.empty()) {
      // Federated credentials win over ak/sk, as in huaweicloud-sdk-go-v3
      // core/auth/provider/credential_provider.go (fillCommonAttrs).
      FederatedCredentialsOptions federated;
      federated.iam = iam_;
      federated.iam.region =
          !basic.region.empty() ? basic.region : getenv_("HUAWEICLOUD_SDK_REGION").value_or("");
      federated.idp_id = std::move(basic.idp_id);
      federated.id_token_file = std::move(basic.id_token_file);
      try {
        return {std::nullopt, MakeFederatedCredentialsProvider(std::move(federated), getenv_,
                                                               basic.iam_endpoint)};
      } catch (const ConfigurationError& e) {
        throw MisconfiguredSourceError("profile: " + file +
                                       ": federated credentials: " + ReasonOf(e));
      }
    }
    if (!basic.idp_id.empty()) {
      Misconfigured(file, basic.idp_line, "[basic] has idp_id but no id_token_file");
    }
    if (!basic.id_token_file.empty()) {
      Misconfigured(file, basic.id_token_file_line, "[basic] has id_token_file but no idp_id");
    }
    auto credentials = CredentialsOf(std::move(basic), file);
    if (!credentials) {
      throw CredentialsError("profile: " + file + " has no ak and sk in section [basic]");
    }
    return {credentials->WithSource("profile " + file), nullptr};
  }

  const std::string path_;
  const EnvLookup getenv_;
  const IamOptions iam_;
};

BasicSection ReadBasicSection(const std::string& text, const std::string& file) {
  BasicSection basic;
  bool in_basic = false;
  std::string_view body = text;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // a UTF-8 byte order mark
  std::istringstream lines{std::string(body)};
  std::string raw;
  for (int number = 1; std::getline(lines, raw); ++number) {
    const std::string_view line = Trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') Misconfigured(file, number, "a section header without ']'");
      const std::string_view name = Trim(line.substr(1, line.size() - 2));
      in_basic = name == "basic";
      continue;
    }
    const std::size_t equals = line.find_first_of("=:");
    if (equals == std::string_view::npos) {
      Misconfigured(file, number, "not a [section] header, a key = value line or a comment");
    }
    const std::string_view key = Trim(line.substr(0, equals));
    if (key.empty()) Misconfigured(file, number, "a value without a key");
    if (!in_basic) continue;
    // Later lines win, as in ini.v1; project_id and other keys are not ours.
    const std::string value(Unquote(Trim(line.substr(equals + 1))));
    if (key == "ak") {
      basic.ak = value;
      basic.ak_line = number;
    } else if (key == "sk") {
      basic.sk = value;
      basic.sk_line = number;
    } else if (key == "security_token") {
      basic.security_token = value;
      basic.token_line = number;
    } else if (key == "idp_id") {
      basic.idp_id = value;
      basic.idp_line = number;
    } else if (key == "id_token_file") {
      basic.id_token_file = value;
      basic.id_token_file_line = number;
    } else if (key == "iam_endpoint") {
      basic.iam_endpoint = value;
    } else if (key == "region") {
      basic.region = value;
    }
  }
  return basic;
}

std::optional<Credentials> CredentialsOf(BasicSection basic, const std::string& file) {
  if (basic.ak.empty() && basic.sk.empty()) {
    if (!basic.security_token.empty()) {
      Misconfigured(file, basic.token_line, "[basic] has a security_token but no ak and sk");
    }
    return std::nullopt;
  }
  if (basic.ak.empty()) Misconfigured(file, basic.sk_line, "[basic] has sk but no ak");
  if (basic.sk.empty()) Misconfigured(file, basic.ak_line, "[basic] has ak but no sk");
  return Credentials::AkSk(std::move(basic.ak), std::move(basic.sk),
                           std::move(basic.security_token));
}

}  // namespace

std::string ProfilePath(const std::string& path, const EnvLookup& getenv) {
  if (!path.empty()) return path;
  if (auto file = getenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE")) return std::move(*file);
  if (auto home = getenv("HOME")) return *home + "/.huaweicloud/credentials";
  return {};
}

std::optional<Credentials> ParseProfile(const std::string& text, const std::string& file) {
  return CredentialsOf(ReadBasicSection(text, file), file);
}

std::string ProfileIamEndpoint(const EnvLookup& getenv) {
  const std::string file = ProfilePath({}, getenv);
  if (file.empty()) return {};
  const BoundedFile read = ReadBoundedFile(file, kMaxProfileBytes);
  if (read.status != BoundedFile::Status::kOk) return {};
  try {
    return ReadBasicSection(read.content, file).iam_endpoint;
  } catch (const CredentialsError&) {
    return {};  // the profile source reports a broken file itself
  }
}

std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path,
                                                                    EnvLookup getenv,
                                                                    IamOptions iam) {
  return std::make_shared<ProfileProvider>(std::move(path), std::move(getenv), std::move(iam));
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path) {
  return internal::MakeProfileCredentialsProvider(std::move(path), &internal::GetEnv);
}

}  // namespace csms
