// Decoding filemon/1: every sample, the manifest, and the edges.
#include <string>

#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/filemon/filemon_codec.h"
#include "tests/testutil/decode_checks.h"
#include "tests/testutil/partner_samples.h"

namespace rosa::plugin::filemon {
namespace {

namespace v1 = rosa::hub::v1;
using rosa::plugin::v1::DecodeRequest;
using rosa::plugin::v1::DecodeResponse;
using ::testing::HasSubstr;
using ::testing::Not;
using testutil::ExpectRejected;

std::string Sample(const std::string& name) {
  return testutil::PartnerSample("filemon", name);
}

DecodeResponse Decode(const std::string& payload,
                      std::string_view content_type = kContentType) {
  return FilemonPlugin().Decode(
      testutil::DecodeRequestFrom("filemon", v1::PARTNER_KIND_SAFE_HOUSE,
                                  std::string(content_type), payload));
}

absl::Time At(const char* rfc3339) {
  absl::Time t;
  std::string error;
  EXPECT_TRUE(absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &error))
      << error;
  return t;
}

// The one error of a rejected payload.
TEST(FilemonManifestTest, NamesTheFormat) {
  const auto manifest = FilemonPlugin().Manifest();
  EXPECT_EQ(manifest.name(), "filemon");
  EXPECT_EQ(manifest.version(), "1.0.0");
  EXPECT_THAT(manifest.decodes(),
              ::testing::ElementsAre("application/vnd.filemon.v1+json"));
  EXPECT_THAT(manifest.encodes(),
              ::testing::ElementsAre("application/vnd.filemon.v1+json"));
  EXPECT_THAT(manifest.serves(),
              ::testing::ElementsAre(v1::PARTNER_KIND_SAFE_HOUSE));
}

TEST(FilemonSampleTest, GoodCapacity) {
  const DecodeResponse response = Decode(Sample("good-capacity.json"));
  ASSERT_EQ(response.errors_size(), 0) << response.DebugString();
  ASSERT_EQ(response.commands_size(), 1);
  const auto& command = response.commands(0);
  EXPECT_EQ(command.record(), "item 1");
  ASSERT_TRUE(command.has_report_capacity());
  EXPECT_TRUE(command.report_capacity().idempotency_key().empty());
  ASSERT_EQ(command.report_capacity().units_size(), 1);
  const v1::UnitCapacity& unit = command.report_capacity().units(0);
  EXPECT_EQ(unit.facility_id(), "");  // The core resolves Filemon's one.
  EXPECT_EQ(unit.unit(), "senger");
  EXPECT_EQ(unit.type(), v1::UNIT_TYPE_LONGER_STAY);
  EXPECT_EQ(unit.capacity(), 8u);
  EXPECT_EQ(unit.free(), 2u);
  ASSERT_TRUE(unit.has_acute_free());
  EXPECT_EQ(unit.acute_free(), 1u);
  EXPECT_FALSE(unit.has_family_free());
  EXPECT_EQ(unit.admits(), v1::ADMITTED_GENDERS_MEN);
  EXPECT_FALSE(unit.children());  // accepts.families is false
  EXPECT_FALSE(unit.wheelchair_accessible());
  EXPECT_EQ(FromProtoTime(unit.as_of()), At("2026-11-28T14:05:00+01:00"));
  EXPECT_TRUE(unit.reported_by().empty());
}

TEST(FilemonSampleTest, GoodBatchStatus) {
  const DecodeResponse response = Decode(Sample("good-batch-status.json"));
  ASSERT_EQ(response.errors_size(), 0) << response.DebugString();
  ASSERT_EQ(response.commands_size(), 3);
  const v1::ReferralState targets[] = {v1::REFERRAL_STATE_RECEIVED,
                                       v1::REFERRAL_STATE_ACCEPTED,
                                       v1::REFERRAL_STATE_IN_PROGRESS};
  const char* times[] = {"2026-11-28T09:00:00+01:00",
                         "2026-11-28T09:20:00+01:00",
                         "2026-11-28T15:30:00+01:00"};
  for (int i = 0; i < 3; ++i) {
    const auto& command = response.commands(i);
    EXPECT_EQ(command.record(), "item " + std::to_string(i + 1));
    ASSERT_TRUE(command.has_update_referral_status());
    const auto& update = command.update_referral_status();
    EXPECT_TRUE(update.idempotency_key().empty());
    EXPECT_EQ(update.referral_id(), "R-2026-000200");
    EXPECT_EQ(update.target(), targets[i]);
    // The note on "accepted" is free text about a person: not kept.
    EXPECT_EQ(update.reason(), "");
    EXPECT_FALSE(update.has_nights_stayed());
    EXPECT_EQ(update.facility_id(), "");
    EXPECT_EQ(FromProtoTime(update.occurred_at()), At(times[i]));
  }
}

TEST(FilemonSampleTest, GoodLeft) {
  const DecodeResponse response = Decode(Sample("good-left.json"));
  ASSERT_EQ(response.errors_size(), 0) << response.DebugString();
  ASSERT_EQ(response.commands_size(), 1);
  const auto& update = response.commands(0).update_referral_status();
  EXPECT_EQ(update.referral_id(), "R-2026-000200");
  EXPECT_EQ(update.target(), v1::REFERRAL_STATE_COMPLETED);
  ASSERT_TRUE(update.has_nights_stayed());
  EXPECT_EQ(update.nights_stayed(), 22u);
  EXPECT_EQ(FromProtoTime(update.occurred_at()),
            At("2026-12-20T11:00:00+01:00"));
}

// The samples only the core refuses (a refusal without a reason, more free
// beds than beds) decode: the core's checks are the only checks of meaning
// (tests/hub/exchange/conformance_test.cc refuses them through the core).
TEST(FilemonSampleTest, BadSamplesTheCoreRefusesDecode) {
  for (const char* name :
       {"bad-declined-without-note.json", "bad-free-over-total.json"}) {
    const DecodeResponse r = Decode(Sample(name));
    EXPECT_EQ(r.errors_size(), 0) << name << r.DebugString();
    EXPECT_EQ(r.commands_size(), 1) << name;
  }
}

TEST(FilemonSampleTest, BadSamples) {
  ExpectRejected(Decode(Sample("bad-deep-nesting.json")), "item 1", "",
                 "nested deeper than 32 levels");
  ExpectRejected(Decode(Sample("bad-duplicate-key.json")), "item 1", "kind",
                 "duplicate key");
  ExpectRejected(Decode(Sample("bad-no-offset.json")), "item 1", "at",
                 "RFC 3339");
  ExpectRejected(Decode(Sample("bad-truncated.json")), "item 1", "beds",
                 "the JSON ends too early");
  ExpectRejected(Decode(Sample("bad-unknown-status.json")), "item 1", "status",
                 "unknown value");
  ExpectRejected(Decode(Sample("bad-wrong-type.json")), "item 1", "beds.total",
                 "wrong type");
}

// Every status, with the note and nights rules.
TEST(FilemonDecodeTest, StatusesMapToReferralStates) {
  const std::pair<const char*, v1::ReferralState> cases[] = {
      {"received", v1::REFERRAL_STATE_RECEIVED},
      {"accepted", v1::REFERRAL_STATE_ACCEPTED},
      {"declined", v1::REFERRAL_STATE_REJECTED},
      {"arrived", v1::REFERRAL_STATE_IN_PROGRESS},
      {"left", v1::REFERRAL_STATE_COMPLETED},
      {"cancelled", v1::REFERRAL_STATE_CANCELLED}};
  for (const auto& [status, target] : cases) {
    const DecodeResponse response =
        Decode(std::string(R"({"schema":"filemon/1","kind":"intake_status",)") +
               R"("referral":"R-2026-000201","status":")" + status +
               R"(","at":"2026-11-28T09:20:00Z","note":"  Full. ")" + "}");
    ASSERT_EQ(response.errors_size(), 0) << status;
    const auto& update = response.commands(0).update_referral_status();
    EXPECT_EQ(update.target(), target) << status;
    const bool reason = target == v1::REFERRAL_STATE_REJECTED ||
                        target == v1::REFERRAL_STATE_CANCELLED;
    EXPECT_EQ(update.reason(), reason ? "Full." : "") << status;
    EXPECT_FALSE(update.has_nights_stayed());
  }
}

