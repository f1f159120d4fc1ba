// What Lauras hus's forms mean: a status form ("Skjema: Lauras hus
// statusmelding 1") becomes an UpdateReferralStatusRequest, a capacity form
// ("Skjema: Lauras hus kapasitet 1") a ReportCapacityRequest for the single
// unit "plasser". Checks everything the format defines (required keys, value
// sets, ranges, dates, conditional keys); lifecycle order, "not in the
// future" and facility ownership are the core's.
//
// Errors name the form ("form 2"), the line for syntax errors ("form 2, line
// 8", counted from the start of the payload) and the key in its documented
// spelling - never a value, and never a key the format does not know.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_FORM_DECODER_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_FORM_DECODER_H_

#include <string_view>

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::lauras_skjema {

// Decodes `text`: valid UTF-8 without a byte-order mark. All-or-nothing: a
// response with errors has no commands.
rosa::plugin::v1::DecodeResponse DecodeForms(std::string_view text);

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_FORM_DECODER_H_
