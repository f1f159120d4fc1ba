// Tests for hub/backup/restore on a real store: a restore checks digests,
// the audit log and its length against the manifest with the hub's own
// key, never overwrites, and cleans up after a refusal.
#include "hub/backup/restore.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/time_util.h"
#include "hub/crypto/key_file.h"
#include "hub/person/key_rewrap.h"
#include "hub/person/key_rotation.h"
#include "hub/store/schema.h"
#include "tests/hub/backup/backup_fixture.h"
#include "tests/testutil/wrapped_key.h"

namespace rosa::backup {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using RestoreTest = BackupFixture;

TEST_F(RestoreTest, RestoresIntoADirectoryHoldingOnlyKeys) {
  TakeBackupNow();
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(fs::exists(store::DatabasePath(target)));
  EXPECT_TRUE(fs::exists(target / "pki" / "ca.pem"));
  EXPECT_EQ(fs::status(target).permissions() & fs::perms::all,
            fs::perms::owner_all);
}

// The keys' lock, as a hub holds it while it serves (and a key rotation
// while it runs): before, a restore went ahead beside a hub started on the
// same directory.
TEST_F(RestoreTest, RefusesWhileAHubHoldsTheKeysLock) {
  TakeBackupNow();
  const fs::path target = TargetWithKeys("restored");
  {
    auto held = KeysLock::Acquire(target / "keys");
    ASSERT_TRUE(held.ok()) << held.status();
    auto refused = RestoreInto(target);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(refused.status().message(), HasSubstr("kek.lock"));
    EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
  }
  EXPECT_TRUE(RestoreInto(target).ok());
}

TEST_F(RestoreTest, RefusesAShortenedLogEvenWhenDigestsAreResealed) {
  TakeBackupNow();
  {
    auto conn = store::Connection::Open(store::DatabasePath(backup()),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Exec("DROP TRIGGER audit_log_no_delete;"
                           " DELETE FROM audit_log WHERE idx = 6;"
                           " PRAGMA wal_checkpoint(TRUNCATE);")
                    .ok());
  }
  // Even with the manifest signed again by the hub's own key.
  ResealDigests(/*resign=*/true);

  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("audit log"));
  EXPECT_THAT(Names(target), ::testing::Contains("keys"));
  EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
  EXPECT_FALSE(fs::exists(target / "pki"));
}

// Someone who can write to the backup storage, but does not hold the hub's
// audit key, changes the database (a console user of their own) and
// recomputes its digest in the manifest.
TEST_F(RestoreTest, RefusesAnAlteredDatabaseWhoseDigestIsResealed) {
  TakeBackupNow();
  {
    auto conn = store::Connection::Open(store::DatabasePath(backup()),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Exec("INSERT INTO console_users(partner, name, state,"
                           " enrol_expires_us, password_hash, totp_last_step,"
                           " failed_logins, locked_until_us, created_us)"
                           " VALUES ('rosa', 'intruder', 1, 0, 'x', 0, 0, 0,"
                           " 0); PRAGMA wal_checkpoint(TRUNCATE);")
                    .ok());
  }
  ResealDigests();
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("signature"));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));
}

// The same for pki/: a CA of one's own added to ca.pem, or a list dropped
// from the backup and from the manifest.
TEST_F(RestoreTest, RefusesAnAlteredOrDroppedPkiFileWhoseEntryIsResealed) {
  TakeBackupNow();
  Write(backup() / "pki" / "ca.pem", "certificate\nanother CA");
  ResealDigests();
  const fs::path target = TargetWithKeys("restored");
  auto altered = RestoreInto(target);
  EXPECT_EQ(altered.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(altered.status().message()), HasSubstr("signature"));

  fs::remove(backup() / "pki" / "ca.pem");
  RewriteManifest([](BackupManifest& manifest) {
    std::erase_if(manifest.files, [](const BackupFile& file) {
      return file.path == "pki/ca.pem";
    });
  });
  auto dropped = RestoreInto(target);
  EXPECT_EQ(dropped.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(dropped.status().message()), HasSubstr("signature"));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));
}

// A database whose schema version is not the one its manifest signed.
TEST_F(RestoreTest, RefusesADatabaseOfAnotherSchemaVersionThanItsManifest) {
  TakeBackupNow();
  const int current = store::CurrentSchemaVersion();
  SetBackupSchemaVersion(current - 1);
  ResealDigests(/*resign=*/true);
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(restored.status().message()),
              HasSubstr(absl::StrCat("schema version ", current - 1,
                                     ", its manifest says ", current)));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));
}

