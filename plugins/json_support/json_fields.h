// Typed, checked reads of the fields of one JSON object in a partner record.
// Each read that fails adds an error naming the record, the field's path
// ("beds.total") and the reason - "missing", "wrong type: ...", "out of
// range: ..." - and never the value. A decoder reads every field it needs,
// then looks at ok(): partial results are simply dropped.
//
// A key that is present with the value null counts as absent: partner
// systems often write null for an optional field they do not fill in.
//
// Thread-safety: a reader is used by one thread; readers over the same
// document on different threads are fine.
#ifndef ROSA_PLUGINS_JSON_SUPPORT_JSON_FIELDS_H_
#define ROSA_PLUGINS_JSON_SUPPORT_JSON_FIELDS_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::json {

// No length limit of the plugin's own (see ObjectReader::String).
inline constexpr size_t kAnyLength = std::numeric_limits<size_t>::max();

enum class Presence { kRequired, kOptional };

// Where a reader's errors go: all readers over one record share one.
class ErrorList {
 public:
  void Add(std::string record, std::string field, std::string reason);
  const std::vector<rosa::plugin::v1::RecordError>& errors() const {
    return errors_;
  }
  size_t size() const { return errors_.size(); }

 private:
  std::vector<rosa::plugin::v1::RecordError> errors_;
};

class ObjectReader {
 public:
  // `object` must be a JSON object and, like `errors`, outlive the reader.
  // `path` is the object's own field path ("" for a record, "beds" for the
  // object under "beds").
  ObjectReader(const nlohmann::json& object, std::string record,
               ErrorList* errors, std::string path = "");

  const std::string& record() const { return record_; }
  // "beds.total" for key "total" of the reader over "beds".
  std::string FieldPath(std::string_view key) const;

  // Present and not null.
  bool Has(std::string_view key) const;

  // Text, trimmed of surrounding white space, at most `max_chars` code
  // points. Required text that is empty after trimming is "missing".
  // Limits of meaning (a reason's length) are the core's: a plugin passes
  // kAnyLength and lets the core refuse.
  std::optional<std::string> String(std::string_view key, Presence presence,
                                    size_t max_chars);

  // One of `allowed` exactly; returns its index. The reason lists the
  // allowed tokens (the format's own words, never the value sent).
  std::optional<size_t> Token(std::string_view key, Presence presence,
                              const std::vector<std::string_view>& allowed);

  // A whole number in [min, max]. 8.0 and 8e0 are the whole number 8; 8.5,
  // and anything outside the range, is "out of range".
  std::optional<int64_t> Integer(std::string_view key, Presence presence,
                                 int64_t min, int64_t max);

  // Any JSON number in [min, max].
  std::optional<double> Number(std::string_view key, Presence presence,
                               double min, double max);

  std::optional<bool> Bool(std::string_view key, Presence presence);

  // RFC 3339 with a required offset, like 2026-11-28T09:00:00+01:00.
  std::optional<absl::Time> Rfc3339(std::string_view key, Presence presence);

  // A hub id with `prefix` (common/hub_ids.h), like "R-2026-000123".
  std::optional<std::string> HubId(std::string_view key, Presence presence,
                                   char prefix);

  // The object under `key`, read with the same record and error list.
  std::optional<ObjectReader> Object(std::string_view key, Presence presence);

  // Adds an error for `key` of this object.
  void Fail(std::string_view key, std::string reason);

 private:
  // The value under `key`, or null when absent or null (then an error if
  // required).
  const nlohmann::json* Find(std::string_view key, Presence presence);
  // As Find, but also null (with a "wrong type" error naming `expected`)
  // when the value is there and `is_type` says it is of another type.
  const nlohmann::json* FindOf(std::string_view key, Presence presence,
                               bool (nlohmann::json::*is_type)() const noexcept,
                               std::string_view expected);
  void WrongType(std::string_view key, std::string_view expected);

  const nlohmann::json* object_;
  std::string record_;
  ErrorList* errors_;
  std::string path_;
};

}  // namespace rosa::plugin::json

#endif  // ROSA_PLUGINS_JSON_SUPPORT_JSON_FIELDS_H_
