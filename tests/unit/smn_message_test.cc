// ParseSmnMessage and the text rules of SMN's message signature
// (src/internal/smn_signing.h). The example messages are written here in the
// shape SMN's user guide documents (docs/notifications.md), with made-up values.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "csms/smn.h"
#include "internal/smn_signing.h"

namespace {

using csms::ParseSmnMessage;
using csms::SmnMessage;
using csms::SmnMessageError;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kNotification = R"({
  "signature": "c2lnbmF0dXJl",
  "subject": "CSMS event",
  "topic_urn": "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events",
  "message_id": "d84bd6629ef04513ad2e37bffd6e17cb",
  "signature_version": "v1",
  "type": "Notification",
  "message": "{\"eventName\":\"ev1\",\"eventType\":\"SECRET_VERSION_CREATED\"}",
  "unsubscribe_url": "https://console.example/smn/subscription/unsubscribe?x=1",
  "signing_cert_url": "https://smn.cn-north-4.myhuaweicloud.com/smn/SMN_cn-north-4_abc.pem",
  "timestamp": "2026-07-10T09:45:00Z"
})";

constexpr const char* kSubscriptionConfirmation = R"({
  "subscribe_url": "https://console.example/smn/subscription/confirm?token=t1",
  "signature": "c2lnbmF0dXJl",
  "topic_urn": "urn:smn:eu-west-101:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events",
  "message_id": "54bb04eddfc842e9b44ca36393f77cd3",
  "signature_version": "v1",
  "type": "SubscriptionConfirmation",
  "message": "You are invited to subscribe to topic csms-events.",
  "signing_cert_url": "https://smn.eu-west-101.myhuaweicloud.eu/smn/SMN_eu-west-101_abc.pem",
  "timestamp": "2026-07-10T09:43:44Z"
})";

constexpr const char* kUnsubscribeConfirmation = R"({
  "signature": "c2lnbmF0dXJl",
  "topic_urn": "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events",
  "message_id": "d86c201092574e71a3ca85826652c58b",
  "signature_version": "v1",
  "type": "UnsubscribeConfirmation",
  "message": "You are unsubscribed from topic csms-events.",
  "subscribe_url": "https://console.example/smn/subscription/confirm?token=t2",
  "signing_cert_url": "https://smn.cn-north-4.myhuaweicloud.com/smn/SMN_cn-north-4_abc.pem",
  "timestamp": "2026-07-10T11:45:00Z"
})";

// kNotification with one member's value text replaced ("<old>" -> "<new>", raw JSON).
std::string Replace(std::string body, const std::string& from, const std::string& to) {
  const auto at = body.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) body.replace(at, from.size(), to);
  return body;
}

// The member's whole line removed from a body.
std::string Without(const std::string& body, const std::string& member) {
  const auto at = body.find("\"" + member + "\":");
  EXPECT_NE(at, std::string::npos) << member;
  const auto start = body.rfind('\n', at) + 1;
  const auto end = body.find('\n', at);
  std::string out = body;
  out.erase(start, end - start + 1);
  // The last member lost its successor's comma rule: keep the JSON valid.
  const auto last = out.rfind(",\n}");
  if (last != std::string::npos) out.erase(last, 1);
  return out;
}

std::string FieldOf(const std::string& body) {
  try {
    ParseSmnMessage(body);
  } catch (const SmnMessageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not an SMN message"));
    return e.field();
  }
  ADD_FAILURE() << "accepted: " << body;
  return "<accepted>";
}

