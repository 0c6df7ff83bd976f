// The default HttpTransport: libcurl easy handles kept in a pool so that each
// call reuses a live connection (and its TLS session) instead of opening a new one.

#include <curl/curl.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "csms/errors.h"
#include "csms/http.h"
#include "internal/ascii.h"
#include "internal/curl_errors.h"

namespace csms {
namespace {

// libcurl wants curl_global_init once per process, before any other call.
// Doing it here, lazily, spares users a global init API.
void InitCurlOnce() {
  static const CURLcode result = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (result != CURLE_OK) {
    throw ConfigurationError(std::string("libcurl could not be initialised: ") +
                             curl_easy_strerror(result));
  }
}

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, CurlEasyDeleter>;

// The request header list handed to curl, built in memory this object owns
// and reuses: curl_slist_append would cost two allocations per header per call.
// curl only reads the list during the transfer, so any well-formed list will do.
//
// Every line costs curl work on every request (it scans the whole list for
// each header it might add itself), so the list holds only lines that matter.
class HeaderList {
 public:
  curl_slist* Build(const HttpHeaders& headers, std::size_t body_size) {
    lines_.clear();
    offsets_.clear();
    bool has_accept_encoding = false;
    for (const auto& [name, value] : headers) {
      has_accept_encoding = has_accept_encoding || IsAcceptEncoding(name);
      offsets_.push_back(lines_.size());
      lines_.append(name);
      // "Name;" is curl's spelling of a header with an empty value.
      if (value.empty()) {
        lines_.push_back(';');
      } else {
        lines_.append(": ").append(value);
      }
      lines_.push_back('\0');
    }
    // Every header sent should be signed: drop the ones curl would add unasked
    // (CURLOPT_ACCEPT_ENCODING would advertise its decoders; removing the
    // header keeps the decoding of a body the server compresses unasked).
    // curl adds "Expect: 100-continue" only to a body above a threshold (1 KiB
    // in older releases, 1 MiB since), so a smaller body needs no "Expect:".
    AppendLine("Accept:");
    if (body_size > kExpectThreshold) AppendLine("Expect:");
    if (!has_accept_encoding) AppendLine("Accept-Encoding:");
    // Pointers into lines_ are taken only now that it has stopped growing.
    nodes_.resize(offsets_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      nodes_[i].data = &lines_[offsets_[i]];
      nodes_[i].next = i + 1 < nodes_.size() ? &nodes_[i + 1] : nullptr;
    }
    return nodes_.data();
  }

 private:
  static constexpr std::size_t kExpectThreshold = 1024;

  static bool IsAcceptEncoding(const std::string& name) {
    constexpr std::string_view kName = "Accept-Encoding";
    return name.size() == kName.size() && internal::AsciiEqualsIgnoreCase(name, kName);
  }

  void AppendLine(std::string_view line) {
    offsets_.push_back(lines_.size());
    lines_.append(line).push_back('\0');
  }

 private:
  std::string lines_;
  std::vector<std::size_t> offsets_;
  std::vector<curl_slist> nodes_;
};

// The sockets libcurl opened for one easy handle (its open and close go
// through the callbacks below), so that a forked child can take them away
// from the handle before it is cleaned up.
struct SocketLedger {
  std::vector<curl_socket_t> open;
};

curl_socket_t OpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  // Close-on-exec: a program the application execs must not hold the
  // connection open either.
  const curl_socket_t fd =
      socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (fd != CURL_SOCKET_BAD) static_cast<SocketLedger*>(user)->open.push_back(fd);
  return fd;
}

int CloseSocket(void* user, curl_socket_t fd) {
  auto& open = static_cast<SocketLedger*>(user)->open;
  open.erase(std::remove(open.begin(), open.end(), fd), open.end());
  return close(fd);
}

// Where the body goes, and how much of it is allowed.
struct BodySink {
  std::string* body;
  std::size_t limit;
  bool over_limit = false;
};

// Counts how often curl is about to send the request during one transfer.
// curl re-sends on a fresh connection when a reused one died before answering;
// that is harmless for GET, PUT and DELETE but could create a resource twice.
// Zero sends is also the proof that no request byte left this process.
struct SendCounter {
  int sends = 0;
  bool allow_resend = true;
};

// The response head as it arrives. libcurl reports a connection closed right
// after the status line, or in the middle of the headers, as a success with an
// empty body; only the missing blank line tells that the response was cut.
struct ResponseHead {
  HttpHeaders* headers;
  bool complete = false;  // the blank line ending the last response's headers arrived
};

// What one transfer writes to. It lives in its connection and is reset for
// every call, so that the handle is pointed at it once, when it is created.
// (A curl_easy_setopt costs about 90 instructions; the error buffer, the
// three data pointers and the header list were 7 of the 13 set per call.)
struct Transfer {
  BodySink body{nullptr, 0};
  SendCounter counter;
  ResponseHead head{nullptr};
  char error[CURL_ERROR_SIZE] = {0};
};

// An easy handle (which keeps its connection) and the scratch space of its calls.
struct Connection {
  // Declared before the handle, so that they outlive curl_easy_cleanup, which
  // closes the sockets through CloseSocket; the handle points at the others.
  SocketLedger sockets;
  HeaderList headers;
  Transfer transfer;
  EasyHandle handle;
  std::thread::id last_user;  // the thread that used it last

