#include "plugins/json_support/json_fields.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::plugin::json {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class JsonFieldsTest : public ::testing::Test {
 protected:
  ObjectReader Reader(std::string_view text) {
    document_ = json::parse(text);
    return ObjectReader(document_, "item 3", &errors_);
  }
  const rosa::plugin::v1::RecordError& OnlyError() {
    EXPECT_EQ(errors_.size(), 1u);
    return errors_.errors().front();
  }

  json document_;
  ErrorList errors_;
};

TEST_F(JsonFieldsTest, IntegerAcceptsWholeNumbersInRange) {
  ObjectReader r = Reader(R"({"a":8,"b":8.0,"c":8e0,"d":0,"e":-0.0})");
  EXPECT_EQ(r.Integer("a", Presence::kRequired, 0, 500), 8);
  EXPECT_EQ(r.Integer("b", Presence::kRequired, 0, 500), 8);
  EXPECT_EQ(r.Integer("c", Presence::kRequired, 0, 500), 8);
  EXPECT_EQ(r.Integer("d", Presence::kRequired, 0, 500), 0);
  EXPECT_EQ(r.Integer("e", Presence::kRequired, 0, 500), 0);
  EXPECT_EQ(errors_.size(), 0u);
}

TEST_F(JsonFieldsTest, IntegerRejectsFractionsAndOutOfRange) {
  ObjectReader r = Reader(
      R"({"a":8.5,"b":501,"c":-1,"d":18446744073709551615,"e":1e300,
          "f":-9223372036854775808,"g":123456789012345678901234567890})");
  for (const char* key : {"a", "b", "c", "d", "e", "f", "g"}) {
    EXPECT_FALSE(r.Integer(key, Presence::kRequired, 0, 500)) << key;
  }
  ASSERT_EQ(errors_.size(), 7u);
  for (const auto& error : errors_.errors()) {
    EXPECT_EQ(error.record(), "item 3");
    EXPECT_EQ(error.reason(),
              "out of range: must be a whole number from 0 to 500");
  }
}

TEST_F(JsonFieldsTest, WrongTypesAndMissingFieldsSayWhich) {
  ObjectReader r = Reader(R"({"n":"eight","s":8,"b":"true","o":[],"z":null})");
  EXPECT_FALSE(r.Integer("n", Presence::kRequired, 0, 500));
  EXPECT_FALSE(r.String("s", Presence::kRequired, 10));
  EXPECT_FALSE(r.Bool("b", Presence::kRequired));
  EXPECT_FALSE(r.Object("o", Presence::kRequired));
  EXPECT_FALSE(r.Integer("z", Presence::kRequired, 0, 1));  // null
  EXPECT_FALSE(r.Integer("absent", Presence::kRequired, 0, 1));
  EXPECT_FALSE(r.Integer("z", Presence::kOptional, 0, 1));  // no error
  EXPECT_FALSE(r.Has("z"));
  const auto& e = errors_.errors();
  ASSERT_EQ(e.size(), 6u);
  EXPECT_EQ(e[0].field(), "n");
  EXPECT_EQ(e[0].reason(), "wrong type: expected a number");
  EXPECT_EQ(e[1].reason(), "wrong type: expected a string");
  EXPECT_EQ(e[2].reason(), "wrong type: expected true or false");
  EXPECT_EQ(e[3].reason(), "wrong type: expected an object");
  EXPECT_EQ(e[4].reason(), "missing");
  EXPECT_EQ(e[5].field(), "absent");
  EXPECT_EQ(e[5].reason(), "missing");
}

