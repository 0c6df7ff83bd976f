#include "raw_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace csms_test {
namespace {

// The Content-Length of a request head, or 0 (the SDK never sends chunked bodies).
std::size_t ContentLength(const std::string& head) {
  std::size_t at = 0;
  while ((at = head.find('\n', at)) != std::string::npos) {
    ++at;
    const std::string prefix = "content-length:";
    if (head.size() - at < prefix.size()) break;
    bool match = true;
    for (std::size_t i = 0; i < prefix.size() && match; ++i) {
      char c = head[at + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      match = c == prefix[i];
    }
    if (match) return std::strtoul(head.c_str() + at + prefix.size(), nullptr, 10);
  }
  return 0;
}

}  // namespace

RawServer::RawServer(Reply reply) : reply_(std::move(reply)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("raw server: socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;  // the kernel picks a free port
  socklen_t length = sizeof(address);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(listen_fd_, 16) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    close(listen_fd_);
    throw std::runtime_error("raw server: could not listen on 127.0.0.1");
  }
  port_ = ntohs(address.sin_port);
  // The socket listens already: a client may connect before the thread runs.
  thread_ = std::thread([this] { Serve(); });
}

RawServer::~RawServer() {
  stopping_ = true;
  // Wakes the blocked accept().
  shutdown(listen_fd_, SHUT_RDWR);
  thread_.join();
  close(listen_fd_);
}

std::string RawServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<RawRequest> RawServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

int RawServer::post_count() const {
  int posts = 0;
  for (const RawRequest& request : requests()) posts += request.method == "POST" ? 1 : 0;
  return posts;
}

void RawServer::Serve() {
  while (!stopping_) {
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR) continue;
      return;  // shut down
    }
    Answer(fd);
    close(fd);
  }
}

void RawServer::Answer(int fd) {
  RawRequest request;
  std::string received;
  char buffer[4096];
  std::size_t head_end = std::string::npos;
  std::size_t body_length = 0;
  for (;;) {
    if (head_end != std::string::npos && received.size() >= head_end + body_length) break;
    const ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
    if (head_end == std::string::npos) {
      const std::size_t blank = received.find("\r\n\r\n");
      if (blank != std::string::npos) {
        head_end = blank + 4;
        body_length = ContentLength(received.substr(0, head_end));
      }
    }
  }
  if (head_end == std::string::npos) return;  // the client gave up first
  request.head = received.substr(0, head_end);
  request.body = received.substr(head_end, body_length);
  const std::size_t space = request.head.find(' ');
  request.method = request.head.substr(0, space);
  request.target = request.head.substr(space + 1, request.head.find(' ', space + 1) - space - 1);
  int index = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    index = static_cast<int>(requests_.size());
    requests_.push_back(request);
  }
  const std::string reply = reply_(request, index);
  std::size_t sent = 0;
  while (sent < reply.size()) {
    const ssize_t n = send(fd, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  // Everything is sent before the close, so the client reads it all, then EOF.
  shutdown(fd, SHUT_WR);
}

}  // namespace csms_test
