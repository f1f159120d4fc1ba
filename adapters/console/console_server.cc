#include "adapters/console/console_server.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/console/pages/pages.h"
#include "adapters/console/router.h"
#include "hub/common/listen_address.h"

namespace rosa::console {
namespace {

// The TLS 1.2 suites the console offers: ECDHE, AES-GCM or ChaCha20-Poly1305.
constexpr char kTls12Ciphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Server threads: every live-update stream holds one, and pages need some
// more.
constexpr int kPageThreads = 8;

}  // namespace

absl::StatusOr<std::unique_ptr<ConsoleServer>> ConsoleServer::Start(
    const ConsoleOptions& options, const ConsoleHub& hub) {
  std::string host;
  int port = 0;
  if (absl::Status s =
          ParseListenAddress("console address", options.listen, &host, &port);
      !s.ok()) {
    return s;
  }
  std::unique_ptr<ConsoleServer> console(new ConsoleServer);
  console->users_ = std::make_unique<users::UserDesk>(
      hub.registry, hub.db, hub.secrets, hub.clock, options.users);
  console->sessions_ =
      std::make_unique<users::SessionBook>(hub.clock, options.sessions);
  console->live_ = std::make_unique<LiveEvents>(
      hub.notifier, options.settings.max_event_streams);
  static_cast<ConsoleHub&>(console->desks_) = hub;
  console->desks_.users = console->users_.get();
  console->desks_.sessions = console->sessions_.get();
  console->desks_.live = console->live_.get();
  console->desks_.settings = options.settings;
  console->server_ = std::make_unique<httplib::SSLServer>(options.cert.c_str(),
                                                          options.key.c_str());
  httplib::SSLServer& server = *console->server_;
  if (!server.is_valid()) {
    return absl::InvalidArgumentError(
        "console: cannot load the server certificate or key");
  }
  // As the gRPC port: TLS 1.2 with forward-secret AEAD suites only, or
  // TLS 1.3 (whose suites all are). cpp-httplib's defaults also took CBC
  // with SHA-1 (ECDHE-ECDSA-AES128-SHA; an outside review).
  if (SSL_CTX_set_min_proto_version(server.ssl_context(), TLS1_2_VERSION) !=
          1 ||
      SSL_CTX_set_cipher_list(server.ssl_context(), kTls12Ciphers) != 1) {
    return absl::InternalError("console: cannot set the TLS cipher suites");
  }
  const int threads = kPageThreads + options.settings.max_event_streams;
  server.new_task_queue = [threads] {
    return new httplib::ThreadPool(threads);
  };
  // A connection that sends no request holds a thread this long at most
  // (see the README: a reverse proxy limits more).
  server.set_read_timeout(10, 0);
  server.set_write_timeout(30, 0);
  server.set_payload_max_length(kMaxFormBytes);
  // Idle keep-alive connections hold a thread; stop waits for them.
  server.set_keep_alive_timeout(2);
  server.set_socket_options([](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  console->router_ = std::make_unique<Router>(&server, &console->desks_);
  RegisterPages(*console->router_);
  if (port == 0) {
    console->port_ = server.bind_to_any_port(host);
  } else {
    console->port_ = server.bind_to_port(host, port) ? port : -1;
  }
  if (console->port_ <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for the console on ", options.listen));
  }
  console->thread_ = std::thread([&server] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::yield();
  return console;
}

ConsoleServer::~ConsoleServer() {
  if (live_ != nullptr) live_->Stop();
  if (server_ != nullptr) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace rosa::console
