// csms secrets versions create|list|show|update

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "json_output.h"
#include "secret_value.h"
#include "table.h"
#include "time_flag.h"

namespace csms_tool {
namespace {

std::string Base64(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16U |
                       static_cast<unsigned char>(bytes[i + 1]) << 8U |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[n >> 18U & 63U];
    out += kAlphabet[n >> 12U & 63U];
    out += kAlphabet[n >> 6U & 63U];
    out += kAlphabet[n & 63U];
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16U |
                       (two ? static_cast<unsigned char>(bytes[i + 1]) << 8U : 0U);
    out += kAlphabet[n >> 18U & 63U];
    out += kAlphabet[n >> 12U & 63U];
    out += two ? kAlphabet[n >> 6U & 63U] : '=';
    out += '=';
  }
  return out;
}

void PrintVersion(Context& ctx, const csms::SecretVersion& version) {
  if (ctx.json()) {
    PrintJson(ctx.out(), nlohmann::json{{"version_metadata", SecretVersionToJson(version)}});
    return;
  }
  PrintFields(ctx.out(), {{"ID", version.id},
                          {"Secret", version.secret_name},
                          {"Stages", Join(version.version_stages)},
                          {"Created", FormatTimestamp(version.create_time)},
                          {"Expires", FormatTimestamp(version.expire_time)},
                          {"KMS key ID", version.kms_key_id}});
}

void PrintVersionTable(Context& ctx, const std::vector<csms::SecretVersion>& versions) {
  Table table({"ID", "STAGES", "CREATED", "EXPIRES"});
  for (const auto& version : versions) {
    table.AddRow({version.id, Join(version.version_stages), FormatTimestamp(version.create_time),
                  FormatTimestamp(version.expire_time)});
  }
  table.Print(ctx.out());
}

void RunCreate(const ParsedArgs& args, Context& ctx) {
  const bool from_file = args.Has("--value-file");
  const bool from_stdin = args.Has("--value-stdin");
  if (from_file == from_stdin) {
    throw UsageError(
        "secrets versions create: give the value with exactly one of --value-file F and "
        "--value-stdin");
  }
  csms::CreateSecretVersionRequest request;
  request.version_stages = args.GetAll("--stage");
  if (auto expire = args.Get("--expire-time")) {
    request.expire_time = ParseRfc3339Flag(*expire, "--expire-time");
  }
  std::string value =
      from_file ? ReadSecretValueFile(*args.Get("--value-file")) : ReadSecretValueStream(stdin);
  // As secrets create: valid UTF-8 travels as secret_string, anything else as
  // secret_binary; --binary forces binary (a text file meant as bytes).
  if (!args.Has("--binary") && csms::IsValidUtf8(value)) {
    request.secret_string = std::move(value);
  } else {
    request.secret_binary = std::move(value);
  }
  PrintVersion(ctx, ctx.client().CreateSecretVersion(args.positionals()[0], request));
}

void RunList(const ParsedArgs& args, Context& ctx) {
  const std::string& name = args.positionals()[0];
  if (args.Has("--all")) {
    if (args.Has("--limit") || args.Has("--marker")) {
      throw UsageError("secrets versions list: --all cannot be combined with --limit or --marker");
    }
    const auto versions = ctx.client().ListAllSecretVersions(name);
    if (ctx.json()) {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& version : versions) array.push_back(SecretVersionToJson(version));
      PrintJson(ctx.out(), nlohmann::json{{"version_metadatas", std::move(array)}});
    } else {
      PrintVersionTable(ctx, versions);
    }
    return;
  }
  csms::ListSecretVersionsRequest request;
  request.limit = ParseLimitFlag(args);
  request.marker = args.Get("--marker");
  const auto page = ctx.client().ListSecretVersions(name, request);
  if (ctx.json()) {
    PrintJson(ctx.out(), SecretVersionPageToJson(page));
    return;
  }
  PrintVersionTable(ctx, page.versions);
  if (page.page_info.next_marker) {
    ctx.out() << "\nMore versions: csms secrets versions list " << OneLine(name) << " --marker "
              << OneLine(*page.page_info.next_marker) << '\n';
  }
}

std::string_view ValueBytes(const csms::SecretValue& value) {
  if (auto text = value.secret_string()) return *text;
  if (auto bytes = value.secret_binary()) return *bytes;
  return {};
}

std::string ValueKind(const csms::SecretValue& value) {
  switch (value.kind()) {
    case csms::SecretValue::Kind::kString:
      return "string";
    case csms::SecretValue::Kind::kBinary:
      return "binary";
    case csms::SecretValue::Kind::kNone:
      break;
  }
  return "none";
}

// Creates path (which must not exist: never overwrites, never follows a
// symbolic link) with mode 0600 and writes the value's bytes to it.
void WriteValueFile(const std::string& path, const csms::SecretValue& value) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw std::runtime_error("cannot create --value-file \"" + path +
                             "\": " + std::strerror(errno));
  }
  const std::string_view bytes = ValueBytes(value);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      close(fd);
      unlink(path.c_str());
      throw std::runtime_error("cannot write --value-file \"" + path +
                               "\": " + std::strerror(error));
    }
    written += static_cast<std::size_t>(n);
  }
  if (close(fd) != 0) {
    const int error = errno;
    unlink(path.c_str());
    throw std::runtime_error("cannot write --value-file \"" + path + "\": " + std::strerror(error));
  }
}

