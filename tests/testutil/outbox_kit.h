// OutboxKit: the base fixture of tests that need an outbox on a real store
// and nothing else (the outbox after a restore, the metrics read from it):
// a database in a temporary directory, an outbox with its notifier, events
// appended at a fixed time, and the restore's step. Header-only.
//
// Example:
//   class BacklogTest : public testutil::OutboxKit {};
//   TEST_F(BacklogTest, ...) { Append("ks-oslo"); Restore(); ... }
//
// Thread-safety: a test fixture, used from the test's thread.
#ifndef ROSA_TESTS_TESTUTIL_OUTBOX_KIT_H_
#define ROSA_TESTS_TESTUTIL_OUTBOX_KIT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/store/database.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::testutil {

class OutboxKit : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Database::Options options;
    options.path = dir_.File("hub.db");
    auto db = store::Database::Open(std::move(options));
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
  }

  // Appends a small event (a consent withdrawal) to `partner`'s stream at
  // t0_; its cursor (0 and a test failure if refused).
  uint64_t Append(const std::string& partner) {
    uint64_t cursor = 0;
    const absl::Status s =
        db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
          hub::v1::Event event;
          event.mutable_consent_withdrawn()->set_person_id("P-AAAAAAAAAA");
          auto appended = outbox_.Append(txn, partner, event, t0_);
          if (appended.ok()) cursor = *appended;
          return appended.status();
        });
    EXPECT_TRUE(s.ok()) << s;
    return cursor;
  }

  // The restore's step, as hub/backup/restore.cc runs it.
  void Restore() {
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([](store::WriteTxn& txn) {
                      return Outbox::AdvanceCursorsForRestore(txn.conn());
                    })
                    .ok());
  }

  TempDir dir_;  // Outlives the store.
  EventNotifier notifier_;
  Outbox outbox_{&notifier_};
  std::unique_ptr<store::Database> db_;
  const absl::Time t0_ = absl::FromUnixSeconds(1767225600);  // 2026-01-01
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_OUTBOX_KIT_H_
