#include "tool_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace csms_tool_test {
namespace {

// A child that exits early closes its pipes; a write to a closed pipe must not
// kill the test binary.
const bool kSigpipeIgnored = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();

std::runtime_error SystemError(const std::string& what) {
  return std::runtime_error(what + ": " + std::strerror(errno));
}

// stdin comes from an unlinked temporary file: unlike a pipe, it needs no
// writer thread and never blocks, whatever the size.
int StdinFile(const std::string& data) {
  char path[] = "/tmp/csms_tool_stdin_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw SystemError("mkstemp");
  unlink(path);
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0) throw SystemError("write");
    written += static_cast<std::size_t>(n);
  }
  if (lseek(fd, 0, SEEK_SET) != 0) throw SystemError("lseek");
  return fd;
}

}  // namespace

ToolResult RunTool(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env, const std::string& stdin_data,
                   std::chrono::seconds timeout) {
  return RunProgram(CSMS_TOOL_PATH, args, env, stdin_data, timeout);
}

ToolResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env, const std::string& stdin_data,
                      std::chrono::seconds timeout) {
  std::vector<std::string> argv_strings = {program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::map<std::string, std::string> child_env;
  for (const char* name :
       {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "LD_LIBRARY_PATH"}) {
    if (const char* value = std::getenv(name)) child_env[name] = value;
  }
  // The default chain must never reach for a real instance metadata service
  // (169.254.169.254) from a test; a test of that source overrides this.
  child_env["CSMS_METADATA_DISABLED"] = "true";
  for (const auto& [name, value] : env) child_env[name] = value;
  std::vector<std::string> env_strings;
  for (const auto& [name, value] : child_env) env_strings.push_back(name + "=" + value);

  // Everything the child needs is built before fork(): after it, only
  // async-signal-safe calls are allowed (the test server's threads are running).
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  const int stdin_fd = StdinFile(stdin_data);
  int out_pipe[2];
  int err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    throw SystemError("pipe2");
  }
  const pid_t pid = fork();
  if (pid < 0) throw SystemError("fork");
  if (pid == 0) {
    dup2(stdin_fd, 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(stdin_fd);
  close(out_pipe[1]);
  close(err_pipe[1]);

  ToolResult result;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      kill(pid, SIGKILL);
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
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw SystemError("waitpid");
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = 128 + WTERMSIG(status);
  }
  return result;
}

int LineCount(const std::string& s) {
  int lines = 0;
  for (char c : s) lines += c == '\n' ? 1 : 0;
  if (!s.empty() && s.back() != '\n') ++lines;
  return lines;
}

}  // namespace csms_tool_test
