// The rule for a plugin's name (its manifest's `name`): 1 to 63 of a-z, 0-9
// and '-'. Its one home, below both checkers: the plugin host loads no
// library whose manifest breaks it, and the partner registry takes no
// partner whose `plugin` breaks it, so a name that breaks it names no
// plugin; such a name from a caller is never echoed.
// Thread-safety: pure functions.
#ifndef ROSA_COMMON_PLUGIN_NAME_H_
#define ROSA_COMMON_PLUGIN_NAME_H_

#include <string_view>

namespace rosa {

// How the rule reads in an error message.
inline constexpr char kPluginNameRule[] = "1 to 63 of a-z, 0-9 and '-'";

bool IsPluginName(std::string_view name);

}  // namespace rosa

#endif  // ROSA_COMMON_PLUGIN_NAME_H_
