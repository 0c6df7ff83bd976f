#include "internal/json_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "seed_data.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(DecodeEventResponse, DecodesTheSeedResponseExample) {
  const Event event =
      DecodeEventResponse(csms_test::ReadTestData("create_event_seed_response.json"));
  EXPECT_EQ(event.name, "event-test");
  EXPECT_EQ(event.event_id, "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e");
  EXPECT_EQ(event.state, EventState::kEnabled);
  ASSERT_EQ(event.event_types.size(), 2u);
  EXPECT_EQ(event.event_types[0], EventType::kSecretVersionCreated);
  EXPECT_EQ(event.event_types[1], EventType::kSecretVersionExpired);
  EXPECT_EQ(event.create_time, Timestamp(milliseconds(1581507580000)));
  EXPECT_EQ(event.update_time, Timestamp(milliseconds(1581507580000)));
  EXPECT_EQ(event.notification.target_type, "SMN");
  EXPECT_EQ(event.notification.target_id, "urn:smn:cn-north-4:SecertExpirationTest");
  EXPECT_EQ(event.notification.target_name, "SecertExpirationNotificationTest");
}

TEST(DecodeEventResponse, KeepsUnknownEnumValuesAndIgnoresUnknownFields) {
  const Event event = DecodeEventResponse(R"({"event":{"name":"e",
      "event_types":["SECRET_VERSION_NEAR_EXPIRY","SECRET_DELETED"],
      "state":"SUSPENDED","brand_new_field":{"x":[1,2]},
      "notification":{"target_type":"KAFKA","target_id":"t","target_name":"n","extra":1}},
      "another":true})");
  ASSERT_EQ(event.event_types.size(), 2u);
  EXPECT_EQ(event.event_types[0].value(), "SECRET_VERSION_NEAR_EXPIRY");
  EXPECT_FALSE(event.event_types[0].IsKnown());
  EXPECT_EQ(event.state.value(), "SUSPENDED");
  EXPECT_EQ(event.notification.target_type, "KAFKA");
}

TEST(DecodeEventResponse, MissingFieldsKeepDefaults) {
  const Event event = DecodeEventResponse(R"({"event":{"name":"only-name","event_id":null}})");
  EXPECT_EQ(event.name, "only-name");
  EXPECT_TRUE(event.event_id.empty());
  EXPECT_TRUE(event.event_types.empty());
  EXPECT_EQ(event.create_time, Timestamp{});
}

TEST(DecodeEventResponse, RejectsWrongShapesNamingTheField) {
  const auto message_of = [](const std::string& body) {
    try {
      DecodeEventResponse(body);
    } catch (const DecodeError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message_of("not json"), "the body is not JSON: invalid literal at byte 0");
  EXPECT_EQ(message_of(R"({"event":{}} x)"),
            "the body is not JSON: trailing characters at byte 13");
  EXPECT_EQ(message_of("[1]"), "the body is not a JSON object");
  EXPECT_EQ(message_of("{}"), "the body has no \"event\" object");
  EXPECT_EQ(message_of(R"({"event":7})"), "event is not an object");
  EXPECT_EQ(message_of(R"({"event":{"name":1}})"), "event.name is not a string");
  EXPECT_EQ(message_of(R"({"event":{"event_types":"X"}})"), "event.event_types is not an array");
  EXPECT_EQ(message_of(R"({"event":{"event_types":[1]}})"),
            "event.event_types has a non-string entry");
  EXPECT_EQ(message_of(R"({"event":{"create_time":"soon"}})"),
            "event.create_time is not a timestamp");
  EXPECT_EQ(message_of(R"({"event":{"notification":[]}})"), "event.notification is not an object");
}

TEST(DecodeEventResponse, RepeatedMembersTakeTheLastValueAsNlohmannDid) {
  const Event event = DecodeEventResponse(
      R"({"event":{"name":"first","name":"second","state":"DISABLED","state":null,
          "event_types":["SECRET_DELETED"],"event_types":["SECRET_ROTATED"],
          "notification":{"target_id":"a"},"notification":{"target_name":"b"}}})");
  EXPECT_EQ(event.name, "second");
  EXPECT_EQ(event.state, EventState::kEnabled);  // null means absent: the default
  EXPECT_EQ(event.event_types, std::vector<EventType>{EventType::kSecretRotated});
  EXPECT_EQ(event.notification.target_id, "");  // the whole object is replaced
  EXPECT_EQ(event.notification.target_name, "b");
  EXPECT_THROW(DecodeEventResponse(R"({"event":{"name":"e"},"event":null})"), DecodeError);
}

