#include "adapters/console/html.h"

#include <gtest/gtest.h>

namespace rosa::console {
namespace {

TEST(HtmlTest, EscapesEveryCharacterThatCouldOpenMarkup) {
  EXPECT_EQ(
      Escape("<script>alert('x') & \"y\"</script>"),
      "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(Escape("R-2026-000001"), "R-2026-000001");
  EXPECT_EQ(Escape(""), "");
}

TEST(HtmlTest, UrlEncodesQueryValues) {
  EXPECT_EQ(UrlEncode("a b&c=d"), "a%20b%26c%3Dd");
}

TEST(HtmlTest, ShowsTimesInOsloAndLeavesUnsetOnesEmpty) {
  EXPECT_EQ(ShowTime(absl::FromUnixSeconds(1'800'000'000)), "2027-01-15 09:00");
  EXPECT_EQ(ShowTime(absl::UnixEpoch()), "");
}

}  // namespace
}  // namespace rosa::console
