// Every good-* partner-format sample applies through the real plugins and
// the ingest desk, and its effect is visible through the desks (see
// ingest_fixture.h for the state the samples are applied to): once with the
// first ids of a year, and once after referral and handoff 999 999, so that
// every format carries ids of seven digits (R-2026-1000000).
#include <string>

#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {
namespace {

class IngestSamplesTest : public IngestDeskTest,
                          public ::testing::WithParamInterface<int64_t> {
 protected:
  IngestSamplesTest() { first_yearly_number_ = GetParam(); }
};

INSTANTIATE_TEST_SUITE_P(FirstIdOfTheYear, IngestSamplesTest,
                         ::testing::Values(int64_t{1}, int64_t{1'000'000}));

TEST_P(IngestSamplesTest, IssuedIdsHaveTheirNumber) {
  const size_t digits = GetParam() >= 1'000'000 ? 7 : 6;
  for (const auto& [example, issued] : ids_) {
    EXPECT_EQ(issued.size(), std::string("R-2026-").size() + digits) << issued;
  }
}

TEST_P(IngestSamplesTest, KsCsvGoodSamplesApply) {
  const auto units_before = Units("ks-oslo");
  EXPECT_TRUE(units_before.empty());
  ExpectApplied("ks-csv", "good-plasser-reordered.csv");
  ExpectApplied("ks-csv", "good-plasser-bom-crlf.csv");
  auto units = Units("ks-oslo");
  ASSERT_TRUE(units.count("Mannsavdelingen")) << Availability().DebugString();
  EXPECT_EQ(units["Mannsavdelingen"].capacity(), 5u);
  ASSERT_TRUE(units.count("Akutten"));
  EXPECT_EQ(units["Akutten"].capacity(), 12u);
  ASSERT_TRUE(units.count("Langtid; 2. etasje"));
  EXPECT_EQ(units["Langtid; 2. etasje"].capacity(), 8u);
  ASSERT_TRUE(units.count("Familie"));
  EXPECT_EQ(units["Familie"].capacity(), 4u);

  ExpectApplied("ks-csv", "good-hendelser.csv");
  EXPECT_EQ(Referral("R-2026-000123").state(), v1::REFERRAL_STATE_IN_PROGRESS);
  ExpectApplied("ks-csv", "good-hendelser-multiline-reason.csv");
  EXPECT_EQ(Referral("R-2026-000124").state(), v1::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(Referral("R-2026-000125").state(), v1::REFERRAL_STATE_REQUESTED);

  const size_t inquiries_before = Inquiries().size();
  ExpectApplied("ks-csv", "good-telefonlogg.csv");
  EXPECT_EQ(Inquiries().size(), inquiries_before + 4);
}

TEST_P(IngestSamplesTest, FilemonGoodSamplesApply) {
  ExpectApplied("filemon", "good-capacity.json");
  auto units = Units("filemon");
  ASSERT_FALSE(units.empty()) << Availability().DebugString();
  EXPECT_EQ(units.begin()->second.capacity(), 8u);

  ExpectApplied("filemon", "good-batch-status.json");
  EXPECT_EQ(Referral("R-2026-000200").state(), v1::REFERRAL_STATE_IN_PROGRESS);
  // Left needs the referral under way: after the batch.
  ExpectApplied("filemon", "good-left.json");
  EXPECT_EQ(Referral("R-2026-000200").state(), v1::REFERRAL_STATE_COMPLETED);
  EXPECT_EQ(Referral("R-2026-000201").state(), v1::REFERRAL_STATE_REQUESTED);
}

TEST_P(IngestSamplesTest, LaurasSkjemaGoodSamplesApply) {
  // The forms carry one status each, and the core moves a referral one
  // step at a time: "innflyttet" needs R-...300 accepted and "avslått"
  // needs R-...301 received, as Lauras hus's earlier forms would have made
  // them (the samples README does not say so).
  clock_.Set(Oslo(2026, 11, 21, 9, 0));
  ASSERT_TRUE(Update("lauras-hus", ids_.at("R-2026-000300"),
                     v1::REFERRAL_STATE_RECEIVED)
                  .ok());
  ASSERT_TRUE(Update("lauras-hus", ids_.at("R-2026-000300"),
                     v1::REFERRAL_STATE_ACCEPTED)
                  .ok());
  ASSERT_TRUE(Update("lauras-hus", ids_.at("R-2026-000301"),
                     v1::REFERRAL_STATE_RECEIVED)
                  .ok());
  clock_.Set(Oslo(2026, 12, 25, 12, 0));
  ExpectApplied("lauras-skjema", "good-status.txt");
  EXPECT_EQ(Referral("R-2026-000300").state(), v1::REFERRAL_STATE_IN_PROGRESS);
  ExpectApplied("lauras-skjema", "good-two-forms.txt");
  EXPECT_EQ(Referral("R-2026-000301").state(), v1::REFERRAL_STATE_REJECTED);
  auto units = Units("lauras-hus");
  ASSERT_FALSE(units.empty()) << Availability().DebugString();
  EXPECT_EQ(units.begin()->second.capacity(), 10u);
  EXPECT_EQ(units.begin()->second.free(), 0u);
  EXPECT_EQ(Referral("R-2026-000302").state(), v1::REFERRAL_STATE_REQUESTED);
}

TEST_P(IngestSamplesTest, IomAvrrGoodSamplesApply) {
  ExpectApplied("iom-avrr", "good-case.xml");
  v1::Referral r = Referral("R-2026-000400");
  EXPECT_EQ(r.assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_TRAVEL_BOOKED);
  ExpectApplied("iom-avrr", "good-batch.xml");
  EXPECT_EQ(Referral("R-2026-000401").assisted_return().status(),
            v1::ASSISTED_RETURN_STATUS_ASSESSMENT);
}

TEST_P(IngestSamplesTest, AdvokatGoodSamplesApply) {
  const std::string h10 = ids_.at("H-2026-000010");
  EXPECT_EQ(Handoff(h10).state(), v1::HANDOFF_STATE_OFFERED);
  ExpectApplied("advokat", "good-accepted-hours.json");
  v1::Handoff h = Handoff(h10);
  EXPECT_EQ(h.state(), v1::HANDOFF_STATE_ACCEPTED);
  EXPECT_EQ(h.used_quarter_hours(), 6u);  // 1.5 h.
  const int ledger = h.ledger_size();
  EXPECT_GE(ledger, 3);
  ExpectApplied("advokat", "good-report-filed.json");
  EXPECT_EQ(Handoff(h10).ledger_size(), ledger + 1);
}

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
