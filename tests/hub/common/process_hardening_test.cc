// HardenProcess leaves this process without core dumps and non-dumpable.
#include "hub/common/process_hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include "gtest/gtest.h"

namespace rosa {
namespace {

TEST(ProcessHardeningTest, NoCoreDumpsAndNotDumpable) {
  // Start from a process that would dump core, as a shell with
  // `ulimit -c unlimited` would start the hub.
  struct rlimit limit;
  ASSERT_EQ(getrlimit(RLIMIT_CORE, &limit), 0);
  if (limit.rlim_max != 0) {
    limit.rlim_cur = limit.rlim_max;
    ASSERT_EQ(setrlimit(RLIMIT_CORE, &limit), 0);
  }
  ASSERT_EQ(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);

  ASSERT_TRUE(HardenProcess().ok());

  EXPECT_EQ(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
  ASSERT_EQ(getrlimit(RLIMIT_CORE, &limit), 0);
  EXPECT_EQ(limit.rlim_cur, 0u);
  EXPECT_EQ(limit.rlim_max, 0u);
  // The hard limit is 0 too, so nothing in the process can raise it again
  // (without CAP_SYS_RESOURCE).
}

}  // namespace
}  // namespace rosa