std::string Status(const std::string& extra) {
  return R"({"schema":"filemon/1","kind":"intake_status",)"
         R"("referral":"R-2026-000201","at":"2026-11-28T09:20:00+01:00",)" +
         extra + "}";
}

// When a reason is required, how long it may be, and which statuses may
// carry nights and how many are the core's rules: the plugin passes what
// Filemon sent and the core refuses it (ingest_core_rules_test.cc).
TEST(FilemonDecodeTest, NotesAndNights) {
  const DecodeResponse blank =
      Decode(Status(R"("status":"cancelled","note":"   ")"));
  ASSERT_EQ(blank.errors_size(), 0);
  EXPECT_TRUE(blank.commands(0).update_referral_status().reason().empty());
  const DecodeResponse long_note = Decode(
      Status(R"("status":"declined","note":")" + std::string(501, 'x') + "\""));
  ASSERT_EQ(long_note.errors_size(), 0);
  EXPECT_EQ(long_note.commands(0).update_referral_status().reason().size(),
            501u);
  // Any length is fine where the note is dropped, but the type is checked.
  EXPECT_EQ(Decode(Status(R"("status":"accepted","note":")" +
                          std::string(5000, 'x') + "\""))
                .errors_size(),
            0);
  ExpectRejected(Decode(Status(R"("status":"accepted","note":7)")), "item 1",
                 "note", "wrong type");
  for (const char* nights : {R"("status":"arrived","nights":3)",
                             R"("status":"left","nights":3661)"}) {
    const DecodeResponse r = Decode(Status(nights));
    ASSERT_EQ(r.errors_size(), 0) << nights;
    EXPECT_TRUE(r.commands(0).update_referral_status().has_nights_stayed());
  }
  ExpectRejected(Decode(Status(R"("status":"left","nights":2.5)")), "item 1",
                 "nights", "out of range");
  ExpectRejected(Decode(Status(R"("status":"left","nights":-1)")), "item 1",
                 "nights", "out of range");
  ExpectRejected(Decode(Status(R"("status":"left","nights":"22")")), "item 1",
                 "nights", "wrong type");
  // "left" may come without nights (the core decides whether it needs them);
  // null is the same as absent.
  const DecodeResponse left =
      Decode(Status(R"("status":"left","nights":null)"));
  ASSERT_EQ(left.errors_size(), 0);
  EXPECT_FALSE(left.commands(0).update_referral_status().has_nights_stayed());
  const DecodeResponse zero = Decode(Status(R"("status":"left","nights":0)"));
  ASSERT_EQ(zero.errors_size(), 0);
  EXPECT_TRUE(zero.commands(0).update_referral_status().has_nights_stayed());
}

