#include "hub/common/field_error.h"

#include <optional>
#include <string>

#include "common/text.h"

namespace rosa {

std::string FieldPath(std::string_view parent, std::string_view child) {
  std::string path(parent);
  path.append(".").append(child);
  return path;
}

// Debian's abseil has its own absl::string_view, distinct from
// std::string_view, so the message is built as a std::string.
absl::Status InvalidField(std::string_view field, std::string_view reason) {
  std::string message(field);
  message.append(": ").append(reason);
  return absl::InvalidArgumentError(message);
}

absl::Status CheckEnum(std::string_view field, int value, bool (*is_valid)(int),
                       bool required) {
  if (!is_valid(value)) {
    return InvalidField(field, "unknown value " + std::to_string(value));
  }
  if (required && value == 0) return InvalidField(field, "required");
  return absl::OkStatus();
}

absl::Status CheckLineText(std::string_view field, std::string_view text,
                           size_t max_chars, bool required) {
  if (text.empty()) {
    return required ? InvalidField(field, "required") : absl::OkStatus();
  }
  if (text::IsBlank(text)) return InvalidField(field, "must not be blank");
  const std::optional<size_t> chars = text::CleanTextLength(text);
  if (!chars.has_value()) {
    return InvalidField(
        field, "must be one line of UTF-8 text without control characters");
  }
  if (*chars > max_chars) {
    return InvalidField(field,
                        "at most " + std::to_string(max_chars) + " characters");
  }
  return absl::OkStatus();
}

absl::Status CheckFreeText(std::string_view field, std::string_view text,
                           size_t max_chars) {
  if (!text::IsValidUtf8(text)) return InvalidField(field, "not valid UTF-8");
  if (text::Utf8Length(text) > max_chars) {
    return InvalidField(field,
                        "at most " + std::to_string(max_chars) + " characters");
  }
  return absl::OkStatus();
}

}  // namespace rosa
