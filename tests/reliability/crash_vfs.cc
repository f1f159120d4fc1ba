#include "tests/reliability/crash_vfs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace rosa::reliability {

constexpr int64_t kSector = 512;

// One unsynced change of a file: a write of `new_bytes` at `offset`, or a
// truncate to `new_size`; `old_bytes` were at [offset, offset+size) and the
// file had `old_size` bytes before it.
struct CrashVfs::Undo {
  bool truncate = false;
  int64_t offset = 0;
  int64_t old_size = 0;
  int64_t new_size = 0;
  std::string old_bytes;
  std::string new_bytes;
};

struct CrashVfs::FileRecord {
  bool main_db = false;
  std::vector<Undo> unsynced;
};

namespace {

// An open file: our header, then the default VFS's file object.
struct File {
  sqlite3_file base;
  sqlite3_file* real;
  CrashVfs* vfs;
  std::string* path;  // Null for temporary files: not recorded.
};

CrashVfs* Self(sqlite3_vfs* vfs) {
  return static_cast<CrashVfs*>(vfs->pAppData);
}
File* F(sqlite3_file* file) { return reinterpret_cast<File*>(file); }

}  // namespace

// The sqlite3_vfs and sqlite3_io_methods entry points.
struct CrashVfsMethods {
  static CrashVfs::FileRecord* Record(CrashVfs* v, const File* f)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(v->mu_) {
    if (f->path == nullptr) return nullptr;
    auto& rec = v->files_[*f->path];
    if (rec == nullptr) rec = std::make_unique<CrashVfs::FileRecord>();
    return rec.get();
  }

