// csms notifications listen: a small HTTP receiver for the messages SMN pushes
// to a subscribed endpoint. Each POST is parsed and verified with the SDK's
// ParseSmnMessage and SmnMessageVerifier (csms/smn.h) before anything of it is
// printed or acted on.

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "csms/smn.h"
#include "json_output.h"
#include "table.h"
#include "time_flag.h"

namespace csms_tool {
namespace {

struct ListenOptions {
  std::string host = "127.0.0.1";
  int port = 0;
  std::optional<int> count;  // exit after this many verified messages
  bool confirm_subscriptions = false;
};

// Blocks SIGINT and SIGTERM in this thread (and so in the threads it starts)
// for its lifetime; a dedicated thread takes them with sigwait().
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

  const sigset_t& set() const { return set_; }

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

// One line for people: time, type, topic, then what the type carries.
std::string TableLine(const csms::SmnMessage& m, const std::string& confirmation) {
  std::vector<std::string> cells = {m.timestamp, m.type, m.topic_urn};
  if (m.type == "Notification") {
    const auto content = csms::ParseNotificationContent(m.message);
    cells.push_back(content ? content->event_type.value() : "");
    cells.push_back(content ? content->secret_name : "");
    cells.push_back(content ? content->version_id : "");
  } else {
    cells.push_back(m.subscribe_url);
    if (!confirmation.empty()) cells.push_back(confirmation);
  }
  std::string line;
  for (const auto& cell : cells) {
    if (!line.empty()) line += "  ";
    const std::string text = OneLine(cell);
    line += text.empty() ? "-" : text;
  }
  return line;
}

// One JSON line: the message as SMN sent it (its signature fields left out,
// they are of no use once verified), the CSMS notification decoded.
std::string JsonLine(const csms::SmnMessage& m, const std::string& confirmation) {
  nlohmann::ordered_json line;
  line["type"] = m.type;
  line["message_id"] = m.message_id;
  line["topic_urn"] = m.topic_urn;
  line["timestamp"] = m.timestamp;
  if (!m.subject.empty()) line["subject"] = m.subject;
  line["message"] = m.message;
  if (!m.subscribe_url.empty()) line["subscribe_url"] = m.subscribe_url;
  if (!m.unsubscribe_url.empty()) line["unsubscribe_url"] = m.unsubscribe_url;
  if (!confirmation.empty()) line["confirmation"] = confirmation;
  if (m.type == "Notification") {
    if (const auto content = csms::ParseNotificationContent(m.message)) {
      nlohmann::ordered_json notification;
      notification["event_name"] = content->event_name;
      notification["event_type"] = content->event_type.value();
      if (content->event_time) notification["event_time"] = EpochMilliseconds(*content->event_time);
      notification["secret_id"] = content->secret_id;
      notification["secret_name"] = content->secret_name;
      notification["version_id"] = content->version_id;
      if (content->version_expire_time) {
        notification["version_expire_time"] = EpochMilliseconds(*content->version_expire_time);
      }
      line["notification"] = std::move(notification);
    }
  }
  return CompactJson(line);
}

std::string ReasonName(csms::SmnVerificationError::Reason reason) {
  using Reason = csms::SmnVerificationError::Reason;
  switch (reason) {
    case Reason::kMalformed:
      return "malformed";
    case Reason::kUnsupportedVersion:
      return "unsupported_version";
    case Reason::kTooOld:
      return "too_old";
    case Reason::kFromTheFuture:
      return "from_the_future";
    case Reason::kCertificateUrl:
      return "certificate_url";
    case Reason::kCertificateHost:
      return "certificate_host";
    case Reason::kCertificateUnavailable:
      return "certificate_unavailable";
    case Reason::kCertificateInvalid:
      return "certificate_invalid";
    case Reason::kCertificateExpired:
      return "certificate_expired";
    case Reason::kBadSignature:
      return "bad_signature";
  }
  return "unknown";
}

class Receiver {
 public:
  Receiver(Context& ctx, ListenOptions options, csms::SmnMessageVerifier verifier)
      : ctx_(ctx), options_(std::move(options)), verifier_(std::move(verifier)) {}

