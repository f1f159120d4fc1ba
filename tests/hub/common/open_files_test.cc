// The open-file limit the serving hub raises, and the count its metrics
// show: the soft limit goes up to the hard one; a descriptor opened is
// counted and one closed is not.
#include "hub/common/open_files.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(OpenFilesTest, TheSoftLimitRisesToTheHardOne) {
  struct rlimit limit;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  ASSERT_GT(limit.rlim_max, 64u);
  const struct rlimit saved = limit;
  limit.rlim_cur = 64;  // As a unit's or a shell's low default.
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);

  absl::StatusOr<uint64_t> raised = RaiseOpenFileLimit();
  ASSERT_TRUE(raised.ok()) << raised.status();
  EXPECT_EQ(*raised, std::min<uint64_t>(saved.rlim_max, uint64_t{1} << 20));
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  EXPECT_EQ(limit.rlim_cur, *raised);
  absl::StatusOr<OpenFiles> files = CountOpenFiles();
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->limit, *raised);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
}

TEST(OpenFilesTest, OpenDescriptorsAreCounted) {
  absl::StatusOr<OpenFiles> before = CountOpenFiles();
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_GE(before->open, 3u);  // At least stdin, stdout and stderr.
  const int a = open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int b = open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  absl::StatusOr<OpenFiles> with = CountOpenFiles();
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->open, before->open + 2);
  close(a);
  close(b);
  absl::StatusOr<OpenFiles> after = CountOpenFiles();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->open, before->open);
}

}  // namespace
}  // namespace rosa
