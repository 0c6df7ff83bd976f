// Event operations: round trip, validation (nested error bodies), quota,
// duplicates, paging, and the referenced-event delete rule.

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;

const std::regex kUuid("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

TEST(EventOperationsTest, CreateShowUpdateDeleteRoundTrip) {
  Harness h;
  auto created = h.Post("csms/events", EventBody("event-1", {"SECRET_VERSION_CREATED"}).dump());
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_EQ(created->get_header_value("Content-Type"), "application/json");
  const json event = BodyJson(created)["event"];
  EXPECT_EQ(event["name"], "event-1");
  EXPECT_TRUE(std::regex_match(event["event_id"].get<std::string>(), kUuid));
  EXPECT_EQ(event["event_types"], json::array({"SECRET_VERSION_CREATED"}));
  EXPECT_EQ(event["state"], "ENABLED");
  EXPECT_GT(event["create_time"].get<std::int64_t>(), 100000000000);  // milliseconds
  EXPECT_EQ(event["notification"]["target_type"], "SMN");

  auto shown = h.Get("csms/events/event-1");
  ASSERT_TRUE(shown);
  EXPECT_EQ(shown->status, 200);
  EXPECT_EQ(BodyJson(shown)["event"], event);

  auto updated = h.Put("csms/events/event-1", R"({"state":"DISABLED"})");
  ASSERT_TRUE(updated);
  ASSERT_EQ(updated->status, 200) << updated->body;
  const json after = BodyJson(updated)["event"];
  EXPECT_EQ(after["state"], "DISABLED");
  EXPECT_EQ(after["event_types"], event["event_types"]);  // partial update keeps the rest
  EXPECT_EQ(after["notification"], event["notification"]);
  EXPECT_EQ(after["event_id"], event["event_id"]);
  EXPECT_GE(after["update_time"].get<std::int64_t>(), event["update_time"].get<std::int64_t>());

  auto deleted = h.Delete("csms/events/event-1");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 204);
  EXPECT_TRUE(deleted->body.empty());

  auto gone = h.Get("csms/events/event-1");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 404);
  EXPECT_EQ(NestedCode(gone), "CSMS.0005");
}

struct BadEvent {
  const char* label;
  json body;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BadEvent& bad, std::ostream* out) { *out << bad.label; }

class EventValidationTest : public ::testing::TestWithParam<BadEvent> {};

TEST_P(EventValidationTest, RefusedWithNestedInvalidParameter) {
  Harness h;
  auto result = h.Post("csms/events", GetParam().body.dump());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400) << result->body;
  EXPECT_EQ(NestedCode(result), "CSMS.0002") << result->body;
  EXPECT_FALSE(BodyJson(result)["error"]["error_msg"].get<std::string>().empty());
  // Nothing was created.
  EXPECT_EQ(BodyJson(h.Get("csms/events"))["events"].size(), 0U);
}

json Without(json body, const char* field) {
  body.erase(field);
  return body;
}

