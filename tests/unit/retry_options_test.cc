// RetryOptions::backoff (the three jitter shapes of the AWS Architecture Blog's
// "Exponential Backoff And Jitter") and RetryOptions::should_retry (narrows
// the built-in classification, never widens it), on injected random numbers
// and a fake clock: exact delays, no waiting.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <variant>
#include <vector>

#include "csms/client.h"
#include "csms/errors.h"
#include "internal/retry_policy.h"
#include "seed_data.h"

namespace csms {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kProjectId = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
constexpr const char* kDeclined = "not retried: should_retry declined";

RetryOptions Shape(BackoffShape shape) {
  RetryOptions options;  // 200 ms initial, 5 s cap
  options.backoff = shape;
  return options;
}

TEST(BackoffShapes, FullJitterIsTheDefault) {
  EXPECT_EQ(RetryOptions().backoff, BackoffShape::kFullJitter);
  const RetryOptions options = Shape(BackoffShape::kFullJitter);
  // r * min(cap, base * 2^(n-1))
  EXPECT_EQ(internal::Backoff(options, 1, 0.5), milliseconds(100));
  EXPECT_EQ(internal::Backoff(options, 3, 0.25), milliseconds(200));
  EXPECT_EQ(internal::Backoff(options, 9, 0.5), milliseconds(2500));
  EXPECT_EQ(internal::Backoff(options, 2, 0.0), milliseconds(0));
}

TEST(BackoffShapes, EqualJitterKeepsAtLeastHalfTheExponentialWait) {
  const RetryOptions options = Shape(BackoffShape::kEqualJitter);
  // ceiling/2 + r * (ceiling - ceiling/2)
  EXPECT_EQ(internal::Backoff(options, 1, 0.5), milliseconds(150));   // ceiling 200
  EXPECT_EQ(internal::Backoff(options, 2, 0.0), milliseconds(200));   // ceiling 400
  EXPECT_EQ(internal::Backoff(options, 3, 0.25), milliseconds(500));  // ceiling 800
  EXPECT_EQ(internal::Backoff(options, 9, 1.0), milliseconds(5000));  // the cap
  EXPECT_EQ(internal::Backoff(options, 9, 0.0), milliseconds(2500));
  RetryOptions odd = options;
  odd.initial_backoff = milliseconds(3);
  EXPECT_EQ(internal::Backoff(odd, 1, 0.0), milliseconds(1));
  EXPECT_EQ(internal::Backoff(odd, 1, 0.999), milliseconds(2));
  EXPECT_EQ(internal::Backoff(odd, 1, 1.0), milliseconds(3));
}

TEST(BackoffShapes, DecorrelatedJitterGrowsFromThePreviousWait) {
  const RetryOptions options = Shape(BackoffShape::kDecorrelatedJitter);
  // min(cap, base + r * (max(base, 3 * previous) - base)); previous = base at first.
  EXPECT_EQ(internal::Backoff(options, 1, 0.5), milliseconds(400));
  EXPECT_EQ(internal::Backoff(options, 1, 0.0), milliseconds(200));
  EXPECT_EQ(internal::Backoff(options, 2, 0.5, milliseconds(400)), milliseconds(700));
  EXPECT_EQ(internal::Backoff(options, 3, 0.25, milliseconds(700)), milliseconds(675));
  EXPECT_EQ(internal::Backoff(options, 4, 1.0, milliseconds(4000)), milliseconds(5000));
  // A Retry-After of zero before: the range shrinks to base, never below it.
  EXPECT_EQ(internal::Backoff(options, 2, 0.9, milliseconds(0)), milliseconds(200));
  // The retry number plays no part.
  EXPECT_EQ(internal::Backoff(options, 60, 0.5, milliseconds(400)), milliseconds(700));
}

TEST(BackoffShapes, SaturateAtHugeSettings) {
  for (const BackoffShape shape :
       {BackoffShape::kFullJitter, BackoffShape::kEqualJitter, BackoffShape::kDecorrelatedJitter}) {
    SCOPED_TRACE(static_cast<int>(shape));
    RetryOptions options = Shape(shape);
    options.initial_backoff = milliseconds(milliseconds::max().count() / 2 + 1);
    options.max_backoff = milliseconds::max();
    EXPECT_EQ(internal::Backoff(options, 60, 1.0, milliseconds::max()), milliseconds::max());
    EXPECT_GT(internal::Backoff(options, 2, 0.5, milliseconds::max()), milliseconds(0));
    options.initial_backoff = milliseconds(0);
    options.max_backoff = milliseconds(0);
    EXPECT_EQ(internal::Backoff(options, 60, 1.0, milliseconds::max()), milliseconds(0));
    // Negative settings (refused by the client, but Backoff is total) count as zero.
    options.initial_backoff = milliseconds(-5);
    options.max_backoff = milliseconds(-5);
    EXPECT_EQ(internal::Backoff(options, 3, 1.0, milliseconds(-7)), milliseconds(0));
  }
}

TEST(ApplyShouldRetry, OnlyTurnsARetryIntoAFailure) {
  using Action = internal::RetryDecision::Action;
  internal::RetryDecision retry;
  retry.action = Action::kRetry;
  retry.delay = milliseconds(7);
  EXPECT_EQ(internal::ApplyShouldRetry(retry, true), retry);
  const internal::RetryDecision declined = internal::ApplyShouldRetry(retry, false);
  EXPECT_EQ(declined.action, Action::kFail);
  EXPECT_EQ(declined.reason, kDeclined);
  for (const Action action :
       {Action::kSucceed, Action::kFail, Action::kReconcile, Action::kRefreshCredentials}) {
    internal::RetryDecision other;
    other.action = action;
    other.reason = "built-in";
    EXPECT_EQ(internal::ApplyShouldRetry(other, true), other);
    EXPECT_EQ(internal::ApplyShouldRetry(other, false), other);
  }
}

// A transport failure with explicit evidence of whether the request may have been sent.
struct Failed {
  TransportError::Kind kind;
  bool request_may_have_been_sent;
};
using Step = std::variant<HttpResponse, Failed>;

class ScriptTransport : public HttpTransport {
 public:
  explicit ScriptTransport(std::vector<Step> script) : script_(std::move(script)) {}
  HttpResponse Send(const HttpRequest& request) override {
    requests.push_back(request);
    if (next_ >= script_.size()) throw std::logic_error("script exhausted");
    const Step& step = script_[next_++];
    if (const auto* failed = std::get_if<Failed>(&step)) {
      throw TransportError(failed->kind, "scripted failure", failed->request_may_have_been_sent);
    }
    return std::get<HttpResponse>(step);
  }
  std::vector<HttpRequest> requests;

