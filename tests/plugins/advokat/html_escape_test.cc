#include "plugins/advokat/html_escape.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::plugin::advokat {
namespace {

TEST(HtmlEscapeTest, EscapesTheFiveCharacters) {
  EXPECT_EQ(HtmlEscape(R"(a & b < c > d " e ' f)"),
            "a &amp; b &lt; c &gt; d &quot; e &#39; f");
  EXPECT_EQ(HtmlEscape("&amp;"), "&amp;amp;");  // Escapes what looks escaped.
  EXPECT_EQ(HtmlEscape(""), "");
}

TEST(HtmlEscapeTest, AScriptStaysText) {
  EXPECT_EQ(HtmlEscape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;");
}

TEST(HtmlEscapeTest, AnAttributeValueCannotBreakOut) {
  // Both quote styles, so that a value is safe in either kind of attribute.
  EXPECT_EQ(HtmlEscape(R"(x" onmouseover="alert(1))"),
            "x&quot; onmouseover=&quot;alert(1)");
  EXPECT_EQ(HtmlEscape("x' autofocus onfocus='alert(1)"),
            "x&#39; autofocus onfocus=&#39;alert(1)");
}

TEST(HtmlEscapeTest, KeepsTextAndLineBreaks) {
  EXPECT_EQ(HtmlEscape("Ærlig talt, Øystein på Å\r\nline\ttab"),
            "Ærlig talt, Øystein på Å\r\nline\ttab");
  EXPECT_EQ(HtmlEscape("emoji \xF0\x9F\x98\x80"), "emoji \xF0\x9F\x98\x80");
}

TEST(HtmlEscapeTest, ReplacesControlsAndBrokenUtf8) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(HtmlEscape(std::string("a\0b", 3)), "a" + replacement + "b");
  EXPECT_EQ(HtmlEscape("a\x1B[31mb\x7F"),
            "a" + replacement + "[31mb" + replacement);
  EXPECT_EQ(HtmlEscape("bad \xC3( \xFF \xED\xA0\x80 end\xE2\x82"),
            "bad " + replacement + "( " + replacement + " " + replacement +
                replacement + replacement + " end" + replacement + replacement);
  // An overlong "<" must not come back as one.
  EXPECT_EQ(HtmlEscape("\xC0\xBC"), replacement + replacement);
}

}  // namespace
}  // namespace rosa::plugin::advokat
