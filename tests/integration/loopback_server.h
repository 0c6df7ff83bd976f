#ifndef CSMS_TESTS_INTEGRATION_LOOPBACK_SERVER_H_
#define CSMS_TESTS_INTEGRATION_LOOPBACK_SERVER_H_

// A cpp-httplib server on 127.0.0.1 and an ephemeral port, recording every
// request it receives. Plain http, or https with a given certificate.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace csms_test {

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query exactly as received
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int remote_port = 0;

  /// The first header called name (case-insensitive), or "<absent>".
  std::string Header(const std::string& name) const;
};

class LoopbackServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  /// Plain http. The handler answers every method and path.
  explicit LoopbackServer(Handler handler);
  /// https with the given certificate and key (not owned; must outlive the server).
  LoopbackServer(Handler handler, X509* cert, EVP_PKEY* key);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  int port() const { return port_; }
  /// "http://127.0.0.1:PORT" (or https).
  std::string url() const;

  std::vector<RecordedRequest> requests() const;
  /// Distinct client connections seen (by client port).
  std::size_t connection_count() const;

 private:
  void Start(Handler handler);

  std::unique_ptr<httplib::Server> server_;
  bool tls_ = false;
  int port_ = 0;
  std::atomic<bool> listen_returned_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<RecordedRequest> requests_;
  std::set<int> client_ports_;
};

}  // namespace csms_test

#endif  // CSMS_TESTS_INTEGRATION_LOOPBACK_SERVER_H_
