#include "connection_control.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <vector>

namespace csms::emu {
namespace {

std::optional<int> PortOf(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) {
    sockaddr_in v4{};
    std::memcpy(&v4, &address, sizeof(v4));
    return ntohs(v4.sin_port);
  }
  if (address.ss_family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &address, sizeof(v6));
    return ntohs(v6.sin6_port);
  }
  return std::nullopt;
}

std::optional<int> LocalPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (getsockname(fd, static_cast<sockaddr*>(static_cast<void*>(&address)), &length) != 0) {
    return std::nullopt;
  }
  return PortOf(address);
}

std::optional<int> PeerPort(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (getpeername(fd, static_cast<sockaddr*>(static_cast<void*>(&address)), &length) != 0) {
    return std::nullopt;  // not connected (e.g. the listening socket)
  }
  return PortOf(address);
}

// The open descriptors of this process that are sockets.
std::vector<int> SocketDescriptors() {
  std::vector<int> fds;
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return fds;
  const int own = dirfd(dir);
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == own) continue;
    struct stat info {};
    if (fstat(static_cast<int>(fd), &info) == 0 && S_ISSOCK(info.st_mode)) {
      fds.push_back(static_cast<int>(fd));
    }
  }
  closedir(dir);
  return fds;
}

}  // namespace

bool DropConnection(int local_port, int remote_port) {
  for (const int fd : SocketDescriptors()) {
    if (LocalPort(fd) != local_port || PeerPort(fd) != remote_port) continue;
    shutdown(fd, SHUT_RDWR);
    const int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null_fd >= 0) {
      // Atomically swaps the socket out from under cpp-httplib; the socket's
      // last reference goes away here.
      dup3(null_fd, fd, O_CLOEXEC);
      close(null_fd);
    }
    return true;
  }
  return false;
}

void ShutdownIdleConnections(int local_port) {
  for (const int fd : SocketDescriptors()) {
    if (LocalPort(fd) == local_port && PeerPort(fd)) shutdown(fd, SHUT_RD);
  }
}

}  // namespace csms::emu
