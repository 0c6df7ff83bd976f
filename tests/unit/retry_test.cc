// Retries, deadlines, Retry-After, safe creates and their reconciliation,
// with injected sleep, randomness and clocks: no real waiting, exact delays.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <variant>

#include "csms/client.h"
#include "csms/errors.h"
#include "internal/error_mapping.h"
#include "internal/retry_policy.h"
#include "seed_data.h"

namespace csms {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

// A transport failure with explicit evidence of whether the request may have
// been sent (a bare Kind takes the two-argument constructor's assumption).
struct Failed {
  TransportError::Kind kind;
  bool request_may_have_been_sent;
};

// A step of the script: an HTTP response, or a transport failure of some kind.
using Step = std::variant<HttpResponse, TransportError::Kind, Failed>;

class FlakyTransport : public HttpTransport {
 public:
  explicit FlakyTransport(std::vector<Step> script) : script_(std::move(script)) {}

  HttpResponse Send(const HttpRequest& request) override {
    requests_.push_back(request);
    if (on_send) on_send(request);
    if (next_ >= script_.size()) throw std::logic_error("script exhausted");
    const Step& step = script_[next_++];
    if (const auto* kind = std::get_if<TransportError::Kind>(&step)) {
      throw TransportError(*kind, "scripted failure");
    }
    if (const auto* failed = std::get_if<Failed>(&step)) {
      throw TransportError(failed->kind, "scripted failure", failed->request_may_have_been_sent);
    }
    return std::get<HttpResponse>(step);
  }

  std::vector<HttpRequest> requests_;
  /// Runs before each step: lets an exchange "take" time on the fake clock.
  std::function<void(const HttpRequest&)> on_send;

 private:
  std::vector<Step> script_;
  std::size_t next_ = 0;
};

HttpResponse Status(int status, std::string body = "", HttpHeaders headers = {}) {
  HttpResponse response;
  response.status_code = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

const std::string kEventBody = csms_test::ReadTestData("create_event_seed_response.json");

// The seed response's event, as a create request that matches it exactly.
CreateSecretEventRequest MatchingRequest() {
  CreateSecretEventRequest request;
  request.name = "event-test";
  request.event_types = {EventType::kSecretVersionExpired, EventType::kSecretVersionCreated};
  request.state = EventState::kEnabled;
  request.notification = {"SMN", "urn:smn:cn-north-4:SecertExpirationTest",
                          "SecertExpirationNotificationTest"};
  return request;
}

struct Harness {
  explicit Harness(std::vector<Step> script, RetryOptions retry = {},
                   milliseconds deadline = std::chrono::minutes(2)) {
    transport = std::make_shared<FlakyTransport>(std::move(script));
    ClientOptions options;
    options.region = "cn-north-4";
    options.project_id = kProjectId;
    options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
    options.transport = transport;
    options.retry = retry;
    options.call_deadline = deadline;
    // Sleeping advances a fake monotonic clock and is recorded; nothing waits.
    options.sleep = [this](milliseconds d) {
      sleeps.push_back(d);
      now += d;
    };
    options.monotonic_clock = [this] { return now; };
    options.random = [] { return 0.5; };
    client = std::make_unique<CsmsClient>(options);
  }

  std::shared_ptr<FlakyTransport> transport;
  std::vector<milliseconds> sleeps;
  std::chrono::steady_clock::time_point now{};
  std::unique_ptr<CsmsClient> client;
};

TEST(Backoff, IsFullJitterExponentialWithCap) {
  RetryOptions options;  // 200 ms initial, 5 s cap
  EXPECT_EQ(internal::Backoff(options, 1, 0.5), milliseconds(100));
  EXPECT_EQ(internal::Backoff(options, 2, 0.5), milliseconds(200));
  EXPECT_EQ(internal::Backoff(options, 3, 0.5), milliseconds(400));
  EXPECT_EQ(internal::Backoff(options, 6, 1.0), milliseconds(5000));
  EXPECT_EQ(internal::Backoff(options, 60, 0.5), milliseconds(2500));
  EXPECT_EQ(internal::Backoff(options, 3, 0.0), milliseconds(0));
}

TEST(RetryAfter, ParsesSecondsAndHttpDates) {
  const Timestamp now = std::chrono::system_clock::from_time_t(1445412470);  // 21 Oct 2015 07:27:50
  EXPECT_EQ(internal::ParseRetryAfter("7", now), milliseconds(7000));
  EXPECT_EQ(internal::ParseRetryAfter(" 3 ", now), milliseconds(3000));
  EXPECT_EQ(internal::ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), milliseconds(10000));
  EXPECT_EQ(internal::ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), milliseconds(0));
  EXPECT_FALSE(internal::ParseRetryAfter("soon", now).has_value());
  EXPECT_FALSE(internal::ParseRetryAfter("", now).has_value());
  EXPECT_FALSE(internal::ParseRetryAfter("Wed, 21 Foo 2015 07:28:00 GMT", now).has_value());
}

