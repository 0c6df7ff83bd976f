#include "store.h"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "clock.h"
#include "notifications.h"
#include "random_ids.h"
#include "service_error.h"

namespace csms::emu {
namespace {

// Stands in for the id of the service's default master key "csms/default".
constexpr const char* kDefaultKmsKeyId = "0d0466b0-e727-4d9c-b35d-f84bb474a37f";

ServiceError EventNotFound(const std::string& name) {
  return NotFound("The event [" + name + "] does not exist");
}

}  // namespace

ServiceError SecretNotFound(const std::string& name) {
  return NotFound("The secret [" + name + "] does not exist");
}

VersionRef CurrentVersionRef(const SecretData& secret) {
  VersionRef ref;
  for (const auto& version : secret.versions) {
    const auto& stages = version.version_stages;
    if (std::find(stages.begin(), stages.end(), "SYSCURRENT") != stages.end()) {
      ref.id = version.id;
      ref.expire_time = version.expire_time;
    }
  }
  return ref;
}

namespace {

void CheckSubscriptionsExist(const StoreData& data, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (data.events.count(name) == 0) {
      throw InvalidParameter("event_subscriptions names an event that does not exist: " + name);
    }
  }
}

}  // namespace

Store::Store(PersistFn persist, NowFn now)
    : persist_(std::move(persist)), now_(now ? std::move(now) : NowFn(NowEpochMillis)) {}

void Store::Reset(StoreData data) {
  std::lock_guard<std::mutex> lock(mu_);
  data_ = std::move(data);
}

StoreData Store::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return data_;
}

void Store::SetRecordListener(RecordsFn listener) {
  std::lock_guard<std::mutex> lock(mu_);
  on_records_ = std::move(listener);
}

void Store::SetRecordStatus(std::size_t index, const std::string& status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (index >= data_.records.size() || data_.records[index].notification_status == status) return;
  StoreData next = data_;
  next.records[index].notification_status = status;
  Commit(std::move(next));
}

void Store::Commit(StoreData next) {
  if (persist_) persist_(next);
  const std::size_t before = data_.records.size();
  data_ = std::move(next);
  if (on_records_ && data_.records.size() > before) {
    const std::vector<RecordData> added(data_.records.begin() + static_cast<std::ptrdiff_t>(before),
                                        data_.records.end());
    on_records_(before, added);
  }
}

EventData Store::CreateEvent(EventData event) {
  std::lock_guard<std::mutex> lock(mu_);
  if (data_.events.count(event.name) != 0) {
    throw InvalidParameter("The event [" + event.name + "] already exists");
  }
  if (data_.events.size() >= kMaxEvents) {
    throw InvalidRequest("The quota of " + std::to_string(kMaxEvents) +
                         " events has been reached; delete an event first");
  }
  event.event_id = NewUuid();
  event.create_time = event.update_time = now_();
  StoreData next = data_;
  next.events[event.name] = event;
  Commit(std::move(next));
  return event;
}

EventData Store::ShowEvent(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = data_.events.find(name);
  if (it == data_.events.end()) throw EventNotFound(name);
  return it->second;
}

EventData Store::UpdateEvent(const std::string& name, const EventUpdate& update) {
  std::lock_guard<std::mutex> lock(mu_);
  if (data_.events.count(name) == 0) throw EventNotFound(name);
  StoreData next = data_;
  EventData& event = next.events[name];
  if (update.event_types) event.event_types = *update.event_types;
  if (update.state) event.state = *update.state;
  if (update.notification) event.notification = *update.notification;
  event.update_time = std::max(now_(), event.update_time);
  EventData result = event;
  Commit(std::move(next));
  return result;
}

void Store::DeleteEvent(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (data_.events.count(name) == 0) throw EventNotFound(name);
  for (const auto& [secret_name, secret] : data_.secrets) {
    const auto& subscriptions = secret.event_subscriptions;
    if (std::find(subscriptions.begin(), subscriptions.end(), name) != subscriptions.end()) {
      throw InvalidRequest("The event [" + name + "] is subscribed by the secret [" + secret_name +
                           "]; detach it from the secret first");
    }
  }
  StoreData next = data_;
  next.events.erase(name);
  Commit(std::move(next));
}

