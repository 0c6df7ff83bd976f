#ifndef CSMS_TESTS_INTEGRATION_RAW_SERVER_H_
#define CSMS_TESTS_INTEGRATION_RAW_SERVER_H_

// A raw-socket server on 127.0.0.1 and an ephemeral port, for replies no HTTP
// library would produce: it reads one request per connection, records it,
// writes exactly the bytes the test scripted, and closes the connection.

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace csms_test {

struct RawRequest {
  std::string method;  // "POST", "GET", ...
  std::string target;  // path and query as received
  std::string head;    // request line and headers, up to and including the blank line
  std::string body;    // Content-Length bytes (as many as arrived)
};

class RawServer {
 public:
  /// The bytes to answer the index-th request (0-based) with; the connection
  /// is closed right after them.
  using Reply = std::function<std::string(const RawRequest& request, int index)>;

  explicit RawServer(Reply reply);
  ~RawServer();
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  /// "http://127.0.0.1:PORT"
  std::string url() const;
  std::vector<RawRequest> requests() const;
  /// How many of the requests were POSTs.
  int post_count() const;

 private:
  void Serve();
  void Answer(int fd);

  Reply reply_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  std::vector<RawRequest> requests_;
};

}  // namespace csms_test

#endif  // CSMS_TESTS_INTEGRATION_RAW_SERVER_H_
