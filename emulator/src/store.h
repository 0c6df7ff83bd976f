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
#include "paging.h"
#include "secret_request.h"

namespace csms::emu {

/// Thread-safe: one mutex guards the state. A change is made on a copy, handed to
/// the persist callback (if any), and only then becomes visible, so a failed
/// write leaves the served state unchanged.
class Store {
 public:
  /// Called with the new state, under the lock, before a change is committed.
  /// May throw; the change is then abandoned.
  using PersistFn = std::function<void(const StoreData&)>;

  /// The service's quota of events per project.
  static constexpr std::size_t kMaxEvents = 30;

  explicit Store(PersistFn persist = nullptr);

  /// Replaces the whole state (after loading a state file); does not persist.
  void Reset(StoreData data);
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

 private:
  void Commit(StoreData next);  // requires mu_ held

  PersistFn persist_;
  mutable std::mutex mu_;
  StoreData data_;
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_STORE_H_
