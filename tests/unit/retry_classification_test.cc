// The retry loop's one decision (internal::Classify), as a table: each row is an
// attempt's outcome in its context and the decision it must produce.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "internal/retry_policy.h"

namespace csms {
namespace internal {
namespace {

using std::chrono::milliseconds;
using Action = RetryDecision::Action;
using TKind = TransportError::Kind;

constexpr const char* kNotRetryable = "not retryable";
constexpr const char* kCreateNotRetried = "not retried: the create may have reached the service";
constexpr const char* kLimit = "retry limit of 3 attempts reached";
constexpr const char* kDeadline = "call deadline reached";

// The call's shape in a row.
enum class Call { kGet, kDelete, kCreate };

// Where the call's credentials come from, and whether this call refreshed them.
enum class Creds { kFixed, kRefreshable, kRefreshed };

struct Row {
  const char* name;
  Call call;
  AttemptOutcome outcome;
  int attempt;
  bool earlier_outcome_unknown;
  milliseconds time_left;  // deadline - now
  RetryDecision expected;
  Creds creds = Creds::kFixed;
};

RetryDecision Retry(milliseconds delay) {
  RetryDecision decision;
  decision.action = Action::kRetry;
  decision.delay = delay;
  return decision;
}

RetryDecision Stop(Action action, std::string reason = "") {
  RetryDecision decision;
  decision.action = action;
  decision.reason = std::move(reason);
  return decision;
}

RetryDecision Refresh() {
  RetryDecision decision;
  decision.action = Action::kRefreshCredentials;
  return decision;
}

RetryDecision Deleted() {
  RetryDecision decision = Stop(Action::kSucceed);
  decision.already_deleted = true;
  return decision;
}

AttemptOutcome Status(int status) { return AttemptOutcome::Response(status); }
AttemptOutcome Resent(int status) { return AttemptOutcome::Response(status, true); }
AttemptOutcome RetryAfter(int status, milliseconds wait) {
  return AttemptOutcome::Response(status, false, wait);
}
// A transport failure with the evidence TransportError's two-argument
// constructor assumes for its kind.
AttemptOutcome Failure(TKind kind) {
  const TransportError error(kind, "");
  return AttemptOutcome::Failure(kind, error.request_may_have_been_sent());
}

AttemptOutcome Rejected() { return AttemptOutcome::CredentialsRejected(); }
AttemptOutcome NoCredentials() { return AttemptOutcome::CredentialsUnavailable(); }

AttemptOutcome Sent(TKind kind) { return AttemptOutcome::Failure(kind, true); }
AttemptOutcome NotSent(TKind kind) { return AttemptOutcome::Failure(kind, false); }

constexpr milliseconds kPlenty = std::chrono::minutes(2);
// Default RetryOptions (3 attempts, 200 ms initial, 5 s cap, 20 s Retry-After
// cap) and a jitter of 0.5: the first retry waits 100 ms, the second 200 ms.
const milliseconds kFirst(100);
const milliseconds kSecond(200);

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      // Successes.
      {"get 200", Call::kGet, Status(200), 1, false, kPlenty, Stop(Action::kSucceed)},
      {"create 201", Call::kCreate, Status(201), 1, false, kPlenty, Stop(Action::kSucceed)},
      {"delete 204", Call::kDelete, Status(204), 1, false, kPlenty, Stop(Action::kSucceed)},
      // Retryable statuses of idempotent calls.
      {"get 429", Call::kGet, Status(429), 1, false, kPlenty, Retry(kFirst)},
      {"get 500", Call::kGet, Status(500), 1, false, kPlenty, Retry(kFirst)},
      {"get 502", Call::kGet, Status(502), 2, false, kPlenty, Retry(kSecond)},
      {"get 503", Call::kGet, Status(503), 1, false, kPlenty, Retry(kFirst)},
      {"get 504", Call::kGet, Status(504), 1, false, kPlenty, Retry(kFirst)},
      {"get 503 at the limit", Call::kGet, Status(503), 3, false, kPlenty,
       Stop(Action::kFail, kLimit)},
      {"get 503, wait ends at the deadline", Call::kGet, Status(503), 1, false, kFirst,
       Stop(Action::kFail, kDeadline)},
      {"get 503, wait ends before the deadline", Call::kGet, Status(503), 1, false,
       kFirst + milliseconds(1), Retry(kFirst)},
      {"get 429 Retry-After replaces the backoff", Call::kGet, RetryAfter(429, milliseconds(7000)),
       1, false, kPlenty, Retry(milliseconds(7000))},
      {"get 503 Retry-After is capped", Call::kGet, RetryAfter(503, std::chrono::hours(1)), 1,
       false, kPlenty, Retry(std::chrono::seconds(20))},
      {"get 429 Retry-After past the deadline", Call::kGet, RetryAfter(429, milliseconds(7000)), 1,
       false, milliseconds(6999), Stop(Action::kFail, kDeadline)},
      // Other statuses are final.
      {"get 400", Call::kGet, Status(400), 1, false, kPlenty, Stop(Action::kFail, kNotRetryable)},
      {"get 401", Call::kGet, Status(401), 1, false, kPlenty, Stop(Action::kFail, kNotRetryable)},
      {"get 404", Call::kGet, Status(404), 2, true, kPlenty, Stop(Action::kFail, kNotRetryable)},
      {"get 501", Call::kGet, Status(501), 1, false, kPlenty, Stop(Action::kFail, kNotRetryable)},
      // Creates: statuses are never retried; 5xx may have been carried out.
      {"create 400", Call::kCreate, Status(400), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      {"create 429", Call::kCreate, Status(429), 1, false, kPlenty,
       Stop(Action::kFail, kCreateNotRetried)},
      {"create 500", Call::kCreate, Status(500), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create 503", Call::kCreate, Status(503), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create 501", Call::kCreate, Status(501), 1, false, kPlenty,
       Stop(Action::kReconcile, kNotRetryable)},
      // Deletes: a 404 after a lost answer means an earlier attempt deleted it.
      {"delete 404 first attempt", Call::kDelete, Status(404), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      {"delete 404 after a lost answer", Call::kDelete, Status(404), 2, true, kPlenty, Deleted()},
      {"delete 404 after a 429 or 503 (not carried out)", Call::kDelete, Status(404), 2, false,
       kPlenty, Stop(Action::kFail, kNotRetryable)},
      {"delete 404 at attempt 3, one earlier outcome unknown", Call::kDelete, Status(404), 3, true,
       kPlenty, Deleted()},
      {"get 404 after a lost answer", Call::kGet, Status(404), 2, true, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      {"delete 404 re-sent by the transport", Call::kDelete, Resent(404), 1, false, kPlenty,
       Deleted()},
      {"delete 404 re-sent at attempt 2", Call::kDelete, Resent(404), 2, false, kPlenty, Deleted()},
      // Transport failures of idempotent calls.
      {"get resolve", Call::kGet, Failure(TKind::kResolve), 1, false, kPlenty, Retry(kFirst)},
      {"get connect", Call::kGet, Failure(TKind::kConnect), 1, false, kPlenty, Retry(kFirst)},
      {"get timeout", Call::kGet, Failure(TKind::kTimeout), 1, false, kPlenty, Retry(kFirst)},
      {"get send", Call::kGet, Failure(TKind::kSend), 1, false, kPlenty, Retry(kFirst)},
      {"get receive", Call::kGet, Failure(TKind::kReceive), 2, true, kPlenty, Retry(kSecond)},
      {"get other", Call::kGet, Failure(TKind::kOther), 1, false, kPlenty, Retry(kFirst)},
      {"get receive at the limit", Call::kGet, Failure(TKind::kReceive), 3, true, kPlenty,
       Stop(Action::kFail, kLimit)},
      {"get timeout at the deadline", Call::kGet, Failure(TKind::kTimeout), 1, false,
       milliseconds(0), Stop(Action::kFail, kDeadline)},
      {"get tls", Call::kGet, Failure(TKind::kTls), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      {"get invalid url", Call::kGet, Failure(TKind::kInvalidUrl), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      {"get tls after the request may have been sent", Call::kGet, Sent(TKind::kTls), 1, false,
       kPlenty, Stop(Action::kFail, kNotRetryable)},
      {"get connect, nothing sent", Call::kGet, NotSent(TKind::kConnect), 1, false, kPlenty,
       Retry(kFirst)},
      {"get timeout, nothing sent", Call::kGet, NotSent(TKind::kTimeout), 1, false, kPlenty,
       Retry(kFirst)},
      // Transport failures of creates: re-sent only on proof that nothing was
      // sent, whatever the kind; otherwise reconciled.
      {"create resolve", Call::kCreate, Failure(TKind::kResolve), 1, false, kPlenty, Retry(kFirst)},
      {"create connect", Call::kCreate, Failure(TKind::kConnect), 2, false, kPlenty,
       Retry(kSecond)},
      {"create connect at the limit", Call::kCreate, Failure(TKind::kConnect), 3, false, kPlenty,
       Stop(Action::kFail, kLimit)},
      {"create connect nothing sent, at the deadline", Call::kCreate, NotSent(TKind::kConnect), 1,
       false, milliseconds(50), Stop(Action::kFail, kDeadline)},
      {"create timeout", Call::kCreate, Failure(TKind::kTimeout), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create send", Call::kCreate, Failure(TKind::kSend), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create receive", Call::kCreate, Failure(TKind::kReceive), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create other", Call::kCreate, Failure(TKind::kOther), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create tls", Call::kCreate, Failure(TKind::kTls), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      {"create invalid url", Call::kCreate, Failure(TKind::kInvalidUrl), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable)},
      // A 2xx with an empty body where the operation returns one (ClientImpl::Send).
      {"get 200 cut to an empty body", Call::kGet, Sent(TKind::kReceive), 1, false, kPlenty,
       Retry(kFirst)},
      {"create 201 with an empty body", Call::kCreate, Sent(TKind::kReceive), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      // The evidence decides, not the kind.
      {"create connect that may have been sent", Call::kCreate, Sent(TKind::kConnect), 1, false,
       kPlenty, Stop(Action::kReconcile, kCreateNotRetried)},
      {"create resolve that may have been sent", Call::kCreate, Sent(TKind::kResolve), 1, false,
       kPlenty, Stop(Action::kReconcile, kCreateNotRetried)},
      {"create tls that may have been sent", Call::kCreate, Sent(TKind::kTls), 1, false, kPlenty,
       Stop(Action::kReconcile, kCreateNotRetried)},
      {"create timeout, nothing sent", Call::kCreate, NotSent(TKind::kTimeout), 1, false, kPlenty,
       Retry(kFirst)},
      {"create receive, nothing sent", Call::kCreate, NotSent(TKind::kReceive), 2, false, kPlenty,
       Retry(kSecond)},
      {"create other, nothing sent", Call::kCreate, NotSent(TKind::kOther), 1, false, kPlenty,
       Retry(kFirst)},
      {"create send, nothing sent, at the limit", Call::kCreate, NotSent(TKind::kSend), 3, false,
       kPlenty, Stop(Action::kFail, kLimit)},
      // A 401 saying the credentials are invalid or expired: refreshed once and
      // sent again at once, creates too (a rejected request was not carried
      // out), even at the retry limit; but never past the deadline.
      {"get rejected credentials", Call::kGet, Rejected(), 1, false, kPlenty, Refresh(),
       Creds::kRefreshable},
      {"create rejected credentials", Call::kCreate, Rejected(), 1, false, kPlenty, Refresh(),
       Creds::kRefreshable},
      {"delete rejected credentials", Call::kDelete, Rejected(), 2, true, kPlenty, Refresh(),
       Creds::kRefreshable},
      {"get rejected credentials at the limit", Call::kGet, Rejected(), 3, false, kPlenty,
       Refresh(), Creds::kRefreshable},
      {"get rejected credentials at the deadline", Call::kGet, Rejected(), 1, false,
       milliseconds(0), Stop(Action::kFail, kDeadline), Creds::kRefreshable},
      {"get rejected credentials, refreshed already", Call::kGet, Rejected(), 2, false, kPlenty,
       Stop(Action::kFail, kNotRetryable), Creds::kRefreshed},
      {"create rejected credentials, refreshed already", Call::kCreate, Rejected(), 2, false,
       kPlenty, Stop(Action::kFail, kNotRetryable), Creds::kRefreshed},
      {"get rejected fixed credentials", Call::kGet, Rejected(), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable), Creds::kFixed},
      {"get 401 of another code, refreshable", Call::kGet, Status(401), 1, false, kPlenty,
       Stop(Action::kFail, kNotRetryable), Creds::kRefreshable},
      // No credentials could be had: nothing was sent, retried as such.
      {"get without credentials", Call::kGet, NoCredentials(), 1, false, kPlenty, Retry(kFirst),
       Creds::kRefreshable},
      {"create without credentials", Call::kCreate, NoCredentials(), 2, false, kPlenty,
       Retry(kSecond), Creds::kRefreshable},
      {"create without credentials at the limit", Call::kCreate, NoCredentials(), 3, false, kPlenty,
       Stop(Action::kFail, kLimit), Creds::kRefreshable},
      {"get without credentials, wait ends at the deadline", Call::kGet, NoCredentials(), 1, false,
       kFirst, Stop(Action::kFail, kDeadline), Creds::kRefreshable},
  };
  return rows;
}

std::string Describe(const RetryDecision& decision) {
  static constexpr const char* kActions[] = {"retry", "succeed", "fail", "reconcile",
                                             "refresh credentials"};
  return std::string(kActions[static_cast<int>(decision.action)]) + " delay " +
         std::to_string(decision.delay.count()) + " ms, reason \"" + decision.reason + "\"" +
         (decision.already_deleted ? ", already deleted" : "");
}

TEST(RetryClassification, Table) {
  const SteadyTime now = SteadyTime() + std::chrono::hours(1);
  for (const Row& row : Rows()) {
    AttemptContext context;
    context.idempotency =
        row.call == Call::kCreate ? Idempotency::kCreate : Idempotency::kIdempotent;
    context.not_found_after_unknown_outcome_is_success = row.call == Call::kDelete;
    context.attempt = row.attempt;
    context.random01 = 0.5;
    context.now = now;
    context.deadline = now + row.time_left;
    context.earlier_outcome_unknown = row.earlier_outcome_unknown;
    context.credentials_refreshable = row.creds != Creds::kFixed;
    context.credentials_refreshed = row.creds == Creds::kRefreshed;
    const RetryDecision decision = Classify(row.outcome, context);
    EXPECT_EQ(decision, row.expected)
        << row.name << ": got " << Describe(decision) << ", want " << Describe(row.expected);
  }
}

TEST(RetryClassification, OutcomeUnknownTable) {
  struct Case {
    const char* name;
    AttemptOutcome outcome;
    bool unknown;
  };
  const Case cases[] = {
      {"200", Status(200), false},
      {"404", Status(404), false},
      {"429", Status(429), false},
      {"503", Status(503), false},
      {"500", Status(500), true},
      {"502", Status(502), true},
      {"504", Status(504), true},
      {"429 re-sent", Resent(429), true},
      {"503 re-sent", Resent(503), true},
      {"timeout, may have been sent", Sent(TKind::kTimeout), true},
      {"receive, may have been sent", Sent(TKind::kReceive), true},
      {"connect, may have been sent", Sent(TKind::kConnect), true},
      {"connect, nothing sent", NotSent(TKind::kConnect), false},
      {"timeout, nothing sent", NotSent(TKind::kTimeout), false},
      {"tls, nothing sent", NotSent(TKind::kTls), false},
      {"credentials rejected", Rejected(), false},
      {"no credentials", NoCredentials(), false},
  };
  for (const Case& c : cases) EXPECT_EQ(OutcomeUnknown(c.outcome), c.unknown) << c.name;
}

// The gateway codes that mean "these credentials or this token are not (or no
// longer) valid" (API Gateway error codes; see docs/credentials.md).
TEST(RetryClassification, RejectedCredentialsCodes) {
  for (const char* code : {"APIGW.0301", "APIGW.0307", "APIG.0301", "APIG.0307", "APIGW.0303",
                           "APIG.0303", "CSMS.0301"}) {
    EXPECT_TRUE(IsRejectedCredentials({code, "Incorrect authentication information"})) << code;
  }
  for (const char* code : {"", "APIGW.0302", "APIGW.0308", "apigw.0301", "APIGW.03010", "CSMS.0302",
                           "csms.0301", " APIGW.0301", "apigw.0303"}) {
    EXPECT_FALSE(IsRejectedCredentials({code, "Incorrect IAM authentication information"})) << code;
  }
}

// APIGW.0303 is refreshed when the signature does not verify (a new key may
// fix it), not when the gateway says the signature expired: that is the
// clock, and new credentials are signed with the same clock. The messages are
// the gateway's, from the API request signing guide's FAQ ("What Should I Do
// If the App Authentication Information Is Incorrect?").
TEST(RetryClassification, AppAuthenticationRefreshesUnlessTheClockIsOff) {
  EXPECT_TRUE(IsRejectedCredentials(
      {"APIGW.0303",
       "Incorrect app authentication information: verify signature fail, canonicalRequest:GET|/"}));
  EXPECT_FALSE(IsRejectedCredentials(
      {"APIGW.0303",
       "Incorrect app authentication information: signature expired, signature "
       "time:20230527T000431Z,server time:20230527T020608Z"}));
  EXPECT_FALSE(IsRejectedCredentials(
      {"APIG.0303", "Incorrect app authentication information: signature expired"}));
}

}  // namespace
}  // namespace internal
}  // namespace csms
