#include "hub/outbox/outbox.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/outbox/event_notifier.h"
#include "hub/store/database.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::Event ReferralEvent(const std::string& referral_id) {
  v1::Event event;
  event.mutable_referral()->set_kind(v1::ReferralEvent::KIND_SUBMITTED);
  event.mutable_referral()->mutable_referral()->set_id(referral_id);
  event.mutable_referral()->mutable_referral()->set_type(
      v1::REFERRAL_TYPE_PLACEMENT);
  return event;
}

std::vector<uint64_t> Cursors(const std::vector<v1::Event>& events) {
  std::vector<uint64_t> cursors;
  for (const auto& e : events) cursors.push_back(e.cursor());
  return cursors;
}

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Database::Options options;
    options.path = DbPath();
    auto db = store::Database::Open(std::move(options));
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }
  void TearDown() override { db_.reset(); }

  std::filesystem::path DbPath() const { return dir_.File("hub.db"); }

  absl::StatusOr<uint64_t> Append(const std::string& partner, absl::Time now,
                                  const std::string& referral_id = "R-1") {
    absl::StatusOr<uint64_t> cursor = absl::UnknownError("not run");
    absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
      cursor = outbox_.Append(txn, partner, ReferralEvent(referral_id), now);
      return cursor.status();
    });
    if (!s.ok()) return s;
    return cursor;
  }

  absl::StatusOr<std::vector<v1::Event>> Read(const std::string& partner,
                                              uint64_t after, int limit = 100) {
    absl::StatusOr<std::vector<v1::Event>> events =
        absl::UnknownError("not run");
    db_->readers()
        .RunAndWait([&](store::Connection& conn) {
          events = Outbox::Read(conn, partner, after, limit);
          return absl::OkStatus();
        })
        .IgnoreError();
    return events;
  }

  uint64_t Last(const std::string& partner) {
    uint64_t last = 999999;
    absl::Status s = db_->readers().RunAndWait([&](store::Connection& conn) {
      auto c = Outbox::LastCursor(conn, partner);
      if (!c.ok()) return c.status();
      last = *c;
      return absl::OkStatus();
    });
    EXPECT_TRUE(s.ok()) << s;
    return last;
  }

  absl::Status Prune(absl::Time before) {
    return db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
      return Outbox::Prune(txn.conn(), before);
    });
  }

  rosa::testutil::TempDir dir_;
  EventNotifier notifier_;
  Outbox outbox_{&notifier_};
  std::unique_ptr<store::Database> db_;
  const absl::Time t0_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01
};

TEST_F(OutboxTest, CursorsStartAtOneAndAreContiguousPerPartner) {
  EXPECT_EQ(Last("ks-oslo"), 0u);
  EXPECT_EQ(*Append("ks-oslo", t0_), 1u);
  EXPECT_EQ(*Append("ks-bergen", t0_), 1u);
  EXPECT_EQ(*Append("ks-oslo", t0_), 2u);
  EXPECT_EQ(*Append("ks-oslo", t0_), 3u);
  EXPECT_EQ(*Append("ks-bergen", t0_), 2u);
  EXPECT_EQ(Last("ks-oslo"), 3u);
  EXPECT_EQ(Last("ks-bergen"), 2u);
  EXPECT_EQ(Last("ks-tromso"), 0u);
}

TEST_F(OutboxTest, ConcurrentAppendsGetContiguousCursors) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 10;
  std::mutex mu;
  std::vector<uint64_t> got_a, got_b;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string partner = (t + i) % 2 ? "a" : "b";
        std::atomic<bool> done{false};
        uint64_t cursor = 0;
        db_->writer().Submit(store::WriteOp{
            [&, partner](store::WriteTxn& txn) {
              auto c = outbox_.Append(txn, partner, ReferralEvent("R"), t0_);
              if (!c.ok()) return c.status();
              cursor = *c;
              return absl::OkStatus();
            },
            [&](absl::Status s) {
              EXPECT_TRUE(s.ok()) << s;
              done.store(true);
              done.notify_all();
            }});
        done.wait(false);
        std::lock_guard<std::mutex> lock(mu);
        (partner == "a" ? got_a : got_b).push_back(cursor);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(got_a.begin(), got_a.end());
  std::sort(got_b.begin(), got_b.end());
  ASSERT_EQ(got_a.size() + got_b.size(), size_t{kThreads * kPerThread});
  for (size_t i = 0; i < got_a.size(); ++i) EXPECT_EQ(got_a[i], i + 1);
  for (size_t i = 0; i < got_b.size(); ++i) EXPECT_EQ(got_b[i], i + 1);
  auto all_a = Read("a", 0);
  ASSERT_TRUE(all_a.ok()) << all_a.status();
  EXPECT_EQ(Cursors(*all_a), got_a);
}

