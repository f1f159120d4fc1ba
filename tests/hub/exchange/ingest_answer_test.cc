#include "hub/exchange/ingest_answer.h"

#include <string>

#include "common/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/error_details.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

v1::RecordOutcome Outcome(const std::string& record,
                          v1::RecordOutcome::Result result,
                          const std::string& field = "",
                          const std::string& reason = "") {
  v1::RecordOutcome o;
  o.set_record(record);
  o.set_result(result);
  o.set_field(field);
  o.set_reason(reason);
  return o;
}

TEST(FitDetailsTest, ASmallAnswerStaysAsItIs) {
  v1::IngestResponse r;
  *r.add_records() = Outcome("line 2", v1::RecordOutcome::RESULT_REJECTED,
                             "hendelse", "unknown value");
  *r.add_records() = Outcome("line 3", v1::RecordOutcome::RESULT_NOT_APPLIED);
  *r.add_warnings() = Outcome("line 1", v1::RecordOutcome::RESULT_UNSPECIFIED,
                              "column 7", "unknown column; ignored");
  EXPECT_EQ(FitDetails(r).SerializeAsString(), r.SerializeAsString());
}

// 5 000 records of which the 4 000th failed (the core's limit per payload):
// the failure is listed first, then as many others as fit, then a count.
TEST(FitDetailsTest, TheRejectedRecordsComeFirstAndTheRestIsCounted) {
  v1::IngestResponse r;
  for (int i = 1; i <= 5000; ++i) {
    *r.add_records() = Outcome(
        "line " + std::to_string(i + 1),
        i == 4000 ? v1::RecordOutcome::RESULT_REJECTED
                  : v1::RecordOutcome::RESULT_NOT_APPLIED,
        i == 4000 ? "nights_stayed" : "", i == 4000 ? "must be 0 to 3660" : "");
  }
  for (int i = 0; i < 50; ++i) {
    *r.add_warnings() = Outcome("line 1", v1::RecordOutcome::RESULT_UNSPECIFIED,
                                "column " + std::to_string(i), "ignored");
  }
  const v1::IngestResponse fitted = FitDetails(r);
  EXPECT_LE(fitted.ByteSizeLong(), kMaxDetailsBytes);
  ASSERT_GT(fitted.records_size(), 2);
  EXPECT_EQ(fitted.records(0).record(), "line 4001");
  EXPECT_EQ(fitted.records(0).result(), v1::RecordOutcome::RESULT_REJECTED);
  EXPECT_EQ(fitted.records(1).record(), "line 2");
  const v1::RecordOutcome& more = fitted.records(fitted.records_size() - 1);
  EXPECT_EQ(more.record(), "payload");
  EXPECT_EQ(more.result(), v1::RecordOutcome::RESULT_NOT_APPLIED);
  const int listed = fitted.records_size() - 1;
  EXPECT_THAT(more.reason(),
              HasSubstr(std::to_string(5000 - listed) +
                        " more record outcomes and 50 more warnings"));
  EXPECT_EQ(fitted.warnings_size(), 0);
}

TEST(FitDetailsTest, LongTextsAreCutAtACharacter) {
  std::string reason;
  for (int i = 0; i < 5000; ++i) reason += "\xC3\xA5";  // å
  v1::IngestResponse r;
  *r.add_records() =
      Outcome(std::string(500, 'r'), v1::RecordOutcome::RESULT_REJECTED,
              std::string(500, 'f'), reason);
  const v1::IngestResponse fitted = FitDetails(r);
  const v1::RecordOutcome& o = fitted.records(0);
  EXPECT_LE(o.record().size(), 80u);
  EXPECT_LE(o.field().size(), 80u);
  EXPECT_LE(o.reason().size(), 300u);
  EXPECT_TRUE(text::IsValidUtf8(o.reason()));
  EXPECT_THAT(o.reason(), ::testing::EndsWith("..."));
}

TEST(RejectedPayloadTest, DetailsAndMessageStaySmall) {
  v1::IngestResponse r;
  for (int i = 0; i < 200; ++i) {
    *r.add_records() = Outcome("form " + std::to_string(i + 1),
                               v1::RecordOutcome::RESULT_REJECTED, "line",
                               std::string(1000, 'x'));
  }
  const absl::Status s = RejectedPayload(absl::StatusCode::kInvalidArgument, r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      std::string(s.message()),
      ::testing::StartsWith("payload rejected, nothing applied: form 1"));
  EXPECT_LE(s.message().size(), 1200u);
  auto details = s.GetPayload(kErrorDetailsPayloadUrl);
  ASSERT_TRUE(details.has_value());
  EXPECT_LE(details->size(), kMaxDetailsBytes);
  v1::IngestResponse parsed;
  ASSERT_TRUE(parsed.ParseFromString(std::string(*details)));
  EXPECT_EQ(parsed.records(0).record(), "form 1");
}

}  // namespace
}  // namespace rosa
