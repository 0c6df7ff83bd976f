#ifndef CSMS_TESTS_SUPPORT_TEMP_FILE_H_
#define CSMS_TESTS_SUPPORT_TEMP_FILE_H_

// A file of the test's own under $TMPDIR (else /tmp), removed when the object
// goes: profile files, token files, password files. mkstemp names it, so tests
// running in parallel never share one.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace csms_test {

class TempFile {
 public:
  /// @throws std::runtime_error when no file can be made.
  explicit TempFile(const std::string& content = {}) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/csms_test_XXXXXX";
    const int fd = mkstemp(path_.data());
    if (fd < 0) throw std::runtime_error("mkstemp failed in " + path_);
    close(fd);
    Write(content);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  /// Replaces the file's content.
  void Write(const std::string& content) const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace csms_test

#endif  // CSMS_TESTS_SUPPORT_TEMP_FILE_H_
