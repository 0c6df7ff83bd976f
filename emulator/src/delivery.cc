#include "delivery.h"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "random_ids.h"
#include "sdk_date.h"

namespace csms::emu {
namespace {

// SMN's receivers get a few seconds; a test receiver answers at once.
constexpr time_t kConnectTimeoutSeconds = 2;
constexpr time_t kTotalTimeoutSeconds = 5;

std::string AsciiLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

[[noreturn]] void Refuse(const std::string& /*url*/, const std::string& why) {
  // The URL is not quoted: its userinfo could hold a password.
  throw std::runtime_error("csms-emulator: a delivery URL is refused: " + why);
}

}  // namespace

LoopbackUrl ParseLoopbackUrl(const std::string& url) {
  LoopbackUrl result;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) Refuse(url, "not an http or https URL");
  result.scheme = AsciiLower(url.substr(0, scheme_end));
  if (result.scheme != "http" && result.scheme != "https") {
    Refuse(url, "not an http or https URL");
  }
  if (url.find('#') != std::string::npos) Refuse(url, "it has a fragment");
  const std::string rest = url.substr(scheme_end + 3);
  const std::size_t authority_end = rest.find_first_of("/?");
  const std::string authority = rest.substr(0, authority_end);
  result.path = authority_end == std::string::npos ? "/" : rest.substr(authority_end);
  if (result.path.front() == '?') result.path.insert(0, "/");
  if (authority.find('@') != std::string::npos) Refuse(url, "it has userinfo");

  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) Refuse(url, "an IPv6 address without ']'");
    result.host = authority.substr(0, close + 1);
    const std::string after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') Refuse(url, "a bad port");
    if (!after.empty()) port_text = after.substr(1);
    if (after == ":") Refuse(url, "a bad port");
  } else {
    const std::size_t colon = authority.find(':');
    result.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) Refuse(url, "a bad port");
    }
  }
  const std::string host = AsciiLower(result.host);
  if (host != "127.0.0.1" && host != "[::1]" && host != "localhost") {
    Refuse(url, "only loopback hosts (127.0.0.1, [::1], localhost) are allowed");
  }
  if (port_text.empty()) {
    result.port = result.scheme == "https" ? 443 : 80;
  } else {
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos) {
      Refuse(url, "a bad port");
    }
    result.port = std::stoi(port_text);
    if (result.port < 1 || result.port > 65535) Refuse(url, "a bad port");
  }
  return result;
}

std::string NotificationStringToSign(const SmnNotification& n) {
  std::string text;
  const auto line = [&text](const std::string& key, const std::string& value) {
    text.append(key).append("\n").append(value).append("\n");
  };
  line("message", n.message);
  line("message_id", n.message_id);
  if (!n.subject.empty()) line("subject", n.subject);
  line("timestamp", n.timestamp);
  line("topic_urn", n.topic_urn);
  line("type", "Notification");
  return text;
}

std::string NotificationBody(const SmnNotification& n, const std::string& signature) {
  const nlohmann::json body{{"type", "Notification"},
                            {"message_id", n.message_id},
                            {"topic_urn", n.topic_urn},
                            {"subject", n.subject},
                            {"message", n.message},
                            {"timestamp", n.timestamp},
                            {"signature_version", "v1"},
                            {"signature", signature},
                            {"signing_cert_url", n.signing_cert_url},
                            {"unsubscribe_url", n.unsubscribe_url}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> DeliveryTargets::For(const std::string& topic_urn) const {
  std::vector<std::string> urls = all;
  const auto it = by_topic.find(topic_urn);
  if (it != by_topic.end()) urls.insert(urls.end(), it->second.begin(), it->second.end());
  // One POST per URL, even when it is listed twice.
  std::vector<std::string> unique;
  for (auto& url : urls) {
    if (std::find(unique.begin(), unique.end(), url) == unique.end()) unique.push_back(url);
  }
  return unique;
}

Deliverer::Deliverer(DeliveryTargets targets, std::chrono::milliseconds retry_delay, NowFn now,
                     StatusFn status)
    : targets_(std::move(targets)),
      retry_delay_(retry_delay),
      now_(std::move(now)),
      status_(std::move(status)) {}

Deliverer::~Deliverer() { Stop(); }

void Deliverer::Start(std::shared_ptr<const SigningIdentity> identity,
                      const std::string& endpoint) {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  identity_ = std::move(identity);
  endpoint_ = endpoint;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Deliverer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
  std::deque<Item> abandoned;
  {
    std::lock_guard<std::mutex> lock(mu_);
    abandoned.swap(queue_);
    queued_deliveries_ = 0;
  }
  for (const auto& item : abandoned) status_(item.index, "FAIL");
  changed_.notify_all();  // a Flush() waiting on them
}

void Deliverer::Enqueue(std::size_t first_index, const std::vector<RecordData>& records) {
  bool queued = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const RecordData& record = records[i];
      if (targets_.For(record.notification_target_id).empty()) continue;
      Item item;
      item.index = first_index + i;
      if (queued_deliveries_ >= kMaxQueued) {
        item.overflow = true;  // only its index is kept, to mark it FAIL
      } else {
        item.topic_urn = record.notification_target_id;
        item.subject = record.trigger_event_type;
        item.message = record.notification_content;
        ++queued_deliveries_;
      }
      queue_.push_back(std::move(item));
      queued = true;
    }
  }
  if (queued) changed_.notify_all();
}

