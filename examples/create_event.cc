// Creates a secret event from the command line's environment:
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
//   CSMS_REGION=cn-north-4 ./create_event my-event urn:smn:cn-north-4:<project>:<topic> <topic>
//
// (or CSMS_ENDPOINT=http://127.0.0.1:PORT for the emulator). Shows the catch
// order a program should use.

#include <csms/csms.h>

#include <chrono>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " EVENT_NAME SMN_TOPIC_URN SMN_TOPIC_NAME\n";
    return 2;
  }
  try {
    csms::CsmsClient client(csms::ClientOptions::FromEnvironment());

    csms::CreateSecretEventRequest request;
    request.name = argv[1];
    request.event_types = {csms::EventType::kSecretVersionCreated, csms::EventType::kSecretDeleted};
    request.state = csms::EventState::kEnabled;
    request.notification.target_id = argv[2];
    request.notification.target_name = argv[3];

    const csms::Event event = client.CreateSecretEvent(request);
    const auto created =
        std::chrono::duration_cast<std::chrono::milliseconds>(event.create_time.time_since_epoch());
    std::cout << "created event " << event.name << " (id " << event.event_id << ", "
              << event.event_types.size() << " types, created at " << created.count() << " ms)\n";
    return 0;
  } catch (const csms::ValidationError& e) {
    std::cerr << "fix the request field " << e.field() << ": " << e.what() << "\n";
    return 2;
  } catch (const csms::ConflictError& e) {
    std::cerr << "an event with that name already exists: " << e.what() << "\n";
    return 1;
  } catch (const csms::ApiError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  } catch (const csms::TransportError& e) {
    std::cerr << e.what() << "\n";
    return 3;
  } catch (const csms::CsmsError& e) {  // ConfigurationError and anything else
    std::cerr << e.what() << "\n";
    return 2;
  }
}