// RFC 9110: recipients accept all three HTTP date forms.
TEST(RetryAfter, AcceptsAllThreeHttpDateForms) {
  const Timestamp now = std::chrono::system_clock::from_time_t(1445412470);  // 21 Oct 2015 07:27:50
  EXPECT_EQ(internal::ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), milliseconds(10000));
  EXPECT_EQ(internal::ParseRetryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", now),
            milliseconds(10000));
  EXPECT_EQ(internal::ParseRetryAfter("Wed Oct 21 07:28:00 2015", now), milliseconds(10000));
  EXPECT_EQ(internal::ParseRetryAfter("Wed Oct 21 07:28:00 2015", now + std::chrono::hours(1)),
            milliseconds(0));
  EXPECT_EQ(internal::ParseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT", now), milliseconds(0));
  // Beyond year 9999, and far beyond system_clock: a long wait, never zero.
  const auto far = internal::ParseRetryAfter("Sat, 01 Jan 99999 00:00:00 GMT", now);
  ASSERT_TRUE(far.has_value());
  EXPECT_EQ(*far, milliseconds((3093496444800LL - 1445412470LL) * 1000));
  EXPECT_FALSE(internal::ParseRetryAfter("-5", now).has_value());
  EXPECT_FALSE(internal::ParseRetryAfter("tomorrow", now).has_value());
}

TEST(Retry, AnRfc850RetryAfterReplacesTheBackoff) {
  Harness h({Status(503, "", {{"Retry-After", "Sunday, 06-Nov-94 08:49:37 GMT"}}),
             Status(503, "", {{"Retry-After", "Sun Nov  6 08:49:37 1994"}}),
             Status(200, kEventBody)});
  h.client->ShowSecretEvent("event-test");
  // 1994 is in the past for any clock: no wait, instead of the 100 and 200 ms backoff.
  EXPECT_THAT(h.sleeps, ElementsAre(milliseconds(0), milliseconds(0)));
}

// Durations from users and servers saturate: milliseconds::max() is "no
// practical deadline", and waits and caps at the extremes do not wrap.
TEST(Backoff, SaturatesAtHugeSettings) {
  RetryOptions options;
  options.initial_backoff = milliseconds(milliseconds::max().count() / 2 + 1);
  options.max_backoff = milliseconds::max();
  EXPECT_EQ(internal::Backoff(options, 3, 1.0), milliseconds::max());
  EXPECT_GT(internal::Backoff(options, 2, 0.5), milliseconds(0));
  EXPECT_EQ(internal::Backoff(options, 60, 0.0), milliseconds(0));
  options.initial_backoff = milliseconds(0);
  EXPECT_EQ(internal::Backoff(options, 60, 1.0), milliseconds(0));
  options.initial_backoff = milliseconds(1);
  EXPECT_EQ(internal::Backoff(options, 1, 1.0), milliseconds(1));
}

