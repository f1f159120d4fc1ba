#include "hub/common/log_event.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace rosa {
namespace {

thread_local const CurrentLogEvent* current_event = nullptr;

void AppendField(std::string* out, std::string_view key,
                 std::string_view value) {
  if (value.empty()) return;
  out->push_back(' ');
  out->append(key);
  out->push_back('=');
  out->append(value);
}

}  // namespace

const CurrentLogEvent* CurrentLogEventOnThisThread() { return current_event; }

void LogEvent(spdlog::level::level_enum level, std::string_view event,
              const LogFields& fields) {
  if (!spdlog::should_log(level)) return;
  std::string text(event);
  AppendField(&text, "partner", fields.partner);
  AppendField(&text, "method", fields.method);
  AppendField(&text, "code", fields.code);
  if (fields.duration.has_value()) {
    absl::StrAppend(&text,
                    " duration=", absl::FormatDuration(*fields.duration));
  }
  AppendField(&text, "ids", fields.ids);
  const CurrentLogEvent current{event, &fields};
  const CurrentLogEvent* outer = current_event;
  current_event = &current;
  spdlog::log(level, "{}", text);
  current_event = outer;
}

}  // namespace rosa
