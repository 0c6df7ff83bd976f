// Saturating time arithmetic at the extremes: 0, 1, max, negative.

#include "internal/saturating_time.h"

#include <gtest/gtest.h>

namespace csms {
namespace internal {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;
using Steady = std::chrono::steady_clock::time_point;

TEST(SaturatingTime, CastClampsInsteadOfOverflowing) {
  EXPECT_EQ(SaturatingCast<nanoseconds>(milliseconds(0)), nanoseconds(0));
  EXPECT_EQ(SaturatingCast<nanoseconds>(milliseconds(1)), nanoseconds(1000000));
  EXPECT_EQ(SaturatingCast<nanoseconds>(milliseconds(-1)), nanoseconds(-1000000));
  EXPECT_EQ(SaturatingCast<nanoseconds>(milliseconds::max()), nanoseconds::max());
  EXPECT_EQ(SaturatingCast<nanoseconds>(milliseconds::min()), nanoseconds::min());
  EXPECT_EQ(SaturatingCast<milliseconds>(seconds::max()), milliseconds::max());
  EXPECT_EQ(SaturatingCast<milliseconds>(nanoseconds::max()),
            milliseconds(nanoseconds::max().count() / 1000000));
  EXPECT_EQ(SaturatingCast<milliseconds>(nanoseconds(1999999)), milliseconds(1));
}

TEST(SaturatingTime, AddClampsAtBothEnds) {
  EXPECT_EQ(SaturatingAdd(milliseconds(1), milliseconds(1)), milliseconds(2));
  EXPECT_EQ(SaturatingAdd(milliseconds::max(), milliseconds(1)), milliseconds::max());
  EXPECT_EQ(SaturatingAdd(milliseconds(1), milliseconds::max()), milliseconds::max());
  EXPECT_EQ(SaturatingAdd(milliseconds::min(), milliseconds(-1)), milliseconds::min());
  EXPECT_EQ(SaturatingAdd(milliseconds::max(), milliseconds::min()), milliseconds(-1));

  const Steady now = Steady() + hours(1);
  EXPECT_EQ(SaturatingAdd(now, milliseconds(0)), now);
  EXPECT_EQ(SaturatingAdd(now, milliseconds(1)), now + milliseconds(1));
  EXPECT_EQ(SaturatingAdd(now, milliseconds::max()), Steady::max());
  EXPECT_EQ(SaturatingAdd(now, seconds::max()), Steady::max());
  EXPECT_EQ(SaturatingAdd(Steady() - hours(1), milliseconds::min()), Steady::min());
  EXPECT_EQ(SaturatingAdd(Steady::max(), milliseconds(1)), Steady::max());
}

TEST(SaturatingTime, SubAndTimeLeft) {
  const Steady now = Steady() + hours(1);
  EXPECT_EQ(SaturatingSub(now, now), nanoseconds(0));
  EXPECT_EQ(SaturatingSub(Steady::max(), Steady::min()), nanoseconds::max());
  EXPECT_EQ(SaturatingSub(Steady::min(), Steady::max()), nanoseconds::min());
  EXPECT_EQ(TimeLeft(now, now + milliseconds(1)), milliseconds(1));
  EXPECT_EQ(TimeLeft(now, now), milliseconds(0));
  EXPECT_EQ(TimeLeft(now + milliseconds(5), now), milliseconds(0));
  EXPECT_EQ(TimeLeft(Steady::min(), Steady::max()),
            milliseconds(nanoseconds::max().count() / 1000000));
}

TEST(SaturatingTime, WaitsPastTheDeadline) {
  const Steady now = Steady() + hours(1);
  EXPECT_TRUE(EndsAtOrAfter(now, milliseconds(0), now));
  EXPECT_FALSE(EndsAtOrAfter(now, milliseconds(0), now + milliseconds(1)));
  EXPECT_TRUE(EndsAtOrAfter(now, milliseconds(1), now + milliseconds(1)));
  // A 435-year wait used to wrap around to "ends long before the deadline".
  EXPECT_TRUE(EndsAtOrAfter(now, milliseconds::max(), now + hours(1)));
  EXPECT_FALSE(EndsAtOrAfter(now, hours(1), SaturatingAdd(now, milliseconds::max())));
}

TEST(SaturatingTime, Multiply) {
  EXPECT_EQ(SaturatingMultiply(0, 2), 0);
  EXPECT_EQ(SaturatingMultiply(1, 2), 2);
  EXPECT_EQ(SaturatingMultiply(milliseconds::max().count() / 2 + 1, 2),
            milliseconds::max().count());
}

}  // namespace
}  // namespace internal
}  // namespace csms
