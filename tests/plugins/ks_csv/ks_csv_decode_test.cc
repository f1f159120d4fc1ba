// Decoding the shared ks-csv samples with each profile.
#include <string>

#include "tests/plugins/ks_csv/ks_csv_fixture.h"

namespace rosa::plugin::ks_csv {
namespace {

// ---------------------------------------------------------------- samples

TEST(KsCsvSamplesTest, GoodPlasserBomCrlf) {
  const auto r = Decode(kPlasser, Sample("good-plasser-bom-crlf.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  EXPECT_THAT(r.warnings(), IsEmpty());
  ASSERT_THAT(r.commands(), SizeIs(3));
  ExpectNoKeys(r);

  const auto& c0 = r.commands(0);
  EXPECT_EQ(c0.record(), "line 2");
  ASSERT_TRUE(c0.has_report_capacity());
  ASSERT_THAT(c0.report_capacity().units(), SizeIs(1));
  const hub::UnitCapacity& u0 = c0.report_capacity().units(0);
  EXPECT_EQ(u0.facility_id(), "ks-oslo");
  EXPECT_EQ(u0.unit(), "Akutten");
  EXPECT_EQ(u0.type(), hub::UNIT_TYPE_ACUTE);
  EXPECT_EQ(u0.capacity(), 12u);
  EXPECT_EQ(u0.free(), 3u);
  EXPECT_EQ(u0.admits(), hub::ADMITTED_GENDERS_WOMEN);
  EXPECT_TRUE(u0.children());
  EXPECT_TRUE(u0.wheelchair_accessible());
  EXPECT_FALSE(u0.has_acute_free());
  EXPECT_FALSE(u0.has_family_free());
  EXPECT_TRUE(u0.reported_by().empty());
  // 28.11.2026 14:05 in Oslo is winter time, UTC+1.
  EXPECT_EQ(u0.as_of().seconds(), Utc(2026, 11, 28, 13, 5));
  EXPECT_EQ(u0.as_of().nanos(), 0);

  const auto& c1 = r.commands(1);
  EXPECT_EQ(c1.record(), "line 3");
  const hub::UnitCapacity& u1 = c1.report_capacity().units(0);
  EXPECT_EQ(u1.facility_id(), "ks-oslo");
  EXPECT_EQ(u1.unit(), "Langtid; 2. etasje");
  EXPECT_EQ(u1.type(), hub::UNIT_TYPE_LONGER_STAY);
  EXPECT_EQ(u1.capacity(), 8u);
  EXPECT_EQ(u1.free(), 0u);
  EXPECT_EQ(u1.admits(), hub::ADMITTED_GENDERS_WOMEN);
  EXPECT_TRUE(u1.children());
  EXPECT_FALSE(u1.wheelchair_accessible());

  const auto& c2 = r.commands(2);
  EXPECT_EQ(c2.record(), "line 4");
  const hub::UnitCapacity& u2 = c2.report_capacity().units(0);
  EXPECT_EQ(u2.unit(), "Familie");
  EXPECT_EQ(u2.type(), hub::UNIT_TYPE_FAMILY);
  EXPECT_EQ(u2.capacity(), 4u);
  EXPECT_EQ(u2.free(), 1u);
  EXPECT_EQ(u2.admits(), hub::ADMITTED_GENDERS_ALL);
  EXPECT_TRUE(u2.children());
  EXPECT_FALSE(u2.wheelchair_accessible());
  EXPECT_EQ(u2.as_of().seconds(), Utc(2026, 11, 28, 13, 5));
}

TEST(KsCsvSamplesTest, GoodPlasserReordered) {
  const auto r = Decode(kPlasser, Sample("good-plasser-reordered.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  ASSERT_THAT(r.commands(), SizeIs(1));
  const auto& c = r.commands(0);
  EXPECT_EQ(c.record(), "line 2");
  const hub::UnitCapacity& u = c.report_capacity().units(0);
  EXPECT_EQ(u.facility_id(), "ks-oslo");
  EXPECT_EQ(u.unit(), "Mannsavdelingen");
  EXPECT_EQ(u.type(), hub::UNIT_TYPE_ACUTE);
  EXPECT_EQ(u.capacity(), 5u);
  EXPECT_EQ(u.free(), 2u);
  EXPECT_EQ(u.admits(), hub::ADMITTED_GENDERS_MEN);
  // barn and rullestol are not in the file: both default to nei.
  EXPECT_FALSE(u.children());
  EXPECT_FALSE(u.wheelchair_accessible());
  EXPECT_EQ(u.as_of().seconds(), Utc(2026, 11, 27, 7, 30));
  // The unknown column is ignored, with a warning that names it.
  ASSERT_THAT(r.warnings(), SizeIs(1));
  EXPECT_EQ(r.warnings(0).record(), "line 1");
  EXPECT_EQ(r.warnings(0).field(), "merknad_intern");
}

TEST(KsCsvSamplesTest, GoodHendelser) {
  const auto r = Decode(kHendelser, Sample("good-hendelser.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  EXPECT_THAT(r.warnings(), IsEmpty());
  ASSERT_THAT(r.commands(), SizeIs(3));
  ExpectNoKeys(r);
  const hub::ReferralState targets[] = {hub::REFERRAL_STATE_RECEIVED,
                                        hub::REFERRAL_STATE_ACCEPTED,
                                        hub::REFERRAL_STATE_IN_PROGRESS};
  const int64_t times[] = {Utc(2026, 11, 28, 8, 12), Utc(2026, 11, 28, 8, 40),
                           Utc(2026, 11, 28, 15, 2)};
  for (int i = 0; i < 3; ++i) {
    const auto& c = r.commands(i);
    EXPECT_EQ(c.record(), absl::StrCat("line ", i + 2));
    ASSERT_TRUE(c.has_update_referral_status());
    const auto& u = c.update_referral_status();
    EXPECT_EQ(u.referral_id(), "R-2026-000123");
    EXPECT_EQ(u.target(), targets[i]);
    EXPECT_TRUE(u.reason().empty());
    EXPECT_FALSE(u.has_nights_stayed());
    EXPECT_TRUE(u.facility_id().empty());
    EXPECT_EQ(u.occurred_at().seconds(), times[i]);
  }
}

TEST(KsCsvSamplesTest, GoodHendelserMultilineReason) {
  const auto r =
      Decode(kHendelser, Sample("good-hendelser-multiline-reason.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  ASSERT_THAT(r.commands(), SizeIs(2));
  const auto& received = r.commands(0).update_referral_status();
  EXPECT_EQ(r.commands(0).record(), "line 2");
  EXPECT_EQ(received.referral_id(), "R-2026-000124");
  EXPECT_EQ(received.target(), hub::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(received.occurred_at().seconds(), Utc(2026, 11, 28, 9, 0));
  const auto& declined = r.commands(1).update_referral_status();
  EXPECT_EQ(r.commands(1).record(), "line 3");
  EXPECT_EQ(declined.referral_id(), "R-2026-000124");
  EXPECT_EQ(declined.target(), hub::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(declined.reason(),
            "Fullt på akutten.\nHenvist til nabosenter; ring oss ved behov.");
  EXPECT_EQ(declined.occurred_at().seconds(), Utc(2026, 11, 28, 9, 30));
}

TEST(KsCsvSamplesTest, GoodTelefonlogg) {
  const auto r = Decode(kTelefonlogg, Sample("good-telefonlogg.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  EXPECT_THAT(r.warnings(), IsEmpty());
  ASSERT_THAT(r.commands(), SizeIs(4));
  ExpectNoKeys(r);

  const auto& c0 = r.commands(0);
  EXPECT_EQ(c0.record(), "line 2");
  ASSERT_TRUE(c0.has_record_inquiry());
  const hub::HotlineInquiry& i0 = c0.record_inquiry().inquiry();
  EXPECT_EQ(i0.occurred_at().seconds(), Utc(2026, 11, 29, 21, 14));
  EXPECT_EQ(i0.caller(), hub::CALLER_TYPE_POLICE);
  EXPECT_EQ(i0.topic(), hub::INQUIRY_TOPIC_POSSIBLE_VICTIM);
  ASSERT_TRUE(i0.has_victims());
  EXPECT_EQ(i0.victims().persons(), 1u);
  EXPECT_EQ(i0.victims().gender(), hub::GENDER_WOMAN);
  EXPECT_EQ(i0.victims().nationality(), "RO");
  EXPECT_EQ(i0.victims().exploitation_form(), hub::EXPLOITATION_FORM_SEXUAL);
  ASSERT_TRUE(i0.victims().has_accompanying_minors());
  EXPECT_EQ(i0.victims().accompanying_minors(), 0u);
  EXPECT_EQ(i0.victims().outcome(), hub::INQUIRY_OUTCOME_ACCEPTED_HELP);
  EXPECT_TRUE(i0.id().empty());
  EXPECT_TRUE(i0.recorded_by().empty());
  EXPECT_FALSE(i0.has_recorded_at());

  const hub::HotlineInquiry& i1 = r.commands(1).record_inquiry().inquiry();
  EXPECT_EQ(r.commands(1).record(), "line 3");
  EXPECT_EQ(i1.occurred_at().seconds(), Utc(2026, 11, 29, 22, 40));
  EXPECT_EQ(i1.caller(), hub::CALLER_TYPE_PRIVATE_PERSON);
  EXPECT_EQ(i1.topic(), hub::INQUIRY_TOPIC_INFORMATION);
  EXPECT_FALSE(i1.has_victims());

  const hub::HotlineInquiry& i2 = r.commands(2).record_inquiry().inquiry();
  EXPECT_EQ(i2.occurred_at().seconds(), Utc(2026, 11, 30, 1, 5));
  EXPECT_EQ(i2.caller(), hub::CALLER_TYPE_CRISIS_CENTRE);
  EXPECT_EQ(i2.topic(), hub::INQUIRY_TOPIC_FOLLOW_UP);
  EXPECT_FALSE(i2.has_victims());

  const hub::HotlineInquiry& i3 = r.commands(3).record_inquiry().inquiry();
  EXPECT_EQ(r.commands(3).record(), "line 5");
  EXPECT_EQ(i3.occurred_at().seconds(), Utc(2026, 11, 30, 2, 30));
  EXPECT_EQ(i3.caller(), hub::CALLER_TYPE_VOLUNTARY_ORGANISATION);
  EXPECT_EQ(i3.topic(), hub::INQUIRY_TOPIC_POSSIBLE_VICTIM);
  EXPECT_EQ(i3.victims().persons(), 3u);
  EXPECT_EQ(i3.victims().gender(), hub::GENDER_MAN);
  EXPECT_EQ(i3.victims().nationality(), "PL");
  EXPECT_EQ(i3.victims().exploitation_form(),
            hub::EXPLOITATION_FORM_FORCED_LABOUR);
  EXPECT_EQ(i3.victims().accompanying_minors(), 0u);
  EXPECT_EQ(i3.victims().outcome(), hub::INQUIRY_OUTCOME_UNKNOWN);
}

TEST(KsCsvSamplesTest, BadEventOutOfOrderDecodes) {
  // The core rejects this (ankommet before akseptert); see the gateway
  // sample test. The format itself is fine.
  const auto r = Decode(kHendelser, Sample("bad-event-out-of-order.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  ASSERT_THAT(r.commands(), SizeIs(1));
  const auto& u = r.commands(0).update_referral_status();
  EXPECT_EQ(u.referral_id(), "R-2026-000125");
  EXPECT_EQ(u.target(), hub::REFERRAL_STATE_IN_PROGRESS);
  EXPECT_EQ(u.occurred_at().seconds(), Utc(2026, 11, 28, 15, 2));
}

TEST(KsCsvSamplesTest, BadFutureTimestampDecodes) {
  // The core rejects this (oppdatert in the future); see the gateway sample
  // test. The plugin has no clock to judge it by.
  const auto r = Decode(kPlasser, Sample("bad-future-timestamp.csv"));
  ASSERT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  ASSERT_THAT(r.commands(), SizeIs(1));
  EXPECT_EQ(r.commands(0).report_capacity().units(0).as_of().seconds(),
            Utc(2098, 12, 31, 23, 0));
}

TEST(KsCsvSamplesTest, BadImpossibleDate) {
  ExpectOneError(Decode(kPlasser, Sample("bad-impossible-date.csv")), "line 2",
                 "oppdatert");
}

TEST(KsCsvSamplesTest, BadInvalidUtf8) {
  ExpectOneError(Decode(kPlasser, Sample("bad-invalid-utf8.csv")), "line 2",
                 "");
}

// More free places than places is the core's rule: the row decodes and the
// core refuses it (tests/hub/exchange/conformance_test.cc).
TEST(KsCsvSamplesTest, BadLedigeOverKapasitetIsTheCoresToRefuse) {
  const auto r = Decode(kPlasser, Sample("bad-ledige-over-kapasitet.csv"));
  EXPECT_THAT(r.errors(), IsEmpty()) << testutil::ErrorsText(r);
  EXPECT_THAT(r.commands(), SizeIs(1));
}

TEST(KsCsvSamplesTest, BadMissingRequiredColumn) {
  ExpectOneError(Decode(kPlasser, Sample("bad-missing-required-column.csv")),
                 "line 1", "plasstype");
}

TEST(KsCsvSamplesTest, BadSecondRowInvalid) {
  // The first row is fine, but nothing of the file is applied.
  ExpectOneError(Decode(kPlasser, Sample("bad-second-row-invalid.csv")),
                 "line 3", "kapasitet");
}

TEST(KsCsvSamplesTest, BadUnknownPlasstype) {
  ExpectOneError(Decode(kPlasser, Sample("bad-unknown-plasstype.csv")),
                 "line 2", "plasstype");
}

TEST(KsCsvSamplesTest, BadUnterminatedQuote) {
  ExpectOneError(Decode(kHendelser, Sample("bad-unterminated-quote.csv")),
                 "line 2", "");
}

// The samples, each decoded with every profile: whatever the combination,
// no crash, and either commands or errors, never both.
TEST(KsCsvDecodeTest, EverySampleWithEveryProfileIsAllOrNothing) {
  for (const char* name :
       {"bad-event-out-of-order.csv", "bad-future-timestamp.csv",
        "bad-impossible-date.csv", "bad-invalid-utf8.csv",
        "bad-ledige-over-kapasitet.csv", "bad-missing-required-column.csv",
        "bad-second-row-invalid.csv", "bad-unknown-plasstype.csv",
        "bad-unterminated-quote.csv", "good-hendelser-multiline-reason.csv",
        "good-hendelser.csv", "good-plasser-bom-crlf.csv",
        "good-plasser-reordered.csv", "good-telefonlogg.csv"}) {
    for (const char* type : {kPlasser, kHendelser, kTelefonlogg}) {
      const auto r = Decode(type, Sample(name));
      EXPECT_TRUE(r.errors().empty() || r.commands().empty()) << name;
    }
  }
}

}  // namespace
}  // namespace rosa::plugin::ks_csv
