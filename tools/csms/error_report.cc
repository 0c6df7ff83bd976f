#include "error_report.h"

#include <string>

#include <nlohmann/json.hpp>

#include "args.h"
#include "csms/errors.h"
#include "json_output.h"
#include "table.h"

namespace csms_tool {
namespace {

struct Report {
  int exit_code = kExitServiceError;
  std::string line;  // after "csms: "
  // The members of "error", in the documented order.
  nlohmann::ordered_json json;
};

Report ClientSide(int exit_code, const char* error_code, const std::string& message) {
  Report r;
  r.exit_code = exit_code;
  r.line = message;
  r.json = {{"status", 0}, {"error_code", error_code}, {"error_msg", message}};
  return r;
}

Report FromApiError(const csms::ApiError& e) {
  Report r;
  r.exit_code = kExitServiceError;
  // Not e.what(): that starts "CSMS request failed" and may end with the retry
  // history; the category (the SDK's word for the error class) reads better first.
  r.line = std::string(e.category()) + ": HTTP " + std::to_string(e.status_code());
  if (!e.detail().error_code.empty()) r.line += " " + e.detail().error_code;
  if (!e.detail().error_msg.empty()) r.line += ": " + e.detail().error_msg;
  r.line += e.request_id().empty() ? " (no request id)" : " (request id " + e.request_id() + ")";
  r.json = {{"status", e.status_code()},
            {"error_code", e.detail().error_code},
            {"error_msg", e.detail().error_msg},
            {"request_id", e.request_id()}};
  return r;
}

Report Classify(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const UsageError& e) {
    return ClientSide(kExitUsage, "UsageError", e.what());
  } catch (const csms::ValidationError& e) {
    Report r = ClientSide(kExitUsage, "ValidationError", e.what());
    r.json["field"] = e.field();
    return r;
  } catch (const csms::ConfigurationError& e) {
    return ClientSide(kExitUsage, "ConfigurationError", e.what());
  } catch (const csms::TransportError& e) {
    Report r = ClientSide(kExitTransport, "TransportError", e.what());
    r.json["kind"] = csms::TransportError::KindName(e.kind());
    return r;
  } catch (const csms::ApiError& e) {
    return FromApiError(e);
  } catch (const std::exception& e) {
    return ClientSide(kExitServiceError, "InternalError", e.what());
  } catch (...) {
    return ClientSide(kExitServiceError, "InternalError", "unknown error");
  }
}

}  // namespace

int ReportError(const std::exception_ptr& error, OutputFormat format, std::ostream& err) {
  const Report report = Classify(error);
  if (format == OutputFormat::kJson) {
    // dump() escapes control characters, so this is always one line.
    err << CompactJson(nlohmann::ordered_json{{"error", report.json}}) << '\n';
  } else {
    err << "csms: " << OneLine(report.line) << '\n';
  }
  err.flush();
  return report.exit_code;
}

}  // namespace csms_tool
