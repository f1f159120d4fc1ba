// Guards against a lost key file being replaced silently. The hub creates
// its key-encryption key on first start; if keys/kek later goes missing
// while the database holds persons, creating a fresh key would make every
// sealed identity unreadable without anyone noticing. Start-up refuses
// instead, and says to restore keys/ from its separate copy.
// Thread-safety: call once at start-up, before the store is opened.
#ifndef ROSA_HUB_PERSON_KEY_GUARD_H_
#define ROSA_HUB_PERSON_KEY_GUARD_H_

#include <filesystem>

#include "absl/status/status.h"

namespace rosa {

// FAILED_PRECONDITION if `kek_path` does not exist while the database at
// `db_path` holds at least one person or one object key (a note sealed
// under a referral's own key); OK otherwise (a new hub, or keys in place).
absl::Status CheckKeyFileNotLost(const std::filesystem::path& db_path,
                                 const std::filesystem::path& kek_path);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_KEY_GUARD_H_
