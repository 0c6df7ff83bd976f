#include "secret_value.h"

#include <cerrno>
#include <cstring>
#include <memory>

#include "args.h"

namespace csms_tool {
namespace {

// Reads at most one byte more than the limit, to tell "exactly at" from "over".
std::string ReadAll(std::FILE* stream, const std::string& source) {
  std::string out;
  char buffer[4096];
  while (out.size() <= kMaxSecretValueBytes) {
    const std::size_t n = std::fread(buffer, 1, sizeof(buffer), stream);
    out.append(buffer, n);
    if (n < sizeof(buffer)) break;
  }
  if (std::ferror(stream)) {
    throw UsageError("cannot read " + source + ": " + std::strerror(errno));
  }
  if (out.size() > kMaxSecretValueBytes) {
    throw UsageError(source + " holds more than " + std::to_string(kMaxSecretValueBytes / 1024) +
                     " KiB; a secret value is at most 32 KiB");
  }
  return out;
}

}  // namespace

std::string ReadSecretValueFile(const std::string& path) {
  const std::string source = "--value-file \"" + path + "\"";
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw UsageError("cannot read " + source + ": " + std::strerror(errno));
  return ReadAll(file.get(), source);
}

std::string ReadSecretValueStream(std::FILE* stream) { return ReadAll(stream, "stdin"); }

}  // namespace csms_tool
