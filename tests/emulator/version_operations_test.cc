// Secret versions and the secret lifecycle in the emulator, over raw HTTP:
// stage labels, values, expiry on the emulator's clock, rotation (and its
// fault control), scheduled deletion and restore, and that each event fires
// exactly once per cause.

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::milliseconds;

// A fixed start: only AdvanceClock moves the emulator's clock.
const std::chrono::system_clock::time_point kStart{std::chrono::milliseconds(1'800'000'000'000)};
constexpr std::int64_t kStartMs = 1'800'000'000'000;
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

csms::EmulatorOptions FixedClock() {
  csms::EmulatorOptions options;
  options.clock = [] { return kStart; };
  return options;
}

const std::vector<std::string> kAllTypes = {"SECRET_VERSION_CREATED", "SECRET_VERSION_EXPIRED",
                                            "SECRET_ROTATED", "SECRET_DELETED",
                                            "SECRET_ROTATED_FAILED"};

// An event for every type and a secret "db" subscribed to it, value "first".
void Seed(Harness& h) {
  ASSERT_EQ(h.Post("csms/events", EventBody("ev", kAllTypes).dump())->status, 200);
  ASSERT_EQ(
      h.Post("secrets", R"({"name":"db","secret_string":"first","event_subscriptions":["ev"]})")
          ->status,
      200);
}

json Records(Harness& h) { return BodyJson(h.Get("csms/notification-records"))["records"]; }

// The records of one type, with their content parsed.
std::vector<json> RecordsOf(Harness& h, const std::string& type) {
  std::vector<json> out;
  for (const auto& record : Records(h)) {
    if (record["trigger_event_type"] != type) continue;
    json parsed = record;
    parsed["content"] = json::parse(record["notification_content"].get<std::string>());
    out.push_back(parsed);
  }
  return out;
}

json Versions(Harness& h) { return BodyJson(h.Get("secrets/db/versions"))["version_metadatas"]; }

TEST(VersionOperationsTest, CreatingAVersionMovesTheStagesAndFiresOnce) {
  Harness h(FixedClock());
  Seed(h);
  json versions = Versions(h);
  ASSERT_EQ(versions.size(), 1U);
  EXPECT_EQ(versions[0]["id"], "v1");
  EXPECT_EQ(versions[0]["version_stages"], json::array({"SYSCURRENT"}));

  auto created = h.Post("secrets/db/versions",
                        json{{"secret_string", "second"}, {"expire_time", kStartMs + 5000}}.dump());
  ASSERT_EQ(created->status, 200) << created->body;
  const json metadata = BodyJson(created)["version_metadata"];
  EXPECT_EQ(metadata["id"], "v2");
  EXPECT_EQ(metadata["secret_name"], "db");
  EXPECT_EQ(metadata["create_time"], kStartMs);
  EXPECT_EQ(metadata["expire_time"], kStartMs + 5000);
  EXPECT_EQ(metadata["version_stages"], json::array({"SYSCURRENT"}));
  EXPECT_EQ(created->body.find("second"), std::string::npos);  // no value in the metadata

  versions = Versions(h);
  ASSERT_EQ(versions.size(), 2U);
  EXPECT_EQ(versions[0]["version_stages"], json::array({"SYSPREVIOUS"}));
  EXPECT_EQ(versions[1]["version_stages"], json::array({"SYSCURRENT"}));

  const auto fired = RecordsOf(h, "SECRET_VERSION_CREATED");
  ASSERT_EQ(fired.size(), 2U);  // the secret's v1, then v2
  EXPECT_EQ(fired[1]["content"]["data"]["versionId"], "v2");
  EXPECT_EQ(fired[1]["content"]["data"]["versionExpireTime"], kStartMs + 5000);
  EXPECT_EQ(fired[1]["content"]["eventType"], "SECRET_VERSION_CREATED");
}

TEST(VersionOperationsTest, ShowReturnsTheValueOfAVersionOrTheLatest) {
  Harness h(FixedClock());
  Seed(h);
  ASSERT_EQ(h.Post("secrets/db/versions", R"({"secret_binary":"AP8Q"})")->status, 200);
  json latest = BodyJson(h.Get("secrets/db/versions/latest"))["version"];
  EXPECT_EQ(latest["version_metadata"]["id"], "v2");
  EXPECT_EQ(latest["secret_binary"], "AP8Q");
  json first = BodyJson(h.Get("secrets/db/versions/v1"))["version"];
  EXPECT_EQ(first["secret_string"], "first");
  EXPECT_EQ(FlatCode(h.Get("secrets/db/versions/v9")), "CSMS.0005");
  EXPECT_EQ(h.Get("secrets/db/versions/v9")->status, 404);
  EXPECT_EQ(FlatCode(h.Get("secrets/db/versions/current")), "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Get("secrets/nope/versions/v1")), "CSMS.0005");
}

TEST(VersionOperationsTest, ListPagesByVersionId) {
  Harness h(FixedClock());
  Seed(h);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(h.Post("secrets/db/versions", R"({"secret_string":"x"})")->status, 200);
  }
  const json page = BodyJson(h.Get("secrets/db/versions?limit=2&marker=v1"));
  ASSERT_EQ(page["version_metadatas"].size(), 2U);
  EXPECT_EQ(page["version_metadatas"][0]["id"], "v2");
  EXPECT_EQ(page["page_info"]["next_marker"], "v3");
  EXPECT_EQ(FlatCode(h.Get("secrets/db/versions?marker=latest")), "CSMS.0002");
}

