#include "hub/person/key_rotation.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"
#include "hub/crypto/key_file.h"
#include "hub/person/person_vault.h"
#include "hub/store/database.h"
#include "hub/store/database_file.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;

constexpr char kLockFile[] = "kek.lock";

absl::StatusOr<int> CountWrappedUnder(store::Connection& conn,
                                      uint32_t version) {
  // Persons' data keys and the data keys of objects (sealed free text that
  // names no registered person, hub/person/text_vault.h).
  ASSIGN_OR_RETURN(
      auto stmt,
      conn.Prepare(
          "SELECT (SELECT COUNT(*) FROM persons WHERE kek_version = ?1)"
          " + (SELECT COUNT(*) FROM object_keys"
          " WHERE kek_version = ?1)"));
  stmt->Bind(1, static_cast<int64_t>(version));
  ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return absl::InternalError("COUNT returned no row");
  return static_cast<int>(stmt->ColumnInt(0));
}

}  // namespace

absl::StatusOr<std::unique_ptr<KeysLock>> KeysLock::Acquire(
    const fs::path& keys_dir) {
  RETURN_IF_ERROR(EnsurePrivateDirectory(keys_dir));
  const fs::path path = keys_dir / kLockFile;
  const int fd =
      open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return absl::ErrnoToStatus(errno, absl::StrCat("open ", path.string()));
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    close(fd);
    if (error == EWOULDBLOCK) {
      return absl::FailedPreconditionError(absl::StrCat(
          "another process holds ", path.string(),
          ": a hub (or a key rotation) is running on this data directory"));
    }
    return absl::ErrnoToStatus(error, absl::StrCat("flock ", path.string()));
  }
  return std::unique_ptr<KeysLock>(new KeysLock(fd));
}

KeysLock::~KeysLock() { close(fd_); }  // Closing releases the lock.

absl::StatusOr<KeyRotationResult> RotateKeys(const fs::path& data_dir) {
  const fs::path kek_path = crypto::KekStore::DefaultPath(data_dir);
  const fs::path db_path = store::DatabasePath(data_dir);
  std::error_code ec;
  if (!fs::exists(kek_path, ec) || !fs::exists(db_path, ec)) {
    return absl::NotFoundError(absl::StrCat(
        "no hub data under ", data_dir.string(), " (expected keys/kek and ",
        store::kDatabaseFileName, ")"));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<KeysLock> lock,
                   KeysLock::Acquire(kek_path.parent_path()));
  ASSIGN_OR_RETURN(std::unique_ptr<crypto::KekStore> keks,
                   crypto::KekStore::Open(kek_path));

  KeyRotationResult result;
  ASSIGN_OR_RETURN(result.active_version, keks->Rotate());
  {
    store::Database::Options options;
    options.path = db_path;
    options.reader_threads = 1;
    ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db,
                     store::Database::Open(std::move(options)));
    PersonVault vault(keks.get());
    RETURN_IF_ERROR(db->writer().SubmitAndWait([&](store::WriteTxn& txn) {
      ASSIGN_OR_RETURN(result.rewrapped, vault.RewrapAll(txn.conn()));
      return absl::OkStatus();
    }));
    // Retire only what nothing is wrapped under any more.
    for (uint32_t version : keks->versions()) {
      if (version == result.active_version) continue;
      int remaining = -1;
      RETURN_IF_ERROR(db->readers().RunAndWait([&](store::Connection& conn) {
        ASSIGN_OR_RETURN(remaining, CountWrappedUnder(conn, version));
        return absl::OkStatus();
      }));
      if (remaining != 0) {
        return absl::InternalError(
            absl::StrCat("KEK version ", version, " still wraps ", remaining,
                         " data keys after the re-wrap; not retired"));
      }
      RETURN_IF_ERROR(keks->Retire(version));
      result.retired.push_back(version);
    }
  }  // Closing the database checkpoints the WAL into it and removes it.
  return result;
}

}  // namespace rosa
