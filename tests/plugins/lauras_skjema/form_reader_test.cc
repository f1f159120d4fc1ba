// The form syntax on its own: separators, continuation lines, comments, key
// normalisation and the syntax errors.
#include "plugins/lauras_skjema/form_reader.h"

#include "gtest/gtest.h"

namespace rosa::plugin::lauras_skjema {
namespace {

TEST(FormReaderTest, SplitsFormsAndJoinsContinuationLines) {
  const FormReadResult r = ReadForms(
      "# comment\n"
      "Skjema: A\n"
      "\n"
      "Merknad: one\n"
      "  two\n"
      "\tthree\n"
      "---\r\n"
      "Skjema: B\r\n");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.forms.size(), 2u);
  EXPECT_EQ(r.forms[0].number, 1);
  ASSERT_EQ(r.forms[0].fields.size(), 2u);
  EXPECT_EQ(r.forms[0].fields[0].key, "skjema");
  EXPECT_EQ(r.forms[0].fields[0].line, 2);
  EXPECT_EQ(r.forms[0].fields[1].value, "one two three");
  EXPECT_EQ(r.forms[1].number, 2);
  EXPECT_EQ(r.forms[1].fields[0].value, "B");
  EXPECT_EQ(r.forms[1].fields[0].line, 8);
}

TEST(FormReaderTest, NormalisesKeys) {
  EXPECT_EQ(NormaliseKey("  PLASSER \t TOTALT "), "plasser totalt");
  EXPECT_EQ(NormaliseKey("KJØNN"), "kjønn");
  EXPECT_EQ(NormaliseKey("SPRÅK"), "språk");
  EXPECT_EQ(NormaliseKey("ÆRE"), "ære");
  EXPECT_EQ(NormaliseKey("æøå"), "æøå");
}

TEST(FormReaderTest, SplitsAtTheFirstColon) {
  const FormReadResult r = ReadForms("Tidspunkt: 28.11.2026 10:05\n");
  ASSERT_EQ(r.forms.size(), 1u);
  EXPECT_EQ(r.forms[0].fields[0].key, "tidspunkt");
  EXPECT_EQ(r.forms[0].fields[0].value, "28.11.2026 10:05");
}

TEST(FormReaderTest, SeparatorMustBeExact) {
  // " ---" is a continuation line, "----" a line without a colon.
  const FormReadResult r = ReadForms("A: 1\n ---\n----\n");
  ASSERT_EQ(r.forms.size(), 1u);
  EXPECT_EQ(r.forms[0].fields[0].value, "1 ---");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3);
}

TEST(FormReaderTest, ReportsSyntaxErrorsWithFormAndLine) {
  const FormReadResult r = ReadForms(
      "A: 1\n"
      "---\n"
      "  orphan continuation\n"
      "  and its continuation\n"
      "B: 2\n"
      "no colon here\n"
      "  continues the bad line\n"
      "b: 3\n"
      ": empty key\n");
  ASSERT_EQ(r.errors.size(), 4u);
  EXPECT_EQ(r.errors[0].form, 2);
  EXPECT_EQ(r.errors[0].line, 3);
  EXPECT_EQ(r.errors[1].line, 6);
  EXPECT_EQ(r.errors[2].line, 8);
  EXPECT_EQ(r.errors[2].key, "b");
  EXPECT_EQ(r.errors[3].line, 9);
}

TEST(FormReaderTest, EmptyFormsAreSetAside) {
  const FormReadResult r = ReadForms("---\n# only a comment\n---\nA: 1\n---\n");
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.forms.size(), 1u);
  EXPECT_EQ(r.forms[0].number, 3);
  EXPECT_EQ(r.empty_forms, (std::vector<int>{1, 2, 4}));
}

TEST(FormReaderTest, ControlCharactersInValuesBecomeSpaces) {
  const FormReadResult r = ReadForms("A: x\ry\vz\n");
  ASSERT_EQ(r.forms.size(), 1u);
  EXPECT_EQ(r.forms[0].fields[0].value, "x y z");
}

}  // namespace
}  // namespace rosa::plugin::lauras_skjema
