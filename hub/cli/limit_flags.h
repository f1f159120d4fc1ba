// The `rosa-hub serve` flags for the hub's resource limits (ServerLimits):
// per-partner request rate, burst and open streams; streams per connection,
// memory and threads of the gRPC server (defaults are ServerLimits'); and
// each partner's payload budget (IngestDesk::Budget's defaults).
// Thread-compatible: called once while the command line is set up.
#ifndef ROSA_HUB_CLI_LIMIT_FLAGS_H_
#define ROSA_HUB_CLI_LIMIT_FLAGS_H_

#include "CLI/CLI.hpp"
#include "hub/exchange/ingest_desk.h"
#include "hub/server/server_limits.h"

namespace rosa {

// Adds the flags to `serve`; CLI11 writes the parsed values into `limits`
// (and `memory_mib`, converted by ApplyMemoryFlag after parsing).
// REQUIRES: `limits` and `memory_mib` outlive the parse.
void AddLimitFlags(CLI::App& serve, ServerLimits& limits, size_t& memory_mib);

// Adds the flags of each partner's payload budget; CLI11 writes them into
// `budget`. REQUIRES: `budget` outlives the parse.
void AddIngestFlags(CLI::App& serve, IngestDesk::Budget& budget);

// Copies the parsed --max-memory-mib into `limits`.
void ApplyMemoryFlag(size_t memory_mib, ServerLimits& limits);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_LIMIT_FLAGS_H_
