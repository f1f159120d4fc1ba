#include "common/text.h"

#include <cstdint>
#include <string>

#include "gtest/gtest.h"

namespace rosa::text {
namespace {

using namespace std::string_literals;

TEST(DecodeUtf8Test, ReturnsTheLengthAndCodePointOfTheFirstSequence) {
  uint32_t cp = 0;
  EXPECT_EQ(DecodeUtf8("a", &cp), 1u);
  EXPECT_EQ(cp, 0x61u);
  EXPECT_EQ(DecodeUtf8("\xC3\xB8rn", &cp), 2u);  // ø
  EXPECT_EQ(cp, 0xF8u);
  EXPECT_EQ(DecodeUtf8("\xE2\x80\xAE", &cp), 3u);  // U+202E
  EXPECT_EQ(cp, 0x202Eu);
  EXPECT_EQ(DecodeUtf8("\xF4\x8F\xBF\xBF", &cp), 4u);  // U+10FFFF
  EXPECT_EQ(cp, 0x10FFFFu);
  EXPECT_EQ(DecodeUtf8("", &cp), 0u);
  EXPECT_EQ(DecodeUtf8("\xC3", &cp), 0u);
}

TEST(IsValidUtf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Oslo"));
  EXPECT_TRUE(IsValidUtf8("Tromsø, Ålesund, Ærø"));
  EXPECT_TRUE(IsValidUtf8("\xE2\x82\xAC"));      // U+20AC
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("a\0b"s));             // NUL is a code point
}

TEST(IsValidUtf8Test, RefusesOverlongsSurrogatesAndTruncation) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));          // U+D800
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));          // U+DFFF
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));      // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
  EXPECT_FALSE(IsValidUtf8("\x80"));                  // lone continuation
  EXPECT_FALSE(IsValidUtf8("\xC3"));                  // cut short
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));              // cut short
  EXPECT_FALSE(IsValidUtf8("\xC3(x"));                // bad continuation
  EXPECT_FALSE(IsValidUtf8("Troms\xF8"));             // Latin-1, not UTF-8
}

TEST(Utf8LengthTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8Length("abc"), 3u);
  EXPECT_EQ(Utf8Length("Tromsø"), 6u);
  EXPECT_EQ(Utf8Length("\xF0\x9F\x98\x80"), 1u);
}

TEST(IsControlCharacterTest, IsC0DelAndC1) {
  for (uint32_t cp : {0x00u, 0x09u, 0x0Au, 0x1Fu, 0x7Fu, 0x80u, 0x85u, 0x9Fu}) {
    EXPECT_TRUE(IsControlCharacter(cp)) << cp;
  }
  for (uint32_t cp : {0x20u, 0x7Eu, 0xA0u, 0xF8u, 0x202Eu, 0x10FFFFu}) {
    EXPECT_FALSE(IsControlCharacter(cp)) << cp;
  }
}

TEST(CleanTextLengthTest, CountsCodePointsOfTextWithoutControls) {
  EXPECT_EQ(CleanTextLength(""), 0u);
  EXPECT_EQ(CleanTextLength("Bodø"), 4u);
  EXPECT_EQ(CleanTextLength("Nordre Aasen 1 \xE2\x82\xAC"), 16u);
}

TEST(CleanTextLengthTest, RefusesControlsAndMalformedUtf8) {
  EXPECT_EQ(CleanTextLength("a\nb"), std::nullopt);
  EXPECT_EQ(CleanTextLength("a\tb"), std::nullopt);
  EXPECT_EQ(CleanTextLength("a\0b"s), std::nullopt);
  EXPECT_EQ(CleanTextLength("a\x7F"), std::nullopt);
  EXPECT_EQ(CleanTextLength("a\xC2\x85"), std::nullopt);  // U+0085 (NEL)
  EXPECT_EQ(CleanTextLength("\xC0\xAF"), std::nullopt);   // overlong
  EXPECT_EQ(CleanTextLength("Troms\xF8"), std::nullopt);  // Latin-1
}

TEST(Utf8PrefixTest, NeverCutsASequence) {
  EXPECT_EQ(text::Utf8Prefix("abc", 5), "abc");
  EXPECT_EQ(text::Utf8Prefix("abc", 2), "ab");
  EXPECT_EQ(text::Utf8Prefix("abc", 0), "");
  const std::string bla = "bl\xC3\xA5";  // "blå": å is 2 bytes.
  EXPECT_EQ(text::Utf8Prefix(bla, 3), "bl");
  EXPECT_EQ(text::Utf8Prefix(bla, 4), bla);
  const std::string emoji = "a\xF0\x9F\x98\x80";  // a and a 4-byte sequence.
  for (size_t max = 1; max < 5; ++max) {
    EXPECT_EQ(text::Utf8Prefix(emoji, max), "a") << max;
  }
  EXPECT_EQ(text::Utf8Prefix(emoji, 5), emoji);
}

TEST(IsBlankTest, IsEmptyOrOnlyAsciiWhiteSpace) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" "));
  EXPECT_TRUE(IsBlank(" \t\r\n\v\f"));
  EXPECT_FALSE(IsBlank(" x "));
  EXPECT_FALSE(IsBlank("\xC2\xA0"));  // a no-break space is text
  EXPECT_FALSE(IsBlank("0"));
}

}  // namespace
}  // namespace rosa::text