TEST(VersionOperationsTest, BadBodiesAreRefusedWithTheServiceErrors) {
  Harness h(FixedClock());
  Seed(h);
  EXPECT_EQ(FlatCode(h.Post("secrets/db/versions", R"({})")), "CSMS.0002");
  EXPECT_EQ(
      FlatCode(h.Post("secrets/db/versions", R"({"secret_string":"a","secret_binary":"AA=="})")),
      "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Post("secrets/db/versions", R"({"secret_binary":"not base64!"})")),
            "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Post("secrets/db/versions",
                            R"({"secret_string":"a","version_stages":["x","x"]})")),
            "CSMS.0002");
  EXPECT_EQ(
      FlatCode(h.Post("secrets/db/versions", R"({"secret_string":"a","expire_time":"soon"})")),
      "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Post("secrets/db/versions", "[]")), "CSMS.0004");
  EXPECT_EQ(FlatCode(h.Post("secrets/nope/versions", R"({"secret_string":"a"})")), "CSMS.0005");
  EXPECT_EQ(FlatCode(h.Put("secrets/db/versions/v1", R"({})")), "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Post("secrets/db/scheduled-deleted-tasks/create",
                            R"({"recovery_window_in_days":6})")),
            "CSMS.0002");
  EXPECT_EQ(FlatCode(h.Post("secrets/db/scheduled-deleted-tasks/cancel", "")), "CSMS.0003");
  EXPECT_EQ(Versions(h).size(), 1U);
}

TEST(VersionOperationsTest, AnExpiryFiresOnceWhenTheClockPassesIt) {
  Harness h(FixedClock());
  Seed(h);
  ASSERT_EQ(h.Post("secrets/db/versions",
                   json{{"secret_string", "second"}, {"expire_time", kStartMs + 1000}}.dump())
                ->status,
            200);
  EXPECT_TRUE(RecordsOf(h, "SECRET_VERSION_EXPIRED").empty());
  h.emulator().AdvanceClock(milliseconds(999));
  EXPECT_TRUE(RecordsOf(h, "SECRET_VERSION_EXPIRED").empty());
  h.emulator().AdvanceClock(milliseconds(1));
  auto expired = RecordsOf(h, "SECRET_VERSION_EXPIRED");
  ASSERT_EQ(expired.size(), 1U);
  EXPECT_EQ(expired[0]["content"]["data"]["versionId"], "v2");
  EXPECT_EQ(expired[0]["content"]["data"]["versionExpireTime"], kStartMs + 1000);
  EXPECT_EQ(expired[0]["create_time"], kStartMs + 1000);
  h.emulator().AdvanceClock(hours(24));
  EXPECT_EQ(RecordsOf(h, "SECRET_VERSION_EXPIRED").size(), 1U);

  // A new expire_time is a new cause; an expire_time in seconds is read as such.
  auto updated =
      h.Put("secrets/db/versions/v2", json{{"expire_time", (kStartMs + 2 * kDayMs) / 1000}}.dump());
  ASSERT_EQ(updated->status, 200) << updated->body;
  EXPECT_EQ(BodyJson(updated)["version_metadata"]["expire_time"], kStartMs + 2 * kDayMs);
  h.emulator().AdvanceClock(hours(24));
  h.emulator().AdvanceClock(hours(24));
  EXPECT_EQ(RecordsOf(h, "SECRET_VERSION_EXPIRED").size(), 2U);
}

TEST(VersionOperationsTest, TheClockControlEndpointAdvancesAndFires) {
  Harness h(FixedClock());
  Seed(h);
  ASSERT_EQ(h.Post("secrets/db/versions",
                   json{{"secret_string", "x"}, {"expire_time", kStartMs + 60000}}.dump())
                ->status,
            200);
  const std::size_t api_requests = h.emulator().api_request_count();
  auto moved =
      h.client().Post("/_emulator/clock/advance", R"({"milliseconds":60000})", "application/json");
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->status, 200);
  EXPECT_EQ(BodyJson(moved)["now"], kStartMs + 60000);
  EXPECT_EQ(h.emulator().api_request_count(), api_requests);
  EXPECT_EQ(RecordsOf(h, "SECRET_VERSION_EXPIRED").size(), 1U);
  EXPECT_EQ(h.client().Post("/_emulator/clock/advance", R"({"ms":1})", "application/json")->status,
            400);
  EXPECT_EQ(h.client().Get("/_emulator/clock/advance")->status, 400);
}

