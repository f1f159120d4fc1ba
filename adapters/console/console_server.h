// The web console: HTTPS (cpp-httplib's SSLServer over OpenSSL, with the
// hub's own server certificate and key) in the hub process, for ROSA's
// staff and for partners without IT. Every page acts through the same
// desks as the gRPC services, as the registered partner the signed-in
// person belongs to (Partner::person names the person in the audit log),
// so every rule of the core applies unchanged. See README.md here for the
// routes and how to add a page.
//
// Thread-safety: Start, then the destructor, from one thread; the server
// serves on its own threads.
#ifndef ROSA_ADAPTERS_CONSOLE_CONSOLE_SERVER_H_
#define ROSA_ADAPTERS_CONSOLE_CONSOLE_SERVER_H_

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "adapters/console/console_desks.h"
#include "adapters/console/live_events.h"
#include "adapters/console/router.h"
#include "hub/store/database.h"
#include "hub/users/session_book.h"
#include "hub/users/user_desk.h"

namespace httplib {
class SSLServer;
}

namespace rosa::console {

struct ConsoleOptions {
  // host:port; port 0 picks a free one (see port()).
  std::string listen;
  // The hub's server certificate and key (PEM).
  std::filesystem::path cert;
  std::filesystem::path key;
  ConsoleSettings settings;
  users::SessionBook::Options sessions;
  users::UserDesk::Options users;
};

class ConsoleServer {
 public:
  // INVALID_ARGUMENT for a malformed address or an unreadable certificate
  // or key, UNAVAILABLE when the port cannot be bound.
  static absl::StatusOr<std::unique_ptr<ConsoleServer>> Start(
      const ConsoleOptions& options, const ConsoleHub& hub);
  // Ends live streams, stops serving and joins the threads.
  ~ConsoleServer();

  ConsoleServer(const ConsoleServer&) = delete;
  ConsoleServer& operator=(const ConsoleServer&) = delete;

  int port() const { return port_; }
  users::UserDesk& users() { return *users_; }

 private:
  ConsoleServer() = default;

  std::unique_ptr<users::UserDesk> users_;
  std::unique_ptr<users::SessionBook> sessions_;
  std::unique_ptr<LiveEvents> live_;
  ConsoleDesks desks_;
  std::unique_ptr<httplib::SSLServer> server_;
  // Its handlers run on server_'s threads, which the destructor joins.
  std::unique_ptr<Router> router_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_CONSOLE_SERVER_H_
