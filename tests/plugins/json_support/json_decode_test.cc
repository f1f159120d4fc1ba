#include "plugins/json_support/json_decode.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::json {
namespace {

using rosa::plugin::v1::DecodeRequest;
using rosa::plugin::v1::DecodeResponse;
using rosa::plugin::v1::HubCommand;

constexpr std::string_view kType = "application/vnd.test.v1+json";

DecodeResponse Decode(std::string payload) {
  DecodeRequest request;
  request.set_content_type(std::string(kType));
  request.set_payload(std::move(payload));
  const JsonFormat format{kType, "test/1", {"n"}};
  return DecodeJsonRecords(request, format,
                           [](ObjectReader& record, HubCommand& command) {
                             record.Integer("n", Presence::kRequired, 0, 9);
                             command.mutable_record_handoff_event();
                           });
}

TEST(DecodeJsonRecordsTest, NamesRecordsAndIsAllOrNothing) {
  DecodeResponse one = Decode(R"({"schema":"test/1","n":1})");
  ASSERT_EQ(one.errors_size(), 0);
  ASSERT_EQ(one.commands_size(), 1);
  EXPECT_EQ(one.commands(0).record(), "item 1");

  DecodeResponse two =
      Decode(R"([{"schema":"test/1","n":1},{"schema":"test/1","n":2}])");
  ASSERT_EQ(two.commands_size(), 2);
  EXPECT_EQ(two.commands(1).record(), "item 2");

  DecodeResponse bad = Decode(
      R"([{"schema":"test/1","n":1},{"schema":"test/1","n":20},
          {"schema":"test/2","n":1},7])");
  EXPECT_EQ(bad.commands_size(), 0);
  ASSERT_EQ(bad.errors_size(), 3);
  EXPECT_EQ(bad.errors(0).record(), "item 2");
  EXPECT_EQ(bad.errors(0).field(), "n");
  EXPECT_EQ(bad.errors(1).record(), "item 3");
  EXPECT_EQ(bad.errors(1).field(), "schema");
  EXPECT_EQ(bad.errors(2).record(), "item 4");
  EXPECT_EQ(bad.errors(2).reason(), "must be a JSON object");
}

TEST(DecodeJsonRecordsTest, RejectsOtherShapesAndContentTypes) {
  DecodeResponse scalar = Decode("42");
  ASSERT_EQ(scalar.errors_size(), 1);
  EXPECT_EQ(scalar.errors(0).record(), "payload");

  DecodeRequest request;
  request.set_content_type("application/json");
  request.set_payload(R"({"schema":"test/1","n":1})");
  DecodeResponse wrong_type =
      DecodeJsonRecords(request, JsonFormat{kType, "test/1", {}},
                        [](ObjectReader&, HubCommand&) {});
  ASSERT_EQ(wrong_type.errors_size(), 1);
  EXPECT_EQ(wrong_type.errors(0).field(), "content_type");
}

TEST(DecodeJsonRecordsTest, AnEmptyArrayIsAWarning) {
  DecodeResponse empty = Decode(" [ ] ");
  EXPECT_EQ(empty.errors_size(), 0);
  EXPECT_EQ(empty.commands_size(), 0);
  EXPECT_EQ(empty.warnings_size(), 1);
}

TEST(DecodeJsonRecordsTest, CapsTheErrors) {
  std::string payload = "[";
  for (int i = 0; i < 500; ++i) {
    payload += i ? "," : "";
    payload += R"({"schema":"test/1","n":99})";
  }
  payload += "]";
  DecodeResponse response = Decode(payload);
  EXPECT_EQ(response.errors_size(), static_cast<int>(kMaxDecodeErrors) + 1);
  EXPECT_EQ(response.errors(kMaxDecodeErrors).reason(),
            "stopped after 100 errors");
}

}  // namespace
}  // namespace rosa::plugin::json
