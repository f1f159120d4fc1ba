#include "common/name_rule.h"

#include <string>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(NameRuleTest, TwoToSixtyThreeOfLowerCaseDigitsAndInnerDashes) {
  for (const char* name :
       {"ks-csv", "filemon", "iom-avrr", "lauras-skjema", "rosa-native",
        "advokat", "ks-oslo", "iom", "a7", "x-y", "a--b", "42"}) {
    EXPECT_TRUE(IsValidName(name)) << name;
  }
  EXPECT_TRUE(IsValidName(std::string(63, 'p')));
  EXPECT_FALSE(IsValidName(std::string(64, 'p')));
  for (const char* name : {"", "x", "7", "-", "--", "-x", "x-", "-ks-csv",
                           "KS-CSV", "Ks", "ks_csv", "ks csv", "../x", "/abs",
                           "a/b", "ks.csv", "ks\ncsv", "ks-\xc3\xb8"}) {
    EXPECT_FALSE(IsValidName(name)) << name;
  }
  EXPECT_FALSE(IsValidName(std::string("ks\0csv", 6)));
}

}  // namespace
}  // namespace rosa
