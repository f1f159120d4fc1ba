#include "common/iso_codes.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace rosa {
namespace {

// Counts the two-letter strings from `first`+`first` to `last`+`last` that
// `is_code` accepts.
int CountCodes(bool (*is_code)(std::string_view), char first, char last) {
  int count = 0;
  for (char a = first; a <= last; ++a) {
    for (char b = first; b <= last; ++b) {
      const std::string code{a, b};
      if (is_code(code)) ++count;
    }
  }
  return count;
}

TEST(IsIso3166Alpha2Test, AcceptsAssignedCodes) {
  for (const char* code :
       {"AD", "GB", "NO", "PL", "RO", "SE", "SS", "UA", "VN", "NG", "ER",
        "SY", "TH", "ZW", "AX", "BQ", "CW", "SX", "EH", "PS", "TW"}) {
    EXPECT_TRUE(IsIso3166Alpha2(code)) << code;
  }
}

TEST(IsIso3166Alpha2Test, RejectsEverythingElse) {
  for (const char* code :
       {"",   "R",  "ROU", "ro", "Ro", "rO", "XK", "ZZ", "UK", "EU",  "AA",
        "QM", "YU", "CS",  "AN", "SU", "TP", "R ", " R", "1A", "NO\n"}) {
    EXPECT_FALSE(IsIso3166Alpha2(code)) << '"' << code << '"';
  }
}

TEST(IsIso3166Alpha2Test, KnowsExactlyTheAssignedCodes) {
  EXPECT_EQ(CountCodes(IsIso3166Alpha2, 'A', 'Z'), 249);
  EXPECT_EQ(CountCodes(IsIso3166Alpha2, 'a', 'z'), 0);
}

TEST(IsIso639_1Test, AcceptsLanguageCodes) {
  for (const char* code :
       {"aa", "ar", "en", "fa", "nb", "nn", "no", "pl", "ro", "ru", "se",
        "so", "sq", "ti", "uk", "vi", "zh", "zu", "bh", "yo", "ff"}) {
    EXPECT_TRUE(IsIso639_1(code)) << code;
  }
}

TEST(IsIso639_1Test, RejectsEverythingElse) {
  for (const char* code : {"", "p", "pol", "PL", "Pl", "pL", "xx", "iw", "in",
                           "ji", "jw", "mo", "qa", "zz", "p ", "nb\n"}) {
    EXPECT_FALSE(IsIso639_1(code)) << '"' << code << '"';
  }
}

TEST(IsIso639_1Test, KnowsExactlyTheLanguageCodes) {
  EXPECT_EQ(CountCodes(IsIso639_1, 'a', 'z'), 184);
  EXPECT_EQ(CountCodes(IsIso639_1, 'A', 'Z'), 0);
}

TEST(IsoCodesTest, HandlesEmbeddedNul) {
  EXPECT_FALSE(IsIso3166Alpha2(std::string_view("N\0", 2)));
  EXPECT_FALSE(IsIso639_1(std::string_view("n\0", 2)));
}

}  // namespace
}  // namespace rosa
