#ifndef CSMS_SRC_INTERNAL_PAGER_H_
#define CSMS_SRC_INTERNAL_PAGER_H_

// The one "list all" loop behind every ListAll* operation.
//
// A page shorter than the limit asked for does not mean the end: servers and
// gateways cap pages below the requested limit, and stopping there returned
// 10 of 30 events silently. Only the marker says whether more follow.

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "csms/errors.h"
#include "csms/models.h"

namespace csms {
namespace internal {

/// Pages a list-all call gives up after (with InvalidResponseError): far more
/// than any project holds, so only a server inventing markers forever hits it.
inline constexpr int kListAllMaxPages = 10000;

/// fetch(marker), where every marker but the first page's absent one came from
/// the server: a ValidationError then blames the server's answer.
template <typename Fetch>
auto FetchPage(const char* operation, Fetch& fetch, const std::optional<std::string>& marker) {
  if (!marker) return fetch(marker);
  try {
    return fetch(marker);
  } catch (const ValidationError& e) {
    throw InvalidResponseError(200,
                               std::string(operation) +
                                   " returned a next_marker that is not valid as a marker (" +
                                   e.what() + ")",
                               "");
  }
}

/// Collects every item of a marker-paged listing. fetch(marker) returns one
/// page as {items, page_info}; the first call gets no marker. The next page is
/// asked for while the last one held items and named a non-empty marker not
/// seen before; an absent or empty marker, an empty page or a repeated marker
/// ends the listing.
/// @throws InvalidResponseError naming operation after max_pages pages with
///         new markers, or when fetch rejects a marker the server sent with
///         ValidationError (the server's answer is at fault, not the caller,
///         and earlier pages were already fetched); whatever else fetch throws.
template <typename Item, typename Fetch>
std::vector<Item> ListAll(const char* operation, Fetch fetch, int max_pages = kListAllMaxPages) {
  std::vector<Item> all;
  std::set<std::string> seen_markers;
  std::optional<std::string> marker;
  for (int page_number = 0; page_number < max_pages; ++page_number) {
    std::pair<std::vector<Item>, PageInfo> page = FetchPage(operation, fetch, marker);
    const bool empty_page = page.first.empty();
    for (auto& item : page.first) all.push_back(std::move(item));
    std::optional<std::string>& next = page.second.next_marker;
    if (empty_page || !next || next->empty() || !seen_markers.insert(*next).second) return all;
    marker = std::move(next);
  }
  throw InvalidResponseError(200,
                             std::string(operation) + " kept returning new markers for " +
                                 std::to_string(max_pages) + " pages",
                             "");
}

}  // namespace internal
}  // namespace csms

#endif  // CSMS_SRC_INTERNAL_PAGER_H_
