#include "hub/common/field_error.h"

#include <string>

#include "gtest/gtest.h"
#include "rosa/hub/v1/person_facts.pb.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

TEST(FieldPathTest, JoinsParentAndChildWithADot) {
  EXPECT_EQ(FieldPath("record", "stay"), "record.stay");
  EXPECT_EQ(FieldPath(FieldPath("inquiry", "victims"), "persons"),
            "inquiry.victims.persons");
}

TEST(InvalidFieldTest, IsInvalidArgumentNamingFieldThenReason) {
  const absl::Status s = InvalidField("units[2].capacity", "must be 0 to 500");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "units[2].capacity: must be 0 to 500");
}

TEST(CheckEnumTest, RefusesUnknownNumbersAndAMissingRequiredValue) {
  EXPECT_TRUE(CheckEnum("facts.exploitation_form", v1::EXPLOITATION_FORM_MIXED,
                        v1::ExploitationForm_IsValid, true)
                  .ok());
  EXPECT_TRUE(CheckEnum("facts.exploitation_form",
                        v1::EXPLOITATION_FORM_UNSPECIFIED,
                        v1::ExploitationForm_IsValid, false)
                  .ok());
  EXPECT_EQ(
      CheckEnum("facts.exploitation_form", v1::EXPLOITATION_FORM_UNSPECIFIED,
                v1::ExploitationForm_IsValid, true)
          .message(),
      "facts.exploitation_form: required");
  const absl::Status unknown = CheckEnum("facts.exploitation_form", 999,
                                         v1::ExploitationForm_IsValid, false);
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.message(), "facts.exploitation_form: unknown value 999");
}

TEST(CheckLineTextTest, RefusesBlankControlsAndTextOverTheLimit) {
  EXPECT_TRUE(CheckLineText("name", "", 5, false).ok());
  EXPECT_EQ(CheckLineText("name", "", 5, true).message(), "name: required");
  EXPECT_TRUE(CheckLineText("name", "bl\xC3\xA5", 3, true).ok());
  EXPECT_EQ(CheckLineText("name", "  ", 5, false).message(),
            "name: must not be blank");
  EXPECT_EQ(CheckLineText("name", "abcdef", 5, false).message(),
            "name: at most 5 characters");
  for (const char* bad : {"a\nb", "a\tb",
                          "a\xC2\x85"
                          "b",
                          "\xFF"}) {
    EXPECT_EQ(CheckLineText("name", bad, 50, false).message(),
              "name: must be one line of UTF-8 text without control characters")
        << bad;
  }
}

TEST(CheckFreeTextTest, RefusesBytesThatAreNotUtf8AndTextOverTheLimit) {
  EXPECT_TRUE(CheckFreeText("note", "", 5).ok());
  EXPECT_TRUE(CheckFreeText("note", "bl\xC3\xA5\nb\xC3\xA6r", 7).ok());
  const absl::Status long_text = CheckFreeText("note", "abcdef", 5);
  EXPECT_EQ(long_text.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(long_text.message(), "note: at most 5 characters");
  for (const char* bad : {"full\xC3", "bad\xFF\xFE", "\xC0\xAF"}) {
    const absl::Status s = CheckFreeText("reason", bad, 500);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(s.message(), "reason: not valid UTF-8");
  }
}

}  // namespace
}  // namespace rosa
