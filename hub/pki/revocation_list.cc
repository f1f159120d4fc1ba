#include "hub/pki/revocation_list.h"

#include <sys/stat.h>

#include <utility>

#include "hub/common/status_macros.h"
#include "spdlog/spdlog.h"

namespace rosa::pki {

absl::StatusOr<std::unique_ptr<RevocationList>> RevocationList::Open(
    std::filesystem::path path, const Clock* clock, absl::Duration recheck,
    std::function<void()> on_change) {
  std::unique_ptr<RevocationList> list(new RevocationList(
      std::move(path), clock, recheck, std::move(on_change)));
  absl::MutexLock lock(&list->mu_);
  bool changed = false;
  RETURN_IF_ERROR(list->ReloadLocked(/*force=*/true, &changed));
  list->next_check_ = clock->Now() + recheck;
  return list;
}

RevocationList::Stamp RevocationList::StampNow() const {
  struct stat st;
  if (stat(path_.c_str(), &st) != 0) return Stamp{};
  return Stamp{.exists = true,
               .inode = st.st_ino,
               .size = st.st_size,
               .mtime = st.st_mtim};
}

absl::Status RevocationList::ReloadLocked(bool force, bool* changed) {
  const Stamp stamp = StampNow();
  if (!force && stamp == stamp_) return absl::OkStatus();
  absl::StatusOr<SerialSet> serials = ReadRevocations(path_);
  if (!serials.ok()) return serials.status();
  size_t kept = 0;
  for (const std::string& serial : serials_) {
    if (serials->insert(serial).second) ++kept;
  }
  if (kept > 0) {
    spdlog::warn(
        "revocation list: {} revoked certificates are no longer in {} (or it "
        "is gone); they stay revoked until the hub restarts",
        kept, path_.filename().string());
  }
  *changed = *serials != serials_;
  if (*changed) {
    spdlog::info("revocation list: {} certificates revoked", serials->size());
  }
  serials_ = *std::move(serials);
  stamp_ = stamp;
  return absl::OkStatus();
}

void RevocationList::NotifyIf(bool changed) const {
  if (changed && on_change_) on_change_();
}

bool RevocationList::IsRevoked(std::string_view serial) {
  bool changed = false;
  bool revoked = false;
  {
    absl::MutexLock lock(&mu_);
    const absl::Time now = clock_->Now();
    if (now >= next_check_) {
      next_check_ = now + recheck_;
      if (absl::Status s = ReloadLocked(/*force=*/false, &changed); !s.ok()) {
        // Logged at every recheck until fixed; the previous list stays.
        spdlog::error("revocation list not reloaded, previous kept: {}",
                      s.ToString());
      }
    }
    revoked =
        serials_.contains(absl::string_view(serial.data(), serial.size()));
  }
  NotifyIf(changed);
  return revoked;
}

absl::Status RevocationList::Reload() {
  bool changed = false;
  absl::Status status;
  {
    absl::MutexLock lock(&mu_);
    next_check_ = clock_->Now() + recheck_;
    status = ReloadLocked(/*force=*/true, &changed);
  }
  NotifyIf(changed);
  return status;
}

size_t RevocationList::size() const {
  absl::MutexLock lock(&mu_);
  return serials_.size();
}

}  // namespace rosa::pki
