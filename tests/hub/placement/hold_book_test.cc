// Tests of the hold rows and facility unit rows in SQLite: round trips,
// which holds are live or due, and that a hold's place never moves.
#include "hub/placement/hold_book.h"

#include <functional>
#include <memory>
#include <string>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/common/status_macros.h"
#include "hub/placement/unit_store.h"
#include "hub/store/database.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2026, 11, 29, 10, 0, 0), absl::UTCTimeZone());

HoldRecord Hold(const std::string& referral, const std::string& facility,
                v1::HoldState state, absl::Time expires) {
  HoldRecord h;
  h.hold.set_referral_id(referral);
  h.hold.set_facility_id(facility);
  h.hold.set_unit("Akutt");
  h.hold.set_state(state);
  *h.hold.mutable_created_at() = ToProtoTime(kNow);
  *h.hold.mutable_expires_at() = ToProtoTime(expires);
  return h;
}

class HoldBookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Database::Options options;
    options.path = dir_.File("hub.db");
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }
  absl::Status Write(std::function<absl::Status(store::Connection&)> fn) {
    return db_->writer().SubmitAndWait(
        [&](store::WriteTxn& txn) { return fn(txn.conn()); });
  }
  absl::Status Read(std::function<absl::Status(store::Connection&)> fn) {
    return db_->readers().RunAndWait(std::move(fn));
  }

  testutil::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(HoldBookTest, HoldsRoundTripAndFilter) {
  const absl::Time later = kNow + absl::Hours(2);
  ASSERT_TRUE(Write([&](store::Connection& c) -> absl::Status {
                RETURN_IF_ERROR(InsertHold(
                    c, Hold("R-2026-000001", "a", v1::HOLD_STATE_ACTIVE, later)));
                RETURN_IF_ERROR(InsertHold(
                    c, Hold("R-2026-000002", "b", v1::HOLD_STATE_ACTIVE, kNow)));
                HoldRecord claimed =
                    Hold("R-2026-000003", "a", v1::HOLD_STATE_CLAIMED, kNow);
                claimed.claimed_at = kNow - absl::Minutes(1);
                RETURN_IF_ERROR(InsertHold(c, claimed));
                return InsertHold(c, Hold("R-2026-000004", "a",
                                          v1::HOLD_STATE_RELEASED, later));
              }).ok());
  // One hold per referral.
  EXPECT_FALSE(Write([&](store::Connection& c) {
                 return InsertHold(c, Hold("R-2026-000001", "a",
                                           v1::HOLD_STATE_ACTIVE, later));
               }).ok());

  ASSERT_TRUE(Read([&](store::Connection& c) -> absl::Status {
                auto one = LoadHold(c, "R-2026-000003");
                EXPECT_TRUE(one.ok() && one->has_value());
                EXPECT_EQ((*one)->hold.state(), v1::HOLD_STATE_CLAIMED);
                EXPECT_EQ((*one)->claimed_at, kNow - absl::Minutes(1));
                auto none = LoadHold(c, "R-2026-000009");
                EXPECT_TRUE(none.ok() && !none->has_value());

                auto live_a = LoadLiveHolds(c, "a");
                EXPECT_EQ(live_a->size(), 2u);
                auto live = LoadLiveHolds(c, "");
                EXPECT_EQ(live->size(), 3u);
                auto due = LoadDueHolds(c, kNow);
                EXPECT_EQ(due->size(), 1u);
                EXPECT_EQ(due->front().hold.referral_id(), "R-2026-000002");
                EXPECT_FALSE(due->front().claimed_at.has_value());
                return absl::OkStatus();
              }).ok());
}

TEST_F(HoldBookTest, UpdateKeepsThePlace) {
  HoldRecord h = Hold("R-2026-000001", "a", v1::HOLD_STATE_ACTIVE, kNow);
  ASSERT_TRUE(Write([&](store::Connection& c) { return InsertHold(c, h); }).ok());
  h.hold.set_state(v1::HOLD_STATE_CLAIMED);
  h.claimed_at = kNow;
  ASSERT_TRUE(Write([&](store::Connection& c) { return UpdateHold(c, h); }).ok());
  h.hold.set_unit("Langtid");
  EXPECT_FALSE(
      Write([&](store::Connection& c) { return UpdateHold(c, h); }).ok());
}

TEST_F(HoldBookTest, UnitsReplaceTheirRow) {
  v1::UnitCapacity u;
  u.set_facility_id("a");
  u.set_unit("Akutt");
  u.set_free(2);
  u.set_reported_by("p");
  *u.mutable_as_of() = ToProtoTime(kNow);
  ASSERT_TRUE(Write([&](store::Connection& c) { return PutUnit(c, u, kNow); }).ok());
  u.set_free(1);
  ASSERT_TRUE(Write([&](store::Connection& c) { return PutUnit(c, u, kNow); }).ok());
  v1::UnitCapacity other = u;
  other.set_facility_id("b");
  ASSERT_TRUE(
      Write([&](store::Connection& c) { return PutUnit(c, other, kNow); }).ok());
  ASSERT_TRUE(Read([&](store::Connection& c) -> absl::Status {
                auto a = LoadUnits(c, "a");
                EXPECT_EQ(a->size(), 1u);
                EXPECT_EQ(a->front().free(), 1u);
                EXPECT_EQ(LoadUnits(c, "")->size(), 2u);
                EXPECT_TRUE(LoadUnit(c, "b", "Akutt")->has_value());
                EXPECT_FALSE(LoadUnit(c, "b", "Langtid")->has_value());
                return absl::OkStatus();
              }).ok());
}

}  // namespace
}  // namespace rosa
