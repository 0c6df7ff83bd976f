#ifndef CSMS_TESTS_SUPPORT_TEST_DOUBLES_H_
#define CSMS_TESTS_SUPPORT_TEST_DOUBLES_H_

// Small stand-ins shared by the credential tests: a transport answering with
// a function of each request, and a provider counting Invalidate() calls.

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "csms/credentials_provider.h"
#include "csms/http.h"

namespace csms_test {

/// Answers each request with a function of it, and records them. Thread-safe.
class FunctionTransport : public csms::HttpTransport {
 public:
  using Handler = std::function<csms::HttpResponse(const csms::HttpRequest&)>;
  explicit FunctionTransport(Handler handler) : handler_(std::move(handler)) {}
  csms::HttpResponse Send(const csms::HttpRequest& request) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
    }
    return handler_(request);
  }
  std::vector<csms::HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t count() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_.size();
  }

 private:
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<csms::HttpRequest> requests_;
};

/// Counts Invalidate() calls on the way to the provider it wraps.
class CountingProvider : public csms::CredentialsProvider {
 public:
  explicit CountingProvider(std::shared_ptr<csms::CredentialsProvider> inner)
      : inner_(std::move(inner)) {}
  csms::Credentials Get() override { return inner_->Get(); }
  void Invalidate() override {
    ++invalidations;
    inner_->Invalidate();
  }
  std::atomic<int> invalidations{0};

 private:
  std::shared_ptr<csms::CredentialsProvider> inner_;
};

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_TEST_DOUBLES_H_