  // What the handle was last given, so that a call sets only what differs
  // from the previous call on this connection (curl copies a URL or method
  // string on every set). Each "known" is false while curl's value is in doubt
  // (a failed set may have cleared it).
  bool url_known = false;
  std::string url;
  long timeout_ms = -1;
  bool method_known = false;
  std::string custom_method;  // empty: none (GET or POST)
  curl_slist* header_list = nullptr;
};

// Drops a connection a forked child inherited without a byte reaching its
// socket, which the parent still uses: curl_easy_cleanup would read from it
// and write a TLS close_notify to it (ending the parent's session), so each
// socket is first replaced by /dev/null, where those reads and writes fail
// harmlessly; CloseSocket then closes that stand-in. Closing the child's
// descriptor leaves the parent's connection open.
void AbandonInherited(std::unique_ptr<Connection> connection) {
  const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd < 0) {
    // Without a stand-in the handle cannot be cleaned up safely: leaking it
    // (and its descriptors) is the lesser harm.
    static_cast<void>(connection.release());
    return;
  }
  for (const curl_socket_t fd : connection->sockets.open) dup2(null_fd, fd);
  close(null_fd);
  connection.reset();
}

// This process's id without a system call per request (getpid() is one, about
// 140 ns here): read once, and again in every child fork() makes.
std::atomic<pid_t> g_current_pid{0};  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

void RefreshCurrentPid() { g_current_pid.store(getpid(), std::memory_order_relaxed); }

pid_t CurrentPid() {
  static const bool registered = [] {
    RefreshCurrentPid();
    pthread_atfork(nullptr, nullptr, &RefreshCurrentPid);
    return true;
  }();
  static_cast<void>(registered);
  return g_current_pid.load(std::memory_order_relaxed);
}

// Idle connections, handed out with affinity: a thread gets back the
// connection it used last when that one is idle. Handing connections from
// thread to thread made two threads sharing a client reach about half the
// throughput of two threads with a handle each (the handle's memory, and the
// server's side of the socket, kept moving between cores). Otherwise the most
// recently returned connection is the likeliest to be warm.
//
// The pool belongs to the process that filled it. After fork() the child
// inherits the idle connections' sockets, shared with the parent: using one
// would mix the two processes' requests and responses on one connection. The
// first call in the child abandons them all (see AbandonInherited) and opens
// its own.
class ConnectionPool {
 public:
  explicit ConnectionPool(std::size_t max_idle) : max_idle_(max_idle), owner_(CurrentPid()) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // A child that destroys a client it inherited must not clean the parent's
  // connections up either.
  ~ConnectionPool() {
    if (owner_ == CurrentPid()) return;
    for (auto& connection : idle_) AbandonInherited(std::move(connection));
  }

  /// An idle connection, or a new one (then *fresh is set and the caller
  /// configures its handle).
  std::unique_ptr<Connection> Acquire(bool* fresh) {
    const std::thread::id me = std::this_thread::get_id();
    const pid_t pid = CurrentPid();
    std::vector<std::unique_ptr<Connection>> inherited;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (owner_ != pid) {
        inherited.swap(idle_);
        owner_ = pid;
      }
      if (!idle_.empty()) {
        auto chosen = std::prev(idle_.end());
        for (auto it = idle_.begin(); it != idle_.end(); ++it) {
          if ((*it)->last_user == me) {
            chosen = it;
            break;
          }
        }
        std::unique_ptr<Connection> connection = std::move(*chosen);
        idle_.erase(chosen);
        connection->last_user = me;
        *fresh = false;
        return connection;
      }
    }
    for (auto& connection : inherited) AbandonInherited(std::move(connection));
    auto connection = std::make_unique<Connection>();
    connection->last_user = me;
    connection->handle.reset(curl_easy_init());
    if (!connection->handle) {
      throw TransportError(TransportError::Kind::kOther, "curl_easy_init failed", false);
    }
    *fresh = true;
    return connection;
  }

  void Release(std::unique_ptr<Connection> connection) {
    std::lock_guard<std::mutex> lock(mu_);
    if (idle_.size() < max_idle_) idle_.push_back(std::move(connection));
  }

 private:
  const std::size_t max_idle_;
  std::mutex mu_;
  pid_t owner_;  // the process whose connections idle_ holds
  std::vector<std::unique_ptr<Connection>> idle_;
};

