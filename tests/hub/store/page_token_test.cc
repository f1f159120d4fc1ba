#include "hub/store/page_token.h"

#include <cstdint>
#include <limits>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(PageTokenTest, RoundTrips) {
  for (int64_t seq : {int64_t{0}, int64_t{1}, int64_t{51},
                      std::numeric_limits<int64_t>::max()}) {
    auto decoded = DecodePageToken(EncodePageToken(seq));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, seq);
  }
  EXPECT_EQ(EncodePageToken(42), "v1.42");
}

TEST(PageTokenTest, EmptyIsTheFirstPage) {
  auto decoded = DecodePageToken("");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, 0);
}

TEST(PageTokenTest, RefusesWhatTheHubDidNotHandOut) {
  for (const std::string token :
       {"42", "v1.", "v1.-1", "v1.+1", "v1. 1", "v1.1 ", "v2.1", "v1.1x",
        "v1.99999999999999999999", "secret-token-value"}) {
    auto decoded = DecodePageToken(token);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument)
        << token;
    EXPECT_THAT(std::string(decoded.status().message()),
                HasSubstr("page_token:"));
    // The token is never repeated back.
    EXPECT_THAT(std::string(decoded.status().message()),
                Not(HasSubstr("secret")));
  }
}

TEST(PageTokenTest, PageSizeDefault) {
  EXPECT_EQ(PageSizeOrDefault(0), kDefaultPageSize);
  EXPECT_EQ(PageSizeOrDefault(7), 7);
}

}  // namespace
}  // namespace rosa::store
