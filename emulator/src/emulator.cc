// csms::Emulator: the HTTP front of the emulator. A request goes through, in
// order: request id, injected fault, then either a credential endpoint
// (metadata service, pod identity: no CSMS authentication) or authentication
// and routing to the store.

#include "csms/emulator.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>

#include <httplib.h>
#include <sys/socket.h>
#include <nlohmann/json.hpp>

#include "authenticator.h"
#include "clock.h"
#include "connection_control.h"
#include "delivery.h"
#include "fault_queue.h"
#include "iam_service.h"
#include "iam_tokens.h"
#include "json_encoding.h"
#include "metadata_service.h"
#include "pod_identity.h"
#include "random_ids.h"
#include "router.h"
#include "signing_identity.h"
#include "state_file.h"
#include "store.h"
#include "temporary_credentials.h"

namespace csms {
namespace {

constexpr std::size_t kMaxBodyBytes = 1024 * 1024;
// Enough for any test's requests on one connection; the library's default of 5
// would make clients reconnect and defeat connection-reuse checks.
constexpr std::size_t kKeepAliveMaxRequests = 100000;
constexpr std::chrono::seconds kStartTimeout{10};

void CheckIamOptions(const EmulatorIamOptions& iam) {
  for (const auto& [value, what] :
       {std::pair{&iam.region, "region"}, std::pair{&iam.domain_name, "domain name"},
        std::pair{&iam.domain_id, "domain id"}, std::pair{&iam.user_name, "user name"},
        std::pair{&iam.user_id, "user id"}, std::pair{&iam.agency_name, "agency name"}}) {
    if (value->empty())
      throw std::runtime_error(std::string("csms-emulator: the IAM ") + what + " is empty");
  }
  if (iam.idp_id.empty() != iam.id_token.empty()) {
    throw std::runtime_error(
        "csms-emulator: give both an IAM identity provider id and an id token, or neither");
  }
  for (const auto& [lifetime, what] : {std::pair{iam.token_lifetime, "IAM token"},
                                       std::pair{iam.sts_lifetime, "IAM temporary credentials'"}}) {
    if (lifetime < std::chrono::seconds(0) || lifetime > emu::TemporaryCredentials::kMaxLifetime) {
      throw std::runtime_error(std::string("csms-emulator: the ") + what +
                               " lifetime must be 0 seconds to 10 years");
    }
  }
}

void CheckOptions(const EmulatorOptions& options) {
  if (options.host.empty()) throw std::runtime_error("csms-emulator: the host is empty");
  if (options.port < 0 || options.port > 65535) {
    throw std::runtime_error("csms-emulator: the port must be between 0 and 65535");
  }
  if (options.project_id.empty() ||
      options.project_id.find_first_of("/?#% ") != std::string::npos) {
    throw std::runtime_error(
        "csms-emulator: the project id must be non-empty, without / ? # % or spaces");
  }
  if (options.access_key.empty() != options.secret_key.empty()) {
    throw std::runtime_error("csms-emulator: give both an access key and a secret key, or neither");
  }
  if (options.temporary_credentials_lifetime < std::chrono::seconds(0) ||
      options.temporary_credentials_lifetime > emu::TemporaryCredentials::kMaxLifetime) {
    throw std::runtime_error(
        "csms-emulator: the temporary credentials' lifetime must be 0 seconds to 10 years");
  }
  if (!options.pod_identity_token.empty() && !options.pod_identity_token_file.empty()) {
    throw std::runtime_error(
        "csms-emulator: give a pod identity token or a pod identity token file, not both");
  }
  for (const auto& url : options.deliver) emu::ParseLoopbackUrl(url);
  for (const auto& [topic_urn, urls] : options.deliver_by_topic) {
    if (topic_urn.empty()) throw std::runtime_error("csms-emulator: a delivery topic URN is empty");
    for (const auto& url : urls) emu::ParseLoopbackUrl(url);
  }
  CheckIamOptions(options.iam);
  if (options.delivery_retry_delay < std::chrono::milliseconds(0) ||
      options.delivery_retry_delay > std::chrono::seconds(60)) {
    throw std::runtime_error("csms-emulator: the delivery retry delay must be 0 to 60 seconds");
  }
}

std::unique_ptr<emu::Deliverer> MakeDeliverer(const EmulatorOptions& options,
                                              const emu::EmulatorClock& clock, emu::Store& store) {
  emu::DeliveryTargets targets{options.deliver, options.deliver_by_topic};
  if (targets.empty()) return nullptr;
  return std::make_unique<emu::Deliverer>(
      std::move(targets), options.delivery_retry_delay, [&clock] { return clock.Now(); },
      [&store](std::size_t index, const std::string& status) {
        try {
          store.SetRecordStatus(index, status);
        } catch (const std::exception&) {
          // The state file could not be written: the status stays as it was.
        }
      });
}

EmulatorOptions Checked(EmulatorOptions options) {
  CheckOptions(options);
  return options;
}

// The gateway code for an injected status.
std::string FaultErrorCode(int status) { return status == 429 ? "APIGW.0308" : "APIGW.0201"; }

}  // namespace

class Emulator::Impl {
 public:
  explicit Impl(EmulatorOptions options)
      : options_(Checked(std::move(options))),
        clock_(options_.clock),
        temporary_(options_.temporary_credentials_lifetime),
        metadata_(options_.metadata_token_mode, options_.metadata_agency, temporary_, clock_),
        pod_identity_(options_.pod_identity_token, options_.pod_identity_token_file, temporary_,
                      clock_),
        authenticator_(options_.access_key, options_.secret_key, options_.token, &temporary_,
                       &iam_tokens_),
        iam_(options_.iam, options_.project_id, iam_tokens_, temporary_, authenticator_, clock_),
        store_(MakePersist(options_.state_file),
               [this] { return emu::ToEpochMillis(clock_.Now()); }),
        router_(options_.project_id, store_),
        deliverer_(MakeDeliverer(options_, clock_, store_)) {
    if (deliverer_) {
      store_.SetRecordListener(
          [this](std::size_t first, const std::vector<emu::RecordData>& added) {
            deliverer_->Enqueue(first, added);
          });
    }
  }