json With(json body, const json::json_pointer& pointer, json value) {
  body[pointer] = std::move(value);
  return body;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, EventValidationTest,
    ::testing::Values(
        BadEvent{"name_missing", Without(EventBody("e"), "name")},
        BadEvent{"name_not_string", With(EventBody("e"), json::json_pointer("/name"), 5)},
        BadEvent{"name_bad_char", EventBody("bad.name")}, BadEvent{"name_empty", EventBody("")},
        BadEvent{"name_65_chars", EventBody(std::string(65, 'a'))},
        BadEvent{"types_missing", Without(EventBody("e"), "event_types")},
        BadEvent{"types_empty", EventBody("e", {})},
        BadEvent{"types_unknown", EventBody("e", {"SECRET_VERSION_NEAR_EXPIRY"})},
        BadEvent{"types_duplicate", EventBody("e", {"SECRET_ROTATED", "SECRET_ROTATED"})},
        BadEvent{"types_13", EventBody("e", std::vector<std::string>(13, "SECRET_ROTATED"))},
        BadEvent{"state_missing", Without(EventBody("e"), "state")},
        BadEvent{"state_bad", EventBody("e", {"SECRET_ROTATED"}, "enabled")},
        BadEvent{"notification_missing", Without(EventBody("e"), "notification")},
        BadEvent{"target_type_not_smn",
                 With(EventBody("e"), json::json_pointer("/notification/target_type"), "SMS")},
        BadEvent{"target_id_bad",
                 With(EventBody("e"), json::json_pointer("/notification/target_id"), "urn smn")},
        BadEvent{"target_id_257",
                 With(EventBody("e"), json::json_pointer("/notification/target_id"),
                      std::string(257, 'a'))},
        BadEvent{"target_name_bad",
                 With(EventBody("e"), json::json_pointer("/notification/target_name"), "a:b")},
        BadEvent{"target_name_missing",
                 json{{"name", "e"},
                      {"event_types", {"SECRET_ROTATED"}},
                      {"state", "ENABLED"},
                      {"notification", {{"target_type", "SMN"}, {"target_id", "urn:x"}}}}}),
    [](const ::testing::TestParamInfo<BadEvent>& param_info) {
      return std::string(param_info.param.label);
    });

TEST(EventOperationsTest, AcceptsLimitsOfTheRules) {
  Harness h;
  json body = EventBody(std::string(64, 'a'),
                        {"SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED", "SECRET_ROTATED",
                         "SECRET_DELETED", "SECRET_ROTATED_FAILED"});
  body["notification"]["target_id"] = std::string(256, ':');
  body["unknown_field"] = {{"ignored", true}};
  auto result = h.Post("csms/events", body.dump());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200) << result->body;
}

TEST(EventOperationsTest, MalformedJsonIsCsms0004Nested) {
  Harness h;
  for (const std::string body : {"{\"name\":", "", "[1,2]", "not json"}) {
    auto result = h.Post("csms/events", body);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400) << body;
    EXPECT_EQ(NestedCode(result), "CSMS.0004") << body;
  }
  auto update = h.Put("csms/events/x", "{oops");
  ASSERT_TRUE(update);
  EXPECT_EQ(NestedCode(update), "CSMS.0004");
}

TEST(EventOperationsTest, DuplicateNameRefused) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("dup").dump())->status, 200);
  auto again = h.Post("csms/events", EventBody("dup").dump());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(NestedCode(again), "CSMS.0002");
  EXPECT_NE(again->body.find("already exists"), std::string::npos);
}

TEST(EventOperationsTest, QuotaOfThirtyEvents) {
  Harness h;
  for (int i = 0; i < 30; ++i) {
    auto result = h.Post("csms/events", EventBody("e" + std::to_string(i)).dump());
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
  }
  auto over = h.Post("csms/events", EventBody("one-too-many").dump());
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 400);
  EXPECT_EQ(NestedCode(over), "CSMS.0003");
  EXPECT_NE(over->body.find("quota"), std::string::npos);
  // Deleting one makes room again.
  ASSERT_EQ(h.Delete("csms/events/e0")->status, 204);
  EXPECT_EQ(h.Post("csms/events", EventBody("one-too-many").dump())->status, 200);
}

TEST(EventOperationsTest, UpdateRules) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev").dump())->status, 200);

  auto empty = h.Put("csms/events/ev", "{}");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(NestedCode(empty), "CSMS.0002");

  auto rename = h.Put("csms/events/ev", R"({"name":"other","state":"DISABLED"})");
  ASSERT_TRUE(rename);
  EXPECT_EQ(NestedCode(rename), "CSMS.0002");

  auto bad_types =
      h.Put("csms/events/ev", R"({"event_types":["SECRET_ROTATED","SECRET_ROTATED"]})");
  ASSERT_TRUE(bad_types);
  EXPECT_EQ(NestedCode(bad_types), "CSMS.0002");

  auto missing = h.Put("csms/events/nope", R"({"state":"DISABLED"})");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(NestedCode(missing), "CSMS.0005");

  auto notification = h.Put(
      "csms/events/ev",
      R"({"notification":{"target_type":"SMN","target_id":"urn:smn:x:y:z","target_name":"z"}})");
  ASSERT_TRUE(notification);
  ASSERT_EQ(notification->status, 200);
  EXPECT_EQ(BodyJson(notification)["event"]["notification"]["target_name"], "z");
}