TEST_F(JsonFieldsTest, NestedObjectsNameTheFullPath) {
  ObjectReader r = Reader(R"({"beds":{"total":"eight","inner":{"x":true}}})");
  std::optional<ObjectReader> beds = r.Object("beds", Presence::kRequired);
  ASSERT_TRUE(beds);
  EXPECT_FALSE(beds->Integer("total", Presence::kRequired, 0, 500));
  std::optional<ObjectReader> inner =
      beds->Object("inner", Presence::kRequired);
  ASSERT_TRUE(inner);
  EXPECT_FALSE(inner->Integer("x", Presence::kRequired, 0, 1));
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_.errors()[0].field(), "beds.total");
  EXPECT_EQ(errors_.errors()[1].field(), "beds.inner.x");
}

TEST_F(JsonFieldsTest, StringsAreTrimmedAndCountedInCharacters) {
  ObjectReader r = Reader(R"({"a":"  hei  ","b":"æøå","c":"   ","d":"abcd"})");
  EXPECT_EQ(r.String("a", Presence::kRequired, 3), "hei");
  EXPECT_EQ(r.String("b", Presence::kRequired, 3), "æøå");  // 6 bytes
  EXPECT_FALSE(r.String("c", Presence::kOptional, 3));
  EXPECT_EQ(errors_.size(), 0u);
  EXPECT_FALSE(r.String("c", Presence::kRequired, 3));
  EXPECT_FALSE(r.String("d", Presence::kRequired, 3));
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_.errors()[0].reason(), "missing");
  EXPECT_EQ(errors_.errors()[1].reason(), "too long: at most 3 characters");
}

TEST_F(JsonFieldsTest, NumbersAndTokens) {
  ObjectReader r = Reader(R"({"h":1.5,"i":2,"t":"b","u":"B","v":"x"})");
  EXPECT_EQ(r.Number("h", Presence::kRequired, 0.25, 12), 1.5);
  EXPECT_EQ(r.Number("i", Presence::kRequired, 0.25, 12), 2.0);
  EXPECT_EQ(r.Token("t", Presence::kRequired, {"a", "b"}), 1u);
  EXPECT_EQ(errors_.size(), 0u);
  EXPECT_FALSE(r.Number("h", Presence::kRequired, 2, 12));
  EXPECT_FALSE(r.Token("u", Presence::kRequired, {"a", "b"}));
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_.errors()[0].reason(), "out of range: must be from 2 to 12");
  EXPECT_EQ(errors_.errors()[1].reason(), "unknown value: must be one of a, b");
}

TEST_F(JsonFieldsTest, TimesNeedAnOffset) {
  ObjectReader r = Reader(
      R"({"a":"2026-11-28T09:00:00+01:00","b":"2026-11-28 09:00",
          "c":"2026-03-29T02:30:00+01:00","d":"2026-02-30T09:00:00Z"})");
  EXPECT_EQ(r.Rfc3339("a", Presence::kRequired),
            absl::FromUnixSeconds(1795852800));
  // 02:30 +01:00 is a fine instant although Oslo skips 02:30 that night.
  EXPECT_EQ(r.Rfc3339("c", Presence::kRequired),
            absl::FromUnixSeconds(1774747800));
  EXPECT_EQ(errors_.size(), 0u);
  EXPECT_FALSE(r.Rfc3339("b", Presence::kRequired));
  EXPECT_FALSE(r.Rfc3339("d", Presence::kRequired));
  EXPECT_EQ(errors_.size(), 2u);
}

TEST_F(JsonFieldsTest, HubIds) {
  // The id rule itself is tested in tests/common/hub_ids_test.cc.
  EXPECT_EQ(*Reader(R"({"referral":"R-2026-1000000"})")
                 .HubId("referral", Presence::kRequired, 'R'),
            "R-2026-1000000");
  EXPECT_EQ(errors_.size(), 0u);
  ObjectReader r = Reader(R"({"referral":"R-2026-0001"})");
  EXPECT_FALSE(r.HubId("referral", Presence::kRequired, 'R'));
  EXPECT_EQ(OnlyError().reason(), "not a hub id like R-2026-000123");
}

}  // namespace
}  // namespace rosa::plugin::json
