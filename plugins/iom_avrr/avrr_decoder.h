// What IOM's AvrrCase documents mean: each AvrrCase (alone as the root, or
// inside an AvrrBatch) becomes one UpdateAssistedReturnRequest. Checks what
// the format defines - namespace urn:iom:no:avrr:1 on every element,
// version="1", required elements, the status vocabulary, ISO dates, the
// departure date from TRAVEL_BOOKED on, ISO 3166 country codes, IOM's case
// reference pattern and the length limits. Whether IOM may record the status
// on that referral (accepted, assisted return, theirs) is the core's.
//
// Records are element paths ("/AvrrCase", "/AvrrBatch/AvrrCase[2]"), fields
// the child element ("Status"); element names the format does not know and
// text content are never echoed.
//
// Thread-safety: pure functions over a parsed document the caller owns.
#ifndef ROSA_PLUGINS_IOM_AVRR_AVRR_DECODER_H_
#define ROSA_PLUGINS_IOM_AVRR_AVRR_DECODER_H_

#include <libxml/tree.h>

#include <string_view>

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::iom_avrr {

inline constexpr std::string_view kNamespace = "urn:iom:no:avrr:1";

// Decodes a document ParseSafely accepted. All-or-nothing: a response with
// errors has no commands.
rosa::plugin::v1::DecodeResponse DecodeAvrrDocument(const xmlDoc& doc);

}  // namespace rosa::plugin::iom_avrr

#endif  // ROSA_PLUGINS_IOM_AVRR_AVRR_DECODER_H_