  static int Close(sqlite3_file* file) {
    File* f = F(file);
    int rc = f->real->pMethods->xClose(f->real);
    delete f->path;
    f->path = nullptr;
    return rc;
  }
  static int Read(sqlite3_file* file, void* buf, int amt, sqlite3_int64 off) {
    File* f = F(file);
    {
      std::lock_guard<std::mutex> lock(f->vfs->mu_);
      int rc = f->vfs->BeginOp(CrashVfs::OpKind::kRead, SQLITE_IOERR_READ);
      if (rc != SQLITE_OK) return rc;
    }
    return f->real->pMethods->xRead(f->real, buf, amt, off);
  }
  // The bytes of [off, off+amt) that exist, and the size.
  static void Snapshot(File* f, int64_t off, int64_t amt, CrashVfs::Undo& u) {
    sqlite3_int64 size = 0;
    f->real->pMethods->xFileSize(f->real, &size);
    u.old_size = size;
    const int64_t n =
        std::max<int64_t>(0, std::min<int64_t>(size, off + amt) - off);
    u.old_bytes.resize(n);
    if (n > 0) {
      f->real->pMethods->xRead(f->real, u.old_bytes.data(), static_cast<int>(n),
                               off);
    }
  }
  static int Write(sqlite3_file* file, const void* buf, int amt,
                   sqlite3_int64 off) {
    File* f = F(file);
    CrashVfs* v = f->vfs;
    std::lock_guard<std::mutex> lock(v->mu_);
    int rc = v->BeginOp(CrashVfs::OpKind::kWrite, SQLITE_IOERR_WRITE);
    if (rc != SQLITE_OK) return rc;
    CrashVfs::FileRecord* rec = Record(v, f);
    CrashVfs::Undo u;
    if (rec != nullptr) {
      u.offset = off;
      Snapshot(f, off, amt, u);
      u.new_bytes.assign(static_cast<const char*>(buf), amt);
    }
    rc = f->real->pMethods->xWrite(f->real, buf, amt, off);
    if (rc == SQLITE_OK && rec != nullptr)
      rec->unsynced.push_back(std::move(u));
    return rc;
  }
  static int Truncate(sqlite3_file* file, sqlite3_int64 size) {
    File* f = F(file);
    CrashVfs* v = f->vfs;
    std::lock_guard<std::mutex> lock(v->mu_);
    int rc = v->BeginOp(CrashVfs::OpKind::kWrite, SQLITE_IOERR_TRUNCATE);
    if (rc != SQLITE_OK) return rc;
    CrashVfs::FileRecord* rec = Record(v, f);
    CrashVfs::Undo u;
    if (rec != nullptr) {
      u.truncate = true;
      u.offset = size;
      u.new_size = size;
      Snapshot(f, size, INT64_MAX / 2, u);
    }
    rc = f->real->pMethods->xTruncate(f->real, size);
    if (rc == SQLITE_OK && rec != nullptr)
      rec->unsynced.push_back(std::move(u));
    return rc;
  }
  static int Sync(sqlite3_file* file, int /*flags*/) {
    File* f = F(file);
    CrashVfs* v = f->vfs;
    std::lock_guard<std::mutex> lock(v->mu_);
    int rc = v->BeginOp(CrashVfs::OpKind::kSync, SQLITE_IOERR_FSYNC);
    if (rc != SQLITE_OK) return rc;
    // Durable from here on; the kernel's fsync is not needed for that.
    if (v->lying_syncs_) return SQLITE_OK;
    if (CrashVfs::FileRecord* rec = Record(v, f)) rec->unsynced.clear();
    return SQLITE_OK;
  }
  static int FileSize(sqlite3_file* file, sqlite3_int64* size) {
    return F(file)->real->pMethods->xFileSize(F(file)->real, size);
  }
  static int Lock(sqlite3_file* file, int level) {
    return F(file)->real->pMethods->xLock(F(file)->real, level);
  }
  static int Unlock(sqlite3_file* file, int level) {
    return F(file)->real->pMethods->xUnlock(F(file)->real, level);
  }
  static int CheckReservedLock(sqlite3_file* file, int* out) {
    return F(file)->real->pMethods->xCheckReservedLock(F(file)->real, out);
  }
  static int FileControl(sqlite3_file* file, int op, void* arg) {
    return F(file)->real->pMethods->xFileControl(F(file)->real, op, arg);
  }
  static int SectorSize(sqlite3_file* file) {
    return F(file)->real->pMethods->xSectorSize(F(file)->real);
  }
  static int DeviceCharacteristics(sqlite3_file* file) {
    return F(file)->real->pMethods->xDeviceCharacteristics(F(file)->real);
  }
  static int ShmMap(sqlite3_file* file, int region, int size, int extend,
                    void volatile** out) {
    return F(file)->real->pMethods->xShmMap(F(file)->real, region, size, extend,
                                            out);
  }
  static int ShmLock(sqlite3_file* file, int offset, int n, int flags) {
    return F(file)->real->pMethods->xShmLock(F(file)->real, offset, n, flags);
  }
  static void ShmBarrier(sqlite3_file* file) {
    F(file)->real->pMethods->xShmBarrier(F(file)->real);
  }
  static int ShmUnmap(sqlite3_file* file, int delete_flag) {
    return F(file)->real->pMethods->xShmUnmap(F(file)->real, delete_flag);
  }

  static constexpr sqlite3_io_methods kIo = {2,
                                             Close,
                                             Read,
                                             Write,
                                             Truncate,
                                             Sync,
                                             FileSize,
                                             Lock,
                                             Unlock,
                                             CheckReservedLock,
                                             FileControl,
                                             SectorSize,
                                             DeviceCharacteristics,
                                             ShmMap,
                                             ShmLock,
                                             ShmBarrier,
                                             ShmUnmap,
                                             nullptr,
                                             nullptr};

