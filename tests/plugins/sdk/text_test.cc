#include "plugins/sdk/text.h"

#include <string>

#include "gtest/gtest.h"

namespace rosa::plugin {
namespace {

using namespace std::string_literals;

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

TEST(TrimTest, RemovesSpacesTabsAndLineEndsAtBothEnds) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim("ab"), "ab");
  EXPECT_EQ(Trim(" \t\r\n"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // no-break space is kept
}

TEST(AsciiLowerTest, LowersAsciiOnly) {
  EXPECT_EQ(AsciiLower("AKUTT Langtid"), "akutt langtid");
  EXPECT_EQ(AsciiLower("ÆØÅ"), "ÆØÅ");
}

TEST(ErrorsTest, NameRecordFieldAndReason) {
  const v1::RecordError error = MakeError("line 3", "ledige", "too large");
  EXPECT_EQ(error.record(), "line 3");
  EXPECT_EQ(error.field(), "ledige");
  EXPECT_EQ(error.reason(), "too large");

  const v1::DecodeResponse rejected = Reject("line 4", "senter", "unknown");
  ASSERT_EQ(rejected.errors_size(), 1);
  EXPECT_EQ(rejected.errors(0).record(), "line 4");
  EXPECT_EQ(rejected.commands_size(), 0);
}

TEST(ErrorsTest, AnEventIsNamedByItsCursor) {
  rosa::hub::v1::Event event;
  event.set_cursor(1234567890123);
  EXPECT_EQ(EventRecord(event), "event 1234567890123");

  const v1::EncodeResponse refused =
      RefuseEvent(event, "referral.id", "not a referral id");
  ASSERT_TRUE(refused.has_error());
  EXPECT_EQ(refused.error().record(), "event 1234567890123");
  EXPECT_EQ(refused.error().field(), "referral.id");
  EXPECT_EQ(refused.error().reason(), "not a referral id");
  EXPECT_EQ(refused.payloads_size(), 0);
}

}  // namespace
}  // namespace rosa::plugin
