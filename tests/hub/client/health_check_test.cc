#include "hub/client/health_check.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(ParseHealthResponseTest, ReadsEachServingStatus) {
  EXPECT_EQ(*ParseHealthResponse(std::string("\x08\x01", 2)),
            HealthState::kServing);
  EXPECT_EQ(*ParseHealthResponse(std::string("\x08\x02", 2)),
            HealthState::kNotServing);
  EXPECT_EQ(*ParseHealthResponse(std::string("\x08\x03", 2)),
            HealthState::kServiceUnknown);
}

TEST(ParseHealthResponseTest, AnEmptyMessageIsUnknown) {
  // proto3 leaves a default enum off the wire.
  EXPECT_EQ(*ParseHealthResponse(""), HealthState::kUnknown);
}

TEST(ParseHealthResponseTest, SkipsUnknownFields) {
  // field 2 (length-delimited "ab"), then status SERVING.
  EXPECT_EQ(*ParseHealthResponse(std::string("\x12\x02"
                                             "ab\x08\x01",
                                             6)),
            HealthState::kServing);
}

TEST(ParseHealthResponseTest, AnUnknownStatusValueIsUnknown) {
  EXPECT_EQ(*ParseHealthResponse(std::string("\x08\x09", 2)),
            HealthState::kUnknown);
}

TEST(ParseHealthResponseTest, RefusesTruncatedBytes) {
  EXPECT_FALSE(ParseHealthResponse(std::string("\x08", 1)).ok());
  EXPECT_FALSE(ParseHealthResponse(std::string("\x12\x05"
                                               "ab",
                                               4))
                   .ok());
}

TEST(HealthStateNameTest, NamesAsGrpcDoes) {
  EXPECT_EQ(HealthStateName(HealthState::kServing), "SERVING");
  EXPECT_EQ(HealthStateName(HealthState::kNotServing), "NOT_SERVING");
}

}  // namespace
}  // namespace rosa
