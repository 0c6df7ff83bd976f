#include "internal/error_annotator.h"

#include <memory>

namespace csms {
namespace internal {

void ErrorAnnotator::AddRetryContext(CsmsError& error, int attempts,
                                     const std::string& stop_reason) {
  CsmsError::Details details = *error.details_;
  details.attempts = attempts;
  details.retry_stop_reason = stop_reason;
  details.message += " [" + std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts") +
                     "; " + stop_reason + "]";
  error.details_ = std::make_shared<const CsmsError::Details>(std::move(details));
}

void ErrorAnnotator::MarkOutcomeUnknown(CsmsError& error, const std::string& finding) {
  CsmsError::Details details = *error.details_;
  details.outcome_unknown = true;
  details.message += "; outcome unknown: " + finding;
  error.details_ = std::make_shared<const CsmsError::Details>(std::move(details));
}

}  // namespace internal
}  // namespace csms