TEST(DecodeEventResponse, NumbersOfEveryJsonSpellingAreTimestamps) {
  const auto create_time = [](const std::string& value) {
    return DecodeEventResponse(R"({"event":{"create_time":)" + value + "}}").create_time;
  };
  EXPECT_EQ(create_time("1581507580000"), Timestamp(milliseconds(1581507580000)));
  EXPECT_EQ(create_time("1.58150758e12"), Timestamp(milliseconds(1581507580000)));
  EXPECT_EQ(create_time("1581507580"), Timestamp(seconds(1581507580)));
  EXPECT_EQ(create_time("-0"), Timestamp{});
  EXPECT_EQ(create_time("1e-400"), Timestamp{});                     // underflows to zero
  EXPECT_EQ(create_time("18446744073709551615"), Timestamp::max());  // above INT64_MAX
  EXPECT_THROW(create_time("1e400"), DecodeError);                   // no double holds it: not JSON
  EXPECT_THROW(create_time("-99999999999999999999"), DecodeError);   // below INT64_MIN
  EXPECT_THROW(create_time("true"), DecodeError);
}

TEST(DecodeEventPageResponse, ReadsEventsAndPageInfo) {
  const EventPage page = DecodeEventPageResponse(
      R"({"events":[{"name":"a"},{"name":"b","unknown":[{"deep":[1,2,{}]}]}],
          "page_info":{"next_marker":"b","previous_marker":"","current_count":2}})");
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[1].name, "b");
  EXPECT_EQ(page.page_info.next_marker, "b");
  EXPECT_FALSE(page.page_info.previous_marker.has_value());  // empty means none
  EXPECT_EQ(page.page_info.current_count, 2);
  EXPECT_TRUE(DecodeEventPageResponse(R"({"events":null})").events.empty());
  const auto message_of = [](const std::string& body) {
    try {
      DecodeEventPageResponse(body);
    } catch (const DecodeError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message_of(R"({"events":5})"), "body.events is not an array");
  EXPECT_EQ(message_of(R"({"events":[null]})"), "event is not an object");
  EXPECT_EQ(message_of(R"({"page_info":[]})"), "body.page_info is not an object");
  EXPECT_EQ(message_of(R"({"page_info":{"current_count":2147483648}})"),
            "page_info.current_count is not a 32-bit integer");
  EXPECT_EQ(message_of(R"({"page_info":{"current_count":1.0}})"),
            "page_info.current_count is not a 32-bit integer");
}

TEST(DecodeSecretResponse, ReadsEveryField) {
  const Secret secret = DecodeSecretResponse(R"({"secret":{"id":"i","name":"n","state":"ENABLED",
      "kms_key_id":"k","description":"d","create_time":1,"update_time":2,
      "scheduled_delete_time":null,"secret_type":"COMMON","auto_rotation":"true",
      "rotation_period":"30d","rotation_config":"{}","rotation_func_urn":"u",
      "rotation_time":3,"next_rotation_time":4,"event_subscriptions":["e1","e2"],
      "enterprise_project_id":"0"}})");
  EXPECT_EQ(secret.id, "i");
  EXPECT_EQ(secret.kms_key_id, "k");
  EXPECT_EQ(secret.create_time, Timestamp(seconds(1)));
  EXPECT_FALSE(secret.scheduled_delete_time.has_value());
  EXPECT_TRUE(secret.auto_rotation);  // some services send booleans as strings
  EXPECT_EQ(secret.rotation_time, Timestamp(seconds(3)));
  EXPECT_EQ(secret.next_rotation_time, Timestamp(seconds(4)));
  EXPECT_EQ(secret.event_subscriptions, (std::vector<std::string>{"e1", "e2"}));
  EXPECT_EQ(secret.enterprise_project_id, "0");
  EXPECT_THROW(DecodeSecretResponse(R"({"secret":{"auto_rotation":"yes"}})"), DecodeError);
  EXPECT_THROW(DecodeSecretResponse(R"({"secrets":{}})"), DecodeError);
}

