#include "plugins/json_support/strict_json.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::plugin::json {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

StrictParseOptions Options() {
  StrictParseOptions options;
  options.known_keys = {"kind", "beds", "total", "note", "languages"};
  return options;
}

StrictParseResult Parse(std::string_view text) {
  return StrictParse(text, Options());
}

TEST(StrictParseTest, ParsesAnObjectAndAnArray) {
  StrictParseResult object = Parse(R"({"kind":"capacity","beds":{"total":8}})");
  ASSERT_TRUE(object.ok()) << object.error.reason();
  EXPECT_EQ(object.document["beds"]["total"], 8);

  StrictParseResult array = Parse("[{\"a\":1},\r\n {\"a\":[true,null,1.5]}]");
  ASSERT_TRUE(array.ok()) << array.error.reason();
  ASSERT_EQ(array.document.size(), 2u);
  EXPECT_EQ(array.document[1]["a"][2], 1.5);
}

TEST(StrictParseTest, AcceptsAByteOrderMark) {
  StrictParseResult result = Parse("\xEF\xBB\xBF{\"kind\":\"x\"}");
  ASSERT_TRUE(result.ok()) << result.error.reason();
  EXPECT_EQ(result.document["kind"], "x");
}

TEST(StrictParseTest, RejectsAnEmptyPayload) {
  for (std::string_view text : {"", "  \r\n", "\xEF\xBB\xBF"}) {
    StrictParseResult result = Parse(text);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error.record(), "payload");
    EXPECT_EQ(result.error.reason(), "the payload is empty");
  }
}

TEST(StrictParseTest, RejectsDuplicateKeysWithTheirPath) {
  StrictParseResult top = Parse(R"({"kind":"a","kind":"b"})");
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.error.record(), "item 1");
  EXPECT_EQ(top.error.field(), "kind");
  EXPECT_EQ(top.error.reason(), "duplicate key");

  StrictParseResult nested =
      Parse(R"([{"kind":"a"},{"beds":{"total":1,"total":2}}])");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error.record(), "item 2");
  EXPECT_EQ(nested.error.field(), "beds.total");
}

TEST(StrictParseTest, NeverNamesAKeyTheFormatDoesNotDefine) {
  StrictParseResult result = Parse(R"({"Ola Nordmann":1,"Ola Nordmann":2})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error.field(), "(unknown key)");
  EXPECT_THAT(result.error.reason(), Not(HasSubstr("Ola")));
}

std::string Nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(StrictParseTest, BoundsNesting) {
  EXPECT_TRUE(Parse(Nested(32)).ok());
  StrictParseResult deep = Parse(Nested(33));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error.record(), "item 1");
  EXPECT_EQ(deep.error.reason(), "nested deeper than 32 levels");

  // Far deeper than any stack would take if anything recursed.
  StrictParseResult very_deep = Parse(Nested(1000000));
  ASSERT_FALSE(very_deep.ok());
  EXPECT_EQ(very_deep.error.reason(), "nested deeper than 32 levels");

  StrictParseResult in_object = Parse(R"({"beds":)" + Nested(40) + "}");
  ASSERT_FALSE(in_object.ok());
  EXPECT_EQ(in_object.error.field(), "beds[]");
  EXPECT_EQ(deep.error.field(), "");
}

TEST(StrictParseTest, RejectsInvalidUtf8AndSaysWhere) {
  StrictParseResult result =
      Parse("[{\"note\":\"ok\"},\n{\"note\":\"bad \xC3\x28 byte\"}]");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error.record(), "item 2");
  EXPECT_EQ(result.error.field(), "note");
  EXPECT_THAT(result.error.reason(), HasSubstr("not valid UTF-8 (line 2,"));

  for (std::string_view bad :
       {"{\"note\":\"\xED\xA0\x80\"}",      // a surrogate
        "{\"note\":\"\xC0\xAF\"}",          // overlong
        "{\"note\":\"\xF4\x90\x80\x80\"}",  // above U+10FFFF
        "{\"note\":1}\xFF", "\xFE{}"}) {
    StrictParseResult r = Parse(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_THAT(r.error.reason(), HasSubstr("not valid UTF-8"));
  }
}

