#ifndef CSMS_BENCH_BENCH_SERVER_H_
#define CSMS_BENCH_BENCH_SERVER_H_

// A minimal HTTP/1.1 keep-alive server answering every request with one fixed
// response, run in a child process so that the client's CPU time (getrusage)
// excludes it. Plain TCP or TLS. It counts the connections it accepted and
// the TLS sessions it had to negotiate in full.

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sys/types.h>

#include <string>

namespace csms_bench {

struct ServerStats {
  long connections = 0;
  long full_handshakes = 0;  // TLS only
  long requests = 0;
};

class BenchServer {
 public:
  /// For cpu: each connection's thread moves to the core its client sends from.
  static constexpr int kFollowClient = -2;

  /// Forks the server. With cert and key set it speaks TLS. cpu >= 0 pins the
  /// server process to that core; kFollowClient pins each connection's thread
  /// to the core its requests come from (on loopback, the sending thread's),
  /// so that pinned client threads each get a same-core partner; -1 leaves
  /// placement to the scheduler.
  BenchServer(std::string response_body, X509* cert, EVP_PKEY* key, int cpu);
  ~BenchServer();
  BenchServer(const BenchServer&) = delete;
  BenchServer& operator=(const BenchServer&) = delete;

  int port() const { return port_; }
  /// Stops the child and returns what it counted.
  ServerStats Stop();

 private:
  pid_t child_ = -1;
  int port_ = 0;
  int report_fd_ = -1;
};

}  // namespace csms_bench

#endif  // CSMS_BENCH_BENCH_SERVER_H_
