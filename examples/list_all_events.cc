// Lists secret events two ways: all at once with ListAllSecretEvents, and page
// by page with ListSecretEvents(limit, marker).
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
//   CSMS_REGION=cn-north-4 ./list_all_events [--seed]
//
// (or CSMS_ENDPOINT=http://127.0.0.1:PORT and CSMS_AUTH_TOKEN for the emulator).
// With --seed it first creates three events, so there is something to page
// through, and deletes them again at the end.

#include <csms/csms.h>

#include <unistd.h>
#include <iostream>
#include <string>
#include <vector>

namespace {

int Run(bool seed) {
  // Endpoint or region, project id and credentials all come from the environment.
  const csms::ClientOptions options = csms::ClientOptions::FromEnvironment();
  csms::CsmsClient client(options);

  // Names unique to this process, so that runs never collide.
  std::vector<std::string> seeded;
  if (seed) {
    for (int i = 1; i <= 3; ++i) {
      csms::CreateSecretEventRequest request;
      request.name = "ex-list-" + std::to_string(getpid()) + "-" + std::to_string(i);
      request.event_types = {csms::EventType::kSecretDeleted};
      request.notification.target_id =
          "urn:smn:cn-north-4:" + options.project_id + ":example-topic";
      request.notification.target_name = "example-topic";
      seeded.push_back(client.CreateSecretEvent(request).name);
      std::cout << "seeded event " << seeded.back() << "\n";
    }
  }

  // 1. The simple way: the SDK follows page_info.next_marker for you.
  const std::vector<csms::Event> all = client.ListAllSecretEvents();
  std::cout << "ListAllSecretEvents: " << all.size() << " event(s)\n";
  for (const csms::Event& event : all) {
    std::cout << "  " << event.name << " (" << event.state.value() << ", "
              << event.event_types.size() << " type(s))\n";
  }

  // 2. By hand, when you want to stop early or show pages: pass the previous
  //    page's next_marker as the marker of the next request.
  csms::ListSecretEventsRequest request;
  request.limit = 2;
  std::size_t total = 0;
  for (int page_number = 1;; ++page_number) {
    const csms::EventPage page = client.ListSecretEvents(request);
    std::cout << "page " << page_number << " (" << page.page_info.current_count << " item(s)):";
    for (const csms::Event& event : page.events) std::cout << " " << event.name;
    std::cout << "\n";
    total += page.events.size();
    const auto& next = page.page_info.next_marker;
    if (!next || next->empty() || page.events.empty()) break;  // last page
    request.marker = *next;
  }
  if (total != all.size()) {
    std::cerr << "list_all_events: paging found " << total << " events, ListAll " << all.size()
              << "\n";
    return 1;
  }

  for (const std::string& name : seeded) {
    client.DeleteSecretEvent(name);
    std::cout << "deleted event " << name << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string arg = argc > 1 ? argv[1] : "";
  if (argc > 2 || (argc == 2 && arg != "--seed")) {
    std::cerr << "usage: " << argv[0] << " [--seed]\n";
    return 2;
  }
  try {
    return Run(arg == "--seed");
  } catch (const csms::ValidationError& e) {
    std::cerr << "list_all_events: invalid " << e.field() << ": " << e.what() << "\n";
    return 2;
  } catch (const csms::ApiError& e) {
    std::cerr << "list_all_events: " << e.what() << "\n";
    return 1;
  } catch (const csms::TransportError& e) {
    std::cerr << "list_all_events: " << e.what() << "\n";
    return 3;
  } catch (const csms::CsmsError& e) {  // ConfigurationError and anything else
    std::cerr << "list_all_events: " << e.what() << "\n";
    return 2;
  }
}
