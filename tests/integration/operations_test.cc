// Every operation through CsmsClient and the real curl transport against the
// in-process emulator, which verifies each request's AK/SK signature; and the
// paging of ListAllSecretEvents against a loopback server.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "loopback_server.h"
#include "test_support.h"

namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emulator_ = csms_test::StartSigningEmulator();
    client_ = std::make_unique<csms::CsmsClient>(csms_test::LoopbackOptions(emulator_->endpoint()));
  }

  csms::Event CreateEvent(
      const std::string& name,
      std::vector<csms::EventType> types = {csms::EventType::kSecretVersionCreated,
                                            csms::EventType::kSecretDeleted},
      csms::EventState state = csms::EventState::kEnabled) {
    csms::CreateSecretEventRequest request;
    request.name = name;
    request.event_types = std::move(types);
    request.state = std::move(state);
    request.notification.target_id = "urn:smn:cn-north-4:p:topic-" + name;
    request.notification.target_name = "topic-" + name;
    return client_->CreateSecretEvent(request);
  }

  csms::Secret CreateSecret(const std::string& name, const std::string& event_name) {
    csms::CreateSecretRequest request;
    request.name = name;
    request.secret_string = "value-of-" + name;
    if (!event_name.empty()) request.event_subscriptions = {event_name};
    return client_->CreateSecret(request);
  }

  std::unique_ptr<csms::Emulator> emulator_;
  std::unique_ptr<csms::CsmsClient> client_;
};

TEST_F(EmulatorTest, EventLifecycle) {
  const csms::Event created = CreateEvent("lifecycle");
  EXPECT_EQ(created.name, "lifecycle");
  EXPECT_FALSE(created.event_id.empty());
  EXPECT_NE(created.create_time, csms::Timestamp{});

  const csms::Event shown = client_->ShowSecretEvent("lifecycle");
  EXPECT_EQ(shown.event_id, created.event_id);
  EXPECT_EQ(shown.event_types, created.event_types);
  EXPECT_EQ(shown.notification, created.notification);

  // A partial update changes the state and leaves the types alone.
  csms::UpdateSecretEventRequest update;
  update.state = csms::EventState::kDisabled;
  const csms::Event updated = client_->UpdateSecretEvent("lifecycle", update);
  EXPECT_EQ(updated.state, csms::EventState::kDisabled);
  EXPECT_EQ(updated.event_types, created.event_types);
  EXPECT_EQ(updated.notification, created.notification);

  client_->DeleteSecretEvent("lifecycle");
  EXPECT_THROW(client_->ShowSecretEvent("lifecycle"), csms::NotFoundError);
  EXPECT_THROW(client_->DeleteSecretEvent("lifecycle"), csms::NotFoundError);
}

TEST_F(EmulatorTest, PagesThroughEventsWithLimitAndMarker) {
  for (int i = 0; i < 7; ++i) CreateEvent("page-" + std::to_string(i));
  std::vector<std::string> names;
  csms::ListSecretEventsRequest request;
  request.limit = 3;
  int pages = 0;
  for (;; ++pages) {
    const csms::EventPage page = client_->ListSecretEvents(request);
    for (const auto& event : page.events) names.push_back(event.name);
    if (!page.page_info.next_marker) break;
    request.marker = page.page_info.next_marker;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages + 1, 3);
  EXPECT_THAT(names,
              ElementsAre("page-0", "page-1", "page-2", "page-3", "page-4", "page-5", "page-6"));
  EXPECT_EQ(client_->ListAllSecretEvents().size(), 7u);
}

TEST_F(EmulatorTest, BindingFiresRecordsAndBlocksDeletion) {
  CreateEvent("bound");
  const csms::Secret secret = CreateSecret("bound-secret", "bound");
  EXPECT_THAT(secret.event_subscriptions, ElementsAre("bound"));

  csms::NotificationRecordPage records = client_->ListNotificationRecords();
  ASSERT_EQ(records.records.size(), 1u);
  EXPECT_EQ(records.records[0].trigger_event_type, csms::EventType::kSecretVersionCreated);
  EXPECT_EQ(records.records[0].secret_name, "bound-secret");
  const auto content = csms::ParseNotificationContent(records.records[0].notification_content);
  ASSERT_TRUE(content.has_value());
  EXPECT_EQ(content->event_name, "bound");
  EXPECT_EQ(content->secret_name, "bound-secret");
  EXPECT_EQ(content->secret_id, secret.id);

  // The event is referenced: deleting it is refused until the secret detaches.
  try {
    client_->DeleteSecretEvent("bound");
    FAIL() << "a referenced event was deleted";
  } catch (const csms::BadRequestError& e) {
    EXPECT_THAT(e.detail().error_msg, HasSubstr("bound-secret"));
    EXPECT_FALSE(e.request_id().empty());
  }

  csms::SecretPage subscribed = client_->ListSecrets({std::nullopt, std::nullopt, "bound"});
  ASSERT_EQ(subscribed.secrets.size(), 1u);
  EXPECT_EQ(subscribed.secrets[0].name, "bound-secret");

  csms::UpdateSecretRequest detach;
  detach.event_subscriptions = std::vector<std::string>{};
  EXPECT_TRUE(client_->UpdateSecret("bound-secret", detach).event_subscriptions.empty());
  EXPECT_TRUE(client_->ListSecrets({std::nullopt, std::nullopt, "bound"}).secrets.empty());
  client_->DeleteSecretEvent("bound");
}

