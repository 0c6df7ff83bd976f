// The README demo: the whole secret-event loop in one program.
//
// With neither CSMS_ENDPOINT nor CSMS_REGION set, it starts the CSMS emulator
// in this process on a free loopback port, with a throwaway AK/SK so that every
// request is really signed and verified, and a small HTTP receiver that the
// emulator delivers each notification to, as SMN pushes to a subscribed
// endpoint. The receiver verifies each message (SmnMessageVerifier) and prints
// it as it arrives. The emulator's clock is moved instead of waiting for
// expiry and deletion.
//
//   1. create an event that fires on every event type
//   2. create a secret subscribed to it         -> SECRET_VERSION_CREATED v1
//   3. create a version that expires in an hour -> SECRET_VERSION_CREATED v2
//   4. move the clock two hours on              -> SECRET_VERSION_EXPIRED v2
//   5. rotate the secret                        -> SECRET_ROTATED v3
//   6. schedule its deletion in 7 days, move the clock on -> SECRET_DELETED
//   7. delete the event
//
// With CSMS_ENDPOINT or CSMS_REGION set, it runs the same story against that
// service (credentials from the environment), deletes the secret at once
// instead of on a schedule, and lists the notification records at the end;
// the service's own SMN topic delivers the notifications.

#include <csms/csms.h>
#include <csms/emulator.h>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace {

using std::chrono::hours;

// An HTTP endpoint on 127.0.0.1 and a free port that verifies and prints every
// SMN message POSTed to it.
class Receiver {
 public:
  explicit Receiver(csms::SmnVerifierOptions verify) : verifier_(std::move(verify)) {
    server_.Post("/smn", [this](const httplib::Request& req, httplib::Response& res) {
      res.status = OnMessage(req.body) ? 200 : 400;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      listen_returned_ = true;
    });
  }
  ~Receiver() {
    while (!server_.is_running() && !listen_returned_)
      std::this_thread::yield();  // stop() needs the accept loop
    server_.stop();
    thread_.join();
  }
  Receiver(const Receiver&) = delete;
  Receiver& operator=(const Receiver&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/smn"; }

 private:
  bool OnMessage(const std::string& body) {
    std::lock_guard<std::mutex> lock(mu_);
    try {
      const csms::SmnMessage message = csms::ParseSmnMessage(body);
      verifier_.Verify(message);  // act only on what SMN (here: the emulator) signed
      const auto content = csms::ParseNotificationContent(message.message);
      if (!content) return false;
      std::cout << "     <- verified " << content->event_type.value() << " for secret "
                << content->secret_name << ", version " << content->version_id << "\n";
      return true;
    } catch (const csms::CsmsError& e) {
      std::cout << "     <- refused a message: " << e.what() << "\n";
      return false;
    }
  }

  csms::SmnMessageVerifier verifier_;
  httplib::Server server_;
  int port_ = 0;
  std::atomic<bool> listen_returned_{false};
  std::thread thread_;
  std::mutex mu_;
};

bool HasEnvironment(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): before any thread
  return value != nullptr && *value != '\0';
}

