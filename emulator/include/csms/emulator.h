#ifndef CSMS_EMULATOR_H_
#define CSMS_EMULATOR_H_

/// @file
/// csms::Emulator, a local in-memory emulator of the CSMS secret-event API
/// (every operation of the wire contract), for tests and demos. It runs an HTTP
/// server on a loopback address; point CsmsClient or the csms tool at endpoint().
/// The same port also serves the credentials side: an ECS/BMS metadata service
/// and a CCE pod identity endpoint that issue temporary AK/SK + security tokens,
/// which the CSMS API then accepts until they expire or are revoked, and an IAM
/// service issuing tokens (X-Auth-Token) and temporary credentials the same way.
///
/// The embedding program should ignore SIGPIPE (cpp-httplib writes to sockets
/// without MSG_NOSIGNAL, so a client hanging up mid-response would raise it);
/// the library never changes signal handlers itself. See docs/emulator.md.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace csms {

/// How the emulated metadata service treats session tokens (X-Metadata-Token).
enum class MetadataTokenMode {
  /// PUT /meta-data/latest/api/token issues tokens; GET /openstack/latest/securitykey
  /// answers with or without one (a token that is given must be valid, else 401).
  kOptional,
  /// GET /openstack/latest/securitykey needs a valid, unexpired token, else 401.
  kRequired,
  /// A service without session tokens: the PUT answers 404 and tokens are ignored.
  kUnsupported,
};

/// The emulated IAM service (same server and port; docs/emulator.md, "IAM"):
/// one account (domain) with one user, one agency and one project, the
/// emulator's project_id named after `region`. Paths, bodies and error shapes
/// follow Huawei's IAM API reference (password tokens, OpenID Connect id-token
/// tokens, securitytokens by token and by agency, the project list).
struct EmulatorIamOptions {
  /// The region name: GET /v3/projects?name=REGION lists the emulator's project,
  /// and a password token may be scoped to {"project":{"name": REGION}}.
  std::string region = "cn-north-4";
  /// The account (domain): password logins name it, assume_role gives its name or id.
  std::string domain_name = "emulator-domain";
  std::string domain_id = "d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f";  ///< the account's id
  std::string user_name = "emulator-user";  ///< the IAM user password logins name
  /// The user's id: token bodies carry it, and an MFA (totp) login must give it.
  std::string user_id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  /// The user's password. Empty: every password login is refused (401).
  std::string password;
  /// true: a password login also needs the "totp" method with user_id and
  /// totp_passcode (a login without it gets 401 saying a passcode is required).
  bool mfa = false;
  /// The one passcode the emulated virtual MFA device accepts (6 digits).
  std::string totp_passcode = "123456";
  /// The identity provider id (X-Idp-Id) of POST /v3.0/OS-AUTH/id-token/tokens
  /// and the one id token it accepts. Either empty: every id-token login is refused.
  std::string idp_id;
  std::string id_token;  ///< the static test id token (compared exactly, after trimming)
  /// The agency assume_role may name (with domain_name or domain_id).
  std::string agency_name = "csms-agency";
  /// How long each token (X-Subject-Token) is valid, from the emulator clock's
  /// "now" at issue; CSMS accepts a project-scoped one as X-Auth-Token until then,
  /// then 401 APIGW.0307. 0 issues expired tokens. At most ten years.
  std::chrono::seconds token_lifetime{std::chrono::hours(24)};
  /// The longest lifetime of a temporary AK/SK + security token from
  /// POST /v3.0/OS-CREDENTIAL/securitytokens: each is valid for the
  /// duration_seconds asked for (900 to 86400, 900 when not given), at most this.
  /// 0 issues expired ones. At most ten years.
  std::chrono::seconds sts_lifetime{std::chrono::hours(24)};
};

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

  /// How long each temporary credential issued by the metadata service or the
  /// pod identity endpoint is valid, from the emulator clock's "now" at issue.
  /// 0 issues credentials that are already expired. At most ten years.
  std::chrono::seconds temporary_credentials_lifetime{std::chrono::hours(6)};
  /// Session tokens of the metadata service (see MetadataTokenMode).
  MetadataTokenMode metadata_token_mode = MetadataTokenMode::kOptional;
  /// false: the instance has no agency, and GET /openstack/latest/securitykey answers
  /// 401 "Please configure Cloud Service Agency first" (what the official SDKs look for).
  bool metadata_agency = true;
  /// With this set, POST /v1/credentials (see Emulator::pod_identity_uri()) is the
  /// CCE pod identity endpoint and requires `Authorization: <this token>`.
  std::string pod_identity_token;
  /// Like pod_identity_token, but the token is read from this file on every request
  /// (surrounding whitespace trimmed), so a test can rotate it. Not with pod_identity_token.
  std::string pod_identity_token_file;
  /// The emulator's clock (empty: the system clock) for credential and
  /// session-token expiry, the X-Sdk-Date check, every stored time (create_time,
  /// notification records, ...), version expiry and scheduled deletion. Called
  /// from server threads: must be thread-safe. Emulator::AdvanceClock() moves it further.
  std::function<std::chrono::system_clock::time_point()> clock;

  /// URLs every notification record is delivered to, the way SMN pushes to
  /// an HTTP(S) subscriber: a signed "Notification" message POSTed on a
  /// background thread (docs/emulator.md, "Delivering notifications"). Only
  /// http or https to 127.0.0.1, [::1] or localhost, e.g.
  /// "http://127.0.0.1:8080/smn"; anything else is refused at construction.
  std::vector<std::string> deliver;
  /// More delivery URLs per topic URN (a record's notification_target_id, the
  /// event's notification.target_id): those records go to these URLs as well
  /// as to `deliver`. Same rules for the URLs.
  std::map<std::string, std::vector<std::string>> deliver_by_topic;
  /// The wait before a failed delivery's second attempt (doubled before the
  /// third, the last), 0 to 60 s. Tests set 0.
  std::chrono::milliseconds delivery_retry_delay{100};

  /// The IAM service served on the same port (see EmulatorIamOptions).
  EmulatorIamOptions iam;
};

