#include "adapters/file_drop/folder_watch.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "absl/strings/str_cat.h"

namespace rosa {

FolderWatch::~FolderWatch() { Stop(); }

absl::Status FolderWatch::Start(
    const std::vector<std::filesystem::path>& folders) {
  inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  absl::Status status;
  if (inotify_fd_ < 0 || stop_fd_ < 0) {
    status = absl::UnavailableError(
        absl::StrCat("file drop: cannot watch folders (errno ", errno, ")"));
  }
  for (const std::filesystem::path& folder : folders) {
    if (!status.ok()) break;
    if (inotify_add_watch(inotify_fd_, folder.c_str(),
                          IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR) < 0) {
      status = absl::UnavailableError(
          absl::StrCat("file drop: cannot watch a folder (errno ", errno, ")"));
    }
  }
  if (!status.ok()) {
    Stop();
    return status;
  }
  thread_ = std::thread([this] { Loop(); });
  return absl::OkStatus();
}

void FolderWatch::Stop() {
  if (thread_.joinable()) {
    stopping_ = true;
    const uint64_t one = 1;
    // Should the write fail, Loop sees stopping_ within its poll timeout.
    (void)!write(stop_fd_, &one, sizeof(one));
    thread_.join();
  }
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (stop_fd_ >= 0) close(stop_fd_);
  inotify_fd_ = stop_fd_ = -1;
}

void FolderWatch::Loop() {
  alignas(struct inotify_event) char buffer[4096];
  for (;;) {
    pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    const int n = poll(fds, 2, /*timeout_ms=*/1000);
    if (n < 0 && errno != EINTR) return;
    if (fds[1].revents != 0 || stopping_) return;
    if (fds[0].revents == 0) continue;
    bool changed = false;
    // Drain every queued event; one wake-up covers them all.
    while (read(inotify_fd_, buffer, sizeof(buffer)) > 0) changed = true;
    if (changed) on_change_();
  }
}

}  // namespace rosa
