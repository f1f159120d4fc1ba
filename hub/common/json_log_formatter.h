// `--log-format json`: an spdlog formatter that writes each log line as one
// JSON object on one line, always with the same keys:
//   time      RFC 3339 UTC with milliseconds ("2026-12-06T09:46:04.123Z")
//   level     "trace" ... "critical"
//   event     the event name (LogEvent) or the whole message (plain calls)
//   partner, method, code, ids   strings, or null when not given
//   duration  seconds as a number, or null
// Under systemd these lines go to the journal like any other output.
//
// Thread-safety: spdlog serializes calls to one formatter; clone() gives
// each sink its own.
#ifndef ROSA_HUB_COMMON_JSON_LOG_FORMATTER_H_
#define ROSA_HUB_COMMON_JSON_LOG_FORMATTER_H_

#include <memory>

#include "spdlog/formatter.h"

namespace rosa {

class JsonLogFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg,
              spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_JSON_LOG_FORMATTER_H_
