// The tool's --output json writer (tools/csms/json_output.cc) on its own: the
// service's wire shapes from the public model structs, unknown enum values
// included. The end-to-end tests check the same through the built binary.

#include "json_output.h"

#include <chrono>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace csms_tool_test {
namespace {

using json = nlohmann::json;
using std::chrono::milliseconds;

csms::Timestamp AtMs(long long ms) { return csms::Timestamp(milliseconds(ms)); }

TEST(JsonOutput, EventIsTheWireShapeIncludingUnknownValues) {
  csms::Event event;
  event.name = "round-trip";
  event.event_id = "2d1152f2-290d-4756-a1d2-e12c14992416";
  event.event_types = {csms::EventType::kSecretRotatedFailed,
                       csms::EventType("SECRET_FROM_THE_FUTURE")};
  event.state = csms::EventState("PAUSED");
  event.create_time = AtMs(1581507580000);
  event.update_time = AtMs(1700000000123);
  event.notification = {"SMN", "urn:smn:x:y:z", "z"};

  EXPECT_EQ(csms_tool::EventToJson(event), json::parse(R"({
      "name": "round-trip", "event_id": "2d1152f2-290d-4756-a1d2-e12c14992416",
      "event_types": ["SECRET_ROTATED_FAILED", "SECRET_FROM_THE_FUTURE"],
      "state": "PAUSED", "create_time": 1581507580000, "update_time": 1700000000123,
      "notification": {"target_type": "SMN", "target_id": "urn:smn:x:y:z", "target_name": "z"}})"));
}

TEST(JsonOutput, PagesCarryPageInfoWithOnlyTheMarkersThatAreSet) {
  csms::EventPage events;
  events.events.resize(2);
  events.page_info.next_marker = "ev-2";
  events.page_info.current_count = 2;
  const json page = csms_tool::EventPageToJson(events);
  EXPECT_EQ(page.at("events").size(), 2u);
  EXPECT_EQ(page.at("page_info"), json({{"next_marker", "ev-2"}, {"current_count", 2}}));

  csms::SecretPage secrets;
  secrets.page_info.previous_marker = "s-0";
  EXPECT_EQ(csms_tool::SecretPageToJson(secrets),
            json({{"secrets", json::array()},
                  {"page_info", {{"previous_marker", "s-0"}, {"current_count", 0}}}}));

  csms::NotificationRecordPage records;
  records.records.resize(1);
  EXPECT_EQ(csms_tool::RecordPageToJson(records).at("page_info"), json({{"current_count", 0}}));
}

TEST(JsonOutput, SecretHasEveryFieldAndOptionalTimesOnlyWhenSet) {
  csms::Secret secret;
  secret.id = "id-1";
  secret.name = "db";
  secret.state = "FROZEN_IN_THE_FUTURE";
  secret.create_time = AtMs(1000);
  secret.update_time = AtMs(2000);
  secret.auto_rotation = true;
  secret.rotation_period = "30d";
  secret.next_rotation_time = AtMs(3000);
  secret.event_subscriptions = {"ev1"};

  const json out = csms_tool::SecretToJson(secret);
  EXPECT_EQ(out, json::parse(R"({
      "id": "id-1", "name": "db", "state": "FROZEN_IN_THE_FUTURE", "kms_key_id": "",
      "description": "", "create_time": 1000, "update_time": 2000, "secret_type": "",
      "auto_rotation": true, "rotation_period": "30d", "rotation_config": "",
      "rotation_func_urn": "", "next_rotation_time": 3000, "event_subscriptions": ["ev1"],
      "enterprise_project_id": ""})"));
  EXPECT_FALSE(out.contains("scheduled_delete_time"));
  EXPECT_FALSE(out.contains("rotation_time"));
}

TEST(JsonOutput, RecordKeepsTheContentAsTheServiceString) {
  csms::NotificationRecord record;
  record.event_name = "ev1";
  record.trigger_event_type = csms::EventType("SECRET_FROM_THE_FUTURE");
  record.create_time = AtMs(1581507580123);
  record.secret_name = "db";
  record.secret_type = "COMMON";
  record.notification_target_name = "topic1";
  record.notification_target_id = "urn:smn:x:y:topic1";
  record.notification_content = R"({"event_type":"SECRET_ROTATED"})";
  record.notification_status = "SUCCESS";

  EXPECT_EQ(csms_tool::RecordToJson(record), json::parse(R"({
      "event_name": "ev1", "trigger_event_type": "SECRET_FROM_THE_FUTURE",
      "create_time": 1581507580123, "secret_name": "db", "secret_type": "COMMON",
      "notification_target_name": "topic1", "notification_target_id": "urn:smn:x:y:topic1",
      "notification_content": "{\"event_type\":\"SECRET_ROTATED\"}",
      "notification_status": "SUCCESS"})"));
}

TEST(JsonOutput, TimesBeforeTheEpochStayNegativeMilliseconds) {
  EXPECT_EQ(csms_tool::EpochMilliseconds(AtMs(-1500)), -1500);
  EXPECT_EQ(csms_tool::EpochMilliseconds(csms::Timestamp()), 0);
}

TEST(JsonOutput, PrintJsonReplacesInvalidUtf8InsteadOfThrowing) {
  csms::Event event;
  event.name = std::string("bad\xff", 4);
  std::ostringstream out;
  csms_tool::PrintJson(out, json{{"event", csms_tool::EventToJson(event)}});
  EXPECT_EQ(json::parse(out.str()).at("event").at("name"), "bad\xEF\xBF\xBD");
  EXPECT_EQ(out.str().back(), '\n');
}

}  // namespace
}  // namespace csms_tool_test