// A backup of a newer hub, database and manifest alike: this hub could not
// serve it.
TEST_F(RestoreTest, RefusesASchemaNewerThanThisHub) {
  TakeBackupNow();
  const int newer = store::CurrentSchemaVersion() + 1;
  SetBackupSchemaVersion(newer);
  RewriteManifest(
      [&](BackupManifest& manifest) { manifest.schema_version = newer; });
  ResealDigests(/*resign=*/true);
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(restored.status().message()),
              HasSubstr(absl::StrCat("schema version ", newer,
                                     " is newer than this rosa-hub supports (",
                                     newer - 1, ")")));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));
}

// A person and a note sealed under KEK version 1, and the data directory's
// key file holding version 1.
class RestoreKeysTest : public RestoreTest {
 protected:
  void SetUp() override {
    RestoreTest::SetUp();
    auto keks = crypto::KekStore::OpenOrCreate(kek());
    ASSERT_TRUE(keks.ok()) << keks.status();
    ExecData(absl::StrCat(
        "INSERT INTO persons(id, registered_us, registered_by, profile,"
        " kek_version, wrapped_key, key_version) VALUES ('P-AAAAAAAAAA', 1,"
        " 'rosa', x'', 1, ",
        testutil::WrappedKeySql(**keks, "P-AAAAAAAAAA"),
        ", 1); INSERT INTO object_keys(object_id, kek_version, wrapped_key)"
        " VALUES ('R-2026-000001', 1, ",
        testutil::WrappedKeySql(**keks, ObjectKeyOwner("R-2026-000001")), ")"));
    TakeBackupNow();
  }

  fs::path kek() const { return crypto::KekStore::DefaultPath(data_); }

  // `rosa-hub keys rotate` after the backup: version 2 active, version 1
  // retired (its key material gone from the file).
  void RotateAfterTheBackup() {
    auto keks = crypto::KekStore::Open(kek());
    ASSERT_TRUE(keks.ok()) << keks.status();
    ASSERT_TRUE((*keks)->Rotate().ok());
    ASSERT_TRUE((*keks)->Retire(1).ok());
  }
};

TEST_F(RestoreKeysTest, RestoresWithTheKeysOfItsTime) {
  const fs::path target = TargetWithKeys("restored");
  RotateAfterTheBackup();  // The copy in target is from before.
  auto restored = RestoreInto(target);
  EXPECT_TRUE(restored.ok()) << restored.status();
}

// A backup from before a KEK rotation, restored beside the keys of after
// it: every person would be unreadable while the hub took new writes.
TEST_F(RestoreKeysTest, RefusesKeysThatLackAVersionTheBackupNeeds) {
  RotateAfterTheBackup();
  const fs::path target = TargetWithKeys("restored");
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string message(restored.status().message());
  EXPECT_THAT(message, HasSubstr("KEK version 1, which keys/kek does not "
                                 "hold (it holds 2)"));
  EXPECT_THAT(message, HasSubstr("keys/ from its own time"));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));
}

TEST_F(RestoreKeysTest, RefusesWithoutAKeyFile) {
  const fs::path target = TargetWithKeys("restored");
  fs::remove(crypto::KekStore::DefaultPath(target));
  auto restored = RestoreInto(target);
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(restored.status().message()),
              HasSubstr("KEK version 1, which keys/kek does not hold (there "
                        "is no key file)"));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));
}

// The hub's state as it was backed up: ks-oslo's stream at cursor 5 (2
// pruned), referrals and handoffs counted.
class RestoreSequencesTest : public RestoreTest {
 protected:
  void SetUp() override {
    RestoreTest::SetUp();
    ExecData(
        "INSERT INTO event_streams(partner, last_cursor, pruned_until)"
        " VALUES ('ks-oslo', 5, 2);"
        " INSERT INTO id_counters(name, value) VALUES ('referral-2026', 7),"
        " ('handoff-2025', 3)");
    TakeBackupNow();
  }

  // One integer the restored database holds.
  int64_t Query(const fs::path& target, const std::string& sql) {
    auto conn = store::Connection::Open(store::DatabasePath(target),
                                        store::Connection::Mode::kReadOnly);
    EXPECT_TRUE(conn.ok()) << conn.status();
    if (!conn.ok()) return -1;
    auto stmt = (*conn)->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    if (!stmt.ok()) return -1;
    auto row = (*stmt)->Step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return row.ok() && *row ? (*stmt)->ColumnInt(0) : -1;
  }

  static int OsloYear(absl::Time t) {
    return static_cast<int>(absl::ToCivilYear(t, OsloTimeZone()).year());
  }
};

