#include "hub/users/session_book.h"

#include <gtest/gtest.h>

#include "tests/testutil/fixed_clock.h"

namespace rosa::users {
namespace {

TEST(SessionBookTest, OpensWithRandomIdAndCsrfToken) {
  testutil::FixedClock clock;
  SessionBook book(&clock);
  const Session a = book.Open("ks-oslo", "kari");
  const Session b = book.Open("ks-oslo", "kari");
  EXPECT_EQ(a.id.size(), 64u);
  EXPECT_EQ(a.csrf.size(), 64u);
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrf, b.csrf);
  EXPECT_NE(a.id, a.csrf);
  std::optional<Session> found = book.Touch(a.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->partner, "ks-oslo");
  EXPECT_EQ(found->user, "kari");
  EXPECT_FALSE(book.Touch("no-such-session").has_value());
}

TEST(SessionBookTest, EndsAfterFifteenIdleMinutes) {
  testutil::FixedClock clock;
  SessionBook book(&clock);
  const Session s = book.Open("rosa", "ola");
  clock.Advance(absl::Minutes(14));
  EXPECT_TRUE(book.Touch(s.id).has_value());  // Restarts the idle time.
  clock.Advance(absl::Minutes(14));
  EXPECT_TRUE(book.IsLive(s.id));
  clock.Advance(absl::Minutes(1));
  EXPECT_FALSE(book.IsLive(s.id));  // IsLive never restarted it.
  EXPECT_FALSE(book.Touch(s.id).has_value());
  EXPECT_EQ(book.size(), 0u);
}

// A page's live updates read the session (Peek) without keeping it alive.
TEST(SessionBookTest, PeekDoesNotRestartTheIdleTime) {
  testutil::FixedClock clock;
  SessionBook book(&clock);
  const Session s = book.Open("rosa", "ola");
  for (int i = 0; i < 14; ++i) {
    clock.Advance(absl::Minutes(1));
    ASSERT_TRUE(book.Peek(s.id).has_value());
    EXPECT_EQ(book.Peek(s.id)->user, "ola");
  }
  clock.Advance(absl::Minutes(1));
  EXPECT_FALSE(book.Peek(s.id).has_value());
  EXPECT_FALSE(book.Touch(s.id).has_value());
}

// However busy, a session ends 12 hours after its login.
TEST(SessionBookTest, EndsTwelveHoursAfterLoginHoweverBusy) {
  testutil::FixedClock clock;
  SessionBook book(&clock);
  const Session s = book.Open("rosa", "ola");
  for (int i = 0; i < 12 * 6 - 1; ++i) {
    clock.Advance(absl::Minutes(10));
    ASSERT_TRUE(book.Touch(s.id).has_value()) << i;
  }
  clock.Advance(absl::Minutes(10));
  EXPECT_FALSE(book.IsLive(s.id));
  EXPECT_FALSE(book.Touch(s.id).has_value());
  EXPECT_EQ(book.size(), 0u);
}

TEST(SessionBookTest, CloseAndCloseUser) {
  testutil::FixedClock clock;
  SessionBook book(&clock);
  const Session a = book.Open("ks-oslo", "kari");
  const Session b = book.Open("ks-oslo", "kari");
  const Session c = book.Open("ks-oslo", "nora");
  book.Close(a.id);
  EXPECT_FALSE(book.Touch(a.id).has_value());
  book.CloseUser("ks-oslo", "kari");
  EXPECT_FALSE(book.Touch(b.id).has_value());
  EXPECT_TRUE(book.Touch(c.id).has_value());
}

TEST(SessionBookTest, CsrfTokenMustMatchExactly) {
  testutil::FixedClock clock;
  SessionBook book(&clock);
  const Session s = book.Open("rosa", "ola");
  EXPECT_TRUE(SessionBook::CsrfMatches(s, s.csrf));
  EXPECT_FALSE(SessionBook::CsrfMatches(s, ""));
  EXPECT_FALSE(SessionBook::CsrfMatches(s, s.csrf.substr(1)));
  std::string wrong = s.csrf;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_FALSE(SessionBook::CsrfMatches(s, wrong));
}

TEST(SessionBookTest, DropsTheOldestWhenFull) {
  testutil::FixedClock clock;
  SessionBook book(&clock, {.idle = absl::Minutes(15), .max_sessions = 2});
  const Session a = book.Open("rosa", "a");
  clock.Advance(absl::Seconds(1));
  const Session b = book.Open("rosa", "b");
  clock.Advance(absl::Seconds(1));
  const Session c = book.Open("rosa", "c");
  EXPECT_FALSE(book.Touch(a.id).has_value());
  EXPECT_TRUE(book.Touch(b.id).has_value());
  EXPECT_TRUE(book.Touch(c.id).has_value());
}

}  // namespace
}  // namespace rosa::users
