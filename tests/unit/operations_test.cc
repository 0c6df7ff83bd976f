// Every CsmsClient operation over a scripted transport: the exact request on
// the wire (method, URL, body), decoding of the documented response examples,
// validation before I/O, and the paging rules of ListAllSecretEvents.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "csms/client.h"
#include "csms/errors.h"
#include "fake_transport.h"
#include "seed_data.h"

namespace csms {
namespace {

using csms_test::JsonResponse;
using csms_test::ScriptedTransport;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
const std::string kBase = std::string("https://kms.cn-north-4.myhuaweicloud.com/v1/") + kProjectId;

struct Fixture {
  std::shared_ptr<ScriptedTransport> transport;
  CsmsClient client;

  HttpRequest only_request() const {
    const auto requests = transport->requests();
    EXPECT_EQ(requests.size(), 1u);
    return requests.empty() ? HttpRequest{} : requests[0];
  }
};

Fixture MakeClient(std::vector<HttpResponse> script) {
  auto transport = std::make_shared<ScriptedTransport>(std::move(script));
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "secret-key-value");
  options.transport = transport;
  return Fixture{transport, CsmsClient(std::move(options))};
}

Fixture MakeClient(const std::string& example_file) {
  return MakeClient({JsonResponse(csms_test::ReadTestData("examples/" + example_file))});
}

HttpResponse Empty(int status) {
  HttpResponse response;
  response.status_code = status;
  return response;
}

std::string EventPageBody(const std::vector<std::string>& names,
                          const std::optional<std::string>& next_marker) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& name : names) events.push_back({{"name", name}, {"state", "ENABLED"}});
  nlohmann::json page_info = {{"current_count", names.size()}};
  if (next_marker) page_info["next_marker"] = *next_marker;
  return nlohmann::json{{"events", events}, {"page_info", page_info}}.dump();
}

std::vector<std::string> Names(int from, int count) {
  std::vector<std::string> names;
  for (int i = from; i < from + count; ++i) names.push_back("event-" + std::to_string(1000 + i));
  return names;
}

TEST(ShowSecretEvent, GetsTheEventAndDecodesTheExample) {
  Fixture f = MakeClient("ShowSecretEvent_200.json");
  const Event event = f.client.ShowSecretEvent("event-test");
  EXPECT_EQ(event.event_types, std::vector<EventType>{EventType::kSecretVersionExpired});
  EXPECT_EQ(event.notification.target_name, "SecertExpirationNotificationTest");
  const HttpRequest sent = f.only_request();
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url, kBase + "/csms/events/event-test");
  EXPECT_EQ(sent.body, "");
}

TEST(PathNames, InvalidNamesNeverReachTheWire) {
  Fixture f = MakeClient({Empty(204)});
  UpdateSecretEventRequest event_update;
  event_update.state = EventState::kEnabled;
  UpdateSecretRequest secret_update;
  secret_update.description = "d";
  const std::vector<std::string> bad_names = {"",   "a/b",   "a b",
                                              "..", "a%2Fb", std::string(65, 'x')};
  for (const std::string& bad : bad_names) {
    EXPECT_THROW(f.client.ShowSecretEvent(bad), ValidationError) << bad;
    EXPECT_THROW(f.client.DeleteSecretEvent(bad), ValidationError) << bad;
    EXPECT_THROW(f.client.UpdateSecretEvent(bad, event_update), ValidationError) << bad;
    EXPECT_THROW(f.client.ShowSecret(bad), ValidationError) << bad;
    EXPECT_THROW(f.client.DeleteSecret(bad), ValidationError) << bad;
    EXPECT_THROW(f.client.UpdateSecret(bad, secret_update), ValidationError) << bad;
  }
  try {
    f.client.ShowSecret("a/b");
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "secret_name");
  }
  EXPECT_TRUE(f.transport->requests().empty());
}

TEST(UpdateSecretEvent, SendsOnlyTheFieldsThatAreSet) {
  Fixture f = MakeClient("UpdateSecretEvent_200.json");
  UpdateSecretEventRequest request;
  request.state = EventState::kDisabled;
  const Event event = f.client.UpdateSecretEvent("event-1", request);
  EXPECT_EQ(event.name, "event-test");
  const HttpRequest sent = f.only_request();
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url, kBase + "/csms/events/event-1");
  EXPECT_EQ(sent.body, R"({"state":"DISABLED"})");
}