TEST(FilemonDecodeTest, RequiredFieldsAndValues) {
  ExpectRejected(Decode(R"({"schema":"filemon/1"})"), "item 1", "kind",
                 "missing");
  ExpectRejected(Decode(R"({"kind":"capacity"})"), "item 1", "schema",
                 "missing");
  ExpectRejected(Decode(R"({"schema":"filemon/2","kind":"capacity"})"),
                 "item 1", "schema", "unknown value");
  // Outbound only: Filemon does not send placement requests to the hub.
  ExpectRejected(Decode(R"({"schema":"filemon/1","kind":"placement_request"})"),
                 "item 1", "kind", "unknown value");
  ExpectRejected(Decode(Status(R"("status":"Received")")), "item 1", "status",
                 "unknown value");
  ExpectRejected(
      Decode(
          R"({"schema":"filemon/1","kind":"intake_status",)"
          R"("referral":"R-26-1","status":"received","at":"2026-11-28T09:20:00Z"})"),
      "item 1", "referral", "not a hub id");
  const DecodeResponse all = Decode(
      R"({"schema":"filemon/1","kind":"intake_status","status":"declined"})");
  EXPECT_EQ(all.commands_size(), 0);
  ASSERT_EQ(all.errors_size(), 2);  // referral, at (a note is the core's)
  EXPECT_EQ(all.errors(0).field(), "referral");
  EXPECT_EQ(all.errors(1).field(), "at");
}