  static int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file,
                  int flags, int* out_flags) {
    CrashVfs* v = Self(vfs);
    File* f = F(file);
    f->base.pMethods = nullptr;
    f->real = reinterpret_cast<sqlite3_file*>(f + 1);
    f->vfs = v;
    f->path = nullptr;
    int rc = v->base_->xOpen(v->base_, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    if (name != nullptr) {
      f->path = new std::string(name);
      if (flags & SQLITE_OPEN_MAIN_DB) {
        std::lock_guard<std::mutex> lock(v->mu_);
        Record(v, f)->main_db = true;
      }
    }
    f->base.pMethods = &kIo;
    return SQLITE_OK;
  }
  static int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    CrashVfs* v = Self(vfs);
    std::lock_guard<std::mutex> lock(v->mu_);
    int rc = v->BeginOp(CrashVfs::OpKind::kWrite, SQLITE_IOERR_DELETE);
    if (rc != SQLITE_OK) return rc;
    rc = v->base_->xDelete(v->base_, name, sync_dir);
    if (rc == SQLITE_OK) v->files_.erase(name);
    return rc;
  }
  static int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    return Self(vfs)->base_->xAccess(Self(vfs)->base_, name, flags, out);
  }
  static int FullPathname(sqlite3_vfs* vfs, const char* name, int n,
                          char* out) {
    return Self(vfs)->base_->xFullPathname(Self(vfs)->base_, name, n, out);
  }
  static int Randomness(sqlite3_vfs* vfs, int n, char* out) {
    return Self(vfs)->base_->xRandomness(Self(vfs)->base_, n, out);
  }
  static int Sleep(sqlite3_vfs* vfs, int us) {
    return Self(vfs)->base_->xSleep(Self(vfs)->base_, us);
  }
  static int CurrentTime(sqlite3_vfs* vfs, double* out) {
    return Self(vfs)->base_->xCurrentTime(Self(vfs)->base_, out);
  }
  static int GetLastError(sqlite3_vfs* vfs, int n, char* out) {
    return Self(vfs)->base_->xGetLastError(Self(vfs)->base_, n, out);
  }
  static int CurrentTimeInt64(sqlite3_vfs* vfs, sqlite3_int64* out) {
    return Self(vfs)->base_->xCurrentTimeInt64(Self(vfs)->base_, out);
  }
};

CrashVfs::CrashVfs(std::string name) : name_(std::move(name)) {
  base_ = sqlite3_vfs_find(nullptr);
  vfs_.iVersion = 2;
  vfs_.szOsFile = static_cast<int>(sizeof(File)) + base_->szOsFile;
  vfs_.mxPathname = base_->mxPathname;
  vfs_.zName = name_.c_str();
  vfs_.pAppData = this;
  vfs_.xOpen = CrashVfsMethods::Open;
  vfs_.xDelete = CrashVfsMethods::Delete;
  vfs_.xAccess = CrashVfsMethods::Access;
  vfs_.xFullPathname = CrashVfsMethods::FullPathname;
  vfs_.xRandomness = CrashVfsMethods::Randomness;
  vfs_.xSleep = CrashVfsMethods::Sleep;
  vfs_.xCurrentTime = CrashVfsMethods::CurrentTime;
  vfs_.xGetLastError = CrashVfsMethods::GetLastError;
  vfs_.xCurrentTimeInt64 = CrashVfsMethods::CurrentTimeInt64;
  sqlite3_vfs_register(&vfs_, 0);
}

CrashVfs::~CrashVfs() { sqlite3_vfs_unregister(&vfs_); }

void CrashVfs::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [path, rec] : files_) rec->unsynced.clear();
  ops_ = cut_at_ = faults_ = 0;
  cut_ = false;
  lying_syncs_ = false;
  for (int i = 0; i < 3; ++i) kind_count_[i] = fail_at_[i] = 0;
}

void CrashVfs::ArmCut(uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  cut_at_ = n == 0 ? 0 : ops_ + n;
}

void CrashVfs::CutNow() {
  std::lock_guard<std::mutex> lock(mu_);
  cut_ = true;
}

bool CrashVfs::cut() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cut_;
}

uint64_t CrashVfs::ops() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ops_;
}

void CrashVfs::FailOp(OpKind kind, uint64_t n, int code) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_at_[static_cast<int>(kind)] = kind_count_[static_cast<int>(kind)] + n;
  fail_code_[static_cast<int>(kind)] = code;
}

