#ifndef CSMS_TESTS_UNIT_FAKE_TRANSPORT_H_
#define CSMS_TESTS_UNIT_FAKE_TRANSPORT_H_

#include <algorithm>
#include <mutex>
#include <vector>

#include "csms/http.h"

namespace csms_test {

/// Records every request and answers each with a canned response.
class RecordingTransport : public csms::HttpTransport {
 public:
  explicit RecordingTransport(csms::HttpResponse response) : response_(std::move(response)) {}

  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    return response_;
  }

  std::vector<csms::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  csms::HttpResponse response_;
  std::vector<csms::HttpRequest> requests_;
};

/// Answers requests with a scripted sequence of responses (the last one repeats).
class ScriptedTransport : public csms::HttpTransport {
 public:
  explicit ScriptedTransport(std::vector<csms::HttpResponse> script) : script_(std::move(script)) {}

  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(request);
    const std::size_t index = std::min(next_++, script_.size() - 1);
    return script_[index];
  }

  std::vector<csms::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  mutable std::mutex mu_;
  std::vector<csms::HttpResponse> script_;
  std::size_t next_ = 0;
  std::vector<csms::HttpRequest> requests_;
};

/// A 200 response with a JSON body.
inline csms::HttpResponse JsonResponse(std::string body, int status = 200) {
  csms::HttpResponse response;
  response.status_code = status;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = std::move(body);
  return response;
}

}  // namespace csms_test

#endif  // CSMS_TESTS_UNIT_FAKE_TRANSPORT_H_
