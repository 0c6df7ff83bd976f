#ifndef CSMS_EMULATOR_SRC_SERVICE_ERROR_H_
#define CSMS_EMULATOR_SRC_SERVICE_ERROR_H_

#include <stdexcept>
#include <string>
#include <utility>

namespace csms::emu {

/// An error answer of the emulated service. Operations throw it; the router turns
/// it into the body shape of the operation family (nested for events and records,
/// flat for secrets).
class ServiceError : public std::runtime_error {
 public:
  ServiceError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

 private:
  int status_;
  std::string code_;
};

/// 400 CSMS.0002: a parameter breaks a documented rule.
inline ServiceError InvalidParameter(const std::string& message) {
  return ServiceError(400, "CSMS.0002", message);
}
/// 400 CSMS.0003: well-formed, but refused in the current state.
inline ServiceError InvalidRequest(const std::string& message) {
  return ServiceError(400, "CSMS.0003", message);
}
/// 400 CSMS.0004: the body is not a JSON object.
inline ServiceError MalformedBody(const std::string& message) {
  return ServiceError(400, "CSMS.0004", message);
}
/// 404 CSMS.0005: no such resource.
inline ServiceError NotFound(const std::string& message) {
  return ServiceError(404, "CSMS.0005", message);
}

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_SERVICE_ERROR_H_
