// Encoding hub events for Filemon: a submitted placement referral becomes a
// filemon/1 "placement_request"; every other event means nothing to Filemon
// and yields no payload.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_FILEMON_FILEMON_ENCODE_H_
#define ROSA_PLUGINS_FILEMON_FILEMON_ENCODE_H_

#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa::plugin::filemon {

rosa::plugin::v1::EncodeResponse EncodeFilemon(
    const rosa::plugin::v1::EncodeRequest& request);

}  // namespace rosa::plugin::filemon

#endif  // ROSA_PLUGINS_FILEMON_FILEMON_ENCODE_H_
