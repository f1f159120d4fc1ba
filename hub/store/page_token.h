// Page tokens for the hub's list queries. A token is the store position
// (the table's seq) of the last row on the page, behind a version prefix:
// "v1.<seq>". Every list query pages in seq order and asks for the rows
// after the token's position, so one token format serves every table.
//
// A token says nothing about the caller: a list filters by the caller
// again on every page, so a token taken from one partner gives another
// partner only its own rows.
//
// Thread-safe: pure functions.
#ifndef ROSA_HUB_STORE_PAGE_TOKEN_H_
#define ROSA_HUB_STORE_PAGE_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rosa::store {

// Rows per page when a request asks for 0 (the default).
inline constexpr int kDefaultPageSize = 50;

// Most rows on a page that carries identity: each such row is an audited
// identity read (decrypt, consent check, audit entry) on the store's single
// writer, so a larger page would hold it, and every other partner's write,
// for longer. A lawyer's ListHandoffs pages are cut to this, and so is the
// number of identity reads a Subscribe page makes; a longer request gets
// this many rows and a next page.
inline constexpr int kMaxIdentityPageSize = 20;

// The token for the page after the row at `seq`.
// REQUIRES: seq >= 0.
std::string EncodePageToken(int64_t seq);

// The position a token stands for; 0 (from the start) for an empty token.
// INVALID_ARGUMENT "page_token: ..." for anything this hub did not hand out;
// the message never repeats the token.
absl::StatusOr<int64_t> DecodePageToken(std::string_view token);

// `requested`, or kDefaultPageSize for 0. The caller validated the range
// (CheckPageRequest, hub/common/request_formats.h).
inline int PageSizeOrDefault(int requested) {
  return requested == 0 ? kDefaultPageSize : requested;
}

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_PAGE_TOKEN_H_