Page<EventData> Store::ListEvents(const PageRequest& request) const {
  std::lock_guard<std::mutex> lock(mu_);
  return TakePage(data_.events, request, [](const EventData&) { return true; });
}

std::vector<RecordData> Store::ListRecords() const {
  std::lock_guard<std::mutex> lock(mu_);
  return data_.records;
}

SecretData Store::CreateSecret(SecretData secret) {
  std::lock_guard<std::mutex> lock(mu_);
  if (data_.secrets.count(secret.name) != 0) {
    throw InvalidParameter("The secret [" + secret.name + "] already exists");
  }
  CheckSubscriptionsExist(data_, secret.event_subscriptions);
  secret.id = NewUuid();
  secret.state = "ENABLED";
  if (secret.kms_key_id.empty()) secret.kms_key_id = kDefaultKmsKeyId;
  const std::int64_t now = now_();
  secret.create_time = secret.update_time = now;
  // Creating a secret creates its first version, which holds the value.
  VersionData first;
  first.id = "v1";
  first.version_stages = {"SYSCURRENT"};
  first.create_time = now;
  first.secret_string = secret.secret_string;
  first.secret_binary = secret.secret_binary;
  secret.versions = {std::move(first)};
  StoreData next = data_;
  next.secrets[secret.name] = secret;
  FireSubscribed(next, secret, "SECRET_VERSION_CREATED", now);
  Commit(std::move(next));
  return secret;
}

SecretData Store::ShowSecret(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = data_.secrets.find(name);
  if (it == data_.secrets.end()) throw SecretNotFound(name);
  return it->second;
}

SecretData Store::UpdateSecret(const std::string& name, const SecretUpdate& update) {
  std::lock_guard<std::mutex> lock(mu_);
  if (data_.secrets.count(name) == 0) throw SecretNotFound(name);
  if (update.event_subscriptions) CheckSubscriptionsExist(data_, *update.event_subscriptions);
  StoreData next = data_;
  SecretData& secret = next.secrets[name];
  if (update.kms_key_id) secret.kms_key_id = *update.kms_key_id;
  if (update.description) secret.description = *update.description;
  if (update.auto_rotation) secret.auto_rotation = *update.auto_rotation;
  if (update.rotation_period) secret.rotation_period = *update.rotation_period;
  if (update.rotation_func_urn) secret.rotation_func_urn = *update.rotation_func_urn;
  // Subscribing fires nothing: no version is created.
  if (update.event_subscriptions) secret.event_subscriptions = *update.event_subscriptions;
  if (secret.auto_rotation && secret.rotation_period.empty()) {
    throw InvalidParameter("rotation_period is required when auto_rotation is true");
  }
  secret.update_time = std::max(now_(), secret.update_time);
  SecretData result = secret;
  Commit(std::move(next));
  return result;
}

void Store::DeleteSecret(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = data_.secrets.find(name);
  if (it == data_.secrets.end()) throw SecretNotFound(name);
  StoreData next = data_;
  FireSubscribed(next, it->second, "SECRET_DELETED", now_(), CurrentVersionRef(it->second));
  next.secrets.erase(name);
  Commit(std::move(next));
}

Page<SecretData> Store::ListSecrets(const PageRequest& request,
                                    const std::optional<std::string>& event_name) const {
  std::lock_guard<std::mutex> lock(mu_);
  return TakePage(data_.secrets, request, [&event_name](const SecretData& secret) {
    if (!event_name) return true;
    const auto& subscriptions = secret.event_subscriptions;
    return std::find(subscriptions.begin(), subscriptions.end(), *event_name) !=
           subscriptions.end();
  });
}

}  // namespace csms::emu
