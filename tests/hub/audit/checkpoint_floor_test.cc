// The floor of the audit log (audit_keeper.h, checkpoint_mark.h): on a
// real store with the hub's schema, a log that lost what the hub last
// signed is refused at start (CheckLog) and not signed, whether its last
// entry was removed or an entry was hidden as the outside reviewer did
// (/work/exp/s29/review-crypto/hide_read.py: the row deleted, the later
// ones renumbered with their index rewritten and leaf hash recomputed); an
// intact log signs and starts as before; the record's older two-field
// form still reads.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/audit_log.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/audit/merkle.h"
#include "hub/audit/stored_log_verifier.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/schema_store.h"

namespace rosa::audit {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace v1 = rosa::hub::v1;

// As in the review: an external checkpoint at 18, the hub's last at 29,
// entry 23 hidden.
constexpr int kExternal = 18;
constexpr int kSigned = 29;
constexpr int64_t kHidden = 23;

std::string ReadText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

class CheckpointFloorTest : public testutil::SchemaStoreTest {
 protected:
  void SetUp() override {
    SchemaStoreTest::SetUp();
    keeper_ = Open();
    ASSERT_NE(keeper_, nullptr);
    test_util::AppendEntries(*conn_, 0, kExternal);
    auto external = keeper_->SignCheckpoint(*conn_);
    ASSERT_TRUE(external.ok()) << external.status();
    external_ = *std::move(external);
    test_util::AppendEntries(*conn_, kExternal, kSigned - kExternal);
    auto last = keeper_->SignCheckpoint(*conn_);
    ASSERT_TRUE(last.ok()) << last.status();
    last_ = *std::move(last);
    ASSERT_EQ(last_.tree_size(), static_cast<uint64_t>(kSigned));
    signed_mark_ = MarkText();
  }

  // A keeper as the hub opens it at start.
  std::unique_ptr<AuditKeeper> Open() {
    auto keeper = AuditKeeper::Open(dir_.path());
    EXPECT_TRUE(keeper.ok()) << keeper.status();
    return keeper.ok() ? *std::move(keeper) : nullptr;
  }

  std::string MarkText() const {
    return ReadText(CheckpointMarkPath(dir_.path()));
  }

  void Exec(const std::string& sql) {
    const absl::Status s = conn_->Exec(sql);
    ASSERT_TRUE(s.ok()) << s << " in " << sql;
  }

  // Someone with write access to the database file.
  void DropTriggers() {
    Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
  }

  void RemoveLast() {
    DropTriggers();
    Exec(absl::StrCat("DELETE FROM audit_log WHERE idx = ", kSigned - 1));
  }

  // hide_read.py: deletes entries from `victim` on and puts back every
  // later one a place earlier, its index rewritten and its leaf hash
  // recomputed, so that each row checks out on its own.
  void Hide(int64_t victim) {
    DropTriggers();
    auto rows = ReadStoredAuditRows(*conn_);
    ASSERT_TRUE(rows.ok()) << rows.status();
    Exec(absl::StrCat("DELETE FROM audit_log WHERE idx >= ", victim));
    for (const StoredAuditRow& row : *rows) {
      if (row.idx <= victim) continue;
      v1::AuditEntry entry;
      ASSERT_TRUE(entry.ParseFromString(row.entry));
      entry.set_index(static_cast<uint64_t>(row.idx - 1));
      const std::string bytes = SerializeAuditEntry(entry);
      auto stmt = conn_->Prepare(
          "INSERT INTO audit_log(idx, person_id, leaf_hash, entry)"
          " VALUES (?, ?, ?, ?)");
      ASSERT_TRUE(stmt.ok()) << stmt.status();
      (*stmt)->Bind(1, row.idx - 1);
      if (row.person_id_null) {
        (*stmt)->BindNull(2);
      } else {
        (*stmt)->Bind(2, row.person_id);
      }
      (*stmt)->BindBlob(3, LeafHash(bytes));
      (*stmt)->BindBlob(4, bytes);
      ASSERT_TRUE((*stmt)->Run().ok());
    }
  }

