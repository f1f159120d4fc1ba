// A fixture for the tests of the hub's clock on the real store and desks
// (clock_step_test, clock_restart_test): a wall clock and a steady clock the
// test moves, and checks of the rules a clock can break (the event stream
// and the audit log in order, the audit log verifying, a hold's state and
// when it falls due). Header-only; for tests/hub/placement.
#ifndef ROSA_TESTS_HUB_PLACEMENT_CLOCK_FIXTURE_H_
#define ROSA_TESTS_HUB_PLACEMENT_CLOCK_FIXTURE_H_

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/audit_log.h"
#include "hub/common/hub_clock.h"
#include "tests/hub/placement/placement_fixture.h"
#include "tests/testutil/fixed_clock.h"

namespace rosa::testing_placement {

class ClockFixture : public PlacementFixture {
 protected:
  // Time passes: the wall clock and the steady clock move.
  void Pass(absl::Duration d) {
    clock_.Advance(d);
    steady_.Advance(d);
  }
  // The wall clock is set by `d`; no time passes.
  void Step(absl::Duration d) { clock_.Advance(d); }
  void SetWall(absl::CivilSecond utc) {
    clock_.Set(absl::FromCivil(utc, absl::UTCTimeZone()));
  }

  // The stream's cursors go up by one and its recorded times never back.
  void ExpectStreamInOrder(const std::string& partner) {
    const std::vector<v1::Event> events = Events(partner);
    ASSERT_FALSE(events.empty());
    for (size_t i = 1; i < events.size(); ++i) {
      EXPECT_EQ(events[i].cursor(), events[i - 1].cursor() + 1);
      EXPECT_GE(FromProtoTime(events[i].recorded_at()),
                FromProtoTime(events[i - 1].recorded_at()))
          << partner << " cursor " << events[i].cursor();
    }
  }
  // The audit log verifies against a fresh checkpoint and its entries'
  // times never go back.
  void ExpectAuditInOrder() {
    auto keeper = audit::AuditKeeper::Open(dir_.path());
    ASSERT_TRUE(keeper.ok()) << keeper.status();
    absl::Status s =
        db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
          auto entries = audit::ReadAuditEntries(conn, 0, 100000);
          if (!entries.ok()) return entries.status();
          EXPECT_FALSE(entries->empty());
          for (size_t i = 1; i < entries->size(); ++i) {
            EXPECT_GE(FromProtoTime((*entries)[i].at()),
                      FromProtoTime((*entries)[i - 1].at()))
                << "audit entry " << i;
          }
          auto checkpoint = (*keeper)->SignCheckpoint(conn);
          if (!checkpoint.ok()) return checkpoint.status();
          auto verified = (*keeper)->Verify(conn, *checkpoint);
          if (!verified.ok()) return verified.status();
          EXPECT_TRUE(verified->consistent()) << verified->problem();
          EXPECT_EQ(verified->tree_size(), entries->size());
          return absl::OkStatus();
        });
    EXPECT_TRUE(s.ok()) << s;
  }
  // The hold's state as the desk shows it.
  v1::HoldState HoldState(const std::string& referral_id) {
    auto hold = GetHold(referral_id);
    EXPECT_TRUE(hold.ok()) << hold.status();
    return hold.ok() ? hold->state() : v1::HOLD_STATE_UNSPECIFIED;
  }
  // Lets time pass a minute at a time until the hold shows EXPIRED (at most
  // `limit`); returns how much passed, or limit + 1 min if it never did.
  absl::Duration UntilExpired(const std::string& referral_id,
                              absl::Duration limit) {
    absl::Duration passed;
    while (passed <= limit) {
      if (HoldState(referral_id) == v1::HOLD_STATE_EXPIRED) return passed;
      Pass(absl::Minutes(1));
      passed += absl::Minutes(1);
    }
    return passed;
  }

  testutil::FixedClock steady_{absl::UnixEpoch() + absl::Hours(1)};
};

}  // namespace rosa::testing_placement

#endif  // ROSA_TESTS_HUB_PLACEMENT_CLOCK_FIXTURE_H_
