#ifndef CSMS_EMULATOR_SRC_STORE_H_
#define CSMS_EMULATOR_SRC_STORE_H_

// The emulated service's behaviour over its state: every operation of the wire
// contract, with the rules that need more than one request body to check
// (existence, duplicates, quota, references, firing events).

#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "event_request.h"
#include "model.h"
#include "notifications.h"
#include "paging.h"
#include "secret_request.h"
#include "service_error.h"

namespace csms::emu {

/// 404 CSMS.0005 for a secret name.
ServiceError SecretNotFound(const std::string& name);
/// The SYSCURRENT version's id and expiry ("v1" and 0 when no version has the label).
VersionRef CurrentVersionRef(const SecretData& secret);

/// Thread-safe: one mutex guards the state. A change is made on a copy, handed to
/// the persist callback (if any), and only then becomes visible, so a failed
/// write leaves the served state unchanged.
class Store {
 public:
  /// Called with the new state, under the lock, before a change is committed.
  /// May throw; the change is then abandoned.
  using PersistFn = std::function<void(const StoreData&)>;
  /// "Now" in epoch milliseconds: every stored time, expiry and scheduled deletion.
  using NowFn = std::function<std::int64_t()>;
  /// Told about records a change appended: the index of the first in
  /// StoreData::records (records are never removed) and the records. Called
  /// under the store's lock once the change is committed: must not call back
  /// into the store.
  using RecordsFn =
      std::function<void(std::size_t first_index, const std::vector<RecordData>& records)>;

  /// The service's quota of events per project.
  static constexpr std::size_t kMaxEvents = 30;

  /// An empty `now` means the system clock.
  explicit Store(PersistFn persist = nullptr, NowFn now = nullptr);

  /// Replaces the whole state (after loading a state file); does not persist.
  void Reset(StoreData data);
  /// Sets the listener for new records (delivery); before any request.
  void SetRecordListener(RecordsFn listener);
  /// Sets a record's notification_status (persisted); an index past the end is ignored.
  void SetRecordStatus(std::size_t index, const std::string& status);
  StoreData Snapshot() const;

  // Every operation throws ServiceError for an error answer.
  EventData CreateEvent(EventData event);
  EventData ShowEvent(const std::string& name) const;
  EventData UpdateEvent(const std::string& name, const EventUpdate& update);
  void DeleteEvent(const std::string& name);
  Page<EventData> ListEvents(const PageRequest& request) const;
  std::vector<RecordData> ListRecords() const;

  SecretData CreateSecret(SecretData secret);
  SecretData ShowSecret(const std::string& name) const;
  SecretData UpdateSecret(const std::string& name, const SecretUpdate& update);
  void DeleteSecret(const std::string& name);
  /// With `event_name`, only the secrets subscribed to that event.
  Page<SecretData> ListSecrets(const PageRequest& request,
                               const std::optional<std::string>& event_name) const;

  // Versions and the secret lifecycle (version_store.cc).
  VersionData CreateVersion(const std::string& secret_name, VersionData version);
  Page<VersionData> ListVersions(const std::string& secret_name, const PageRequest& request) const;
  /// version_id may be "latest": the version labelled SYSCURRENT.
  VersionData ShowVersion(const std::string& secret_name, const std::string& version_id) const;
  VersionData UpdateVersion(const std::string& secret_name, const std::string& version_id,
                            std::int64_t expire_time);
  /// What RotateSecret answers: the version id and a rotation task id.
  struct Rotation {
    std::string version_id;
    std::string task_id;
  };
  /// A new version with the current value (SECRET_ROTATED), or, while failures
  /// are queued (FailNextRotations), no change and SECRET_ROTATED_FAILED.
  Rotation RotateSecret(const std::string& secret_name);
  SecretData ScheduleDeletion(const std::string& secret_name, int recovery_window_in_days);
  SecretData CancelDeletion(const std::string& secret_name);
  /// The next `count` rotations fail (SECRET_ROTATED_FAILED); 0 clears.
  void FailNextRotations(int count);
  /// Carries out what is due at now(): fires SECRET_VERSION_EXPIRED once for
  /// each version whose expire_time has passed, and deletes secrets whose
  /// scheduled deletion time has passed (SECRET_DELETED). Called before every
  /// request and after the clock moves. Returns how many things happened.
  std::size_t Tick();

 private:
  void Commit(StoreData next);  // requires mu_ held

  PersistFn persist_;
  NowFn now_;
  RecordsFn on_records_;
  int failing_rotations_ = 0;  // guarded by mu_
  mutable std::mutex mu_;
  StoreData data_;
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_STORE_H_
