// The rule for the hub's names: a partner's id (its certificate's URI, the
// registry's key, an audit entry's actor) and a plugin's name (its
// manifest's `name`, a partner's `plugin`): 2 to 63 of a-z, 0-9 and '-',
// not starting or ending with '-'. Its one home, below every checker: the
// partner registry, the PKI, the audit log and the plugin host. A name
// that breaks it names no partner or plugin; such a name from a caller is
// never echoed.
// Thread-safety: pure functions.
#ifndef ROSA_COMMON_NAME_RULE_H_
#define ROSA_COMMON_NAME_RULE_H_

#include <string_view>

namespace rosa {

// How the rule reads in an error message.
inline constexpr char kNameRule[] =
    "2 to 63 of a-z, 0-9 and '-', not starting or ending with '-'";

bool IsValidName(std::string_view name);

}  // namespace rosa

#endif  // ROSA_COMMON_NAME_RULE_H_
