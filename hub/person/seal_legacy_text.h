// Seals the free text an older hub wrote in the clear: before sealed notes
// (database schema 3 and older) every field of hub/outbox/free_text.h,
// before sealed reasons and ledger texts (a referral step's reason, IOM's
// note, a handoff ledger's texts) those. Each goes into the text vault
// (text_vault.h) and out of the referral or handoff row, the outbox events
// that carry it keep it by reference instead, and the idempotency records
// whose answers copied it lose it (a replay puts it back from the vault). The note of a referral whose
// person the audit log shows erased is dropped, not sealed. Idempotent: a
// database with no such text is left as it is. Freed pages are overwritten
// (secure_delete); the WAL drops the old ones at its next checkpoint.
// Thread-safety: call on the writer thread, inside a write transaction.
#ifndef ROSA_HUB_PERSON_SEAL_LEGACY_TEXT_H_
#define ROSA_HUB_PERSON_SEAL_LEGACY_TEXT_H_

#include "absl/status/statusor.h"
#include "hub/person/text_vault.h"
#include "hub/store/sqlite.h"

namespace rosa {

// The version of what SealLegacyFreeText seals, recorded with the step
// when it is done (hub/store/upgrade_steps.h). REQUIRES: changed whenever
// it seals more, so that databases it has already passed are walked again.
inline constexpr char kSealLegacyTextVersion[] = "2";

// Returns how many rows it rewrote.
absl::StatusOr<int> SealLegacyFreeText(store::Connection& conn,
                                       const TextVault& texts);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_SEAL_LEGACY_TEXT_H_
