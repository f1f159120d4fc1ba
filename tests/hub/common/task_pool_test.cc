// TaskPool runs every submitted task on its own threads, also tasks
// submitted by tasks, and its destructor runs what is still queued.
#include "hub/common/task_pool.h"

#include <atomic>
#include <future>
#include <thread>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(TaskPoolTest, RunsTasksOnItsOwnThreads) {
  TaskPool pool(2);
  std::promise<std::thread::id> ran_on;
  pool.Submit([&] { ran_on.set_value(std::this_thread::get_id()); });
  EXPECT_NE(ran_on.get_future().get(), std::this_thread::get_id());
}

TEST(TaskPoolTest, TheDestructorRunsEveryQueuedTask) {
  std::atomic<int> ran{0};
  {
    TaskPool pool(1);
    for (int i = 0; i < 100; ++i) {
      pool.Submit([&] {
        ++ran;
        // A task may submit another.
        if (ran.load() == 1) pool.Submit([&] { ++ran; });
      });
    }
  }
  EXPECT_EQ(ran.load(), 101);
}

}  // namespace
}  // namespace rosa
