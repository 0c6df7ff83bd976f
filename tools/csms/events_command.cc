// csms events create|list|show|update|delete

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "command.h"
#include "json_output.h"
#include "table.h"

namespace csms_tool {
namespace {

std::vector<csms::EventType> EventTypes(const std::vector<std::string>& values) {
  // Passed through as typed: the SDK validates them and names the bad one.
  std::vector<csms::EventType> types;
  for (const auto& value : values) types.emplace_back(value);
  return types;
}

std::string RequireFlag(const ParsedArgs& args, const std::string& flag,
                        const std::string& command) {
  auto value = args.Get(flag);
  if (!value) {
    throw UsageError(command + ": missing " + flag + "; try csms " + command + " --help");
  }
  return *value;
}

std::vector<std::string> TypeNames(const csms::Event& event) {
  std::vector<std::string> names;
  for (const auto& type : event.event_types) names.push_back(type.value());
  return names;
}

void PrintEvent(Context& ctx, const csms::Event& event) {
  if (ctx.json()) {
    PrintJson(ctx.out(), nlohmann::json{{"event", EventToJson(event)}});
    return;
  }
  PrintFields(ctx.out(), {{"Name", event.name},
                          {"Event ID", event.event_id},
                          {"Types", Join(TypeNames(event))},
                          {"State", event.state.value()},
                          {"Target type", event.notification.target_type},
                          {"Target ID", event.notification.target_id},
                          {"Target name", event.notification.target_name},
                          {"Created", FormatTimestamp(event.create_time)},
                          {"Updated", FormatTimestamp(event.update_time)}});
}

void PrintEventTable(Context& ctx, const std::vector<csms::Event>& events) {
  Table table({"NAME", "STATE", "TYPES", "TARGET"});
  for (const auto& event : events) {
    table.AddRow(
        {event.name, event.state.value(), Join(TypeNames(event)), event.notification.target_name});
  }
  table.Print(ctx.out());
}

void RunCreate(const ParsedArgs& args, Context& ctx) {
  const std::string command = "events create";
  csms::CreateSecretEventRequest request;
  request.name = RequireFlag(args, "--name", command);
  request.event_types = EventTypes(args.GetAll("--type"));
  if (request.event_types.empty()) {
    throw UsageError(command + ": missing --type; try csms " + command + " --help");
  }
  if (auto state = args.Get("--state")) request.state = csms::EventState(*state);
  request.notification.target_id = RequireFlag(args, "--target-id", command);
  request.notification.target_name = RequireFlag(args, "--target-name", command);
  if (auto type = args.Get("--target-type")) request.notification.target_type = *type;
  PrintEvent(ctx, ctx.client().CreateSecretEvent(request));
}

void RunList(const ParsedArgs& args, Context& ctx) {
  if (args.Has("--all")) {
    if (args.Has("--limit") || args.Has("--marker")) {
      throw UsageError("events list: --all cannot be combined with --limit or --marker");
    }
    const auto events = ctx.client().ListAllSecretEvents();
    if (ctx.json()) {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& event : events) array.push_back(EventToJson(event));
      PrintJson(ctx.out(), nlohmann::json{{"events", std::move(array)}});
    } else {
      PrintEventTable(ctx, events);
    }
    return;
  }
  csms::ListSecretEventsRequest request;
  request.limit = ParseLimitFlag(args);
  request.marker = args.Get("--marker");
  const auto page = ctx.client().ListSecretEvents(request);
  if (ctx.json()) {
    PrintJson(ctx.out(), EventPageToJson(page));
    return;
  }
  PrintEventTable(ctx, page.events);
  if (page.page_info.next_marker) {
    ctx.out() << "\nMore events: csms events list --marker " << OneLine(*page.page_info.next_marker)
              << '\n';
  }
}

void RunShow(const ParsedArgs& args, Context& ctx) {
  PrintEvent(ctx, ctx.client().ShowSecretEvent(args.positionals()[0]));
}

void RunUpdate(const ParsedArgs& args, Context& ctx) {
  csms::UpdateSecretEventRequest request;
  if (args.Has("--type")) request.event_types = EventTypes(args.GetAll("--type"));
  if (auto state = args.Get("--state")) request.state = csms::EventState(*state);
  auto target_id = args.Get("--target-id");
  auto target_name = args.Get("--target-name");
  if (target_id || target_name) {
    // The service replaces the notification object as a whole, so half of it
    // would blank the other half.
    if (!target_id || !target_name) {
      throw UsageError(
          "events update: --target-id and --target-name must be given together; the "
          "notification target is replaced as a whole");
    }
    csms::Notification notification;
    notification.target_id = *target_id;
    notification.target_name = *target_name;
    request.notification = notification;
  }
  if (!request.event_types && !request.state && !request.notification) {
    throw UsageError(
        "events update: nothing to change; give --type, --state, or --target-id with "
        "--target-name");
  }
  PrintEvent(ctx, ctx.client().UpdateSecretEvent(args.positionals()[0], request));
}

void RunDelete(const ParsedArgs& args, Context& ctx) {
  ctx.client().DeleteSecretEvent(args.positionals()[0]);
}

}  // namespace