TEST(Timestamps, MillisecondsAndSecondsAreBothUnderstood) {
  EXPECT_EQ(TimestampFromWire(1581507580000), Timestamp(milliseconds(1581507580000)));
  EXPECT_EQ(TimestampFromWire(1581507580), Timestamp(seconds(1581507580)));
  EXPECT_EQ(TimestampFromWire(4'102'444'800), Timestamp(seconds(4'102'444'800)));  // 2100, in s
  // Beyond what the nanosecond clock can hold (year 2262): saturates, no overflow.
  EXPECT_EQ(TimestampFromWire(99'999'999'999), Timestamp::max());
  EXPECT_EQ(TimestampFromWire(100'000'000'000), Timestamp(milliseconds(100'000'000'000)));
  EXPECT_EQ(TimestampFromWire(0), Timestamp{});
  const Event event = DecodeEventResponse(R"({"event":{"create_time":"1581507580000"}})");
  EXPECT_EQ(event.create_time, Timestamp(milliseconds(1581507580000)));
}

TEST(EncodeCreateSecretEventBody, IsCompactJsonInDocumentedOrder) {
  CreateSecretEventRequest request;
  request.name = "event-1";
  request.event_types = {EventType::kSecretVersionCreated, EventType::kSecretDeleted};
  request.notification.target_id = "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-topic";
  request.notification.target_name = "csms-topic";
  // The exact body of the csms-create-event-json-body signing vector.
  EXPECT_EQ(EncodeCreateSecretEventBody(request),
            "{\"name\":\"event-1\",\"event_types\":[\"SECRET_VERSION_CREATED\",\"SECRET_DELETED\"],"
            "\"state\":\"ENABLED\",\"notification\":{\"target_type\":\"SMN\",\"target_id\":\"urn:"
            "smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-topic\",\"target_name\":\"csms-"
            "topic\"}}");
}

TEST(EncodeCreateSecretEventBody, EscapesStrings) {
  CreateSecretEventRequest request;
  request.name = "quote\"back\\slash\n\x01";
  const auto parsed = nlohmann::json::parse(EncodeCreateSecretEventBody(request));
  EXPECT_EQ(parsed.at("name"), "quote\"back\\slash\n\x01");
}

// The secret bodies were nlohmann::ordered_json::dump() of the fields that are
// set, in this order; the writer must give the same bytes (control bytes,
// quotes and UTF-8 in the free-text fields included).
nlohmann::ordered_json LegacyCreateSecretBody(const CreateSecretRequest& r) {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  body["name"] = r.name;
  if (r.secret_string) body["secret_string"] = *r.secret_string;
  if (r.secret_binary) body["secret_binary"] = Base64Encode(*r.secret_binary);
  if (r.kms_key_id) body["kms_key_id"] = *r.kms_key_id;
  if (r.description) body["description"] = *r.description;
  if (r.secret_type) body["secret_type"] = *r.secret_type;
  if (r.auto_rotation) body["auto_rotation"] = *r.auto_rotation;
  if (r.rotation_period) body["rotation_period"] = *r.rotation_period;
  if (r.rotation_config) body["rotation_config"] = *r.rotation_config;
  if (r.rotation_func_urn) body["rotation_func_urn"] = *r.rotation_func_urn;
  if (r.enterprise_project_id) body["enterprise_project_id"] = *r.enterprise_project_id;
  if (!r.event_subscriptions.empty()) body["event_subscriptions"] = r.event_subscriptions;
  return body;
}

