// The messages between the hub and its plugin fork server (fork_server.h,
// fork_server_main.h) over their SOCK_SEQPACKET control socket: one message
// a packet, a kind byte and '\0'-separated text fields, and descriptors
// passed with SCM_RIGHTS.
//
//  hub -> server  kSpawn    file, copy, sha256, memory MiB, CPU seconds: fork
//                           a worker for that staged plugin.
//  server -> hub  kSpawned  pid; descriptors: the hub's end of the worker's
//                           socketpair and a pidfd of the worker.
//                 kRefused  errno: the fork (or socketpair) failed.
//                 kExited   pid, waitpid status: a worker ended (reaped).
//
// The fields are paths, a hash and numbers the hub chose: never a payload.
//
// Thread-safety: stateless functions; one thread at a time per descriptor
// and direction.
#ifndef ROSA_HUB_PLUGIN_HOST_FORK_SERVER_WIRE_H_
#define ROSA_HUB_PLUGIN_HOST_FORK_SERVER_WIRE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa {

enum class ForkServerKind : char {
  kSpawn = 'S',
  kSpawned = 'P',
  kRefused = 'R',
  kExited = 'X',
};

struct ForkServerMessage {
  ForkServerKind kind = ForkServerKind::kSpawn;
  std::vector<std::string> fields;
  // Sent with the message; a received message's descriptors are the
  // receiver's to close.
  std::vector<int> fds;
};

// Sends one message (blocking). UNAVAILABLE when the peer is gone; never
// raises SIGPIPE.
absl::Status SendForkServerMessage(int fd, const ForkServerMessage& message);

// Receives one message, waiting for it unless `wait` is false (then
// RESOURCE_EXHAUSTED when none is there). UNAVAILABLE when the peer closed
// the socket; DATA_LOSS for a packet that is not a message (any
// descriptors it carried are closed).
absl::StatusOr<ForkServerMessage> ReceiveForkServerMessage(int fd, bool wait);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_FORK_SERVER_WIRE_H_