TEST(ParseSmnMessage, Notification) {
  const SmnMessage m = ParseSmnMessage(kNotification);
  EXPECT_EQ(m.type, "Notification");
  EXPECT_EQ(m.subject, "CSMS event");
  EXPECT_EQ(m.topic_urn, "urn:smn:cn-north-4:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events");
  EXPECT_EQ(m.message_id, "d84bd6629ef04513ad2e37bffd6e17cb");
  EXPECT_EQ(m.signature_version, "v1");
  EXPECT_EQ(m.signature, "c2lnbmF0dXJl");
  EXPECT_EQ(m.message, R"({"eventName":"ev1","eventType":"SECRET_VERSION_CREATED"})");
  EXPECT_EQ(m.unsubscribe_url, "https://console.example/smn/subscription/unsubscribe?x=1");
  EXPECT_EQ(m.signing_cert_url,
            "https://smn.cn-north-4.myhuaweicloud.com/smn/SMN_cn-north-4_abc.pem");
  EXPECT_EQ(m.timestamp, "2026-07-10T09:45:00Z");
  EXPECT_EQ(m.subscribe_url, "");
  EXPECT_EQ(csms::SmnMessageTypeFromString(m.type), csms::SmnMessageType::kNotification);
}

TEST(ParseSmnMessage, SubscriptionConfirmation) {
  const SmnMessage m = ParseSmnMessage(kSubscriptionConfirmation);
  EXPECT_EQ(m.type, "SubscriptionConfirmation");
  EXPECT_EQ(m.subscribe_url, "https://console.example/smn/subscription/confirm?token=t1");
  EXPECT_EQ(m.message, "You are invited to subscribe to topic csms-events.");
  EXPECT_EQ(m.subject, "");
  EXPECT_EQ(m.unsubscribe_url, "");
  EXPECT_EQ(csms::SmnMessageTypeFromString(m.type),
            csms::SmnMessageType::kSubscriptionConfirmation);
}

TEST(ParseSmnMessage, UnsubscribeConfirmation) {
  const SmnMessage m = ParseSmnMessage(kUnsubscribeConfirmation);
  EXPECT_EQ(m.type, "UnsubscribeConfirmation");
  EXPECT_EQ(m.subscribe_url, "https://console.example/smn/subscription/confirm?token=t2");
  EXPECT_EQ(m.timestamp, "2026-07-10T11:45:00Z");
  EXPECT_EQ(csms::SmnMessageTypeFromString(m.type), csms::SmnMessageType::kUnsubscribeConfirmation);
}

TEST(ParseSmnMessage, TypeNamesAreExact) {
  EXPECT_FALSE(csms::SmnMessageTypeFromString("notification"));
  EXPECT_FALSE(csms::SmnMessageTypeFromString("Notification "));
  EXPECT_FALSE(csms::SmnMessageTypeFromString(""));
}

TEST(ParseSmnMessage, UnknownMembersAreIgnored) {
  const std::string body =
      Replace(kNotification, "\"type\": \"Notification\",",
              R"("type": "Notification", "extra": {"a": [1, 2, {"b": null}]}, "n": 1e5,
                 "flag": true, "Type": 3,)");
  EXPECT_EQ(ParseSmnMessage(body).type, "Notification");
}

TEST(ParseSmnMessage, OptionalMembersMayBeNullOrAbsent) {
  const SmnMessage m = ParseSmnMessage(Replace(kNotification, "\"CSMS event\"", "null"));
  EXPECT_EQ(m.subject, "");
  EXPECT_EQ(ParseSmnMessage(Without(kNotification, "subject")).subject, "");
  EXPECT_EQ(ParseSmnMessage(Without(kNotification, "unsubscribe_url")).unsubscribe_url, "");
  // An empty message is still a message (and signed as such).
  EXPECT_EQ(
      ParseSmnMessage(
          Replace(kNotification,
                  R"("{\"eventName\":\"ev1\",\"eventType\":\"SECRET_VERSION_CREATED\"}")", R"("")"))
          .message,
      "");
  // Escapes are decoded.
  EXPECT_EQ(ParseSmnMessage(Replace(kNotification, "\"CSMS event\"", R"("caf\u00e9\n")")).subject,
            "caf\xC3\xA9\n");
}

TEST(ParseSmnMessage, NotJsonOrNotAnObject) {
  EXPECT_EQ(FieldOf(""), "");
  EXPECT_EQ(FieldOf("   "), "");
  EXPECT_EQ(FieldOf("[]"), "");
  EXPECT_EQ(FieldOf("\"Notification\""), "");
  EXPECT_EQ(FieldOf("null"), "");
  EXPECT_EQ(FieldOf("{"), "");
  EXPECT_EQ(FieldOf(std::string(kNotification) + " {}"), "");
  EXPECT_EQ(FieldOf(std::string(kNotification) + std::string(1, '\0')), "");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"type\": \"Notification\",",
                            "\"type\": \"Notification\",,")),
            "");
}

