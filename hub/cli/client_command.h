// `rosa-hub client ...`: talk to a running hub as one partner, with that
// partner's certificate, the way a partner's own system would.
//   rosa-hub client health     the standard health check; with --wait, poll
//                              until the hub reports SERVING
//   rosa-hub client ingest     send one payload in the partner's format and
//                              print each record's outcome
//   rosa-hub client subscribe  print the partner's events as its plugin
//                              encodes them
// Thread-safety: call once from main.
#ifndef ROSA_HUB_CLI_CLIENT_COMMAND_H_
#define ROSA_HUB_CLI_CLIENT_COMMAND_H_

#include <cstdint>
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

struct ClientIngestOptions {
  ClientOptions client;
  std::string file;
  // Empty: the one content type the partner's plugin reads.
  std::string content_type;
};

struct ClientSubscribeOptions {
  ClientOptions client;
  uint64_t after_cursor = 0;
  // Stop after this many events; zero: no limit.
  int count = 0;
  // Stop after this long; zero: run until interrupted.
  absl::Duration duration = absl::ZeroDuration();
};

// Prints the hub's health state. Returns 0 when it is SERVING, else 1 (the
// last state or error is printed to stderr).
int RunClientHealth(const ClientOptions& options);

// Sends the file's bytes through PartnerGateway.Ingest and prints one line
// per record ("line 2: REJECTED: ledige: ..."). Returns 0 when the payload
// was applied (or applied before), else 1.
int RunClientIngest(const ClientIngestOptions& options);

// Prints each encoded event from PartnerGateway.Subscribe: a line with its
// cursor, name and content type, then the payload as the partner would
// receive it. Returns 0 when it stopped as asked, else 1.
int RunClientSubscribe(const ClientSubscribeOptions& options);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_CLIENT_COMMAND_H_