TEST_F(OutboxTest, ReadReturnsEventsAfterCursorInOrderWithLimit) {
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(
        Append("p", t0_ + absl::Seconds(i), "R-" + std::to_string(i)).ok());
  }
  ASSERT_TRUE(Append("other", t0_, "R-other").ok());

  auto first = Read("p", 0, 2);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(Cursors(*first), ElementsAre(1, 2));
  auto middle = Read("p", 2, 2);
  ASSERT_TRUE(middle.ok()) << middle.status();
  EXPECT_THAT(Cursors(*middle), ElementsAre(3, 4));
  auto rest = Read("p", 4, 100);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_THAT(Cursors(*rest), ElementsAre(5));

  auto all = Read("p", 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  for (int i = 0; i < 5; ++i) {
    const v1::Event& e = (*all)[i];
    EXPECT_EQ(e.cursor(), static_cast<uint64_t>(i + 1));
    ASSERT_TRUE(e.has_recorded_at());
    EXPECT_EQ(FromProtoTime(e.recorded_at()), t0_ + absl::Seconds(i + 1));
    EXPECT_EQ(e.referral().referral().id(), "R-" + std::to_string(i + 1));
    EXPECT_EQ(e.referral().kind(), v1::ReferralEvent::KIND_SUBMITTED);
  }
  // Caught up: nothing more, not an error.
  auto caught_up = Read("p", 5);
  ASSERT_TRUE(caught_up.ok()) << caught_up.status();
  EXPECT_THAT(*caught_up, IsEmpty());
  // A partner with no stream yet can watch from 0.
  auto none = Read("nobody", 0);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(OutboxTest, CursorAheadOfStreamIsOutOfRange) {
  ASSERT_TRUE(Append("p", t0_).ok());
  ASSERT_TRUE(Append("p", t0_).ok());
  EXPECT_EQ(Read("p", 3).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Read("p", 1000).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Read("nobody", 1).status().code(), absl::StatusCode::kOutOfRange);
  // Another partner's longer stream does not make the cursor valid.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Append("q", t0_).ok());
  EXPECT_EQ(Read("p", 3).status().code(), absl::StatusCode::kOutOfRange);
}

TEST_F(OutboxTest, PruneMakesOlderCursorsOutOfRangeAndKeepsTheRest) {
  // p: 1..3 old, 4..5 recent. q: all recent. r: all old.
  for (int i = 1; i <= 3; ++i)
    ASSERT_TRUE(Append("p", t0_ + absl::Seconds(i)).ok());
  for (int i = 4; i <= 5; ++i) {
    ASSERT_TRUE(Append("p", t0_ + absl::Seconds(10 + i)).ok());
  }
  ASSERT_TRUE(Append("q", t0_ + absl::Seconds(20)).ok());
  ASSERT_TRUE(Append("r", t0_).ok());
  ASSERT_TRUE(Append("r", t0_ + absl::Seconds(1)).ok());

  ASSERT_TRUE(Prune(t0_ + absl::Seconds(5)).ok());

  for (uint64_t before_pruned : {0, 1, 2}) {
    auto r = Read("p", before_pruned);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange)
        << before_pruned;
  }
  auto from_pruned = Read("p", 3);
  ASSERT_TRUE(from_pruned.ok()) << from_pruned.status();
  EXPECT_THAT(Cursors(*from_pruned), ElementsAre(4, 5));
  EXPECT_EQ(Read("p", 6).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Last("p"), 5u);

  // q had nothing old: untouched.
  auto q = Read("q", 0);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_THAT(Cursors(*q), ElementsAre(1));

  // r lost everything: reading from its last cursor still works.
  EXPECT_EQ(Read("r", 0).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Read("r", 1).status().code(), absl::StatusCode::kOutOfRange);
  auto r_empty = Read("r", 2);
  ASSERT_TRUE(r_empty.ok()) << r_empty.status();
  EXPECT_THAT(*r_empty, IsEmpty());

  // New events continue the numbering.
  EXPECT_EQ(*Append("p", t0_ + absl::Seconds(30)), 6u);
  EXPECT_EQ(*Append("r", t0_ + absl::Seconds(30)), 3u);
  auto p_new = Read("p", 3);
  ASSERT_TRUE(p_new.ok());
  EXPECT_THAT(Cursors(*p_new), ElementsAre(4, 5, 6));
  auto r_new = Read("r", 2);
  ASSERT_TRUE(r_new.ok()) << r_new.status();
  EXPECT_THAT(Cursors(*r_new), ElementsAre(3));

  // Pruning again with the same cut-off changes nothing; an earlier one
  // does not move the pruned point back.
  ASSERT_TRUE(Prune(t0_ + absl::Seconds(5)).ok());
  ASSERT_TRUE(Prune(t0_).ok());
  EXPECT_EQ(Read("p", 2).status().code(), absl::StatusCode::kOutOfRange);
  auto p_again = Read("p", 3);
  ASSERT_TRUE(p_again.ok());
  EXPECT_THAT(Cursors(*p_again), ElementsAre(4, 5, 6));
}

