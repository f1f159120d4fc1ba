// Hub-assigned pseudonymous ids: a prefix and random capitals and digits,
// "P-7KQ2M9XA3B" for a person, "C-…" for a consent. Drawn from OpenSSL's
// CSPRNG so that ids reveal nothing (no order, no count, no time).
// Thread-safety: thread-safe.
#ifndef ROSA_HUB_CONSENT_PSEUDONYM_H_
#define ROSA_HUB_CONSENT_PSEUDONYM_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rosa {

inline constexpr int kPseudonymLength = 10;

// `prefix` followed by kPseudonymLength random characters from [A-Z0-9].
absl::StatusOr<std::string> NewPseudonym(std::string_view prefix);

// True if `id` is `prefix` followed by kPseudonymLength of [A-Z0-9].
bool IsPseudonym(std::string_view id, std::string_view prefix);

}  // namespace rosa

#endif  // ROSA_HUB_CONSENT_PSEUDONYM_H_
