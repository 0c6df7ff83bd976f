// The README demo: the whole secret-event story in one program.
//
// With neither CSMS_ENDPOINT nor CSMS_REGION set, it starts the CSMS emulator
// in this process on a free loopback port, with a throwaway AK/SK so that every
// request is really signed and verified. With them set, it runs the same story
// against that endpoint, with credentials from the environment.
//
//   1. create an event that fires on SECRET_VERSION_CREATED and SECRET_DELETED
//   2. create a secret subscribed to it
//   3. list the notification record that fired
//   4. update the event
//   5. delete the secret
//   6. see the SECRET_DELETED record
//   7. delete the event

#include <csms/csms.h>
#include <csms/emulator.h>

#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

namespace {

std::string FormatTime(csms::Timestamp time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

std::string Join(const std::vector<csms::EventType>& types) {
  std::string out;
  for (const auto& type : types) out += (out.empty() ? "" : ", ") + type.value();
  return out;
}

void PrintRecords(const csms::NotificationRecordPage& page) {
  for (const auto& record : page.records) {
    std::cout << "     - " << record.trigger_event_type.value() << " for secret "
              << record.secret_name << " -> " << record.notification_target_name << " ("
              << record.notification_status << ")\n";
    if (const auto content = csms::ParseNotificationContent(record.notification_content)) {
      std::cout << "       message: event " << content->event_name << ", secret id "
                << content->secret_id << "\n";
    }
  }
}

bool HasEnvironment(const char* name) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): single-threaded here
  return value != nullptr && *value != '\0';
}

int Run() {
  std::unique_ptr<csms::Emulator> emulator;
  csms::ClientOptions options;
  if (!HasEnvironment("CSMS_ENDPOINT") && !HasEnvironment("CSMS_REGION")) {
    csms::EmulatorOptions emulator_options;
    emulator_options.access_key = "QUICKSTARTAK0000000001";
    emulator_options.secret_key = "quickstart-secret-key-for-the-emulator";
    emulator = std::make_unique<csms::Emulator>(emulator_options);
    emulator->Start();
    std::cout << "Started the CSMS emulator at " << emulator->endpoint()
              << " (set CSMS_ENDPOINT or CSMS_REGION to use another service)\n";
    options.endpoint = emulator->endpoint();
    options.project_id = emulator->project_id();
    options.credentials =
        csms::Credentials::AkSk(emulator_options.access_key, emulator_options.secret_key);
  } else {
    options = csms::ClientOptions::FromEnvironment();
    std::cout << "Using "
              << (options.endpoint.empty() ? "region " + options.region : options.endpoint) << "\n";
  }
  csms::CsmsClient client(options);

  // Names unique to this run, so the story can be repeated against a real service.
  const std::string suffix = std::to_string(getpid());
  const std::string event_name = "quickstart-event-" + suffix;
  const std::string secret_name = "quickstart-secret-" + suffix;
  const std::string topic_urn = "urn:smn:cn-north-4:" + options.project_id + ":quickstart-topic";

  csms::CreateSecretEventRequest create_event;
  create_event.name = event_name;
  create_event.event_types = {csms::EventType::kSecretVersionCreated,
                              csms::EventType::kSecretDeleted};
  create_event.state = csms::EventState::kEnabled;
  create_event.notification.target_id = topic_urn;
  create_event.notification.target_name = "quickstart-topic";
  const csms::Event event = client.CreateSecretEvent(create_event);
  std::cout << "1. Created event " << event.name << " (id " << event.event_id << ")\n"
            << "     fires on: " << Join(event.event_types) << "\n"
            << "     notifies: " << event.notification.target_type << " topic "
            << event.notification.target_name << "\n";

  csms::CreateSecretRequest create_secret;
  create_secret.name = secret_name;
  create_secret.secret_string = "db-password-do-not-print";
  create_secret.event_subscriptions = {event_name};
  const csms::Secret secret = client.CreateSecret(create_secret);
  std::cout << "2. Created secret " << secret.name << " (id " << secret.id << "), subscribed to "
            << secret.event_subscriptions.at(0) << "\n";

  std::cout << "3. Notification records after creating the secret:\n";
  PrintRecords(client.ListNotificationRecords());

  csms::UpdateSecretEventRequest update;
  update.event_types = {csms::EventType::kSecretVersionCreated,
                        csms::EventType::kSecretVersionExpired, csms::EventType::kSecretDeleted};
  const csms::Event updated = client.UpdateSecretEvent(event_name, update);
  std::cout << "4. Updated event " << updated.name << " at " << FormatTime(updated.update_time)
            << "; now fires on: " << Join(updated.event_types) << "\n";

  client.DeleteSecret(secret_name);
  std::cout << "5. Deleted secret " << secret_name << "\n";

  std::cout << "6. Notification records after deleting the secret:\n";
  PrintRecords(client.ListNotificationRecords());

  client.DeleteSecretEvent(event_name);
  std::cout << "7. Deleted event " << event_name << "\n";

  try {
    client.ShowSecretEvent(event_name);
  } catch (const csms::NotFoundError& e) {
    std::cout << "   Showing it again is a NotFoundError: " << e.detail().error_code << "\n";
  }
  std::cout << "Done.\n";
  return 0;
}

}  // namespace

int main() {
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