TEST_F(OutboxTest, PruneKeepsEventsRecordedExactlyAtTheCutoff) {
  ASSERT_TRUE(Append("p", t0_).ok());
  ASSERT_TRUE(Append("p", t0_ + absl::Seconds(1)).ok());
  ASSERT_TRUE(Prune(t0_ + absl::Seconds(1)).ok());
  EXPECT_EQ(Read("p", 0).status().code(), absl::StatusCode::kOutOfRange);
  auto kept = Read("p", 1);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_THAT(Cursors(*kept), ElementsAre(2));
}

TEST_F(OutboxTest, RolledBackAppendLeavesNoEventNoGapAndNoWakeUp) {
  std::atomic<int> wakeups{0};
  const uint64_t handle = notifier_.Subscribe("p", [&] { ++wakeups; });
  ASSERT_EQ(*Append("p", t0_), 1u);
  notifier_.WaitIdle();
  EXPECT_EQ(wakeups.load(), 1);

  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto c = outbox_.Append(txn, "p", ReferralEvent("R-x"), t0_);
    if (!c.ok()) return c.status();
    EXPECT_EQ(*c, 2u);
    return absl::FailedPreconditionError("the change itself failed");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  notifier_.WaitIdle();
  EXPECT_EQ(wakeups.load(), 1);
  EXPECT_EQ(Last("p"), 1u);
  auto events = Read("p", 0);
  ASSERT_TRUE(events.ok());
  EXPECT_THAT(Cursors(*events), ElementsAre(1));
  EXPECT_EQ(Read("p", 2).status().code(), absl::StatusCode::kOutOfRange);

  // A rolled-back first append leaves no stream at all.
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto c = outbox_.Append(txn, "fresh", ReferralEvent("R-y"), t0_);
    if (!c.ok()) return c.status();
    return absl::AbortedError("no");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAborted);
  EXPECT_EQ(Last("fresh"), 0u);

  EXPECT_EQ(*Append("p", t0_), 2u);
  EXPECT_EQ(*Append("fresh", t0_), 1u);
  notifier_.WaitIdle();
  EXPECT_EQ(wakeups.load(), 2);
  notifier_.Unsubscribe(handle);
}

TEST_F(OutboxTest, NotifiesThatPartnerAfterCommit) {
  // A connection of its own, used only inside the listener (which runs on
  // the notifier's dispatcher thread after the commit).
  auto observer =
      store::Connection::Open(DbPath(), store::Connection::Mode::kReadOnly);
  ASSERT_TRUE(observer.ok()) << observer.status();
  std::vector<uint64_t> seen_at_wakeup;
  std::atomic<int> other_wakeups{0};
  const uint64_t h1 = notifier_.Subscribe("p", [&] {
    auto last = Outbox::LastCursor(**observer, "p");
    seen_at_wakeup.push_back(last.ok() ? *last : 999999);
  });
  const uint64_t h2 = notifier_.Subscribe("q", [&] { ++other_wakeups; });
  ASSERT_EQ(*Append("p", t0_), 1u);
  notifier_.WaitIdle();
  ASSERT_EQ(*Append("p", t0_), 2u);
  notifier_.WaitIdle();
  // The event is already visible to other connections when the wake-up
  // comes.
  EXPECT_THAT(seen_at_wakeup, ElementsAre(1, 2));
  EXPECT_EQ(other_wakeups.load(), 0);
  notifier_.Unsubscribe(h1);
  notifier_.Unsubscribe(h2);
}

// Read checks the stream's bounds and then reads the events. If a prune
TEST_F(OutboxTest, PruneAfterTheClockSteppedBackWaitsForTheLaterEvents) {
  // 2 was recorded after the clock stepped back: it looks older than 1.
  ASSERT_TRUE(Append("p", t0_ + absl::Seconds(10)).ok());
  ASSERT_TRUE(Append("p", t0_).ok());
  ASSERT_TRUE(Append("p", t0_ + absl::Seconds(20)).ok());
  ASSERT_TRUE(Prune(t0_ + absl::Seconds(5)).ok());
  auto all = Read("p", 0);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_THAT(Cursors(*all), ElementsAre(1, 2, 3));
  ASSERT_TRUE(Prune(t0_ + absl::Seconds(15)).ok());
  EXPECT_EQ(Read("p", 1).status().code(), absl::StatusCode::kOutOfRange);
  auto rest = Read("p", 2);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_THAT(Cursors(*rest), ElementsAre(3));
}

