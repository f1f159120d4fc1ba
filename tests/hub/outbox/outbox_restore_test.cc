// Tests for the outbox after a restore of a backup
// (Outbox::AdvanceCursorsForRestore): the events after the backup are lost,
// partners still hold cursors handed out for them, and no such cursor is
// handed out again - for streams the backup holds and for streams begun
// later - so a partner resuming with one receives every new event. The
// outbox without a restore: outbox_test.cc.
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/outbox/outbox.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/outbox_kit.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr uint64_t kGap = kRestoreCursorGap;

class OutboxRestoreTest : public testutil::OutboxKit {
 protected:
  absl::StatusOr<std::vector<uint64_t>> Read(const std::string& partner,
                                             uint64_t after) {
    absl::StatusOr<std::vector<uint64_t>> cursors = std::vector<uint64_t>{};
    const absl::Status s =
        db_->readers().RunAndWait([&](store::Connection& conn) {
          auto events = Outbox::Read(conn, partner, after, 100);
          if (!events.ok()) {
            cursors = events.status();
            return absl::OkStatus();
          }
          cursors->clear();
          for (const v1::Event& e : *events) cursors->push_back(e.cursor());
          return absl::OkStatus();
        });
    EXPECT_TRUE(s.ok()) << s;
    return cursors;
  }

  uint64_t Last(const std::string& partner) {
    uint64_t last = 0;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) {
                      auto c = Outbox::LastCursor(conn, partner);
                      if (c.ok()) last = *c;
                      return c.status();
                    })
                    .ok());
    return last;
  }
};

// ks-oslo had read cursors 1 to 5 when the hub was lost; the backup held
// 1 to 3. After the restore its next event is past every cursor it holds,
// and resuming from any of them delivers it.
TEST_F(OutboxRestoreTest, APartnerResumingWithALostCursorGetsEveryNewEvent) {
  for (int i = 0; i < 3; ++i) Append("ks-oslo");
  Restore();
  EXPECT_EQ(Last("ks-oslo"), 3 + kGap);
  EXPECT_EQ(Append("ks-oslo"), 4 + kGap);
  EXPECT_THAT(*Read("ks-oslo", 5), ElementsAre(4 + kGap));
  EXPECT_THAT(*Read("ks-oslo", 3), ElementsAre(4 + kGap));
  EXPECT_THAT(*Read("ks-oslo", 0), ElementsAre(1, 2, 3, 4 + kGap));
  EXPECT_THAT(*Read("ks-oslo", 4 + kGap), IsEmpty());
  EXPECT_EQ(Read("ks-oslo", 5 + kGap).status().code(),
            absl::StatusCode::kOutOfRange);
}

// filemon's first events came after the backup: its stream is not in the
// restored database, but it may hold cursors 1, 2, ... of the lost events.
TEST_F(OutboxRestoreTest, AStreamBegunAfterTheRestoreStartsPastTheGap) {
  Append("ks-oslo");
  Restore();
  // Before its first new event, resuming from a lost cursor waits.
  EXPECT_EQ(Last("filemon"), kGap);
  EXPECT_THAT(*Read("filemon", 2), IsEmpty());
  EXPECT_EQ(Append("filemon"), 1 + kGap);
  EXPECT_THAT(*Read("filemon", 2), ElementsAre(1 + kGap));
}

TEST_F(OutboxRestoreTest, EveryRestoreAddsItsGap) {
  Append("ks-oslo");
  Restore();
  Append("filemon");
  Restore();
  EXPECT_EQ(Append("ks-oslo"), 2 + 2 * kGap);
  EXPECT_EQ(Append("filemon"), 2 + 2 * kGap);
  EXPECT_EQ(Append("iom"), 1 + 2 * kGap);
}

// Retention walks every stream, never the floor a restore left.
TEST_F(OutboxRestoreTest, PruningLeavesTheFloorAlone) {
  Append("ks-oslo");
  Restore();
  ASSERT_TRUE(db_->writer()
                  .SubmitAndWait([&](store::WriteTxn& txn) {
                    return Outbox::Prune(txn.conn(), t0_ + absl::Hours(1));
                  })
                  .ok());
  EXPECT_EQ(Append("filemon"), 1 + kGap);
  EXPECT_EQ(Append("ks-oslo"), 2 + kGap);
}

// Without a restore, streams start at 1 as they always did.
TEST_F(OutboxRestoreTest, WithoutARestoreStreamsStartAtOne) {
  EXPECT_EQ(Last("filemon"), 0u);
  EXPECT_EQ(Append("filemon"), 1u);
  EXPECT_EQ(Read("filemon", 2).status().code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace rosa
