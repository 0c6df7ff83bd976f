// Secret operations: fields, flat error bodies, value handling, listing.

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;

const char kValue[] = "s3cr3t-value-never-echoed";

void ExpectNoValue(const httplib::Result& result) {
  ASSERT_TRUE(result);
  EXPECT_EQ(result->body.find(kValue), std::string::npos) << result->body;
  EXPECT_EQ(result->body.find("secret_string"), std::string::npos);
  EXPECT_EQ(result->body.find("secret_binary"), std::string::npos);
}

TEST(SecretOperationsTest, CreateReturnsEveryDocumentedFieldAndNoValue) {
  Harness h;
  auto created = h.Post("secrets", json{{"name", "db"}, {"secret_string", kValue}}.dump());
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 200) << created->body;
  EXPECT_EQ(created->get_header_value("Content-Type"), "application/json");
  ExpectNoValue(created);
  const json secret = BodyJson(created)["secret"];
  for (const char* field :
       {"id", "name", "state", "kms_key_id", "description", "create_time", "update_time",
        "scheduled_delete_time", "secret_type", "auto_rotation", "rotation_period", "rotation_time",
        "next_rotation_time", "event_subscriptions", "enterprise_project_id"}) {
    EXPECT_TRUE(secret.contains(field)) << field;
  }
  EXPECT_TRUE(std::regex_match(secret["id"].get<std::string>(),
                               std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                          "[0-9a-f]{12}$")));
  EXPECT_EQ(secret["state"], "ENABLED");
  EXPECT_EQ(secret["secret_type"], "COMMON");
  EXPECT_EQ(secret["auto_rotation"], false);
  EXPECT_EQ(secret["event_subscriptions"], json::array());
  EXPECT_GT(secret["create_time"].get<std::int64_t>(), 100000000000);

  auto shown = h.Get("secrets/db");
  ExpectNoValue(shown);
  EXPECT_EQ(BodyJson(shown)["secret"], secret);
  ExpectNoValue(h.Get("secrets"));
  auto updated = h.Put("secrets/db", R"({"description":"primary"})");
  ExpectNoValue(updated);
  EXPECT_EQ(BodyJson(updated)["secret"]["description"], "primary");
}

TEST(SecretOperationsTest, DeleteAnswers200WithEmptyBody) {
  Harness h;
  ASSERT_EQ(h.Post("secrets", R"({"name":"gone"})")->status, 200);
  auto deleted = h.Delete("secrets/gone");
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->status, 200);
  EXPECT_TRUE(deleted->body.empty());

  auto missing = h.Get("secrets/gone");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(FlatCode(missing), "CSMS.0005");
  EXPECT_EQ(FlatCode(h.Delete("secrets/gone")), "CSMS.0005");
  EXPECT_EQ(FlatCode(h.Put("secrets/gone", R"({"description":"x"})")), "CSMS.0005");
}

struct BadSecret {
  const char* label;
  json body;
};

// Names the case in test listings instead of dumping its bytes.
void PrintTo(const BadSecret& bad, std::ostream* out) { *out << bad.label; }

class SecretValidationTest : public ::testing::TestWithParam<BadSecret> {};

TEST_P(SecretValidationTest, RefusedWithFlatInvalidParameter) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev").dump())->status, 200);
  ASSERT_EQ(h.Post("csms/events", EventBody("ev2").dump())->status, 200);
  auto result = h.Post("secrets", GetParam().body.dump());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400) << result->body;
  EXPECT_EQ(FlatCode(result), "CSMS.0002") << result->body;
  EXPECT_FALSE(BodyJson(result)["error_msg"].get<std::string>().empty());
  EXPECT_EQ(result->body.find(kValue), std::string::npos);
  EXPECT_EQ(BodyJson(h.Get("secrets"))["secrets"].size(), 0U);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, SecretValidationTest,
    ::testing::Values(
        BadSecret{"name_missing", json{{"secret_string", kValue}}},
        BadSecret{"name_bad", json{{"name", "a b"}}},
        BadSecret{"name_65", json{{"name", std::string(65, 'x')}}},
        BadSecret{"both_values",
                  json{{"name", "s"}, {"secret_string", kValue}, {"secret_binary", "AAAA"}}},
        BadSecret{"string_too_big",
                  json{{"name", "s"}, {"secret_string", std::string(32769, 'v')}}},
        BadSecret{"binary_not_base64", json{{"name", "s"}, {"secret_binary", "not base64!"}}},
        BadSecret{"two_subscriptions", json{{"name", "s"}, {"event_subscriptions", {"ev", "ev2"}}}},
        BadSecret{"unknown_event", json{{"name", "s"}, {"event_subscriptions", {"nope"}}}},
        BadSecret{"subscriptions_not_array", json{{"name", "s"}, {"event_subscriptions", "ev"}}},
        BadSecret{"bad_type", json{{"name", "s"}, {"secret_type", "RDS"}}},
        BadSecret{"value_not_string", json{{"name", "s"}, {"secret_string", 42}}},
        BadSecret{"rotation_without_period", json{{"name", "s"}, {"auto_rotation", true}}}),
    [](const ::testing::TestParamInfo<BadSecret>& param_info) {
      return std::string(param_info.param.label);
    });

