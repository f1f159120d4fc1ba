// Tests for hub/server/metrics_queries: a partner's outbox backlog, also
// after a restore, when its cursors have jumped (hub/outbox/outbox.h).
#include "hub/server/metrics_queries.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "hub/outbox/outbox.h"
#include "tests/testutil/outbox_kit.h"

namespace rosa {
namespace {

class OutboxFiguresTest : public testutil::OutboxKit {
 protected:
  OutboxFigures Figures(uint64_t read_through) {
    OutboxFigures figures;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) {
                      auto all = QueryOutboxFigures(
                          conn, {"ks-oslo"}, {{"ks-oslo", read_through}});
                      if (all.ok()) figures = (*all)["ks-oslo"];
                      return all.status();
                    })
                    .ok());
    return figures;
  }
};

TEST_F(OutboxFiguresTest, BacklogIsTheEventsAfterWhatWasRead) {
  for (int i = 0; i < 3; ++i) Append("ks-oslo");
  EXPECT_EQ(Figures(0).backlog, 3u);
  EXPECT_EQ(Figures(1).backlog, 2u);
  EXPECT_EQ(Figures(1).oldest_unread, t0_);
  EXPECT_EQ(Figures(3).backlog, 0u);
  EXPECT_FALSE(Figures(3).oldest_unread.has_value());
}

// After a restore ks-oslo resumes with cursor 5, handed out by the lost
// hub: nothing is unread until the next event, and then one event is, not
// the million cursors of the jump.
TEST_F(OutboxFiguresTest, TheJumpOfARestoreIsNoBacklog) {
  for (int i = 0; i < 3; ++i) Append("ks-oslo");
  Restore();
  EXPECT_EQ(Figures(5).backlog, 0u);
  Append("ks-oslo");
  EXPECT_EQ(Figures(5).backlog, 1u);
  EXPECT_EQ(Figures(3).backlog, 1u);
}

}  // namespace
}  // namespace rosa
