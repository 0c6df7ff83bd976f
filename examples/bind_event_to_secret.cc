// Subscribes a secret to a secret event and detaches it again:
//
//   1. create an event that fires on SECRET_VERSION_CREATED and SECRET_DELETED
//   2. create a secret (not subscribed yet)
//   3. bind it: UpdateSecret with event_subscriptions = {event}
//   4. find it with ListSecrets(event_name = event)
//   5. unbind it: UpdateSecret with event_subscriptions = {}
//   6. clean up (an event cannot be deleted while a secret subscribes to it)
//
// Configuration comes from the environment (see create_event.cc). The secret's
// value is sent once and never printed: the SDK returns metadata only.

#include <csms/csms.h>

#include <unistd.h>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Names of the secrets subscribed to event_name (first page is enough here).
std::string SubscribersOf(csms::CsmsClient& client, const std::string& event_name) {
  csms::ListSecretsRequest request;
  request.event_name = event_name;
  std::string names;
  for (const csms::Secret& secret : client.ListSecrets(request).secrets) {
    names += (names.empty() ? "" : ", ") + secret.name;
  }
  return names.empty() ? "(none)" : names;
}

void Demo(csms::CsmsClient& client, const std::string& project_id, const std::string& event_name,
          const std::string& secret_name) {
  csms::CreateSecretEventRequest create_event;
  create_event.name = event_name;
  create_event.event_types = {csms::EventType::kSecretVersionCreated,
                              csms::EventType::kSecretDeleted};
  create_event.notification.target_id = "urn:smn:cn-north-4:" + project_id + ":example-topic";
  create_event.notification.target_name = "example-topic";
  client.CreateSecretEvent(create_event);
  std::cout << "1. created event " << event_name << "\n";

  csms::CreateSecretRequest create_secret;
  create_secret.name = secret_name;
  create_secret.secret_string = "example-password-never-printed";  // in real code: from a vault
  const csms::Secret secret = client.CreateSecret(create_secret);
  std::cout << "2. created secret " << secret.name << " (id " << secret.id << ")\n";

  csms::UpdateSecretRequest bind;
  bind.event_subscriptions = std::vector<std::string>{event_name};  // at most one event
  const csms::Secret bound = client.UpdateSecret(secret_name, bind);
  std::cout << "3. bound: subscriptions = " << bound.event_subscriptions.size() << "\n";

  const std::string subscribers = SubscribersOf(client, event_name);
  std::cout << "4. secrets subscribed to " << event_name << ": " << subscribers << "\n";
  if (subscribers != secret_name) throw std::runtime_error("ListSecrets did not find the binding");

  csms::UpdateSecretRequest unbind;
  unbind.event_subscriptions = std::vector<std::string>{};  // empty (not unset) detaches
  client.UpdateSecret(secret_name, unbind);
  std::cout << "5. unbound; subscribers now: " << SubscribersOf(client, event_name) << "\n";

  client.DeleteSecret(secret_name);
  client.DeleteSecretEvent(event_name);
  std::cout << "6. deleted secret and event\n";
}

// After a failure, remove what may have been created; errors here are ignored.
void BestEffortCleanup(csms::CsmsClient& client, const std::string& event_name,
                       const std::string& secret_name) {
  try {
    client.DeleteSecret(secret_name);
  } catch (const csms::CsmsError&) {
  }
  try {
    client.DeleteSecretEvent(event_name);
  } catch (const csms::CsmsError&) {
  }
}

}  // namespace

int main() {
  try {
    const csms::ClientOptions options = csms::ClientOptions::FromEnvironment();
    csms::CsmsClient client(options);
    const std::string suffix = std::to_string(getpid());  // unique names per run
    const std::string event_name = "ex-bind-event-" + suffix;
    const std::string secret_name = "ex-bind-secret-" + suffix;
    try {
      Demo(client, options.project_id, event_name, secret_name);
    } catch (...) {
      BestEffortCleanup(client, event_name, secret_name);
      throw;
    }
    return 0;
  } catch (const csms::ValidationError& e) {
    std::cerr << "bind_event_to_secret: invalid " << e.field() << ": " << e.what() << "\n";
    return 2;
  } catch (const csms::ApiError& e) {
    std::cerr << "bind_event_to_secret: " << e.what() << "\n";
    return 1;
  } catch (const csms::TransportError& e) {
    std::cerr << "bind_event_to_secret: " << e.what() << "\n";
    return 3;
  } catch (const csms::CsmsError& e) {  // ConfigurationError and anything else
    std::cerr << "bind_event_to_secret: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {  // the check in step 4
    std::cerr << "bind_event_to_secret: " << e.what() << "\n";
    return 1;
  }
}