TEST(EventOperationsTest, DeleteMissingIs404) {
  Harness h;
  auto result = h.Delete("csms/events/missing");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(NestedCode(result), "CSMS.0005");
}

TEST(EventOperationsTest, PagingAcrossPagesSortedByName) {
  Harness h;
  // Created out of order; listed by name.
  const std::vector<std::string> names = {"g", "b", "e", "a", "d", "c", "f"};
  for (const auto& name : names) {
    ASSERT_EQ(h.Post("csms/events", EventBody(name).dump())->status, 200);
  }
  std::vector<std::string> seen;
  std::optional<std::string> marker;
  int pages = 0;
  for (; pages < 10; ++pages) {  // bounded
    const std::string query = "csms/events?limit=3" + (marker ? "&marker=" + *marker : "");
    auto result = h.Get(query);
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const json body = BodyJson(result);
    for (const auto& event : body["events"]) seen.push_back(event["name"]);
    const json& info = body["page_info"];
    EXPECT_EQ(info["current_count"], body["events"].size());
    if (marker) {
      EXPECT_EQ(info["previous_marker"], *marker);
    } else {
      EXPECT_FALSE(info.contains("previous_marker"));
    }
    if (!info.contains("next_marker")) break;
    EXPECT_EQ(info["next_marker"], body["events"].back()["name"]);
    marker = info["next_marker"].get<std::string>();
  }
  EXPECT_EQ(pages, 2);  // three pages: 3 + 3 + 1
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g"}));

  // A page that ends exactly at the last item has no next_marker.
  auto exact = h.Get("csms/events?limit=7");
  EXPECT_FALSE(BodyJson(exact)["page_info"].contains("next_marker"));
  // Default limit (50) returns everything.
  EXPECT_EQ(BodyJson(h.Get("csms/events"))["events"].size(), 7U);
  // A marker that names no event still means "after this name".
  EXPECT_EQ(BodyJson(h.Get("csms/events?marker=cc"))["events"].size(), 4U);
}

TEST(EventOperationsTest, BadPagingParameters) {
  Harness h;
  for (const std::string& query :
       std::vector<std::string>{"limit=0", "limit=1001", "limit=abc", "limit=12345", "limit=-1",
                                "marker=a%2Fb", "marker=" + std::string(65, 'a')}) {
    auto result = h.Get("csms/events?" + query);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 400) << query;
    EXPECT_EQ(NestedCode(result), "CSMS.0002") << query;
  }
  EXPECT_EQ(h.Get("csms/events?limit=1000")->status, 200);
  EXPECT_EQ(h.Get("csms/events?marker=a.b")->status, 200);
}

TEST(EventOperationsTest, ReferencedEventCannotBeDeletedUntilDetached) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("watched").dump())->status, 200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"db-password","secret_string":"x",
                                 "event_subscriptions":["watched"]})")
                ->status,
            200);

  auto refused = h.Delete("csms/events/watched");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(NestedCode(refused), "CSMS.0003");
  EXPECT_NE(refused->body.find("db-password"), std::string::npos);  // says which secret

  ASSERT_EQ(h.Put("secrets/db-password", R"({"event_subscriptions":[]})")->status, 200);
  auto deleted = h.Delete("csms/events/watched");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 204);
}

}  // namespace
}  // namespace csms_emu_test
