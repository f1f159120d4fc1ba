#include "plugins/sdk/media_type.h"

#include <string_view>

#include "gtest/gtest.h"

namespace rosa::plugin {
namespace {

constexpr std::string_view kJson = "application/vnd.test.v1+json";
constexpr std::string_view kXml = "application/xml; profile=iom-avrr-1";

TEST(SameMediaTypeTest, AllowsCaseSpacesQuotesAndAUtf8Charset) {
  EXPECT_TRUE(SameMediaType(kJson, kJson));
  EXPECT_TRUE(SameMediaType("Application/VND.test.v1+JSON", kJson));
  EXPECT_TRUE(
      SameMediaType(" application/vnd.test.v1+json ; charset=UTF-8", kJson));
  EXPECT_TRUE(
      SameMediaType("application/vnd.test.v1+json;charset=\"utf-8\"", kJson));
  EXPECT_TRUE(SameMediaType("application/xml;Profile=\"iom-avrr-1\"", kXml));
  EXPECT_TRUE(
      SameMediaType("application/xml; profile=iom-avrr-1; charset=utf8", kXml));
}

TEST(SameMediaTypeTest, RefusesAnythingElse) {
  EXPECT_FALSE(SameMediaType("application/json", kJson));
  EXPECT_FALSE(SameMediaType("", kJson));
  EXPECT_FALSE(
      SameMediaType("application/vnd.test.v1+json; charset=latin1", kJson));
  EXPECT_FALSE(SameMediaType("application/vnd.test.v1+json; profile=x", kJson));
  EXPECT_FALSE(SameMediaType("application/vnd.test.v1+json;", kJson));
  // Parameter values are compared exactly.
  EXPECT_FALSE(SameMediaType("application/xml; profile=IOM-AVRR-1", kXml));
  EXPECT_FALSE(SameMediaType("application/xml", kXml));
  EXPECT_FALSE(SameMediaType("application/xml; profile=a; profile=a", kXml));
}

}  // namespace
}  // namespace rosa::plugin
