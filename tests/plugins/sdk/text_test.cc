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

// A decoder that stops at kMaxDecodeErrors adds its own last entry; one
// that does not is cut to the same length by ROSA_PLUGIN.
TEST(CapDecodeResponseTest, KeepsTheFirstErrorsAndCountsTheRest) {
  v1::DecodeResponse r;
  for (int i = 0; i < 5000; ++i) {
    *r.add_errors() = MakeError("line " + std::to_string(i + 2), "status",
                                "must be one of ...");
  }
  for (int i = 0; i < 150; ++i) {
    *r.add_warnings() = MakeError("line 1", "column " + std::to_string(i),
                                  "unknown column; ignored");
  }
  const v1::DecodeResponse capped = CapDecodeResponse(r);
  ASSERT_EQ(capped.errors_size(), static_cast<int>(kMaxDecodeErrors) + 1);
  EXPECT_EQ(capped.errors(0).record(), "line 2");
  EXPECT_EQ(capped.errors(99).record(), "line 101");
  EXPECT_EQ(capped.errors(100).record(), "payload");
  EXPECT_EQ(capped.errors(100).reason(),
            "stopped after 100 errors; 4900 more not listed");
  ASSERT_EQ(capped.warnings_size(), static_cast<int>(kMaxDecodeErrors) + 1);
  EXPECT_EQ(capped.warnings(100).reason(),
            "stopped after 100 warnings; 50 more not listed");

  v1::DecodeResponse own_stop;
  for (size_t i = 0; i <= kMaxDecodeErrors; ++i) {
    *own_stop.add_errors() = MakeError("item", "", "x");
  }
  EXPECT_EQ(CapDecodeResponse(own_stop).SerializeAsString(),
            own_stop.SerializeAsString());
}

}  // namespace
}  // namespace rosa::plugin