std::string Capacity(const std::string& beds, const std::string& extra = "") {
  return R"({"schema":"filemon/1","kind":"capacity",)"
         R"("at":"2026-11-28T14:05:00+01:00","beds":)" +
         beds + extra + "}";
}

// Beds per unit and free within the total are the core's rules; the plugin
// refuses only what is no count at all.
TEST(FilemonDecodeTest, CapacityRanges) {
  for (const char* beds :
       {R"({"total":501,"free":2})", R"({"total":8,"free":2,"acute_free":3})",
        R"({"total":8,"free":9})"}) {
    EXPECT_EQ(Decode(Capacity(beds)).errors_size(), 0) << beds;
  }
  ExpectRejected(Decode(Capacity(R"({"total":8.5,"free":2})")), "item 1",
                 "beds.total", "out of range");
  ExpectRejected(Decode(Capacity(R"({"total":8,"free":-2})")), "item 1",
                 "beds.free", "out of range");
  ExpectRejected(Decode(Capacity(R"({"total":8})")), "item 1", "beds.free",
                 "missing");
  ExpectRejected(Decode(Capacity("[8,2,1]")), "item 1", "beds", "wrong type");
  ExpectRejected(
      Decode(Capacity(R"({"total":99999999999999999999999,"free":1})")),
      "item 1", "beds.total", "out of range");
  ExpectRejected(Decode(Capacity(R"({"total":18446744073709551616,"free":1})")),
                 "item 1", "beds.total", "out of range");
  ExpectRejected(Decode(Capacity(R"({"total":1e400,"free":1})")), "item 1",
                 "beds.total", "a number is too large");
  ExpectRejected(Decode(Capacity(R"({"total":8,"free":2})",
                                 R"(,"accepts":{"families":1})")),
                 "item 1", "accepts.families", "wrong type");
  ExpectRejected(Decode(Capacity(R"({"total":8,"free":2})",
                                 R"(,"accepts":{"couples":"yes"})")),
                 "item 1", "accepts.couples", "wrong type");

  // Families: children can come along. acute_free and accepts are optional.
  const DecodeResponse families = Decode(Capacity(
      R"({"total":500,"free":500})", R"(,"accepts":{"families":true})"));
  ASSERT_EQ(families.errors_size(), 0) << families.DebugString();
  const auto& unit = families.commands(0).report_capacity().units(0);
  EXPECT_TRUE(unit.children());
  EXPECT_FALSE(unit.has_acute_free());
  EXPECT_EQ(unit.capacity(), 500u);
  const DecodeResponse full =
      Decode(Capacity(R"({"total":0,"free":0,"acute_free":0})"));
  ASSERT_EQ(full.errors_size(), 0);
  EXPECT_TRUE(full.commands(0).report_capacity().units(0).has_acute_free());
}

TEST(FilemonDecodeTest, UnknownFieldsAreIgnored) {
  const DecodeResponse response = Decode(Capacity(
      R"({"total":8,"free":2,"acute_free":1,"x-rooms":[1,2]})",
      R"(,"x-internal":{"a":[{"b":null}]},"accepts":{"couples":true,"pets":1})"));
  EXPECT_EQ(response.errors_size(), 0) << response.DebugString();
  EXPECT_EQ(response.commands_size(), 1);
}

TEST(FilemonDecodeTest, AllOrNothingAcrossRecords) {
  const DecodeResponse response =
      Decode("[" + Status(R"("status":"received")") + "," +
             Capacity(R"({"total":8,"free":-1})") + "," +
             Status(R"("status":"x")") + "]");
  EXPECT_EQ(response.commands_size(), 0);
  ASSERT_EQ(response.errors_size(), 2);
  EXPECT_EQ(response.errors(0).record(), "item 2");
  EXPECT_EQ(response.errors(0).field(), "beds.free");
  EXPECT_EQ(response.errors(1).record(), "item 3");
  EXPECT_EQ(response.errors(1).field(), "status");
}

