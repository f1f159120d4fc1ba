// How the hub starts a process of its own executable family - a plugin
// worker or the plugin fork server - with nothing inherited: an empty
// environment, stdin/stdout/stderr on /dev/null and one socket as
// descriptor 3 (kChildSocketFd), every other descriptor closed.
//
// Thread-safety: thread-safe.
#ifndef ROSA_HUB_PLUGIN_HOST_SPAWN_CHILD_H_
#define ROSA_HUB_PLUGIN_HOST_SPAWN_CHILD_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace rosa {

// The descriptor the child finds its socket at.
inline constexpr int kChildSocketFd = 3;

// Starts `executable` with `args` (args[0] included) and `socket_fd` (which
// the caller keeps and closes) as descriptor kChildSocketFd. If it cannot
// start, the error's errno with `what` as the message.
absl::StatusOr<pid_t> SpawnChild(const std::filesystem::path& executable,
                                 std::vector<std::string> args, int socket_fd,
                                 const std::string& what);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_SPAWN_CHILD_H_
