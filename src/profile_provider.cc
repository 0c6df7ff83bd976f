// The credentials file of the official SDKs (huaweicloud-sdk-go-v3
// core/auth/provider/profile_provider.go reads it with gopkg.in/ini.v1): an INI
// file whose [basic] section holds ak, sk, security_token and project_id. The
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
};

class ProfileProvider : public CachingProvider {
 public:
  ProfileProvider(std::string path, EnvLookup getenv)
      : path_(std::move(path)), getenv_(std::move(getenv)) {}

 private:
  Credentials Load() override {
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
    auto credentials = ParseProfile(read.content, file);
    if (!credentials) {
      throw CredentialsError("profile: " + file + " has no ak and sk in section [basic]");
    }
    return credentials->WithSource("profile " + file);
  }

  const std::string path_;
  const EnvLookup getenv_;
};

}  // namespace

std::string ProfilePath(const std::string& path, const EnvLookup& getenv) {
  if (!path.empty()) return path;
  if (auto file = getenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE")) return std::move(*file);
  if (auto home = getenv("HOME")) return *home + "/.huaweicloud/credentials";
  return {};
}

std::optional<Credentials> ParseProfile(const std::string& text, const std::string& file) {
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
    }
  }
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

std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path,
                                                                    EnvLookup getenv) {
  return std::make_shared<ProfileProvider>(std::move(path), std::move(getenv));
}

}  // namespace internal

std::shared_ptr<CredentialsProvider> MakeProfileCredentialsProvider(std::string path) {
  return internal::MakeProfileCredentialsProvider(std::move(path), &internal::GetEnv);
}

}  // namespace csms