TEST(UpdateSecretEvent, AllFieldsInDocumentedOrder) {
  Fixture f = MakeClient("UpdateSecretEvent_200.json");
  UpdateSecretEventRequest request;
  request.event_types = {EventType::kSecretRotated};
  request.state = EventState::kDisabled;
  request.notification = Notification{"SMN", "urn:smn:r:p:t", "t"};
  f.client.UpdateSecretEvent("event-1", request);
  EXPECT_EQ(f.only_request().body,
            R"({"event_types":["SECRET_ROTATED"],"state":"DISABLED","notification":)"
            R"({"target_type":"SMN","target_id":"urn:smn:r:p:t","target_name":"t"}})");
}

TEST(UpdateSecretEvent, EmptyOrInvalidUpdatesSendNothing) {
  Fixture f = MakeClient("UpdateSecretEvent_200.json");
  try {
    f.client.UpdateSecretEvent("event-1", {});
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "request");
  }
  UpdateSecretEventRequest request;
  request.event_types = std::vector<EventType>{};
  EXPECT_THROW(f.client.UpdateSecretEvent("event-1", request), ValidationError);
  request.event_types = {EventType("SECRET_ROTATD")};
  EXPECT_THROW(f.client.UpdateSecretEvent("event-1", request), ValidationError);
  request = {};
  request.notification = Notification{"SMN", "", "t"};
  EXPECT_THROW(f.client.UpdateSecretEvent("event-1", request), ValidationError);
  EXPECT_TRUE(f.transport->requests().empty());
}

TEST(DeleteSecretEvent, AcceptsNoContent) {
  Fixture f = MakeClient({Empty(204)});
  f.client.DeleteSecretEvent("event-1");
  const HttpRequest sent = f.only_request();
  EXPECT_EQ(sent.method, "DELETE");
  EXPECT_EQ(sent.url, kBase + "/csms/events/event-1");
}

TEST(DeleteSecretEvent, ReferencedEventErrorIsABadRequest) {
  Fixture f = MakeClient({JsonResponse(
      R"({"error":{"error_code":"CSMS.0003","error_msg":"event is used by secret s1"}})", 400)});
  try {
    f.client.DeleteSecretEvent("event-1");
    FAIL();
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.detail().error_code, "CSMS.0003");
  }
}

TEST(ListSecretEvents, EncodesQueryCanonicallyAndDecodesTheExample) {
  Fixture f = MakeClient("ListSecretEvents_200.json");
  ListSecretEventsRequest request;
  request.limit = 10;
  request.marker = "event.0";
  const EventPage page = f.client.ListSecretEvents(request);
  ASSERT_FALSE(page.events.empty());
  EXPECT_EQ(page.events[0].name, "TestEvent1");
  // An undocumented type in the published example survives decoding.
  EXPECT_EQ(page.events[0].event_types[2].value(), "SECRET_VERSION_NEAR_EXPIRY");
  EXPECT_EQ(f.only_request().url, kBase + "/csms/events?limit=10&marker=event.0");
}

TEST(ListSecretEvents, RejectsBadLimitsAndMarkers) {
  Fixture f = MakeClient("ListSecretEvents_200.json");
  for (int limit : {0, -1, 10000}) {
    try {
      f.client.ListSecretEvents({limit, std::nullopt});
      FAIL();
    } catch (const ValidationError& e) {
      EXPECT_EQ(e.field(), "limit");
    }
  }
  EXPECT_THROW(f.client.ListSecretEvents({std::nullopt, std::string("a&b=c")}), ValidationError);
  EXPECT_TRUE(f.transport->requests().empty());
  f.client.ListSecretEvents({9999, std::nullopt});
  f.client.ListSecretEvents({1, std::nullopt});
  EXPECT_EQ(f.transport->requests().size(), 2u);
}

