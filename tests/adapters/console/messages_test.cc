#include "adapters/console/messages.h"

#include <gtest/gtest.h>

namespace rosa::console {
namespace {

TEST(MessagesTest, BokmalUnlessEnglishIsAsked) {
  EXPECT_EQ(NormalizeLang("en"), "en");
  EXPECT_EQ(NormalizeLang("nb"), "nb");
  EXPECT_EQ(NormalizeLang("de"), "nb");
  EXPECT_EQ(NormalizeLang(""), "nb");
  EXPECT_EQ(Text("en", "login"), "Log in");
  EXPECT_EQ(Text("nb", "login"), "Logg inn");
}

TEST(MessagesTest, MenuAndLayoutWordsExist) {
  for (const char* id :
       {"app", "skip", "nav", "board", "find", "referrals", "capacity",
        "logout", "login", "not_found", "not_found_text", "forbidden",
        "forbidden_text", "lang_other", "signed_in_as", "next_page"}) {
    EXPECT_TRUE(HasText(id)) << id;
  }
}

TEST(MessagesTest, APageTableFallsBackToTheSharedOne) {
  const MessageTable page = {{"only_here", {"bare her", "only here"}}};
  EXPECT_EQ(Text(page, "en", "only_here"), "only here");
  EXPECT_EQ(Text(page, "nb", "only_here"), "bare her");
  EXPECT_EQ(Text(page, "en", "logout"), "Log out");
  EXPECT_EQ(Text(page, "en", "no_such_word"), "no_such_word");
}

}  // namespace
}  // namespace rosa::console
