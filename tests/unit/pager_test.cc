// The one list-all loop: which markers it follows and when it stops.

#include "internal/pager.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace csms {
namespace internal {
namespace {

using Page = std::pair<std::vector<int>, PageInfo>;

Page MakePage(std::vector<int> items, std::optional<std::string> next) {
  PageInfo info;
  info.next_marker = std::move(next);
  return {std::move(items), info};
}

TEST(ListAll, GivesUpWithATypedErrorAfterThePageCap) {
  int calls = 0;
  const auto endless = [&](const std::optional<std::string>&) {
    ++calls;
    return MakePage({calls}, "m-" + std::to_string(calls));
  };
  try {
    ListAll<int>("ListThings", endless, 5);
    FAIL();
  } catch (const InvalidResponseError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("ListThings kept returning new markers for 5"));
  }
  EXPECT_EQ(calls, 5);
}

TEST(ListAll, PassesEachMarkerOnAndStopsWhenItIsAbsent) {
  std::vector<std::optional<std::string>> asked;
  const auto fetch = [&](const std::optional<std::string>& marker) {
    asked.push_back(marker);
    if (!marker) return MakePage({1}, "a");  // one item: far below any limit
    if (*marker == "a") return MakePage({2, 3}, "b");
    return MakePage({4}, std::nullopt);
  };
  EXPECT_EQ(ListAll<int>("ListThings", fetch), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(asked, (std::vector<std::optional<std::string>>{std::nullopt, "a", "b"}));
}

// A marker from the server that the request validation rejects is the
// server's fault: InvalidResponseError, not the caller's ValidationError.
TEST(ListAll, AServerMarkerThatFailsValidationIsAnInvalidResponse) {
  int calls = 0;
  const auto fetch = [&](const std::optional<std::string>& marker) {
    ++calls;
    if (marker) throw ValidationError("marker", "marker: contains a control character");
    return MakePage({1}, "bad\x01marker");
  };
  try {
    ListAll<int>("ListThings", fetch);
    FAIL();
  } catch (const InvalidResponseError& e) {
    EXPECT_EQ(e.status_code(), 200);
    EXPECT_THAT(e.what(), ::testing::HasSubstr("ListThings returned a next_marker"));
  }
  EXPECT_EQ(calls, 2);
}

// The first page has no marker from the server: a ValidationError there (of the
// caller's own request) passes through unchanged.
TEST(ListAll, AValidationErrorOnTheFirstPageStaysOne) {
  const auto fetch = [&](const std::optional<std::string>&) -> Page {
    throw ValidationError("limit", "limit: out of range");
  };
  EXPECT_THROW(ListAll<int>("ListThings", fetch), ValidationError);
}

}  // namespace
}  // namespace internal
}  // namespace csms
