#include "adapters/file_drop/thrown.h"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

template <typename E>
std::string Described(const E& e) {
  try {
    throw e;
  } catch (...) {
    return DescribeThrown();
  }
}

// what() would name the partner's file, unescaped, or carry a payload.
TEST(DescribeThrownTest, SaysWhatWentWrongNeverWhatItWasAbout) {
  const std::filesystem::filesystem_error loop(
      "status", "inbox/Kari\nNordmann.csv",
      std::make_error_code(std::errc::too_many_symbolic_link_levels));
  EXPECT_THAT(Described(loop), HasSubstr("filesystem error"));
  EXPECT_THAT(Described(loop), Not(HasSubstr("Kari")));
  EXPECT_EQ(Described(std::runtime_error("Kari Nordmann")),
            "an unexpected exception");
  EXPECT_EQ(Described(std::bad_alloc()), "out of memory");
}

}  // namespace
}  // namespace rosa