TEST(ListAllSecretEvents, FollowsMarkersAcrossThreePages) {
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 50), "event-1049")),
                          JsonResponse(EventPageBody(Names(50, 50), "event-1099")),
                          JsonResponse(EventPageBody(Names(100, 7), std::nullopt))});
  const std::vector<Event> all = f.client.ListAllSecretEvents();
  ASSERT_EQ(all.size(), 107u);
  EXPECT_EQ(all.front().name, "event-1000");
  EXPECT_EQ(all.back().name, "event-1106");
  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].url, kBase + "/csms/events?limit=50");
  EXPECT_EQ(requests[1].url, kBase + "/csms/events?limit=50&marker=event-1049");
  EXPECT_EQ(requests[2].url, kBase + "/csms/events?limit=50&marker=event-1099");
}

// A transport on which each exchange takes 400 ms of a fake monotonic clock,
// answering pages in turn, and noting the time each request was allowed.
class SlowPageTransport : public HttpTransport {
 public:
  SlowPageTransport(std::vector<HttpResponse> pages, std::chrono::steady_clock::time_point* now)
      : pages_(std::move(pages)), now_(now) {}
  HttpResponse Send(const HttpRequest& request) override {
    timeouts.push_back(request.timeout);
    *now_ += std::chrono::milliseconds(400);
    return pages_.at(timeouts.size() - 1);
  }
  std::vector<std::chrono::milliseconds> timeouts;

 private:
  std::vector<HttpResponse> pages_;
  std::chrono::steady_clock::time_point* now_;
};

TEST(ListAllSecretEvents, AllPagesSpendOneDeadline) {
  std::chrono::steady_clock::time_point now{};
  auto transport = std::make_shared<SlowPageTransport>(
      std::vector<HttpResponse>{JsonResponse(EventPageBody(Names(0, 50), "event-1049")),
                                JsonResponse(EventPageBody(Names(50, 50), "event-1099")),
                                JsonResponse(EventPageBody(Names(100, 7), std::nullopt))},
      &now);
  ClientOptions options;
  options.region = "cn-north-4";
  options.project_id = kProjectId;
  options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "secret-key-value");
  options.transport = transport;
  options.monotonic_clock = [&now] { return now; };
  options.call_deadline = std::chrono::milliseconds(1000);
  CsmsClient client(std::move(options));
  EXPECT_EQ(client.ListAllSecretEvents().size(), 107u);
  // Each page gets what the one budget has left, not a fresh deadline.
  EXPECT_EQ(transport->timeouts,
            (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(1000),
                                                    std::chrono::milliseconds(600),
                                                    std::chrono::milliseconds(200)}));
}

TEST(ListAllSecretEvents, StopsOnEmptyMarker) {
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 50), "")),
                          JsonResponse(EventPageBody(Names(50, 50), "never-asked"))});
  EXPECT_EQ(f.client.ListAllSecretEvents().size(), 50u);
  EXPECT_EQ(f.transport->requests().size(), 1u);
}

TEST(ListAllSecretEvents, FollowsAMarkerAfterAShortPage) {
  // A server may cap pages below the limit asked for: only the marker says
  // whether more follow.
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 3), "event-1002")),
                          JsonResponse(EventPageBody(Names(3, 4), std::nullopt))});
  EXPECT_EQ(f.client.ListAllSecretEvents().size(), 7u);
  EXPECT_EQ(f.transport->requests().size(), 2u);
}

TEST(ListAllSecretEvents, StopsOnAnEmptyPageEvenWithAMarker) {
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 50), "event-1049")),
                          JsonResponse(EventPageBody(Names(50, 0), "event-1050")),
                          JsonResponse(EventPageBody(Names(50, 50), "never-asked"))});
  EXPECT_EQ(f.client.ListAllSecretEvents().size(), 50u);
  EXPECT_EQ(f.transport->requests().size(), 2u);
}

TEST(ListAllSecretEvents, StopsOnARepeatedMarker) {
  // A misbehaving server answers every page with the same marker forever.
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 50), "event-1049")),
                          JsonResponse(EventPageBody(Names(50, 50), "event-1049"))});
  EXPECT_EQ(f.client.ListAllSecretEvents().size(), 100u);
  EXPECT_EQ(f.transport->requests().size(), 2u);
}