void RunShow(const ParsedArgs& args, Context& ctx) {
  const bool reveal = args.Has("--reveal-value");
  const auto value_file = args.Get("--value-file");
  if (reveal && value_file) {
    throw UsageError("secrets versions show: give at most one of --reveal-value and --value-file");
  }
  // Checked before the call, so that a value is never fetched for nothing.
  struct stat existing {};
  if (value_file && lstat(value_file->c_str(), &existing) == 0) {
    throw UsageError("secrets versions show: --value-file \"" + *value_file +
                     "\" exists; the value is written only to a new file");
  }
  const auto shown = ctx.client().ShowSecretVersion(args.positionals()[0], args.positionals()[1]);
  if (value_file) WriteValueFile(*value_file, shown.value);

  if (reveal && !ctx.json()) {
    // The bytes alone, as stored, for $(...) and pipes: no newline added.
    const std::string_view bytes = ValueBytes(shown.value);
    ctx.out().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return;
  }
  if (ctx.json()) {
    nlohmann::json version = {{"version_metadata", SecretVersionToJson(shown.version)}};
    if (reveal) {
      if (auto text = shown.value.secret_string()) {
        version["secret_string"] = std::string(*text);
      } else if (auto bytes = shown.value.secret_binary()) {
        version["secret_binary"] = Base64(*bytes);
      }
    }
    PrintJson(ctx.out(), nlohmann::json{{"version", std::move(version)}});
    return;
  }
  PrintVersion(ctx, shown.version);
  const std::string size =
      ValueKind(shown.value) + ", " + std::to_string(ValueBytes(shown.value).size()) + " bytes";
  PrintFields(ctx.out(), {{"Value", value_file ? size + ", written to " + *value_file
                                               : size + " (not shown; --reveal-value prints it)"}});
}

void RunUpdate(const ParsedArgs& args, Context& ctx) {
  const auto expire = args.Get("--expire-time");
  if (!expire) {
    throw UsageError(
        "secrets versions update: missing --expire-time; try csms secrets versions update --help");
  }
  csms::UpdateSecretVersionRequest request;
  request.expire_time = ParseRfc3339Flag(*expire, "--expire-time");
  PrintVersion(
      ctx, ctx.client().UpdateSecretVersion(args.positionals()[0], args.positionals()[1], request));
}

}  // namespace

const Group& SecretVersionsGroup() {
  static const Group kGroup{
      "versions",
      "create, list, show and update a secret's versions",
      {
          {"create",
           "add a version (a new value) to a secret",
           R"(usage: csms secrets versions create NAME (--value-file F | --value-stdin) [--binary]
                                   [--stage S ...] [--expire-time TIME]

Adds a version to the secret called NAME and prints its metadata. The value is
read, byte for byte, from a file or from standard input, never from a flag, and
is never printed. Valid UTF-8 is sent as secret_string, anything else (or
anything, with --binary) as secret_binary (base64). Fires SECRET_VERSION_CREATED
for a subscribed secret.

Not idempotent: after a failure that may have reached the service (exit 1 or 3
with "outcome unknown") nothing is re-sent; run csms secrets versions list NAME
before trying again, or a second version is made.

  --value-file F        read the value from file F
  --value-stdin         read the value from standard input
  --binary              send the value as secret_binary even when it is text
  --stage S             a stage label for the new version (1 to 64 of
                        [a-zA-Z0-9_-]); repeat for several. None: the service
                        makes it SYSCURRENT
  --expire-time TIME    when the version expires (RFC 3339, e.g.
                        2026-12-31T23:59:59Z); fires SECRET_VERSION_EXPIRED then
)",
           {{"--value-file"},
            {"--value-stdin", false},
            {"--binary", false},
            {"--stage", true, true},
            {"--expire-time"}},
           {"NAME"},
           RunCreate},
          {"list",
           "list a secret's versions, one page or all of them",
           R"(usage: csms secrets versions list NAME [--limit N] [--marker M] [--all]

Lists the versions of the secret called NAME (metadata only, never values).
Without --all one page is printed; the table then ends with the command for the
next page when there is one.

  --limit N   page size, 1 to 9999 (the service's default is 50)
  --marker M  start after the version with id M (the previous page's next_marker)
  --all       follow the pages to the end and print every version
)",
           {{"--limit"}, {"--marker"}, {"--all", false}},
           {"NAME"},
           RunList},
          {"show",
           "show a version's metadata (its value only when asked)",
           R"(usage: csms secrets versions show NAME VERSION_ID [--reveal-value | --value-file OUT]

Prints the metadata of version VERSION_ID ("v1", "v2", ..., or "latest" for the
newest) of the secret called NAME, and the kind and size of its value. The value
itself is fetched (the API returns it) but not printed unless asked:

  --reveal-value   print the value instead of the metadata: its bytes alone, as
                   stored, with no newline added (for $(...) and pipes); with
                   --output json, "secret_string" or "secret_binary" (base64)
                   next to "version_metadata"
  --value-file OUT write the value to a new file OUT, mode 0600 (OUT must not
                   exist; it is never overwritten), and print the metadata
)",
           {{"--reveal-value", false}, {"--value-file"}},
           {"NAME", "VERSION_ID"},
           RunShow},
          {"update",
           "change a version's expiry",
           R"(usage: csms secrets versions update NAME VERSION_ID --expire-time TIME

Sets when version VERSION_ID of the secret called NAME expires, and prints its
metadata. A subscribed secret fires SECRET_VERSION_EXPIRED at that time.

  --expire-time TIME  RFC 3339, e.g. 2026-12-31T23:59:59Z or 2027-01-01T08:00:00+08:00
)",
           {{"--expire-time"}},
           {"NAME", "VERSION_ID"},
           RunUpdate},
      }};
  return kGroup;
}

}  // namespace csms_tool
