// csms secrets create|list|show|update|delete|rotate|restore (versions: versions_command.cc)

#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "json_output.h"
#include "secret_value.h"
#include "table.h"
#include "time_flag.h"

namespace csms_tool {
namespace {

void PrintSecret(Context& ctx, const csms::Secret& secret) {
  if (ctx.json()) {
    PrintJson(ctx.out(), nlohmann::json{{"secret", SecretToJson(secret)}});
    return;
  }
  PrintFields(ctx.out(), {{"Name", secret.name},
                          {"ID", secret.id},
                          {"State", secret.state},
                          {"Type", secret.secret_type},
                          {"KMS key ID", secret.kms_key_id},
                          {"Description", secret.description},
                          {"Subscriptions", Join(secret.event_subscriptions)},
                          {"Auto rotation", secret.auto_rotation ? "yes" : "no"},
                          {"Rotation period", secret.rotation_period},
                          {"Rotated", FormatTimestamp(secret.rotation_time)},
                          {"Next rotation", FormatTimestamp(secret.next_rotation_time)},
                          {"Created", FormatTimestamp(secret.create_time)},
                          {"Updated", FormatTimestamp(secret.update_time)},
                          {"Scheduled delete", FormatTimestamp(secret.scheduled_delete_time)},
                          {"Enterprise project", secret.enterprise_project_id}});
}

void RunCreate(const ParsedArgs& args, Context& ctx) {
  const bool from_file = args.Has("--value-file");
  const bool from_stdin = args.Has("--value-stdin");
  if (from_file == from_stdin) {
    throw UsageError(
        "secrets create: give the value with exactly one of --value-file F and --value-stdin");
  }
  csms::CreateSecretRequest request;
  request.name = args.positionals()[0];
  std::string value =
      from_file ? ReadSecretValueFile(*args.Get("--value-file")) : ReadSecretValueStream(stdin);
  // Text travels as secret_string; anything else (keys, keystores) as
  // secret_binary, which the SDK base64-encodes. The SDK's own UTF-8 rule, the
  // one it checks secret_string with, so the two can never disagree.
  if (csms::IsValidUtf8(value)) {
    request.secret_string = std::move(value);
  } else {
    request.secret_binary = std::move(value);
  }
  if (auto event = args.Get("--subscribe")) request.event_subscriptions = {*event};
  PrintSecret(ctx, ctx.client().CreateSecret(request));
}

void RunShow(const ParsedArgs& args, Context& ctx) {
  PrintSecret(ctx, ctx.client().ShowSecret(args.positionals()[0]));
}

void RunUpdate(const ParsedArgs& args, Context& ctx) {
  const auto event = args.Get("--subscribe");
  const bool unsubscribe = args.Has("--unsubscribe");
  if (event.has_value() == unsubscribe) {
    throw UsageError("secrets update: give exactly one of --subscribe EVENT and --unsubscribe");
  }
  csms::UpdateSecretRequest request;
  // An empty list is how the API detaches every event.
  request.event_subscriptions =
      unsubscribe ? std::vector<std::string>{} : std::vector<std::string>{*event};
  PrintSecret(ctx, ctx.client().UpdateSecret(args.positionals()[0], request));
}

void RunDelete(const ParsedArgs& args, Context& ctx) {
  if (auto days = args.Get("--schedule")) {
    // The range (7 to 30) is the SDK's to check, before anything is sent.
    ctx.client().DeleteSecretForSchedule(args.positionals()[0],
                                         ParseNumberFlag(*days, "--schedule", "30"));
    return;
  }
  ctx.client().DeleteSecret(args.positionals()[0]);
}

void RunRotate(const ParsedArgs& args, Context& ctx) {
  ctx.client().RotateSecret(args.positionals()[0]);
}

void RunRestore(const ParsedArgs& args, Context& ctx) {
  ctx.client().RestoreSecretFromDeleteSchedule(args.positionals()[0]);
}

void RunList(const ParsedArgs& args, Context& ctx) {
  csms::ListSecretsRequest request;
  request.event_name = args.Get("--event");
  request.limit = ParseLimitFlag(args);
  request.marker = args.Get("--marker");
  const auto page = ctx.client().ListSecrets(request);
  if (ctx.json()) {
    PrintJson(ctx.out(), SecretPageToJson(page));
    return;
  }
  Table table({"NAME", "STATE", "TYPE", "SUBSCRIPTIONS", "CREATED"});
  for (const auto& secret : page.secrets) {
    table.AddRow({secret.name, secret.state, secret.secret_type, Join(secret.event_subscriptions),
                  FormatTimestamp(secret.create_time)});
  }
  table.Print(ctx.out());
  if (page.page_info.next_marker) {
    ctx.out() << "\nMore secrets: csms secrets list --marker "
              << OneLine(*page.page_info.next_marker) << '\n';
  }
}

}  // namespace

const Group& SecretsGroup() {
  static const Group kGroup{
      "secrets",
      "create, list, show, update, rotate, delete and restore secrets, and their versions",
      {
          {"create",
           "create a secret, optionally subscribed to an event",
           R"(usage: csms secrets create NAME (--value-file F | --value-stdin) [--subscribe EVENT]

Creates a secret called NAME. The value is read, byte for byte, from a file or
from standard input (a trailing newline is part of the value: use printf, not
echo). It is never taken from a flag and never printed. A value that is valid
UTF-8 is sent as secret_string, anything else as secret_binary (base64).

  --value-file F     read the value from file F
  --value-stdin      read the value from standard input
  --subscribe EVENT  subscribe the secret to the event called EVENT
)",
           {{"--value-file"}, {"--value-stdin", false}, {"--subscribe"}},
           {"NAME"},
           RunCreate},
          {"list",
           "list secrets, optionally those subscribed to an event",
           R"(usage: csms secrets list [--event EVENT] [--limit N] [--marker M]

Lists one page of secrets (metadata only, never values).

  --event EVENT  only the secrets subscribed to the event called EVENT
  --limit N      page size, 1 to 9999
  --marker M     start after the secret named M (the previous page's next_marker)
)",
           {{"--event"}, {"--limit"}, {"--marker"}},
           {},
           RunList},
          {"show",
           "show a secret's metadata",
           "usage: csms secrets show NAME\n\nPrints the metadata of the secret called NAME "
           "(never its value).\n",
           {},
           {"NAME"},
           RunShow},
          {"update",
           "subscribe a secret to an event, or detach it",
           R"(usage: csms secrets update NAME (--subscribe EVENT | --unsubscribe)

  --subscribe EVENT  subscribe the secret to the event called EVENT (replacing
                     any current subscription)
  --unsubscribe      detach the secret from every event
)",
           {{"--subscribe"}, {"--unsubscribe", false}},
           {"NAME"},
           RunUpdate},
          {"delete",
           "delete a secret, now or after a recovery window",
           R"(usage: csms secrets delete NAME [--schedule DAYS]

Without --schedule, deletes the secret called NAME now, with all its versions.
With --schedule, the deletion happens in DAYS days (7 to 30); until then the
secret is PENDING_DELETE and csms secrets restore NAME cancels it. When it
happens, a subscribed secret fires SECRET_DELETED. Prints nothing.

  --schedule DAYS  the recovery window in days, 7 to 30
)",
           {{"--schedule"}},
           {"NAME"},
           RunDelete},
          {"rotate",
           "rotate a secret now",
           R"(usage: csms secrets rotate NAME

Rotates the secret called NAME now: the service makes a new version (for a
COMMON secret with the current value, unless a rotation function makes a new
one). Fires SECRET_ROTATED, or SECRET_ROTATED_FAILED. Prints nothing; csms
secrets versions list NAME shows the new version.

Not idempotent: after a failure that may have reached the service (exit 1 or 3
with "outcome unknown") nothing is re-sent; list the versions before trying
again.
)",
           {},
           {"NAME"},
           RunRotate},
          {"restore",
           "cancel a scheduled deletion",
           R"(usage: csms secrets restore NAME

Cancels the scheduled deletion of the secret called NAME (see csms secrets
delete --schedule); the secret is usable again. Prints nothing.
)",
           {},
           {"NAME"},
           RunRestore},
      },
      {&SecretVersionsGroup()}};
  return kGroup;
}

}  // namespace csms_tool