TEST(ParseSmnMessage, InvalidUtf8IsRefused) {
  EXPECT_EQ(FieldOf(Replace(kNotification, "CSMS event", "CSMS \xC0\xAF event")), "");
  EXPECT_EQ(FieldOf(Replace(kNotification, "CSMS event", "CSMS \xED\xA0\x80 event")), "");
  // In a member this SDK does not read, too: the body is not JSON.
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"type\": \"Notification\",",
                            "\"type\": \"Notification\", \"x\": \"\xFF\",")),
            "");
  // A lone surrogate escape is not a character either.
  EXPECT_EQ(FieldOf(Replace(kNotification, "CSMS event", "\\ud800")), "");
}

TEST(ParseSmnMessage, DuplicatesAreRefused) {
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"type\": \"Notification\",",
                            R"("type": "Notification", "type": "Notification",)")),
            "type");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"type\": \"Notification\",",
                            R"("type": "Notification", "message": "other",)")),
            "message");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"type\": \"Notification\",",
                            R"("type": "Notification", "subject": null,)")),
            "subject");
}

TEST(ParseSmnMessage, NonStringValuesAreRefused) {
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"d84bd6629ef04513ad2e37bffd6e17cb\"", "42")),
            "message_id");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"Notification\"", "null")), "type");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"Notification\"", "[\"Notification\"]")), "type");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"CSMS event\"", "{}")), "subject");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"v1\"", "1")), "signature_version");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"2026-07-10T09:45:00Z\"", "1783676700")), "timestamp");
}

TEST(ParseSmnMessage, UnknownTypeIsRefused) {
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"Notification\"", "\"notification\"")), "type");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"Notification\"", "\"Other\"")), "type");
  EXPECT_EQ(FieldOf(Without(kNotification, "type")), "type");
}

TEST(ParseSmnMessage, RequiredMembersPerType) {
  for (const char* member : {"message_id", "topic_urn", "message", "timestamp", "signature_version",
                             "signature", "signing_cert_url"}) {
    EXPECT_EQ(FieldOf(Without(kNotification, member)), member);
    EXPECT_EQ(FieldOf(Without(kSubscriptionConfirmation, member)), member);
    EXPECT_EQ(FieldOf(Without(kUnsubscribeConfirmation, member)), member);
  }
  // Present but empty: refused, except message.
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"c2lnbmF0dXJl\"", "\"\"")), "signature");
  EXPECT_EQ(FieldOf(Replace(kNotification, "\"2026-07-10T09:45:00Z\"", "\"\"")), "timestamp");
  // The confirmations sign subscribe_url, so they must carry it.
  EXPECT_EQ(FieldOf(Without(kSubscriptionConfirmation, "subscribe_url")), "subscribe_url");
  EXPECT_EQ(FieldOf(Without(kUnsubscribeConfirmation, "subscribe_url")), "subscribe_url");
  EXPECT_EQ(
      FieldOf(Replace(kSubscriptionConfirmation,
                      "\"https://console.example/smn/subscription/confirm?token=t1\"", "null")),
      "subscribe_url");
}

TEST(ParseSmnMessage, SizeIsBounded) {
  std::string padding(csms::kMaxSmnMessageBytes, ' ');
  EXPECT_EQ(FieldOf(std::string(kNotification) + padding), "");
  // Just under the bound is read (trailing whitespace is allowed JSON).
  const std::string body = kNotification;
  padding.resize(csms::kMaxSmnMessageBytes - body.size());
  EXPECT_EQ(ParseSmnMessage(body + padding).type, "Notification");
}

