#include "hub/store/id_counter.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/schema_store.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

class IdCounterTest : public testutil::SchemaStoreTest {
 protected:
  std::string Next(const char* counter, char prefix, int year) {
    auto id = AllocateYearlyId(*conn_, counter, prefix, year);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.ok() ? *id : "";
  }
};

TEST_F(IdCounterTest, CountsPerKindAndYear) {
  EXPECT_EQ(Next("inquiry", 'I', 2026), "I-2026-000001");
  EXPECT_EQ(Next("inquiry", 'I', 2026), "I-2026-000002");
  // Another kind has its own sequence.
  EXPECT_EQ(Next("referral", 'R', 2026), "R-2026-000001");
  // A new year starts again at 1; the old year goes on where it was.
  EXPECT_EQ(Next("inquiry", 'I', 2027), "I-2027-000001");
  EXPECT_EQ(Next("inquiry", 'I', 2026), "I-2026-000003");
}

TEST_F(IdCounterTest, RolledBackNumberIsDrawnAgain) {
  ASSERT_TRUE(conn_->Exec("BEGIN").ok());
  EXPECT_EQ(Next("handoff", 'H', 2026), "H-2026-000001");
  ASSERT_TRUE(conn_->Exec("ROLLBACK").ok());
  EXPECT_EQ(Next("handoff", 'H', 2026), "H-2026-000001");
}

TEST_F(IdCounterTest, NumbersPastSixDigitsGrow) {
  ASSERT_TRUE(conn_
                  ->Exec("INSERT INTO id_counters(name, value)"
                         " VALUES ('inquiry-2026', 999999)")
                  .ok());
  EXPECT_EQ(Next("inquiry", 'I', 2026), "I-2026-1000000");
}

TEST_F(IdCounterTest, AYearRunsOutAfterNineDigits) {
  ASSERT_TRUE(conn_
                  ->Exec("INSERT INTO id_counters(name, value)"
                         " VALUES ('referral-2026', 999999998)")
                  .ok());
  EXPECT_EQ(Next("referral", 'R', 2026), "R-2026-999999999");
  auto past = AllocateYearlyId(*conn_, "referral", 'R', 2026);
  EXPECT_EQ(past.status().code(), absl::StatusCode::kResourceExhausted);
}

// After a restore no id handed out since the backup (lost with it) is
// handed out again: every counter jumps by the gap, and so does a kind
// that had no id yet in a year the lost ids may fall in.
TEST_F(IdCounterTest, AfterARestoreEveryCounterStartsPastTheGap) {
  EXPECT_EQ(Next("referral", 'R', 2026), "R-2026-000001");
  EXPECT_EQ(Next("referral", 'R', 2026), "R-2026-000002");
  ASSERT_TRUE(AdvanceYearlyIdsForRestore(*conn_, 2026, 2026).ok());
  EXPECT_EQ(Next("referral", 'R', 2026), "R-2026-100003");
  EXPECT_EQ(Next("handoff", 'H', 2026), "H-2026-100001");
  // A year after the restore starts afresh.
  EXPECT_EQ(Next("inquiry", 'I', 2027), "I-2027-000001");
  // A second restore adds its own gap.
  ASSERT_TRUE(AdvanceYearlyIdsForRestore(*conn_, 2026, 2027).ok());
  EXPECT_EQ(Next("referral", 'R', 2026), "R-2026-200004");
  EXPECT_EQ(Next("journal", 'J', 2026), "J-2026-200001");
  EXPECT_EQ(Next("inquiry", 'I', 2027), "I-2027-100002");
  EXPECT_EQ(Next("handoff", 'H', 2027), "H-2027-100001");
}

TEST_F(IdCounterTest, ARestoreNeverMovesACounterPastTheLastNumber) {
  ASSERT_TRUE(conn_
                  ->Exec("INSERT INTO id_counters(name, value)"
                         " VALUES ('referral-2026', 999950000)")
                  .ok());
  ASSERT_TRUE(AdvanceYearlyIdsForRestore(*conn_, 2026, 2026).ok());
  auto past = AllocateYearlyId(*conn_, "referral", 'R', 2026);
  EXPECT_EQ(past.status().code(), absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace rosa::store
