#include "hub/common/request_formats.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(IsValidPersonRefTest, FollowsTheFormat) {
  for (const char* ref : {"P-7KQ2M9XA", "P-0000", "P-ABCD",
                          "P-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"}) {
    EXPECT_TRUE(IsValidPersonRef(ref)) << ref;
  }
  for (const char* ref : {"", "P-", "P-ABC", "P-7kq2m9xa", "p-7KQ2M9XA",
                          "P7KQ2M9XA", "P-7KQ2 M9XA", "P-7KQ2-M9XA",
                          "P-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "P-ÆØÅÆ"}) {
    EXPECT_FALSE(IsValidPersonRef(ref)) << ref;
  }
}

TEST(IsValidIdempotencyKeyTest, AllowsPrintableAsciiOnly) {
  EXPECT_TRUE(IsValidIdempotencyKey("!"));
  EXPECT_TRUE(IsValidIdempotencyKey("~"));
  EXPECT_TRUE(IsValidIdempotencyKey("0b5e6a1c-Key_{x}"));
  EXPECT_TRUE(IsValidIdempotencyKey(std::string(128, 'a')));
  EXPECT_FALSE(IsValidIdempotencyKey(""));
  EXPECT_FALSE(IsValidIdempotencyKey(std::string(129, 'a')));
  EXPECT_FALSE(IsValidIdempotencyKey("a b"));
  EXPECT_FALSE(IsValidIdempotencyKey("a\x7F"));
  EXPECT_FALSE(IsValidIdempotencyKey("a\x1F"));
  EXPECT_FALSE(IsValidIdempotencyKey(std::string_view("a\0b", 3)));
  EXPECT_FALSE(IsValidIdempotencyKey("n\xC3\xB8kkel"));
}

TEST(CheckIdempotencyKeyTest, NamesTheFieldAndNeverTheKey) {
  EXPECT_TRUE(CheckIdempotencyKey("k-1").ok());
  const absl::Status empty = CheckIdempotencyKey("");
  EXPECT_EQ(empty.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.message(), "idempotency_key: required");
  const absl::Status spaced = CheckIdempotencyKey("secret key");
  EXPECT_EQ(spaced.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(spaced.message(),
            "idempotency_key: must be 1 to 128 printable ASCII characters");
  EXPECT_FALSE(CheckIdempotencyKey(std::string(129, 'a')).ok());
}

TEST(CheckPageRequestTest, AllowsZeroToTheMostRowsAndAShortToken) {
  EXPECT_TRUE(CheckPageRequest(0, "").ok());
  EXPECT_TRUE(CheckPageRequest(kMaxPageSize, "v1.12").ok());
  EXPECT_TRUE(CheckPageRequest(1, std::string(kMaxPageTokenBytes, 'x')).ok());

  EXPECT_EQ(CheckPageRequest(-1, "").message(), "page_size: must be 0 to 500");
  EXPECT_EQ(CheckPageRequest(kMaxPageSize + 1, "").message(),
            "page_size: must be 0 to 500");
  const absl::Status long_token =
      CheckPageRequest(1, std::string(kMaxPageTokenBytes + 1, 'x'));
  EXPECT_EQ(long_token.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(long_token.message(), "page_token: at most 256 bytes");
}

}  // namespace
}  // namespace rosa