TEST(RetryAfter, HugeValuesSaturateInsteadOfWrapping) {
  const Timestamp now = std::chrono::system_clock::from_time_t(1445412470);
  EXPECT_EQ(internal::ParseRetryAfter("0", now), milliseconds(0));
  EXPECT_EQ(internal::ParseRetryAfter("1", now), milliseconds(1000));
  EXPECT_EQ(internal::ParseRetryAfter("9999999999", now), milliseconds(9999999999000));
  EXPECT_EQ(internal::ParseRetryAfter("9223372036854775807", now), milliseconds::max());
  EXPECT_EQ(internal::ParseRetryAfter("99999999999999999999999", now), milliseconds::max());
  // After 2262 (past system_clock's nanoseconds): a long wait, never zero.
  const auto y2300 = internal::ParseRetryAfter("Fri, 01 Jan 2300 00:00:00 GMT", now);
  ASSERT_TRUE(y2300.has_value());
  EXPECT_EQ(*y2300, milliseconds((10413792000LL - 1445412470LL) * 1000));
  const auto y9999 = internal::ParseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now);
  ASSERT_TRUE(y9999.has_value());
  EXPECT_EQ(*y9999, milliseconds((253402300799LL - 1445412470LL) * 1000));
  // Before 1970: in the past.
  EXPECT_EQ(internal::ParseRetryAfter("Mon, 01 Jan 1900 00:00:00 GMT", now), milliseconds(0));
}

TEST(Retry, MaxDeadlineMeansNoPracticalDeadline) {
  Harness h({Status(503), Status(200, kEventBody)}, RetryOptions{}, milliseconds::max());
  EXPECT_EQ(h.client->ShowSecretEvent("event-test").name, "event-test");
  ASSERT_EQ(h.transport->requests_.size(), 2u);
  // Each attempt gets the request timeout, not the 1 ms a wrapped deadline left.
  EXPECT_EQ(h.transport->requests_[0].timeout, std::chrono::seconds(30));
  EXPECT_EQ(h.transport->requests_[1].timeout, std::chrono::seconds(30));

  Harness per_call({Status(503), Status(200, kEventBody)});
  CallOptions call;
  call.deadline = milliseconds::max();
  call.timeout = milliseconds::max();
  EXPECT_EQ(per_call.client->ShowSecretEvent("event-test", call).name, "event-test");
  EXPECT_EQ(per_call.transport->requests_.size(), 2u);
  // As long as the steady clock can count (about 292 years), not a wrapped value.
  EXPECT_GT(per_call.transport->requests_[0].timeout, std::chrono::hours(24 * 365 * 200));
}

TEST(Retry, AWaitPastTheDeadlineIsNeverStartedHoweverLong) {
  RetryOptions retry;
  retry.max_retry_after = milliseconds::max();
  for (const char* retry_after : {"99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"}) {
    Harness h({Status(503, "", {{"Retry-After", retry_after}}), Status(200, kEventBody)}, retry);
    try {
      h.client->ShowSecretEvent("event-test");
      FAIL() << retry_after;
    } catch (const ServiceUnavailableError& e) {
      EXPECT_EQ(e.retry_stop_reason(), "call deadline reached") << retry_after;
    }
    EXPECT_TRUE(h.sleeps.empty()) << retry_after;
  }
}

TEST(Retry, ServiceUnavailableTwiceThenSuccess) {
  Harness h({Status(503), Status(503), Status(200, kEventBody)});
  EXPECT_EQ(h.client->ShowSecretEvent("event-test").name, "event-test");
  EXPECT_THAT(h.sleeps, ElementsAre(milliseconds(100), milliseconds(200)));
  EXPECT_EQ(h.transport->requests_.size(), 3u);
}

TEST(Retry, GivesUpAtTheLimitAndSaysSo) {
  Harness h(
      {Status(503, R"({"error_code":"APIGW.0201","error_msg":"busy"})"), Status(503), Status(503)});
  try {
    h.client->ShowSecretEvent("event-test");
    FAIL();
  } catch (const ServiceUnavailableError& e) {
    EXPECT_EQ(e.attempts(), 3);
    EXPECT_EQ(e.retry_stop_reason(), "retry limit of 3 attempts reached");
    EXPECT_THAT(e.what(), HasSubstr("[3 attempts; retry limit of 3 attempts reached]"));
  }
  EXPECT_THAT(h.sleeps, ElementsAre(milliseconds(100), milliseconds(200)));
}

