#include "plugins/lauras_skjema/form_reader.h"

#include <cstdint>
#include <set>

#include "plugins/sdk/text.h"

namespace rosa::plugin::lauras_skjema {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Control characters inside a value (a stray CR, a vertical tab) become
// spaces: a value is one line of text once it leaves this file.
void AppendCleaned(std::string_view text, std::string& out) {
  for (char c : text) {
    const auto u = static_cast<uint8_t>(c);
    out.push_back(u < 0x20 || u == 0x7F ? ' ' : c);
  }
}

bool IsSeparator(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line == "---";
}

}  // namespace

std::string NormaliseKey(std::string_view key) {
  key = Trim(key);
  std::string out;
  out.reserve(key.size());
  bool in_blank = false;
  for (size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (IsBlank(c)) {
      in_blank = true;
      continue;
    }
    if (in_blank) out.push_back(' ');
    in_blank = false;
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
      continue;
    }
    // Æ (C3 86), Ø (C3 98), Å (C3 85) become æ (C3 A6), ø (C3 B8), å (C3 A5):
    // in UTF-8 each differs from its lower case in one bit of the second byte.
    if (static_cast<uint8_t>(c) == 0xC3 && i + 1 < key.size()) {
      const auto next = static_cast<uint8_t>(key[i + 1]);
      if (next == 0x86 || next == 0x98 || next == 0x85) {
        out.push_back(c);
        out.push_back(static_cast<char>(next | 0x20));
        ++i;
        continue;
      }
    }
    out.push_back(c);
  }
  return out;
}

FormReadResult ReadForms(std::string_view text) {
  FormReadResult result;
  Form form;
  form.number = 1;
  std::set<std::string> keys;  // of `form`, to find duplicates
  // What an indented line continues: the form's last field, nothing (an
  // error), or a line already reported as an error (ignored, so that one
  // mistake is reported once).
  enum class Continues { kNothing, kField, kRejectedLine };
  Continues continues = Continues::kNothing;

  auto finish_form = [&]() {
    if (form.fields.empty()) {
      result.empty_forms.push_back(form.number);
    } else {
      result.forms.push_back(std::move(form));
    }
    const int next = form.number + 1;
    form = Form();
    form.number = next;
    keys.clear();
    continues = Continues::kNothing;
  };

  int line_number = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    const bool last = end == std::string_view::npos;
    if (last) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    // A final newline does not start one more (empty) line.
    if (last && line.empty()) break;

    if (IsSeparator(line)) {
      finish_form();
      continue;
    }
    if (Trim(line).empty()) continue;
    if (line.front() == '#') continue;
    if (IsBlank(line.front())) {
      if (continues == Continues::kRejectedLine) continue;
      if (continues == Continues::kNothing) {
        result.errors.push_back(
            {form.number, line_number, "",
             "an indented line continues a value, but no key comes before "
             "it in this form"});
        continues = Continues::kRejectedLine;
        continue;
      }
      FormField& field = form.fields.back();
      const std::string_view more = Trim(line);
      if (!field.value.empty()) field.value.push_back(' ');
      AppendCleaned(more, field.value);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      result.errors.push_back({form.number, line_number, "",
                               "a line must be \"Key: value\", and this one "
                               "has no colon"});
      continues = Continues::kRejectedLine;
      continue;
    }
    FormField field;
    field.key = NormaliseKey(line.substr(0, colon));
    field.line = line_number;
    if (field.key.empty()) {
      result.errors.push_back(
          {form.number, line_number, "", "the key before the colon is empty"});
      continues = Continues::kRejectedLine;
      continue;
    }
    if (!keys.insert(field.key).second) {
      result.errors.push_back({form.number, line_number, field.key,
                               "the key appears more than once in the form"});
      continues = Continues::kRejectedLine;
      continue;
    }
    AppendCleaned(Trim(line.substr(colon + 1)), field.value);
    form.fields.push_back(std::move(field));
    continues = Continues::kField;
  }
  finish_form();
  return result;
}

}  // namespace rosa::plugin::lauras_skjema
