// Renders hub events for Lauras hus: a new placement referral becomes a
// "Skjema: ROSA plassforespørsel 1" form, ROSA cancelling one becomes
// "Skjema: ROSA avbrutt 1". Everything else means nothing to Lauras hus and
// renders as no payload. Only what the (already minimised) event carries is
// rendered.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_LAURAS_SKJEMA_EVENT_ENCODER_H_
#define ROSA_PLUGINS_LAURAS_SKJEMA_EVENT_ENCODER_H_

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::lauras_skjema {

rosa::plugin::v1::EncodeResponse EncodeEvent(
    const rosa::plugin::v1::EncodeRequest& request);

}  // namespace rosa::plugin::lauras_skjema

#endif  // ROSA_PLUGINS_LAURAS_SKJEMA_EVENT_ENCODER_H_
