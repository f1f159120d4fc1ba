// A few worker threads that run submitted tasks, so that CPU work (a
// plugin encoding an outbound event) runs neither on the store's single
// writer thread nor on a gRPC reactor thread. Tasks run in the order they
// were submitted, several at once when the pool has several threads.
//
// Thread-safety: Submit may be called from any thread, also from a task.
// The destructor runs every task already submitted, then joins the threads;
// it must not be called from a task.
#ifndef ROSA_HUB_COMMON_TASK_POOL_H_
#define ROSA_HUB_COMMON_TASK_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace rosa {

class TaskPool {
 public:
  // REQUIRES: threads >= 1.
  explicit TaskPool(size_t threads);
  ~TaskPool();

  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;

  // Queues `task`. A task must not block on another task of the pool.
  void Submit(std::function<void()> task);

 private:
  void Loop();

  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_TASK_POOL_H_
