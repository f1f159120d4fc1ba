// Which outbox files the file drop records under a person in the core's
// exchange_files table (hub/consent/exchange_files.h), so that erasing the
// person deletes them before it answers, as it deletes every other copy:
//
//   - a file that may carry the person's identity (IdentitySubjectOf in
//     hub/exchange/outbound_renderer.h: IOM's referral, a lawyer's
//     package);
//   - a file of an event about the person's referral or handoff that
//     carries free text (hub/outbox/free_text.h: the sender's note, a
//     step's reason, IOM's note, a case summary or ledger text). Erasure
//     leaves that text unreadable in the hub (a referral keeps an empty
//     note); a file written before would keep it.
//
// Every other outbox file (no identity, no free text) is the partner's
// until it takes it or the outbox retention deletes it.
//
// Thread-safety: pure function.
#ifndef ROSA_ADAPTERS_FILE_DROP_PERSON_FILES_H_
#define ROSA_ADAPTERS_FILE_DROP_PERSON_FILES_H_

#include <optional>

#include "hub/exchange/outbound_renderer.h"
#include "hub/partner/partner.h"
#include "rosa/hub/v1/event.pb.h"

namespace rosa {

// The person (and referral or handoff) `event`'s files for `partner` are
// recorded under, or nullopt if they need no record.
// REQUIRES: `event` as read from the outbox, its free text put back.
std::optional<IdentitySubject> PersonFileSubject(
    const Partner& partner, const rosa::hub::v1::Event& event);

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_PERSON_FILES_H_