TEST(VersionOperationsTest, RotationAddsAVersionOrFailsThroughTheControl) {
  Harness h(FixedClock());
  Seed(h);
  auto rotated = h.Post("secrets/db/rotate", "");
  ASSERT_EQ(rotated->status, 200) << rotated->body;
  EXPECT_EQ(BodyJson(rotated)["version_id"], "v2");
  EXPECT_EQ(BodyJson(rotated)["secret_name"], "db");
  EXPECT_FALSE(BodyJson(rotated)["rotation_task_id"].get<std::string>().empty());
  EXPECT_EQ(BodyJson(h.Get("secrets/db/versions/latest"))["version"]["secret_string"], "first");
  ASSERT_EQ(RecordsOf(h, "SECRET_ROTATED").size(), 1U);
  EXPECT_EQ(RecordsOf(h, "SECRET_ROTATED")[0]["content"]["data"]["versionId"], "v2");

  h.emulator().FailNextRotations(1);
  ASSERT_EQ(h.Post("secrets/db/rotate", "")->status, 200);
  EXPECT_EQ(Versions(h).size(), 2U);
  EXPECT_EQ(RecordsOf(h, "SECRET_ROTATED_FAILED").size(), 1U);
  EXPECT_EQ(RecordsOf(h, "SECRET_ROTATED").size(), 1U);

  ASSERT_EQ(
      h.client().Post("/_emulator/faults/rotation", R"({"count":1})", "application/json")->status,
      200);
  ASSERT_EQ(h.Post("secrets/db/rotate", "")->status, 200);
  EXPECT_EQ(RecordsOf(h, "SECRET_ROTATED_FAILED").size(), 2U);
  ASSERT_EQ(h.Post("secrets/db/rotate", "")->status, 200);  // the fault is used up
  EXPECT_EQ(RecordsOf(h, "SECRET_ROTATED").size(), 2U);
  EXPECT_EQ(Versions(h).size(), 3U);
}

TEST(VersionOperationsTest, AScheduledDeletionCanBeCancelledOrExecutesOnce) {
  Harness h(FixedClock());
  Seed(h);
  auto scheduled =
      h.Post("secrets/db/scheduled-deleted-tasks/create", R"({"recovery_window_in_days":7})");
  ASSERT_EQ(scheduled->status, 200) << scheduled->body;
  EXPECT_EQ(BodyJson(scheduled)["secret"]["state"], "PENDING_DELETE");
  EXPECT_EQ(BodyJson(scheduled)["secret"]["scheduled_delete_time"], kStartMs + 7 * kDayMs);
  EXPECT_EQ(FlatCode(h.Get("secrets/db/versions/latest")), "CSMS.0003");
  EXPECT_EQ(FlatCode(h.Post("secrets/db/rotate", "")), "CSMS.0003");

  auto restored = h.Post("secrets/db/scheduled-deleted-tasks/cancel", "");
  ASSERT_EQ(restored->status, 200);
  EXPECT_EQ(BodyJson(restored)["secret"]["state"], "ENABLED");
  h.emulator().AdvanceClock(hours(24 * 8));
  EXPECT_EQ(h.Get("secrets/db")->status, 200);
  EXPECT_TRUE(RecordsOf(h, "SECRET_DELETED").empty());

  ASSERT_EQ(h.Post("secrets/db/scheduled-deleted-tasks/create", R"({"recovery_window_in_days":30})")
                ->status,
            200);
  h.emulator().AdvanceClock(hours(24 * 30) - milliseconds(1));
  EXPECT_EQ(h.Get("secrets/db")->status, 200);
  h.emulator().AdvanceClock(milliseconds(1));
  EXPECT_EQ(h.Get("secrets/db")->status, 404);
  h.emulator().AdvanceClock(hours(24));
  const auto deleted = RecordsOf(h, "SECRET_DELETED");
  ASSERT_EQ(deleted.size(), 1U);
  EXPECT_EQ(deleted[0]["secret_name"], "db");
  EXPECT_EQ(deleted[0]["content"]["data"]["secretName"], "db");
}

TEST(VersionOperationsTest, VersionsSurviveARestartWithAStateFile) {
  char pattern[] = "/tmp/csms-emulator-versions-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
  csms::EmulatorOptions options = FixedClock();
  options.state_file = dir + "/state.json";
  {
    Harness h(options);
    Seed(h);
    ASSERT_EQ(h.Post("secrets/db/versions",
                     json{{"secret_string", "second"}, {"expire_time", kStartMs + 1000}}.dump())
                  ->status,
              200);
    h.emulator().AdvanceClock(milliseconds(1000));
    ASSERT_EQ(RecordsOf(h, "SECRET_VERSION_EXPIRED").size(), 1U);
  }
  {
    Harness h(options);
    EXPECT_EQ(Versions(h).size(), 2U);
    EXPECT_EQ(BodyJson(h.Get("secrets/db/versions/v2"))["version"]["secret_string"], "second");
    h.emulator().AdvanceClock(milliseconds(5000));  // already fired before the restart
    EXPECT_EQ(RecordsOf(h, "SECRET_VERSION_EXPIRED").size(), 1U);
  }
  unlink(options.state_file.c_str());
  rmdir(dir.c_str());
}

}  // namespace
}  // namespace csms_emu_test
