// Structured log lines. LogEvent writes one line through spdlog with the
// stable fields the JSON format shows as keys (json_log_formatter.h): the
// event name, partner id, RPC method, status code, duration and object ids.
// In the text format they follow the event as key=value pairs. Plain
// spdlog calls still work; their message is the event and the other keys
// are null. Fields carry ids and codes only, never personal data, a secret
// address or a payload.
//
// Example:
//   LogEvent(spdlog::level::info, "rpc",
//            {.partner = "ks-oslo", .method = "...", .code = "NOT_FOUND",
//             .duration = absl::Milliseconds(3)});
//
// Thread-safety: safe from any thread. The fields reach the formatter
// through a thread-local pointer, so the logger must format on the calling
// thread (a synchronous spdlog logger, as rosa-hub's).
#ifndef ROSA_HUB_COMMON_LOG_EVENT_H_
#define ROSA_HUB_COMMON_LOG_EVENT_H_

#include <optional>
#include <string_view>

#include "absl/time/time.h"
#include "spdlog/spdlog.h"

namespace rosa {

struct LogFields {
  std::string_view partner;
  std::string_view method;
  std::string_view code;
  std::optional<absl::Duration> duration;
  // Object ids (a referral id, a cursor), comma-separated.
  std::string_view ids;
};

// The fields of the LogEvent call running on this thread, with its event
// name; null outside one.
struct CurrentLogEvent {
  std::string_view event;
  const LogFields* fields = nullptr;
};
const CurrentLogEvent* CurrentLogEventOnThisThread();

void LogEvent(spdlog::level::level_enum level, std::string_view event,
              const LogFields& fields);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_LOG_EVENT_H_
