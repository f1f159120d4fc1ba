// How a request validator refuses a field: INVALID_ARGUMENT with the message
// "<field>: <reason>", where the field is the request's path to it
// ("facts.age", "units[2].capacity") and the reason says what is expected,
// never what was sent. The one home of that message form and of the checks
// every validator makes alike.
//
// Thread-safe: pure functions.
#ifndef ROSA_HUB_COMMON_FIELD_ERROR_H_
#define ROSA_HUB_COMMON_FIELD_ERROR_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace rosa {

// The path to `child` inside `parent`: FieldPath("record.stay", "nights")
// is "record.stay.nights".
std::string FieldPath(std::string_view parent, std::string_view child);

// INVALID_ARGUMENT "<field>: <reason>".
absl::Status InvalidField(std::string_view field, std::string_view reason);

// An enum field: "unknown value N" for a number `is_valid` (the generated
// <Enum>_IsValid) does not know, "required" for 0 (UNSPECIFIED) when
// `required`; otherwise OK.
absl::Status CheckEnum(std::string_view field, int value, bool (*is_valid)(int),
                       bool required);

// A field of one line (a name, an address, a reference): "required" when
// empty and `required`; otherwise "must not be blank", "must be one line of
// UTF-8 text without control characters", or "at most `max_chars`
// characters" (code points); OK when empty and not required.
absl::Status CheckLineText(std::string_view field, std::string_view text,
                           size_t max_chars, bool required);

// A free-text field (a note, a reason, a summary; lines allowed): "not valid
// UTF-8" (a protobuf parser refuses it, but a request built in the hub's
// own process, such as the console's, may hold any bytes), or "at most
// `max_chars` characters" (code points); otherwise OK, empty included.
absl::Status CheckFreeText(std::string_view field, std::string_view text,
                           size_t max_chars);

}  // namespace rosa

#endif  // ROSA_HUB_COMMON_FIELD_ERROR_H_
