// The clock's floor at start (LatestStoredTime): the clock mark, raised in
// every commit to the latest time the desks' clock gave (ClockMarkHook), and
// the last audit entry; the mark of a database from before it (migration
// 10, from the time indexes it then drops); and the checkpoint mark read on
// the keeper's clock.
#include "hub/audit/store_clock_floor.h"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/common/status_macros.h"
#include "hub/store/schema.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/older_schema.h"
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

void Raise(store::Connection& conn, absl::Time t) {
  Exec(conn, "BEGIN IMMEDIATE");
  const absl::Status s = RaiseClockMark(conn, t);
  EXPECT_TRUE(s.ok()) << s;
  Exec(conn, "COMMIT");
}

TEST(StoreClockFloorTest, AnEmptyStoreHoldsNoTime) {
  testutil::TempDir dir;
  auto conn = test_util::OpenStore(dir.File("hub.db"));
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(Latest(*conn), absl::InfinitePast());
}

TEST(StoreClockFloorTest, TheLaterOfTheMarkAndTheLastAuditEntry) {
  testutil::TempDir dir;
  auto conn = test_util::OpenStore(dir.File("hub.db"));
  ASSERT_NE(conn, nullptr);
  test_util::AppendCommitted(*conn, test_util::MakeEntry(0), kT0);
  EXPECT_EQ(Latest(*conn), kT0);
  Raise(*conn, kT0 + absl::Hours(1));
  EXPECT_EQ(Latest(*conn), kT0 + absl::Hours(1));
  // The mark is only ever raised.
  Raise(*conn, kT0 + absl::Minutes(1));
  EXPECT_EQ(Latest(*conn), kT0 + absl::Hours(1));
  test_util::AppendCommitted(*conn, test_util::MakeEntry(1),
                             kT0 + absl::Hours(2));
  EXPECT_EQ(Latest(*conn), kT0 + absl::Hours(2));
}

// A store opened as the hub opens it: its desks stamp with `clock_`, a
// HubClock on a wall clock the test sets, and every commit raises the mark
// (ClockMarkHook), optionally wrapped by `wrap_`.
class StoreClockMarkTest : public ::testing::Test {
 protected:
  void Open(absl::Time wall) {
    wall_.Set(wall);
    clock_ = std::make_unique<HubClock>(&wall_, &steady_);
    store::Database::Options options;
    options.path = dir_.File("rosa-hub.db");
    options.before_commit = ClockMarkHook(clock_.get());
    if (wrap_) options.before_commit = wrap_(options.before_commit);
    auto db = store::Database::Open(std::move(options));
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }
  // The hub restarts with its wall clock at `wall`; returns the floor.
  absl::Time Restart(absl::Time wall) {
    db_.reset();
    wrap_ = nullptr;
    Open(wall);
    auto floor = RaiseClockToStore(*db_, *clock_);
    EXPECT_TRUE(floor.ok()) << floor.status();
    return floor.ok() ? *floor : absl::InfinitePast();
  }
  // An operation that stamps the hub's time into a row made by `sql` ($T:
  // the time), after the wall clock moved by `step`.
  std::function<absl::Status(store::WriteTxn&)> Stamp(std::string sql,
                                                      absl::Duration step) {
    return [this, sql, step](store::WriteTxn& txn) {
      wall_.Advance(step);
      std::string row = sql;
      row.replace(row.find("$T"), 2, Us(clock_->Now()));
      return txn.conn().Exec(row);
    };
  }
  // Submits the operations as one batch: they queue behind one that holds
  // the writer thread. Returns each one's outcome.
  std::vector<absl::Status> SubmitAsOneBatch(
      std::vector<std::function<absl::Status(store::WriteTxn&)>> ops) {
    absl::Notification holding, release;
    db_->writer().Submit(store::WriteOp{[&](store::WriteTxn&) {
                                          holding.Notify();
                                          release.WaitForNotification();
                                          return absl::OkStatus();
                                        },
                                        [](absl::Status) {}});
    holding.WaitForNotification();
    std::vector<absl::Status> results(ops.size());
    std::vector<std::unique_ptr<absl::Notification>> done;
    for (size_t i = 0; i < ops.size(); ++i) {
      done.push_back(std::make_unique<absl::Notification>());
      db_->writer().Submit(store::WriteOp{std::move(ops[i]),
                                          [&results, &done, i](absl::Status s) {
                                            results[i] = std::move(s);
                                            done[i]->Notify();
                                          }});
    }
    const uint64_t commits = db_->writer().commit_count();
    release.Notify();
    for (auto& d : done) d->WaitForNotification();
    batch_commits_ = db_->writer().commit_count() - commits;
    return results;
  }

  testutil::TempDir dir_;
  testutil::FixedClock wall_{kT0};
  testutil::FixedClock steady_{absl::UnixEpoch() + absl::Hours(1)};
  std::unique_ptr<HubClock> clock_;
  std::function<std::function<absl::Status(store::Connection&)>(
      std::function<absl::Status(store::Connection&)>)>
      wrap_;
  std::unique_ptr<store::Database> db_;
  uint64_t batch_commits_ = 0;
};

// Rows in tables the floor never read before the mark, too: every time the
// clock gave before a commit counts, wherever it is stored.
constexpr char kEvent[] =
    "INSERT INTO events(partner, cursor, recorded_us, body)"
    " VALUES ('rosa', 1, $T, x'')";
constexpr char kInquiry[] =
    "INSERT INTO inquiries(id, recorded_by, occurred_us, body)"
    " VALUES ('I-1', 'rosa', $T, x'')";