  ~Impl() { Stop(); }

  void Start() {
    std::lock_guard<std::mutex> lifecycle(lifecycle_mu_);
    if (server_) throw std::logic_error("csms-emulator: already started");
    if (!options_.state_file.empty()) {
      if (auto data = emu::LoadStateFile(options_.state_file)) store_.Reset(std::move(*data));
    }

    // Before binding: a failure leaves nothing to undo.
    std::shared_ptr<const emu::SigningIdentity> identity;
    if (deliverer_) identity = Identity();
    auto server = std::make_unique<httplib::Server>();
    Configure(*server);
    int port = -1;
    if (options_.port == 0) {
      port = server->bind_to_any_port(options_.host);
    } else if (server->bind_to_port(options_.host, options_.port)) {
      port = options_.port;
    }
    if (port <= 0) {
      throw std::runtime_error("csms-emulator: cannot listen on " + options_.host + ":" +
                               std::to_string(options_.port));
    }
    {
      std::lock_guard<std::mutex> lock(stop_mu_);
      stopping_ = false;
    }
    server_ = std::move(server);
    port_ = port;
    listen_returned_ = false;
    thread_ = std::thread([this] {
      server_->listen_after_bind();
      listen_returned_ = true;
    });
    // httplib's stop() does nothing until the accept loop runs, so a Stop() right
    // after Start() would hang unless Start() waits for it.
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!server_->is_running() && !listen_returned_ &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!server_->is_running()) {
      StopLocked();
      throw std::runtime_error("csms-emulator: the server did not start");
    }
    if (deliverer_) deliverer_->Start(identity, endpoint());
  }

  void Stop() {
    std::lock_guard<std::mutex> lifecycle(lifecycle_mu_);
    StopLocked();
  }

  int port() const { return port_; }

  std::string endpoint() const {
    const bool ipv6 = options_.host.find(':') != std::string::npos;
    return "http://" + (ipv6 ? "[" + options_.host + "]" : options_.host) + ":" +
           std::to_string(port_);
  }

  const std::string& project_id() const { return options_.project_id; }
  void InjectFault(const EmulatorFault& fault) { faults_.Push(fault); }
  void ClearFaults() { faults_.Clear(); }
  std::size_t request_count() const { return request_count_; }
  std::size_t api_request_count() const { return api_request_count_; }

  std::size_t connection_count() const {
    std::lock_guard<std::mutex> lock(connections_mu_);
    return connections_.size();
  }

  std::string pod_identity_uri() const { return endpoint() + emu::PodIdentityService::kPath; }
  std::size_t ExpireCredentials(const std::string& access_key) {
    return temporary_.ExpireNow(access_key, clock_.Now());
  }
  std::size_t RevokeCredentials(const std::string& access_key) {
    return temporary_.Revoke(access_key);
  }
  void AdvanceClock(std::chrono::milliseconds by) {
    clock_.Advance(by);
    store_.Tick();  // what fell due fires now, not at the next request
  }
  void FailNextRotations(int count) { store_.FailNextRotations(count); }
  std::chrono::system_clock::time_point now() const { return clock_.Now(); }

