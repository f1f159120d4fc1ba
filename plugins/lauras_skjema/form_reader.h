// Reads Lauras hus's plain-text forms ("lauras-skjema/1") into keys and
// values, and nothing more: which keys a form needs and what their values
// mean is form_decoder's business. Hand-written because the format is small
// and its rules (continuation lines, comments, "---" separators) fit no
// library; it is fuzzed (tests/fuzz/lauras_skjema_fuzz.cc).
//
// The syntax:
//  - forms are separated by a line that is exactly "---" (a trailing CR is
//    allowed);
//  - "Key: value" splits at the first colon; keys are case-insensitive
//    (ASCII and the Norwegian letters ÆØÅ) and both sides are trimmed;
//  - a line beginning with a space or tab continues the previous value,
//    joined with one space;
//  - lines beginning with "#" are comments, blank lines are skipped;
//  - any other line without a colon, and a key given twice in one form, are
//    errors.
//
// Issues carry positions (form number, payload line number) and, for a
// duplicate key, the normalised key - never a value. Unknown keys are not
// this file's concern.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_FORM_READER_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_FORM_READER_H_

#include <string>
#include <string_view>
#include <vector>

namespace rosa::plugin::lauras_skjema {

struct FormField {
  // Normalised: lower case, trimmed, inner runs of blanks as one space.
  std::string key;
  // Trimmed; continuation lines joined with one space.
  std::string value;
  // 1-based line in the payload where the key stands.
  int line = 0;
};

struct Form {
  // 1-based position among the forms in the payload, counting empty ones.
  int number = 0;
  // In payload order; comments and blank lines left out.
  std::vector<FormField> fields;
};

struct FormIssue {
  int form = 0;
  // 0 when the issue is about the whole form or payload.
  int line = 0;
  // Normalised key the issue is about, or empty. May be a key the format
  // does not know: callers must not echo it unless they recognise it.
  std::string key;
  std::string reason;
};

struct FormReadResult {
  // Forms with at least one field. Empty forms (nothing but comments and
  // blank lines, e.g. after a trailing "---") are left out and reported in
  // `empty_forms`.
  std::vector<Form> forms;
  std::vector<int> empty_forms;
  // Syntax errors. When not empty, `forms` may be incomplete.
  std::vector<FormIssue> errors;
};

// Splits `text` (valid UTF-8, byte-order mark already removed) into forms.
FormReadResult ReadForms(std::string_view text);

// The key normalisation ReadForms applies: trimmed, ASCII and Æ, Ø, Å in
// lower case, inner runs of spaces and tabs as one space.
std::string NormaliseKey(std::string_view key);

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_FORM_READER_H_