TEST(SecretOperationsTest, LargestValueAccepted) {
  Harness h;
  auto result =
      h.Post("secrets", json{{"name", "big"}, {"secret_string", std::string(32768, 'v')}}.dump());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200) << result->body.substr(0, 200);
  auto binary = h.Post(
      "secrets",
      json{
          {"name", "bin"}, {"secret_binary", "AAEC/w=="}, {"secret_type", "RDS-FG"}, {"unknown", 1}}
          .dump());
  ASSERT_TRUE(binary);
  EXPECT_EQ(binary->status, 200) << binary->body;
}

TEST(SecretOperationsTest, MalformedJsonIsFlatCsms0004) {
  Harness h;
  auto result = h.Post("secrets", "{\"name\":\"x\"");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(FlatCode(result), "CSMS.0004");
  ASSERT_EQ(h.Post("secrets", R"({"name":"x"})")->status, 200);
  EXPECT_EQ(FlatCode(h.Put("secrets/x", "nope")), "CSMS.0004");
}

TEST(SecretOperationsTest, DuplicateNameRefused) {
  Harness h;
  ASSERT_EQ(h.Post("secrets", R"({"name":"x"})")->status, 200);
  auto again = h.Post("secrets", R"({"name":"x"})");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 400);
  EXPECT_EQ(FlatCode(again), "CSMS.0002");
  EXPECT_NE(again->body.find("already exists"), std::string::npos);
}

TEST(SecretOperationsTest, UpdateRules) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev").dump())->status, 200);
  ASSERT_EQ(h.Post("secrets", R"({"name":"x"})")->status, 200);

  auto empty = h.Put("secrets/x", "{}");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(FlatCode(empty), "CSMS.0002");

  EXPECT_EQ(FlatCode(h.Put("secrets/x", R"({"event_subscriptions":["missing"]})")), "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Put("secrets/x", R"({"event_subscriptions":["ev","ev"]})")), "CSMS.0002");

  auto attached = h.Put("secrets/x", R"({"event_subscriptions":["ev"]})");
  ASSERT_TRUE(attached);
  ASSERT_EQ(attached->status, 200);
  EXPECT_EQ(BodyJson(attached)["secret"]["event_subscriptions"], json::array({"ev"}));
  auto detached = h.Put("secrets/x", R"({"event_subscriptions":[]})");
  EXPECT_EQ(BodyJson(detached)["secret"]["event_subscriptions"], json::array());
}

TEST(SecretOperationsTest, ListFiltersByEventAndPages) {
  Harness h;
  ASSERT_EQ(h.Post("csms/events", EventBody("ev").dump())->status, 200);
  for (int i = 0; i < 7; ++i) {
    json body{{"name", "s" + std::to_string(i)}};
    if (i % 2 == 0) body["event_subscriptions"] = {"ev"};
    ASSERT_EQ(h.Post("secrets", body.dump())->status, 200);
  }
  // Subscribed: s0 s2 s4 s6; pages of 1 -> 4 pages.
  std::vector<std::string> seen;
  std::optional<std::string> marker;
  for (int page = 0; page < 10; ++page) {
    auto result = h.Get("secrets?event_name=ev&limit=1" + (marker ? "&marker=" + *marker : ""));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->status, 200) << result->body;
    const json body = BodyJson(result);
    for (const auto& secret : body["secrets"]) seen.push_back(secret["name"]);
    if (!body["page_info"].contains("next_marker")) break;
    marker = body["page_info"]["next_marker"].get<std::string>();
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"s0", "s2", "s4", "s6"}));

  // Unfiltered, pages of 3: 3 + 3 + 1.
  auto first = BodyJson(h.Get("secrets?limit=3"));
  EXPECT_EQ(first["page_info"]["next_marker"], "s2");
  auto second = BodyJson(h.Get("secrets?limit=3&marker=s2"));
  EXPECT_EQ(second["secrets"][0]["name"], "s3");
  EXPECT_EQ(second["page_info"]["previous_marker"], "s2");
  auto third = BodyJson(h.Get("secrets?limit=3&marker=s5"));
  EXPECT_EQ(third["secrets"].size(), 1U);
  EXPECT_FALSE(third["page_info"].contains("next_marker"));

  EXPECT_EQ(BodyJson(h.Get("secrets?event_name=none"))["secrets"].size(), 0U);
  EXPECT_EQ(FlatCode(h.Get("secrets?limit=0")), "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Get("secrets?marker=a.b")), "CSMS.0002");
}

}  // namespace
}  // namespace csms_emu_test
