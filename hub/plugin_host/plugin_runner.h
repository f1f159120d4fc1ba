// Where a loaded plugin's code runs: behind this interface either the
// library mapped into this process (PluginLibrary, for unit tests and the
// benchmark's baseline) or a pool of sandboxed worker processes
// (WorkerPool, the hub's production path). Requests and answers cross it as
// the serialized plugin.proto messages the C ABI takes and gives.
//
// Thread-safety: implementations are safe to call from any thread at once.
#ifndef ROSA_HUB_PLUGIN_HOST_PLUGIN_RUNNER_H_
#define ROSA_HUB_PLUGIN_HOST_PLUGIN_RUNNER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace rosa {

// Which entry point a request is for.
enum class PluginCall : uint8_t { kDecode = 1, kEncode = 2 };

// "decode" or "encode".
inline const char* CallName(PluginCall call) {
  return call == PluginCall::kDecode ? "decode" : "encode";
}

// The error of a call (`what`: CallName, or "manifest") that failed inside
// the plugin - it threw, or its worker reported a failure, whatever code
// and words it chose: INTERNAL, naming the plugin and the call only, never
// anything the plugin wrote (it could quote a payload, or forge a log
// line).
inline absl::Status FailedInsidePlugin(absl::string_view plugin,
                                       absl::string_view what) {
  return absl::InternalError(
      absl::StrCat("plugin ", plugin, ": ", what, " failed inside the plugin"));
}

// One worker process as an operator sees it (PluginAdmin.ListPlugins).
struct WorkerState {
  // The partner whose data it handles; empty for the worker started at
  // load, which has handled none yet.
  std::string partner;
  pid_t pid = 0;  // 0 while no worker runs in this slot.
  uint64_t restarts = 0;
  uint64_t crashes = 0;
  // "signal SIGSEGV", "blocked system call (SIGSYS)", "timed out after 2s";
  // empty if it never crashed.
  std::string last_crash;
  absl::Time last_crash_at = absl::InfinitePast();
};

class PluginRunner {
 public:
  virtual ~PluginRunner() = default;

  // Runs `call` on the serialized `request`; the serialized answer.
  // `payload_key` identifies the payload (its SHA-256) so that one that
  // keeps killing workers is refused instead of retried for ever;
  // `partner_id` is the partner whose data it is (the sender of a payload
  // to decode, the recipient of an event to encode), whose own workers run
  // it. Errors name the plugin, never anything from the payload.
  virtual absl::StatusOr<std::string> Run(
      PluginCall call, std::string_view request, std::string_view payload_key,
      std::string_view partner_id) const = 0;

  // The worker processes (a slot is listed once it was first needed),
  // empty when the plugin runs in this process.
  virtual std::vector<WorkerState> Workers() const { return {}; }
};

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_PLUGIN_RUNNER_H_
