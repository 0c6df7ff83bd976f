#include "internal/bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <utility>

namespace csms {
namespace internal {
namespace {

// Closes the descriptor on every way out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

BoundedFile ReadBoundedFile(const std::string& path, std::size_t max_bytes) {
  BoundedFile result;
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of
  // waiting for a writer that may never come, and reading it does not wait.
  const Descriptor file(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (file.get() < 0) {
    result.status = errno == ENOENT || errno == ENOTDIR ? BoundedFile::Status::kNotFound
                                                        : BoundedFile::Status::kUnreadable;
    return result;
  }
  struct stat info {};
  if (fstat(file.get(), &info) != 0) return result;
  if (S_ISDIR(info.st_mode)) return result;
  // A sparse 1 GiB file is refused without reading it. Other kinds of file
  // (pipes, devices) have no size: the bounded read below decides.
  if (S_ISREG(info.st_mode) && static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    result.status = BoundedFile::Status::kTooLarge;
    return result;
  }
  // The size can change between fstat and read (a token being rotated): read
  // at most one byte beyond the limit to tell "too large" from "complete".
  std::string content;
  char chunk[4096];
  for (;;) {
    const std::size_t room = max_bytes + 1 - content.size();
    const ssize_t got = read(file.get(), chunk, room < sizeof chunk ? room : sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return result;
    if (got == 0) break;
    content.append(chunk, static_cast<std::size_t>(got));
    if (content.size() > max_bytes) {
      result.status = BoundedFile::Status::kTooLarge;
      return result;
    }
  }
  result.content = std::move(content);
  result.status = BoundedFile::Status::kOk;
  return result;
}

}  // namespace internal
}  // namespace csms
