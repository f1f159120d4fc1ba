#include "hub/common/log_text.h"

#include <string>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(EscapeForLogTest, KeepsPrintableAsciiAndNorwegianLetters) {
  EXPECT_EQ(EscapeForLog("2026-11-28-plasser.csv"), "2026-11-28-plasser.csv");
  EXPECT_EQ(EscapeForLog("bl\xC3\xA5 \xC3\xA6\xC3\xB8.txt"),
            "bl\xC3\xA5 \xC3\xA6\xC3\xB8.txt");
}

TEST(EscapeForLogTest, ControlCharactersCannotForgeALogLine) {
  const std::string forged =
      "a.csv\n2026-12-06T07:00:00.000+0000 info file drop: applied\r\x1b[2J";
  const std::string escaped = EscapeForLog(forged);
  EXPECT_EQ(escaped.find('\n'), std::string::npos);
  EXPECT_EQ(escaped.find('\r'), std::string::npos);
  EXPECT_EQ(escaped.find('\x1b'), std::string::npos);
  EXPECT_EQ(EscapeForLog("a\nb"), "a\\x0ab");
  EXPECT_EQ(EscapeForLog(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(EscapeForLog("\x7f"), "\\x7f");
}

TEST(EscapeForLogTest, BackslashIsEscapedSoEscapesAreUnambiguous) {
  EXPECT_EQ(EscapeForLog("a\\x0ab"), "a\\x5cx0ab");
}

TEST(EscapeForLogTest, InvalidUtf8AndUnicodeControlsAreEscaped) {
  EXPECT_EQ(EscapeForLog("a\xff"), "a\\xff");
  EXPECT_EQ(EscapeForLog("\xC3"), "\\xc3");                    // Cut sequence.
  EXPECT_EQ(EscapeForLog("\xC0\xAF"), "\\xc0\\xaf");           // Overlong.
  EXPECT_EQ(EscapeForLog("\xC2\x85"), "\\xc2\\x85");           // U+0085 NEL.
  EXPECT_EQ(EscapeForLog("\xE2\x80\xAE"), "\\xe2\\x80\\xae");  // U+202E.
  EXPECT_EQ(EscapeForLog("\xE2\x80\xA8"), "\\xe2\\x80\\xa8");  // U+2028.
  EXPECT_EQ(EscapeForLog("\xED\xA0\x80"), "\\xed\\xa0\\x80");  // Surrogate.
}

TEST(EscapeForLogTest, LongTextIsCut) {
  EXPECT_EQ(EscapeForLog(std::string(300, 'a'), 10), "aaaaaaaaaa...");
}

}  // namespace
}  // namespace rosa