TEST(Retry, NonRetryableStatusIsNotRetried) {
  Harness h({Status(400, R"({"error":{"error_code":"CSMS.0002","error_msg":"bad"}})")});
  try {
    h.client->ShowSecretEvent("event-test");
    FAIL();
  } catch (const BadRequestError& e) {
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_EQ(e.retry_stop_reason(), "not retryable");
  }
  EXPECT_TRUE(h.sleeps.empty());
}

TEST(Retry, RetryAfterReplacesBackoffAndIsCapped) {
  Harness h({Status(429, "", {{"Retry-After", "7"}}), Status(429, "", {{"retry-after", "100"}}),
             Status(200, kEventBody)});
  h.client->ShowSecretEvent("event-test");
  EXPECT_THAT(h.sleeps, ElementsAre(milliseconds(7000), milliseconds(20000)));
}

TEST(Retry, TransportFailuresOfIdempotentCallsAreRetried) {
  Harness h(
      {TransportError::Kind::kTimeout, TransportError::Kind::kReceive, Status(200, kEventBody)});
  EXPECT_EQ(h.client->ShowSecretEvent("event-test").name, "event-test");
  EXPECT_EQ(h.sleeps.size(), 2u);
}

TEST(Retry, TlsFailuresAreNotRetried) {
  Harness h({TransportError::Kind::kTls});
  try {
    h.client->ShowSecretEvent("event-test");
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_EQ(e.retry_stop_reason(), "not retryable");
  }
}

TEST(Retry, EachAttemptIsSignedAgain) {
  Harness h({Status(503), Status(200, kEventBody)});
  h.client->ShowSecretEvent("event-test");
  ASSERT_EQ(h.transport->requests_.size(), 2u);
  for (const auto& request : h.transport->requests_) {
    EXPECT_TRUE(internal::FindHeader(request.headers, "Authorization").has_value());
    EXPECT_TRUE(internal::FindHeader(request.headers, "X-Sdk-Date").has_value());
  }
}

TEST(Retry, DeadlineStopsRetriesAndBoundsEachAttempt) {
  RetryOptions retry;
  retry.max_attempts = 10;
  Harness h({Status(503), Status(503), Status(503), Status(200, kEventBody)}, retry,
            milliseconds(250));
  try {
    h.client->ShowSecretEvent("event-test");
    FAIL();
  } catch (const ServiceUnavailableError& e) {
    EXPECT_EQ(e.attempts(), 2);
    EXPECT_EQ(e.retry_stop_reason(), "call deadline reached");
  }
  // The first attempt may use the whole deadline; the second only what is left.
  EXPECT_EQ(h.transport->requests_[0].timeout, milliseconds(250));
  EXPECT_EQ(h.transport->requests_[1].timeout, milliseconds(150));
}

TEST(Retry, PerCallOptionsOverrideTheClient) {
  Harness h({Status(503), Status(200, kEventBody)});
  CallOptions call;
  call.retry = RetryOptions{};
  call.retry->max_attempts = 1;
  EXPECT_THROW(h.client->ShowSecretEvent("event-test", call), ServiceUnavailableError);
  EXPECT_EQ(h.transport->requests_.size(), 1u);
  call.retry->max_attempts = 0;
  EXPECT_THROW(h.client->ShowSecretEvent("event-test", call), ValidationError);
  EXPECT_EQ(h.transport->requests_.size(), 1u);
}

