// With the most verbose logging, every operation and every error type: the AK,
// SK, tokens and secret values appear in no log line and no what().

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <set>

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
// What the credential sources hand out (issue 12): a pod identity token (the
// token file's content), and from a test server of our own a metadata session
// token and a temporary SK and security token.
constexpr const char* kPodIdentityToken = "POD-TOKEN-never-printed-0005";
constexpr const char* kSessionToken = "SESSION-TOKEN-never-printed-0006";
constexpr const char* kTemporarySk = "TEMP-SK-never-printed-0007";
constexpr const char* kTemporaryToken = "TEMP-STS-TOKEN-never-printed-0008";

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

// Everything a Telemetry hook receives, one line of text per hook call.
class HookRecorder : public csms::Telemetry {
 public:
  explicit HookRecorder(Collector& out) : out_(out) {}
  void OnCallStart(const csms::CallStartInfo& info) override { out_.Add(Text(info)); }
  void OnAttemptStart(const csms::AttemptStartInfo& info) override { out_.Add(Text(info)); }
  void OnAttemptEnd(const csms::AttemptEndInfo& info) override {
    out_.Add(Text(info) + " " + std::to_string(info.status_code) + " " + info.error_type + " " +
             info.error_code + " " + info.request_id + " " + info.retry_stop_reason);
  }
  void OnCallEnd(const csms::CallEndInfo& info) override {
    out_.Add(Text(info) + " " + info.error_type + " " + info.error_code + " " +
             std::to_string(info.metadata.status_code) + " " + info.metadata.request_id + " " +
             info.metadata.endpoint);
  }

