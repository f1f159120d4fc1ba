#include "plugins/json_support/json_fields.h"

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/hub_ids.h"
#include "plugins/sdk/local_time.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::json {

using nlohmann::json;

void ErrorList::Add(std::string record, std::string field, std::string reason) {
  errors_.push_back(
      MakeError(std::move(record), std::move(field), std::move(reason)));
}

ObjectReader::ObjectReader(const json& object, std::string record,
                           ErrorList* errors, std::string path)
    : object_(&object),
      record_(std::move(record)),
      errors_(errors),
      path_(std::move(path)) {}

std::string ObjectReader::FieldPath(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return absl::StrCat(path_, ".", std::string(key));
}

bool ObjectReader::Has(std::string_view key) const {
  const auto it = object_->find(key);
  return it != object_->end() && !it->is_null();
}

void ObjectReader::Fail(std::string_view key, std::string reason) {
  errors_->Add(record_, FieldPath(key), std::move(reason));
}

void ObjectReader::WrongType(std::string_view key, std::string_view expected) {
  Fail(key, "wrong type: expected " + std::string(expected));
}

const json* ObjectReader::Find(std::string_view key, Presence presence) {
  const auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) {
    if (presence == Presence::kRequired) Fail(key, "missing");
    return nullptr;
  }
  return &*it;
}

const json* ObjectReader::FindOf(std::string_view key, Presence presence,
                                 bool (json::*is_type)() const noexcept,
                                 std::string_view expected) {
  const json* value = Find(key, presence);
  if (value == nullptr) return nullptr;
  if (!(value->*is_type)()) {
    WrongType(key, expected);
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::String(std::string_view key,
                                                Presence presence,
                                                size_t max_chars) {
  const json* value = FindOf(key, presence, &json::is_string, "a string");
  if (value == nullptr) return std::nullopt;
  const std::string& raw = value->get_ref<const std::string&>();
  const std::string_view text = Trim(raw);
  if (text.empty()) {
    if (presence == Presence::kRequired) Fail(key, "missing");
    return std::nullopt;
  }
  // The parser only lets well-formed UTF-8 through; checked again because
  // Utf8Length counts on it.
  if (!IsValidUtf8(text)) {
    Fail(key, "not valid UTF-8");
    return std::nullopt;
  }
  if (Utf8Length(text) > max_chars) {
    Fail(key, absl::StrCat("too long: at most ", max_chars, " characters"));
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<size_t> ObjectReader::Token(
    std::string_view key, Presence presence,
    const std::vector<std::string_view>& allowed) {
  const json* value = FindOf(key, presence, &json::is_string, "a string");
  if (value == nullptr) return std::nullopt;
  const std::string& text = value->get_ref<const std::string&>();
  for (size_t i = 0; i < allowed.size(); ++i) {
    if (text == allowed[i]) return i;
  }
  std::string words;
  for (std::string_view word : allowed) {
    if (!words.empty()) words.append(", ");
    words.append(word);
  }
  Fail(key, "unknown value: must be one of " + words);
  return std::nullopt;
}

std::optional<int64_t> ObjectReader::Integer(std::string_view key,
                                             Presence presence, int64_t min,
                                             int64_t max) {
  const json* value = Find(key, presence);
  if (value == nullptr) return std::nullopt;
  const std::string range = absl::StrCat(
      "out of range: must be a whole number from ", min, " to ", max);
  if (value->is_number_unsigned()) {
    const uint64_t n = value->get<uint64_t>();
    if (max < 0 || n > static_cast<uint64_t>(max) ||
        (min > 0 && n < static_cast<uint64_t>(min))) {
      Fail(key, range);
      return std::nullopt;
    }
    return static_cast<int64_t>(n);
  }
  if (value->is_number_integer()) {
    const int64_t n = value->get<int64_t>();
    if (n < min || n > max) {
      Fail(key, range);
      return std::nullopt;
    }
    return n;
  }
  if (value->is_number_float()) {
    // Whole numbers written as 8.0 or 8e0 are still whole numbers. The
    // range is checked in double first, so the cast below is defined.
    const double d = value->get<double>();
    if (!std::isfinite(d) || std::floor(d) != d ||
        d < static_cast<double>(min) || d > static_cast<double>(max)) {
      Fail(key, range);
      return std::nullopt;
    }
    const auto n = static_cast<int64_t>(d);
    if (n < min || n > max) {
      Fail(key, range);
      return std::nullopt;
    }
    return n;
  }
  WrongType(key, "a number");
  return std::nullopt;
}

std::optional<double> ObjectReader::Number(std::string_view key,
                                           Presence presence, double min,
                                           double max) {
  const json* value = FindOf(key, presence, &json::is_number, "a number");
  if (value == nullptr) return std::nullopt;
  const double d = value->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    Fail(key, absl::StrCat("out of range: must be from ", min, " to ", max));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> ObjectReader::Bool(std::string_view key,
                                       Presence presence) {
  const json* value = FindOf(key, presence, &json::is_boolean, "true or false");
  if (value == nullptr) return std::nullopt;
  return value->get<bool>();
}

std::optional<absl::Time> ObjectReader::Rfc3339(std::string_view key,
                                                Presence presence) {
  const json* value = FindOf(key, presence, &json::is_string, "a string");
  if (value == nullptr) return std::nullopt;
  // ParseRfc3339's messages are fixed texts that never quote the input.
  absl::StatusOr<absl::Time> time =
      ParseRfc3339(value->get_ref<const std::string&>());
  if (!time.ok()) {
    Fail(key, std::string(time.status().message()));
    return std::nullopt;
  }
  return *time;
}

std::optional<std::string> ObjectReader::HubId(std::string_view key,
                                               Presence presence, char prefix) {
  const json* value = FindOf(key, presence, &json::is_string, "a string");
  if (value == nullptr) return std::nullopt;
  const std::string& text = value->get_ref<const std::string&>();
  if (!ids::IsHubId(text, prefix)) {
    Fail(key, absl::StrCat("not a hub id like ", ids::ExampleHubId(prefix)));
    return std::nullopt;
  }
  return text;
}

std::optional<ObjectReader> ObjectReader::Object(std::string_view key,
                                                 Presence presence) {
  const json* value = FindOf(key, presence, &json::is_object, "an object");
  if (value == nullptr) return std::nullopt;
  return ObjectReader(*value, record_, errors_, FieldPath(key));
}

}  // namespace rosa::plugin::json
