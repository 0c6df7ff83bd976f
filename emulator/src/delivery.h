#ifndef CSMS_EMULATOR_SRC_DELIVERY_H_
#define CSMS_EMULATOR_SRC_DELIVERY_H_

// Delivery of notification records the way SMN pushes to an HTTP(S)
// subscriber: each record becomes a signed "Notification" message POSTed to
// the loopback URLs configured for its topic, on one background thread, so a
// slow or dead receiver never holds up a CSMS request.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "model.h"
#include "signing_identity.h"

namespace csms::emu {

/// Where the emulator serves its signing certificate (PEM), under endpoint().
inline constexpr const char* kSigningCertPath = "/smn/signing-cert.pem";

/// A delivery URL, split. Only http and https to 127.0.0.1, [::1] or localhost.
struct LoopbackUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // as written, brackets included for IPv6
  int port = 0;        // the scheme's default when the URL has none
  std::string path;    // path and query, "/" when empty
};

/// Splits `url`, or throws std::runtime_error saying why it is refused (not
/// http(s), userinfo, a fragment, a bad port, a host that is not loopback).
LoopbackUrl ParseLoopbackUrl(const std::string& url);

/// One SMN Notification message, before it is encoded.
struct SmnNotification {
  std::string message_id;
  std::string topic_urn;
  std::string subject;
  std::string message;
  std::string timestamp;
  std::string signing_cert_url;
  std::string unsubscribe_url;
};

/// SMN's string to sign for a Notification: message, message_id, subject
/// (left out when empty), timestamp, topic_urn and type, each key and then
/// its value on a line of its own ending in "\n" (docs/notifications.md).
std::string NotificationStringToSign(const SmnNotification& notification);

/// The JSON body: every member of the Notification table, signature_version
/// "v1" and `signature` as given.
std::string NotificationBody(const SmnNotification& notification, const std::string& signature);

/// Which URLs get a topic's notifications: `all` for every topic, plus
/// `by_topic[urn]` for that topic (deduplicated, in that order).
struct DeliveryTargets {
  std::vector<std::string> all;
  std::map<std::string, std::vector<std::string>> by_topic;

  bool empty() const { return all.empty() && by_topic.empty(); }
  std::vector<std::string> For(const std::string& topic_urn) const;
};

/// The delivery queue and its thread. Thread-safe.
class Deliverer {
 public:
  /// Told the outcome of a record's delivery: its index in StoreData::records
  /// and "SUCCESS" or "FAIL". Called on the delivery thread without any of
  /// the deliverer's locks held.
  using StatusFn = std::function<void(std::size_t record_index, const std::string& status)>;
  using NowFn = std::function<std::chrono::system_clock::time_point()>;

  /// Records waiting beyond this are not delivered (their status becomes FAIL).
  static constexpr std::size_t kMaxQueued = 1000;
  /// Attempts per URL before a delivery is given up.
  static constexpr int kAttempts = 3;

  /// `targets` must have passed ParseLoopbackUrl(). `retry_delay` is the wait
  /// before the second attempt (doubled before the third).
  Deliverer(DeliveryTargets targets, std::chrono::milliseconds retry_delay, NowFn now,
            StatusFn status);
  ~Deliverer();
  Deliverer(const Deliverer&) = delete;
  Deliverer& operator=(const Deliverer&) = delete;

  /// Starts the thread. `identity` signs every message; `endpoint` is the
  /// emulator's "http://HOST:PORT" (for signing_cert_url and unsubscribe_url).
  void Start(std::shared_ptr<const SigningIdentity> identity, const std::string& endpoint);
  /// Cuts retry waits short, finishes the attempt under way, joins the thread.
  /// Records still queued are marked FAIL.
  void Stop();

  /// Queues the records for delivery when their topic has URLs; returns at
  /// once. Called with the store's lock held: touches only the queue.
  void Enqueue(std::size_t first_index, const std::vector<RecordData>& records);
  /// Blocks until nothing is queued or being delivered, or `timeout` passes.
  /// Returns whether everything was delivered (or given up).
  bool Flush(std::chrono::milliseconds timeout);

 private:
  struct Item {
    std::size_t index = 0;
    std::string topic_urn;
    std::string subject;
    std::string message;
    bool overflow = false;  // not delivered: the queue was full
  };

  void Run();
  bool Deliver(const Item& item);
  bool Post(const std::string& url, const SmnNotification& notification, const std::string& body);
  // Waits `delay` unless Stop() comes first; returns false when stopping.
  bool WaitUnlessStopping(std::chrono::milliseconds delay);

  const DeliveryTargets targets_;
  const std::chrono::milliseconds retry_delay_;
  const NowFn now_;
  const StatusFn status_;

  std::mutex mu_;
  std::condition_variable changed_;  // queue, busy_ or stopping_ changed
  std::deque<Item> queue_;
  std::size_t queued_deliveries_ = 0;  // items in queue_ that are not overflow
  bool busy_ = false;
  bool stopping_ = false;
  std::shared_ptr<const SigningIdentity> identity_;
  std::string endpoint_;
  std::thread thread_;
};

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_DELIVERY_H_
