// Driving a running hub's web console in integration tests, as a browser
// without JavaScript would: HTTPS that trusts the hub's development CA, a
// cookie jar, form fields read from the returned HTML; and enrolling a user
// the way a person does (`rosa-hub users add`, the enrolment page, a code
// computed from the secret the page shows).
//
// Thread-compatible: one thread drives a ConsoleClient.
#ifndef ROSA_TESTS_INTEGRATION_CONSOLE_CLIENT_H_
#define ROSA_TESTS_INTEGRATION_CONSOLE_CLIENT_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/integration/hub_process.h"

namespace rosa::integration {

// A command line that turns the console on at a free port.
inline const std::vector<std::string>& ConsoleArgs() {
  static const auto* const kArgs =
      new std::vector<std::string>{"--console-listen", "127.0.0.1:0"};
  return *kArgs;
}

// The console's port, from the hub's log of its current run.
absl::StatusOr<int> ConsolePort(const HubProcess& hub);

struct ConsoleAnswer {
  int status = 0;
  std::string body;
  // Every header, names in lower case, in order.
  std::vector<std::pair<std::string, std::string>> headers;
  // The first value of `name` (lower case); empty when absent.
  std::string Header(const std::string& name) const;
  // Every value of `name` (lower case).
  std::vector<std::string> Headers(const std::string& name) const;
};

class ConsoleClient {
 public:
  // REQUIRES: the hub runs with the console on.
  explicit ConsoleClient(const HubProcess& hub);

  absl::StatusOr<ConsoleAnswer> Get(const std::string& path);
  // POSTs `form` (application/x-www-form-urlencoded). Adds nothing: the
  // caller puts the csrf field in when it wants one.
  absl::StatusOr<ConsoleAnswer> Post(
      const std::string& path,
      const std::vector<std::pair<std::string, std::string>>& form);
  // The cookie jar's value of `name`; empty when unset.
  std::string Cookie(const std::string& name) const;
  void ClearCookies() { cookies_.clear(); }

  // The value attribute of the first <input name="`name`"> in `html`.
  static std::string InputValue(const std::string& html,
                                const std::string& name);

  // Enrols partner/name with `password` (runs `rosa-hub users add` on the
  // hub's data directory and fills in the enrolment page) and returns the
  // raw TOTP secret.
  absl::StatusOr<std::string> Enrol(const std::string& partner,
                                    const std::string& name,
                                    const std::string& password);
  // Logs in with a code of the next time step (the enrolment used the
  // current one). The answer of POST /login.
  absl::StatusOr<ConsoleAnswer> Login(const std::string& user,
                                      const std::string& password,
                                      const std::string& secret);

 private:
  void Remember(const ConsoleAnswer& answer);
  std::string CookieHeader() const;

  const HubProcess& hub_;
  int port_ = 0;
  std::map<std::string, std::string> cookies_;
};

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_CONSOLE_CLIENT_H_