  // Binds, prints the listening line, serves until --count is reached or
  // SIGINT/SIGTERM arrives.
  void Run() {
    const BlockedStopSignals signals;  // before any thread starts
    server_.set_payload_max_length(csms::kMaxSmnMessageBytes);
    server_.Post(".*",
                 [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
    const int port =
        options_.port == 0
            ? server_.bind_to_any_port(options_.host)
            : (server_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port <= 0) {
      throw std::runtime_error("cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port));
    }
    const bool ipv6 = options_.host.find(':') != std::string::npos;
    {
      std::lock_guard<std::mutex> lock(out_mu_);
      ctx_.out() << "listening on http://" << (ipv6 ? "[" + options_.host + "]" : options_.host)
                 << ":" << port << std::endl;
    }
    std::thread signal_thread([this, &signals] { WaitForSignal(signals.set()); });
    server_.listen_after_bind();
    {
      std::lock_guard<std::mutex> lock(stop_mu_);
      listen_returned_ = true;
    }
    server_stopped_ = true;
    stop_cv_.notify_all();
    signal_thread.join();
    ctx_.out().flush();
  }

 private:
  // Takes SIGINT or SIGTERM, and looks every 100 ms whether the server
  // stopped by itself (--count), so that it never outlives it.
  void WaitForSignal(const sigset_t& set) {
    const timespec tick{0, 100L * 1000 * 1000};
    while (!server_stopped_) {
      if (sigtimedwait(&set, nullptr, &tick) > 0) {
        RequestStop();
        return;
      }
    }
  }

  // stop() does nothing before the server's accept loop runs, so it is
  // repeated until listen_after_bind() has returned.
  void RequestStop() {
    std::unique_lock<std::mutex> lock(stop_mu_);
    while (!listen_returned_) {
      server_.stop();
      stop_cv_.wait_for(lock, std::chrono::milliseconds(50));
    }
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    if (Done()) {
      res.status = 503;
      return;
    }
    csms::SmnMessage message;
    try {
      message = csms::ParseSmnMessage(req.body);
    } catch (const csms::SmnMessageError& e) {
      // what() names the member at fault and never quotes the body.
      Report("csms: rejected a message (HTTP 400): " + std::string(e.what()));
      res.status = 400;
      return;
    }
    try {
      verifier_.Verify(message);
    } catch (const csms::SmnVerificationError& e) {
      std::string line = "csms: rejected message " + OneLine(message.message_id);
      line += " (HTTP 403, verification failed, " + ReasonName(e.reason());
      line += "): ";
      line += e.what();
      Report(line);
      res.status = 403;
      return;
    }
    std::string confirmation;
    if (message.type == "SubscriptionConfirmation") {
      confirmation = options_.confirm_subscriptions ? Confirm(message.subscribe_url) : "";
    }
    {
      std::lock_guard<std::mutex> lock(out_mu_);
      if (Done()) {  // another thread got the last one first
        res.status = 503;
        return;
      }
      ctx_.out() << (ctx_.json() ? JsonLine(message, confirmation)
                                 : TableLine(message, confirmation))
                 << std::endl;
      ++verified_;
    }
    res.status = 200;
    if (Done()) server_.stop();  // the accept loop is running: we are in a handler
  }

  bool Done() const { return options_.count && verified_ >= *options_.count; }

  // GET subscribe_url: what confirms a subscription. Only for a verified
  // message, so only a URL SMN itself signed is ever visited.
  std::string Confirm(const std::string& url) {
    try {
      csms::HttpRequest request;
      request.method = "GET";
      request.url = url;
      const auto response = Transport().Send(request);
      if (response.status_code >= 200 && response.status_code < 300) return "confirmed";
      return "confirmation failed: HTTP " + std::to_string(response.status_code);
    } catch (const std::exception& e) {
      return std::string("confirmation failed: ") + e.what();
    }
  }

  csms::HttpTransport& Transport() {
    std::lock_guard<std::mutex> lock(transport_mu_);
    if (!transport_) {
      csms::CurlTransportOptions options;
      options.connect_timeout = std::chrono::seconds(5);
      options.request_timeout = std::chrono::seconds(10);
      options.max_response_bytes = std::size_t{64} * 1024;
      transport_ = csms::MakeCurlTransport(options);
    }
    return *transport_;
  }

  void Report(const std::string& line) {
    std::lock_guard<std::mutex> lock(out_mu_);
    ctx_.err() << OneLine(line) << std::endl;
  }

  Context& ctx_;
  const ListenOptions options_;
  const csms::SmnMessageVerifier verifier_;
  httplib::Server server_;

  std::mutex out_mu_;  // guards output and verified_
  std::atomic<int> verified_{0};

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool listen_returned_ = false;
  std::atomic<bool> server_stopped_{false};

  std::mutex transport_mu_;
  std::shared_ptr<csms::HttpTransport> transport_;
};

void RunListen(const ParsedArgs& args, Context& ctx) {
  ListenOptions options;
  if (auto host = args.Get("--host")) options.host = *host;
  if (auto port = args.Get("--port")) {
    options.port = ParseNumberFlag(*port, "--port", "8080");
    if (options.port > 65535) throw UsageError("invalid --port \"" + *port + "\": 0 to 65535");
  }
  if (auto count = args.Get("--count")) {
    options.count = ParseNumberFlag(*count, "--count", "1");
    if (*options.count == 0) throw UsageError("invalid --count \"0\": at least 1");
  }
  options.confirm_subscriptions = args.Has("--confirm-subscriptions");

  csms::SmnVerifierOptions verifier_options;
  verifier_options.allowed_cert_hosts = args.GetAll("--cert-host-allow");
  verifier_options.allow_http_on_loopback = args.Has("--allow-http-cert");
  if (auto max_age = args.Get("--max-age")) {
    verifier_options.max_age = std::chrono::seconds(ParseNumberFlag(*max_age, "--max-age", "3600"));
  }
  // The emulator stamps messages with its own clock: after its clock was
  // advanced, they lie that far ahead of this machine's clock.
  if (auto skew = args.Get("--max-clock-skew")) {
    verifier_options.max_clock_skew =
        std::chrono::seconds(ParseNumberFlag(*skew, "--max-clock-skew", "300"));
  }
  // ConfigurationError (exit 2) for an unusable host, before binding.
  csms::SmnMessageVerifier verifier(std::move(verifier_options));
  Receiver(ctx, std::move(options), std::move(verifier)).Run();
}

}  // namespace

const Group& NotificationsGroup() {
  static const Group kGroup{
      "notifications",
      "receive, verify and print the notifications SMN pushes",
      {
          {"listen",
           "run a local HTTP endpoint that verifies and prints notifications",
           R"(usage: csms notifications listen [--port N] [--host ADDRESS] [--cert-host-allow HOST ...]
                                [--allow-http-cert] [--max-age SEC] [--max-clock-skew SEC]
                                [--count N] [--confirm-subscriptions]

Serves HTTP on ADDRESS:N and takes the messages SMN pushes to an HTTP(S)
subscription of the event's topic. The first line printed is
"listening on http://ADDRESS:PORT". For each POST the body is parsed as an SMN
message and its signature verified (the certificate at signing_cert_url, from an
allowed host); then one line is printed: time, type, topic and, for a
Notification, the event type, secret name and version id; for the
confirmations, the subscribe URL. With --output json each is one JSON line.

Answers 200 for a verified message, 400 for a body that is not an SMN message,
403 when verification fails; the reason for a 400 or 403 goes to stderr, the
body never. Runs until SIGINT or SIGTERM, or until --count messages were
verified; exits 0 then.

  --port N                 port, 0 to 65535; 0 (the default) picks a free one
  --host ADDRESS           address to bind; default 127.0.0.1 (plain http, so
                           put a TLS proxy in front for anything but loopback)
  --cert-host-allow HOST   a host signing_cert_url may name; repeat for several.
                           Default: smn.REGION.myhuaweicloud.com and
                           smn.REGION.myhuaweicloud.eu for the topic's region
  --allow-http-cert        allow plain http for a certificate on a loopback host
                           that --cert-host-allow names (the emulator, tests)
  --max-age SEC            refuse messages older than SEC seconds (default 3600)
  --max-clock-skew SEC     refuse messages stamped more than SEC seconds ahead
                           of this machine's clock (default 300); raise it past
                           how far the emulator's clock was advanced
  --count N                exit after N verified messages (of any type)
  --confirm-subscriptions  confirm a verified SubscriptionConfirmation by
                           visiting its subscribe_url (GET); without it the URL
                           is only printed
)",
           {{"--port"},
            {"--host"},
            {"--cert-host-allow", true, true},
            {"--allow-http-cert", false},
            {"--max-age"},
            {"--max-clock-skew"},
            {"--count"},
            {"--confirm-subscriptions", false}},
           {},
           RunListen},
      }};
  return kGroup;
}

}  // namespace csms_tool
