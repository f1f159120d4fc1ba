// The group-commit writer measures how long COMMIT took on the clock it is
// given (a clock that never steps), never on the wall clock: a wall-clock
// step while a commit runs changes no figure of the commit-duration metric.
#include <memory>
#include <vector>

#include "gtest/gtest.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/fixed_clock.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::store {
namespace {

TEST(CommitDurationTest, IsReadOnTheGivenSteadyClock) {
  testutil::TempDir dir;
  auto conn =
      Connection::Open(dir.File("hub.db"), Connection::Mode::kReadWrite);
  ASSERT_TRUE(conn.ok()) << conn.status();
  ASSERT_TRUE(ApplySchema(**conn).ok());
  ASSERT_TRUE((*conn)->Exec("CREATE TABLE t(x INTEGER PRIMARY KEY)").ok());
  // A steady clock that stands still: every commit took no time on it,
  // however long the real COMMIT (with its fsync) took on the wall clock.
  testutil::FixedClock steady(absl::UnixEpoch() + absl::Hours(2));
  std::vector<absl::Duration> durations;  // Written on the writer thread,
                                          // read after it stopped.
  GroupCommitWriter::Options options;
  options.on_commit = [&](size_t, absl::Duration d) { durations.push_back(d); };
  options.steady = &steady;
  {
    GroupCommitWriter writer(std::move(*conn), std::move(options));
    for (int x = 1; x <= 3; ++x) {
      ASSERT_TRUE(writer
                      .SubmitAndWait([x](WriteTxn& txn) {
                        return txn.conn().Exec("INSERT INTO t(x) VALUES (" +
                                               std::to_string(x) + ")");
                      })
                      .ok());
    }
  }
  ASSERT_EQ(durations.size(), 3u);
  for (absl::Duration d : durations) EXPECT_EQ(d, absl::ZeroDuration());
}

}  // namespace
}  // namespace rosa::store
