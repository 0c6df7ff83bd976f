#ifndef CSMS_TESTS_TOOL_FAKE_SERVICE_H_
#define CSMS_TESTS_TOOL_FAKE_SERVICE_H_

// A cpp-httplib server on 127.0.0.1 and an ephemeral port that answers with a
// handler given by the test and records every request.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace csms_tool_test {

inline constexpr char kProjectId[] = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

struct ReceivedRequest {
  std::string method;
  std::string path;
  std::multimap<std::string, std::string> params;  // the decoded query
  std::string body;
  std::string authorization;   // the Authorization header, or empty
  std::string auth_token;      // the X-Auth-Token header, or empty
  std::string security_token;  // the X-Security-Token header, or empty
};

class FakeService {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  explicit FakeService(Handler handler);
  ~FakeService();
  FakeService(const FakeService&) = delete;
  FakeService& operator=(const FakeService&) = delete;

  /// "http://127.0.0.1:PORT"
  std::string url() const;
  std::vector<ReceivedRequest> requests() const;

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<ReceivedRequest> requests_;
};

/// Sets a JSON answer.
void Reply(httplib::Response& res, int status, const std::string& json_body);

/// "/v1/<kProjectId>" + rest
std::string ProjectPath(const std::string& rest);

}  // namespace csms_tool_test

#endif  // CSMS_TESTS_TOOL_FAKE_SERVICE_H_
