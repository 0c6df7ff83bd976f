#include "tool_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace csms_tool_test {
namespace {

std::runtime_error SystemError(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

std::chrono::milliseconds Left(std::chrono::steady_clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                               std::chrono::steady_clock::now());
}

}  // namespace

ToolProcess::ToolProcess(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env) {
  std::vector<std::string> argv_strings = {CSMS_TOOL_PATH};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::map<std::string, std::string> child_env;
  for (const char* name :
       {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "LD_LIBRARY_PATH"}) {
    if (const char* value = std::getenv(name)) child_env[name] = value;
  }
  child_env["CSMS_METADATA_DISABLED"] = "true";
  for (const auto& [name, value] : env) child_env[name] = value;
  std::vector<std::string> env_strings;
  for (const auto& [name, value] : child_env) env_strings.push_back(name + "=" + value);

  // Built before fork(): only async-signal-safe calls after it.
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw SystemError("pipe2");
  }
  const int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  pid_ = fork();
  if (pid_ < 0) throw SystemError("fork");
  if (pid_ == 0) {
    dup2(null_fd, 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(null_fd);
  close(out_pipe[1]);
  close(err_pipe[1]);
  out_fd_ = out_pipe[0];
  err_fd_ = err_pipe[0];
}

ToolProcess::~ToolProcess() {
  if (!finished_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) close(out_fd_);
  if (err_fd_ >= 0) close(err_fd_);
}

std::string ToolProcess::ReadLine(std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (out_buffer_.find('\n') == std::string::npos && out_fd_ >= 0) {
    const auto left = Left(deadline);
    if (left.count() <= 0) return "";
    pollfd waiting{out_fd_, POLLIN, 0};
    const int ready = poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) throw SystemError("poll");
    if (ready <= 0) continue;
    char buffer[4096];
    const ssize_t n = read(out_fd_, buffer, sizeof(buffer));
    if (n > 0) {
      out_buffer_.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      close(out_fd_);
      out_fd_ = -1;
    }
  }
  const std::size_t end = out_buffer_.find('\n');
  if (end == std::string::npos) return "";
  std::string line = out_buffer_.substr(0, end);
  out_buffer_.erase(0, end + 1);
  return line;
}

void ToolProcess::Signal(int sig) {
  if (pid_ > 0 && !finished_) kill(pid_, sig);
}

ToolResult ToolProcess::Finish(std::chrono::seconds timeout) {
  ToolResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
  std::string* sinks[2] = {&out_buffer_, &err_buffer_};
  int open_fds = (out_fd_ >= 0 ? 1 : 0) + (err_fd_ >= 0 ? 1 : 0);
  while (open_fds > 0) {
    const auto left = Left(deadline);
    if (left.count() <= 0) {
      result.timed_out = true;
      kill(pid_, SIGKILL);
      break;
    }
    const int ready = poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) throw SystemError("poll");
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || fds[k].revents == 0) continue;
      char buffer[4096];
      const ssize_t n = read(fds[k].fd, buffer, sizeof(buffer));
      if (n > 0) {
        sinks[k]->append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[k].fd);
        fds[k].fd = -1;
        --open_fds;
      }
    }
  }
  for (auto& fd : fds) {
    if (fd.fd >= 0) close(fd.fd);
  }
  out_fd_ = -1;
  err_fd_ = -1;
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) throw SystemError("waitpid");
  }
  finished_ = true;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  result.out = out_buffer_;
  result.err = err_buffer_;
  return result;
}

}  // namespace csms_tool_test
