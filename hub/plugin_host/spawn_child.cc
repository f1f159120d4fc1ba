#include "hub/plugin_host/spawn_child.h"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>

#include "hub/plugin_host/sandbox.h"

namespace rosa {

absl::StatusOr<pid_t> SpawnChild(const std::filesystem::path& executable,
                                 std::vector<std::string> args, int socket_fd,
                                 const std::string& what) {
  // Out of the way of 0-3, so that dup2 below always copies (and so clears
  // close-on-exec).
  const int child_fd = fcntl(socket_fd, F_DUPFD_CLOEXEC, 10);
  if (child_fd < 0) {
    return absl::ErrnoToStatus(errno, what);
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  // A sanitizer build keeps the hub's stderr for the child's reports.
  if (!kSandboxKeepsStderr) {
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  }
  posix_spawn_file_actions_adddup2(&actions, child_fd, kChildSocketFd);
  posix_spawn_file_actions_addclosefrom_np(&actions, kChildSocketFd + 1);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, executable.c_str(), &actions, nullptr,
                             argv.data(), envp);
  posix_spawn_file_actions_destroy(&actions);
  close(child_fd);
  if (rc != 0) return absl::ErrnoToStatus(rc, what);
  return pid;
}

}  // namespace rosa