TEST(ParseSmnMessage, ErrorsNeverQuoteTheBody) {
  const std::string marker = "MARKER-7f3a";
  for (const std::string& body :
       {Replace(kNotification, "\"Notification\"", "\"" + marker + "\""),
        Replace(kNotification, "\"CSMS event\"", "\"" + marker + "\xFF\""),
        Replace(kNotification, "\"CSMS event\"", marker), "{\"" + marker + "\": }", marker}) {
    try {
      ParseSmnMessage(body);
      ADD_FAILURE() << body;
    } catch (const SmnMessageError& e) {
      EXPECT_THAT(e.what(), Not(HasSubstr(marker)));
    }
  }
}

TEST(SmnStringToSign, NotificationMatchesTheGuidesExample) {
  // The guide's example ("Message Signature Verification"), plus the trailing
  // newline its Java, Node.js and Go samples all write after the last value.
  SmnMessage m;
  m.type = "Notification";
  m.message = "My test message";
  m.message_id = "88c726942175432bac921eafd0036163";
  m.subject = "demo";
  m.timestamp = "2016-08-15T07:29:16Z";
  m.topic_urn = "urn:smn:regionId:74dc9e44d0cc4573adfce91cdfdd3ba9:xxxx";
  m.unsubscribe_url = "https://example/unsubscribe";  // not signed
  m.signing_cert_url = "https://example/cert.pem";    // not signed
  EXPECT_EQ(csms::internal::SmnStringToSign(m),
            "message\nMy test message\n"
            "message_id\n88c726942175432bac921eafd0036163\n"
            "subject\ndemo\n"
            "timestamp\n2016-08-15T07:29:16Z\n"
            "topic_urn\nurn:smn:regionId:74dc9e44d0cc4573adfce91cdfdd3ba9:xxxx\n"
            "type\nNotification\n");
  m.subject.clear();
  EXPECT_EQ(csms::internal::SmnStringToSign(m),
            "message\nMy test message\n"
            "message_id\n88c726942175432bac921eafd0036163\n"
            "timestamp\n2016-08-15T07:29:16Z\n"
            "topic_urn\nurn:smn:regionId:74dc9e44d0cc4573adfce91cdfdd3ba9:xxxx\n"
            "type\nNotification\n");
}

TEST(SmnStringToSign, ConfirmationsSignSubscribeUrl) {
  SmnMessage m = ParseSmnMessage(kSubscriptionConfirmation);
  m.subject = "ignored";  // not a confirmation's member
  const std::string expected =
      "message\nYou are invited to subscribe to topic csms-events.\n"
      "message_id\n54bb04eddfc842e9b44ca36393f77cd3\n"
      "subscribe_url\nhttps://console.example/smn/subscription/confirm?token=t1\n"
      "timestamp\n2026-07-10T09:43:44Z\n"
      "topic_urn\nurn:smn:eu-west-101:0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70:csms-events\n"
      "type\nSubscriptionConfirmation\n";
  EXPECT_EQ(csms::internal::SmnStringToSign(m), expected);
  m.type = "UnsubscribeConfirmation";
  EXPECT_EQ(csms::internal::SmnStringToSign(m),
            expected.substr(0, expected.rfind("Subscription")) + "UnsubscribeConfirmation\n");
  m.type = "Other";
  EXPECT_FALSE(csms::internal::SmnStringToSign(m));
}

TEST(ParseSmnTimestamp, DocumentedFormat) {
  using std::chrono::seconds;
  const auto t = csms::internal::ParseSmnTimestamp("2016-08-15T07:29:16Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(std::chrono::duration_cast<seconds>(t->time_since_epoch()).count(), 1471246156);
  const auto leap = csms::internal::ParseSmnTimestamp("2024-02-29T23:59:59.5Z");
  ASSERT_TRUE(leap);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(leap->time_since_epoch()).count(),
            1709251199500);
  EXPECT_TRUE(csms::internal::ParseSmnTimestamp("1970-01-01T00:00:00.123456789Z"));
  // Beyond Timestamp's range (2262 in libstdc++): saturates, never overflows.
  EXPECT_EQ(csms::internal::ParseSmnTimestamp("9999-12-31T23:59:59Z"), csms::Timestamp::max());
  EXPECT_EQ(csms::internal::ParseSmnTimestamp("0000-01-01T00:00:00Z"), csms::Timestamp::min());
}

