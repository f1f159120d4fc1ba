// Form controls of the console's pages, built one way so that every control
// has its label (for a screen reader and the browser test's checks) and
// every id, name and value is escaped. Labels come as HTML, already escaped
// (a word, perhaps with a <kbd> hint); `attrs` is raw attribute text that
// starts with a space (` type="number" required`), written by the page
// itself, never from a request (use ValueAttr for a value).
// Thread-safety: pure functions.
#ifndef ROSA_ADAPTERS_CONSOLE_FORM_H_
#define ROSA_ADAPTERS_CONSOLE_FORM_H_

#include <string>
#include <string_view>

namespace rosa::console {

// ` value="..."`, the value escaped.
std::string ValueAttr(std::string_view value);
// <p><label for=id>label</label><input id= name= attrs></p>
std::string InputRow(std::string_view id, std::string_view name,
                     std::string_view label_html, std::string_view attrs);
// <p><label for=id>label</label><select id= name= attrs>options</select></p>
std::string SelectRow(std::string_view id, std::string_view name,
                      std::string_view label_html,
                      std::string_view options_html,
                      std::string_view attrs = "");
// <p><label for=id>label</label><textarea id= name= attrs>value</textarea></p>
std::string TextareaRow(std::string_view id, std::string_view name,
                        std::string_view label_html, std::string_view value,
                        std::string_view attrs = "");
// <p><input type=checkbox value=1 ...><label for=id>label</label></p>
std::string CheckboxRow(std::string_view id, std::string_view name,
                        std::string_view label_html, bool checked,
                        std::string_view attrs = "");
// <option value=...[ selected]>label</option>
std::string Option(std::string_view value, std::string_view label_html,
                   bool selected = false);
// <input type=hidden name= value=>
std::string Hidden(std::string_view name, std::string_view value);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_FORM_H_
