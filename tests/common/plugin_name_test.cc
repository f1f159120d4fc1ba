#include "common/plugin_name.h"

#include <string>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(PluginNameTest, OneToSixtyThreeOfLowerCaseDigitsAndDash) {
  for (const char* name : {"ks-csv", "filemon", "iom-avrr", "lauras-skjema",
                           "rosa-native", "advokat", "x", "7", "-x", "x-"}) {
    EXPECT_TRUE(IsPluginName(name)) << name;
  }
  EXPECT_TRUE(IsPluginName(std::string(63, 'p')));
  EXPECT_FALSE(IsPluginName(std::string(64, 'p')));
  for (const char* name : {"", "KS-CSV", "ks_csv", "ks csv", "../x", "/abs",
                           "ks.csv", "ks\ncsv"}) {
    EXPECT_FALSE(IsPluginName(name)) << name;
  }
  EXPECT_FALSE(IsPluginName(std::string("ks\0csv", 6)));
}

}  // namespace
}  // namespace rosa
