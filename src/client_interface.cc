#include "csms/client_interface.h"

#include "csms/errors.h"

// The default bodies: an implementation overrides what it provides, and
// everything else says so by name instead of failing to compile.

namespace csms {

Event CsmsClientInterface::CreateSecretEvent(const CreateSecretEventRequest&, const CallOptions&) {
  throw UnimplementedError("CreateSecretEvent");
}

Event CsmsClientInterface::ShowSecretEvent(const std::string&, const CallOptions&) {
  throw UnimplementedError("ShowSecretEvent");
}

Event CsmsClientInterface::UpdateSecretEvent(const std::string&, const UpdateSecretEventRequest&,
                                             const CallOptions&) {
  throw UnimplementedError("UpdateSecretEvent");
}

void CsmsClientInterface::DeleteSecretEvent(const std::string&, const CallOptions&) {
  throw UnimplementedError("DeleteSecretEvent");
}

EventPage CsmsClientInterface::ListSecretEvents(const ListSecretEventsRequest&,
                                                const CallOptions&) {
  throw UnimplementedError("ListSecretEvents");
}

std::vector<Event> CsmsClientInterface::ListAllSecretEvents(const CallOptions&) {
  throw UnimplementedError("ListAllSecretEvents");
}

NotificationRecordPage CsmsClientInterface::ListNotificationRecords(const CallOptions&) {
  throw UnimplementedError("ListNotificationRecords");
}

Secret CsmsClientInterface::CreateSecret(const CreateSecretRequest&, const CallOptions&) {
  throw UnimplementedError("CreateSecret");
}

Secret CsmsClientInterface::ShowSecret(const std::string&, const CallOptions&) {
  throw UnimplementedError("ShowSecret");
}

Secret CsmsClientInterface::UpdateSecret(const std::string&, const UpdateSecretRequest&,
                                         const CallOptions&) {
  throw UnimplementedError("UpdateSecret");
}

void CsmsClientInterface::DeleteSecret(const std::string&, const CallOptions&) {
  throw UnimplementedError("DeleteSecret");
}

SecretPage CsmsClientInterface::ListSecrets(const ListSecretsRequest&, const CallOptions&) {
  throw UnimplementedError("ListSecrets");
}

SecretVersion CsmsClientInterface::CreateSecretVersion(const std::string&,
                                                       const CreateSecretVersionRequest&,
                                                       const CallOptions&) {
  throw UnimplementedError("CreateSecretVersion");
}

SecretVersionPage CsmsClientInterface::ListSecretVersions(const std::string&,
                                                          const ListSecretVersionsRequest&,
                                                          const CallOptions&) {
  throw UnimplementedError("ListSecretVersions");
}

std::vector<SecretVersion> CsmsClientInterface::ListAllSecretVersions(const std::string&,
                                                                      const CallOptions&) {
  throw UnimplementedError("ListAllSecretVersions");
}

SecretVersionWithValue CsmsClientInterface::ShowSecretVersion(const std::string&,
                                                              const std::string&,
                                                              const CallOptions&) {
  throw UnimplementedError("ShowSecretVersion");
}

SecretVersion CsmsClientInterface::UpdateSecretVersion(const std::string&, const std::string&,
                                                       const UpdateSecretVersionRequest&,
                                                       const CallOptions&) {
  throw UnimplementedError("UpdateSecretVersion");
}

void CsmsClientInterface::RotateSecret(const std::string&, const CallOptions&) {
  throw UnimplementedError("RotateSecret");
}

void CsmsClientInterface::DeleteSecretForSchedule(const std::string&, int, const CallOptions&) {
  throw UnimplementedError("DeleteSecretForSchedule");
}

void CsmsClientInterface::RestoreSecretFromDeleteSchedule(const std::string&, const CallOptions&) {
  throw UnimplementedError("RestoreSecretFromDeleteSchedule");
}

}  // namespace csms
