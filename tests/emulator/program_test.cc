// The csms-emulator program: the listening line, serving, SIGTERM, usage errors,
// the credentials flags and the SIGUSR1/SIGUSR2 controls.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

extern char** environ;

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A child process with its stdout and stderr piped back.
class Program {
 public:
  explicit Program(const std::vector<std::string>& args) {
    int out[2];
    int err[2];
    if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    std::vector<std::string> storage = {CSMS_EMULATOR_PROGRAM};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, CSMS_EMULATOR_PROGRAM, &actions, nullptr, argv.data(), environ) != 0) {
      throw std::runtime_error("posix_spawn failed");
    }
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);
    out_ = out[0];
    err_ = err[0];
  }

  ~Program() {
    if (pid_ > 0 && !exit_status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    close(out_);
    close(err_);
  }

  /// The first line of stdout, waiting at most `timeout`.
  std::optional<std::string> ReadLine(milliseconds timeout) {
    std::string line;
    const auto deadline = steady_clock::now() + timeout;
    while (steady_clock::now() < deadline) {
      pollfd waiting{out_, POLLIN, 0};
      if (poll(&waiting, 1, 100) <= 0) continue;
      char c = 0;
      if (read(out_, &c, 1) != 1) return std::nullopt;
      if (c == '\n') return line;
      line.push_back(c);
    }
    return std::nullopt;
  }

  /// Everything on stderr until it closes (bounded by `timeout`).
  std::string ReadStderr(milliseconds timeout) {
    std::string text;
    const auto deadline = steady_clock::now() + timeout;
    while (steady_clock::now() < deadline) {
      pollfd waiting{err_, POLLIN, 0};
      if (poll(&waiting, 1, 100) <= 0) continue;
      char buffer[512];
      const ssize_t n = read(err_, buffer, sizeof(buffer));
      if (n <= 0) break;
      text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
  }

  void Signal(int signal_number) const { kill(pid_, signal_number); }

  /// The exit status, waiting at most `timeout`.
  std::optional<int> Wait(milliseconds timeout) {
    const auto deadline = steady_clock::now() + timeout;
    while (!exit_status_ && steady_clock::now() < deadline) {
      int status = 0;
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    return exit_status_;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int err_ = -1;
  std::optional<int> exit_status_;
};

int PortOf(const std::string& line) {
  std::smatch match;
  const std::regex pattern("^listening on http://127\\.0\\.0\\.1:([0-9]+)$");
  if (!std::regex_match(line, match, pattern)) return -1;
  return std::stoi(match[1]);
}

TEST(ProgramTest, ListensServesAndExitsZeroOnSigterm) {
  Program program({"--port", "0", "--project-id", "abcdef0123456789abcdef0123456789"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  const int port = PortOf(*line);
  ASSERT_GT(port, 0) << *line;

  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  auto result = client.Get("/v1/abcdef0123456789abcdef0123456789/csms/events");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_FALSE(result->get_header_value("X-Request-Id").empty());

  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
}

TEST(ProgramTest, SigintAlsoExitsZero) {
  Program program({"--port", "0"});
  ASSERT_TRUE(program.ReadLine(milliseconds(20000)).has_value());
  program.Signal(SIGINT);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
}

TEST(ProgramTest, FaultFlagsApplyToTheFirstRequests) {
  Program program({"--port", "0", "--fail-next", "1", "--fail-status", "429", "--retry-after", "3",
                   "--ak", "AK-NOT-PRINTED", "--sk", "SK-NOT-PRINTED"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->find("NOT-PRINTED"), std::string::npos);
  httplib::Client client("127.0.0.1", PortOf(*line));
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(10, 0);
  auto first = client.Get("/");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 429);
  EXPECT_EQ(first->get_header_value("Retry-After"), "3");
  auto second = client.Get("/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/csms/events");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 401);  // credentials are configured
  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
  EXPECT_EQ(program.ReadStderr(milliseconds(1000)).find("NOT-PRINTED"), std::string::npos);
}

TEST(ProgramTest, BadFlagsPrintUsageAndExitTwo) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--bogus", "1"},
                                               {"--port", "notanumber"},
                                               {"--port"},
                                               {"--ak", "only-ak"},
                                               {"--delay-next", "1"},
                                               {"--port", "70000"},
                                               {"--credentials-lifetime", "-1"},
                                               {"--credentials-lifetime", "999999999"},
                                               {"--metadata-token", "sometimes"},
                                               {"--pod-identity-token-file", ""},
                                               {"--deliver", "http://example.com/smn"},
                                               {"--deliver", "http://10.0.0.1:80/"},
                                               {"--deliver-topic", "urn:smn:r:p:t"},
                                               {"--deliver-topic", "=http://127.0.0.1:1/"},
                                               {"--deliver-topic", "urn:smn:r:p:t=http://a.b/"},
                                               {"--iam-password-file", "/nonexistent/pw"},
                                               {"--iam-password-file", ""},
                                               {"--iam-token-lifetime", "-1"},
                                               {"--sts-lifetime", "x"},
                                               {"--iam-idp-id", "idp-without-token"},
                                               {"--iam-region", ""}}) {
    Program program(args);
    EXPECT_EQ(program.Wait(milliseconds(20000)), 2) << args[0];
    const std::string err = program.ReadStderr(milliseconds(5000));
    EXPECT_NE(err.find("usage:"), std::string::npos) << args[0];
    // Said once, however the message was made (the library's messages carry
    // the program's name too).
    EXPECT_EQ(err.find("csms-emulator: csms-emulator:"), std::string::npos) << err;
  }
}

TEST(ProgramTest, HelpExitsZero) {
  Program program({"--help"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  EXPECT_NE(line->find("usage:"), std::string::npos);
  std::string help = *line;
  while (const auto more = program.ReadLine(milliseconds(5000))) help += "\n" + *more;
  for (const char* documented :
       {"--credentials-lifetime", "--metadata-token", "--no-metadata-agency",
        "--pod-identity-token-file", "--deliver", "--deliver-topic", "SIGUSR1", "SIGUSR2"}) {
    EXPECT_NE(help.find(documented), std::string::npos) << documented;
  }
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
}

std::unique_ptr<httplib::Client> ClientFor(const std::string& line) {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", PortOf(line));
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(10, 0);
  return client;
}

TEST(ProgramTest, CredentialFlagsConfigureTheCredentialsSide) {
  char token_file[] = "/tmp/csms-emulator-program-pod-token-XXXXXX";
  const int fd = mkstemp(token_file);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(token_file) << "POD-TOKEN-NOT-PRINTED\n";
  Program program({"--port", "0", "--metadata-token", "required", "--credentials-lifetime", "0",
                   "--pod-identity-token-file", token_file});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  auto client = ClientFor(*line);

  auto no_token = client->Get("/openstack/latest/securitykey");
  ASSERT_TRUE(no_token);
  EXPECT_EQ(no_token->status, 401);  // required mode
  auto token = client->Put("/meta-data/latest/api/token",
                           {{"X-Metadata-Token-Ttl-Seconds", "21600"}}, "", "text/plain");
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 200);
  auto key = client->Get("/openstack/latest/securitykey", {{"X-Metadata-Token", token->body}});
  ASSERT_TRUE(key);
  ASSERT_EQ(key->status, 200);
  const auto credential = nlohmann::json::parse(key->body)["credential"];
  auto pod = client->Post("/v1/credentials", {{"Authorization", "POD-TOKEN-NOT-PRINTED"}}, "{}",
                          "application/json");
  ASSERT_TRUE(pod);
  EXPECT_EQ(pod->status, 200);

  // Lifetime 0: the credentials are expired as soon as they are issued. An
  // unsigned request is enough to see the emulator recognise the access key.
  auto refused = client->Get(
      "/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/csms/events",
      {{"Authorization", "SDK-HMAC-SHA256 Access=" + credential["access"].get<std::string>() +
                             ", SignedHeaders=host;x-sdk-date, Signature=00"}});
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(nlohmann::json::parse(refused->body).value("error_code", ""), "APIGW.0307");

  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
  EXPECT_EQ(program.ReadStderr(milliseconds(1000)).find("NOT-PRINTED"), std::string::npos);
  std::remove(token_file);
}

TEST(ProgramTest, NoMetadataAgencyFlag) {
  Program program({"--no-metadata-agency", "--port", "0"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  auto key = ClientFor(*line)->Get("/openstack/latest/securitykey");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->status, 401);
  EXPECT_NE(key->body.find("Please configure Cloud Service Agency first"), std::string::npos);
  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
}

TEST(ProgramTest, Sigusr1ExpiresAndSigusr2RevokesIssuedCredentials) {
  Program program({"--port", "0"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  auto client = ClientFor(*line);
  for (int i = 0; i < 2; ++i) {
    auto key = client->Get("/openstack/latest/securitykey");
    ASSERT_TRUE(key);
    ASSERT_EQ(key->status, 200);
  }
  program.Signal(SIGUSR1);
  EXPECT_EQ(program.ReadLine(milliseconds(20000)), "expired 2 temporary credentials");
  program.Signal(SIGUSR1);
  EXPECT_EQ(program.ReadLine(milliseconds(20000)), "expired 0 temporary credentials");
  program.Signal(SIGUSR2);
  EXPECT_EQ(program.ReadLine(milliseconds(20000)), "revoked 2 temporary credentials");
  // Still serving after the controls.
  auto key = client->Get("/openstack/latest/securitykey");
  ASSERT_TRUE(key);
  EXPECT_EQ(key->status, 200);
  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
}

// Collects POSTs; Wait() blocks (bounded) until `count` have arrived.
class PostCollector {
 public:
  PostCollector() {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response&) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        posts_.push_back(req);
      }
      arrived_.notify_all();
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      listen_returned_ = true;
    });
  }
  ~PostCollector() {
    // stop() only works once the accept loop runs.
    while (!server_.is_running() && !listen_returned_) std::this_thread::yield();
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<httplib::Request> Wait(std::size_t count, milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    arrived_.wait_for(lock, timeout, [&] { return posts_.size() >= count; });
    return posts_;
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::atomic<bool> listen_returned_{false};
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable arrived_;
  std::vector<httplib::Request> posts_;
};

TEST(ProgramTest, DeliverFlagsPostSignedNotifications) {
  PostCollector receiver;
  const std::string topic = "urn:smn:cn-north-4:p:mine";
  Program program({"--port", "0", "--deliver", receiver.url() + "/all", "--deliver-topic",
                   topic + "=" + receiver.url() + "/topic", "--deliver-topic",
                   "urn:smn:cn-north-4:p:other=" + receiver.url() + "/other"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  auto client = ClientFor(*line);
  const std::string base = "/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/";
  const nlohmann::json event{
      {"name", "ev"},
      {"event_types", {"SECRET_VERSION_CREATED"}},
      {"state", "ENABLED"},
      {"notification", {{"target_type", "SMN"}, {"target_id", topic}, {"target_name", "mine"}}}};
  ASSERT_EQ(client->Post(base + "csms/events", event.dump(), "application/json")->status, 200);
  ASSERT_EQ(client
                ->Post(base + "secrets", R"({"name":"db","event_subscriptions":["ev"]})",
                       "application/json")
                ->status,
            200);

  auto posts = receiver.Wait(2, milliseconds(20000));
  ASSERT_EQ(posts.size(), 2U);
  std::sort(posts.begin(), posts.end(),
            [](const httplib::Request& a, const httplib::Request& b) { return a.path < b.path; });
  EXPECT_EQ(posts[0].path, "/all");
  EXPECT_EQ(posts[1].path, "/topic");
  const nlohmann::json body = nlohmann::json::parse(posts[0].body);
  EXPECT_EQ(posts[1].body, posts[0].body);  // one message, two subscribers
  EXPECT_EQ(body["type"], "Notification");
  EXPECT_EQ(body["topic_urn"], topic);
  const std::string cert_url = body["signing_cert_url"];
  const std::string cert_path = cert_url.substr(cert_url.find('/', std::string("http://").size()));
  auto cert = client->Get(cert_path.c_str());
  ASSERT_TRUE(cert);
  EXPECT_EQ(cert->status, 200);
  EXPECT_EQ(cert->body.rfind("-----BEGIN CERTIFICATE-----", 0), 0U);

  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
}

}  // namespace

namespace {

TEST(ProgramTest, IamFlagsConfigureTheIamService) {
  char password_file[] = "/tmp/csms-emulator-program-iam-password-XXXXXX";
  const int fd = mkstemp(password_file);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(password_file) << "IAM-PASSWORD-NOT-PRINTED\n";
  Program program({"--port",
                   "0",
                   "--iam-user",
                   "bob",
                   "--iam-domain",
                   "acme",
                   "--iam-user-id",
                   "bob-id",
                   "--iam-password-file",
                   password_file,
                   "--iam-mfa",
                   "--iam-totp-passcode",
                   "111111",
                   "--iam-region",
                   "eu-west-101",
                   "--iam-token-lifetime",
                   "60",
                   "--iam-idp-id",
                   "idp",
                   "--iam-id-token",
                   "ID-TOKEN-NOT-PRINTED",
                   "--sts-lifetime",
                   "1000"});
  const auto line = program.ReadLine(milliseconds(20000));
  ASSERT_TRUE(line.has_value());
  auto client = ClientFor(*line);

  const nlohmann::json login = {
      {"auth",
       {{"identity",
         {{"methods", {"password", "totp"}},
          {"password",
           {{"user",
             {{"name", "bob"},
              {"password", "IAM-PASSWORD-NOT-PRINTED"},
              {"domain", {{"name", "acme"}}}}}}},
          {"totp", {{"user", {{"id", "bob-id"}, {"passcode", "111111"}}}}}}},
        {"scope", {{"project", {{"name", "eu-west-101"}}}}}}}};
  auto token = client->Post("/v3/auth/tokens", login.dump(), "application/json");
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 201) << token->body;
  const std::string subject = token->get_header_value("X-Subject-Token");
  const auto events = [&] {
    return client->Get("/v1/0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70/csms/events",
                       {{"X-Auth-Token", subject}});
  };
  auto accepted = events();
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200);
  auto advanced =
      client->Post("/_emulator/clock/advance", R"({"milliseconds": 60000})", "application/json");
  ASSERT_TRUE(advanced);
  ASSERT_EQ(advanced->status, 200);
  auto refused = events();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(nlohmann::json::parse(refused->body).value("error_code", ""), "APIGW.0307");

  auto id_login =
      client->Post("/v3.0/OS-AUTH/id-token/tokens", {{"X-Idp-Id", "idp"}},
                   R"({"auth":{"id_token":{"id":"ID-TOKEN-NOT-PRINTED"}}})", "application/json");
  ASSERT_TRUE(id_login);
  ASSERT_EQ(id_login->status, 201);
  const std::string unscoped = id_login->get_header_value("X-Subject-Token");
  auto credential = client->Post(
      "/v3.0/OS-CREDENTIAL/securitytokens", {{"X-Auth-Token", unscoped}},
      R"({"auth":{"identity":{"methods":["token"],"token":{"duration_seconds":3600}}}})",
      "application/json");
  ASSERT_TRUE(credential);
  ASSERT_EQ(credential->status, 201) << credential->body;
  auto projects = client->Get("/v3/projects?name=eu-west-101");
  ASSERT_TRUE(projects);
  EXPECT_EQ(nlohmann::json::parse(projects->body)["projects"].size(), 1U);

  program.Signal(SIGTERM);
  EXPECT_EQ(program.Wait(milliseconds(20000)), 0);
  EXPECT_EQ(program.ReadStderr(milliseconds(1000)).find("NOT-PRINTED"), std::string::npos);
  std::remove(password_file);
}

}  // namespace