/// What the credential endpoints have served, for tests.
struct EmulatorCredentialCounters {
  std::size_t metadata_session_tokens = 0;   ///< PUT /meta-data/latest/api/token answered 200
  std::size_t metadata_credentials = 0;      ///< GET /openstack/latest/securitykey answered 200
  std::size_t pod_identity_credentials = 0;  ///< POST /v1/credentials answered 200
  /// CSMS requests refused (401 APIGW.0307) because their temporary credentials had expired.
  std::size_t refused_expired = 0;
  /// CSMS requests refused (401 APIGW.0301) because their temporary credentials were revoked.
  std::size_t refused_revoked = 0;
};

/// What the IAM service has answered, per kind of call, for tests (a renewal
/// is one call; an id-token renewal two: the login and the securitytokens).
struct EmulatorIamCounters {
  std::size_t password_tokens = 0;  ///< POST /v3/auth/tokens answered 201
  std::size_t id_token_tokens = 0;  ///< POST /v3.0/OS-AUTH/id-token/tokens answered 201
  /// POST /v3.0/OS-CREDENTIAL/securitytokens with the token method answered 201
  std::size_t token_credentials = 0;
  /// POST /v3.0/OS-CREDENTIAL/securitytokens with the assume_role method answered 201
  std::size_t agency_credentials = 0;
  std::size_t project_lists = 0;  ///< GET /v3/projects answered 200
  std::size_t refused = 0;        ///< IAM calls answered with an error (4xx)
  /// CSMS requests refused (401 APIGW.0307) because their X-Auth-Token had expired.
  std::size_t refused_expired_tokens = 0;
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
  ///         outside 0..65535, a project id with '/', '?', '#', '%' or spaces,
  ///         only one of access_key/secret_key, a temporary_credentials_lifetime
  ///         outside 0 s..10 years, both pod_identity_token and pod_identity_token_file,
  ///         a delivery URL that is not http(s) to a loopback host, an empty
  ///         topic URN in deliver_by_topic, a delivery_retry_delay outside 0..60 s,
  ///         an IAM token_lifetime or sts_lifetime outside 0 s..10 years, an empty
  ///         IAM region, domain, user or agency name or id, or only one of
  ///         iam.idp_id/iam.id_token).
  explicit Emulator(EmulatorOptions options = {});
  /// Stops the server if it is running.
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  /// Binds, loads the state file if any, and starts serving (and delivering,
  /// with a signing key and certificate made at the first Start()). Returns once the
  /// server accepts connections. After Stop() it may be started again (state is
  /// kept; with port 0 a new port is picked).
  /// @throws std::runtime_error when the address cannot be bound or the state file is corrupt.
  /// @throws std::logic_error when already started.
  void Start();
  /// Stops serving; idempotent. Closes kept-alive connections and cuts injected
  /// delays short, so it returns promptly. The delivery under way finishes
  /// (at most a few seconds); deliveries still queued are given up (FAIL).
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
  /// The part of request_count() that was not for the metadata service, the pod
  /// identity endpoint or IAM: what reached (or was meant for) the CSMS API, faulted ones
  /// included. Lets a test check that nothing was sent to CSMS.
  std::size_t api_request_count() const;
  /// Distinct client connections seen so far.
  std::size_t connection_count() const;

