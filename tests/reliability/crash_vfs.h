// CrashVfs: a test SQLite VFS, a shim over the default ("unix") VFS, that
// simulates a power cut and injects I/O errors. For the reliability tests
// only; the hub never registers it (store::Database::Options::vfs names it).
//
// Every write and truncate of a named file is recorded with an undo record
// (the bytes and size it replaced) until the file's next xSync, which makes
// them durable. Writes, truncates and syncs of every file count as one
// sequence of operations, 1, 2, 3, ...
//
// Power cut: ArmCut(n) makes the n-th operation from now fail (SQLITE_IOERR)
// and with it every later write, truncate, sync and delete, so that nothing
// more reaches the "disk" and no close can checkpoint. Once every connection is
// closed, ApplyCut() turns the files into what a disk could hold after the cut:
// the unsynced changes of each file are reverted (newest first) to the last
// synced image, and then some of them are applied again, per file one of
//   kLost       none: every write since the last sync is gone;
//   kTorn       a prefix in order, the next one torn at 512-byte sectors
//               (a random subset of its sectors written);
//   kReordered  a random subset in any combination, each whole or torn
//               (later writes reached the disk, earlier ones did not).
// The -shm files (shared memory, not disk) are deleted.
//
// I/O faults: FailOp(kind, n, code) makes the n-th operation of that kind
// from now return `code` (SQLITE_IOERR_*, SQLITE_FULL)
// without touching the file; the operation is not recorded.
//
// xSync does not call fsync: durability is what this VFS records, not what
// the kernel does (so thousands of cuts are affordable).
//
// Thread-safety: the VFS methods may be called from any thread (one mutex
// guards the records); the control methods too. ApplyCut requires that no
// connection has a file of this VFS open.
#ifndef ROSA_TESTS_RELIABILITY_CRASH_VFS_H_
#define ROSA_TESTS_RELIABILITY_CRASH_VFS_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::reliability {

class CrashVfs {
 public:
  enum class OpKind { kWrite, kSync, kRead };
  enum class CutMode { kLost, kTorn, kReordered };

  // What one ApplyCut did.
  struct CutReport {
    int files_with_unsynced = 0;  // files that had unsynced writes
    int lost_files = 0;           // per CutMode, files cut that way
    int torn_files = 0;
    int reordered_files = 0;
    uint64_t unsynced_writes = 0;  // writes that were at risk
    uint64_t dropped_writes = 0;   // of them, not on disk after the cut
    uint64_t torn_writes = 0;      // of them, partly on disk
  };

  // Registers a VFS named `name` over the default VFS (not as the default).
  // REQUIRES: no other VFS of that name; the object outlives every
  // connection that uses it (tests keep it for the whole process).
  explicit CrashVfs(std::string name);
  ~CrashVfs();
  CrashVfs(const CrashVfs&) = delete;
  CrashVfs& operator=(const CrashVfs&) = delete;

  const std::string& name() const { return name_; }

  // Forgets every record, counter, fault and cut: what is on disk now
  // counts as synced.
  void Reset();
  // The power goes at the n-th operation from now (1-based); 0: never.
  void ArmCut(uint64_t n);
  // Cuts the power now (as if the next operation were the armed one).
  void CutNow();
  bool cut() const;
  // Writes, truncates and syncs so far (counted from Reset).
  uint64_t ops() const;
  // The n-th operation of `kind` from now (1-based) returns `code`, once.
  void FailOp(OpKind kind, uint64_t n, int code);
  // Number of faults returned so far.
  uint64_t faults_returned() const;
  // A disk that lies: xSync answers OK but makes nothing durable (until
  // Reset). For proving that the checks see lost writes.
  void SetLyingSyncs(bool lying);

  // Makes the files what the disk holds after the cut (see the top).
  // `rng` picks modes, subsets and sectors. REQUIRES: cut(); no open file.
  absl::StatusOr<CutReport> ApplyCut(std::mt19937_64& rng);

 private:
  struct Undo;
  struct FileRecord;
  friend struct CrashVfsMethods;

  // Counts an operation; returns the code to fail it with, or SQLITE_OK.
  int BeginOp(OpKind kind, int ioerr) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::string name_;
  sqlite3_vfs vfs_{};
  sqlite3_vfs* base_ = nullptr;

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<FileRecord>> files_
      ABSL_GUARDED_BY(mu_);
  uint64_t ops_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t cut_at_ ABSL_GUARDED_BY(mu_) = 0;
  bool cut_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t kind_count_[3] ABSL_GUARDED_BY(mu_) = {0, 0, 0};
  uint64_t fail_at_[3] ABSL_GUARDED_BY(mu_) = {0, 0, 0};
  int fail_code_[3] ABSL_GUARDED_BY(mu_) = {0, 0, 0};
  uint64_t faults_ ABSL_GUARDED_BY(mu_) = 0;
  bool lying_syncs_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_CRASH_VFS_H_
