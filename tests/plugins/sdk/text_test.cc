#include "plugins/sdk/text.h"

#include <string>

#include "gtest/gtest.h"

namespace rosa::plugin {
namespace {

// IsValidUtf8 and Utf8Length are common/text.h's (tests/common/text_test.cc).
TEST(TextTest, TheUtf8ChecksAreTheCommonOnes) {
  EXPECT_TRUE(IsValidUtf8("Tromsø"));
  EXPECT_FALSE(IsValidUtf8("Troms\xF8"));
  EXPECT_EQ(Utf8Length("Tromsø"), 6u);
}

TEST(TrimTest, RemovesSpacesTabsAndLineEndsAtBothEnds) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim("ab"), "ab");
  EXPECT_EQ(Trim(" \t\r\n"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // no-break space is kept
}

TEST(WithoutBomTest, SkipsOneLeadingByteOrderMarkOnly) {
  const std::string bom(kUtf8Bom);
  EXPECT_EQ(WithoutBom(bom + "a;b"), "a;b");
  EXPECT_EQ(WithoutBom("a;b" + bom), "a;b" + bom);
  EXPECT_EQ(WithoutBom(bom + bom), bom);
  EXPECT_EQ(WithoutBom(bom.substr(0, 2)), bom.substr(0, 2));
  EXPECT_EQ(bom, "\xEF\xBB\xBF");
  EXPECT_EQ(WithoutBom(""), "");
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
