#ifndef CSMS_SRC_INTERNAL_BOUNDED_FILE_H_
#define CSMS_SRC_INTERNAL_BOUNDED_FILE_H_

// Reading a small file that a user or the platform names (a credentials file,
// a pod identity token file) without trusting what is there: a named pipe
// would block open() until some writer comes, and /dev/zero or a file that
// grows while read would never end. Nothing here blocks, and nothing beyond
// the limit is read (/dev/null still reads as empty).

#include <cstddef>
#include <string>

namespace csms {
namespace internal {

struct BoundedFile {
  enum class Status {
    kOk,          // content holds the whole file
    kNotFound,    // no such file (or a path component is not a directory)
    kUnreadable,  // it exists but cannot be read (permissions, a directory, a socket,
                  // a pipe whose writer has written nothing yet, I/O)
    kTooLarge,    // larger than the limit (nothing beyond the limit was read)
  };
  Status status = Status::kUnreadable;
  std::string content;
};

/// The content of the file at `path`, read without blocking (a pipe without a
/// writer reads as empty) and never beyond `max_bytes` + 1 bytes; a regular
/// file larger than `max_bytes` is refused without reading it.
/// @throws std::bad_alloc only.
BoundedFile ReadBoundedFile(const std::string& path, std::size_t max_bytes);

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_BOUNDED_FILE_H_
