// Wakes the file drop as soon as a file lands in a watched folder (Linux
// inotify: a file closed after writing, or renamed or moved in), instead
// of waiting for the next poll. A wake-up is only a hint: the file drop
// still looks at every folder on its own poll interval, so a missed or
// failed watch delays a file, never loses it.
//
// Thread-safety: Start and Stop are called once each from one thread; the
// callback runs on the watch's own thread and must not block for long.
#ifndef ROSA_ADAPTERS_FILE_DROP_FOLDER_WATCH_H_
#define ROSA_ADAPTERS_FILE_DROP_FOLDER_WATCH_H_

#include <atomic>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace rosa {

class FolderWatch {
 public:
  explicit FolderWatch(std::function<void()> on_change)
      : on_change_(std::move(on_change)) {}
  ~FolderWatch();
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // Watches `folders` (which exist) and starts the thread. An error leaves
  // nothing running; the caller may go on polling alone.
  absl::Status Start(const std::vector<std::filesystem::path>& folders);
  // Stops the thread; idempotent.
  void Stop();

 private:
  void Loop();

  std::function<void()> on_change_;
  int inotify_fd_ = -1;
  int stop_fd_ = -1;  // An eventfd that wakes Loop to stop.
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FOLDER_WATCH_H_