TEST(Retry, DeleteThatMeetsNotFoundAfterAnUnknownOutcomeSucceeded) {
  Harness h({Status(500), Status(404, R"({"error":{"error_code":"CSMS.0005","error_msg":"x"}})")});
  EXPECT_NO_THROW(h.client->DeleteSecretEvent("event-test"));
  Harness gateway({Status(502), Status(504), Status(404)});
  EXPECT_NO_THROW(gateway.client->DeleteSecretEvent("event-test"));
  Harness first_try({Status(404, R"({"error":{"error_code":"CSMS.0005","error_msg":"x"}})")});
  EXPECT_THROW(first_try.client->DeleteSecretEvent("event-test"), NotFoundError);
  Harness secret({TransportError::Kind::kReceive, Status(404)});
  EXPECT_NO_THROW(secret.client->DeleteSecret("s"));
}

// A 429 or 503 says the request was not carried out: a 404 after it is the
// truth (a mistyped name), not an earlier attempt's success.
TEST(Retry, DeleteThatMeetsNotFoundAfterARefusalIsNotFound) {
  const std::string not_found = R"({"error":{"error_code":"CSMS.0005","error_msg":"x"}})";
  for (const int refusal : {429, 503}) {
    Harness h({Status(refusal), Status(404, not_found)});
    EXPECT_THROW(h.client->DeleteSecretEvent("event-test"), NotFoundError) << refusal;
    EXPECT_EQ(h.transport->requests_.size(), 2u);
  }
  Harness unsent({Failed{TransportError::Kind::kConnect, false}, Status(404)});
  EXPECT_THROW(unsent.client->DeleteSecret("s"), NotFoundError);
  // Once any earlier attempt's outcome was unknown, the 404 is that attempt's doing.
  Harness mixed({Status(500), Status(503), Status(404)});
  EXPECT_NO_THROW(mixed.client->DeleteSecretEvent("event-test"));
}

TEST(SafeCreate, ConnectFailuresAreRetriedBecauseNothingWasSent) {
  Harness h(
      {TransportError::Kind::kConnect, TransportError::Kind::kResolve, Status(200, kEventBody)});
  EXPECT_EQ(h.client->CreateSecretEvent(MatchingRequest()).name, "event-test");
  EXPECT_EQ(h.transport->requests_.size(), 3u);
  for (const auto& request : h.transport->requests_) EXPECT_EQ(request.method, "POST");
}

// A reply libcurl refuses as not HTTP (curl code 1) once read "could not
// connect", and the create was sent again: the evidence decides, not the kind.
TEST(SafeCreate, AConnectFailureThatMayHaveBeenSentIsReconciledNotResent) {
  Harness h({Failed{TransportError::Kind::kConnect, true}, Status(200, kEventBody)});
  EXPECT_EQ(h.client->CreateSecretEvent(MatchingRequest()).name, "event-test");
  ASSERT_EQ(h.transport->requests_.size(), 2u);
  EXPECT_EQ(h.transport->requests_[0].method, "POST");
  EXPECT_EQ(h.transport->requests_[1].method, "GET");
}

TEST(SafeCreate, AnyFailureWithProofThatNothingWasSentIsResent) {
  Harness h({Failed{TransportError::Kind::kTimeout, false},
             Failed{TransportError::Kind::kOther, false}, Status(200, kEventBody)});
  EXPECT_EQ(h.client->CreateSecretEvent(MatchingRequest()).name, "event-test");
  ASSERT_EQ(h.transport->requests_.size(), 3u);
  for (const auto& request : h.transport->requests_) EXPECT_EQ(request.method, "POST");
}

TEST(Retry, MalformedUrlIsPermanent) {
  Harness h({Failed{TransportError::Kind::kInvalidUrl, false}});
  try {
    h.client->ShowSecretEvent("event-test");
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_EQ(e.retry_stop_reason(), "not retryable");
  }
  EXPECT_TRUE(h.sleeps.empty());
}

TEST(SafeCreate, ServerErrorIsReconciledByShowingTheEvent) {
  Harness h({Status(503), Status(200, kEventBody)});
  const Event event = h.client->CreateSecretEvent(MatchingRequest());
  EXPECT_EQ(event.event_id, "bb6a3d22-dc93-47ac-b5bd-88df7ad35f1e");
  ASSERT_EQ(h.transport->requests_.size(), 2u);
  EXPECT_EQ(h.transport->requests_[0].method, "POST");
  EXPECT_EQ(h.transport->requests_[1].method, "GET");
  EXPECT_THAT(h.transport->requests_[1].url, HasSubstr("/csms/events/event-test"));
}