constexpr char kAlert[] =
    "INSERT INTO child_welfare_alerts(at_us, reported_by, subject)"
    " VALUES ($T, 'rosa', 's')";

TEST_F(StoreClockMarkTest, ARestartStartsAtTheLatestTimeAGroupStored) {
  Open(kT0);
  // The blocker (the first batch), then one group of three, each stamping
  // later than the one before: the last one's time is the latest.
  const std::vector<absl::Status> results = SubmitAsOneBatch(
      {Stamp(kEvent, absl::Minutes(1)), Stamp(kInquiry, absl::Minutes(2)),
       Stamp(kAlert, absl::Minutes(3))});
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(batch_commits_, 2u);
  const absl::Time latest = kT0 + absl::Minutes(6);
  // The wall clock is 3 h behind at the restart.
  EXPECT_EQ(Restart(latest - absl::Hours(3)), latest);
  EXPECT_GE(clock_->Now(), latest);
}

TEST_F(StoreClockMarkTest, AGroupThatDoesNotCommitDoesNotRaiseTheMark) {
  Open(kT0);
  ASSERT_TRUE(
      db_->writer().SubmitAndWait(Stamp(kEvent, absl::Minutes(1))).ok());
  // A group whose only command fails: nothing of it is stored.
  EXPECT_FALSE(db_->writer()
                   .SubmitAndWait([&](store::WriteTxn& txn) {
                     RETURN_IF_ERROR(Stamp(kInquiry, absl::Hours(1))(txn));
                     return absl::AbortedError("refused");
                   })
                   .ok());
  EXPECT_EQ(Restart(kT0), kT0 + absl::Minutes(1));
  // The mark is written inside the group's transaction: a group rolled
  // back after it (here: a failure just after the hook wrote the mark, as
  // a failed COMMIT would be) takes it back with the rest.
  wrap_ = [](std::function<absl::Status(store::Connection&)> mark) {
    return [mark](store::Connection& conn) -> absl::Status {
      RETURN_IF_ERROR(mark(conn));
      return absl::UnavailableError("the commit failed");
    };
  };
  db_.reset();
  Open(kT0 + absl::Minutes(1));
  EXPECT_FALSE(db_->writer().SubmitAndWait(Stamp(kAlert, absl::Hours(2))).ok());
  EXPECT_EQ(Restart(kT0), kT0 + absl::Minutes(1));
}

TEST(StoreClockFloorTest, ASchema9StoreKeepsTheLatestTimeItsTablesHeld) {
  testutil::TempDir dir;
  {
    auto conn = test_util::OpenStore(dir.File("hub.db"));
    ASSERT_NE(conn, nullptr);
    ASSERT_TRUE(testutil::BackToSchema9(*conn).ok());
    // Rows as a hub before the mark stored them; a place hold has the
    // latest time, an event the earliest.
    const std::string rows[] = {
        "INSERT INTO events(partner, cursor, recorded_us, body)"
        " VALUES ('rosa', 1, $T, x'')",
        "INSERT INTO referrals(id, sender, recipient, type, state,"
        " created_us, updated_us, body) VALUES ('R-2026-000001', 'rosa',"
        " 'ks-oslo', 1, 1, 0, $T, x'')",
        "INSERT INTO handoffs(id, lawyer, sender, person_id, state,"
        " created_us, updated_us, body) VALUES ('H-1', 'l', 'rosa', 'P-1', 1,"
        " 0, $T, x'')",
        "INSERT INTO facility_units(facility_id, unit, partner_id, as_of_us,"
        " recorded_us, body) VALUES ('f', 'u', 'p', 0, $T, x'')",
        "INSERT INTO journal_records(id, person_id, kind, occurred_us,"
        " recorded_us, body) VALUES ('J-1', 'P-1', 1, 0, $T, x'')",
        "INSERT INTO place_holds(referral_id, facility_id, unit, state,"
        " created_us, expires_us, body) VALUES ('R', 'f', 'u', 1, $T, 0,"
        " x'')",
    };
    absl::Time t = kT0;
    for (const std::string& row : rows) {
      t += absl::Hours(1);
      std::string sql = row;
      sql.replace(sql.find("$T"), 2, Us(t));
      Exec(*conn, sql);
    }
    test_util::AppendCommitted(*conn, test_util::MakeEntry(0), kT0);
  }
  auto conn = test_util::OpenStore(dir.File("hub.db"));  // Migrates.
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(Latest(*conn), kT0 + absl::Hours(6));
  auto stmt = conn->Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE name IN ('events_by_time',"
      " 'referrals_by_update', 'handoffs_by_update', 'facility_units_by_time',"
      " 'place_holds_by_creation', 'journal_by_time')");
  ASSERT_TRUE(stmt.ok()) << stmt.status();
  ASSERT_TRUE(*(*stmt)->Step());
  EXPECT_EQ((*stmt)->ColumnInt(0), 0) << "the time indexes are gone";
}

TEST(StoreClockFloorTest, AnEmptySchema9StoreHoldsNoTime) {
  testutil::TempDir dir;
  {
    auto conn = test_util::OpenStore(dir.File("hub.db"));
    ASSERT_NE(conn, nullptr);
    ASSERT_TRUE(testutil::BackToSchema9(*conn).ok());
  }
  auto conn = test_util::OpenStore(dir.File("hub.db"));
  ASSERT_NE(conn, nullptr);
  EXPECT_EQ(Latest(*conn), absl::InfinitePast());
  Raise(*conn, kT0);
  EXPECT_EQ(Latest(*conn), kT0);
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
