// Lists the notification records of the last three months and decodes each
// record's message with ParseNotificationContent.
//
// So that there is something to show, it first creates an event and a secret
// subscribed to it (which fires SECRET_VERSION_CREATED), deletes the secret
// (SECRET_DELETED) and the event. Configuration comes from the environment
// (see create_event.cc). Record delivery on the real service may lag.

#include <csms/csms.h>

#include <unistd.h>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace {

std::string FormatTime(const std::optional<csms::Timestamp>& time) {
  if (!time) return "-";
  const std::time_t seconds = std::chrono::system_clock::to_time_t(*time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::ostringstream out;
  out << std::put_time(&utc, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

// Fires two notifications: creating a subscribed secret, then deleting it.
void MakeSomeRecords(csms::CsmsClient& client, const std::string& project_id,
                     const std::string& event_name) {
  csms::CreateSecretEventRequest event;
  event.name = event_name;
  event.event_types = {csms::EventType::kSecretVersionCreated, csms::EventType::kSecretDeleted};
  event.notification.target_id = "urn:smn:cn-north-4:" + project_id + ":example-topic";
  event.notification.target_name = "example-topic";
  client.CreateSecretEvent(event);

  csms::CreateSecretRequest secret;
  secret.name = event_name + "-secret";
  secret.secret_string = "example-value-never-printed";
  secret.event_subscriptions = {event_name};
  client.CreateSecret(secret);
  client.DeleteSecret(secret.name);  // deleting also drops the subscription
  client.DeleteSecretEvent(event_name);
}

int Run() {
  const csms::ClientOptions options = csms::ClientOptions::FromEnvironment();
  csms::CsmsClient client(options);
  const std::string event_name = "ex-records-" + std::to_string(getpid());
  MakeSomeRecords(client, options.project_id, event_name);

  const csms::NotificationRecordPage page = client.ListNotificationRecords();
  std::cout << page.records.size() << " notification record(s)\n";
  int ours = 0;
  for (const csms::NotificationRecord& record : page.records) {
    std::cout << "- " << record.trigger_event_type.value() << " of event " << record.event_name
              << " for secret " << record.secret_name << " -> " << record.notification_target_name
              << " (" << record.notification_status << ", sent " << FormatTime(record.create_time)
              << ")\n";
    // notification_content is the JSON message the topic received.
    if (const auto content = csms::ParseNotificationContent(record.notification_content)) {
      std::cout << "    message: event " << content->event_name << ", type "
                << content->event_type.value() << ", at " << FormatTime(content->event_time)
                << "\n             secret " << content->secret_name << " (id " << content->secret_id
                << "), version " << content->version_id << "\n";
    } else {
      std::cout << "    message is not a JSON object\n";
    }
    if (record.event_name == event_name) ++ours;
  }
  std::cout << ours << " record(s) for " << event_name << "\n";
  return 0;
}

}  // namespace

int main() {
  try {
    return Run();
  } catch (const csms::ValidationError& e) {
    std::cerr << "notification_records: invalid " << e.field() << ": " << e.what() << "\n";
    return 2;
  } catch (const csms::ApiError& e) {
    std::cerr << "notification_records: " << e.what() << "\n";
    return 1;
  } catch (const csms::TransportError& e) {
    std::cerr << "notification_records: " << e.what() << "\n";
    return 3;
  } catch (const csms::CsmsError& e) {  // ConfigurationError and anything else
    std::cerr << "notification_records: " << e.what() << "\n";
    return 2;
  }
}
