#include "hub/cli/limit_flags.h"

namespace rosa {

void AddLimitFlags(CLI::App& serve, ServerLimits& limits, size_t& memory_mib) {
  serve
      .add_option("--partner-rate", limits.partner.requests_per_second,
                  "Calls per second each partner may make, sustained; past "
                  "it RESOURCE_EXHAUSTED")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1e6));
  serve
      .add_option("--partner-burst", limits.partner.request_burst,
                  "Calls each partner may make at once after a quiet while")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      .add_option("--partner-streams", limits.partner.max_open_streams,
                  "Open Watch and Subscribe streams per partner")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      .add_option("--connection-streams", limits.max_streams_per_connection,
                  "Concurrent calls on one connection")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      .add_option("--handshake-timeout-ms", limits.handshake_timeout_ms,
                  "A connection's TLS handshake must finish within this; "
                  "else it is closed")
      ->capture_default_str()
      ->check(CLI::Range(100, 600'000));
  serve
      .add_option("--connection-idle-ms", limits.max_connection_idle_ms,
                  "A connection with no call for this long is closed")
      ->capture_default_str()
      ->check(CLI::Range(1'000, 24 * 3'600'000));
  memory_mib = limits.max_memory_bytes >> 20;
  serve
      .add_option("--max-memory-mib", memory_mib,
                  "Memory gRPC may use for connections and calls (MiB)")
      ->capture_default_str()
      ->check(CLI::Range(16, 1 << 20));
  serve
      .add_option("--max-threads", limits.max_threads,
                  "Threads gRPC may use for synchronous handlers")
      ->capture_default_str()
      ->check(CLI::Range(4, 4096));
}

void AddIngestFlags(CLI::App& serve, IngestDesk::Budget& budget) {
  serve
      .add_option("--partner-records-rate", budget.records_per_second,
                  "Records of partner payloads (Ingest, file drop) each "
                  "partner may have applied per second, sustained")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1e6));
  serve
      .add_option("--partner-records-burst", budget.records_burst,
                  "Records a partner may have applied at once after a quiet "
                  "while (at least one payload's worth)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000000));
  serve
      .add_option("--partner-payloads", budget.max_in_flight,
                  "Payloads of one partner decoded or applied at once")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
}

void ApplyMemoryFlag(size_t memory_mib, ServerLimits& limits) {
  limits.max_memory_bytes = memory_mib << 20;
}

}  // namespace rosa
