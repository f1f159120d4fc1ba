#include "adapters/console/form.h"

#include <initializer_list>

#include "hub/common/html_escape.h"

namespace rosa::console {
namespace {

// Debian's abseil has its own string_view, which StrCat does not take from
// std::string_view.
std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

}  // namespace

std::string ValueAttr(std::string_view value) {
  return Cat({" value=\"", HtmlEscape(value), "\""});
}

std::string InputRow(std::string_view id, std::string_view name,
                     std::string_view label_html, std::string_view attrs) {
  const std::string e = HtmlEscape(id);
  return Cat({"<p><label for=\"", e, "\">", label_html, "</label><input id=\"",
              e, "\" name=\"", HtmlEscape(name), "\"", attrs, "></p>"});
}

std::string SelectRow(std::string_view id, std::string_view name,
                      std::string_view label_html,
                      std::string_view options_html, std::string_view attrs) {
  const std::string e = HtmlEscape(id);
  return Cat({"<p><label for=\"", e, "\">", label_html, "</label><select id=\"",
              e, "\" name=\"", HtmlEscape(name), "\"", attrs, ">", options_html,
              "</select></p>"});
}

std::string TextareaRow(std::string_view id, std::string_view name,
                        std::string_view label_html, std::string_view value,
                        std::string_view attrs) {
  const std::string e = HtmlEscape(id);
  return Cat({"<p><label for=\"", e, "\">", label_html,
              "</label><textarea id=\"", e, "\" name=\"", HtmlEscape(name),
              "\"", attrs, ">", HtmlEscape(value), "</textarea></p>"});
}

std::string CheckboxRow(std::string_view id, std::string_view name,
                        std::string_view label_html, bool checked,
                        std::string_view attrs) {
  const std::string e = HtmlEscape(id);
  return Cat({"<p><input id=\"", e, "\" name=\"", HtmlEscape(name),
              "\" type=\"checkbox\" value=\"1\"",
              checked ? " checked" : std::string_view(), attrs,
              "><label for=\"", e, "\">", label_html, "</label></p>"});
}

std::string Option(std::string_view value, std::string_view label_html,
                   bool selected) {
  return Cat({"<option value=\"", HtmlEscape(value), "\"",
              selected ? " selected" : std::string_view(), ">", label_html,
              "</option>"});
}

std::string Hidden(std::string_view name, std::string_view value) {
  return Cat({"<input type=\"hidden\" name=\"", HtmlEscape(name), "\"",
              ValueAttr(value), ">"});
}

}  // namespace rosa::console
