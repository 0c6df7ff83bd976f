// The files credentials sources read (the profile file, the pod identity token
// file) are named by users or the platform and may be anything: a named pipe,
// a device, a huge sparse file. Get() must answer with a typed error, at once,
// without reading more than the source's limit.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <memory>
#include <string>

#include "csms/credentials_provider.h"
#include "csms/errors.h"
#include "internal/credentials_providers.h"

namespace csms {
namespace {

using ::testing::HasSubstr;

// A fresh directory under TMPDIR, removed with what the test put in it.
class TempDir {
 public:
  TempDir() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr ? dir : "/tmp") + "/csms_files_XXXXXX";
    if (mkdtemp(path_.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  }
  ~TempDir() {
    for (const char* name : {"fifo", "sparse"}) unlink((path_ + "/" + name).c_str());
    rmdir(path_.c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const char* name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// What provider.Get() throws, waited for at most a few seconds: a source that
// blocks on the file is a failure, and `unblock` then releases it so that the
// test ends.
std::string ErrorWithin(CredentialsProvider& provider, const std::function<void()>& unblock) {
  auto result = std::async(std::launch::async, [&provider]() -> std::string {
    try {
      provider.Get();
      return "no error";
    } catch (const CredentialsError& e) {
      return e.what();
    }
  });
  if (result.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "Get() blocked on the file";
    unblock();
  }
  return result.get();
}

// Opening the FIFO for writing and closing it ends a reader's wait in open()
// or read() (it then sees end of file).
void ReleaseReaders(const std::string& fifo) {
  const int writer = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
  if (writer >= 0) close(writer);
}

std::shared_ptr<CredentialsProvider> PodIdentityReading(const std::string& token_file) {
  PodIdentityCredentialsOptions options;
  options.full_uri = "http://127.0.0.1:9/v1/credentials";  // never reached
  options.token_file = token_file;
  return MakePodIdentityCredentialsProvider(options);
}

TEST(CredentialsFiles, AProfileThatIsANamedPipeDoesNotBlock) {
  const TempDir dir;
  const std::string fifo = dir.File("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto provider = MakeProfileCredentialsProvider(fifo);
  // No writer: nothing in it, as for an empty file.
  EXPECT_THAT(ErrorWithin(*provider, [&] { ReleaseReaders(fifo); }),
              HasSubstr("has no ak and sk in section [basic]"));

  // A writer that never writes: the file cannot be read now.
  const int writer = open(fifo.c_str(), O_RDWR | O_NONBLOCK);
  ASSERT_GE(writer, 0);
  provider->Invalidate();
  const std::string error = ErrorWithin(*provider, [&] { close(writer); });
  EXPECT_THAT(error, HasSubstr("profile: " + fifo + " cannot be read"));
  close(writer);
}

TEST(CredentialsFiles, APodIdentityTokenFileThatIsANamedPipeDoesNotBlock) {
  const TempDir dir;
  const std::string fifo = dir.File("fifo");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto provider = PodIdentityReading(fifo);
  std::string error = ErrorWithin(*provider, [&] { ReleaseReaders(fifo); });
  EXPECT_THAT(error, HasSubstr("pod identity: the token file " + fifo + " is empty"));

  const int writer = open(fifo.c_str(), O_RDWR | O_NONBLOCK);
  ASSERT_GE(writer, 0);
  provider->Invalidate();
  error = ErrorWithin(*provider, [&] { close(writer); });
  EXPECT_THAT(error, HasSubstr("pod identity: the token file " + fifo + " cannot be read"));
  close(writer);
}

// /dev/zero never ends: reading it whole would exhaust memory.
TEST(CredentialsFiles, AnEndlessDeviceIsReadNoFurtherThanTheLimit) {
  auto profile = MakeProfileCredentialsProvider("/dev/zero");
  EXPECT_THROW(profile->Get(), internal::MisconfiguredSourceError);
  EXPECT_THAT(ErrorWithin(*profile, [] {}), HasSubstr("profile: /dev/zero is larger than 1 MiB"));

  auto pod = PodIdentityReading("/dev/zero");
  EXPECT_THAT(ErrorWithin(*pod, [] {}),
              HasSubstr("pod identity: the token file /dev/zero is larger than 64 KiB"));
}

TEST(CredentialsFiles, DevNullIsAnEmptyFile) {
  auto profile = MakeProfileCredentialsProvider("/dev/null");
  EXPECT_THAT(ErrorWithin(*profile, [] {}),
              HasSubstr("profile: /dev/null has no ak and sk in section [basic]"));
  EXPECT_THAT(ErrorWithin(*PodIdentityReading("/dev/null"), [] {}),
              HasSubstr("pod identity: the token file /dev/null is empty"));
}

TEST(CredentialsFiles, AHugeSparseFileIsRefusedWithoutReadingIt) {
  const TempDir dir;
  const std::string sparse = dir.File("sparse");
  const int fd = open(sparse.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(ftruncate(fd, off_t{1} << 30), 0);  // 1 GiB, no blocks
  close(fd);
  EXPECT_THAT(ErrorWithin(*MakeProfileCredentialsProvider(sparse), [] {}),
              HasSubstr("is larger than 1 MiB"));
  EXPECT_THAT(ErrorWithin(*PodIdentityReading(sparse), [] {}), HasSubstr("is larger than 64 KiB"));
}

TEST(CredentialsFiles, ADirectoryCannotBeRead) {
  const TempDir dir;
  const std::string path = dir.File("");
  EXPECT_THAT(ErrorWithin(*MakeProfileCredentialsProvider(path), [] {}),
              HasSubstr("cannot be read"));
  EXPECT_THAT(ErrorWithin(*PodIdentityReading(path), [] {}), HasSubstr("cannot be read"));
}

}  // namespace
}  // namespace csms
