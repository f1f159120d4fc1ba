// FolderWatch calls back when a file is renamed into or written in a
// watched folder, refuses a folder that does not exist, and stops cleanly.
#include "adapters/file_drop/folder_watch.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;

// Polls `done` every 10 ms for up to 10 s.
bool WaitFor(const std::function<bool()>& done) {
  const absl::Time until = absl::Now() + absl::Seconds(10);
  while (absl::Now() < until && !done()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST(FolderWatchTest, CallsBackWhenAFileLands) {
  testutil::TempDir dir;
  const fs::path inbox = dir.File("inbox");
  fs::create_directory(inbox);
  std::atomic<int> calls{0};
  FolderWatch watch([&] { ++calls; });
  ASSERT_TRUE(watch.Start({inbox}).ok());
  std::ofstream(dir.File("outside.tmp")) << "x";
  fs::rename(dir.File("outside.tmp"), inbox / "moved-in.csv");
  EXPECT_TRUE(WaitFor([&] { return calls > 0; }));
  const int after_move = calls;
  std::ofstream(inbox / "written.csv") << "y";
  EXPECT_TRUE(WaitFor([&] { return calls > after_move; }));
  watch.Stop();
  watch.Stop();  // Idempotent.
}

TEST(FolderWatchTest, RefusesAMissingFolder) {
  testutil::TempDir dir;
  FolderWatch watch([] {});
  EXPECT_FALSE(watch.Start({dir.File("missing")}).ok());
}

}  // namespace
}  // namespace rosa
