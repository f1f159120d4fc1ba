#include "hub/common/json_log_formatter.h"

#include <string>

#include "absl/time/time.h"
#include "hub/common/log_event.h"
#include "nlohmann/json.hpp"

namespace rosa {
namespace {

nlohmann::json OrNull(std::string_view value) {
  return value.empty() ? nlohmann::json(nullptr) : nlohmann::json(value);
}

}  // namespace

void JsonLogFormatter::format(const spdlog::details::log_msg& msg,
                              spdlog::memory_buf_t& dest) {
  const absl::Time time = absl::FromChrono(msg.time);
  nlohmann::ordered_json line;
  line["time"] =
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", time, absl::UTCTimeZone());
  const auto level = spdlog::level::to_string_view(msg.level);
  line["level"] = std::string_view(level.data(), level.size());
  const CurrentLogEvent* current = CurrentLogEventOnThisThread();
  const LogFields none;
  const LogFields& fields = current != nullptr ? *current->fields : none;
  if (current != nullptr) {
    line["event"] = current->event;
  } else {
    line["event"] = std::string_view(msg.payload.data(), msg.payload.size());
  }
  line["partner"] = OrNull(fields.partner);
  line["method"] = OrNull(fields.method);
  line["code"] = OrNull(fields.code);
  line["duration"] =
      fields.duration.has_value()
          ? nlohmann::json(absl::ToDoubleSeconds(*fields.duration))
          : nlohmann::json(nullptr);
  line["ids"] = OrNull(fields.ids);
  // Invalid UTF-8 (a file name a partner chose) is replaced, never thrown.
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  dest.append(text.data(), text.data() + text.size());
  dest.push_back('\n');
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace rosa
