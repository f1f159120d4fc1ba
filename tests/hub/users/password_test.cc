#include "hub/users/password.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace rosa::users {
namespace {

TEST(PasswordTest, HashesAndVerifies) {
  absl::StatusOr<std::string> hash = HashPassword("a long enough password");
  ASSERT_TRUE(hash.ok()) << hash.status();
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*hash, "a long enough password"));
  EXPECT_FALSE(VerifyPassword(*hash, "a long enough passworD"));
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("$argon2id$nonsense", "x"));
}

TEST(PasswordTest, NewPasswordLength) {
  EXPECT_FALSE(CheckNewPassword(std::string(kMinPasswordChars - 1, 'x')).ok());
  EXPECT_TRUE(CheckNewPassword(std::string(kMinPasswordChars, 'x')).ok());
  EXPECT_TRUE(CheckNewPassword(std::string(kMaxPasswordChars, 'x')).ok());
  EXPECT_FALSE(CheckNewPassword(std::string(kMaxPasswordChars + 1, 'x')).ok());
}

// Eight logins at once (as a flood of made-up names would make): never more
// than kHashSlots Argon2id computations run together, and each still
// answers right.
TEST(PasswordTest, AtMostTheSlotsHashAtOnce) {
  const absl::StatusOr<std::string> hash = HashPassword("the right password");
  ASSERT_TRUE(hash.ok());
  std::atomic<bool> done{false};
  std::atomic<int> most{0};
  std::thread watch([&] {
    while (!done.load()) {
      const int now = HashesRunning();
      int seen = most.load();
      while (now > seen && !most.compare_exchange_weak(seen, now)) {
      }
      std::this_thread::yield();
    }
  });
  std::vector<std::thread> logins;
  std::atomic<int> right{0};
  for (int i = 0; i < 8; ++i) {
    logins.emplace_back([&, i] {
      const bool ok = VerifyPassword(
          *hash, i % 2 == 0 ? "the right password" : "a wrong password");
      if (ok == (i % 2 == 0)) ++right;
    });
  }
  for (std::thread& t : logins) t.join();
  done = true;
  watch.join();
  EXPECT_EQ(right.load(), 8);
  EXPECT_GE(most.load(), 1) << "the watch saw the hashes run";
  EXPECT_LE(most.load(), kHashSlots);
  EXPECT_EQ(HashesRunning(), 0);
}

}  // namespace
}  // namespace rosa::users
