#include "fake_service.h"

#include <chrono>
#include <stdexcept>

namespace csms_tool_test {

FakeService::FakeService(Handler handler) {
  // The tool keeps its connection alive between the pages of a list.
  server_.set_keep_alive_max_count(1000);
  auto recording = [this, handler](const httplib::Request& req, httplib::Response& res) {
    ReceivedRequest received;
    received.method = req.method;
    received.path = req.path;
    received.params = {req.params.begin(), req.params.end()};
    received.body = req.body;
    received.authorization = req.get_header_value("Authorization");
    received.auth_token = req.get_header_value("X-Auth-Token");
    received.security_token = req.get_header_value("X-Security-Token");
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(std::move(received));
    }
    handler(req, res);
  };
  const char* kAnyPath = ".*";
  server_.Get(kAnyPath, recording);
  server_.Post(kAnyPath, recording);
  server_.Put(kAnyPath, recording);
  server_.Delete(kAnyPath, recording);

  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("test server could not bind");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() does nothing until the accept loop runs, so a test that finished
  // early would hang in the destructor.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server_.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("test server did not start");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

FakeService::~FakeService() {
  server_.stop();
  thread_.join();
}

std::string FakeService::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<ReceivedRequest> FakeService::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

void Reply(httplib::Response& res, int status, const std::string& json_body) {
  res.status = status;
  res.set_content(json_body, "application/json");
}

std::string ProjectPath(const std::string& rest) { return std::string("/v1/") + kProjectId + rest; }

}  // namespace csms_tool_test
