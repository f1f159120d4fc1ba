// The formats of the request fields every desk checks the same way: the
// idempotency key of a write, the caller's person reference and the page a
// list asks for. Their one
// home, below the desks that use them (referral, placement, consent,
// inquiry), so that no desk includes another for them.
// Thread-safe: pure functions.
#ifndef ROSA_HUB_COMMON_REQUEST_FORMATS_H_
#define ROSA_HUB_COMMON_REQUEST_FORMATS_H_

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace rosa {

// "P-" then 4 to 32 capital letters or digits: "P-7KQ2M9XA".
bool IsValidPersonRef(std::string_view ref);

// 1 to 128 printable ASCII characters (0x21 to 0x7E; no space).
bool IsValidIdempotencyKey(std::string_view key);

// OK for a valid key, else INVALID_ARGUMENT "idempotency_key: required" or
// "idempotency_key: must be 1 to 128 printable ASCII characters"
// (hub/common/field_error.h).
absl::Status CheckIdempotencyKey(std::string_view key);

// The most rows a list request may ask for, and the longest page token it
// may send (hub/store/page_token.h makes and reads them).
inline constexpr int kMaxPageSize = 500;
inline constexpr size_t kMaxPageTokenBytes = 256;

// OK, or INVALID_ARGUMENT "page_size: must be 0 to 500" or "page_token: at
// most 256 bytes".
absl::Status CheckPageRequest(int page_size, std::string_view page_token);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_REQUEST_FORMATS_H_
