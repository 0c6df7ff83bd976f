// The Store's secret versions and secret lifecycle: new versions and their
// stage labels, expiry, rotation, and scheduled deletion. Everything that is
// due at a time (an expiry, a deletion) happens in Tick(), against the
// injected clock, so tests move time instead of waiting.

#include <algorithm>
#include <utility>

#include "random_ids.h"
#include "store.h"

namespace csms::emu {
namespace {

// The service keeps at most this many versions per secret.
constexpr std::size_t kMaxVersions = 20;
constexpr std::int64_t kMillisPerDay = 24LL * 60 * 60 * 1000;
constexpr const char* kCurrent = "SYSCURRENT";
constexpr const char* kPrevious = "SYSPREVIOUS";

bool HasStage(const VersionData& version, const std::string& stage) {
  return std::find(version.version_stages.begin(), version.version_stages.end(), stage) !=
         version.version_stages.end();
}

void RemoveStage(VersionData& version, const std::string& stage) {
  auto& stages = version.version_stages;
  stages.erase(std::remove(stages.begin(), stages.end(), stage), stages.end());
}

SecretData& FindSecret(StoreData& data, const std::string& name) {
  const auto it = data.secrets.find(name);
  if (it == data.secrets.end()) throw SecretNotFound(name);
  return it->second;
}

const SecretData& FindSecret(const StoreData& data, const std::string& name) {
  const auto it = data.secrets.find(name);
  if (it == data.secrets.end()) throw SecretNotFound(name);
  return it->second;
}

void RefusePendingDelete(const SecretData& secret) {
  if (secret.state == "PENDING_DELETE") {
    throw InvalidRequest("The secret [" + secret.name + "] is pending deletion; restore it first");
  }
}

// "latest" is the version labelled SYSCURRENT.
template <typename Secret>
auto FindVersion(Secret& secret, const std::string& id) -> decltype(&secret.versions.front()) {
  for (auto& version : secret.versions) {
    if (id == "latest" ? HasStage(version, kCurrent) : version.id == id) return &version;
  }
  return nullptr;
}

ServiceError VersionNotFound(const std::string& secret_name, const std::string& id) {
  return NotFound("The version [" + id + "] of the secret [" + secret_name + "] does not exist");
}

// Adds `version` to `secret` as the next vN. Each of its labels moves off the
// version that had it; when it becomes SYSCURRENT, the version that was
// current becomes SYSPREVIOUS (as the service documents).
VersionData& AddVersion(SecretData& secret, VersionData version, std::int64_t now) {
  if (secret.versions.size() >= kMaxVersions) {
    throw InvalidRequest("The secret [" + secret.name + "] already has " +
                         std::to_string(kMaxVersions) + " versions");
  }
  if (version.version_stages.empty()) version.version_stages = {kCurrent};
  const bool becomes_current = HasStage(version, kCurrent);
  for (auto& other : secret.versions) {
    const bool was_current = HasStage(other, kCurrent);
    for (const auto& stage : version.version_stages) RemoveStage(other, stage);
    if (becomes_current) {
      RemoveStage(other, kPrevious);
      if (was_current) other.version_stages.emplace_back(kPrevious);
    }
  }
  version.id = "v" + std::to_string(secret.versions.size() + 1);
  version.create_time = now;
  version.expiry_fired = false;
  secret.versions.push_back(std::move(version));
  secret.update_time = std::max(now, secret.update_time);
  return secret.versions.back();
}

}  // namespace

VersionData Store::CreateVersion(const std::string& secret_name, VersionData version) {
  std::lock_guard<std::mutex> lock(mu_);
  StoreData next = data_;
  SecretData& secret = FindSecret(next, secret_name);
  if (secret.state != "ENABLED") {
    throw InvalidRequest("Versions can only be added to an enabled secret");
  }
  const std::int64_t now = now_();
  const VersionData added = AddVersion(secret, std::move(version), now);
  FireSubscribed(next, secret, "SECRET_VERSION_CREATED", now, {added.id, added.expire_time});
  Commit(std::move(next));
  return added;
}

Page<VersionData> Store::ListVersions(const std::string& secret_name,
                                      const PageRequest& request) const {
  std::lock_guard<std::mutex> lock(mu_);
  const SecretData& secret = FindSecret(data_, secret_name);
  Page<VersionData> page;
  if (!request.marker.empty()) page.previous_marker = request.marker;
  // Versions are listed in creation order; the marker is the last id seen.
  auto it = secret.versions.begin();
  if (!request.marker.empty()) {
    const auto marked =
        std::find_if(secret.versions.begin(), secret.versions.end(),
                     [&](const VersionData& version) { return version.id == request.marker; });
    it = marked == secret.versions.end() ? secret.versions.end() : marked + 1;
  }
  for (; it != secret.versions.end(); ++it) {
    if (page.items.size() == request.limit) {
      if (!page.items.empty()) page.next_marker = page.items.back().id;
      break;
    }
    page.items.push_back(*it);
  }
  return page;
}

VersionData Store::ShowVersion(const std::string& secret_name,
                               const std::string& version_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  const SecretData& secret = FindSecret(data_, secret_name);
  RefusePendingDelete(secret);
  const VersionData* version = FindVersion(secret, version_id);
  if (version == nullptr) throw VersionNotFound(secret_name, version_id);
  return *version;
}

VersionData Store::UpdateVersion(const std::string& secret_name, const std::string& version_id,
                                 std::int64_t expire_time) {
  std::lock_guard<std::mutex> lock(mu_);
  StoreData next = data_;
  SecretData& secret = FindSecret(next, secret_name);
  RefusePendingDelete(secret);
  VersionData* version = FindVersion(secret, version_id);
  if (version == nullptr) throw VersionNotFound(secret_name, version_id);
  // A new expiry is a new cause: it fires again when it passes.
  if (version->expire_time != expire_time) version->expiry_fired = false;
  version->expire_time = expire_time;
  const VersionData result = *version;
  Commit(std::move(next));
  return result;
}

Store::Rotation Store::RotateSecret(const std::string& secret_name) {
  std::lock_guard<std::mutex> lock(mu_);
  StoreData next = data_;
  SecretData& secret = FindSecret(next, secret_name);
  RefusePendingDelete(secret);
  const std::int64_t now = now_();
  Rotation rotation;
  rotation.task_id = NewUuid();
  if (failing_rotations_ > 0) {
    // The rotation task runs and fails: nothing changes but the notification.
    rotation.version_id = CurrentVersionRef(secret).id;
    FireSubscribed(next, secret, "SECRET_ROTATED_FAILED", now, CurrentVersionRef(secret));
    Commit(std::move(next));
    --failing_rotations_;
    return rotation;
  }
  // A COMMON secret has no rotation function: the new version keeps the value.
  VersionData rotated;
  if (const VersionData* current = FindVersion(secret, "latest")) {
    rotated.secret_string = current->secret_string;
    rotated.secret_binary = current->secret_binary;
  }
  const VersionData added = AddVersion(secret, std::move(rotated), now);
  secret.rotation_time = now;
  rotation.version_id = added.id;
  FireSubscribed(next, secret, "SECRET_ROTATED", now, {added.id, added.expire_time});
  Commit(std::move(next));
  return rotation;
}

SecretData Store::ScheduleDeletion(const std::string& secret_name, int recovery_window_in_days) {
  std::lock_guard<std::mutex> lock(mu_);
  StoreData next = data_;
  SecretData& secret = FindSecret(next, secret_name);
  RefusePendingDelete(secret);
  const std::int64_t now = now_();
  secret.state = "PENDING_DELETE";
  secret.scheduled_delete_time = now + recovery_window_in_days * kMillisPerDay;
  secret.update_time = std::max(now, secret.update_time);
  const SecretData result = secret;
  Commit(std::move(next));
  return result;
}

SecretData Store::CancelDeletion(const std::string& secret_name) {
  std::lock_guard<std::mutex> lock(mu_);
  StoreData next = data_;
  SecretData& secret = FindSecret(next, secret_name);
  if (secret.state != "PENDING_DELETE") {
    throw InvalidRequest("The secret [" + secret_name + "] is not pending deletion");
  }
  secret.state = "ENABLED";
  secret.scheduled_delete_time = 0;
  secret.update_time = std::max(now_(), secret.update_time);
  const SecretData result = secret;
  Commit(std::move(next));
  return result;
}

void Store::FailNextRotations(int count) {
  std::lock_guard<std::mutex> lock(mu_);
  failing_rotations_ = std::max(count, 0);
}

std::size_t Store::Tick() {
  std::lock_guard<std::mutex> lock(mu_);
  const std::int64_t now = now_();
  std::size_t happened = 0;
  StoreData next = data_;
  for (auto it = next.secrets.begin(); it != next.secrets.end();) {
    SecretData& secret = it->second;
    for (auto& version : secret.versions) {
      if (version.expire_time == 0 || version.expiry_fired || version.expire_time > now) continue;
      version.expiry_fired = true;
      FireSubscribed(next, secret, "SECRET_VERSION_EXPIRED", now,
                     {version.id, version.expire_time});
      ++happened;
    }
    if (secret.state == "PENDING_DELETE" && secret.scheduled_delete_time <= now) {
      FireSubscribed(next, secret, "SECRET_DELETED", now, CurrentVersionRef(secret));
      it = next.secrets.erase(it);
      ++happened;
    } else {
      ++it;
    }
  }
  if (happened > 0) Commit(std::move(next));
  return happened;
}

}  // namespace csms::emu
