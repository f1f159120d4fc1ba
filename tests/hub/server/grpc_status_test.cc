#include "hub/server/grpc_status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/log_capture.h"

namespace rosa {
namespace {

TEST(GrpcStatusTest, ClientFacingCodesKeepTheirMessage) {
  const grpc::Status s =
      ToGrpcStatus(absl::InvalidArgumentError("facts.age: required"), "M");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "facts.age: required");
  EXPECT_EQ(ToGrpcStatus(absl::NotFoundError("x"), "M").error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ToGrpcStatus(absl::OutOfRangeError("x"), "M").error_code(),
            grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), "M").ok());
}

TEST(GrpcStatusTest, InternalDetailsDoNotReachTheClient) {
  const grpc::Status s = ToGrpcStatus(
      absl::InternalError("store: step: no such table: referrals"), "M");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(s.error_message().find("referrals"), std::string::npos);
  EXPECT_EQ(ToGrpcStatus(absl::DataLossError("blob"), "M")
                .error_message()
                .find("blob"),
            std::string::npos);
}

// The log gets the internal message, escaped: it may carry a plugin's
// words (through the plugin host), which must not start a line of their own.
TEST(GrpcStatusTest, InternalDetailsAreLoggedEscaped) {
  testutil::LogCapture log;
  ToGrpcStatus(absl::InternalError("plugin x: failed\n2026-12-07 info forged"),
               "M");
  EXPECT_THAT(log.Text(), ::testing::HasSubstr("failed\\x0a2026-12-07"));
  EXPECT_THAT(log.Text(), ::testing::Not(::testing::HasSubstr("\n2026")));
}

TEST(GrpcStatusTest, Deadlines) {
  EXPECT_EQ(FromGrpcDeadline(std::chrono::system_clock::time_point::max()),
            absl::InfiniteFuture());
  const auto t = std::chrono::system_clock::now();
  EXPECT_LT(absl::AbsDuration(FromGrpcDeadline(t) - absl::FromChrono(t)),
            absl::Microseconds(1));
}

}  // namespace
}  // namespace rosa
