#include "ledd/base/time.h"

#include "gtest/gtest.h"

namespace ledd {
namespace {

TEST(ParseTimestamp, AcceptsEveryPrecisionOfTheFormat) {
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*ParseTimestamp("2019-08-14T09:30:00Z"), 1565775000);
  EXPECT_EQ(*ParseTimestamp("2019-08-14"), 1565740800);
  EXPECT_EQ(*ParseTimestamp("2019-08"), 1564617600);
  EXPECT_EQ(*ParseTimestamp("2019"), 1546300800);
  EXPECT_EQ(*ParseTimestamp("2019-08-14T09:30:00.123Z"), 1565775000);
  EXPECT_EQ(*ParseTimestamp("2019-08-14T11:30:00+02:00"), 1565775000);
  EXPECT_EQ(*ParseTimestamp("2019-08-14T11:30:00.000+0200"), 1565775000);
  EXPECT_EQ(*ParseTimestamp("2019-08-14T09:30"), 1565775000);
}

TEST(ParseTimestamp, RejectsWhatIsNotADate) {
  for (const char* bad : {"", "19", "2019-8", "2019-02-30", "2019-13-01", "2019-08-14X",
                          "2019-08-14T25:00:00Z", "yesterday", "2019-08-14T09:30:00Q"}) {
    EXPECT_FALSE(ParseTimestamp(bad).ok()) << bad;
  }
}

TEST(FormatTimestamp, RoundTripsThroughParse) {
  Timestamp t = *ParseTimestamp("2021-12-31T23:59:58Z");
  EXPECT_EQ(FormatDateTime(t), "2021-12-31T23:59:58Z");
  EXPECT_EQ(FormatDate(t), "2021-12-31");
  EXPECT_EQ(FormatMonth(t), "2021-12");
  EXPECT_EQ(*ParseTimestamp(FormatDateTime(-86400)), -86400);
}

}  // namespace
}  // namespace ledd
