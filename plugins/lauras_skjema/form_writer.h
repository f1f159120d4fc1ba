// Renders forms in Lauras hus's own style for what the hub sends them: one
// "Key: value" line per key, LF line ends. Every value is forced onto one
// line, so that no value - a language code, a phone number, a reason typed
// by a person - can ever start a line of its own and pose as a key or as a
// "---" separator.
//
// Thread-safety: a FormWriter is a plain value; OneLine is a pure function.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_FORM_WRITER_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_FORM_WRITER_H_

#include <string>
#include <string_view>

namespace rosa::plugin::lauras_skjema {

// `value` trimmed, with every line break (CR, LF, VT, FF, NEL, U+2028,
// U+2029) and other control character replaced by a space. `value` must be
// valid UTF-8.
std::string OneLine(std::string_view value);

class FormWriter {
 public:
  // Starts the form with "Skjema: <skjema>".
  explicit FormWriter(std::string_view skjema);

  // Appends "Key: value". `key` is one of the format's own keys.
  void Add(std::string_view key, std::string_view value);

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_FORM_WRITER_H_