TEST(ParseSmnTimestamp, AnythingElseIsRefused) {
  for (const char* text : {"",
                           "2016-08-15",
                           "2016-08-15T07:29:16",
                           "2016-08-15T07:29:16z",
                           "2016-08-15 07:29:16Z",
                           "2016-08-15T07:29:16+08:00",
                           "2016-08-15T07:29:16.Z",
                           "2016-08-15T07:29:16.1234567890Z",
                           "2016-02-30T00:00:00Z",
                           "2023-02-29T00:00:00Z",
                           "2016-13-01T00:00:00Z",
                           "2016-00-01T00:00:00Z",
                           "2016-08-00T00:00:00Z",
                           "2016-08-15T24:00:00Z",
                           "2016-08-15T07:60:00Z",
                           "2016-08-15T07:29:60Z",
                           "+2016-08-15T07:29:16Z",
                           "2016-8-15T07:29:16Z",
                           "2016-08-15T07:29:16ZZ",
                           "1471246156"}) {
    EXPECT_FALSE(csms::internal::ParseSmnTimestamp(text)) << text;
  }
}

TEST(SmnRegionOfTopicUrn, RegionIsTheThirdPart) {
  using csms::internal::SmnRegionOfTopicUrn;
  EXPECT_EQ(SmnRegionOfTopicUrn("urn:smn:cn-north-4:proj:topic"), "cn-north-4");
  EXPECT_EQ(SmnRegionOfTopicUrn("urn:smn:eu-west-101:p:t"), "eu-west-101");
  EXPECT_FALSE(SmnRegionOfTopicUrn("urn:smn::p:t"));
  EXPECT_FALSE(SmnRegionOfTopicUrn("urn:smn:cn-north-4"));
  EXPECT_FALSE(SmnRegionOfTopicUrn("urn:sms:cn-north-4:p:t"));
  EXPECT_FALSE(SmnRegionOfTopicUrn("URN:SMN:cn-north-4:p:t"));
  // A region that would put other text into the host name.
  EXPECT_FALSE(SmnRegionOfTopicUrn("urn:smn:evil.example/x:p:t"));
  EXPECT_FALSE(SmnRegionOfTopicUrn("urn:smn:CN-NORTH-4:p:t"));
  EXPECT_FALSE(SmnRegionOfTopicUrn("urn:smn:cn north:p:t"));
}

TEST(DecodeBase64Strict, Rfc4648Vectors) {
  using csms::internal::DecodeBase64Strict;
  EXPECT_EQ(DecodeBase64Strict(""), "");
  EXPECT_EQ(DecodeBase64Strict("Zg=="), "f");
  EXPECT_EQ(DecodeBase64Strict("Zm8="), "fo");
  EXPECT_EQ(DecodeBase64Strict("Zm9v"), "foo");
  EXPECT_EQ(DecodeBase64Strict("Zm9vYg=="), "foob");
  EXPECT_EQ(DecodeBase64Strict("Zm9vYmE="), "fooba");
  EXPECT_EQ(DecodeBase64Strict("Zm9vYmFy"), "foobar");
  EXPECT_EQ(DecodeBase64Strict("+/+/"), std::string("\xfb\xff\xbf", 3));
}

TEST(DecodeBase64Strict, NonCanonicalOrForeignTextIsRefused) {
  using csms::internal::DecodeBase64Strict;
  for (const char* text : {"Zg", "Zg=", "Zg===", "Z===", "====", "Zh==", "Zm9=", "Zm=v", "=Zm9",
                           "Zm9v\n", " Zm9v", "Zm 9v", "-_-_", "Zm9v====", "Zg==Zm9v"}) {
    EXPECT_FALSE(DecodeBase64Strict(text)) << text;
  }
}

}  // namespace
