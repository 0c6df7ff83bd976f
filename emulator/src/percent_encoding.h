#ifndef CSMS_EMULATOR_SRC_PERCENT_ENCODING_H_
#define CSMS_EMULATOR_SRC_PERCENT_ENCODING_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csms::emu {

/// Decodes %XX escapes (either hex case). A '%' not followed by two hex digits is
/// kept literally, and '+' stays '+': the signing scheme encodes a space as %20.
std::string PercentDecode(std::string_view text);
/// Encodes every byte except the unreserved set A-Z a-z 0-9 - . _ ~ as %XX (upper-case hex).
std::string PercentEncode(std::string_view text);
/// Splits a raw query string ("a=1&b=&c") into decoded (key, value) pairs, in
/// order. A key without '=' gets an empty value; empty pieces ("a=1&&b=2") are skipped.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view raw_query);

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_PERCENT_ENCODING_H_
