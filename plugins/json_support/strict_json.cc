#include "plugins/json_support/strict_json.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/sdk/text.h"

namespace rosa::plugin::json {
namespace {

using nlohmann::json;

constexpr std::string_view kUnknownKey = "(unknown key)";

// Offset of the first byte that does not start a well-formed UTF-8
// sequence, or npos. Each sequence is judged by the SDK's IsValidUtf8 so
// that there is one definition of well-formed.
size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<uint8_t>(text[i]);
    size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
    }
    if (len == 0 || i + len > text.size() ||
        !IsValidUtf8(text.substr(i, len))) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// "line 3, column 17" for byte `offset` of `text` (columns count bytes).
std::string Location(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const size_t line = 1 + std::count(before.begin(), before.end(), '\n');
  const size_t last_newline = before.rfind('\n');
  const size_t column = last_newline == std::string_view::npos
                            ? offset + 1
                            : offset - last_newline;
  return absl::StrCat("line ", line, ", column ", column);
}

// Builds the DOM from nlohmann's SAX events, refusing what the DOM parser
// would let through. Every check happens before anything is added, and the
// parser stops at the first `false`, so a rejected payload costs no more
// than the bytes before the problem.
class StrictDomBuilder {
 public:
  StrictDomBuilder(json& root, std::string_view text,
                   const StrictParseOptions& options)
      : root_(root), text_(text), options_(options) {}

  StrictDomBuilder(const StrictDomBuilder&) = delete;
  StrictDomBuilder& operator=(const StrictDomBuilder&) = delete;

  // The SAX interface nlohmann::json::sax_parse calls.
  bool null() { return Put(json(nullptr)) != nullptr; }
  bool boolean(bool value) { return Put(json(value)) != nullptr; }
  bool number_integer(json::number_integer_t value) {
    return Put(json(value)) != nullptr;
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return Put(json(value)) != nullptr;
  }
  bool number_float(json::number_float_t value, const json::string_t&) {
    return Put(json(value)) != nullptr;
  }
  bool string(json::string_t& value) {
    return Put(json(std::move(value))) != nullptr;
  }
  bool binary(json::binary_t&) {
    // Only binary formats (CBOR and the like) produce these.
    return Fail(Record(), Path(), "not JSON text");
  }
  bool start_object(std::size_t) { return Open(json::value_t::object); }
  bool start_array(std::size_t) { return Open(json::value_t::array); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(json::string_t& key) {
    Frame& frame = frames_.back();
    const std::string name = NameOf(key);
    if (frame.container->find(key) != frame.container->end()) {
      return Fail(Record(), Join(Path(/*with_pending_key=*/false), name),
                  "duplicate key");
    }
    frame.pending_name = name;
    frame.key_pending = true;
    frame.slot = &(*frame.container)[key];
    return true;
  }

  // `last_token` is payload text: never looked at.
  template <typename Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const Exception& ex) {
    const size_t bad_utf8 = FirstInvalidUtf8(text_);
    if (bad_utf8 != std::string_view::npos && bad_utf8 <= position) {
      return Fail(
          Record(), Path(),
          absl::StrCat("not valid UTF-8 (", Location(text_, bad_utf8), ")"));
    }
    // The lexer counts the byte it stopped on, and one past the end when
    // the input ran out.
    const bool at_end = position > text_.size();
    std::string what = "not valid JSON";
    if (ex.id == 406) {
      what = "a number is too large";
    } else if (at_end) {
      what = "the JSON ends too early";
    }
    const size_t offset = position > 0 ? position - 1 : 0;
    return Fail(at_end && InTopArrayBetweenItems() ? "payload" : Record(),
                Path(), absl::StrCat(what, " (", Location(text_, offset), ")"));
  }

  const rosa::plugin::v1::RecordError& error() const { return error_; }

 private:
  struct Frame {
    json* container = nullptr;
    // How a field path names this container: its key, or "[]" for an
    // element of an array. Empty for the top level and an item.
    std::string name;
    // Object frames: the key whose value comes next, and where it goes.
    std::string pending_name;
    bool key_pending = false;
    json* slot = nullptr;
  };

  bool InTopArrayBetweenItems() const {
    return top_is_array_ && frames_.size() == 1;
  }

