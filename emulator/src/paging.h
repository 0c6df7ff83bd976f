#ifndef CSMS_EMULATOR_SRC_PAGING_H_
#define CSMS_EMULATOR_SRC_PAGING_H_

// Marker paging over name-sorted maps, as the list operations use it.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csms::emu {

inline constexpr std::size_t kDefaultPageLimit = 50;
/// The emulator's upper bound for `limit`; the API definitions cap a page at 1000 items.
inline constexpr std::size_t kMaxPageLimit = 1000;

struct PageRequest {
  std::size_t limit = kDefaultPageLimit;
  std::string marker;  // empty: first page
};

template <typename T>
struct Page {
  std::vector<T> items;
  /// Name of the last item, present only when more items follow.
  std::optional<std::string> next_marker;
  /// The marker this page started after (absent on the first page).
  std::optional<std::string> previous_marker;
};

/// Parses `limit` (1 to 4 digits, value 1..kMaxPageLimit); absent or empty means the default.
/// @throws ServiceError (CSMS.0002) otherwise.
std::size_t ParseLimit(const std::optional<std::string>& text);

/// The items after `request.marker` (a name; it need not exist) that `keep` accepts,
/// at most `request.limit` of them. T needs a `name` member.
template <typename T, typename Keep>
Page<T> TakePage(const std::map<std::string, T>& items, const PageRequest& request, Keep keep) {
  Page<T> page;
  if (!request.marker.empty()) page.previous_marker = request.marker;
  auto it = request.marker.empty() ? items.begin() : items.upper_bound(request.marker);
  for (; it != items.end(); ++it) {
    if (!keep(it->second)) continue;
    if (page.items.size() == request.limit) {
      // More items follow: point at the last one returned.
      if (!page.items.empty()) page.next_marker = page.items.back().name;
      break;
    }
    page.items.push_back(it->second);
  }
  return page;
}

}  // namespace csms::emu

#endif  // CSMS_EMULATOR_SRC_PAGING_H_