TEST(SafeCreate, TimeoutIsReconciledAndNeverResent) {
  Harness h({TransportError::Kind::kTimeout, Status(200, kEventBody)});
  EXPECT_EQ(h.client->CreateSecretEvent(MatchingRequest()).name, "event-test");
  EXPECT_EQ(h.transport->requests_[1].method, "GET");
}

// A 2xx with no body where the operation returns one was cut short: a
// receive failure whose request may have been carried out, never a decoding
// error. Every operation that reads a body is covered; a delete's 204 is not.
TEST(Retry, AnEmptySuccessBodyIsAReceiveFailureAndIsRetried) {
  const std::vector<std::pair<const char*, std::function<void(CsmsClient&)>>> calls = {
      {"ShowSecretEvent", [](CsmsClient& c) { c.ShowSecretEvent("event-test"); }},
      {"UpdateSecretEvent",
       [](CsmsClient& c) {
         UpdateSecretEventRequest request;
         request.state = EventState::kDisabled;
         c.UpdateSecretEvent("event-test", request);
       }},
      {"ListSecretEvents", [](CsmsClient& c) { c.ListSecretEvents(); }},
      {"ShowSecret", [](CsmsClient& c) { c.ShowSecret("s"); }},
      {"UpdateSecret",
       [](CsmsClient& c) {
         UpdateSecretRequest request;
         request.description = "d";
         c.UpdateSecret("s", request);
       }},
      {"ListSecrets", [](CsmsClient& c) { c.ListSecrets(); }},
  };
  for (const auto& call : calls) {
    Harness h({Status(200), Status(201), Status(200)});
    try {
      call.second(*h.client);
      FAIL() << call.first << ": expected a TransportError";
    } catch (const TransportError& e) {
      EXPECT_EQ(e.kind(), TransportError::Kind::kReceive) << call.first;
      EXPECT_TRUE(e.request_may_have_been_sent()) << call.first;
      EXPECT_THAT(e.what(), HasSubstr("before the response body arrived")) << call.first;
      EXPECT_EQ(e.attempts(), 3) << call.first;
    }
    EXPECT_EQ(h.transport->requests_.size(), 3u) << call.first;
  }
  Harness retried({Status(200), Status(200, kEventBody)});
  EXPECT_EQ(retried.client->ShowSecretEvent("event-test").name, "event-test");
  EXPECT_EQ(retried.sleeps.size(), 1u);
  Harness deleted({Status(204)});
  EXPECT_NO_THROW(deleted.client->DeleteSecretEvent("event-test"));
  EXPECT_EQ(deleted.transport->requests_.size(), 1u);
}

TEST(SafeCreate, AnEmptyCreatedBodyIsReconciledNotResent) {
  Harness h({Status(201), Status(200, kEventBody)});
  EXPECT_EQ(h.client->CreateSecretEvent(MatchingRequest()).name, "event-test");
  ASSERT_EQ(h.transport->requests_.size(), 2u);
  EXPECT_EQ(h.transport->requests_[0].method, "POST");
  EXPECT_EQ(h.transport->requests_[1].method, "GET");
  Harness missing({Status(201), Status(404)});
  try {
    missing.client->CreateSecretEvent(MatchingRequest());
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kReceive);
    EXPECT_TRUE(e.outcome_unknown());
  }
  EXPECT_EQ(missing.transport->requests_.size(), 2u);
}

TEST(SafeCreate, MissingAfterAmbiguousFailureIsOutcomeUnknownWithTheOriginalType) {
  Harness h({Status(502),
             Status(404, R"({"error":{"error_code":"CSMS.0005","error_msg":"no such event"}})")});
  try {
    h.client->CreateSecretEvent(MatchingRequest());
    FAIL();
  } catch (const BadGatewayError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("outcome unknown: no event of that name exists now"));
  }
}