TEST(ListAllSecretEvents, AServerMarkerWithControlCharactersIsAnInvalidResponse) {
  // Pages were already fetched: the server's marker is at fault, not the caller.
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 50), "event\x01\n1049")),
                          JsonResponse(EventPageBody(Names(50, 50), std::nullopt))});
  EXPECT_THROW(f.client.ListAllSecretEvents(), InvalidResponseError);
  EXPECT_EQ(f.transport->requests().size(), 1u);
}

TEST(ListSecretEvents, AUserMarkerWithControlCharactersStaysAValidationError) {
  Fixture f = MakeClient({JsonResponse(EventPageBody(Names(0, 1), std::nullopt))});
  ListSecretEventsRequest request;
  request.marker = "event\x01";
  try {
    f.client.ListSecretEvents(request);
    FAIL();
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "marker");
  }
  EXPECT_TRUE(f.transport->requests().empty());
}

TEST(ListNotificationRecords, DecodesTheExampleAndItsContent) {
  Fixture f = MakeClient("ListNotificationRecords_200.json");
  const NotificationRecordPage page = f.client.ListNotificationRecords();
  EXPECT_EQ(f.only_request().url, kBase + "/csms/notification-records");
  ASSERT_EQ(page.records.size(), 1u);
  const NotificationRecord& record = page.records[0];
  EXPECT_EQ(record.event_name, "demo-event");
  EXPECT_EQ(record.notification_status, "SUCCESS");
  const auto content = ParseNotificationContent(record.notification_content);
  ASSERT_TRUE(content.has_value());
  EXPECT_EQ(content->event_name, "TestEvent20221112");
  EXPECT_EQ(content->event_type, EventType::kSecretVersionExpired);
  EXPECT_EQ(content->secret_id, "fde3d6ba-cb31-40b0-b6c4-78757050f8c8");
  EXPECT_EQ(content->secret_name, "Secret20230325");
  EXPECT_EQ(content->version_id, "v18");
  // 2023-04-14T20:25:10.126Z
  ASSERT_TRUE(content->event_time.has_value());
  EXPECT_EQ(*content->event_time, Timestamp(std::chrono::milliseconds(1681503910126)));
  ASSERT_TRUE(content->version_expire_time.has_value());
  EXPECT_EQ(*content->version_expire_time, Timestamp(std::chrono::milliseconds(1680109643000)));
}

TEST(NotificationContent, ToleratesMissingAndMistypedFields) {
  auto content = ParseNotificationContent(R"({"eventName":"e","eventTime":1700000000000})");
  ASSERT_TRUE(content.has_value());
  EXPECT_EQ(content->event_name, "e");
  EXPECT_EQ(*content->event_time, Timestamp(std::chrono::milliseconds(1700000000000)));
  EXPECT_TRUE(content->secret_name.empty());
  EXPECT_FALSE(content->version_expire_time.has_value());
  content = ParseNotificationContent(R"({"eventName":5,"data":"x","eventTime":"yesterday"})");
  ASSERT_TRUE(content.has_value());
  EXPECT_TRUE(content->event_name.empty());
  EXPECT_FALSE(content->event_time.has_value());
  EXPECT_FALSE(ParseNotificationContent("not json").has_value());
  EXPECT_FALSE(ParseNotificationContent("[]").has_value());
}

// Times outside the nanosecond Timestamp's range (1677 to 2262) saturate, in
// ISO-8601 as in epoch numbers, instead of being dropped.
TEST(NotificationContent, TimesBeyondTheTimestampRangeSaturate) {
  auto content = ParseNotificationContent(
      R"({"eventTime":"9999-12-31T23:59:59.999Z","data":{"versionExpireTime":253402300799999,)"
      R"("createTime":"1969-12-31T23:59:59.000Z","updateTime":"1000-01-01T00:00:00Z"}})");
  ASSERT_TRUE(content.has_value());
  ASSERT_TRUE(content->event_time.has_value());
  EXPECT_EQ(*content->event_time, Timestamp::max());
  ASSERT_TRUE(content->version_expire_time.has_value());
  EXPECT_EQ(*content->version_expire_time, Timestamp::max());
  ASSERT_TRUE(content->secret_create_time.has_value());
  EXPECT_EQ(*content->secret_create_time, Timestamp(std::chrono::seconds(-1)));
  ASSERT_TRUE(content->secret_update_time.has_value());
  EXPECT_EQ(*content->secret_update_time, Timestamp::min());
  content = ParseNotificationContent(R"({"eventTime":"2262-04-11T23:47:16.854Z"})");
  ASSERT_TRUE(content.has_value() && content->event_time.has_value());
  EXPECT_EQ(*content->event_time, Timestamp(std::chrono::milliseconds(9223372036854)));
}

