#ifndef CSMS_TESTS_UNIT_FAKE_TRANSPORT_H_
#define CSMS_TESTS_UNIT_FAKE_TRANSPORT_H_

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

}  // namespace csms_test

#endif  // CSMS_TESTS_UNIT_FAKE_TRANSPORT_H_