nlohmann::ordered_json LegacyUpdateSecretBody(const UpdateSecretRequest& r) {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  if (r.kms_key_id) body["kms_key_id"] = *r.kms_key_id;
  if (r.description) body["description"] = *r.description;
  if (r.auto_rotation) body["auto_rotation"] = *r.auto_rotation;
  if (r.rotation_period) body["rotation_period"] = *r.rotation_period;
  if (r.rotation_func_urn) body["rotation_func_urn"] = *r.rotation_func_urn;
  if (r.event_subscriptions) {
    body["event_subscriptions"] = nlohmann::ordered_json::array();
    for (const auto& name : *r.event_subscriptions) body["event_subscriptions"].push_back(name);
  }
  return body;
}

const char* const kAwkwardText =
    "line 1\nline 2\ttab \"quoted\" back\\slash \x01\x1f\x7f "
    "caf\xC3\xA9 \xE4\xB8\x80 \xF0\x9F\x98\x80 </script>";

TEST(EncodeCreateSecretBody, IsByteForByteWhatNlohmannWrote) {
  CreateSecretRequest minimal;
  minimal.name = "db-password";
  EXPECT_EQ(EncodeCreateSecretBody(minimal), "{\"name\":\"db-password\"}");
  EXPECT_EQ(EncodeCreateSecretBody(minimal), LegacyCreateSecretBody(minimal).dump());

  CreateSecretRequest full;
  full.name = "db-password";
  full.secret_string = std::string(kAwkwardText) + "-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n";
  full.kms_key_id = "0b3c1f3e-5a7d-4c2e-9f1a-2b3c4d5e6f70";
  full.description = kAwkwardText;
  full.secret_type = "COMMON";
  full.auto_rotation = false;
  full.rotation_period = "30d";
  full.rotation_config = R"({"user_name":"root"})";
  full.rotation_func_urn = "urn:fss:cn-north-4:p:function:default:rotate";
  full.enterprise_project_id = "0";
  full.event_subscriptions = {"event-1"};
  EXPECT_EQ(EncodeCreateSecretBody(full), LegacyCreateSecretBody(full).dump());

  CreateSecretRequest binary;
  binary.name = "blob";
  binary.secret_binary = std::string(
      "\0\xff\x10"
      "bin",
      6);
  binary.auto_rotation = true;
  EXPECT_EQ(EncodeCreateSecretBody(binary), LegacyCreateSecretBody(binary).dump());
}

TEST(EncodeUpdateSecretBody, IsByteForByteWhatNlohmannWrote) {
  UpdateSecretRequest detach;
  detach.event_subscriptions = std::vector<std::string>();
  EXPECT_EQ(EncodeUpdateSecretBody(detach), "{\"event_subscriptions\":[]}");
  EXPECT_EQ(EncodeUpdateSecretBody(detach), LegacyUpdateSecretBody(detach).dump());

  UpdateSecretRequest full;
  full.kms_key_id = "alias/key";
  full.description = kAwkwardText;
  full.auto_rotation = true;
  full.rotation_period = "7d";
  full.rotation_func_urn = "urn:fss:x";
  full.event_subscriptions = std::vector<std::string>{"event-1"};
  EXPECT_EQ(EncodeUpdateSecretBody(full), LegacyUpdateSecretBody(full).dump());

  UpdateSecretRequest none;
  EXPECT_EQ(EncodeUpdateSecretBody(none), "{}");
}

TEST(EncodeUpdateSecretEventBody, WritesOnlyTheFieldsThatAreSet) {
  UpdateSecretEventRequest state_only;
  state_only.state = EventState::kDisabled;
  EXPECT_EQ(EncodeUpdateSecretEventBody(state_only), "{\"state\":\"DISABLED\"}");
  UpdateSecretEventRequest all;
  all.event_types = std::vector<EventType>{EventType::kSecretDeleted};
  all.state = EventState::kEnabled;
  all.notification = Notification{"SMN", "urn:smn:x", "t"};
  EXPECT_EQ(EncodeUpdateSecretEventBody(all),
            "{\"event_types\":[\"SECRET_DELETED\"],\"state\":\"ENABLED\",\"notification\":"
            "{\"target_type\":\"SMN\",\"target_id\":\"urn:smn:x\",\"target_name\":\"t\"}}");
}

}  // namespace
}  // namespace internal
}  // namespace csms