 private:
  static std::string Text(const csms::CallStartInfo& info) {
    return info.operation + " " + info.method + " " + info.server_address;
  }
  static std::string Text(const csms::AttemptStartInfo& info) {
    return info.operation + " " + info.method + " " + info.server_address + " " +
           std::to_string(info.attempt);
  }
  Collector& out_;
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
  Collector hooks;
  csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
  options.credentials = csms::Credentials::AkSk(csms_test::kAk, csms_test::kSk, kSecurityToken);
  options.telemetry = std::make_shared<HookRecorder>(hooks);
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
  ASSERT_GT(hooks.lines().size(), 40u);
  ExpectNoSecrets(hooks.lines());
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
    Collector hooks;
    std::vector<std::string> details;
    csms::ClientOptions options = csms_test::LoopbackOptions(server.url());
    options.credentials = credentials;
    options.credentials_provider = provider;
    options.telemetry = std::make_shared<HookRecorder>(hooks);
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
    ASSERT_GT(hooks.lines().size(), 15u);
    ExpectNoSecrets(hooks.lines(), held);
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

// ---------------------------------------------------------------------------
// Issue 12: the secrets of the credential sources.

void ExpectNoneOf(const std::vector<std::string>& texts, const std::vector<std::string>& secrets) {
  for (const auto& text : texts) {
    for (const auto& secret : secrets) {
      EXPECT_THAT(text, ::testing::Not(HasSubstr(secret))) << "leaked in: " << text;
    }
  }
}

// A file holding `content` (a pod identity token), removed afterwards.
class TokenFile {
 public:
  explicit TokenFile(const std::string& content) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr ? dir : "/tmp") + "/csms_redaction_XXXXXX";
    const int fd = mkstemp(path_.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    close(fd);
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TokenFile() { std::remove(path_.c_str()); }
  TokenFile(const TokenFile&) = delete;
  TokenFile& operator=(const TokenFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Stands between the SDK and the emulator's credential endpoints, passing each
// request and answer along unchanged, and keeps what the emulator issued
// (session tokens, temporary AK/SK, security tokens): random values the sweep
// could not know otherwise.
class RecordingCredentialProxy {
 public:
  explicit RecordingCredentialProxy(std::string upstream)
      : upstream_(std::move(upstream)),
        server_([this](const httplib::Request& request, httplib::Response& response) {
          Forward(request, response);
        }) {}

  std::string url() const { return server_.url(); }
  std::vector<std::string> secrets() const {
    std::lock_guard<std::mutex> lock(mu_);
    return {secrets_.begin(), secrets_.end()};
  }
  int session_tokens() const { return session_tokens_; }
  int credentials() const { return credentials_; }

 private:
  void Forward(const httplib::Request& request, httplib::Response& response) {
    httplib::Client client(upstream_);
    httplib::Request forwarded;
    forwarded.method = request.method;
    forwarded.path = request.path;
    forwarded.body = request.body;
    for (const char* name :
         {"X-Metadata-Token-Ttl-Seconds", "X-Metadata-Token", "Authorization", "Content-Type"}) {
      if (request.has_header(name)) forwarded.set_header(name, request.get_header_value(name));
    }
    const httplib::Result result = client.send(forwarded);
    if (!result) {
      response.status = 502;
      return;
    }
    response.status = result->status;
    response.set_content(result->body, result->get_header_value("Content-Type").c_str());
    if (result->status != 200) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (request.path == "/meta-data/latest/api/token") {
      secrets_.insert(result->body);
      ++session_tokens_;
      return;
    }
    const auto json = nlohmann::json::parse(result->body);
    const bool metadata = json.contains("credential");
    const auto& credential = metadata ? json.at("credential") : json.at("credentials");
    for (const char* key :
         metadata ? std::vector<const char*>{"access", "secret", "securitytoken"}
                  : std::vector<const char*>{"accessKeyId", "secretAccessKey", "securityToken"}) {
      secrets_.insert(credential.at(key).get<std::string>());
    }
    ++credentials_;
  }

  const std::string upstream_;
  mutable std::mutex mu_;
  std::set<std::string> secrets_;  // guarded by mu_
  std::atomic<int> session_tokens_{0};
  std::atomic<int> credentials_{0};
  csms_test::LoopbackServer server_;  // last: its handler uses the members above
};

// Many calls through both fetching sources, across rollovers of every kind
// (true expiry, credentials expired and revoked under the client's feet), a
// failed fetch with nothing valid left, and errors of the API: no log line at
// the most verbose level and no what() holds any secret a source handed out.
TEST(Redaction, TemporaryCredentialsAndSourceTokensNeverLeak) {
  const TokenFile token_file(kPodIdentityToken);
  csms::EmulatorOptions emulator_options;
  emulator_options.project_id = csms_test::kProjectId;
  emulator_options.access_key = csms_test::kAk;
  emulator_options.secret_key = csms_test::kSk;
  emulator_options.temporary_credentials_lifetime = std::chrono::hours(1);
  emulator_options.metadata_token_mode = csms::MetadataTokenMode::kRequired;
  emulator_options.pod_identity_token_file = token_file.path();
  csms::Emulator emulator(emulator_options);
  emulator.Start();
  RecordingCredentialProxy proxy(emulator.endpoint());
  // Client and providers read the emulator's clock, so AdvanceClock is a
  // true expiry for all of them and X-Sdk-Date stays in its window.
  const auto clock = [&emulator] { return emulator.now(); };

  for (const bool pod_identity : {false, true}) {
    SCOPED_TRACE(pod_identity ? "pod identity" : "metadata");
    std::shared_ptr<csms::CredentialsProvider> provider;
    if (pod_identity) {
      csms::PodIdentityCredentialsOptions source;
      source.full_uri = proxy.url() + "/v1/credentials";
      source.token_file = token_file.path();
      source.clock = clock;
      provider = csms::MakePodIdentityCredentialsProvider(source);
    } else {
      csms::MetadataCredentialsOptions source;
      source.endpoint = proxy.url();
      source.clock = clock;
      provider = csms::MakeMetadataCredentialsProvider(source);
    }
    Collector log;
    Collector errors;
    csms::ClientOptions options = csms_test::LoopbackOptions(emulator.endpoint());
    options.credentials = csms::Credentials();
    options.credentials_provider = provider;
    options.clock = clock;
    options.log_sink = log.Sink();
    options.log_level = csms::LogLevel::kDebug;
    csms::CsmsClient client(options);

    const std::string name = pod_identity ? "redaction-pod" : "redaction-metadata";
    csms::CreateSecretRequest secret;
    secret.name = name;
    secret.secret_string = kSecretValue;
    client.CreateSecret(secret);
    const auto some_calls = [&] {
      for (int i = 0; i < 5; ++i) {
        client.ShowSecret(name);
        client.ListSecrets();
      }
      Provoke(errors, [&] { client.ShowSecret(name + "-missing"); });  // NotFoundError
    };
    some_calls();
    emulator.AdvanceClock(std::chrono::minutes(61));  // true expiry: the next Get() fetches
    some_calls();
    emulator.ExpireCredentials();  // 401 APIGW.0307: invalidate, fetch, send again
    some_calls();
    emulator.RevokeCredentials();  // 401 APIGW.0301: the same
    some_calls();
    // Expired, and the source fails: a CredentialsError with nothing valid left.
    emulator.AdvanceClock(std::chrono::minutes(61));
    csms::EmulatorFault fault;
    fault.status = 500;
    fault.count = 1000;
    emulator.InjectFault(fault);
    Provoke(errors, [&] { client.ShowSecret(name); });
    emulator.ClearFaults();
    some_calls();  // and back
    // A service error while holding temporary credentials.
    fault.status = 503;
    fault.count = 1;
    emulator.InjectFault(fault);
    Provoke(errors, [&] { client.ShowSecret(name); });

    std::vector<std::string> secrets = proxy.secrets();
    secrets.insert(secrets.end(), {kPodIdentityToken, kSecretValue});
    ExpectNoneOf(log.lines(), secrets);
    ExpectNoneOf(errors.lines(), secrets);
    EXPECT_EQ(errors.lines().size(), 7u);
    EXPECT_GT(log.lines().size(), 50u);
    bool saw_redacted_token = false;
    for (const auto& line : log.lines()) {
      saw_redacted_token =
          saw_redacted_token || line.find("X-Security-Token: <redacted>") != std::string::npos;
    }
    EXPECT_TRUE(saw_redacted_token);
  }
  // The sweep looked at real rollovers: per source a first fetch and four
  // more (true expiry, expired, revoked, after the failed fetch), each with
  // its own AK, SK and security token; the metadata provider keeps its
  // session token for its 6 hours.
  EXPECT_GE(proxy.credentials(), 10);
  EXPECT_GE(proxy.session_tokens(), 1);
  EXPECT_GE(proxy.secrets().size(), 31u);
}

// A credentials source that repeats what it was sent (the session token, the
// pod identity token) in its error answers and headers, or answers 200 with
// secrets followed by something broken.
enum class SourceAnswer {
  kUnauthorizedEcho,    // 401, the received token in the body and X-Request-Id
  kServerErrorEcho,     // 500, the same in a JSON error body
  kBrokenAfterSecret,   // 200, JSON broken after the secret key and the security token
  kBadDateAfterSecret,  // 200, complete JSON with the secrets, a date that does not parse
  kEmptyAccessKey,      // 200, complete JSON with the secrets, an empty access key
  kValid,               // 200, credentials valid until 2030-01-01
  // 500, the received token and the credentials kValid handed out in a JSON
  // error body (a source quoting its last answer)
  kEarlierCredentialsEcho,
};

void EchoingSource(SourceAnswer answer, const httplib::Request& request,
                   httplib::Response& response) {
  if (request.method == "PUT" && request.path == "/meta-data/latest/api/token") {
    response.status = 200;
    response.set_content(kSessionToken, "text/plain");
    return;
  }
  const bool metadata = request.path == "/openstack/latest/securitykey";
  const std::string received =
      request.get_header_value(metadata ? "X-Metadata-Token" : "Authorization");
  std::string echo = "rejected token " + received;
  if (answer == SourceAnswer::kEarlierCredentialsEcho) {
    echo += std::string(", sk ") + kTemporarySk + ", security token " + kTemporaryToken;
  }
  const auto credential = [&](const std::string& access, const std::string& expires) {
    nlohmann::json fields = metadata ? nlohmann::json{{"access", access},
                                                      {"secret", kTemporarySk},
                                                      {"securitytoken", kTemporaryToken},
                                                      {"expires_at", expires}}
                                     : nlohmann::json{{"accessKeyId", access},
                                                      {"secretAccessKey", kTemporarySk},
                                                      {"securityToken", kTemporaryToken},
                                                      {"expiration", expires}};
    return nlohmann::json{{metadata ? "credential" : "credentials", fields}}.dump();
  };
  constexpr const char* kAccess = "AKECHOECHOECHOECHO01";
  constexpr const char* kUntil = "2030-01-01T00:00:00.000000Z";
  response.set_header("X-Request-Id", echo);
  switch (answer) {
    case SourceAnswer::kUnauthorizedEcho:
      response.status = 401;
      response.set_content(echo, "text/plain");
      return;
    case SourceAnswer::kServerErrorEcho:
    case SourceAnswer::kEarlierCredentialsEcho:
      response.status = 500;
      response.set_content(nlohmann::json{{"error_code", "X.500"}, {"error_msg", echo}}.dump(),
                           "application/json");
      return;
    case SourceAnswer::kBrokenAfterSecret: {
      // The members come out sorted: the secret key, then the security token last.
      std::string body = credential(kAccess, kUntil);
      body.insert(body.find(kTemporaryToken) + std::string(kTemporaryToken).size() + 1, ",]");
      response.status = 200;
      response.set_content(body, "application/json");
      return;
    }
    case SourceAnswer::kBadDateAfterSecret:
      response.status = 200;
      response.set_content(credential(kAccess, "next tuesday"), "application/json");
      return;
    case SourceAnswer::kEmptyAccessKey:
      response.status = 200;
      response.set_content(credential("", kUntil), "application/json");
      return;
    case SourceAnswer::kValid:
      response.status = 200;
      response.set_content(credential(kAccess, kUntil), "application/json");
      return;
  }
}

// The answer the source gives, switchable while it runs.
class SwitchableSource {
 public:
  explicit SwitchableSource(SourceAnswer answer)
      : answer_(answer),
        server_([this](const httplib::Request& request, httplib::Response& response) {
          EchoingSource(answer_.load(), request, response);
        }) {}
  void Answer(SourceAnswer answer) { answer_ = answer; }
  std::string url() const { return server_.url(); }
  std::vector<csms_test::RecordedRequest> requests() const { return server_.requests(); }

 private:
  std::atomic<SourceAnswer> answer_;
  csms_test::LoopbackServer server_;  // last: its handler reads answer_
};

// Both fetching providers against `source`; their clock is *now.
std::vector<std::shared_ptr<csms::CredentialsProvider>> ProvidersOf(
    const SwitchableSource& source, const std::string& token_file,
    const std::shared_ptr<std::atomic<csms::Timestamp>>& now) {
  const auto clock = [now] { return now->load(); };
  csms::MetadataCredentialsOptions metadata;
  metadata.endpoint = source.url();
  metadata.clock = clock;
  csms::PodIdentityCredentialsOptions pod_identity;
  pod_identity.full_uri = source.url() + "/v1/credentials";
  pod_identity.token_file = token_file;
  pod_identity.clock = clock;
  return {csms::MakeMetadataCredentialsProvider(metadata),
          csms::MakePodIdentityCredentialsProvider(pod_identity)};
}

// The provider's CredentialsError, directly and through a client at the most
// verbose logging (the call never reaches the CSMS endpoint: it fails on its
// credentials); then its what() and the log lines hold none of `secrets`.
void ExpectCredentialsErrorsQuoteNone(const std::shared_ptr<csms::CredentialsProvider>& provider,
                                      const std::string& endpoint,
                                      const std::vector<std::string>& secrets) {
  Collector errors;
  try {
    provider->Get();
    ADD_FAILURE() << "expected a CredentialsError";
  } catch (const csms::CredentialsError& e) {
    errors.Add(e.what());
  }
  Collector log;
  csms::ClientOptions options = csms_test::LoopbackOptions(endpoint);
  options.credentials = csms::Credentials();
  options.credentials_provider = provider;
  options.log_sink = log.Sink();
  options.log_level = csms::LogLevel::kDebug;
  try {
    csms::CsmsClient(options).ListSecrets();
    ADD_FAILURE() << "expected a CredentialsError";
  } catch (const csms::CredentialsError& e) {
    errors.Add(e.what());
  }
  ExpectNoneOf(errors.lines(), secrets);
  ExpectNoneOf(log.lines(), secrets);
}

TEST(Redaction, SourcesEchoingSecretsGiveCredentialsErrorsThatQuoteNone) {
  const TokenFile token_file(kPodIdentityToken);
  const auto now = std::make_shared<std::atomic<csms::Timestamp>>(std::chrono::system_clock::now());
  // The tokens the providers send, and the secrets of the 200 answers.
  const std::vector<std::string> secrets = {kPodIdentityToken, kSessionToken, kTemporarySk,
                                            kTemporaryToken};
  for (const SourceAnswer answer :
       {SourceAnswer::kUnauthorizedEcho, SourceAnswer::kServerErrorEcho,
        SourceAnswer::kBrokenAfterSecret, SourceAnswer::kBadDateAfterSecret,
        SourceAnswer::kEmptyAccessKey}) {
    SCOPED_TRACE(static_cast<int>(answer));
    SwitchableSource source(answer);
    for (const auto& provider : ProvidersOf(source, token_file.path(), now)) {
      ExpectCredentialsErrorsQuoteNone(provider, source.url(), secrets);
    }
    // The source did receive the tokens it echoed, and nothing for CSMS.
    bool saw_session_token = false;
    bool saw_pod_token = false;
    for (const auto& request : source.requests()) {
      saw_session_token = saw_session_token || request.Header("X-Metadata-Token") == kSessionToken;
      saw_pod_token = saw_pod_token || request.Header("Authorization") == kPodIdentityToken;
      EXPECT_EQ(request.path.find("/csms/"), std::string::npos) << request.path;
    }
    EXPECT_TRUE(saw_session_token);
    EXPECT_TRUE(saw_pod_token);
  }
}

// Credentials a provider held, quoted back by its source when the refresh
// after their expiry fails. Pod identity used to quote the gateway's
// error_msg with only the Authorization token hidden, so the SK and security
// token it handed out before came out in what(); now no source quotes free
// text of an answer (only a gateway error_code).
TEST(Redaction, SourcesEchoingEarlierCredentialsGiveCredentialsErrorsThatQuoteNone) {
  const TokenFile token_file(kPodIdentityToken);
  const auto now = std::make_shared<std::atomic<csms::Timestamp>>(std::chrono::system_clock::now());
  const std::vector<std::string> secrets = {kPodIdentityToken, kSessionToken, kTemporarySk,
                                            kTemporaryToken};
  SwitchableSource source(SourceAnswer::kValid);
  const auto providers = ProvidersOf(source, token_file.path(), now);
  for (const auto& provider : providers) {
    EXPECT_EQ(provider->Get().secret_key(), kTemporarySk);
  }
  source.Answer(SourceAnswer::kEarlierCredentialsEcho);
  now->store(
      csms::Timestamp(std::chrono::hours(24 * 365 * 61)));  // December 2030: they have expired
  for (const auto& provider : providers) {
    ExpectCredentialsErrorsQuoteNone(provider, source.url(), secrets);
  }
}

}  // namespace