  /// The URI to give the SDK as HC_CONTAINER_CREDENTIALS_FULL_URI: endpoint() +
  /// "/v1/credentials" (after Start()). The metadata service is at endpoint() itself.
  std::string pod_identity_uri() const;

  /// Makes the temporary credential with this access key (every one issued so far
  /// when empty) expire now; requests signed with it then get 401 APIGW.0307.
  /// Credentials issued later are not affected. Returns how many were changed.
  std::size_t ExpireCredentials(const std::string& access_key = {});
  /// Revokes the temporary credential with this access key (every one issued so far
  /// when empty): 401 APIGW.0301 ("ak not exist") from now on. Returns how many
  /// were changed.
  std::size_t RevokeCredentials(const std::string& access_key = {});
  /// Moves the emulator clock by `by` (negative moves it back), e.g. past the
  /// credentials' lifetime. Saturates instead of overflowing. What falls due
  /// happens before it returns: each version whose expire_time has passed fires
  /// SECRET_VERSION_EXPIRED (once per expire_time), and each secret whose
  /// scheduled deletion time has passed is deleted (SECRET_DELETED). The same
  /// check runs before every request. Over HTTP: POST /_emulator/clock/advance
  /// with {"milliseconds": N}.
  void AdvanceClock(std::chrono::milliseconds by);
  /// Makes the next `count` RotateSecret calls fail the way a failed rotation
  /// task does: the call answers 200, no version is created, and
  /// SECRET_ROTATED_FAILED fires. 0 clears. Over HTTP: POST
  /// /_emulator/faults/rotation with {"count": N}.
  void FailNextRotations(int count);
  /// The emulator clock's current time.
  std::chrono::system_clock::time_point now() const;
  /// What the credential endpoints have served so far.
  EmulatorCredentialCounters credential_counters() const;
  /// What the IAM service has answered so far.
  EmulatorIamCounters iam_counters() const;

  /// Where the certificate that signs deliveries is served (after Start()):
  /// endpoint() + "/smn/signing-cert.pem", PEM, GET without authentication.
  /// It is the signing_cert_url of every delivered message.
  std::string signing_cert_url() const;
  /// Blocks until every notification record created so far has been
  /// delivered or given up (its notification_status then says SUCCESS or
  /// FAIL), or `timeout` passes. Returns true when nothing is left. Returns
  /// at once when no delivery URL is configured.
  bool FlushDeliveries(std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace csms

#endif  // CSMS_EMULATOR_H_
