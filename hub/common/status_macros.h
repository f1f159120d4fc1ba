// Early-return helpers for absl::Status and absl::StatusOr<T>, as used
// throughout the hub (abseil ships these only internally).
// Thread-safe: macros only.
#ifndef ROSA_HUB_COMMON_STATUS_MACROS_H_
#define ROSA_HUB_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ROSA_CONCAT_INNER_(a, b) a##b
#define ROSA_CONCAT_(a, b) ROSA_CONCAT_INNER_(a, b)

// Returns from the current function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                    \
  do {                                           \
    ::absl::Status rosa_status_ = (expr);        \
    if (!rosa_status_.ok()) return rosa_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, FunctionReturningStatusOr())`.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ROSA_ASSIGN_OR_RETURN_IMPL_(ROSA_CONCAT_(rosa_statusor_, __LINE__), lhs, expr)

#define ROSA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                \
  if (!statusor.ok()) return statusor.status();          \
  lhs = std::move(statusor).value()

#endif  // ROSA_HUB_COMMON_STATUS_MACROS_H_
