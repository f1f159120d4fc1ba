// The words both JSON partner formats (filemon/1's placement request,
// advokat/1's handoff package) use for a hub enum they share. A word each
// format uses alone stays in its plugin.
//
// Thread-safety: pure functions.
#ifndef ROSA_PLUGINS_JSON_SUPPORT_HUB_WORDS_H_
#define ROSA_PLUGINS_JSON_SUPPORT_HUB_WORDS_H_

#include <string_view>

#include "rosa/hub/v1/person_facts.pb.h"

namespace rosa::plugin::json {

// "sexual_exploitation", "forced_labour", "mixed" or "other_or_unknown";
// empty for a value with no word (UNSPECIFIED, or a number this build does
// not know), which the caller refuses to render.
std::string_view ExploitationWord(rosa::hub::v1::ExploitationForm form);

}  // namespace rosa::plugin::json

#endif  // ROSA_PLUGINS_JSON_SUPPORT_HUB_WORDS_H_
