// Tampering with the stored audit log, as someone with the database file
// would: in a copy of the database with the append-only triggers dropped,
// raw SQL changes every byte of every stored entry one at a time, drops,
// reorders and cuts off entries, and VerifyStoredLog must find every one.
// Each change runs in a transaction that is rolled back afterwards, and the
// verifier reads inside it, so every case starts from the same log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hub/audit/audit_keeper.h"
#include "hub/audit/audit_log.h"
#include "hub/audit/merkle.h"
#include "hub/audit/stored_log_verifier.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::audit {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace v1 = rosa::hub::v1;

// 12 entries; one checkpoint at 9 (entries 9-11 came after it) and one at
// 12 (the whole log).
constexpr int kEntries = 12;
constexpr int kEarlySize = 9;

class StoredLogTamperTest : public testing::Test {
 protected:
  void SetUp() override {
    auto original = test_util::OpenStore(dir_.File("hub.db"));
    ASSERT_NE(original, nullptr);
    auto keeper = AuditKeeper::Open(dir_.path());
    ASSERT_TRUE(keeper.ok()) << keeper.status();
    keeper_ = *std::move(keeper);
    test_util::AppendEntries(*original, 0, kEarlySize);
    auto early = keeper_->SignCheckpoint(*original);
    ASSERT_TRUE(early.ok()) << early.status();
    early_ = *early;
    test_util::AppendEntries(*original, kEarlySize, kEntries - kEarlySize);
    auto full = keeper_->SignCheckpoint(*original);
    ASSERT_TRUE(full.ok()) << full.status();
    full_ = *full;

    // The copy that gets tampered with, without the triggers.
    const std::string copy = dir_.File("copy.db").string();
    ASSERT_TRUE(original->Exec(absl::StrCat("VACUUM INTO '", copy, "'")).ok());
    auto conn =
        store::Connection::Open(copy, store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = *std::move(conn);
    ASSERT_TRUE(conn_
                    ->Exec("DROP TRIGGER audit_log_no_update;"
                           " DROP TRIGGER audit_log_no_delete;")
                    .ok());
    auto rows = ReadStoredAuditRows(*conn_);
    ASSERT_TRUE(rows.ok()) << rows.status();
    rows_ = *std::move(rows);
    ASSERT_EQ(rows_.size(), static_cast<size_t>(kEntries));
    ExpectIntact(early_);
    ExpectIntact(full_);
  }

  void Begin() { ASSERT_TRUE(conn_->Exec("BEGIN IMMEDIATE").ok()); }
  void Rollback() { ASSERT_TRUE(conn_->Exec("ROLLBACK").ok()); }

  void Exec(const std::string& sql) {
    const absl::Status s = conn_->Exec(sql);
    ASSERT_TRUE(s.ok()) << s << " in " << sql;
  }

  // Sets one column of row `idx` to `value` (a blob, or text for
  // person_id).
  void SetColumn(int64_t idx, const char* column, const std::string& value,
                 bool text = false) {
    auto stmt = conn_->Prepare(
        absl::StrCat("UPDATE audit_log SET ", column, " = ? WHERE idx = ?"));
    ASSERT_TRUE(stmt.ok()) << stmt.status();
    if (text) {
      (*stmt)->Bind(1, value);
    } else {
      (*stmt)->BindBlob(1, value);
    }
    (*stmt)->Bind(2, idx);
    ASSERT_TRUE((*stmt)->Run().ok());
  }

  // Replaces row `idx` by `entry` re-indexed to `idx`, with a matching leaf
  // hash and person column: a careful forger who knows the format.
  void Forge(int64_t idx, v1::AuditEntry entry) {
    entry.set_index(static_cast<uint64_t>(idx));
    const std::string bytes = SerializeAuditEntry(entry);
    SetColumn(idx, "entry", bytes);
    SetColumn(idx, "leaf_hash", LeafHash(bytes));
    if (entry.person_id().empty()) {
      Exec(absl::StrCat("UPDATE audit_log SET person_id = NULL WHERE idx = ",
                        idx));
    } else {
      SetColumn(idx, "person_id", entry.person_id(), /*text=*/true);
    }
  }

  v1::AuditEntry Parsed(int i) const {
    v1::AuditEntry entry;
    EXPECT_TRUE(entry.ParseFromString(rows_[i].entry));
    return entry;
  }

  void ExpectIntact(const v1::SignedCheckpoint& checkpoint) {
    absl::StatusOr<uint64_t> size =
        VerifyStoredLog(*conn_, checkpoint, keeper_->key());
    EXPECT_TRUE(size.ok()) << size.status();
  }

  // The verifier must report DATA_LOSS, naming no person.
  void ExpectDetected(const v1::SignedCheckpoint& checkpoint,
                      const std::string& what,
                      const std::string& message_part = "") {
    absl::StatusOr<uint64_t> size =
        VerifyStoredLog(*conn_, checkpoint, keeper_->key());
    ASSERT_FALSE(size.ok()) << what << " went unnoticed";
    EXPECT_EQ(size.status().code(), absl::StatusCode::kDataLoss)
        << what << ": " << size.status();
    EXPECT_THAT(std::string(size.status().message()), Not(HasSubstr("P-")));
    if (!message_part.empty()) {
      EXPECT_THAT(std::string(size.status().message()), HasSubstr(message_part))
          << what;
    }
  }

  testutil::TempDir dir_;
  std::unique_ptr<AuditKeeper> keeper_;
  std::unique_ptr<store::Connection> conn_;
  v1::SignedCheckpoint early_;
  v1::SignedCheckpoint full_;
  std::vector<StoredAuditRow> rows_;
};

TEST_F(StoredLogTamperTest, EverySingleByteChangeToAnEntryIsDetected) {
  int cases = 0;
  for (int i = 0; i < kEntries; ++i) {
    const std::string& entry = rows_[i].entry;
    for (size_t byte = 0; byte < entry.size(); ++byte) {
      for (unsigned char delta : {0x01, 0x80, 0xff}) {
        std::string changed = entry;
        changed[byte] = static_cast<char>(changed[byte] ^ delta);
        Begin();
        SetColumn(i, "entry", changed);
        ExpectDetected(early_, absl::StrCat("entry ", i, " byte ", byte));
        ExpectDetected(full_, absl::StrCat("entry ", i, " byte ", byte));
        Rollback();
        ++cases;
      }
    }
  }
  EXPECT_GT(cases, kEntries * 3 * 20);
  ExpectIntact(early_);
}

TEST_F(StoredLogTamperTest, EverySingleByteChangeToAStoredHashIsDetected) {
  for (int i = 0; i < kEntries; ++i) {
    for (size_t byte = 0; byte < kHashSize; ++byte) {
      std::string changed = rows_[i].leaf_hash;
      changed[byte] = static_cast<char>(changed[byte] ^ 0x01);
      Begin();
      SetColumn(i, "leaf_hash", changed);
      ExpectDetected(early_, absl::StrCat("hash ", i, " byte ", byte),
                     "leaf hash");
      Rollback();
    }
  }
}

TEST_F(StoredLogTamperTest, ChangesToThePersonColumnAreDetected) {
  for (int i = 0; i < kEntries; ++i) {
    Begin();
    if (rows_[i].person_id_null) {
      SetColumn(i, "person_id", "P-PERSON1", /*text=*/true);
    } else {
      std::string changed = rows_[i].person_id;
      changed.back() = changed.back() == '9' ? '8' : '9';
      SetColumn(i, "person_id", changed, /*text=*/true);
    }
    ExpectDetected(early_, absl::StrCat("person of ", i), "person column");
    Rollback();
    if (!rows_[i].person_id_null) {
      Begin();
      Exec(absl::StrCat("UPDATE audit_log SET person_id = NULL WHERE idx = ",
                        i));
      ExpectDetected(early_, absl::StrCat("person of ", i, " removed"));
      Rollback();
    }
  }
}

TEST_F(StoredLogTamperTest, ForgedEntriesWithMatchingHashesAreDetected) {
  for (int i = 0; i < kEarlySize; ++i) {
    v1::AuditEntry forged = Parsed(i);
    forged.set_actor("ks-oslo-forged");
    Begin();
    Forge(i, forged);
    ExpectDetected(early_, absl::StrCat("forged ", i), "rewritten");
    Rollback();
  }
}

TEST_F(StoredLogTamperTest, EveryDroppedEntryIsDetected) {
  for (int i = 0; i < kEntries; ++i) {
    Begin();
    Exec(absl::StrCat("DELETE FROM audit_log WHERE idx = ", i));
    ExpectDetected(full_, absl::StrCat("dropped ", i));
    Rollback();
  }
  // Dropped and the rest renumbered and re-hashed to close the gap.
  for (int i = 0; i < kEntries; ++i) {
    Begin();
    Exec(absl::StrCat("DELETE FROM audit_log WHERE idx = ", i));
    for (int j = i + 1; j < kEntries; ++j) {
      Exec(absl::StrCat("UPDATE audit_log SET idx = ", j - 1,
                        " WHERE idx = ", j));
      Forge(j - 1, Parsed(j));
    }
    ExpectDetected(full_, absl::StrCat("dropped and renumbered ", i));
    Rollback();
  }
}

TEST_F(StoredLogTamperTest, EveryReorderingIsDetected) {
  for (int i = 0; i < kEntries; ++i) {
    for (int j = i + 1; j < kEntries; ++j) {
      // Rows swapped as they are.
      Begin();
      for (const auto& [to, from] : {std::pair{i, j}, std::pair{j, i}}) {
        SetColumn(to, "entry", rows_[from].entry);
        SetColumn(to, "leaf_hash", rows_[from].leaf_hash);
        if (rows_[from].person_id_null) {
          Exec(
              absl::StrCat("UPDATE audit_log SET person_id = NULL WHERE "
                           "idx = ",
                           to));
        } else {
          SetColumn(to, "person_id", rows_[from].person_id, /*text=*/true);
        }
      }
      ExpectDetected(full_, absl::StrCat("swapped ", i, " ", j), "reordered");
      Rollback();
      // Swapped and re-indexed so that each row looks right on its own.
      Begin();
      Forge(i, Parsed(j));
      Forge(j, Parsed(i));
      ExpectDetected(full_, absl::StrCat("swapped, re-indexed ", i, " ", j));
      if (j < kEarlySize) {
        ExpectDetected(early_, absl::StrCat("swapped early ", i, " ", j));
      }
      Rollback();
    }
  }
}

TEST_F(StoredLogTamperTest, TruncationBelowACheckpointIsDetected) {
  for (int keep = 0; keep < kEntries; ++keep) {
    Begin();
    Exec(absl::StrCat("DELETE FROM audit_log WHERE idx >= ", keep));
    ExpectDetected(full_, absl::StrCat("cut to ", keep), "truncated");
    if (keep < kEarlySize) {
      ExpectDetected(early_, absl::StrCat("cut to ", keep), "truncated");
    } else {
      // What came after the early checkpoint is not covered by it.
      ExpectIntact(early_);
    }
    Rollback();
  }
}

TEST_F(StoredLogTamperTest, InsertedEntriesAreDetected) {
  for (int i = 0; i < kEarlySize; ++i) {
    Begin();
    // Shift everything from i up by one (from the top, to keep idx unique),
    // then forge a new entry i; each row on its own looks right.
    for (int j = kEntries - 1; j >= i; --j) {
      Exec(absl::StrCat("UPDATE audit_log SET idx = ", j + 1,
                        " WHERE idx = ", j));
      Forge(j + 1, Parsed(j));
    }
    Exec(absl::StrCat("INSERT INTO audit_log (idx, leaf_hash, entry) VALUES (",
                      i, ", x'00', x'00')"));
    Forge(i, test_util::MakeEntry(40 + i));
    ExpectDetected(early_, absl::StrCat("inserted at ", i), "rewritten");
    Rollback();
  }
}

}  // namespace
}  // namespace rosa::audit
