// The rosa-native plugin: command batches in, events out, and everything a
// batch must not carry.
#include "plugins/rosa_native/rosa_native.h"

#include <string>

#include "google/protobuf/unknown_field_set.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testutil/decode_checks.h"

namespace rosa::plugin::rosa_native {
namespace {

namespace hv1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;
using google::protobuf::util::MessageDifferencer;
using testutil::ExpectRejected;

constexpr char kBatchType[] =
    "application/x-protobuf; messageType=rosa.plugin.v1.CommandBatch";
constexpr char kEventType[] =
    "application/x-protobuf; messageType=rosa.hub.v1.Event";

pv1::DecodeResponse Decode(const std::string& payload,
                           const std::string& type = kBatchType) {
  return RosaNativePlugin().Decode(testutil::DecodeRequestFrom(
      "rosa", hv1::PARTNER_KIND_COORDINATOR, type, payload));
}

pv1::CommandBatch SampleBatch() {
  pv1::CommandBatch batch;
  pv1::HubCommand& status = *batch.add_commands();
  hv1::UpdateReferralStatusRequest& s =
      *status.mutable_update_referral_status();
  s.set_idempotency_key("rosa-tool-0001");
  s.set_referral_id("R-2026-000123");
  s.set_target(hv1::REFERRAL_STATE_CANCELLED);
  s.set_reason("Fikk plass et annet sted");
  s.mutable_occurred_at()->set_seconds(1795000000);

  pv1::HubCommand& capacity = *batch.add_commands();
  capacity.set_record("row 7");
  hv1::UnitCapacity& unit = *capacity.mutable_report_capacity()->add_units();
  unit.set_unit("akutt");
  unit.set_type(hv1::UNIT_TYPE_ACUTE);
  unit.set_capacity(4);
  unit.set_free(1);
  unit.set_family_free(0);
  return batch;
}

TEST(RosaNativeTest, Manifest) {
  const pv1::PluginManifest m = RosaNativePlugin().Manifest();
  EXPECT_EQ(m.name(), "rosa-native");
  EXPECT_EQ(m.version(), "1.0.0");
  ASSERT_EQ(m.decodes_size(), 1);
  EXPECT_EQ(m.decodes(0), kBatchType);
  ASSERT_EQ(m.encodes_size(), 1);
  EXPECT_EQ(m.encodes(0), kEventType);
  ASSERT_EQ(m.serves_size(), 1);
  EXPECT_EQ(m.serves(0), hv1::PARTNER_KIND_COORDINATOR);
}

TEST(RosaNativeTest, RoundTrip) {
  const pv1::CommandBatch batch = SampleBatch();
  const pv1::DecodeResponse r = Decode(batch.SerializeAsString());
  ASSERT_EQ(r.errors_size(), 0) << testutil::ErrorsText(r);
  EXPECT_EQ(r.warnings_size(), 0);
  ASSERT_EQ(r.commands_size(), 2);

  // The first had no record label and gets its position; the sender's own
  // idempotency key is kept.
  pv1::HubCommand expected = batch.commands(0);
  expected.set_record("command 1");
  EXPECT_TRUE(MessageDifferencer::Equals(r.commands(0), expected))
      << r.commands(0).DebugString();
  EXPECT_EQ(r.commands(0).update_referral_status().idempotency_key(),
            "rosa-tool-0001");
  // The second keeps its own.
  EXPECT_TRUE(MessageDifferencer::Equals(r.commands(1), batch.commands(1)));
  EXPECT_TRUE(r.commands(1).report_capacity().units(0).has_family_free());
}

TEST(RosaNativeTest, GarbageIsRejected) {
  ExpectRejected(Decode("this is not protobuf \xFF\xFF\xFF"), "payload", "");
  // A truncated batch: the length says more than there is.
  std::string truncated = SampleBatch().SerializeAsString();
  truncated.resize(truncated.size() - 3);
  ExpectRejected(Decode(truncated), "payload", "");
  // A string field that is not UTF-8.
  pv1::CommandBatch batch;
  batch.add_commands()->mutable_update_referral_status()->set_referral_id("x");
  std::string bytes = batch.SerializeAsString();
  bytes[bytes.size() - 1] = '\xC3';
  ExpectRejected(Decode(bytes), "payload", "");
}

TEST(RosaNativeTest, EmptyPayload) {
  ExpectRejected(Decode(""), "payload", "");
}

TEST(RosaNativeTest, WrongContentType) {
  const std::string payload = SampleBatch().SerializeAsString();
  ExpectRejected(Decode(payload, "application/x-protobuf"), "payload", "");
  ExpectRejected(Decode(payload, kEventType), "payload", "");
  ExpectRejected(
      Decode(payload,
             "application/x-protobuf; messageType=rosa.plugin.v1.commandbatch"),
      "payload", "");
  EXPECT_EQ(Decode(payload,
                   "Application/X-Protobuf;messagetype="
                   "\"rosa.plugin.v1.CommandBatch\"")
                .commands_size(),
            2);
}

TEST(RosaNativeTest, CommandWithoutBody) {
  pv1::CommandBatch batch = SampleBatch();
  batch.add_commands()->set_record("row 9");
  ExpectRejected(Decode(batch.SerializeAsString()), "command 3", "command");
}

TEST(RosaNativeTest, UnknownFieldsAreRejected) {
  pv1::CommandBatch batch = SampleBatch();
  batch.mutable_commands(1)
      ->GetReflection()
      ->MutableUnknownFields(batch.mutable_commands(1))
      ->AddVarint(99, 1);
  ExpectRejected(Decode(batch.SerializeAsString()), "command 2", "");

  batch = SampleBatch();
  auto* unit =
      batch.mutable_commands(1)->mutable_report_capacity()->mutable_units(0);
  unit->GetReflection()->MutableUnknownFields(unit)->AddLengthDelimited(
      77, "secret");
  ExpectRejected(Decode(batch.SerializeAsString()), "command 2",
                 "report_capacity.units[1]");

  batch = SampleBatch();
  batch.GetReflection()->MutableUnknownFields(&batch)->AddFixed32(5, 1);
  ExpectRejected(Decode(batch.SerializeAsString()), "payload", "");
}

TEST(RosaNativeTest, UnknownEnumValuesAreRejected) {
  pv1::CommandBatch batch = SampleBatch();
  batch.mutable_commands(0)->mutable_update_referral_status()->set_target(
      static_cast<hv1::ReferralState>(42));
  ExpectRejected(Decode(batch.SerializeAsString()), "command 1",
                 "update_referral_status.target");
}

TEST(RosaNativeTest, RecordLabelsMustBeSafeToRepeat) {
  for (const std::string& label :
       {std::string("Ola Nordmann\nDUF 201912345678"), std::string(65, 'x'),
        std::string("n\xC3\xB8kkel")}) {
    pv1::CommandBatch batch = SampleBatch();
    batch.mutable_commands(0)->set_record(label);
    const pv1::DecodeResponse r = Decode(batch.SerializeAsString());
    ExpectRejected(r, "command 1", "record");
    EXPECT_EQ(r.errors(0).reason().find("Ola"), std::string::npos);
  }
}

TEST(RosaNativeTest, ReportsEveryBadCommand) {
  pv1::CommandBatch batch = SampleBatch();
  batch.add_commands();
  batch.add_commands()->mutable_record_inquiry();
  batch.add_commands();
  const pv1::DecodeResponse r = Decode(batch.SerializeAsString());
  EXPECT_EQ(r.commands_size(), 0);
  ASSERT_EQ(r.errors_size(), 2) << testutil::ErrorsText(r);
  EXPECT_EQ(r.errors(0).record(), "command 3");
  EXPECT_EQ(r.errors(1).record(), "command 5");
}

TEST(RosaNativeTest, EncodeEveryEvent) {
  hv1::Event event;
  event.set_cursor(42);
  event.mutable_recorded_at()->set_seconds(1795000000);
  hv1::ReferralEvent& re = *event.mutable_referral();
  re.set_kind(hv1::ReferralEvent::KIND_STATUS_CHANGED);
  re.mutable_referral()->set_id("R-2026-000123");
  re.mutable_transition()->set_to(hv1::REFERRAL_STATE_ACCEPTED);
  pv1::EncodeRequest request;
  *request.mutable_event() = event;
  request.mutable_contact()->set_organisation("ROSA");

  pv1::EncodeResponse r = RosaNativePlugin().Encode(request);
  EXPECT_FALSE(r.has_error());
  ASSERT_EQ(r.payloads_size(), 1);
  EXPECT_EQ(r.payloads(0).content_type(), kEventType);
  EXPECT_EQ(r.payloads(0).name(), "event-42");
  hv1::Event back;
  ASSERT_TRUE(back.ParseFromString(r.payloads(0).payload()));
  EXPECT_TRUE(MessageDifferencer::Equals(back, event));

  request.mutable_event()->Clear();
  request.mutable_event()->set_cursor(43);
  request.mutable_event()->mutable_consent_withdrawn()->set_person_id("P-1");
  r = RosaNativePlugin().Encode(request);
  ASSERT_EQ(r.payloads_size(), 1);
  EXPECT_EQ(r.payloads(0).name(), "event-43");
  ASSERT_TRUE(back.ParseFromString(r.payloads(0).payload()));
  EXPECT_TRUE(MessageDifferencer::Equals(back, request.event()));
}

}  // namespace
}  // namespace rosa::plugin::rosa_native
