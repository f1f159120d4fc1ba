// Parsing of a listen address "host:port" ("[::1]:9464" for IPv6) for the
// hub's HTTP(S) endpoints, the one home of the rule; and whether a host is
// a loopback address. Errors name `what` ("metrics address") and the
// address, which is configuration, never personal data.
// Thread-safe: pure functions.
#ifndef ROSA_HUB_COMMON_LISTEN_ADDRESS_H_
#define ROSA_HUB_COMMON_LISTEN_ADDRESS_H_

#include <string>

#include "absl/status/status.h"

namespace rosa {

// Splits `listen` into `host` (brackets of an IPv6 address removed) and
// `port` (0 to 65535; 0: any free port). INVALID_ARGUMENT otherwise.
absl::Status ParseListenAddress(const std::string& what,
                                const std::string& listen, std::string* host,
                                int* port);

// 127.0.0.0/8, ::1 or localhost.
bool IsLoopbackHost(const std::string& host);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_LISTEN_ADDRESS_H_
