#include "csms/telemetry.h"

namespace csms {

// Out of line, so the vtable has one home; every hook does nothing by default.
void Telemetry::OnCallStart(const CallStartInfo& /*info*/) {}
void Telemetry::OnAttemptStart(const AttemptStartInfo& /*info*/) {}
void Telemetry::OnAttemptEnd(const AttemptEndInfo& /*info*/) {}
void Telemetry::OnCallEnd(const CallEndInfo& /*info*/) {}

}  // namespace csms