const Group& EventsGroup() {
  static const Group kGroup{
      "events",
      "create, list, show, update and delete secret events",
      {
          {"create",
           "create an event",
           R"(usage: csms events create --name N --type T [--type T ...] [--state ENABLED|DISABLED]
                          --target-id URN --target-name NAME [--target-type SMN]

Creates a secret event: a named set of event types whose notifications go to an
SMN topic. The event does nothing until a secret subscribes to it
(csms secrets update NAME --subscribe EVENT).

  --name N            event name, 1 to 64 of [a-zA-Z0-9_-]
  --type T            SECRET_VERSION_CREATED, SECRET_VERSION_EXPIRED, SECRET_ROTATED,
                      SECRET_DELETED or SECRET_ROTATED_FAILED; repeat for several
  --state S           ENABLED (default) or DISABLED
  --target-id URN     SMN topic URN, e.g. urn:smn:cn-north-4:PROJECT:TOPIC
  --target-name NAME  SMN topic name
  --target-type TYPE  notification target type; only SMN (the default) exists
)",
           {{"--name"},
            {"--type", true, true},
            {"--state"},
            {"--target-id"},
            {"--target-name"},
            {"--target-type"}},
           {},
           RunCreate},
          {"list",
           "list events, one page or all of them",
           R"(usage: csms events list [--limit N] [--marker M] [--all]

Lists events by name. Without --all one page is printed; the table then ends
with the command for the next page when there is one.

  --limit N   page size, 1 to 9999 (the service's default is 50)
  --marker M  start after the event named M (the previous page's next_marker)
  --all       follow the pages to the end and print every event
)",
           {{"--limit"}, {"--marker"}, {"--all", false}},
           {},
           RunList},
          {"show",
           "show one event",
           "usage: csms events show NAME\n\nPrints the event called NAME.\n",
           {},
           {"NAME"},
           RunShow},
          {"update",
           "change some fields of an event",
           R"(usage: csms events update NAME [--type T ...] [--state S]
                          [--target-id URN --target-name NAME]

Changes only the fields given; at least one is required. --type replaces the
whole list of types. --target-id and --target-name go together, because the
service replaces the notification target as a whole (its type stays SMN).
)",
           {{"--type", true, true}, {"--state"}, {"--target-id"}, {"--target-name"}},
           {"NAME"},
           RunUpdate},
          {"delete",
           "delete an event",
           R"(usage: csms events delete NAME

Deletes the event called NAME, immediately and irreversibly. An event that a
secret still subscribes to cannot be deleted: run
csms secrets update SECRET --unsubscribe first. Prints nothing.
)",
           {},
           {"NAME"},
           RunDelete},
      }};
  return kGroup;
}

}  // namespace csms_tool
