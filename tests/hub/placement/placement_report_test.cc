// Tests of the placement desk's bounds on capacity reports: the units one
// facility may have are capped (configurable; past the cap a report is
// refused, naming the unit, and nothing of it is written), and a run of
// reports applied together (a partner's payload) publishes each changed
// facility once, not once per report.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/placement/placement_desk.h"
#include "tests/hub/placement/placement_fixture.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class PlacementReportTest : public testing_placement::PlacementFixture {
 protected:
  PlacementDesk::Options PlacementOptions() const override {
    PlacementDesk::Options options;
    options.max_units_per_facility = 3;
    return options;
  }
};

TEST_F(PlacementReportTest, UnitsPerFacilityAreCapped) {
  ASSERT_TRUE(
      Report("ks-oslo", {Unit("ks-oslo", "A", 1), Unit("ks-oslo", "B", 1)})
          .ok());
  // A third is fine; a fourth, in the same report, is not, and nothing of
  // that report is written.
  auto over =
      Report("ks-oslo", {Unit("ks-oslo", "C", 1), Unit("ks-oslo", "D", 1)});
  ASSERT_EQ(over.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(over.status().message(), HasSubstr("units[1].unit: "));
  EXPECT_THAT(over.status().message(), HasSubstr("ks-oslo"));
  EXPECT_THAT(over.status().message(), HasSubstr("(3)"));
  EXPECT_THAT(View("ks-oslo").units(), SizeIs(2));
  EXPECT_THAT(AvailabilityEvents("rosa"), SizeIs(1));

  ASSERT_TRUE(Report("ks-oslo", {Unit("ks-oslo", "C", 1)}).ok());
  // At the cap, known units still report; only new ones are refused.
  EXPECT_TRUE(
      Report("ks-oslo", {Unit("ks-oslo", "A", 0), Unit("ks-oslo", "C", 0)})
          .ok());
  EXPECT_FALSE(Report("ks-oslo", {Unit("ks-oslo", "E", 1)}).ok());
  EXPECT_THAT(View("ks-oslo").units(), SizeIs(3));
  // The cap is per facility: another facility of the partner has its own.
  EXPECT_TRUE(
      Report("ks-vest", {Unit("ks-bergen", "A", 1), Unit("ks-bergen", "B", 1),
                         Unit("ks-stavanger", "A", 1)})
          .ok());
}

TEST_F(PlacementReportTest, ARunOfReportsPublishesEachFacilityOnce) {
  std::vector<v1::ReportCapacityRequest> requests;
  for (const char* facility : {"ks-bergen", "ks-stavanger"}) {
    for (const char* unit : {"A", "B", "C"}) {
      v1::ReportCapacityRequest r;
      r.set_idempotency_key(NextKey());
      *r.add_units() = Unit(facility, unit, 1);
      requests.push_back(r);
    }
  }
  std::vector<const v1::ReportCapacityRequest*> run;
  for (const auto& r : requests) run.push_back(&r);
  size_t failed = 99;
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return placement_->ApplyReportCapacities(txn, P("ks-vest"), run, &failed)
        .status();
  });
  ASSERT_TRUE(s.ok()) << s;
  // One event per facility, each with the facility's whole view.
  auto events = AvailabilityEvents("rosa");
  ASSERT_THAT(events, SizeIs(2));
  EXPECT_EQ(events[0].facility().facility().id(), "ks-bergen");
  EXPECT_THAT(events[0].facility().units(), SizeIs(3));
  EXPECT_EQ(events[1].facility().facility().id(), "ks-stavanger");
  EXPECT_THAT(events[1].facility().units(), SizeIs(3));

  // A refused report names its index; the caller's write fails whole.
  v1::ReportCapacityRequest other;
  *other.add_units() = Unit("ks-oslo", "A", 1);  // Not ks-vest's.
  run = {&requests[0], &other};
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return placement_->ApplyReportCapacities(txn, P("ks-vest"), run, &failed)
        .status();
  });
  EXPECT_THAT(s.message(), HasSubstr("units[0].facility_id"));
  EXPECT_EQ(failed, 1u);
  EXPECT_THAT(AvailabilityEvents("rosa"), SizeIs(2));
}

TEST_F(PlacementReportTest, TheCapCountsAcrossTheRun) {
  std::vector<v1::ReportCapacityRequest> requests;
  for (const char* unit : {"A", "B", "C", "D"}) {
    v1::ReportCapacityRequest r;
    *r.add_units() = Unit("ks-oslo", unit, 1);
    requests.push_back(r);
  }
  std::vector<const v1::ReportCapacityRequest*> run;
  for (const auto& r : requests) run.push_back(&r);
  size_t failed = 99;
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return placement_->ApplyReportCapacities(txn, P("ks-oslo"), run, &failed)
        .status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(failed, 3u);
  EXPECT_THAT(View("ks-oslo").units(), SizeIs(0));
  EXPECT_THAT(AvailabilityEvents("rosa"), SizeIs(0));
}

}  // namespace
}  // namespace rosa
