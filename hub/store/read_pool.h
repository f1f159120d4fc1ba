// A few reader threads, each with its own read-only SQLite connection, that
// run queries off the gRPC threads so that reactors never block on disk.
// In WAL mode readers see the last committed state and never wait for the
// writer.
//
// Thread-safety: Submit and RunAndWait may be called from any thread. A
// task runs on one reader thread with that thread's connection; it must not
// keep the connection or block on other tasks.
#ifndef ROSA_HUB_STORE_READ_POOL_H_
#define ROSA_HUB_STORE_READ_POOL_H_

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hub/store/sqlite.h"

namespace rosa::store {

class ReadPool {
 public:
  using Task = std::function<void(Connection&)>;

  static absl::StatusOr<std::unique_ptr<ReadPool>> Open(
      const std::filesystem::path& db_path, size_t threads,
      const std::string& vfs = "");
  // Runs the tasks already queued, then joins the threads.
  ~ReadPool();

  void Submit(Task task);
  // Runs `fn` on a reader thread and waits for it. Not from a reader task.
  absl::Status RunAndWait(std::function<absl::Status(Connection&)> fn);

 private:
  explicit ReadPool(std::vector<std::unique_ptr<Connection>> conns);
  void Loop(Connection* conn);

  std::vector<std::unique_ptr<Connection>> conns_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Task> queue_;  // Guarded by mu_.
  bool stopping_ = false;   // Guarded by mu_.
  std::vector<std::thread> threads_;
};

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_READ_POOL_H_
