#include "plugins/json_support/hub_words.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace rosa::plugin::json {
namespace {

namespace v1 = rosa::hub::v1;

TEST(HubWordsTest, EveryExploitationFormHasItsOwnWord) {
  std::set<std::string> words;
  for (int i = 0; i < v1::ExploitationForm_descriptor()->value_count(); ++i) {
    const auto form = static_cast<v1::ExploitationForm>(
        v1::ExploitationForm_descriptor()->value(i)->number());
    const std::string word(ExploitationWord(form));
    if (form == v1::EXPLOITATION_FORM_UNSPECIFIED) {
      EXPECT_EQ(word, "");
      continue;
    }
    EXPECT_NE(word, "") << v1::ExploitationForm_Name(form);
    EXPECT_TRUE(words.insert(word).second) << word;
  }
  EXPECT_EQ(ExploitationWord(v1::EXPLOITATION_FORM_FORCED_LABOUR),
            "forced_labour");  // filemon/1's own example
}

TEST(HubWordsTest, AnUnknownNumberHasNoWord) {
  EXPECT_EQ(ExploitationWord(static_cast<v1::ExploitationForm>(999)), "");
}

}  // namespace
}  // namespace rosa::plugin::json