bool Deliverer::Flush(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  return changed_.wait_for(lock, timeout, [this] { return queue_.empty() && !busy_; });
}

void Deliverer::Run() {
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(mu_);
      changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
      if (!item.overflow) --queued_deliveries_;
      busy_ = true;
    }
    bool delivered = false;
    try {
      delivered = !item.overflow && Deliver(item);
    } catch (const std::exception&) {
      delivered = false;  // signing failed: nothing was sent
    }
    status_(item.index, delivered ? "SUCCESS" : "FAIL");
    {
      std::lock_guard<std::mutex> lock(mu_);
      busy_ = false;
    }
    changed_.notify_all();
  }
}

bool Deliverer::Deliver(const Item& item) {
  SmnNotification notification;
  notification.message_id = NewRequestId();
  notification.topic_urn = item.topic_urn;
  notification.subject = item.subject;
  notification.message = item.message;
  // "When the message was first sent": retries resend the same message.
  notification.timestamp = FormatIsoSeconds(now_());
  notification.signing_cert_url = endpoint_ + kSigningCertPath;
  notification.unsubscribe_url = endpoint_ + "/smn/unsubscribe?topic_urn=" + item.topic_urn;
  const std::string body =
      NotificationBody(notification, identity_->SignBase64(NotificationStringToSign(notification)));

  bool all_delivered = true;
  for (const auto& url : targets_.For(item.topic_urn)) {
    bool delivered = false;
    for (int attempt = 0; attempt < kAttempts && !delivered; ++attempt) {
      if (attempt > 0 && !WaitUnlessStopping(retry_delay_ * (1 << (attempt - 1)))) break;
      delivered = Post(url, notification, body);
    }
    all_delivered = all_delivered && delivered;
  }
  return all_delivered;
}

bool Deliverer::Post(const std::string& url, const SmnNotification& notification,
                     const std::string& body) {
  const LoopbackUrl target = ParseLoopbackUrl(url);  // checked at construction already
  httplib::Client client(target.scheme + "://" + target.host + ":" + std::to_string(target.port));
  client.set_connection_timeout(kConnectTimeoutSeconds, 0);
  client.set_read_timeout(kTotalTimeoutSeconds, 0);
  client.set_write_timeout(kTotalTimeoutSeconds, 0);
  // A loopback test receiver has a self-signed certificate; nothing leaves the host.
  client.enable_server_certificate_verification(false);
  const httplib::Headers headers{{"X-SMN-MESSAGE-TYPE", "Notification"},
                                 {"X-SMN-MESSAGE-ID", notification.message_id},
                                 {"X-SMN-TOPIC-URN", notification.topic_urn}};
  const auto result = client.Post(target.path, headers, body, "application/json; charset=UTF-8");
  return result && result->status >= 200 && result->status < 300;
}

bool Deliverer::WaitUnlessStopping(std::chrono::milliseconds delay) {
  std::unique_lock<std::mutex> lock(mu_);
  return !changed_.wait_for(lock, delay, [this] { return stopping_; });
}

}  // namespace csms::emu
