// Plugs a user-defined HttpTransport into the client: it wraps the SDK's
// libcurl transport and logs the method, URL path and status of every exchange,
// numbering them. It never logs headers (they carry the signature or token) or
// bodies (they may carry secret values). The same pattern serves metrics,
// tracing or fault injection in tests.
//
// Configuration comes from the environment (see create_event.cc).

#include <csms/csms.h>

#include <unistd.h>
#include <atomic>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace {

class LoggingTransport : public csms::HttpTransport {
 public:
  explicit LoggingTransport(std::shared_ptr<csms::HttpTransport> inner)
      : inner_(std::move(inner)) {}

  // Called from whichever thread makes the call, so it must be thread-safe.
  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    const int number = ++count_;
    try {
      csms::HttpResponse response = inner_->Send(request);
      Log(number, request, std::to_string(response.status_code));
      return response;
    } catch (const csms::TransportError& e) {
      Log(number, request, csms::TransportError::KindName(e.kind()));
      throw;  // the client decides whether to retry
    }
  }

  int count() const { return count_; }

 private:
  // "https://host:port/v1/p/csms/events?limit=2" -> "/v1/p/csms/events"
  static std::string PathOf(const std::string& url) {
    const std::size_t scheme = url.find("://");
    const std::size_t start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (start == std::string::npos) return "/";
    return url.substr(start, url.find('?', start) - start);
  }

  void Log(int number, const csms::HttpRequest& request, const std::string& outcome) {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::cout << "[http #" << number << "] " << request.method << " " << PathOf(request.url)
              << " -> " << outcome << "\n";
  }

  std::shared_ptr<csms::HttpTransport> inner_;
  std::atomic<int> count_{0};
  std::mutex mutex_;
};

int Run() {
  csms::ClientOptions options = csms::ClientOptions::FromEnvironment();
  // A custom transport replaces the whole HTTP layer, so the timeout, TLS,
  // proxy and size settings of ClientOptions go to the wrapped curl transport.
  auto transport = std::make_shared<LoggingTransport>(
      csms::MakeCurlTransport(csms::CurlTransportOptionsFrom(options)));
  options.transport = transport;
  csms::CsmsClient client(options);

  const csms::EventPage events = client.ListSecretEvents();
  std::cout << "ListSecretEvents: " << events.events.size() << " event(s)\n";
  const csms::SecretPage secrets = client.ListSecrets();
  std::cout << "ListSecrets: " << secrets.secrets.size() << " secret(s)\n";
  try {  // a 404 is a response like any other for the transport
    client.ShowSecret("ex-missing-" + std::to_string(getpid()));
  } catch (const csms::NotFoundError&) {
    std::cout << "ShowSecret: not found, as expected\n";
  }
  std::cout << transport->count() << " HTTP exchange(s)\n";
  return transport->count() >= 3 ? 0 : 1;  // more if the service asked for retries
}

}  // namespace

int main() {
  try {
    return Run();
  } catch (const csms::ValidationError& e) {
    std::cerr << "custom_transport: invalid " << e.field() << ": " << e.what() << "\n";
    return 2;
  } catch (const csms::ApiError& e) {
    std::cerr << "custom_transport: " << e.what() << "\n";
    return 1;
  } catch (const csms::TransportError& e) {
    std::cerr << "custom_transport: " << e.what() << "\n";
    return 3;
  } catch (const csms::CsmsError& e) {  // ConfigurationError and anything else
    std::cerr << "custom_transport: " << e.what() << "\n";
    return 2;
  }
}