  std::string signing_cert_url() const { return endpoint() + emu::kSigningCertPath; }
  bool FlushDeliveries(std::chrono::milliseconds timeout) {
    return !deliverer_ || deliverer_->Flush(timeout);
  }

  EmulatorCredentialCounters credential_counters() const {
    EmulatorCredentialCounters counters;
    counters.metadata_session_tokens = metadata_.tokens_issued();
    counters.metadata_credentials = metadata_.credentials_served();
    counters.pod_identity_credentials = pod_identity_.credentials_served();
    counters.refused_expired = refused_expired_;
    counters.refused_revoked = refused_revoked_;
    return counters;
  }
  EmulatorIamCounters iam_counters() const { return iam_.counters(); }

 private:
  static emu::Store::PersistFn MakePersist(const std::string& path) {
    if (path.empty()) return nullptr;
    return [path](const emu::StoreData& data) { emu::SaveStateFile(path, data); };
  }

  void Configure(httplib::Server& server) {
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      Handle(req, res);
    };
    server.Get(".*", handler);
    server.Post(".*", handler);
    server.Put(".*", handler);
    server.Delete(".*", handler);
    server.Patch(".*", handler);
    server.Options(".*", handler);
    // Responses httplib makes itself (malformed request, body too large) still
    // get a request id and a gateway-style body.
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.has_header("X-Request-Id")) {
            const std::string request_id = emu::NewRequestId();
            res.set_header("X-Request-Id", request_id);
            if (res.body.empty()) {
              res.set_content(
                  emu::GatewayErrorBody(
                      "APIGW.0201", "The request was refused: HTTP " + std::to_string(res.status),
                      request_id),
                  "application/json");
            }
          }
          return httplib::Server::HandlerResponse::Unhandled;
        }));
    // httplib's default also sets SO_REUSEPORT, which would let a second
    // emulator bind the same port and silently share its connections.
    server.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    server.set_keep_alive_max_count(kKeepAliveMaxRequests);
    server.set_payload_max_length(kMaxBodyBytes);
    // Small responses on kept-alive connections would otherwise wait for
    // delayed ACKs (Nagle), adding ~40 ms to every request.
    server.set_tcp_nodelay(true);
  }

  void StopLocked() {
    if (server_) {
      {
        std::lock_guard<std::mutex> lock(stop_mu_);
        stopping_ = true;
      }
      stop_cv_.notify_all();  // cut injected delays short
      server_->stop();
      emu::ShutdownIdleConnections(port_);
      if (thread_.joinable()) thread_.join();
      server_.reset();
    }
    // After the server: no request adds records any more.
    if (deliverer_) deliverer_->Stop();
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    const std::string request_id = emu::NewRequestId();
    res.set_header("X-Request-Id", request_id);
    ++request_count_;
    // Test controls and the signing certificate are neither counted as API
    // requests nor given injected faults.
    if (auto answer = HandleSigningCertificate(req)) {
      res.status = answer->status;
      for (const auto& [name, value] : answer->headers) res.set_header(name, value);
      res.set_content(answer->body, answer->content_type);
      return;
    }
    if (auto answer = HandleControlEndpoint(req)) {
      res.status = answer->status;
      res.set_content(answer->body, answer->content_type);
      return;
    }
    if (!metadata_.Serves(req.path) && !pod_identity_.Serves(req.path) &&
        !emu::IamService::Serves(req.path)) {
      ++api_request_count_;
    }
    {
      std::lock_guard<std::mutex> lock(connections_mu_);
      connections_.emplace(req.remote_addr, req.remote_port);
    }

    const std::optional<EmulatorFault> fault = faults_.Next();
    if (fault && ApplyFault(*fault, req, res, request_id)) return;
    const bool drop_after = fault && fault->kind == EmulatorFault::Kind::kDropAfterHandling;

    const emu::HeaderLookup header = [&req](const std::string& name) -> std::optional<std::string> {
      if (!req.has_header(name)) return std::nullopt;
      return req.get_header_value(name);
    };
    const emu::AuthRequest auth_request{req.method, req.target, req.body, header};
    if (auto answer = HandleCredentialEndpoint(req, auth_request, request_id)) {
      res.status = answer->status;
      for (const auto& [name, value] : answer->headers) res.set_header(name, value);
      res.set_content(answer->body, answer->content_type);
      if (drop_after) emu::DropConnection(req.local_port, req.remote_port);
      return;
    }

    if (auto failure = authenticator_.Check(auth_request, clock_.Now())) {
      if (failure->cause == emu::AuthFailure::Cause::kTemporaryExpired) ++refused_expired_;
      if (failure->cause == emu::AuthFailure::Cause::kTemporaryRevoked) ++refused_revoked_;
      if (failure->cause == emu::AuthFailure::Cause::kTokenExpired) {
        iam_.CountRefusedExpiredToken();
      }
      res.status = 401;
      res.set_content(emu::GatewayErrorBody(failure->error_code, failure->error_msg, request_id),
                      "application/json");
      return;
    }

    try {
      // Expiries and scheduled deletions that fell due since the last request.
      store_.Tick();
      const emu::RouteResult result = router_.Handle(req.method, req.target, req.body, request_id);
      res.status = result.status;
      if (!result.body.empty()) res.set_content(result.body, "application/json");
      // The change is made; the client just never hears about it.
      if (drop_after) emu::DropConnection(req.local_port, req.remote_port);
    } catch (const std::exception& error) {
      // Only unexpected failures get here (e.g. the state file cannot be written).
      res.status = 500;
      res.set_content(emu::GatewayErrorBody("CSMS.0001", error.what(), request_id),
                      "application/json");
    }
  }

  // The key and certificate deliveries are signed with: made once, at the
  // first Start() that delivers or the first certificate download.
  std::shared_ptr<const emu::SigningIdentity> Identity() {
    std::lock_guard<std::mutex> lock(identity_mu_);
    if (!identity_) identity_ = std::make_shared<const emu::SigningIdentity>(clock_.Now());
    return identity_;
  }

  // SMN serves its certificates without authentication; so does the emulator.
  std::optional<emu::EndpointAnswer> HandleSigningCertificate(const httplib::Request& req) {
    if (req.path != emu::kSigningCertPath) return std::nullopt;
    emu::EndpointAnswer answer;
    if (req.method != "GET") {
      answer.status = 405;
      answer.headers.emplace_back("Allow", "GET");
      answer.body = "GET the certificate\n";
      return answer;
    }
    try {
      answer.body = Identity()->certificate_pem();
      answer.content_type = "application/x-pem-file";
    } catch (const std::exception& error) {
      answer.status = 500;
      answer.body = std::string(error.what()) + "\n";
    }
    return answer;
  }

  // The test controls under /_emulator/ (see docs/emulator.md): no CSMS
  // authentication, like the credential endpoints; the emulator listens on
  // loopback by default.
  std::optional<emu::EndpointAnswer> HandleControlEndpoint(const httplib::Request& req) {
    const bool advance = req.path == "/_emulator/clock/advance";
    const bool rotations = req.path == "/_emulator/faults/rotation";
    if (!advance && !rotations) return std::nullopt;
    emu::EndpointAnswer answer;
    answer.content_type = "application/json";
    const char* field = advance ? "milliseconds" : "count";
    const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
    if (req.method != "POST" || !body.is_object() || !body.contains(field) ||
        !body.at(field).is_number_integer() ||
        (rotations && body.at(field).get<std::int64_t>() < 0)) {
      answer.status = 400;
      answer.body =
          nlohmann::json{{"error_msg", std::string("POST a JSON object with an integer \"") +
                                           field + "\"" + (rotations ? " (0 or more)" : "")}}
              .dump();
      return answer;
    }
    const auto value = body.at(field).get<std::int64_t>();
    answer.status = 200;
    if (advance) {
      AdvanceClock(std::chrono::milliseconds(value));
      answer.body = nlohmann::json{{"now", emu::ToEpochMillis(clock_.Now())}}.dump();
    } else {
      const int count = static_cast<int>(std::min<std::int64_t>(value, 1'000'000));
      FailNextRotations(count);
      answer.body = nlohmann::json{{"count", count}}.dump();
    }
    return answer;
  }

  // The metadata service, the pod identity endpoint and IAM are other services
  // than CSMS: they answer without CSMS authentication (IAM checks its callers itself).
  std::optional<emu::EndpointAnswer> HandleCredentialEndpoint(const httplib::Request& req,
                                                              const emu::AuthRequest& auth_request,
                                                              const std::string& request_id) {
    if (auto answer = metadata_.Handle(req.method, req.path, auth_request.header)) return answer;
    if (auto answer =
            pod_identity_.Handle(req.method, req.path, auth_request.header, req.body, request_id)) {
      return answer;
    }
    const emu::IamRequest iam_request{
        auth_request, req.path, [&req](const std::string& name) -> std::optional<std::string> {
          if (!req.has_param(name)) return std::nullopt;
          return req.get_param_value(name);
        }};
    return iam_.Handle(iam_request, request_id);
  }

  // Returns true when the fault produced the whole answer.
  bool ApplyFault(const EmulatorFault& fault, const httplib::Request& req, httplib::Response& res,
                  const std::string& request_id) {
    switch (fault.kind) {
      case EmulatorFault::Kind::kStatus:
        res.status = fault.status;
        if (fault.retry_after_seconds) {
          res.set_header("Retry-After", std::to_string(*fault.retry_after_seconds));
        }
        res.set_content(emu::GatewayErrorBody(
                            FaultErrorCode(fault.status),
                            "Injected fault: HTTP " + std::to_string(fault.status), request_id),
                        "application/json");
        return true;
      case EmulatorFault::Kind::kDelay: {
        std::unique_lock<std::mutex> lock(stop_mu_);
        stop_cv_.wait_for(lock, fault.delay, [this] { return stopping_; });
        return false;
      }
      case EmulatorFault::Kind::kDrop:
        if (!emu::DropConnection(req.local_port, req.remote_port)) {
          res.status = 500;
          res.set_content(emu::GatewayErrorBody("CSMS.0001",
                                                "Injected fault: the connection could not be "
                                                "dropped",
                                                request_id),
                          "application/json");
        }
        // Otherwise httplib's write of this response goes nowhere.
        return true;
      case EmulatorFault::Kind::kDropAfterHandling:
        return false;  // handled after routing
    }
    return false;
  }

  const EmulatorOptions options_;
  emu::EmulatorClock clock_;
  emu::TemporaryCredentials temporary_;
  emu::MetadataService metadata_;
  emu::PodIdentityService pod_identity_;
  emu::IamTokens iam_tokens_;
  const emu::Authenticator authenticator_;
  emu::IamService iam_;
  emu::Store store_;
  const emu::Router router_;
  // After store_: it calls into the store, and the store's listener into it.
  const std::unique_ptr<emu::Deliverer> deliverer_;
  emu::FaultQueue faults_;
  std::mutex identity_mu_;
  std::shared_ptr<const emu::SigningIdentity> identity_;

  std::mutex lifecycle_mu_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  std::atomic<int> port_{0};

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;

  std::atomic<std::size_t> request_count_{0};
  std::atomic<std::size_t> api_request_count_{0};
  std::atomic<std::size_t> refused_expired_{0};
  std::atomic<std::size_t> refused_revoked_{0};
  mutable std::mutex connections_mu_;
  std::set<std::pair<std::string, int>> connections_;
};

