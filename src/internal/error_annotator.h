#ifndef CSMS_SRC_INTERNAL_ERROR_ANNOTATOR_H_
#define CSMS_SRC_INTERNAL_ERROR_ANNOTATOR_H_

// Adds retry context to an exception that is about to be (re)thrown, keeping
// its concrete type.

#include <string>

#include "csms/errors.h"

namespace csms {
namespace internal {

class ErrorAnnotator {
 public:
  /// Records the attempts and the stop reason, and appends them to what().
  static void AddRetryContext(CsmsError& error, int attempts, const std::string& stop_reason);

  /// Marks an ambiguous create failure whose outcome could not be established,
  /// and appends what the check found to what().
  static void MarkOutcomeUnknown(CsmsError& error, const std::string& finding);
};

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_ERROR_ANNOTATOR_H_
