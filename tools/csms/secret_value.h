#ifndef CSMS_TOOLS_CSMS_SECRET_VALUE_H_
#define CSMS_TOOLS_CSMS_SECRET_VALUE_H_

// Reading a secret value. Values only ever come from a file or stdin, never
// from a flag, because command lines end up in shell history and ps output.

#include <cstdio>
#include <string>

namespace csms_tool {

/// More than any valid value (32 KiB), so an oversized value is reported by the
/// SDK's validation, while a runaway input (/dev/zero) is cut short.
constexpr std::size_t kMaxSecretValueBytes = 64 * 1024;

/// The whole file, byte for byte.
/// @throws UsageError when it cannot be read or is larger than kMaxSecretValueBytes.
std::string ReadSecretValueFile(const std::string& path);

/// All of stream (stdin), byte for byte; a trailing newline is kept.
/// @throws UsageError on a read error or more than kMaxSecretValueBytes.
std::string ReadSecretValueStream(std::FILE* stream);

}  // namespace csms_tool

#endif  // CSMS_TOOLS_CSMS_SECRET_VALUE_H_
