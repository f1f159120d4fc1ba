// The revoked certificate serials a running hub refuses, kept in memory and
// in step with revoked.txt (hub/pki/revocation.h) without a restart: every
// lookup looks at the file's identity (inode, size, mtime) at most once per
// `recheck` and rereads it when it changed; Reload (SIGHUP) rereads it at
// once. Nothing is un-revoked while the hub runs: a file that no longer
// parses keeps the previous list (a half-edited file), and a serial that
// leaves the file, or a file that is removed or truncated, stays revoked
// (logged) until the hub restarts and reads the file afresh. Before, a
// removed file emptied the list, and every revoked certificate was
// accepted again within a second.
//
// Thread-safety: all methods may be called from any thread at once.
#ifndef ROSA_HUB_PKI_REVOCATION_LIST_H_
#define ROSA_HUB_PKI_REVOCATION_LIST_H_

#include <sys/types.h>

#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/pki/revocation.h"

namespace rosa::pki {

class RevocationList {
 public:
  // Reads `path` (a missing file is an empty list); INVALID_ARGUMENT if it
  // does not parse. `clock` must outlive the list. `on_change`, if set, runs
  // after a reload that changed the list (not for the first read), on the
  // thread that noticed, without the list's lock held.
  static absl::StatusOr<std::unique_ptr<RevocationList>> Open(
      std::filesystem::path path, const Clock* clock,
      absl::Duration recheck = absl::Seconds(1),
      std::function<void()> on_change = nullptr);

  // True if the certificate with this serial (NormalizeSerial form) is
  // revoked.
  bool IsRevoked(std::string_view serial) ABSL_LOCKS_EXCLUDED(mu_);

  // Rereads the file now. On error the previous list stays.
  absl::Status Reload() ABSL_LOCKS_EXCLUDED(mu_);

  // How many serials are revoked now.
  size_t size() const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  // What tells a changed file: a rename gives a new inode, a write a new
  // mtime or size.
  struct Stamp {
    bool exists = false;
    ino_t inode = 0;
    off_t size = 0;
    timespec mtime = {};
    bool operator==(const Stamp& o) const {
      return exists == o.exists && inode == o.inode && size == o.size &&
             mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec;
    }
  };

  RevocationList(std::filesystem::path path, const Clock* clock,
                 absl::Duration recheck, std::function<void()> on_change)
      : path_(std::move(path)),
        clock_(clock),
        recheck_(recheck),
        on_change_(std::move(on_change)) {}

  Stamp StampNow() const;
  // Reads the file if its stamp differs from stamp_ (or `force`); sets
  // *changed if the set of serials changed.
  absl::Status ReloadLocked(bool force, bool* changed)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void NotifyIf(bool changed) const ABSL_LOCKS_EXCLUDED(mu_);

  const std::filesystem::path path_;
  const Clock* const clock_;
  const absl::Duration recheck_;
  const std::function<void()> on_change_;

  mutable absl::Mutex mu_;
  SerialSet serials_ ABSL_GUARDED_BY(mu_);
  Stamp stamp_ ABSL_GUARDED_BY(mu_);
  absl::Time next_check_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace rosa::pki

#endif  // ROSA_HUB_PKI_REVOCATION_LIST_H_
