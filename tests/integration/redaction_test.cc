// With the most verbose logging, every operation and every error type: the AK,
// SK, tokens and secret values appear in no log line and no what().

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include <nlohmann/json.hpp>

#include "csms/csms.h"
#include "csms/emulator.h"
#include "loopback_server.h"
#include "test_support.h"

namespace {

using ::testing::HasSubstr;

constexpr const char* kSecurityToken = "STS-TOKEN-never-printed-0001";
constexpr const char* kAuthToken = "IAM-TOKEN-never-printed-0002";
constexpr const char* kSecretValue = "SECRET-VALUE-never-printed-0003";
// A value whose JSON form differs from its raw bytes: a gateway quoting the
// body echoes it escaped.
constexpr const char* kQuotedSecretValue = "QUOTED\"SECRET\\never-printed-0004";

class Collector {
 public:
  std::function<void(const std::string&)> Sink() {
    return [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(line);
    };
  }
  void Add(const std::string& line) { Sink()(line); }
  std::vector<std::string> lines() const {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

const std::vector<const char*> kEverySecret = {csms_test::kAk, csms_test::kSk, kSecurityToken,
                                               kAuthToken,     kSecretValue,   kQuotedSecretValue};

void ExpectNoSecrets(const std::vector<std::string>& texts,
                     const std::vector<const char*>& secrets = kEverySecret) {
  for (const auto& text : texts) {
    for (const char* secret : secrets) {
      EXPECT_THAT(text, ::testing::Not(HasSubstr(secret))) << "leaked in: " << text;
    }
  }
}

// Runs f and records what() of whatever it throws.
template <typename F>
void Provoke(Collector& errors, F f) {
  try {
    f();
    ADD_FAILURE() << "expected an exception";
  } catch (const std::exception& e) {
    errors.Add(e.what());
  }
}

TEST(Redaction, NoCredentialOrSecretValueInLogsOrErrors) {
  const auto emulator_owner = csms_test::StartSigningEmulator();
  csms::Emulator& emulator = *emulator_owner;

  Collector log;
  Collector errors;
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  options.credentials = csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk, kSecurityToken);
  options.log_sink = log.Sink();
  options.log_level = csms::LogLevel::kDebug;
  options.retry = csms::RetryOptions{};
  options.sleep = [](std::chrono::milliseconds) {};
  csms::CsmsClient client(options);

  // Every operation, successfully.
  csms::CreateSecretEventRequest event;
  event.name = "redaction";
  event.event_types = {csms::EventType::kSecretVersionCreated};
  event.notification.target_id = "urn:smn:cn-north-4:p:t";
  event.notification.target_name = "t";
  client.CreateSecretEvent(event);
  client.ShowSecretEvent("redaction");
  csms::UpdateSecretEventRequest update;
  update.state = csms::EventState::kEnabled;
  client.UpdateSecretEvent("redaction", update);
  client.ListSecretEvents();
  client.ListAllSecretEvents();
  csms::CreateSecretRequest secret;
  secret.name = "redaction-secret";
  secret.secret_string = kSecretValue;
  secret.event_subscriptions = {"redaction"};
  client.CreateSecret(secret);
  client.ShowSecret("redaction-secret");
  csms::UpdateSecretRequest detach;
  detach.event_subscriptions = std::vector<std::string>{};
  client.UpdateSecret("redaction-secret", detach);
  client.ListSecrets();
  client.ListNotificationRecords();

  // Every error type.
  csms::CreateSecretRequest bad_secret = secret;
  bad_secret.secret_binary = kSecretValue;                    // both values set
  Provoke(errors, [&] { client.CreateSecret(bad_secret); });  // ValidationError
  Provoke(errors, [&] { client.CreateSecret(secret); });      // 400 duplicate
  Provoke(errors, [&] { client.ShowSecret("missing"); });     // NotFoundError
  csms::EmulatorFault fault;
  fault.status = 429;
  fault.count = 3;
  emulator.InjectFault(fault);
  Provoke(errors, [&] { client.ListSecrets(); });  // TooManyRequests
  fault.status = 503;
  emulator.InjectFault(fault);
  Provoke(errors, [&] { client.ListSecrets(); });  // ServiceUnavailable
  fault.kind = csms::EmulatorFault::Kind::kDrop;
  fault.count = 1;
  emulator.InjectFault(fault);
  csms::CreateSecretRequest lost = secret;
  lost.name = "redaction-lost";
  Provoke(errors, [&] { client.CreateSecret(lost); });  // outcome unknown
  csms::ClientOptions wrong = options;
  wrong.credentials = csms::Credentials::AkSk(csms_test::kAk, std::string(csms_test::kSk) + "x");
  Provoke(errors, [&] { csms::CsmsClient(wrong).ListSecrets(); });  // Unauthorized
  wrong.credentials = csms::Credentials::Token(std::string(kAuthToken) + "\r\nX: y");
  Provoke(errors, [&] { csms::CsmsClient{wrong}; });  // ConfigurationError
  emulator.Stop();
  Provoke(errors, [&] { client.ShowSecret("redaction-secret"); });  // TransportError

  const auto lines = log.lines();
  ASSERT_GT(lines.size(), 20u);
  ExpectNoSecrets(lines);
  ExpectNoSecrets(errors.lines());
  // The debug lines do show the request, with the credentials redacted.
  bool saw_redacted_authorization = false;
  for (const auto& line : lines) {
    if (line.find("Authorization: <redacted>") != std::string::npos &&
        line.find("X-Security-Token: <redacted>") != std::string::npos) {
      saw_redacted_authorization = true;
    }
  }
  EXPECT_TRUE(saw_redacted_authorization);
  EXPECT_EQ(errors.lines().size(), 9u);
}

TEST(Redaction, TokenCredentialsNeverLogged) {
  csms::EmulatorOptions emulator_options;
  emulator_options.project_id = csms_test::kProjectId;
  emulator_options.token = kAuthToken;
  csms::Emulator emulator(emulator_options);
  emulator.Start();
  Collector log;
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  options.credentials = csms::Credentials::Token(kAuthToken);
  options.log_sink = log.Sink();
  options.log_level = csms::LogLevel::kDebug;
  csms::CsmsClient client(options);
  client.ListSecretEvents();
  options.credentials = csms::Credentials::Token(std::string(kAuthToken) + "-wrong");
  try {
    csms::CsmsClient(options).ListSecretEvents();
    FAIL();
  } catch (const csms::UnauthorizedError& e) {
    ExpectNoSecrets({e.what()});
  }
  ExpectNoSecrets(log.lines());
  ASSERT_FALSE(log.lines().empty());
  EXPECT_THAT(log.lines()[0], HasSubstr("X-Auth-Token: <redacted>"));
}

// A gateway that repeats what it was sent: the AK ("ak ... not exist"), the
// secret key and every request header and the body in its error fields, and
// the credentials in its response headers (X-Request-Id included).
void EchoEverything(const httplib::Request& request, httplib::Response& response) {
  std::string echo = std::string("ak ") + csms_test::kAk + " not exist; sk " + csms_test::kSk +
                     "; canonical request: " + request.method + " " + request.path + "\n";
  for (const auto& [name, value] : request.headers) echo += name + ":" + value + "\n";
  echo += request.body;
  const std::string credentials =
      std::string(csms_test::kAk) + " " + kSecurityToken + " " + kAuthToken;
  response.set_header("X-Request-Id", credentials);
  response.set_header("X-Echo", echo.substr(0, echo.find('\n')));
  if (request.method == "GET" && request.path.find("/csms/events") != std::string::npos) {
    // A 200 that does not decode: InvalidResponseError keeps the request id.
    response.status = 200;
    response.set_content("not json " + credentials, "application/json");
    return;
  }
  response.status = request.method == "POST" ? 500 : 401;
  const nlohmann::json body = {{"error_code", std::string("APIGW.") + csms_test::kAk},
                               {"error_msg", echo},
                               {"request_id", credentials}};
  response.set_content(body.dump(), "application/json");
}

// Credentials handed out by a provider (not fixed ones): what the attempt
// signed with must be scrubbed all the same.
class TemporaryCredentialsProvider : public csms::CredentialsProvider {
 public:
  csms::Credentials Get() override {
    return csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk, kSecurityToken)
        .WithExpiration(std::chrono::system_clock::now() + std::chrono::hours(6));
  }
};

TEST(Redaction, SecretsEchoedByTheServerAreScrubbed) {
  csms_test::LoopbackServer server(EchoEverything);
  // A client can only scrub the secrets it holds: each pass checks those.
  struct Pass {
    csms::Credentials credentials;
    std::shared_ptr<csms::CredentialsProvider> provider;
    std::vector<const char*> held;
  };
  const std::vector<Pass> passes = {
      {csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk, kSecurityToken),
       nullptr,
       {csms_test::kAk, csms_test::kSk, kSecurityToken, kSecretValue, kQuotedSecretValue}},
      {csms::Credentials::Token(kAuthToken),
       nullptr,
       {kAuthToken, kSecretValue, kQuotedSecretValue}},
      {csms::Credentials(),
       std::make_shared<TemporaryCredentialsProvider>(),
       {csms_test::kAk, csms_test::kSk, kSecurityToken, kSecretValue, kQuotedSecretValue}}};
  for (const auto& [credentials, provider, held] : passes) {
    Collector log;
    Collector errors;
    std::vector<std::string> details;
    csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
    options.credentials = credentials;
    options.credentials_provider = provider;
    options.log_sink = log.Sink();
    options.log_level = csms::LogLevel::kDebug;
    options.sleep = [](std::chrono::milliseconds) {};
    csms::CsmsClient client(options);
    const auto record = [&](const auto& call) {
      try {
        call();
        ADD_FAILURE() << "expected an exception";
      } catch (const csms::InvalidResponseError& e) {
        errors.Add(e.what());
        details.push_back(e.request_id());
      } catch (const csms::ApiError& e) {
        errors.Add(e.what());
        details.push_back(e.detail().error_code);
        details.push_back(e.detail().error_msg);
        details.push_back(e.request_id());
      } catch (const std::exception& e) {
        ADD_FAILURE() << "unexpected " << e.what();
      }
    };
    for (const char* value : {kSecretValue, kQuotedSecretValue}) {
      csms::CreateSecretRequest secret;
      secret.name = "echoed";
      secret.secret_string = value;
      record([&] { client.CreateSecret(secret); });  // 500, then a 401 lookup
    }
    csms::CreateSecretRequest binary;
    binary.name = "echoed-binary";
    binary.secret_binary = kSecretValue;  // sent base64-encoded, echoed so
    record([&] { client.CreateSecret(binary); });
    record([&] { client.ShowSecret("echoed"); });  // 401
    record([&] { client.ListSecretEvents(); });    // 200 that does not decode

    ASSERT_EQ(errors.lines().size(), 5u);
    ExpectNoSecrets(errors.lines(), held);
    ExpectNoSecrets(details, held);
    ExpectNoSecrets(log.lines(), held);
    // The server's words are kept around the marker.
    EXPECT_THAT(errors.lines()[3], HasSubstr("canonical request: GET"));
  }
  // The echoes did happen: the base64 form of the binary value reached the server.
  bool saw_value = false;
  for (const auto& request : server.requests()) {
    saw_value = saw_value || request.body.find("U0VDUkVULVZBTFVF") != std::string::npos;
  }
  EXPECT_TRUE(saw_value);
}

}  // namespace