int BeforeSend(void* user, char* /*conn_primary_ip*/, char* /*conn_local_ip*/,
               int /*conn_primary_port*/, int /*conn_local_port*/) {
  auto* counter = static_cast<SendCounter*>(user);
  ++counter->sends;
  return counter->sends > 1 && !counter->allow_resend ? CURL_PREREQFUNC_ABORT : CURL_PREREQFUNC_OK;
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  if (sink->body->size() + size * count > sink->limit) {
    sink->over_limit = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  sink->body->append(data, size * count);
  return size * count;
}

std::string_view TrimWhitespace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* head = static_cast<ResponseHead*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    // A new status line: an interim (100 Continue) or proxy response came first.
    head->headers->clear();
    head->complete = false;
  } else if (line == "\r\n" || line == "\n") {
    head->complete = true;
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    head->headers->emplace_back(std::string(TrimWhitespace(line.substr(0, colon))),
                                std::string(TrimWhitespace(line.substr(colon + 1))));
  }
  return size * count;
}

template <typename T>
void SetOption(CURL* handle, CURLoption option, T value) {
  const CURLcode code = curl_easy_setopt(handle, option, value);
  // Options are set before the transfer starts: nothing has been sent yet.
  if (code != CURLE_OK) throw internal::MakeTransportError(code, nullptr, {});
}

class CurlTransport : public HttpTransport {
 public:
  static constexpr std::size_t kUsualHeaderCount = 8;

  explicit CurlTransport(CurlTransportOptions options)
      : options_(std::move(options)), pool_(options_.max_idle_connections) {}

  HttpResponse Send(const HttpRequest& request) override {
    bool fresh = false;
    std::unique_ptr<Connection> connection = pool_.Acquire(&fresh);
    if (fresh) Configure(connection.get());
    HttpResponse response;
    // Room for a usual response head at once, not a reallocation at the
    // first, second and fourth header.
    response.headers.reserve(kUsualHeaderCount);
    Transfer& transfer = connection->transfer;
    transfer.body = BodySink{&response.body, options_.max_response_bytes};
    transfer.counter = SendCounter{};
    transfer.counter.allow_resend = request.method != "POST";
    transfer.head = ResponseHead{&response.headers};
    transfer.error[0] = '\0';
    const CURLcode code = Perform(connection.get(), request);
    response.resent = transfer.counter.sends > 1;
    if (code != CURLE_OK) {
      // Made before the connection (and its transfer state) can go to
      // another thread. The handle is still usable: curl drops a broken
      // connection by itself.
      TransportError error = Failure(code, transfer);
      pool_.Release(std::move(connection));
      throw error;
    }
    const bool complete = transfer.head.complete;
    long status = 0;
    curl_easy_getinfo(connection->handle.get(), CURLINFO_RESPONSE_CODE, &status);
    response.status_code = static_cast<int>(status);
    pool_.Release(std::move(connection));
    if (!complete) {
      // The request was written and something came back: the server may have
      // acted on it, so this is a receive failure, never a decoding error.
      throw TransportError(TransportError::Kind::kReceive,
                           "the connection closed before the response headers were complete "
                           "(status " +
                               std::to_string(status) +
                               "); the request may have reached the service",
                           true);
    }
    return response;
  }

 private:
  TransportError Failure(CURLcode code, const Transfer& transfer) const {
    if (code == CURLE_ABORTED_BY_CALLBACK && transfer.counter.sends > 1) {
      return TransportError(TransportError::Kind::kReceive,
                            "the reused connection closed before any response arrived; the "
                            "request may have reached the service and was not re-sent",
                            true);
    }
    if (transfer.body.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
      return TransportError(TransportError::Kind::kReceive,
                            "response body exceeds the limit of " +
                                std::to_string(options_.max_response_bytes) + " bytes",
                            true);
    }
    // The pre-request callback is the evidence: curl calls it right before
    // it writes the request, so a transfer that never reached it sent nothing.
    internal::TransferEvidence evidence;
    evidence.request_started = transfer.counter.sends > 0;
    return internal::MakeTransportError(code, transfer.error, evidence);
  }

