// The plugin fork server as the hub runs it: real `rosa-hub
// plugin-fork-server` and worker processes (testutil::HubBinary()), the real
// SDK and the misbehaving test plugin.
#include "hub/plugin_host/fork_server.h"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/plugin_workers.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testutil::HubBinary;
using testutil::HubExitStatus;
using testutil::Misbehave;
using testutil::MisbehavingPlugin;

// The state letter and parent pid of `pid`, from /proc ({0, 0} if gone).
std::pair<char, pid_t> StatOf(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  const size_t end = stat.rfind(')');
  if (end == std::string::npos || end + 2 >= stat.size()) return {0, 0};
  std::istringstream rest(stat.substr(end + 2));
  char state = 0;
  pid_t parent = 0;
  rest >> state >> parent;
  return {state, parent};
}

pid_t ParentOf(pid_t pid) { return StatOf(pid).second; }

// Waits until `pid` has ended (a zombie or gone); false after 10 s.
bool AwaitEnded(pid_t pid) {
  for (int i = 0; i < 10000; ++i) {
    const char state = StatOf(pid).first;
    if (state == 0 || state == 'Z') return true;
    absl::SleepFor(absl::Milliseconds(1));
  }
  return false;
}

class ForkServerTest : public testutil::PluginWorkersTest {
 protected:
  ForkServerTest() { options_.workers_per_partner = 1; }
};

TEST_F(ForkServerTest, EveryWorkerIsAChildOfTheOneForkServer) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto server = ForkServer::Shared(options_);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(ParentOf((*server)->pid()), getpid());
  const pid_t first = plugin->workers()[0].pid;
  EXPECT_EQ(ParentOf(first), (*server)->pid());

  // A crash is described from the fork server's report, and the
  // replacement comes from the same fork server.
  auto crashed = Misbehave(*plugin, "segv");
  EXPECT_EQ(crashed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(crashed.status().message(), HasSubstr("signal SIGSEGV"));
  const pid_t second = plugin->workers()[0].pid;
  EXPECT_NE(second, first);
  EXPECT_EQ(ParentOf(second), (*server)->pid());
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

// A worker restarted by a thread that then ends still serves: its parent
// is the fork server, not that thread (whose end would have killed it
// through the parent-death signal when the hub forked it).
TEST_F(ForkServerTest, AWorkerRestartedByAThreadThatEndedStillServes) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  std::thread short_lived([&] {
    EXPECT_EQ(Misbehave(*plugin, "segv").status().code(),
              absl::StatusCode::kUnavailable);
  });
  short_lived.join();
  // The kernel sends a parent-death signal as the thread is torn down,
  // possibly just after join returns.
  absl::SleepFor(absl::Milliseconds(200));
  auto served = Misbehave(*plugin, "fine");
  EXPECT_TRUE(served.ok()) << served.status();
  EXPECT_EQ(plugin->workers()[0].crashes, 1u);
}

TEST_F(ForkServerTest, WhenTheForkServerDiesANewOneReplacesItsWorkers) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto server = ForkServer::Shared(options_);
  ASSERT_TRUE(server.ok()) << server.status();
  const pid_t old_server = (*server)->pid();
  const pid_t old_worker = plugin->workers()[0].pid;
  server->reset();
  ASSERT_EQ(kill(old_server, SIGKILL), 0);
  ASSERT_TRUE(AwaitEnded(old_worker));

  // Its worker died with it, while idle: it is replaced from a new fork
  // server before the next call is sent, which it serves; the crash names
  // why.
  auto served = Misbehave(*plugin, "fine");
  EXPECT_TRUE(served.ok()) << served.status();
  EXPECT_EQ(plugin->workers()[0].last_crash, "its fork server died");
  auto fresh = ForkServer::Shared(options_);
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_NE((*fresh)->pid(), old_server);
  EXPECT_EQ(ParentOf(plugin->workers()[0].pid), (*fresh)->pid());
}

TEST_F(ForkServerTest, WithoutTheForkServerEachWorkerIsExecdByTheHub) {
  options_.fork_server = false;
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(ParentOf(plugin->workers()[0].pid), getpid());
  auto crashed = Misbehave(*plugin, "segv");
  EXPECT_THAT(crashed.status().message(), HasSubstr("signal SIGSEGV"));
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

// An executable without the fork server's subcommand (an older
// rosa-plugin-worker): the hub execs each worker instead, as before.
TEST_F(ForkServerTest, WithoutAWorkingForkServerEachWorkerIsExecd) {
  const fs::path script = dir_.path() / "old-worker";
  {
    std::ofstream out(script);
    out << "#!/bin/sh\n"
        << "[ \"$1\" = plugin-fork-server ] && exit 106\n"
        << "exec " << HubBinary().string() << " \"$@\"\n";
  }
  fs::permissions(script, fs::perms::owner_all);
  options_.executable = script;
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(ParentOf(plugin->workers()[0].pid), getpid());
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
  EXPECT_FALSE(ForkServer::Shared(options_).ok());
}

TEST_F(ForkServerTest, TheForkServerRefusesToRunByHand) {
  EXPECT_EQ(HubExitStatus("plugin-fork-server --socket-fd 0"), 2);
}

}  // namespace
}  // namespace rosa
