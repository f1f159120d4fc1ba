// Small text checks every decoder needs: UTF-8 validity, trimming, and the
// error records a decoder or an encoder returns. Thread-safe: pure
// functions.
#ifndef ROSA_PLUGINS_SDK_TEXT_H_
#define ROSA_PLUGINS_SDK_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "common/text.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin {

// UTF-8 as the core reads it (common/text.h): IsValidUtf8 (well-formed: no
// overlongs, no surrogates, nothing above U+10FFFF) and Utf8Length (code
// points of valid UTF-8).
using ::rosa::text::IsValidUtf8;
using ::rosa::text::Utf8Length;

// The UTF-8 byte order mark: a CSV encoder writes it for spreadsheet
// programs, and a decoder skips it (WithoutBom).
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// `s` without a leading kUtf8Bom.
std::string_view WithoutBom(std::string_view s);

// At most this many errors in one decode response, so that a hostile
// payload cannot make the answer larger than it needs to be.
inline constexpr size_t kMaxDecodeErrors = 100;

// `response` with at most kMaxDecodeErrors errors and as many warnings; one
// more entry of each says how many were left out. A decoder may stop early
// and add its own "stopped after" entry (kMaxDecodeErrors + 1 entries are
// kept as they are). ROSA_PLUGIN applies it to every plugin's answer.
rosa::plugin::v1::DecodeResponse CapDecodeResponse(
    rosa::plugin::v1::DecodeResponse response);

// `s` without leading and trailing spaces, tabs, CR and LF.
std::string_view Trim(std::string_view s);

// ASCII lower case; other bytes (Norwegian letters in UTF-8) unchanged.
std::string AsciiLower(std::string_view s);

// A RecordError. `reason` must not quote the payload.
rosa::plugin::v1::RecordError MakeError(std::string record, std::string field,
                                        std::string reason);

// A response rejecting the payload with one error.
rosa::plugin::v1::DecodeResponse Reject(std::string record, std::string field,
                                        std::string reason);

// The record an encoder's error names for an event it cannot render when
// there is no id of the event's own to name: "event <cursor>".
std::string EventRecord(const rosa::hub::v1::Event& event);

// A response refusing to render `event`, naming it by EventRecord.
rosa::plugin::v1::EncodeResponse RefuseEvent(const rosa::hub::v1::Event& event,
                                             std::string field,
                                             std::string reason);

}  // namespace rosa::plugin

#endif  // ROSA_PLUGINS_SDK_TEXT_H_
