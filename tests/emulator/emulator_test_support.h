#ifndef CSMS_TESTS_EMULATOR_EMULATOR_TEST_SUPPORT_H_
#define CSMS_TESTS_EMULATOR_EMULATOR_TEST_SUPPORT_H_

// Helpers for the emulator tests: an in-process emulator on 127.0.0.1 and an
// ephemeral port, and a raw HTTP client with timeouts (never the SDK).

#include <memory>
#include <optional>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "csms/emulator.h"

namespace csms_emu_test {

inline const std::string kProject = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";

/// A started emulator plus a client pointed at it.
class Harness {
 public:
  explicit Harness(csms::EmulatorOptions options = {});

  csms::Emulator& emulator() { return *emulator_; }
  int port() const { return emulator_->port(); }
  /// A fresh client with 5 s connect and 10 s read/write timeouts.
  std::unique_ptr<httplib::Client> NewClient() const;
  httplib::Client& client() { return *client_; }

  /// "/v1/{project}/" + tail.
  static std::string Path(const std::string& tail);

  httplib::Result Get(const std::string& tail);
  httplib::Result Post(const std::string& tail, const std::string& body);
  httplib::Result Put(const std::string& tail, const std::string& body);
  httplib::Result Delete(const std::string& tail);

 private:
  std::unique_ptr<csms::Emulator> emulator_;
  std::unique_ptr<httplib::Client> client_;
};

/// A valid CreateSecretEvent body.
nlohmann::json EventBody(const std::string& name,
                         const std::vector<std::string>& types = {"SECRET_VERSION_CREATED"},
                         const std::string& state = "ENABLED");

/// The response body as JSON (null on parse failure, so EXPECTs fail readably).
nlohmann::json BodyJson(const httplib::Result& result);

/// The nested error {"error":{...}} code, or "<none>".
std::string NestedCode(const httplib::Result& result);
/// The flat error {"error_code"} code, or "<none>".
std::string FlatCode(const httplib::Result& result);

}  // namespace csms_emu_test

#endif  // CSMS_TESTS_EMULATOR_EMULATOR_TEST_SUPPORT_H_