TEST(SafeCreate, DifferentContentIsOutcomeUnknown) {
  CreateSecretEventRequest request = MatchingRequest();
  request.state = EventState::kDisabled;
  Harness h({TransportError::Kind::kReceive, Status(200, kEventBody)});
  try {
    h.client->CreateSecretEvent(request);
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_EQ(e.kind(), TransportError::Kind::kReceive);
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("exists but differs"));
  }
}

TEST(SafeCreate, FailedCheckIsOutcomeUnknown) {
  RetryOptions once;
  once.max_attempts = 1;
  Harness h({Status(500), TransportError::Kind::kTimeout}, once);
  try {
    h.client->CreateSecretEvent(MatchingRequest());
    FAIL();
  } catch (const InternalServerError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("checking whether the event exists failed too"));
  }
}

TEST(SafeCreate, ClientErrorsAreNotReconciled) {
  Harness h({Status(400, R"({"error":{"error_code":"CSMS.0002","error_msg":"exists"}})")});
  try {
    h.client->CreateSecretEvent(MatchingRequest());
    FAIL();
  } catch (const BadRequestError& e) {
    EXPECT_FALSE(e.outcome_unknown());
  }
  EXPECT_EQ(h.transport->requests_.size(), 1u);
}

// One budget per call: the lookup after an ambiguous create spends what the
// create left of the deadline, not a fresh deadline of its own.
TEST(SafeCreate, TheLookupGetsOnlyWhatTheDeadlineHasLeft) {
  Harness h({TransportError::Kind::kReceive, Status(200, kEventBody)}, RetryOptions{},
            milliseconds(1500));
  h.transport->on_send = [&h](const HttpRequest& request) {
    if (request.method == "POST") h.now += milliseconds(1000);
  };
  EXPECT_EQ(h.client->CreateSecretEvent(MatchingRequest()).name, "event-test");
  ASSERT_EQ(h.transport->requests_.size(), 2u);
  EXPECT_EQ(h.transport->requests_[0].timeout, milliseconds(1500));
  EXPECT_EQ(h.transport->requests_[1].method, "GET");
  EXPECT_EQ(h.transport->requests_[1].timeout, milliseconds(500));
}

TEST(SafeCreate, ASilentServerCannotMakeACreateOutliveItsDeadline) {
  RetryOptions retry;
  retry.max_attempts = 5;
  Harness h({TransportError::Kind::kTimeout, TransportError::Kind::kTimeout,
             TransportError::Kind::kTimeout, TransportError::Kind::kTimeout},
            retry, milliseconds(1500));
  // A silent server: every exchange takes its whole timeout, then times out.
  h.transport->on_send = [&h](const HttpRequest& request) { h.now += request.timeout; };
  const auto start = h.now;
  try {
    h.client->CreateSecretEvent(MatchingRequest());
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.outcome_unknown());
    EXPECT_THAT(e.what(), HasSubstr("the call deadline left no time to check"));
  }
  EXPECT_LE(h.now - start, milliseconds(1500));
  EXPECT_EQ(h.transport->requests_.size(), 1u);
}

TEST(SafeCreate, SecretsAreReconciledToo) {
  const std::string secret = R"({"secret":{"name":"s","event_subscriptions":["e"],"id":"i"}})";
  CreateSecretRequest request;
  request.name = "s";
  request.secret_string = "value";
  request.event_subscriptions = {"e"};
  Harness found({TransportError::Kind::kTimeout, Status(200, secret)});
  EXPECT_EQ(found.client->CreateSecret(request).id, "i");
  request.event_subscriptions = {"other"};
  Harness differs({Status(504), Status(200, secret)});
  try {
    differs.client->CreateSecret(request);
    FAIL();
  } catch (const GatewayTimeoutError& e) {
    EXPECT_TRUE(e.outcome_unknown());
  }
}

}  // namespace
}  // namespace csms
