#ifndef CSMS_EMULATOR_H_
#define CSMS_EMULATOR_H_

/// @file
/// csms::Emulator, a local in-memory emulator of the CSMS secret-event API
/// (every operation of the wire contract), for tests and demos. It runs an HTTP
/// server on a loopback address; point CsmsClient or the csms tool at endpoint().
///
/// The embedding program should ignore SIGPIPE (cpp-httplib writes to sockets
/// without MSG_NOSIGNAL, so a client hanging up mid-response would raise it);
/// the library never changes signal handlers itself. See docs/emulator.md.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace csms {

/// How an Emulator authenticates requests and where it keeps state.
struct EmulatorOptions {
  /// Address to listen on. Loopback by default; anything else is the caller's choice.
  std::string host = "127.0.0.1";
  /// 0 picks a free port (see Emulator::port()).
  int port = 0;
  /// The project id served under /v1/{project_id}/; requests for another project get 404.
  std::string project_id = "0b3c1f3e5a7d4c2e9f1a2b3c4d5e6f70";
  /// With both set, every request must carry a valid SDK-HMAC-SHA256 signature
  /// by this AK/SK (X-Sdk-Date within 15 minutes), else 401 with an APIGW-style body.
  std::string access_key;
  std::string secret_key;  ///< the secret key paired with access_key
  /// With this set, X-Auth-Token must equal it (an AK/SK signature also passes
  /// when access_key/secret_key are set). With no credentials at all, anything is accepted.
  std::string token;
  /// When set, state is loaded from this file at Start() and written to it
  /// atomically (temporary file, fsync, rename) after every change. The file
  /// holds secret values in clear text (mode 0600): for tests and demos only.
  std::string state_file;
};

/// A fault the emulator applies to the next requests it receives.
struct EmulatorFault {
  /// What the fault does to a request.
  enum class Kind {
    kStatus,  ///< answer with `status` (a gateway-style JSON body), optionally with Retry-After
    kDelay,   ///< wait `delay` before handling the request normally
    kDrop,    ///< close the connection without any response, before handling the request
    /// handle the request (so a create takes effect), then close the connection
    /// without sending the response: the ambiguous failure a client must reconcile
    kDropAfterHandling,
  };
  Kind kind = Kind::kStatus;  ///< what happens to the request
  int status = 503;           ///< the status a kStatus fault answers with
  /// kStatus only: a Retry-After header with this many seconds.
  std::optional<int> retry_after_seconds;
  std::chrono::milliseconds delay{0};  ///< how long a kDelay fault waits
  /// How many of the next requests get this fault.
  int count = 1;
};

/// The emulator. Thread-safe: the server handles requests on its own threads,
/// and the fault and inspection methods may be called from any thread.
class Emulator {
 public:
  /// @throws std::runtime_error when the options are unusable (empty host, port
  ///         outside 0..65535, a project id with '/', '?', '#', '%' or spaces, or
  ///         only one of access_key/secret_key).
  explicit Emulator(EmulatorOptions options = {});
  /// Stops the server if it is running.
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  /// Binds, loads the state file if any, and starts serving. Returns once the
  /// server accepts connections. After Stop() it may be started again (state is
  /// kept; with port 0 a new port is picked).
  /// @throws std::runtime_error when the address cannot be bound or the state file is corrupt.
  /// @throws std::logic_error when already started.
  void Start();
  /// Stops serving; idempotent. Closes kept-alive connections and cuts injected
  /// delays short, so it returns promptly.
  void Stop();

  /// The bound port (after Start()).
  int port() const;
  /// "http://HOST:PORT" (after Start()); IPv6 hosts in brackets.
  std::string endpoint() const;
  /// The project id it serves.
  const std::string& project_id() const;

  /// Queues a fault for the next `fault.count` requests (faults queue in order).
  /// Faults apply before authentication, to any path.
  /// @throws std::invalid_argument when count < 1, a kStatus status is outside
  ///         200..599, or a delay or retry_after_seconds is negative.
  void InjectFault(const EmulatorFault& fault);
  /// Drops every queued fault.
  void ClearFaults();

  /// Requests received so far (after authentication and faults are applied or not).
  std::size_t request_count() const;
  /// Distinct client connections seen so far.
  std::size_t connection_count() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace csms

#endif  // CSMS_EMULATOR_H_
