#include "adapters/file_drop/away_names.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

using ::testing::EndsWith;
using ::testing::StartsWith;

TEST(AwayNameTest, AShortPrintableNameIsKept) {
  EXPECT_EQ(AwayName("2026-11-28-plasser.csv"), "2026-11-28-plasser.csv");
  EXPECT_EQ(AwayName("Bjørnsletta-plasser.csv"), "Bjørnsletta-plasser.csv");
}

TEST(AwayNameTest, ControlCharactersAndBackslashesAreEscaped) {
  EXPECT_EQ(AwayName("d\nfake\\line-plasser.csv"),
            "d\\x0afake\\x5cline-plasser.csv");
}

// The longest name a partner can give (255 bytes) fits with "-9999",
// ".error.txt" and a report's temporary name (".tmp.<pid>.<n>").
TEST(AwayNameTest, ALongNameIsCutKeepingItsExtension) {
  const std::string longest = std::string(243, 'y') + "-plasser.csv";
  ASSERT_EQ(longest.size(), 255u);
  const std::string away = AwayName(longest);
  EXPECT_LE(away.size(), kMaxAwayNameBytes);
  EXPECT_THAT(away, StartsWith("yyyy"));
  EXPECT_THAT(away, EndsWith("~.csv"));
  EXPECT_LE(NumberedName(away, kMaxNumberedNames).size() +
                std::string(".error.txt.tmp.4194304.4294967295").size(),
            255u);
}

TEST(AwayNameTest, ACutNeverSplitsACharacterOrAnEscape) {
  std::string name;
  while (name.size() < 240) name += "ø\n";
  const std::string away = AwayName(name + ".xml");
  EXPECT_LE(away.size(), kMaxAwayNameBytes);
  EXPECT_THAT(away, EndsWith("~.xml"));
  // Whole characters and whole escapes only: never a part of "ø" or of
  // "\x0a".
  std::string stem = away.substr(0, away.size() - 5);
  while (stem.starts_with("ø\\x0a")) stem.erase(0, 6);
  EXPECT_THAT(stem, ::testing::AnyOf("", "ø"));
}

TEST(AwayNameTest, ALongExtensionIsCutWithTheRest) {
  const std::string away = AwayName(std::string(300, 'a') + ".verylongext");
  EXPECT_LE(away.size(), kMaxAwayNameBytes);
  EXPECT_THAT(away, EndsWith("a~"));
}

TEST(NumberedNameTest, TheFirstIsTheNameThenADistinguishingNumber) {
  EXPECT_EQ(NumberedName("a.csv", 1), "a.csv");
  EXPECT_EQ(NumberedName("a.csv", 2), "a.csv-2");
  EXPECT_EQ(NumberedName("a.csv", 9999), "a.csv-9999");
}

}  // namespace
}  // namespace rosa
