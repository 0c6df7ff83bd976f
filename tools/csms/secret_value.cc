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

bool IsValidUtf8(const std::string& bytes) {
  std::size_t i = 0;
  const std::size_t n = bytes.size();
  while (i < n) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned int lo = 0x80;
    unsigned int hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) lo = 0xA0;  // overlong
      if (b0 == 0xED) hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) lo = 0x90;  // overlong
      if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (i + length > n) return false;
    const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
    if (b1 < lo || b1 > hi) return false;
    for (std::size_t k = 2; k < length; ++k) {
      const auto b = static_cast<unsigned char>(bytes[i + k]);
      if (b < 0x80 || b > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

}  // namespace csms_tool