int Run() {
  const bool local = !HasEnvironment("CSMS_ENDPOINT") && !HasEnvironment("CSMS_REGION");
  std::unique_ptr<Receiver> receiver;
  std::unique_ptr<csms::Emulator> emulator;
  csms::ClientOptions options;
  if (local) {
    // The receiver trusts the emulator's certificate (plain http on 127.0.0.1)
    // and reads message ages on the emulator's clock, which the demo moves.
    csms::SmnVerifierOptions verify;
    verify.allowed_cert_hosts = {"127.0.0.1"};
    verify.allow_http_on_loopback = true;
    verify.clock = [&emulator] { return emulator->now(); };
    receiver = std::make_unique<Receiver>(verify);

    csms::EmulatorOptions emulator_options;
    emulator_options.access_key = "QUICKSTARTAK0000000001";
    emulator_options.secret_key = "quickstart-secret-key-for-the-emulator";
    emulator_options.deliver = {receiver->url()};
    emulator = std::make_unique<csms::Emulator>(emulator_options);
    emulator->Start();
    std::cout << "Started the CSMS emulator at " << emulator->endpoint()
              << ", delivering notifications to " << receiver->url()
              << "\n(set CSMS_ENDPOINT or CSMS_REGION to use another service)\n";
    options.endpoint = emulator->endpoint();
    options.project_id = emulator->project_id();
    options.credentials =
        csms::Credentials::AkSk(emulator_options.access_key, emulator_options.secret_key);
    options.clock = [&emulator] { return emulator->now(); };  // sign on the moved clock
  } else {
    options = csms::ClientOptions::FromEnvironment();
    std::cout << "Using "
              << (options.endpoint.empty() ? "region " + options.region : options.endpoint) << "\n";
  }
  csms::CsmsClient client(options);
  // In the local demo: wait until the notifications caused so far have arrived.
  const auto arrived = [&emulator] {
    if (emulator) emulator->FlushDeliveries();
  };
  const auto advance = [&emulator, &arrived](hours by) {
    std::cout << "     (moving the emulator's clock " << by.count() << " h on)\n";
    emulator->AdvanceClock(by);
    arrived();
  };

  // Names unique to this run, so the story can be repeated against a real service.
  const std::string suffix = std::to_string(getpid());
  const std::string event_name = "quickstart-event-" + suffix;
  const std::string secret_name = "quickstart-secret-" + suffix;

  csms::CreateSecretEventRequest create_event;
  create_event.name = event_name;
  create_event.event_types = {
      csms::EventType::kSecretVersionCreated, csms::EventType::kSecretVersionExpired,
      csms::EventType::kSecretRotated, csms::EventType::kSecretRotatedFailed,
      csms::EventType::kSecretDeleted};
  create_event.notification.target_id =
      "urn:smn:cn-north-4:" + options.project_id + ":quickstart-topic";
  create_event.notification.target_name = "quickstart-topic";
  const csms::Event event = client.CreateSecretEvent(create_event);
  std::cout << "1. Created event " << event.name << ", notifying SMN topic "
            << event.notification.target_name << " on every event type\n";

  csms::CreateSecretRequest create_secret;
  create_secret.name = secret_name;
  create_secret.secret_string = "db-password-do-not-print";
  create_secret.event_subscriptions = {event_name};
  client.CreateSecret(create_secret);
  std::cout << "2. Created secret " << secret_name << ", subscribed to the event\n";
  arrived();

  csms::CreateSecretVersionRequest version;
  version.secret_string = "db-password-2-do-not-print";
  version.expire_time = (emulator ? emulator->now() : std::chrono::system_clock::now()) + hours(1);
  const csms::SecretVersion created = client.CreateSecretVersion(secret_name, version);
  std::cout << "3. Created version " << created.id << ", expiring in an hour\n";
  arrived();

  if (emulator) {
    std::cout << "4. Waiting for the version to expire\n";
    advance(hours(2));
  }

  client.RotateSecret(secret_name);
  std::cout << "5. Rotated the secret\n";
  arrived();

  if (emulator) {
    client.DeleteSecretForSchedule(secret_name, 7);
    std::cout << "6. Scheduled the secret's deletion in 7 days\n";
    advance(hours(24 * 7 + 1));
  } else {
    client.DeleteSecret(secret_name);
    std::cout << "6. Deleted the secret\n";
    for (const auto& record : client.ListNotificationRecords().records) {
      std::cout << "     record: " << record.trigger_event_type.value() << " for secret "
                << record.secret_name << " (" << record.notification_status << ")\n";
    }
  }

  client.DeleteSecretEvent(event_name);
  std::cout << "7. Deleted event " << event_name << "\n";
  std::cout << "Done.\n";
  return 0;
}

}  // namespace

int main() {
  // httplib writes with plain send(): a peer hanging up must not end the demo.
  signal(SIGPIPE, SIG_IGN);
  try {
    return Run();
  } catch (const csms::ValidationError& e) {
    std::cerr << "quickstart: " << e.what() << "\n";
    return 2;
  } catch (const csms::ApiError& e) {
    std::cerr << "quickstart: " << e.what() << "\n";
    return 1;
  } catch (const csms::TransportError& e) {
    std::cerr << "quickstart: " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "quickstart: " << e.what() << "\n";
    return 2;
  }
}