TEST_F(OutboxTest, StoredBodiesLeaveCursorAndTimeToTheirColumns) {
  const absl::Time at = t0_ + absl::Microseconds(1234567);
  ASSERT_TRUE(Append("p", at).ok());
  auto read = Read("p", 0);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].cursor(), 1u);
  EXPECT_EQ(FromProtoTime((*read)[0].recorded_at()), at);
  v1::Event stored;
  ASSERT_TRUE(db_->readers()
                  .RunAndWait([&](store::Connection& conn) -> absl::Status {
                    auto stmt = conn.Prepare("SELECT body FROM events");
                    if (!stmt.ok()) return stmt.status();
                    auto row = (*stmt)->Step();
                    if (!row.ok()) return row.status();
                    stored.ParseFromString((*stmt)->ColumnBlob(0));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(stored.cursor(), 0u);
  EXPECT_FALSE(stored.has_recorded_at());
  EXPECT_EQ(stored.referral().referral().id(), "R-1");
}

TEST_F(OutboxTest, AnEventKeptByReferenceNeedsAReaderThatRebuildsIt) {
  v1::Event event;
  event.mutable_referral()->set_kind(v1::ReferralEvent::KIND_SUBMITTED);
  v1::Referral full;
  full.set_id("R-2026-000001");
  full.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  full.set_version(1);
  *event.mutable_referral()->mutable_referral() = ReferralReference(full);
  EXPECT_TRUE(IsReferralEventByReference(event));
  EXPECT_EQ(event.referral().referral().version(), 1u);
  ASSERT_TRUE(db_->writer()
                  .SubmitAndWait([&](store::WriteTxn& txn) {
                    return outbox_.Append(txn, "p", event, t0_).status();
                  })
                  .ok());
  EXPECT_EQ(Read("p", 0).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// commits in between, the two reads must still agree: the reader gets
// either OUT_OF_RANGE or the events right after its cursor, never a list
// that silently skips pruned events. The prune is injected deterministically
// at the start of the events query through SQLite's statement trace hook.
TEST_F(OutboxTest, PruneCommittingDuringReadNeverYieldsAGap) {
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Append("p", t0_).ok());
  for (int i = 4; i <= 5; ++i) {
    ASSERT_TRUE(Append("p", t0_ + absl::Minutes(1)).ok());
  }
  auto reader =
      store::Connection::Open(DbPath(), store::Connection::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status();

  struct Hook {
    store::Database* db;
    absl::Time before;
    bool fired = false;
    absl::Status prune_status;
  } hook{db_.get(), t0_ + absl::Seconds(30), false, absl::OkStatus()};
  sqlite3_trace_v2(
      (*reader)->raw(), SQLITE_TRACE_STMT,
      [](unsigned, void* ctx, void* p, void*) -> int {
        auto* h = static_cast<Hook*>(ctx);
        const char* text = sqlite3_sql(static_cast<sqlite3_stmt*>(p));
        const std::string sql = text != nullptr ? text : "";
        if (!h->fired &&
            sql.rfind("SELECT body, text_of, cursor, recorded_us FROM events",
                      0) == 0) {
          h->fired = true;
          const absl::Time before = h->before;
          h->prune_status =
              h->db->writer().SubmitAndWait([before](store::WriteTxn& txn) {
                return Outbox::Prune(txn.conn(), before);
              });
        }
        return 0;
      },
      &hook);

  auto events = Outbox::Read(**reader, "p", /*after_cursor=*/1, 100);
  sqlite3_trace_v2((*reader)->raw(), 0, nullptr, nullptr);
  ASSERT_TRUE(hook.fired) << "the events query was not traced";
  ASSERT_TRUE(hook.prune_status.ok()) << hook.prune_status;
  if (events.ok()) {
    // Without a gap, the reply starts right after the cursor.
    EXPECT_THAT(Cursors(*events), ElementsAre(2, 3, 4, 5))
        << "Read skipped events that a concurrent Prune removed, instead of "
           "answering OUT_OF_RANGE";
  } else {
    EXPECT_EQ(events.status().code(), absl::StatusCode::kOutOfRange)
        << events.status();
  }
}

}  // namespace
}  // namespace rosa