TEST(CreateSecret, SendsValueAndSubscriptionAndReturnsMetadataOnly) {
  Fixture f = MakeClient("CreateSecret_200.json");
  CreateSecretRequest request;
  request.name = "test";
  request.secret_string = "s3cr3t-value";
  request.event_subscriptions = {"pocEvent"};
  const Secret secret = f.client.CreateSecret(request);
  EXPECT_EQ(secret.name, "test");
  EXPECT_EQ(secret.event_subscriptions, std::vector<std::string>{"pocEvent"});
  EXPECT_TRUE(secret.auto_rotation);
  EXPECT_EQ(secret.rotation_period, "1d");
  ASSERT_TRUE(secret.next_rotation_time.has_value());
  EXPECT_EQ(*secret.next_rotation_time, Timestamp(std::chrono::milliseconds(1668629140000)));
  const HttpRequest sent = f.only_request();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, kBase + "/secrets");
  EXPECT_EQ(sent.body,
            R"({"name":"test","secret_string":"s3cr3t-value","event_subscriptions":["pocEvent"]})");
}

TEST(CreateSecret, BinaryValuesAreBase64Encoded) {
  Fixture f = MakeClient("CreateSecret_200.json");
  CreateSecretRequest request;
  request.name = "bin";
  request.secret_binary = std::string("\x00\xff\x10hello", 8);
  f.client.CreateSecret(request);
  EXPECT_EQ(f.only_request().body, R"({"name":"bin","secret_binary":"AP8QaGVsbG8="})");
}

TEST(CreateSecret, RulesAreCheckedBeforeSendingAndNeverEchoTheValue) {
  Fixture f = MakeClient("CreateSecret_200.json");
  const auto field_of = [&f](const CreateSecretRequest& request) {
    try {
      f.client.CreateSecret(request);
    } catch (const ValidationError& e) {
      EXPECT_THAT(e.what(), Not(HasSubstr("TOP-SECRET")));
      return e.field();
    }
    return std::string("accepted");
  };
  CreateSecretRequest request;
  request.name = "ok";
  request.secret_string = "TOP-SECRET";
  request.secret_binary = "TOP-SECRET";
  EXPECT_EQ(field_of(request), "secret_binary");
  request.secret_binary.reset();
  request.secret_string = "TOP-SECRET" + std::string(32 * 1024, 'x');
  EXPECT_EQ(field_of(request), "secret_string");
  request.secret_string = std::string("TOP-SECRET\xff\xfe");
  EXPECT_EQ(field_of(request), "secret_string");
  request.secret_string = "TOP-SECRET";
  request.event_subscriptions = {"a", "b"};
  EXPECT_EQ(field_of(request), "event_subscriptions");
  request.event_subscriptions = {"bad/name"};
  EXPECT_EQ(field_of(request), "event_subscriptions");
  request.event_subscriptions = {};
  request.secret_type = "OTHER";
  EXPECT_EQ(field_of(request), "secret_type");
  request.secret_type = "RDS-FG";
  request.description = std::string(2049, 'd');
  EXPECT_EQ(field_of(request), "description");
  request.description.reset();
  request.name = "a/b";
  EXPECT_EQ(field_of(request), "name");
  EXPECT_TRUE(f.transport->requests().empty());
  request.name = "ok";
  request.secret_binary.reset();
  request.secret_string = std::string(32 * 1024, 'x');
  EXPECT_EQ(field_of(request), "accepted");
}

