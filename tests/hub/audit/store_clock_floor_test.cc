// LatestStoredTime: the latest time the hub stamped in its store (the floor
// of its clock at start), over the audit log and the indexed time columns;
// and the checkpoint mark read on the keeper's clock.
#include "hub/audit/store_clock_floor.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/checkpoint_mark.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::audit {
namespace {

using test_util::kT0;

absl::Time Latest(store::Connection& conn) {
  auto latest = LatestStoredTime(conn);
  EXPECT_TRUE(latest.ok()) << latest.status();
  return latest.ok() ? *latest : absl::InfiniteFuture();
}

void Exec(store::Connection& conn, const std::string& sql) {
  const absl::Status s = conn.Exec(sql);
  EXPECT_TRUE(s.ok()) << s;
}

std::string Us(absl::Time t) { return absl::StrCat(absl::ToUnixMicros(t)); }

TEST(StoreClockFloorTest, AnEmptyStoreHoldsNoTime) {
  testutil::TempDir dir;
  auto conn = test_util::OpenStore(dir.File("hub.db"));
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(Latest(*conn), absl::InfinitePast());
}

TEST(StoreClockFloorTest, TheLatestOfTheAuditLogAndEveryStampedTable) {
  testutil::TempDir dir;
  auto conn = test_util::OpenStore(dir.File("hub.db"));
  ASSERT_NE(conn, nullptr);
  test_util::AppendCommitted(*conn, test_util::MakeEntry(0), kT0);
  test_util::AppendCommitted(*conn, test_util::MakeEntry(1),
                             kT0 + absl::Minutes(1));
  EXPECT_EQ(Latest(*conn), kT0 + absl::Minutes(1));
  // Each table in turn holds the latest time.
  const std::string rows[] = {
      "INSERT INTO events(partner, cursor, recorded_us, body)"
      " VALUES ('rosa', 1, $T, x'')",
      "INSERT INTO referrals(id, sender, recipient, type, state, created_us,"
      " updated_us, body) VALUES ('R-2026-000001', 'rosa', 'ks-oslo', 1, 1,"
      " 0, $T, x'')",
      "INSERT INTO handoffs(id, lawyer, sender, person_id, state, created_us,"
      " updated_us, body) VALUES ('H-1', 'l', 'rosa', 'P-1', 1, 0, $T, x'')",
      "INSERT INTO facility_units(facility_id, unit, partner_id, as_of_us,"
      " recorded_us, body) VALUES ('f', 'u', 'p', 0, $T, x'')",
      "INSERT INTO place_holds(referral_id, facility_id, unit, state,"
      " created_us, expires_us, body) VALUES ('R', 'f', 'u', 1, $T, 0, x'')",
      "INSERT INTO journal_records(id, person_id, kind, occurred_us,"
      " recorded_us, body) VALUES ('J-1', 'P-1', 1, 0, $T, x'')",
  };
  absl::Time t = kT0 + absl::Minutes(1);
  for (const std::string& row : rows) {
    t += absl::Hours(1);
    std::string sql = row;
    sql.replace(sql.find("$T"), 2, Us(t));
    Exec(*conn, sql);
    EXPECT_EQ(Latest(*conn), t) << row;
  }
  // An older row changes nothing; a later audit entry counts again.
  Exec(*conn,
       "INSERT INTO events(partner, cursor, recorded_us, body) VALUES"
       " ('rosa', 2, " +
           Us(kT0) + ", x'')");
  EXPECT_EQ(Latest(*conn), t);
  test_util::AppendCommitted(*conn, test_util::MakeEntry(2),
                             t + absl::Seconds(1));
  EXPECT_EQ(Latest(*conn), t + absl::Seconds(1));
}

TEST(StoreClockFloorTest, TheCheckpointMarkIsOnTheKeepersClock) {
  testutil::TempDir dir;
  auto conn = test_util::OpenStore(dir.File("hub.db"));
  ASSERT_NE(conn, nullptr);
  testutil::FixedClock clock(kT0 - absl::Hours(40));  // Not the wall clock.
  auto keeper = AuditKeeper::Open(dir.path(), &clock);
  ASSERT_TRUE(keeper.ok()) << keeper.status();
  ASSERT_TRUE((*keeper)->SignCheckpoint(*conn).ok());
  auto mark = ReadCheckpointMark(dir.path());
  ASSERT_TRUE(mark.ok()) << mark.status();
  EXPECT_EQ(mark->signed_at, clock.Now());
}

}  // namespace
}  // namespace rosa::audit
