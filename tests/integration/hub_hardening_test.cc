// The serving hub hardens its process and files: no core dumps, not
// dumpable (another process of the same user cannot read its memory), and
// it refuses to start on a private key that group or others may read.
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// The "Max core file size" line of /proc/<pid>/limits.
std::string CoreLimitLine(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/limits");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Max core file size", 0) == 0) return line;
  }
  return "";
}

// Drops CAP_SYS_PTRACE from this thread for good (bounding, permitted,
// effective and inheritable sets), so that the hub started from it, and the
// probe below, run without it: then only dumpability decides whether a
// process of the same user may read another's memory. Without the drop, a
// root test would be let in by the capability, dumpable or not.
void DropPtraceCapability() {
  // Without CAP_SETPCAP (not root) this fails, and there is nothing to drop.
  prctl(PR_CAPBSET_DROP, CAP_SYS_PTRACE, 0, 0, 0);
  __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  ASSERT_EQ(syscall(SYS_capget, &header, data), 0);
  const uint32_t bit = 1u << (CAP_SYS_PTRACE % 32);
  __user_cap_data_struct& word = data[CAP_SYS_PTRACE / 32];
  word.effective &= ~bit;
  word.permitted &= ~bit;
  word.inheritable &= ~bit;
  ASSERT_EQ(syscall(SYS_capset, &header, data), 0);
}

// Whether a process of our user and capabilities may open /proc/<pid>/mem:
// the kernel allows it only if `pid` is dumpable.
bool SameUserCanReadMemoryOf(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/mem";
  const pid_t child = fork();
  if (child == 0) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    _exit(fd >= 0 ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

class HubHardeningTest : public HubTest {
 protected:
  void SetUp() override {
    // Start the hub as a shell with `ulimit -c unlimited` would.
    struct rlimit limit;
    ASSERT_EQ(getrlimit(RLIMIT_CORE, &limit), 0);
    ASSERT_NE(limit.rlim_max, 0u) << "cannot test: core dumps are off";
    limit.rlim_cur = limit.rlim_max;
    ASSERT_EQ(setrlimit(RLIMIT_CORE, &limit), 0);
    // From the main thread, which starts the hub and forks the probes.
    ASSERT_NO_FATAL_FAILURE(DropPtraceCapability());
    HubTest::SetUp();
  }

  // Stops the hub, makes `key` group-readable, and expects the next start
  // to fail naming it; then puts it right and expects a start.
  void ExpectRefusedToStart(const fs::path& key) {
    ASSERT_TRUE(hub().Terminate().ok());
    fs::permissions(key, fs::perms::group_read, fs::perm_options::add);
    const absl::Status restarted = hub().Restart();
    EXPECT_FALSE(restarted.ok()) << key << " readable by the group";
    EXPECT_THAT(hub().ReadLog(), HasSubstr(key.filename().string()));
    EXPECT_THAT(hub().ReadLog(), HasSubstr("mode 0600"));
    // Put right, it starts.
    fs::permissions(key, fs::perms::group_read, fs::perm_options::remove);
    EXPECT_TRUE(hub().Restart().ok());
  }
};

TEST_F(HubHardeningTest, NoCoreDumpsAndNotDumpable) {
  // The probe works: an ordinary (dumpable) process of ours is readable.
  ASSERT_TRUE(SameUserCanReadMemoryOf(getpid()));

  const std::string line = CoreLimitLine(hub().pid());
  ASSERT_FALSE(line.empty());
  std::istringstream fields(line.substr(sizeof("Max core file size") - 1));
  std::string soft, hard;
  fields >> soft >> hard;
  EXPECT_EQ(soft, "0") << line;
  EXPECT_EQ(hard, "0") << line;
  EXPECT_FALSE(SameUserCanReadMemoryOf(hub().pid()));
}

TEST_F(HubHardeningTest, RefusesAServerKeyOthersCanRead) {
  ExpectRefusedToStart(hub().pki_dir() / "hub.key");
}

TEST_F(HubHardeningTest, RefusesACaKeyOthersCanRead) {
  ExpectRefusedToStart(hub().pki_dir() / "ca.key");
}

TEST_F(HubHardeningTest, RefusesAnAuditSigningKeyOthersCanRead) {
  ExpectRefusedToStart(hub().data_dir() / "keys" / "audit-signing.key");
}

}  // namespace
}  // namespace rosa::integration
