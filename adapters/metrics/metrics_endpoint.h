// The /metrics page over plain HTTP on a loopback address, apart from the
// partner port: Prometheus (or curl) on the hub's own machine scrapes it.
// It serves GET /metrics (the registry's page) and nothing else (404); the
// page holds counts and ids, never personal data or payloads.
//
// The address must be a loopback one (127.0.0.0/8, ::1 or localhost): the
// page needs no client certificate, so it must not be reachable from the
// network. A Prometheus elsewhere reaches it through its own tunnel.
//
// Thread-safety: Start, then the destructor, from one thread; the endpoint
// serves on its own threads.
#ifndef ROSA_ADAPTERS_METRICS_METRICS_ENDPOINT_H_
#define ROSA_ADAPTERS_METRICS_METRICS_ENDPOINT_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "hub/metrics/registry.h"

namespace httplib {
class Server;
}

namespace rosa {

class MetricsEndpoint {
 public:
  // Listens on `listen` (host:port; port 0 picks a free one) and serves
  // `registry`. INVALID_ARGUMENT for a malformed or non-loopback address,
  // UNAVAILABLE when the port cannot be bound.
  // REQUIRES: `registry` outlives the endpoint.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& listen, metrics::Registry* registry);
  // Stops serving and joins the thread.
  ~MetricsEndpoint();

  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

// Splits "host:port" ("[::1]:port" for IPv6) and checks that the host is a
// loopback address; the port is 0 to 65535.
absl::Status ParseLoopbackAddress(const std::string& listen, std::string* host,
                                  int* port);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_METRICS_METRICS_ENDPOINT_H_
