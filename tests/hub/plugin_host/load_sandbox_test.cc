// The sandbox a plugin is loaded in (load_sandbox.h), entered by a child
// process that then tries what a malicious plugin file's constructors
// would (before, they could read what the hub's user can, fork a child that
// outlived the hub, and stop the hub with SIGSTOP). Built without gRPC, so
// that CI runs it under the sanitizers too; worker_pool_test has the same
// through real workers.
#include "hub/plugin_host/load_sandbox.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

// What a child in the load sandbox with `allowed` as its plugin could do:
// bit 1 open `allowed`, 2 open `other`, 4 fork, 8 signal its parent, 16
// read its parent's limits, 32 write a new file beside `allowed`, 64 the
// sandbox failed.
int WhatAChildCouldDo(const std::string& allowed, const std::string& other) {
  int fds[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (!EnterLoadSandbox(fds[1], allowed).ok()) _exit(64);
    int could = 0;
    if (const int fd = open(allowed.c_str(), O_RDONLY); fd >= 0) {
      could |= 1;
      close(fd);
    }
    if (const int fd = open(other.c_str(), O_RDONLY); fd >= 0) could |= 2;
    if (const pid_t child = fork(); child >= 0) {
      if (child == 0) _exit(0);
      could |= 4;
      waitpid(child, nullptr, 0);
    }
    if (kill(getppid(), 0) == 0) could |= 8;
    struct rlimit limit {};
    if (prlimit(getppid(), RLIMIT_NOFILE, nullptr, &limit) == 0) could |= 16;
    const std::string made = allowed + ".new";
    if (open(made.c_str(), O_WRONLY | O_CREAT, 0600) >= 0) could |= 32;
    _exit(could);
  }
  close(fds[1]);
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  close(fds[0]);
  EXPECT_TRUE(WIFEXITED(status)) << status;
  return WEXITSTATUS(status);
}

TEST(LoadSandboxTest, OnlyThePluginsOwnFileOpensAndNoProcessIsTouched) {
  testutil::TempDir dir;
  const std::string plugin = dir.File("libplugin.so").string();
  const std::string secret = dir.File("kek").string();
  std::ofstream(plugin) << "not really a library";
  std::ofstream(secret) << "HEMMELIG";
  const int could = WhatAChildCouldDo(plugin, secret);
  ASSERT_EQ(could & 64, 0) << "the load sandbox failed";
  EXPECT_EQ(could & 1, 1) << "the plugin's own file must open";
  if (LandlockAbi() > 0) {
    EXPECT_EQ(could & 2, 0) << "another file opened";
    EXPECT_EQ(could & 32, 0) << "a new file was made";
  }
  if (kSandboxFiltersPluginLoad) {
    EXPECT_EQ(could & 4, 0) << "forked";
    EXPECT_EQ(could & 8, 0) << "signalled its parent";
    EXPECT_EQ(could & 16, 0) << "read its parent's limits";
  } else if (LandlockAbi() >= 6) {
    EXPECT_EQ(could & 8, 0) << "signalled its parent";
  }
}

}  // namespace
}  // namespace rosa