TEST_F(EmulatorTest, DeletingASubscribedSecretFiresSecretDeleted) {
  CreateEvent("deletes");
  CreateSecret("doomed", "deletes");
  client_->DeleteSecret("doomed");
  EXPECT_THROW(client_->ShowSecret("doomed"), csms::NotFoundError);
  const auto records = client_->ListNotificationRecords().records;
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].trigger_event_type, csms::EventType::kSecretDeleted);
  EXPECT_EQ(records[1].notification_target_name, "topic-deletes");
}

TEST_F(EmulatorTest, SecretMetadataNeverCarriesTheValue) {
  CreateSecret("plain", "");
  const csms::Secret shown = client_->ShowSecret("plain");
  EXPECT_EQ(shown.name, "plain");
  EXPECT_EQ(shown.state, "ENABLED");
  csms::UpdateSecretRequest update;
  update.description = "rotated by ops";
  EXPECT_EQ(client_->UpdateSecret("plain", update).description, "rotated by ops");
  EXPECT_EQ(client_->ListSecrets().secrets.size(), 1u);
}

TEST_F(EmulatorTest, ServiceSideValidationArrivesTyped) {
  // Subscribing to an event that does not exist passes client-side checks; the
  // service refuses it, and the SDK surfaces the flat secret-operation error.
  try {
    CreateSecret("orphan", "no-such-event");
    FAIL();
  } catch (const csms::ApiError& e) {
    EXPECT_GE(e.status_code(), 400);
    EXPECT_FALSE(e.detail().error_code.empty());
  }
}

TEST_F(EmulatorTest, WrongSecretKeyIsUnauthorized) {
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator_->endpoint());
  options.credentials = csms::Credentials::AkSk(csms_test::kAk, "not-the-secret-key");
  try {
    csms::CsmsClient(options).ListSecretEvents();
    FAIL();
  } catch (const csms::UnauthorizedError& e) {
    EXPECT_THAT(e.detail().error_code, HasSubstr("APIGW"));
    EXPECT_FALSE(e.request_id().empty());
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("not-the-secret-key")));
  }
}

TEST(ListAllOverHttp, FollowsThreePagesServedByMarker) {
  // 120 events served 50 at a time by marker, as the service pages.
  csms_test::LoopbackServer server([](const httplib::Request& req, httplib::Response& res) {
    const int start =
        req.has_param("marker") ? std::stoi(req.get_param_value("marker").substr(2)) + 1 : 0;
    const int limit = std::stoi(req.get_param_value("limit"));
    nlohmann::json events = nlohmann::json::array();
    int i = start;
    for (; i < std::min(start + limit, 120); ++i) {
      events.push_back({{"name", "e-" + std::to_string(i)}});
    }
    nlohmann::json page_info = {{"current_count", events.size()}};
    if (i < 120) page_info["next_marker"] = "e-" + std::to_string(i - 1);
    res.set_content(nlohmann::json{{"events", events}, {"page_info", page_info}}.dump(),
                    "application/json");
  });
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  const std::vector<csms::Event> all = client.ListAllSecretEvents();
  ASSERT_EQ(all.size(), 120u);
  EXPECT_EQ(all[119].name, "e-119");
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[1].target,
            std::string("/v1/") + csms_test::kProjectId + "/csms/events?limit=50&marker=e-49");
  EXPECT_EQ(server.connection_count(), 1u);
}

TEST(ListAllOverHttp, FollowsMarkersWhenTheServerPagesBelowTheLimit) {
  // 30 events served 10 at a time whatever limit is asked for: every page is
  // short, and only the marker says that more follow.
  csms_test::LoopbackServer server([](const httplib::Request& req, httplib::Response& res) {
    const int start =
        req.has_param("marker") ? std::stoi(req.get_param_value("marker").substr(2)) + 1 : 0;
    nlohmann::json events = nlohmann::json::array();
    int i = start;
    for (; i < std::min(start + 10, 30); ++i)
      events.push_back({{"name", "e-" + std::to_string(i)}});
    nlohmann::json page_info = {{"current_count", events.size()}};
    if (i < 30) page_info["next_marker"] = "e-" + std::to_string(i - 1);
    res.set_content(nlohmann::json{{"events", events}, {"page_info", page_info}}.dump(),
                    "application/json");
  });
  csms::CsmsClient client(csms_test::LoopbackOptions(server.url()));
  const std::vector<csms::Event> all = client.ListAllSecretEvents();
  ASSERT_EQ(all.size(), 30u);
  EXPECT_EQ(all[29].name, "e-29");
  EXPECT_EQ(server.requests().size(), 3u);
}

}  // namespace