 private:
  std::vector<Step> script_;
  std::size_t next_ = 0;
};

HttpResponse Status(int status, std::string body = "") {
  HttpResponse response;
  response.status_code = status;
  response.body = std::move(body);
  return response;
}

HttpResponse Busy() { return Status(503, R"({"error_code":"APIGW.0201","error_msg":"busy"})"); }

const std::string kEventBody = csms_test::ReadTestData("create_event_seed_response.json");

CreateSecretEventRequest SeedRequest() {
  CreateSecretEventRequest request;
  request.name = "event-test";
  request.event_types = {EventType::kSecretVersionExpired, EventType::kSecretVersionCreated};
  request.notification = {"SMN", "urn:smn:cn-north-4:SecertExpirationTest",
                          "SecertExpirationNotificationTest"};
  return request;
}

// A client on a scripted transport whose random numbers come from a list and
// whose sleeps advance a fake clock; `asked` records what should_retry saw.
struct Harness {
  explicit Harness(std::vector<Step> script, RetryOptions retry = {},
                   std::vector<double> randoms = {0.5}) {
    transport = std::make_shared<ScriptTransport>(std::move(script));
    ClientOptions options;
    options.region = "cn-north-4";
    options.project_id = kProjectId;
    options.credentials = Credentials::AkSk("AKTESTAKTESTAKTEST01", "sk-value");
    options.transport = transport;
    options.retry = std::move(retry);
    options.sleep = [this](milliseconds d) {
      sleeps.push_back(d);
      now += d;
    };
    options.monotonic_clock = [this] { return now; };
    options.random = [this, randoms] { return randoms[next_random++ % randoms.size()]; };
    client = std::make_unique<CsmsClient>(options);
  }

