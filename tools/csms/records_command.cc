// csms records list

#include "command.h"
#include "json_output.h"
#include "table.h"

namespace csms_tool {
namespace {

void RunList(const ParsedArgs&, Context& ctx) {
  const auto page = ctx.client().ListNotificationRecords();
  if (ctx.json()) {
    PrintJson(ctx.out(), RecordPageToJson(page));
    return;
  }
  Table table({"TIME", "EVENT", "TYPE", "SECRET", "TARGET", "STATUS"});
  for (const auto& record : page.records) {
    table.AddRow({FormatTimestamp(record.create_time), record.event_name,
                  record.trigger_event_type.value(), record.secret_name,
                  record.notification_target_name, record.notification_status});
  }
  table.Print(ctx.out());
}

}  // namespace

const Group& RecordsGroup() {
  static const Group kGroup{"records",
                            "list the notifications sent for events",
                            {{"list",
                              "list the notification records of the last three months",
                              R"(usage: csms records list

Lists the notifications the service sent (or tried to send) for events in the
last three months: when, for which event, event type and secret, to which
target, and whether it was delivered (SUCCESS, FAIL or INVALID). With
--output json each record also carries its notification_content.
)",
                              {},
                              {},
                              RunList}}};
  return kGroup;
}

}  // namespace csms_tool
