// --state-file: state survives a restart; a corrupt file stops Start().

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "emulator_test_support.h"

namespace csms_emu_test {
namespace {

using nlohmann::json;

class PersistenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/csms-emulator-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    path_ = dir_ + "/state.json";
  }
  void TearDown() override {
    unlink(path_.c_str());
    rmdir(dir_.c_str());
  }
  csms::EmulatorOptions Options() const {
    csms::EmulatorOptions options;
    options.state_file = path_;
    return options;
  }
  void Write(const std::string& content) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out << content;
  }

  std::string dir_;
  std::string path_;
};

TEST_F(PersistenceTest, RoundTripAcrossRestart) {
  json event;
  {
    Harness h(Options());
    auto created = h.Post("csms/events",
                          EventBody("kept", {"SECRET_VERSION_CREATED", "SECRET_DELETED"}).dump());
    ASSERT_EQ(created->status, 200);
    event = BodyJson(created)["event"];
    ASSERT_EQ(h.Post("secrets", R"({"name":"db","secret_string":"persisted-value",
                                   "event_subscriptions":["kept"]})")
                  ->status,
              200);
    h.emulator().Stop();
  }
  struct stat info {};
  ASSERT_EQ(stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);  // holds secret values
  {
    std::ifstream in(path_);
    const std::string content((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    EXPECT_NE(content.find("persisted-value"), std::string::npos);
  }

  Harness again(Options());
  auto shown = again.Get("csms/events/kept");
  ASSERT_TRUE(shown);
  ASSERT_EQ(shown->status, 200);
  EXPECT_EQ(BodyJson(shown)["event"], event);
  EXPECT_EQ(again.Get("secrets/db")->status, 200);
  auto records = BodyJson(again.Get("csms/notification-records"));
  EXPECT_EQ(records["records"].size(), 1U);
  // And changes keep being saved.
  ASSERT_EQ(again.Delete("secrets/db")->status, 200);
  again.emulator().Stop();
  Harness third(Options());
  EXPECT_EQ(third.Get("secrets/db")->status, 404);
  EXPECT_EQ(BodyJson(third.Get("csms/notification-records"))["records"].size(), 2U);
}

TEST_F(PersistenceTest, MissingFileStartsEmpty) {
  Harness h(Options());
  EXPECT_EQ(BodyJson(h.Get("csms/events"))["events"].size(), 0U);
}

TEST_F(PersistenceTest, CorruptFileMakesStartThrow) {
  Write("{\"format\":\"csms-emulator-state\", \"secret_string\": \"do-not-echo");
  csms::Emulator emulator(Options());
  try {
    emulator.Start();
    FAIL() << "Start() accepted a corrupt state file";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path_), std::string::npos) << message;
    EXPECT_NE(message.find("corrupt"), std::string::npos) << message;
    EXPECT_EQ(message.find("do-not-echo"), std::string::npos) << message;
  }
}

TEST_F(PersistenceTest, WrongShapeMakesStartThrow) {
  Write(R"({"format":"csms-emulator-state","version":1,"events":[{"name":"x"}],
            "secrets":[],"records":[]})");
  csms::Emulator emulator(Options());
  EXPECT_THROW(emulator.Start(), std::runtime_error);
  Write(R"({"hello":"world"})");
  EXPECT_THROW(emulator.Start(), std::runtime_error);
}

}  // namespace
}  // namespace csms_emu_test
