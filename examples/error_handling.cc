// Shows which exception each kind of failure raises, and the order to catch
// them in: most specific first (ValidationError, NotFoundError), then ApiError,
// then TransportError, then CsmsError, the base of everything the SDK throws.
//
// It provokes three failures on purpose:
//   1. a request the SDK refuses before sending (ValidationError);
//   2. an event that does not exist (NotFoundError, HTTP 404);
//   3. a connection to a closed loopback port (TransportError).
// Configuration comes from the environment (see create_event.cc).

#include <csms/csms.h>

#include <unistd.h>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>

namespace {

// Runs call and reports the exception it throws; returns the branch taken.
std::string Classify(const std::function<void()>& call) {
  try {
    call();
    std::cout << "   no error\n";
    return "none";
  } catch (const csms::ValidationError& e) {
    // Nothing was sent; field() names the request field at fault.
    std::cout << "   ValidationError: field " << e.field() << ": " << e.what() << "\n";
    return "validation";
  } catch (const csms::NotFoundError& e) {
    // Before ApiError, since NotFoundError is one. Often "fine, nothing to do".
    std::cout << "   NotFoundError: " << e.detail().error_code << " (request id " << e.request_id()
              << ")\n";
    return "not-found";
  } catch (const csms::ApiError& e) {
    // Any other HTTP error status; quote request_id() to support.
    std::cout << "   ApiError: HTTP " << e.status_code() << " " << e.detail().error_code << " "
              << e.detail().error_msg << " (request id " << e.request_id() << ")\n";
    return "api";
  } catch (const csms::TransportError& e) {
    // No response at all. attempts() and outcome_unknown() come from CsmsError;
    // outcome_unknown() true means a create may or may not have happened.
    std::cout << "   TransportError (" << csms::TransportError::KindName(e.kind()) << ") after "
              << e.attempts()
              << " attempt(s), outcome unknown: " << (e.outcome_unknown() ? "yes" : "no") << "\n";
    return "transport";
  } catch (const csms::CsmsError& e) {  // ConfigurationError, InvalidResponseError's base...
    std::cout << "   CsmsError: " << e.what() << "\n";
    return "other";
  }
}

int Run() {
  const csms::ClientOptions options = csms::ClientOptions::FromEnvironment();
  csms::CsmsClient client(options);

  std::cout << "1. an event name with a space in it\n";
  csms::CreateSecretEventRequest bad;
  bad.name = "not a valid name";
  bad.event_types = {csms::EventType::kSecretDeleted};
  bad.notification.target_id = "urn:smn:cn-north-4:" + options.project_id + ":example-topic";
  bad.notification.target_name = "example-topic";
  const std::string first = Classify([&] { client.CreateSecretEvent(bad); });

  std::cout << "2. an event that does not exist\n";
  const std::string missing = "ex-missing-" + std::to_string(getpid());
  const std::string second = Classify([&] { client.ShowSecretEvent(missing); });

  std::cout << "3. a server that is not there (127.0.0.1:1), one attempt, short timeouts\n";
  csms::ClientOptions offline = options;
  offline.endpoint = "http://127.0.0.1:1";
  offline.region.clear();
  offline.retry.max_attempts = 1;  // 1 turns retries off
  offline.connect_timeout = std::chrono::seconds(2);
  offline.request_timeout = std::chrono::seconds(5);
  csms::CsmsClient offline_client(offline);
  const std::string third = Classify([&] { offline_client.ListSecretEvents(); });

  if (first != "validation" || second != "not-found" || third != "transport") {
    std::cerr << "error_handling: unexpected outcomes " << first << ", " << second << ", " << third
              << "\n";
    return 1;
  }
  return 0;
}

}  // namespace

int main() {
  try {
    return Run();
  } catch (const csms::CsmsError& e) {  // e.g. ConfigurationError from FromEnvironment
    std::cerr << "error_handling: " << e.what() << "\n";
    return 2;
  }
}