  std::shared_ptr<ScriptTransport> transport;
  std::vector<milliseconds> sleeps;
  std::size_t next_random = 0;
  std::chrono::steady_clock::time_point now{};
  std::unique_ptr<CsmsClient> client;
};

TEST(BackoffShapes, TheClientWaitsWhatTheShapeSays) {
  RetryOptions retry = Shape(BackoffShape::kEqualJitter);
  retry.max_attempts = 4;
  Harness equal({Busy(), Busy(), Busy(), Status(200, kEventBody)}, retry, {0.5, 0.0, 1.0});
  equal.client->ShowSecretEvent("event-test");
  // Ceilings 200, 400 and 800 ms.
  EXPECT_THAT(equal.sleeps, ElementsAre(milliseconds(150), milliseconds(200), milliseconds(800)));

  // Each wait grows from the one before: 200 + 0.5 * 400, 200 + 0.5 * 1000,
  // 200 + 0.5 * 1900.
  retry.backoff = BackoffShape::kDecorrelatedJitter;
  Harness decorrelated({Busy(), Busy(), Busy(), Status(200, kEventBody)}, retry);
  decorrelated.client->ShowSecretEvent("event-test");
  EXPECT_THAT(decorrelated.sleeps,
              ElementsAre(milliseconds(400), milliseconds(700), milliseconds(1150)));

  // Per call, as every retry setting.
  Harness per_call({Busy(), Status(200, kEventBody)});
  CallOptions call;
  call.retry = Shape(BackoffShape::kDecorrelatedJitter);
  per_call.client->ShowSecretEvent("event-test", call);
  EXPECT_THAT(per_call.sleeps, ElementsAre(milliseconds(400)));
}

TEST(BackoffShapes, AValueOutsideTheEnumIsRefused) {
  RetryOptions bad;
  bad.backoff = static_cast<BackoffShape>(7);
  try {
    Harness h({}, bad);
    FAIL() << "expected ConfigurationError";
  } catch (const ConfigurationError& e) {
    EXPECT_THAT(e.what(), HasSubstr("retry.backoff"));
  }
  Harness h({});
  CallOptions call;
  call.retry = bad;
  try {
    h.client->ShowSecretEvent("event-test", call);
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.field(), "retry.backoff");
  }
  EXPECT_TRUE(h.transport->requests.empty());
}

TEST(ShouldRetry, SeesTheFactsOfTheFailedAttempt) {
  std::vector<RetryAttempt> asked;
  RetryOptions retry;
  retry.should_retry = [&asked](const RetryAttempt& attempt) {
    asked.push_back(attempt);
    return true;
  };
  Harness h({Busy(), Failed{TransportError::Kind::kConnect, false}, Status(200, kEventBody)},
            retry);
  h.client->ShowSecretEvent("event-test");
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[0].operation, "ShowSecretEvent");
  EXPECT_EQ(asked[0].method, "GET");
  EXPECT_EQ(asked[0].path, std::string("/v1/") + kProjectId + "/csms/events/event-test");
  EXPECT_TRUE(asked[0].idempotent);
  EXPECT_EQ(asked[0].attempt, 1);
  EXPECT_EQ(asked[0].status_code, 503);
  EXPECT_EQ(asked[0].error_code, "APIGW.0201");
  EXPECT_FALSE(asked[0].transport_error.has_value());
  EXPECT_EQ(asked[0].delay, milliseconds(100));
  EXPECT_EQ(asked[1].attempt, 2);
  EXPECT_EQ(asked[1].status_code, 0);
  EXPECT_EQ(asked[1].error_code, "");
  EXPECT_EQ(asked[1].transport_error, TransportError::Kind::kConnect);
  EXPECT_EQ(asked[1].delay, milliseconds(200));
  EXPECT_THAT(h.sleeps, ElementsAre(milliseconds(100), milliseconds(200)));
}

