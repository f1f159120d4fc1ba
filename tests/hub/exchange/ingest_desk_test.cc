// The gateway sample test: every shared partner-format sample
// (tests/testdata/partner-formats) runs through the real core path — the
// real plugin libraries loaded by the plugin host, applied by the ingest
// desk on a real SQLite store, with the referral, handoff, placement and
// inquiry desks built as the hub server builds them. Good samples apply and
// their effect is visible through the desks; bad samples are refused with
// an error naming the record, details saying nothing applied, and no change
// to any referral, facility figure, inquiry or handoff ledger.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/hub/exchange/ingest_fixture.h"
#include "tests/testutil/log_capture.h"

namespace rosa {
namespace ingest_test {
namespace {

namespace pv1 = rosa::plugin::v1;
using ::testing::HasSubstr;
using ::testing::Not;

// Every sample is in a list below, so a new one is not silently skipped.
TEST(SampleListTest, EverySampleIsCovered) {
  std::map<std::string, std::vector<std::string>> known = {
      {"ks-csv",
       {"bad-event-out-of-order.csv", "bad-future-timestamp.csv",
        "bad-impossible-date.csv", "bad-invalid-utf8.csv",
        "bad-ledige-over-kapasitet.csv", "bad-missing-required-column.csv",
        "bad-second-row-invalid.csv", "bad-unknown-plasstype.csv",
        "bad-unterminated-quote.csv", "good-hendelser-multiline-reason.csv",
        "good-hendelser.csv", "good-plasser-bom-crlf.csv",
        "good-plasser-reordered.csv", "good-telefonlogg.csv"}},
      {"filemon",
       {"bad-declined-without-note.json", "bad-deep-nesting.json",
        "bad-duplicate-key.json", "bad-free-over-total.json",
        "bad-no-offset.json", "bad-truncated.json", "bad-unknown-status.json",
        "bad-wrong-type.json", "good-batch-status.json", "good-capacity.json",
        "good-left.json"}},
      {"lauras-skjema",
       {"bad-avslatt-without-merknad.txt", "bad-line-without-colon.txt",
        "bad-missing-skjema.txt", "bad-second-form-invalid.txt",
        "bad-unknown-status.txt", "good-status.txt", "good-two-forms.txt"}},
      {"iom-avrr",
       {"bad-booked-without-departure.xml", "bad-country-code.xml",
        "bad-doctype-entity.xml", "bad-not-well-formed.xml",
        "bad-wrong-namespace.xml", "good-batch.xml", "good-case.xml"}},
      {"advokat",
       {"bad-declined-without-reason.json", "bad-hours-not-quarter.json",
        "bad-hours-over-budget.json", "bad-unknown-application.json",
        "good-accepted-hours.json", "good-report-filed.json"}},
  };
  for (const Format& f : Formats()) {
    std::vector<std::string> all = SampleNames(f.dir, "bad-");
    for (const std::string& g : SampleNames(f.dir, "good-")) all.push_back(g);
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, known[f.dir]) << f.dir;
  }
}

// Every bad-* sample (each alone: conformance_test.cc) again, after every
// good sample applied (the lawyer has accepted
// H-...010, Filemon's referral is under way, and so on).
TEST_F(IngestDeskTest, BadSamplesAfterTheGoodOnesChangeNothing) {
  ExpectApplied("advokat", "good-accepted-hours.json");
  ExpectApplied("filemon", "good-batch-status.json");
  ExpectApplied("ks-csv", "good-plasser-reordered.csv");
  for (const Format& f : Formats()) {
    for (const std::string& name : SampleNames(f.dir, "bad-")) {
      ExpectRejected(f.dir, name);
    }
  }
}

// The three samples only the core can catch: each is well-formed, and the
// plugin turns it into commands that the hub's state or clock refuses.
TEST_F(IngestDeskTest, EventOutOfOrderIsRejectedByTheCore) {
  ASSERT_EQ(Referral("R-2026-000125").state(), v1::REFERRAL_STATE_REQUESTED);
  ExpectRejected("ks-csv", "bad-event-out-of-order.csv");
  EXPECT_EQ(Referral("R-2026-000125").state(), v1::REFERRAL_STATE_REQUESTED);
}

TEST_F(IngestDeskTest, FutureTimestampIsRejectedByTheCore) {
  ExpectRejected("ks-csv", "bad-future-timestamp.csv");
  EXPECT_TRUE(Units("ks-oslo").empty());
}

TEST_F(IngestDeskTest, HoursOverBudgetRejectsTheWholePayload) {
  const std::string h11 = ids_.at("H-2026-000011");
  ExpectRejected("advokat", "bad-hours-over-budget.json");
  // The first two records were valid on their own; none applied.
  v1::Handoff h = Handoff(h11);
  EXPECT_EQ(h.state(), v1::HANDOFF_STATE_OFFERED);
  EXPECT_EQ(h.used_quarter_hours(), 0u);
  EXPECT_EQ(h.granted_quarter_hours(), 12u);
}

// The same payload sent twice applies once; the second time every record
// reports RESULT_UNCHANGED ("applied before"), not RESULT_APPLIED.
TEST_F(IngestDeskTest, SamePayloadTwiceAppliesOnce) {
  ExpectApplied("ks-csv", "good-hendelser.csv");
  ExpectApplied("advokat", "good-accepted-hours.json");
  ExpectApplied("ks-csv", "good-telefonlogg.csv");
  const Snapshot once = Take();
  for (auto [dir, name] : std::vector<std::pair<std::string, std::string>>{
           {"ks-csv", "good-hendelser.csv"},
           {"advokat", "good-accepted-hours.json"},
           {"ks-csv", "good-telefonlogg.csv"}}) {
    SCOPED_TRACE(name);
    auto again = IngestSample(dir, name);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_TRUE(again->applied());
    ASSERT_GT(again->records_size(), 0);
    for (const v1::RecordOutcome& o : again->records()) {
      EXPECT_EQ(o.result(), v1::RecordOutcome::RESULT_UNCHANGED) << o.record();
    }
  }
  EXPECT_EQ(Take(), once);
}

// A record's label is the sender's to choose (rosa-native takes any short
// printable one): the log names a rejected record by its place only.
TEST_F(IngestDeskTest, TheLogNamesARejectedRecordByItsPlace) {
  pv1::CommandBatch batch;
  for (const char* label : {"Kari Nordmann, Oslo gate 5", "second"}) {
    pv1::HubCommand* command = batch.add_commands();
    command->set_record(label);
    v1::UpdateReferralStatusRequest* update =
        command->mutable_update_referral_status();
    update->set_idempotency_key(label[0] == 'K' ? "log-1" : "log-2");
    update->set_referral_id("R-2026-999999");  // Nobody's.
    update->set_target(v1::REFERRAL_STATE_CANCELLED);
    update->set_reason("Moved.");
  }
  testutil::LogCapture log;
  auto r = IngestText(
      "rosa", "application/x-protobuf; messageType=rosa.plugin.v1.CommandBatch",
      batch.SerializeAsString());
  ASSERT_EQ(r.status().code(), absl::StatusCode::kNotFound) << r.status();
  EXPECT_THAT(log.Text(), HasSubstr("record 1 of 2 rejected by the core"));
  EXPECT_THAT(log.Text(), Not(HasSubstr("Kari")));
}

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
