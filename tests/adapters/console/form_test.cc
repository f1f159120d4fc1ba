#include "adapters/console/form.h"

#include <gtest/gtest.h>

namespace rosa::console {
namespace {

TEST(FormTest, InputRowLabelsItsControl) {
  EXPECT_EQ(InputRow("f-year", "year", "Year", " type=\"number\""),
            "<p><label for=\"f-year\">Year</label><input id=\"f-year\" "
            "name=\"year\" type=\"number\"></p>");
}

TEST(FormTest, ValuesAndNamesAreEscaped) {
  EXPECT_EQ(ValueAttr("a\"><script>"), " value=\"a&quot;&gt;&lt;script&gt;\"");
  EXPECT_EQ(Hidden("k", "<'&>"),
            "<input type=\"hidden\" name=\"k\" value=\"&lt;&#39;&amp;&gt;\">");
  EXPECT_EQ(Option("x\"y", "X"), "<option value=\"x&quot;y\">X</option>");
  EXPECT_EQ(InputRow("a\"b", "c<d", "L", ""),
            "<p><label for=\"a&quot;b\">L</label><input id=\"a&quot;b\" "
            "name=\"c&lt;d\"></p>");
}

TEST(FormTest, SelectRowHoldsItsOptionsAndMarksTheChosenOne) {
  EXPECT_EQ(SelectRow("role", "role", "Role",
                      Option("sent", "Sent", true) + Option("all", "All"),
                      " required"),
            "<p><label for=\"role\">Role</label><select id=\"role\" "
            "name=\"role\" required><option value=\"sent\" selected>Sent"
            "</option><option value=\"all\">All</option></select></p>");
}

TEST(FormTest, CheckboxRowPutsItsLabelAfterTheBox) {
  EXPECT_EQ(CheckboxRow("c", "consent", "I agree", true, " required"),
            "<p><input id=\"c\" name=\"consent\" type=\"checkbox\" value=\"1\""
            " checked required><label for=\"c\">I agree</label></p>");
  EXPECT_EQ(CheckboxRow("c", "c", "L", false),
            "<p><input id=\"c\" name=\"c\" type=\"checkbox\" value=\"1\">"
            "<label for=\"c\">L</label></p>");
}

TEST(FormTest, TextareaRowEscapesItsText) {
  EXPECT_EQ(
      TextareaRow("note", "note", "Note", "</textarea><b>", " rows=\"3\""),
      "<p><label for=\"note\">Note</label><textarea id=\"note\" "
      "name=\"note\" rows=\"3\">&lt;/textarea&gt;&lt;b&gt;</textarea></p>");
}

}  // namespace
}  // namespace rosa::console