TEST(StrictParseTest, RejectsLoneSurrogateEscapes) {
  EXPECT_FALSE(Parse(R"({"note":"\ud800"})").ok());
  EXPECT_FALSE(Parse(R"({"note":"\udc00x"})").ok());
  EXPECT_TRUE(Parse(R"({"note":"\ud83d\ude00"})").ok());
}

TEST(StrictParseTest, ReportsTruncationWhereItHappens) {
  StrictParseResult result = Parse(R"({"kind":"c","beds":{"total":8,)");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error.record(), "item 1");
  EXPECT_EQ(result.error.field(), "beds");
  EXPECT_THAT(result.error.reason(),
              HasSubstr("the JSON ends too early (line 1, column"));

  StrictParseResult in_string = Parse(R"([{"a":1},{"note":"unfinished)");
  ASSERT_FALSE(in_string.ok());
  EXPECT_EQ(in_string.error.record(), "item 2");
  EXPECT_EQ(in_string.error.field(), "note");

  StrictParseResult between = Parse(R"([{"a":1},)");
  ASSERT_FALSE(between.ok());
  EXPECT_EQ(between.error.record(), "payload");
}

TEST(StrictParseTest, RejectsWhatJsonDoesNotAllow) {
  for (std::string_view bad :
       {"{\"a\":1} {\"a\":2}", "{\"a\":1,}", "[1,]", "{a:1}", "{'a':1}",
        "{\"a\":01}", "{\"a\":NaN}", "{\"a\":1} // c", "/* c */ {}",
        "{\"a\":\"tab\there\"}", "{\"a\":+1}", "{\"a\":.5}"}) {
    StrictParseResult r = Parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  StrictParseResult trailing = Parse("{\"a\":1} x");
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.error.record(), "payload");
  EXPECT_EQ(trailing.error.reason(), "not valid JSON (line 1, column 9)");
}

TEST(StrictParseTest, RejectsNumbersTooLargeForADouble) {
  StrictParseResult result = Parse(R"({"beds":{"total":1e999}})");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error.field(), "beds.total");
  EXPECT_THAT(result.error.reason(), HasSubstr("a number is too large"));
  // Integers past 64 bits still parse (as doubles); ranges catch them.
  EXPECT_TRUE(Parse(R"({"a":123456789012345678901234567890})").ok());
}

TEST(StrictParseTest, ErrorsNeverQuoteThePayload) {
  const std::string marker = "QXZMARKER";
  for (const std::string& bad : std::vector<std::string>{
           "{\"note\":" + marker + "}", "{\"note\":\"" + marker + "\xFF\"}",
           "[{\"" + marker + "\":1,\"" + marker + "\":2}]",
           "{\"note\":\"" + marker, marker, "{\"a\":1}" + marker,
           "{\"note\":1e9999" + marker + "}"}) {
    StrictParseResult r = Parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_THAT(r.error.record() + r.error.field() + r.error.reason(),
                Not(HasSubstr("QXZ")))
        << bad;
  }
}

TEST(WriteJsonTest, WritesCompactUtf8AndNeverThrows) {
  nlohmann::ordered_json value;
  value["b"] = "æøå \"quoted\" </script>";
  value["a"] = 1;
  EXPECT_EQ(WriteJson(value),
            "{\"b\":\"æøå \\\"quoted\\\" </script>\",\"a\":1}");
  value["c"] = std::string("bad \xFF byte");
  std::string text;
  EXPECT_NO_THROW(text = WriteJson(value));
  EXPECT_TRUE(StrictParse(text, {}).ok());
}

}  // namespace
}  // namespace rosa::plugin::json
