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
  // What the retries did, as what() has it for every other error class; a
  // plain one-attempt failure ("1 attempt; not retryable") says nothing new.
  if (!e.retry_stop_reason().empty() && (e.attempts() > 1 || e.outcome_unknown())) {
    r.line += " [" + std::to_string(e.attempts()) +
              (e.attempts() == 1 ? " attempt; " : " attempts; ") + e.retry_stop_reason() + "]";
  }
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
  } catch (const csms::CredentialsError& e) {
    // No source had credentials (the message lists each and why), or one is
    // misconfigured: nothing was sent, and it is the user's to fix.
    return ClientSide(kExitUsage, "CredentialsError", e.what());
  } catch (const csms::TransportError& e) {
    // A malformed URL is never retried and fails the same way every time: the
    // configuration is at fault, as at construction, and nothing was sent.
    const int exit_code =
        e.kind() == csms::TransportError::Kind::kInvalidUrl ? kExitUsage : kExitTransport;
    Report r = ClientSide(exit_code, "TransportError", e.what());
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

// The SDK's note on an ambiguous create (what its lookup found), which what()
// carries after this marker; the whole message when the marker is missing.
constexpr char kOutcomeMarker[] = "outcome unknown: ";

std::string OutcomeNote(const csms::CsmsError& e) {
  const std::string what = e.what();
  const std::size_t at = what.rfind(kOutcomeMarker);
  return at == std::string::npos ? what : what.substr(at + sizeof(kOutcomeMarker) - 1);
}

// A create that may or may not have happened is reported as such whatever the
// error class, so that nobody re-creates (or gives up) without looking first.
void AddOutcome(const std::exception_ptr& error, Report& report) {
  try {
    std::rethrow_exception(error);
  } catch (const csms::CsmsError& e) {
    if (!e.outcome_unknown()) return;
    const std::string note = OutcomeNote(e);
    // Transport and other client-side lines are what() itself, which has it.
    if (report.line.find(kOutcomeMarker) == std::string::npos) {
      report.line += "; outcome unknown: " + note;
    }
    report.json["outcome_unknown"] = true;
    report.json["outcome_note"] = note;
  } catch (...) {
  }
}

}  // namespace

int ReportError(const std::exception_ptr& error, OutputFormat format, std::ostream& err) {
  Report report = Classify(error);
  AddOutcome(error, report);
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
