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

}  // namespace
}  // namespace internal
}  // namespace csms
