#include "paging.h"

#include "service_error.h"

namespace csms::emu {

std::size_t ParseLimit(const std::optional<std::string>& text) {
  if (!text || text->empty()) return kDefaultPageLimit;
  // The API types limit as a string of 1 to 4 digits.
  if (text->size() > 4) throw InvalidParameter("limit must be 1 to 4 digits");
  std::size_t value = 0;
  for (const char c : *text) {
    if (c < '0' || c > '9') throw InvalidParameter("limit must be 1 to 4 digits");
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (value < 1 || value > kMaxPageLimit) {
    throw InvalidParameter("limit must be between 1 and " + std::to_string(kMaxPageLimit));
  }
  return value;
}

}  // namespace csms::emu