TEST(FilemonDecodeTest, Edges) {
  // CRLF line ends and a byte-order mark.
  const DecodeResponse crlf =
      Decode("\xEF\xBB\xBF[\r\n" + Status(R"("status":"received")") + ",\r\n" +
             Status(R"("status":"accepted")") + "\r\n]\r\n");
  ASSERT_EQ(crlf.errors_size(), 0) << crlf.DebugString();
  EXPECT_EQ(crlf.commands_size(), 2);

  // The night summer time starts: with an offset every instant is clear,
  // even a wall-clock time that Oslo skips.
  const DecodeResponse dst = Decode(
      R"({"schema":"filemon/1","kind":"intake_status","referral":"R-2026-000200",)"
      R"("status":"received","at":"2026-03-29T03:30:00+02:00"})");
  ASSERT_EQ(dst.errors_size(), 0);
  EXPECT_EQ(
      FromProtoTime(dst.commands(0).update_referral_status().occurred_at()),
      At("2026-03-29T01:30:00Z"));

  ExpectRejected(Decode(""), "payload", "", "empty");
  ExpectRejected(Decode("\xEF\xBB\xBF  "), "payload", "", "empty");
  ExpectRejected(
      Decode("[{\"schema\":\"filemon/1\",\"kind\":\"intake_status\","
             "\"referral\":\"R-2026-000200\",\"status\":\"declined\","
             "\"at\":\"2026-11-28T09:20:00Z\",\"note\":\"bad \xC3\"}]"),
      "item 1", "note", "not valid UTF-8");
  ExpectRejected(Decode(Sample("good-capacity.json"), "application/json"),
                 "payload", "content_type");
  ExpectRejected(Decode(Sample("good-capacity.json"), "text/csv"), "payload",
                 "content_type");
  EXPECT_EQ(Decode(Sample("good-capacity.json"),
                   "application/vnd.filemon.v1+json; charset=utf-8")
                .errors_size(),
            0);
  ExpectRejected(Decode("\"capacity\""), "payload", "", "JSON object");
  ExpectRejected(Decode("[[]]"), "item 1", "", "must be a JSON object");
  EXPECT_EQ(Decode("[]").warnings_size(), 1);
}

TEST(FilemonDecodeTest, ErrorsNeverQuoteThePayload) {
  const std::string m = "QXZMARK";
  const std::string bad_payloads[] = {
      Status(R"("status":")" + m + "\""),
      Status(R"("status":"left","nights":")" + m + "\""),
      R"({"schema":")" + m + R"(","kind":"capacity"})",
      R"({"schema":"filemon/1","kind":")" + m + "\"}",
      R"({"schema":"filemon/1","kind":"intake_status","referral":")" + m +
          R"(","status":"received","at":")" + m + "\"}",
      Capacity(R"({"total":")" + m + R"(","free":2})"),
      Capacity(R"({"total":8,"free":2})",
               R"(,")" + m + R"(":1,")" + m + R"(":2)"),
      Capacity(R"({"total":8,"free":2})",
               R"(,"accepts":{"families":")" + m + "\"}"),
      "[" + Status(R"("status":"received")") + "," + m + "]",
      Status(R"("status":"received","note":")" + m + "\xFF\""),
  };
  for (const std::string& payload : bad_payloads) {
    const DecodeResponse response = Decode(payload);
    ASSERT_GT(response.errors_size(), 0) << payload;
    EXPECT_EQ(response.commands_size(), 0);
    for (const auto& error : response.errors()) {
      EXPECT_THAT(error.record() + "|" + error.field() + "|" + error.reason(),
                  Not(HasSubstr("QXZ")))
          << payload;
    }
  }
}

}  // namespace
}  // namespace rosa::plugin::filemon
