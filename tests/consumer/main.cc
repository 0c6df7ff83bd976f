// A user's program, built against csms-sdk-cpp by tests/consumer/CMakeLists.txt
// (installed package, add_subdirectory or pkg-config). It creates an event on
// the service at CSMS_ENDPOINT, finds it in the list, deletes it, and prints
// "consumer ok". Exit code 0 on success, 1 on any failure.

#include <csms/csms.h>

#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

namespace {

std::string Environment(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): single-threaded
  return value != nullptr && *value != '\0' ? value : fallback;
}

// Takes the interface, as user code that wants to be mockable would.
bool Listed(csms::CsmsClientInterface& client, const std::string& event_name) {
  for (const auto& event : client.ListAllSecretEvents()) {
    if (event.name == event_name) return true;
  }
  return false;
}

int Run() {
  csms::ClientOptions options;
  options.endpoint = Environment("CSMS_ENDPOINT", "");
  if (options.endpoint.empty()) {
    std::cerr << "consumer: set CSMS_ENDPOINT to an emulator, e.g. http://127.0.0.1:8080\n";
    return 1;
  }
  options.project_id =
      Environment("HUAWEICLOUD_SDK_PROJECT_ID", "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70");
  options.credentials = csms::Credentials::Anonymous();
  csms::CsmsClient client(options);

  csms::CreateSecretEventRequest request;
  request.name = "consumer-" + std::to_string(getpid());
  request.event_types = {csms::EventType::kSecretRotated};
  request.notification.target_id = "urn:smn:cn-north-4:" + options.project_id + ":consumer";
  request.notification.target_name = "consumer";
  const csms::Event created = client.CreateSecretEvent(request);

  const csms::EventPage page = client.ListSecretEvents();
  if (!Listed(client, created.name)) {
    std::cerr << "consumer: event " << created.name << " is not listed\n";
    return 1;
  }
  client.DeleteSecretEvent(created.name);

  std::cout << "csms-sdk-cpp " << csms::Version() << ": created " << created.name << ", "
            << page.events.size() << " event(s) on the first page\n"
            << "consumer ok\n";
  return 0;
}

}  // namespace

int main() {
  try {
    return Run();
  } catch (const std::exception& e) {
    std::cerr << "consumer: " << e.what() << "\n";
    return 1;
  }
}
