// `rosa-hub client ...`: talk to a running hub as one partner, with that
// partner's certificate, the way a partner's own system would.
//   rosa-hub client health   the standard health check; with --wait, poll
//                            until the hub reports SERVING
// Thread-safety: call once from main.
#ifndef ROSA_HUB_CLI_CLIENT_COMMAND_H_
#define ROSA_HUB_CLI_CLIENT_COMMAND_H_

#include <string>

#include "absl/time/time.h"

namespace rosa {

struct ClientOptions {
  std::string target = "127.0.0.1:50051";
  std::string pki_dir = "var/pki";
  std::string partner = "rosa";
  // How long `health` keeps asking until the hub reports SERVING; zero asks
  // once.
  absl::Duration wait = absl::ZeroDuration();
};

// Prints the hub's health state. Returns 0 when it is SERVING, else 1 (the
// last state or error is printed to stderr).
int RunClientHealth(const ClientOptions& options);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_CLIENT_COMMAND_H_
