#include "state_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "state_codec.h"

namespace csms::emu {
namespace {

std::runtime_error IoError(const std::string& what, const std::string& path) {
  return std::runtime_error("csms-emulator: cannot " + what + " state file '" + path +
                            "': " + std::strerror(errno));
}

std::string DirectoryOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

void WriteAll(int fd, const std::string& bytes, const std::string& path) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError("write", path);
    }
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::optional<StoreData> LoadStateFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw IoError("open", path);
  }
  std::string content;
  char buffer[65536];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::runtime_error error = IoError("read", path);
      close(fd);
      throw error;
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  close(fd);
  // Parse without exceptions: nlohmann's parse errors quote the bytes near the
  // error, which could be part of a secret value.
  const nlohmann::json json = nlohmann::json::parse(content, nullptr, false);
  if (json.is_discarded()) {
    throw std::runtime_error("csms-emulator: state file '" + path +
                             "' is corrupt: it is not valid JSON");
  }
  try {
    return DecodeState(json);
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("csms-emulator: state file '" + path +
                             "' is corrupt: " + error.what());
  }
}

void SaveStateFile(const std::string& path, const StoreData& data) {
  const std::string bytes = EncodeState(data).dump(1);
  std::string temp = path + ".tmp.XXXXXX";
  std::vector<char> temp_name(temp.begin(), temp.end());
  temp_name.push_back('\0');
  // mkstemp creates the file with mode 0600: it will hold secret values.
  const int fd = mkostemp(temp_name.data(), O_CLOEXEC);
  if (fd < 0) throw IoError("create a temporary file next to the", path);
  temp.assign(temp_name.data());
  try {
    WriteAll(fd, bytes, path);
    if (fsync(fd) != 0) throw IoError("fsync the temporary file of the", path);
  } catch (...) {
    close(fd);
    unlink(temp.c_str());
    throw;
  }
  if (close(fd) != 0) {
    unlink(temp.c_str());
    throw IoError("close the temporary file of the", path);
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    const std::runtime_error error = IoError("replace the", path);
    unlink(temp.c_str());
    throw error;
  }
  // Make the rename itself durable.
  const int dir_fd = open(DirectoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
}

}  // namespace csms::emu
