#include "bench_server.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

namespace csms_bench {
namespace {

std::atomic<long> g_connections{0};
std::atomic<long> g_full_handshakes{0};
std::atomic<long> g_requests{0};
volatile sig_atomic_t g_stop = 0;

void OnTerm(int) { g_stop = 1; }

// Reads, writes and closes either a plain socket or a TLS session.
struct Channel {
  int fd = -1;
  SSL* ssl = nullptr;
  long Read(char* buffer, std::size_t size) {
    if (ssl != nullptr) return SSL_read(ssl, buffer, static_cast<int>(size));
    return static_cast<long>(recv(fd, buffer, size, 0));
  }
  bool WriteAll(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const long n =
          ssl != nullptr
              ? SSL_write(ssl, data.data() + sent, static_cast<int>(data.size() - sent))
              : static_cast<long>(send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL));
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
};

// With follow_client, moves the calling thread to the core that processed the
// socket's last incoming packet: on loopback, the core of the client thread
// that sent it. A client thread and its server thread then take turns on one
// core, instead of wherever the scheduler happens to wake them.
void FollowClient(int fd, int* current_cpu) {
  int cpu = -1;
  socklen_t size = sizeof cpu;
  if (getsockopt(fd, SOL_SOCKET, SO_INCOMING_CPU, &cpu, &size) != 0 || cpu < 0 ||
      cpu == *current_cpu) {
    return;
  }
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<std::size_t>(cpu), &set);
  if (sched_setaffinity(0, sizeof set, &set) == 0) *current_cpu = cpu;
}

// Serves one keep-alive connection until the client closes it.
void Serve(Channel channel, const std::string& response, bool follow_client) {
  std::string pending;
  char buffer[16384];
  int current_cpu = -1;
  for (;;) {
    const auto header_end = pending.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      std::size_t content_length = 0;
      const auto at = pending.find("Content-Length:");
      if (at != std::string::npos && at < header_end) {
        content_length = std::strtoul(pending.c_str() + at + 15, nullptr, 10);
      }
      const std::size_t total = header_end + 4 + content_length;
      if (pending.size() >= total) {
        pending.erase(0, total);
        if (follow_client) FollowClient(channel.fd, &current_cpu);
        ++g_requests;
        if (!channel.WriteAll(response)) break;
        continue;
      }
    }
    const long n = channel.Read(buffer, sizeof buffer);
    if (n <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(n));
  }
  if (channel.ssl != nullptr) SSL_free(channel.ssl);
  close(channel.fd);
}

[[noreturn]] void RunChild(int listen_fd, int report_fd, const std::string& body, X509* cert,
                           EVP_PKEY* key, bool follow_client) {
  signal(SIGPIPE, SIG_IGN);
  struct sigaction term {};
  term.sa_handler = OnTerm;
  sigaction(SIGTERM, &term, nullptr);

  SSL_CTX* ctx = nullptr;
  if (cert != nullptr) {
    ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == nullptr || SSL_CTX_use_certificate(ctx, cert) != 1 ||
        SSL_CTX_use_PrivateKey(ctx, key) != 1) {
      std::fprintf(stderr, "bench server: TLS setup failed\n");
      _exit(1);
    }
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);
  }
  const std::string response =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: bench\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;

  std::vector<std::thread> workers;
  while (g_stop == 0) {
    pollfd waiting{listen_fd, POLLIN, 0};
    if (poll(&waiting, 1, 100) <= 0) continue;
    const int fd = accept(listen_fd, nullptr, nullptr);
    if (fd < 0) continue;
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ++g_connections;
    Channel channel{fd, nullptr};
    if (ctx != nullptr) {
      channel.ssl = SSL_new(ctx);
      SSL_set_fd(channel.ssl, fd);
      if (SSL_accept(channel.ssl) != 1) {
        SSL_free(channel.ssl);
        close(fd);
        continue;
      }
      if (SSL_session_reused(channel.ssl) == 0) ++g_full_handshakes;
    }
    workers.emplace_back(Serve, channel, response, follow_client);
  }
  const std::string report = std::to_string(g_connections.load()) + " " +
                             std::to_string(g_full_handshakes.load()) + " " +
                             std::to_string(g_requests.load()) + "\n";
  (void)!write(report_fd, report.data(), report.size());
  _exit(0);  // connection threads may still be blocked in reads
}

}  // namespace

BenchServer::BenchServer(std::string response_body, X509* cert, EVP_PKEY* key, int cpu) {
  const int listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listen_fd < 0 ||
      bind(listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listen_fd, 64) != 0 ||
      getsockname(listen_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("bench server: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("bench server: pipe failed");
  child_ = fork();
  if (child_ < 0) throw std::runtime_error("bench server: fork failed");
  if (child_ == 0) {
    close(pipe_fds[0]);
    if (cpu >= 0) {
      cpu_set_t set;
      CPU_ZERO(&set);
      CPU_SET(static_cast<std::size_t>(cpu), &set);
      sched_setaffinity(0, sizeof set, &set);
    }
    RunChild(listen_fd, pipe_fds[1], response_body, cert, key, cpu == kFollowClient);
  }
  close(pipe_fds[1]);
  close(listen_fd);  // the child owns it; connecting works through its copy
  report_fd_ = pipe_fds[0];
}

ServerStats BenchServer::Stop() {
  ServerStats stats;
  if (child_ <= 0) return stats;
  kill(child_, SIGTERM);
  char buffer[128] = {0};
  const ssize_t n = read(report_fd_, buffer, sizeof buffer - 1);
  if (n > 0) {
    std::sscanf(buffer, "%ld %ld %ld", &stats.connections, &stats.full_handshakes, &stats.requests);
  }
  waitpid(child_, nullptr, 0);
  close(report_fd_);
  child_ = -1;
  return stats;
}

BenchServer::~BenchServer() { Stop(); }

}  // namespace csms_bench
