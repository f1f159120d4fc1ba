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

}  // namespace
}  // namespace rosa::store