TEST(ShowSecret, DecodesEveryFieldOfTheExample) {
  Fixture f = MakeClient("ShowSecret_200.json");
  const Secret secret = f.client.ShowSecret("test");
  EXPECT_EQ(f.only_request().url, kBase + "/secrets/test");
  EXPECT_EQ(secret.id, "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e");
  EXPECT_EQ(secret.kms_key_id, "b168fe00ff56492495a7d22974df2d0b");
  EXPECT_EQ(secret.description, "description");
  EXPECT_EQ(secret.create_time, Timestamp(std::chrono::milliseconds(1581507580000)));
  EXPECT_FALSE(secret.state.empty());
  EXPECT_FALSE(secret.secret_type.empty());
  EXPECT_FALSE(secret.rotation_func_urn.empty());
  EXPECT_TRUE(secret.scheduled_delete_time.has_value());
  EXPECT_TRUE(secret.rotation_time.has_value());
}

TEST(UpdateSecret, EmptySubscriptionListDetaches) {
  Fixture f = MakeClient("UpdateSecret_200.json");
  UpdateSecretRequest request;
  request.event_subscriptions = std::vector<std::string>{};
  f.client.UpdateSecret("test", request);
  const HttpRequest sent = f.only_request();
  EXPECT_EQ(sent.method, "PUT");
  EXPECT_EQ(sent.url, kBase + "/secrets/test");
  EXPECT_EQ(sent.body, R"({"event_subscriptions":[]})");
}

TEST(UpdateSecret, SendsOnlyTheFieldsThatAreSet) {
  Fixture f = MakeClient("UpdateSecret_200.json");
  UpdateSecretRequest request;
  request.description = "new";
  request.event_subscriptions = std::vector<std::string>{"pocEvent"};
  f.client.UpdateSecret("test", request);
  EXPECT_EQ(f.only_request().body, R"({"description":"new","event_subscriptions":["pocEvent"]})");
}

TEST(UpdateSecret, EmptyUpdateAndTwoSubscriptionsAreRefused) {
  Fixture f = MakeClient("UpdateSecret_200.json");
  EXPECT_THROW(f.client.UpdateSecret("test", {}), ValidationError);
  UpdateSecretRequest request;
  request.event_subscriptions = std::vector<std::string>{"a", "b"};
  EXPECT_THROW(f.client.UpdateSecret("test", request), ValidationError);
  EXPECT_TRUE(f.transport->requests().empty());
}

TEST(DeleteSecret, AcceptsOkWithEmptyBodyAndNoContent) {
  Fixture f = MakeClient({Empty(200), Empty(204)});
  f.client.DeleteSecret("test");
  f.client.DeleteSecret("test");
  const auto requests = f.transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "DELETE");
  EXPECT_EQ(requests[0].url, kBase + "/secrets/test");
}

TEST(DeleteSecret, NotFoundAsFlat400Csms0005) {
  Fixture f = MakeClient(
      {JsonResponse(R"({"error_code":"CSMS.0005","error_msg":"secret not found"})", 400)});
  EXPECT_THROW(f.client.DeleteSecret("test"), NotFoundError);
}

TEST(ListSecrets, FiltersByEventAndDecodesTheExample) {
  Fixture f = MakeClient("ListSecrets_200.json");
  ListSecretsRequest request;
  request.event_name = "pocEvent";
  request.limit = 5;
  const SecretPage page = f.client.ListSecrets(request);
  EXPECT_EQ(f.only_request().url, kBase + "/secrets?event_name=pocEvent&limit=5");
  ASSERT_EQ(page.secrets.size(), 1u);
  EXPECT_EQ(page.secrets[0].name, "secret-name-test");
  EXPECT_EQ(page.page_info.next_marker.value_or(""), "secret-name-test");
  EXPECT_EQ(page.page_info.current_count, 1);
}

TEST(ListSecrets, RejectsBadEventNameFilter) {
  Fixture f = MakeClient("ListSecrets_200.json");
  ListSecretsRequest request;
  request.event_name = "x&y";
  EXPECT_THROW(f.client.ListSecrets(request), ValidationError);
  EXPECT_TRUE(f.transport->requests().empty());
}

}  // namespace
}  // namespace csms