// What was handed out after the backup is lost with it, but partners hold
// those cursors and ids: the restored database hands out none of them
// again.
TEST_F(RestoreSequencesTest, MovesEveryCursorAndIdPastWhatWasLost) {
  const fs::path target = TargetWithKeys("restored");
  ASSERT_TRUE(RestoreInto(target).ok());
  EXPECT_EQ(Query(target,
                  "SELECT last_cursor FROM event_streams"
                  " WHERE partner = 'ks-oslo'"),
            5 + 1'000'000);
  EXPECT_EQ(Query(target,
                  "SELECT pruned_until FROM event_streams"
                  " WHERE partner = 'ks-oslo'"),
            2);
  EXPECT_EQ(Query(target,
                  "SELECT value FROM id_counters"
                  " WHERE name = 'referral-2026'"),
            7 + 100'000);
  EXPECT_EQ(Query(target,
                  "SELECT value FROM id_counters"
                  " WHERE name = 'handoff-2025'"),
            3 + 100'000);
  // Streams and counters begun later start past the same gaps.
  EXPECT_EQ(Query(target,
                  "SELECT last_cursor FROM event_streams"
                  " WHERE partner = '*'"),
            1'000'000);
  EXPECT_EQ(Query(target, absl::StrCat("SELECT value FROM id_counters"
                                       " WHERE name = '*-",
                                       OsloYear(absl::Now()), "'")),
            100'000);
  // The backup itself stays as it was.
  EXPECT_EQ(Query(backup(),
                  "SELECT last_cursor FROM event_streams"
                  " WHERE partner = 'ks-oslo'"),
            5);
}

// Ids lost may fall in any year from the backup's to the restore's.
TEST_F(RestoreSequencesTest, CoversEveryYearSinceTheBackup) {
  const fs::path target = TargetWithKeys("restored");
  const absl::Time later = absl::Now() + absl::Hours(24 * 400);
  ASSERT_TRUE(RestoreBackup(RestoreOptions{.from = backup(),
                                           .data_dir = target,
                                           .public_key_file = {},
                                           .now = later})
                  .ok());
  for (int year = OsloYear(absl::Now()); year <= OsloYear(later); ++year) {
    EXPECT_EQ(Query(target, absl::StrCat("SELECT value FROM id_counters"
                                         " WHERE name = '*-",
                                         year, "'")),
              100'000)
        << year;
  }
}

// A backup written before manifests were signed: refused unless allowed
// explicitly, and then its audit log is still proved.
TEST_F(RestoreTest, RefusesAnUnsignedManifestUnlessAllowed) {
  TakeBackupNow();
  MakeManifestUnsigned();
  const fs::path target = TargetWithKeys("restored");
  auto refused = RestoreInto(target);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(refused.status().message()),
              HasSubstr("--allow-unsigned-manifest"));
  EXPECT_THAT(Names(target), ::testing::Each(::testing::StartsWith("keys")));

  auto allowed = RestoreBackup(RestoreOptions{.from = backup(),
                                              .data_dir = target,
                                              .public_key_file = {},
                                              .allow_unsigned_manifest = true});
  ASSERT_TRUE(allowed.ok()) << allowed.status();
  EXPECT_TRUE(allowed->unsigned_legacy);
  EXPECT_TRUE(fs::exists(store::DatabasePath(target)));
}

TEST_F(RestoreTest, AnAllowedUnsignedManifestStillNeedsItsAuditLog) {
  TakeBackupNow();
  {
    auto conn = store::Connection::Open(store::DatabasePath(backup()),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    ASSERT_TRUE((*conn)
                    ->Exec("DROP TRIGGER audit_log_no_update;"
                           " UPDATE audit_log SET entry = entry || x'00'"
                           " WHERE idx = 1; PRAGMA wal_checkpoint(TRUNCATE);")
                    .ok());
  }
  ResealDigests();
  MakeManifestUnsigned();
  const fs::path target = TargetWithKeys("restored");
  auto restored =
      RestoreBackup(RestoreOptions{.from = backup(),
                                   .data_dir = target,
                                   .public_key_file = {},
                                   .allow_unsigned_manifest = true});
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("audit log"));
}

TEST_F(RestoreTest, RefusesACheckpointSignedByAnotherKey) {
  TakeBackupNow();
  // Another hub's keys: the manifest's signature is not by that hub.
  const fs::path other = dir_.File("other");
  fs::create_directories(other);
  fs::permissions(other, fs::perms::owner_all);
  ASSERT_TRUE(audit::AuditKeeper::Open(other).ok());
  const fs::path target = dir_.File("restored");
  auto restored = RestoreBackup(RestoreOptions{
      .from = backup(),
      .data_dir = target,
      .public_key_file = audit::AuditKeeper::PublicKeyPath(other)});
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_FALSE(fs::exists(store::DatabasePath(target)));
}

TEST_F(RestoreTest, RefusesWithoutTheHubsPublicKey) {
  TakeBackupNow();
  auto restored = RestoreInto(dir_.File("restored"));
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(restored.status().message()), HasSubstr("custody"));
}

}  // namespace
}  // namespace rosa::backup
