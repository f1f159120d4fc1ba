// The one-time upgrade steps the hub runs at start, before it serves:
// request hashes made before requests were keyed, or under a lost request
// key, are forgotten (hub/store/idempotency.h), and free text a hub from
// before sealed text wrote in the clear is sealed
// (hub/person/seal_legacy_text.h). Each walks whole tables, so each is
// recorded as done in the database (hub/store/upgrade_steps.h): the hash
// step for the id of the request key it checked against, the sealing for
// its version. A start on a database that has them recorded does neither
// walk; an older database, a new request key or a step that now does more
// runs it again. Both run in one write transaction with their records.
//
// Thread-safety: call once, at start, from one thread.
#ifndef ROSA_APP_START_UPGRADES_H_
#define ROSA_APP_START_UPGRADES_H_

#include "absl/status/status.h"
#include "hub/person/text_vault.h"
#include "hub/store/database.h"
#include "hub/store/idempotency.h"

namespace rosa {

// The names the steps are recorded under (table upgrade_steps).
inline constexpr char kForgetForeignHashesStep[] =
    "forget-foreign-request-hashes";
inline constexpr char kSealLegacyTextStep[] = "seal-legacy-text";

// Runs the steps that are not recorded as done for `hasher`'s key and
// the current sealing version, and logs what they changed (counts only).
absl::Status RunStartUpgrades(store::Database& db,
                              const store::RequestHasher& hasher,
                              const TextVault& texts);

}  // namespace rosa

#endif  // ROSA_APP_START_UPGRADES_H_
