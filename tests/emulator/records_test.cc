// Notification records: which secret operations fire which subscribed events.

#include <string>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;

json Records(Harness& h) {
  auto result = h.Get("csms/notification-records");
  if (!result || result->status != 200) return json::array();
  const json body = BodyJson(result);
  EXPECT_EQ(body["page_info"]["current_count"], body["records"].size());
  return body["records"];
}

TEST(RecordsTest, CreatingASubscribedSecretRecordsVersionCreated) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev", {"SECRET_VERSION_CREATED"}).dump())->status, 200);
  auto created =
      h.Post("secrets", R"({"name":"db","secret_string":"v","event_subscriptions":["ev"]})");
  ASSERT_EQ(created->status, 200);
  const json secret = BodyJson(created)["secret"];

  const json records = Records(h);
  ASSERT_EQ(records.size(), 1U);
  const json& record = records[0];
  EXPECT_EQ(record["event_name"], "ev");
  EXPECT_EQ(record["trigger_event_type"], "SECRET_VERSION_CREATED");
  EXPECT_EQ(record["secret_name"], "db");
  EXPECT_EQ(record["secret_type"], "COMMON");
  EXPECT_EQ(record["notification_target_name"], "topic-1");
  EXPECT_EQ(record["notification_target_id"], "urn:smn:cn-north-4:0b3c1f3e:topic-1");
  EXPECT_EQ(record["notification_status"], "SUCCESS");
  EXPECT_GT(record["create_time"].get<std::int64_t>(), 100000000000);

  // notification_content is a JSON document in a string, with camelCase keys.
  ASSERT_TRUE(record["notification_content"].is_string());
  const json content = json::parse(record["notification_content"].get<std::string>());
  EXPECT_EQ(content["eventName"], "ev");
  EXPECT_EQ(content["eventType"], "SECRET_VERSION_CREATED");
  EXPECT_TRUE(content["eventTime"].is_number_integer());
  EXPECT_EQ(content["data"]["secretId"], secret["id"]);
  EXPECT_EQ(content["data"]["secretName"], "db");
  EXPECT_EQ(content["data"]["createTime"], secret["create_time"]);
  EXPECT_EQ(content["data"]["updateTime"], secret["update_time"]);
  EXPECT_TRUE(content["data"].contains("versionId"));
  EXPECT_TRUE(content["data"].contains("versionExpireTime"));
}

TEST(RecordsTest, DisabledEventFiresNothing) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events",
                   EventBody("ev", {"SECRET_VERSION_CREATED", "SECRET_DELETED"}, "DISABLED").dump())
                ->status,
            200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"db","event_subscriptions":["ev"]})")->status, 200);
  ASSERT_EQ(h.Delete("secrets/db")->status, 200);
  EXPECT_EQ(Records(h).size(), 0U);
}

TEST(RecordsTest, OnlySubscribedTypesFireAndDeleteRecordsSecretDeleted) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev", {"SECRET_DELETED"}).dump())->status, 200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"db","event_subscriptions":["ev"]})")->status, 200);
  EXPECT_EQ(Records(h).size(), 0U);  // SECRET_VERSION_CREATED not subscribed

  ASSERT_EQ(h.Delete("secrets/db")->status, 200);
  const json records = Records(h);
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0]["trigger_event_type"], "SECRET_DELETED");
  EXPECT_EQ(records[0]["secret_name"], "db");
  EXPECT_EQ(json::parse(records[0]["notification_content"].get<std::string>())["eventType"],
            "SECRET_DELETED");
}

TEST(RecordsTest, UnsubscribedSecretsAndSubscribingUpdatesFireNothing) {
  Harness h;
  ASSERT_EQ(
      h.Post("csms/events", EventBody("ev", {"SECRET_VERSION_CREATED", "SECRET_DELETED"}).dump())
          ->status,
      200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"plain"})")->status, 200);
  ASSERT_EQ(h.Put("secrets/plain", R"({"event_subscriptions":["ev"]})")->status, 200);
  EXPECT_EQ(Records(h).size(), 0U);
  // Deleting it now that it is subscribed does fire.
  ASSERT_EQ(h.Delete("secrets/plain")->status, 200);
  EXPECT_EQ(Records(h).size(), 1U);
}

TEST(RecordsTest, RecordsListNewestLast) {
  Harness h;
  ASSERT_EQ(
      h.Post("csms/events", EventBody("ev", {"SECRET_VERSION_CREATED", "SECRET_DELETED"}).dump())
          ->status,
      200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"a","event_subscriptions":["ev"]})")->status, 200);
  ASSERT_EQ(h.Delete("secrets/a")->status, 200);
  const json records = Records(h);
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0]["trigger_event_type"], "SECRET_VERSION_CREATED");
  EXPECT_EQ(records[1]["trigger_event_type"], "SECRET_DELETED");
}

TEST(RecordsTest, OtherProjectIsNestedNotFound) {
  Harness h;
  auto result = h.client().Get("/v1/ffffffffffffffffffffffffffffffff/csms/notification-records");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_EQ(NestedCode(result), "CSMS.0005");
}

}  // namespace
}  // namespace csms_emu_test