  // Places `value` where the parse is, returning it, or null on error.
  json* Put(json&& value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& frame = frames_.back();
    if (frame.container->is_array()) {
      if (frames_.size() == 1) ++items_started_;
      frame.container->push_back(std::move(value));
      return &frame.container->back();
    }
    *frame.slot = std::move(value);
    frame.key_pending = false;
    return frame.slot;
  }

  bool Open(json::value_t type) {
    if (frames_.size() >=
        static_cast<size_t>(std::max(options_.max_depth, 1))) {
      return Fail(
          Record(), Path(),
          absl::StrCat("nested deeper than ", options_.max_depth, " levels"));
    }
    std::string name;
    if (!frames_.empty() && frames_.size() >= ItemDepth()) {
      const Frame& parent = frames_.back();
      name = parent.container->is_array() ? "[]" : parent.pending_name;
    }
    if (frames_.empty()) top_is_array_ = type == json::value_t::array;
    json* container = Put(json(type));
    Frame frame;
    frame.container = container;
    frame.name = std::move(name);
    frames_.push_back(std::move(frame));
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

  // Frames at or below this index lie inside an item: the item container
  // itself sits at index ItemDepth() - 1.
  size_t ItemDepth() const { return top_is_array_ ? 2 : 1; }

  std::string Record() const {
    if (frames_.empty()) return "payload";
    if (!top_is_array_) return "item 1";
    if (frames_.size() >= 2) return absl::StrCat("item ", items_started_);
    return absl::StrCat("item ", items_started_ + 1);
  }

  std::string NameOf(std::string_view key) const {
    const auto& known = options_.known_keys;
    if (std::find(known.begin(), known.end(), key) != known.end()) {
      return std::string(key);
    }
    return std::string(kUnknownKey);
  }

  // Joins with "." - except that "[]" (inside an array) follows its
  // container directly, and only once: "beds[]", never "[][]" or a path
  // that starts with "[]", which would say nothing more.
  static std::string Join(std::string path, std::string_view name) {
    if (name.empty()) return path;
    if (name == "[]" && (path.empty() || path.ends_with("[]"))) return path;
    // absl::StrCat takes no std::string_view in Debian's build of absl.
    if (!path.empty() && name != "[]") path.push_back('.');
    path.append(name);
    return path;
  }

  // The known keys from the item down to where the parse is.
  std::string Path(bool with_pending_key = true) const {
    std::string path;
    for (size_t i = ItemDepth(); i < frames_.size(); ++i) {
      path = Join(std::move(path), frames_[i].name);
    }
    if (with_pending_key && !frames_.empty() && frames_.size() >= ItemDepth()) {
      const Frame& inner = frames_.back();
      if (inner.key_pending) path = Join(std::move(path), inner.pending_name);
    }
    return path;
  }

  bool Fail(std::string record, std::string field, std::string reason) {
    if (error_.reason().empty()) {
      error_ =
          MakeError(std::move(record), std::move(field), std::move(reason));
    }
    return false;
  }

  json& root_;
  std::string_view text_;
  const StrictParseOptions& options_;
  std::vector<Frame> frames_;
  bool top_is_array_ = false;
  size_t items_started_ = 0;
  rosa::plugin::v1::RecordError error_;
};

}  // namespace

StrictParseResult StrictParse(std::string_view text,
                              const StrictParseOptions& options) {
  StrictParseResult result;
  std::string_view body = WithoutBom(text);
  if (Trim(body).empty()) {
    result.error = MakeError("payload", "", "the payload is empty");
    return result;
  }
  StrictDomBuilder builder(result.document, text, options);
  const bool parsed = json::sax_parse(text.begin(), text.end(), &builder,
                                      json::input_format_t::json,
                                      /*strict=*/true,
                                      /*ignore_comments=*/false);
  if (!parsed) {
    result.error = builder.error();
    if (result.ok()) {
      result.error = MakeError("payload", "", "not valid JSON");
    }
    result.document = nullptr;
    return result;
  }
  // The lexer already refuses ill-formed UTF-8 in strings, and any byte
  // outside a string that is not JSON; this is belt and braces.
  if (!IsValidUtf8(text)) {
    result.error = MakeError("payload", "", "not valid UTF-8");
    result.document = nullptr;
  }
  return result;
}

std::string WriteJson(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false,
                    nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace rosa::plugin::json
