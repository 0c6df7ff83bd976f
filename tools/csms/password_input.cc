#include "password_input.h"

#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "args.h"

namespace csms_tool {
namespace {

constexpr std::size_t kMaxPasswordFileBytes = 4096;

// Turns terminal echo off for its lifetime and back on after, whatever happens.
class EchoOff {
 public:
  explicit EchoOff(int fd) : fd_(fd) {
    if (tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= static_cast<tcflag_t>(ECHONL);
    active_ = tcsetattr(fd_, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_) tcsetattr(fd_, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

void WipeString(std::string& s) {
  volatile char* p = s.data();
  for (std::size_t i = 0; i < s.size(); ++i) p[i] = '\0';
  s.clear();
}

}  // namespace

void RefusePasswordOnCommandLine(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--") return;
    if (arg == "--password" || arg.rfind("--password=", 0) == 0) {
      throw UsageError(
          "--password is not accepted: a password on the command line is visible to other users "
          "(ps, /proc) and stays in the shell history; use --password-file FILE, or run csms on "
          "a terminal to be prompted");
    }
  }
}

std::string ReadPasswordFile(const std::string& path) {
  // A directory opens and then reads as nothing: say what it is rather than
  // "holds no password".
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    throw UsageError("cannot read --password-file \"" + path + "\": it is a directory");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw UsageError("cannot read --password-file \"" + path + "\": " + std::strerror(errno));
  }
  std::string contents(kMaxPasswordFileBytes + 1, '\0');
  file.read(contents.data(), static_cast<std::streamsize>(contents.size()));
  contents.resize(static_cast<std::size_t>(file.gcount()));
  if (contents.size() > kMaxPasswordFileBytes) {
    WipeString(contents);
    throw UsageError("--password-file \"" + path + "\" is larger than 4 KiB");
  }
  std::string password = contents.substr(0, contents.find('\n'));
  WipeString(contents);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    throw UsageError("--password-file \"" + path + "\" holds no password on its first line");
  }
  return password;
}

std::string PromptPassword(const std::string& prompt) {
  if (isatty(STDIN_FILENO) == 0) {
    throw UsageError(
        "--auth password needs the password: standard input is not a terminal, so csms cannot "
        "prompt for it; pass --password-file FILE");
  }
  std::string password;
  {
    // Echo goes off before the prompt shows: whatever is typed after it is hidden.
    const EchoOff echo_off(STDIN_FILENO);
    std::cerr << prompt << std::flush;
    char c = 0;
    while (password.size() <= kMaxPasswordFileBytes) {
      const ssize_t n = read(STDIN_FILENO, &c, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || c == '\n') break;
      password.push_back(c);
    }
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) throw UsageError("no password was entered");
  return password;
}

}  // namespace csms_tool
