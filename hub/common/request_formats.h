// The formats of the request fields every desk checks the same way: the
// idempotency key of a write and the caller's person reference. Their one
// home, below the desks that use them (referral, placement, consent,
// inquiry), so that no desk includes another for them.
// Thread-safe: pure functions.
#ifndef ROSA_HUB_COMMON_REQUEST_FORMATS_H_
#define ROSA_HUB_COMMON_REQUEST_FORMATS_H_

#include <string_view>

namespace rosa {

// "P-" then 4 to 32 capital letters or digits: "P-7KQ2M9XA".
bool IsValidPersonRef(std::string_view ref);

// 1 to 128 printable ASCII characters (0x21 to 0x7E; no space).
bool IsValidIdempotencyKey(std::string_view key);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_REQUEST_FORMATS_H_