  // Refused with the sizes named and nothing of any entry.
  static void ExpectRefused(const absl::Status& status, int size) {
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_THAT(status.message(), HasSubstr(absl::StrCat(size)));
    EXPECT_THAT(status.message(), HasSubstr(absl::StrCat(kSigned)));
    EXPECT_THAT(status.message(), Not(HasSubstr("R-2026")));
    EXPECT_THAT(status.message(), Not(HasSubstr("P-PERSON")));
    EXPECT_THAT(status.message(), Not(HasSubstr("person.read")));
  }

  // Neither the running keeper nor one opened at a restart signs, and
  // the record of the last checkpoint stays as it was.
  void ExpectNotSigned(int size) {
    ExpectRefused(keeper_->SignCheckpoint(*conn_).status(), size);
    ExpectRefused(Open()->SignCheckpoint(*conn_).status(), size);
    EXPECT_EQ(MarkText(), signed_mark_);
  }

  std::unique_ptr<AuditKeeper> keeper_;
  v1::SignedCheckpoint external_;
  v1::SignedCheckpoint last_;
  std::string signed_mark_;
};

TEST_F(CheckpointFloorTest, AnIntactLogSignsAndStartsAsBefore) {
  EXPECT_TRUE(Open()->CheckLog(*conn_).ok());
  test_util::AppendEntries(*conn_, kSigned, 3);
  EXPECT_TRUE(Open()->CheckLog(*conn_).ok());
  auto again = keeper_->SignCheckpoint(*conn_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->tree_size(), static_cast<uint64_t>(kSigned + 3));
  // Of the same size, twice, from a keeper opened since.
  auto same = Open()->SignCheckpoint(*conn_);
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(same->root_hash(), again->root_hash());
  auto mark = ReadCheckpointMark(dir_.path());
  ASSERT_TRUE(mark.ok()) << mark.status();
  EXPECT_EQ(mark->tree_size, static_cast<uint64_t>(kSigned + 3));
  EXPECT_EQ(mark->root_hash, again->root_hash());
  EXPECT_TRUE(VerifyStoredLog(*conn_, last_, keeper_->key()).ok());
}

TEST_F(CheckpointFloorTest, ALogWithItsLastEntryRemovedIsNotSigned) {
  RemoveLast();
  ExpectNotSigned(kSigned - 1);
}

TEST_F(CheckpointFloorTest, ALogWithItsLastEntryRemovedIsRefusedAtStart) {
  RemoveLast();
  ExpectRefused(Open()->CheckLog(*conn_), kSigned - 1);
}

TEST_F(CheckpointFloorTest, AnEntryHiddenAndTheRestRenumberedIsNotSigned) {
  Hide(kHidden);
  // What the reviewer saw: the older external checkpoint verifies.
  auto external = VerifyStoredLog(*conn_, external_, keeper_->key());
  ASSERT_TRUE(external.ok()) << external.status();
  EXPECT_EQ(*external, static_cast<uint64_t>(kSigned - 1));
  ExpectNotSigned(kSigned - 1);
}

TEST_F(CheckpointFloorTest, AnEntryHiddenAndTheRestRenumberedIsRefusedAtStart) {
  Hide(kHidden);
  ExpectRefused(Open()->CheckLog(*conn_), kSigned - 1);
}

TEST_F(CheckpointFloorTest, AHiddenEntryMadeUpForIsRefusedByTheRoot) {
  Hide(kHidden);
  test_util::AppendEntries(*conn_, 100, 1);  // Back to 29 entries.
  ExpectRefused(Open()->CheckLog(*conn_), kSigned);
  ExpectNotSigned(kSigned);
}

TEST_F(CheckpointFloorTest, EverythingAfterTheExternalCheckpointRemoved) {
  DropTriggers();
  Exec(absl::StrCat("DELETE FROM audit_log WHERE idx >= ", kExternal));
  EXPECT_TRUE(VerifyStoredLog(*conn_, external_, keeper_->key()).ok());
  ExpectRefused(Open()->CheckLog(*conn_), kExternal);
  ExpectNotSigned(kExternal);
}

TEST_F(CheckpointFloorTest, ARecordRolledBackWhileRunningDoesNotLowerIt) {
  RemoveLast();
  auto hashes = AuditLeafHashes(*conn_, kSigned - 1);
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  // The record rewritten to fit the shorter log: a restart would accept
  // it (local evidence only), the running keeper does not.
  ASSERT_TRUE(WriteCheckpointMark(dir_.path(), {.signed_at = test_util::kT0,
                                                .tree_size = kSigned - 1,
                                                .root_hash = RootHash(*hashes)})
                  .ok());
  ExpectRefused(keeper_->SignCheckpoint(*conn_).status(), kSigned - 1);
  ExpectRefused(keeper_->CheckLog(*conn_), kSigned - 1);
}

TEST_F(CheckpointFloorTest, TheOlderTwoFieldRecordStillReads) {
  WriteText(CheckpointMarkPath(dir_.path()), "1796698720 29\n");
  auto mark = ReadCheckpointMark(dir_.path());
  ASSERT_TRUE(mark.ok()) << mark.status();
  EXPECT_EQ(mark->signed_at, absl::FromUnixSeconds(1796698720));
  EXPECT_EQ(mark->tree_size, 29u);
  EXPECT_TRUE(mark->root_hash.empty());
  std::unique_ptr<AuditKeeper> keeper = Open();
  ASSERT_NE(keeper, nullptr);
  EXPECT_TRUE(keeper->CheckLog(*conn_).ok());
  // Signing replaces it with the form that holds the root.
  auto signed_now = keeper->SignCheckpoint(*conn_);
  ASSERT_TRUE(signed_now.ok()) << signed_now.status();
  mark = ReadCheckpointMark(dir_.path());
  ASSERT_TRUE(mark.ok()) << mark.status();
  EXPECT_EQ(mark->root_hash, signed_now->root_hash());
}

TEST_F(CheckpointFloorTest, TheOlderTwoFieldRecordBoundsTheSize) {
  WriteText(CheckpointMarkPath(dir_.path()), "1796698720 29\n");
  RemoveLast();
  ExpectRefused(Open()->CheckLog(*conn_), kSigned - 1);
  ExpectRefused(Open()->SignCheckpoint(*conn_).status(), kSigned - 1);
}

TEST_F(CheckpointFloorTest, ARecordThatDoesNotParseIsRefused) {
  WriteText(CheckpointMarkPath(dir_.path()), "1796698720 29 not-a-root\n");
  auto keeper = AuditKeeper::Open(dir_.path());
  EXPECT_EQ(keeper.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(keeper.status().message(), HasSubstr("audit-checkpoint.last"));
  const absl::Status sign = keeper_->SignCheckpoint(*conn_).status();
  EXPECT_EQ(sign.code(), absl::StatusCode::kFailedPrecondition) << sign;
  EXPECT_THAT(MarkText(), HasSubstr("not-a-root"));
}

TEST_F(CheckpointFloorTest, VerifyHoldsTheLogToTheRecord) {
  auto mark = ReadCheckpointMark(dir_.path());
  ASSERT_TRUE(mark.ok()) << mark.status();
  auto intact = VerifyStoredLogKeepsMark(*conn_, *mark);
  ASSERT_TRUE(intact.ok()) << intact.status();
  EXPECT_EQ(*intact, static_cast<uint64_t>(kSigned));
  Hide(kHidden);
  ExpectRefused(VerifyStoredLogKeepsMark(*conn_, *mark).status(), kSigned - 1);
}

}  // namespace
}  // namespace rosa::audit
