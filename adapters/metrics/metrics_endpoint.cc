#include "adapters/metrics/metrics_endpoint.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <sys/socket.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hub/common/listen_address.h"

namespace rosa {
absl::Status ParseLoopbackAddress(const std::string& listen, std::string* host,
                                  int* port) {
  std::string h;
  int p = 0;
  if (absl::Status s = ParseListenAddress("metrics address", listen, &h, &p);
      !s.ok()) {
    return s;
  }
  if (!IsLoopbackHost(h)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "metrics address ", listen,
        ": host must be a loopback address (127.0.0.1, ::1, localhost); "
        "the page needs no client certificate"));
  }
  *host = std::move(h);
  *port = p;
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& listen, metrics::Registry* registry) {
  std::string host;
  int port = 0;
  if (absl::Status s = ParseLoopbackAddress(listen, &host, &port); !s.ok()) {
    return s;
  }
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint);
  endpoint->server_ = std::make_unique<httplib::Server>();
  httplib::Server& server = *endpoint->server_;
  // Scrapes are small and rare: two threads are plenty.
  server.new_task_queue = [] { return new httplib::ThreadPool(2); };
  server.set_read_timeout(5, 0);
  server.set_write_timeout(5, 0);
  server.set_payload_max_length(4096);
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which
  // would let a second process share the port and answer some scrapes.
  server.set_socket_options([](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server.Get("/metrics", [registry](const httplib::Request&,
                                    httplib::Response& response) {
    response.set_content(registry->Render(), metrics::Registry::kContentType);
  });
  if (port == 0) {
    endpoint->port_ = server.bind_to_any_port(host);
  } else {
    endpoint->port_ = server.bind_to_port(host, port) ? port : -1;
  }
  if (endpoint->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for metrics on ", listen));
  }
  endpoint->thread_ = std::thread([&server] { server.listen_after_bind(); });
  // stop() before the loop runs would not end it: wait until it runs.
  while (!server.is_running()) std::this_thread::yield();
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() {
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rosa