Emulator::Emulator(EmulatorOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Emulator::~Emulator() = default;
void Emulator::Start() { impl_->Start(); }
void Emulator::Stop() { impl_->Stop(); }
int Emulator::port() const { return impl_->port(); }
std::string Emulator::endpoint() const { return impl_->endpoint(); }
const std::string& Emulator::project_id() const { return impl_->project_id(); }
void Emulator::InjectFault(const EmulatorFault& fault) { impl_->InjectFault(fault); }
void Emulator::ClearFaults() { impl_->ClearFaults(); }
std::size_t Emulator::request_count() const { return impl_->request_count(); }
std::size_t Emulator::api_request_count() const { return impl_->api_request_count(); }
std::size_t Emulator::connection_count() const { return impl_->connection_count(); }
std::string Emulator::pod_identity_uri() const { return impl_->pod_identity_uri(); }
std::size_t Emulator::ExpireCredentials(const std::string& access_key) {
  return impl_->ExpireCredentials(access_key);
}
std::size_t Emulator::RevokeCredentials(const std::string& access_key) {
  return impl_->RevokeCredentials(access_key);
}
void Emulator::AdvanceClock(std::chrono::milliseconds by) { impl_->AdvanceClock(by); }
void Emulator::FailNextRotations(int count) { impl_->FailNextRotations(count); }
std::chrono::system_clock::time_point Emulator::now() const { return impl_->now(); }
EmulatorCredentialCounters Emulator::credential_counters() const {
  return impl_->credential_counters();
}
EmulatorIamCounters Emulator::iam_counters() const { return impl_->iam_counters(); }
std::string Emulator::signing_cert_url() const { return impl_->signing_cert_url(); }
bool Emulator::FlushDeliveries(std::chrono::milliseconds timeout) {
  return impl_->FlushDeliveries(timeout);
}

}  // namespace csms