  // Options that never change for a handle, set once when it is created. A
  // handle is never reset afterwards: curl_easy_reset and re-setting everything
  // cost more per call than the rest of the transport.
  void Configure(Connection* connection) const {
    CURL* const curl = connection->handle.get();
    SetOption(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    SetOption(curl, CURLOPT_NOSIGNAL, 1L);
    SetOption(curl, CURLOPT_TCP_KEEPALIVE, 1L);
    SetOption(curl, CURLOPT_TCP_NODELAY, 1L);
    SetOption(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    SetOption(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    SetOption(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) SetOption(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
    if (!options_.ca_path.empty()) SetOption(curl, CURLOPT_CAPATH, options_.ca_path.c_str());
    if (!options_.proxy.empty()) SetOption(curl, CURLOPT_PROXY, options_.proxy.c_str());
    if (!options_.no_proxy.empty()) SetOption(curl, CURLOPT_NOPROXY, options_.no_proxy.c_str());
    // Refuses early when Content-Length announces too much; AppendBody
    // enforces the limit for chunked bodies.
    SetOption(curl, CURLOPT_MAXFILESIZE_LARGE,
              static_cast<curl_off_t>(options_.max_response_bytes));
    // Decode a gzip (or deflate, br, zstd) body, as Go's transport does, so a
    // compressed error body still maps to its error code. AppendBody sees the
    // decoded bytes, so the size limit holds however well a body compresses.
    SetOption(curl, CURLOPT_ACCEPT_ENCODING, "");
    SetOption(curl, CURLOPT_WRITEFUNCTION, &AppendBody);
    SetOption(curl, CURLOPT_PREREQFUNCTION, &BeforeSend);
    SetOption(curl, CURLOPT_HEADERFUNCTION, &AppendHeader);
    SetOption(curl, CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
    SetOption(curl, CURLOPT_OPENSOCKETDATA, &connection->sockets);
    SetOption(curl, CURLOPT_CLOSESOCKETFUNCTION, &CloseSocket);
    SetOption(curl, CURLOPT_CLOSESOCKETDATA, &connection->sockets);
    // The connection's own transfer state, reset by every call.
    Transfer& transfer = connection->transfer;
    SetOption(curl, CURLOPT_ERRORBUFFER, transfer.error);
    SetOption(curl, CURLOPT_WRITEDATA, &transfer.body);
    SetOption(curl, CURLOPT_PREREQDATA, &transfer.counter);
    SetOption(curl, CURLOPT_HEADERDATA, &transfer.head);
  }

  // Everything that depends on the request. Each is set on every call unless
  // the handle already holds the same value, so nothing of the previous
  // request on this connection survives.
  CURLcode Perform(Connection* connection, const HttpRequest& request) {
    CURL* const curl = connection->handle.get();
    if (!connection->url_known || connection->url != request.url) {
      connection->url_known = false;
      SetOption(curl, CURLOPT_URL, request.url.c_str());
      connection->url.assign(request.url);
      connection->url_known = true;
    }
    const auto timeout = request.timeout.count() > 0 ? request.timeout : options_.request_timeout;
    const auto timeout_ms = static_cast<long>(timeout.count());
    if (connection->timeout_ms != timeout_ms) {
      connection->timeout_ms = -1;
      SetOption(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
      connection->timeout_ms = timeout_ms;
    }

    // HTTPGET puts the handle back to a body-less GET whatever came before;
    // a body (POSTFIELDS) makes it a POST, and CUSTOMREQUEST renames it.
    SetOption(curl, CURLOPT_HTTPGET, 1L);
    const bool has_body =
        request.method == "POST" || request.method == "PUT" || !request.body.empty();
    if (request.method != "GET" && has_body) {
      SetOption(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      SetOption(curl, CURLOPT_POSTFIELDS, request.body.data());
    }
    const bool custom = request.method != "GET" && request.method != "POST";
    const std::string_view custom_method = custom ? std::string_view(request.method) : "";
    if (!connection->method_known || connection->custom_method != custom_method ||
        (custom && custom_method.empty())) {
      connection->method_known = false;
      SetOption(curl, CURLOPT_CUSTOMREQUEST, custom ? request.method.c_str() : nullptr);
      connection->custom_method.assign(custom_method);
      connection->method_known = true;
    }

    curl_slist* const headers = connection->headers.Build(request.headers, request.body.size());
    if (connection->header_list != headers) {
      connection->header_list = nullptr;
      SetOption(curl, CURLOPT_HTTPHEADER, headers);
      connection->header_list = headers;
    }
    // The handle keeps pointing at the list and the transfer state between
    // calls: both belong to the connection and outlive the handle.
    return curl_easy_perform(curl);
  }

  const CurlTransportOptions options_;
  ConnectionPool pool_;
};

}  // namespace

std::shared_ptr<HttpTransport> MakeCurlTransport(const CurlTransportOptions& options) {
  InitCurlOnce();
  return std::make_shared<CurlTransport>(options);
}

}  // namespace csms