uint64_t CrashVfs::faults_returned() const {
  std::lock_guard<std::mutex> lock(mu_);
  return faults_;
}

void CrashVfs::SetLyingSyncs(bool lying) {
  std::lock_guard<std::mutex> lock(mu_);
  lying_syncs_ = lying;
}

int CrashVfs::BeginOp(OpKind kind, int ioerr) {
  const int k = static_cast<int>(kind);
  if (kind != OpKind::kRead) {
    if (cut_) return ioerr;
    if (++ops_ == cut_at_) {
      cut_ = true;
      return ioerr;
    }
  }
  if (++kind_count_[k] == fail_at_[k]) {
    ++faults_;
    return fail_code_[k];
  }
  return SQLITE_OK;
}

namespace {

absl::Status Errno(const std::string& what) {
  return absl::InternalError(
      absl::StrCat("crash_vfs: ", what, ": ", std::strerror(errno)));
}

// Writes the sectors of [off, off+len) that `keep` picks.
template <typename Keep>
absl::Status WritePart(int fd, const std::string& bytes, int64_t off,
                       Keep keep) {
  int64_t pos = off;
  const int64_t end = off + static_cast<int64_t>(bytes.size());
  while (pos < end) {
    const int64_t next = std::min(end, (pos / kSector + 1) * kSector);
    if (keep() &&
        pwrite(fd, bytes.data() + (pos - off), next - pos, pos) != next - pos) {
      return Errno("pwrite");
    }
    pos = next;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CrashVfs::CutReport> CrashVfs::ApplyCut(std::mt19937_64& rng) {
  std::lock_guard<std::mutex> lock(mu_);
  CutReport report;
  cut_ = true;
  for (auto& [path, rec] : files_) {
    if (rec->main_db) ::unlink((path + "-shm").c_str());
    if (rec->unsynced.empty()) continue;
    const int fd = ::open(path.c_str(), O_RDWR);
    if (fd < 0) {
      if (errno == ENOENT) continue;  // Deleted (a delete is durable).
      return Errno("open");
    }
    std::vector<Undo>& log = rec->unsynced;
    // Back to the last synced image, newest change first.
    for (auto it = log.rbegin(); it != log.rend(); ++it) {
      if (ftruncate(fd, it->old_size) != 0 ||
          pwrite(fd, it->old_bytes.data(), it->old_bytes.size(), it->offset) !=
              static_cast<ssize_t>(it->old_bytes.size())) {
        ::close(fd);
        return Errno("revert");
      }
    }
    ++report.files_with_unsynced;
    report.unsynced_writes += log.size();
    const auto mode = static_cast<CutMode>(rng() % 3);
    const size_t torn_at = rng() % log.size();
    absl::Status st;
    for (size_t i = 0; i < log.size() && st.ok(); ++i) {
      bool apply = false, torn = false;
      switch (mode) {
        case CutMode::kLost:
          break;
        case CutMode::kTorn:
          apply = i <= torn_at;
          torn = i == torn_at;
          break;
        case CutMode::kReordered:
          apply = rng() % 2 == 0;
          torn = apply && rng() % 4 == 0;
          break;
      }
      const Undo& u = log[i];
      if (!apply) {
        ++report.dropped_writes;
        continue;
      }
      if (u.truncate) {
        if (ftruncate(fd, u.new_size) != 0) st = Errno("ftruncate");
        continue;
      }
      if (torn) ++report.torn_writes;
      st = WritePart(fd, u.new_bytes, u.offset,
                     [&] { return !torn || rng() % 2 == 0; });
    }
    ::close(fd);
    if (!st.ok()) return st;
    switch (mode) {
      case CutMode::kLost:
        ++report.lost_files;
        break;
      case CutMode::kTorn:
        ++report.torn_files;
        break;
      case CutMode::kReordered:
        ++report.reordered_files;
        break;
    }
    log.clear();
  }
  return report;
}

}  // namespace rosa::reliability
