// Each partner's payload budget (IngestDesk::Budget), on the real desks and
// plugins: past its records a partner's payload is RESOURCE_EXHAUSTED with
// nothing applied, other partners keep theirs, and the budget comes back
// with time; past its payloads at once, the next one is refused while the
// others are still being applied. Before, a call was one call whatever it
// carried, and one partner wrote 1.1 million inquiries in 30 s.
#include <future>

#include "tests/hub/exchange/ingest_fixture.h"

namespace rosa {
namespace ingest_test {
namespace {

class IngestBudgetTest : public IngestDeskTest {
 protected:
  // The desk again, with `budget` and the test's clock.
  void Budget(IngestDesk::Budget budget) {
    OpenIngest({.budget = budget, .clock = &clock_});
  }

  // The rows of a CSV sample, its header aside.
  int Rows(const std::string& dir, const std::string& name) {
    std::vector<std::string> lines =
        absl::StrSplit(Payload(dir, name), '\n', absl::SkipWhitespace());
    return static_cast<int>(lines.size()) - 1;
  }
};

TEST_F(IngestBudgetTest, PastItsRecordsAPartnersPayloadAppliesNothing) {
  const int calls = Rows("ks-csv", "good-telefonlogg.csv");
  ASSERT_GT(calls, 1);
  Budget({.records_per_second = 1, .records_burst = calls, .max_in_flight = 4});

  ExpectApplied("ks-csv", "good-telefonlogg.csv");
  const Snapshot before = Take();
  auto refused = IngestSample("ks-csv", "good-plasser-reordered.csv");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(refused.status().message()),
              ::testing::HasSubstr("nothing applied"));
  EXPECT_EQ(Take(), before);
  // Another partner has its own budget.
  ExpectApplied("filemon", "good-capacity.json");
  // Time gives it back (1 record a second).
  clock_.Advance(absl::Seconds(calls));
  ExpectApplied("ks-csv", "good-plasser-reordered.csv");
}

TEST_F(IngestBudgetTest, PastItsPayloadsAtOnceTheNextIsRefused) {
  Budget({.records_per_second = 1000,
          .records_burst = 100000,
          .max_in_flight = 1});
  // The writer held, so the first payload stays in the works.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  db_->writer().Submit(store::WriteOp{[released](store::WriteTxn&) {
                                        released.wait();
                                        return absl::OkStatus();
                                      },
                                      [](absl::Status) {}});
  v1::IngestRequest first;
  first.set_content_type("application/vnd.filemon.v1+json");
  first.set_payload(Payload("filemon", "good-capacity.json"));
  std::promise<absl::StatusOr<v1::IngestResponse>> first_done;
  ingest_->Ingest(P("filemon"), first, absl::InfiniteFuture(),
                  [&](absl::StatusOr<v1::IngestResponse> r) {
                    first_done.set_value(std::move(r));
                  });

  // Refused at once (it would wait behind the held writer if admitted).
  v1::IngestRequest second;
  second.set_content_type("application/vnd.filemon.v1+json");
  second.set_payload(Payload("filemon", "good-left.json"));
  std::promise<absl::StatusOr<v1::IngestResponse>> second_done;
  auto second_answer = second_done.get_future();
  ingest_->Ingest(P("filemon"), second, absl::InfiniteFuture(),
                  [&](absl::StatusOr<v1::IngestResponse> r) {
                    second_done.set_value(std::move(r));
                  });
  const bool answered = second_answer.wait_for(std::chrono::seconds(5)) ==
                        std::future_status::ready;
  EXPECT_TRUE(answered) << "the second payload was admitted";
  // Another partner is not held up by it.
  v1::IngestRequest other;
  other.set_content_type("text/csv; profile=ks-telefonlogg-1");
  other.set_payload(Payload("ks-csv", "good-telefonlogg.csv"));
  std::promise<absl::StatusOr<v1::IngestResponse>> other_done;
  ingest_->Ingest(P("ks-oslo"), other, absl::InfiniteFuture(),
                  [&](absl::StatusOr<v1::IngestResponse> r) {
                    other_done.set_value(std::move(r));
                  });

  release.set_value();
  if (answered) {
    EXPECT_EQ(second_answer.get().status().code(),
              absl::StatusCode::kResourceExhausted);
  } else {
    second_answer.wait();
  }
  EXPECT_TRUE(first_done.get_future().get().ok());
  EXPECT_TRUE(other_done.get_future().get().ok());
  // Its slot is free again (the same payload: applied before, unchanged).
  auto again = IngestSample("filemon", "good-capacity.json");
  EXPECT_TRUE(again.ok()) << again.status();
}

}  // namespace
}  // namespace ingest_test
}  // namespace rosa