TEST(ShouldRetry, NarrowsAnIdempotentCall) {
  RetryOptions retry;
  retry.should_retry = [](const RetryAttempt& attempt) { return attempt.status_code != 503; };
  Harness h({Busy(), Status(200, kEventBody)}, retry);
  try {
    h.client->ShowSecretEvent("event-test");
    FAIL() << "expected ServiceUnavailableError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status_code(), 503);
    EXPECT_EQ(e.attempts(), 1);
    EXPECT_EQ(e.retry_stop_reason(), kDeclined);
  }
  EXPECT_EQ(h.transport->requests.size(), 1u);
  EXPECT_TRUE(h.sleeps.empty());
}

TEST(ShouldRetry, NarrowsACreateResentOnlyOnProof) {
  // Nothing was sent (a refused connection): the SDK would send the create
  // again; the predicate stops that.
  int asked = 0;
  RetryOptions retry;
  retry.should_retry = [&asked](const RetryAttempt& attempt) {
    ++asked;
    EXPECT_FALSE(attempt.idempotent);
    EXPECT_EQ(attempt.method, "POST");
    return false;
  };
  Harness h({Failed{TransportError::Kind::kConnect, false}, Status(200, kEventBody)}, retry);
  try {
    h.client->CreateSecretEvent(SeedRequest());
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.retry_stop_reason(), kDeclined);
    EXPECT_FALSE(e.outcome_unknown());
  }
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(h.transport->requests.size(), 1u);
}

TEST(ShouldRetry, CannotWidenACreate) {
  // A predicate that says yes to everything: a create that may have reached
  // the service is reconciled (one lookup), never sent again, and the
  // predicate is not even asked.
  int asked = 0;
  RetryOptions retry;
  retry.max_attempts = 5;
  retry.should_retry = [&asked](const RetryAttempt&) {
    ++asked;
    return true;
  };
  Harness timeout({Failed{TransportError::Kind::kTimeout, true},
                   Status(404, R"({"error_code":"CSMS.0003","error_msg":"not found"})")},
                  retry);
  EXPECT_THROW(timeout.client->CreateSecretEvent(SeedRequest()), TransportError);
  ASSERT_EQ(timeout.transport->requests.size(), 2u);
  EXPECT_EQ(timeout.transport->requests[0].method, "POST");
  EXPECT_EQ(timeout.transport->requests[1].method, "GET");

  Harness conflict({Status(409, R"({"error_code":"CSMS.0002","error_msg":"exists"})")}, retry);
  EXPECT_THROW(conflict.client->CreateSecretEvent(SeedRequest()), ApiError);
  EXPECT_EQ(conflict.transport->requests.size(), 1u);
  EXPECT_EQ(asked, 0);
}

TEST(ShouldRetry, CannotWidenAnIdempotentCall) {
  // A 409 or 400 is not retried whatever the predicate says, and saying yes
  // never goes past max_attempts.
  int asked = 0;
  RetryOptions retry;
  retry.should_retry = [&asked](const RetryAttempt&) {
    ++asked;
    return true;
  };
  Harness conflict({Status(409), Status(200, kEventBody)}, retry);
  EXPECT_THROW(conflict.client->ShowSecretEvent("event-test"), ApiError);
  EXPECT_EQ(conflict.transport->requests.size(), 1u);
  EXPECT_EQ(asked, 0);

  Harness busy({Busy(), Busy(), Busy(), Status(200, kEventBody)}, retry);
  try {
    busy.client->ShowSecretEvent("event-test");
    FAIL() << "expected ServiceUnavailableError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.attempts(), 3);
    EXPECT_THAT(e.retry_stop_reason(), HasSubstr("retry limit"));
  }
  EXPECT_EQ(asked, 2);
}

}  // namespace
}  // namespace csms
