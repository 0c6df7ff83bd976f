#include "loopback_server.h"

#include <strings.h>
#include <chrono>
#include <csignal>
#include <stdexcept>

namespace csms_test {
namespace {

// cpp-httplib's TLS server writes with plain write(): when a client aborts a
// handshake (as the certificate tests make it do), the server thread would get
// SIGPIPE and take the whole test binary down. The SDK's own side is not
// affected: libcurl sends with MSG_NOSIGNAL through its own OpenSSL BIO.
const bool kSigpipeIgnored = [] {
  std::signal(SIGPIPE, SIG_IGN);
  return true;
}();

}  // namespace

std::string RecordedRequest::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return value;
  }
  return "<absent>";
}

LoopbackServer::LoopbackServer(Handler handler) : server_(std::make_unique<httplib::Server>()) {
  Start(std::move(handler));
}

LoopbackServer::LoopbackServer(Handler handler, X509* cert, EVP_PKEY* key)
    : server_(std::make_unique<httplib::SSLServer>(cert, key)), tls_(true) {
  Start(std::move(handler));
}

void LoopbackServer::Start(Handler handler) {
  if (!server_->is_valid()) throw std::runtime_error("test server could not be created");
  auto recording = [this, handler](const httplib::Request& req, httplib::Response& res) {
    RecordedRequest recorded;
    recorded.method = req.method;
    recorded.target = req.target;
    recorded.path = req.path;
    recorded.body = req.body;
    recorded.remote_port = req.remote_port;
    for (const auto& [key, value] : req.headers) {
      // cpp-httplib adds the peer's address as pseudo headers; they never travelled.
      if (key == "REMOTE_ADDR" || key == "REMOTE_PORT" || key == "LOCAL_ADDR" ||
          key == "LOCAL_PORT") {
        continue;
      }
      recorded.headers.emplace_back(key, value);
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(std::move(recorded));
      client_ports_.insert(req.remote_port);
    }
    handler(req, res);
  };
  server_->Get(".*", recording);
  server_->Post(".*", recording);
  server_->Put(".*", recording);
  server_->Delete(".*", recording);
  // Keep connections open across many requests so tests can count reuse.
  server_->set_keep_alive_max_count(100000);
  // Port 0: the kernel picks a free port. The socket listens once bound, so a
  // client can connect as soon as this returns; no wait is needed.
  port_ = server_->bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("test server could not bind to 127.0.0.1");
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_returned_ = true;
  });
  // Wait until the accept loop runs: httplib's stop() does nothing before then,
  // so a very short test could otherwise never stop its server.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_->is_running() && !listen_returned_ &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::yield();
  }
  if (!server_->is_running()) throw std::runtime_error("test server did not start");
}

LoopbackServer::~LoopbackServer() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string LoopbackServer::url() const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::vector<RecordedRequest> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::size_t LoopbackServer::connection_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return client_ports_.size();
}

}  // namespace csms_test
