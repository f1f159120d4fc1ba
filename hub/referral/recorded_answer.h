// What a referral command records under its idempotency key, and how a
// replay answers from it. A change whose version can be rebuilt from the
// referral's history (CanRebuildCurrentVersion) records only a reference to
// the referral at that version (ReferralReference, a few bytes), and a
// replay rebuilds the caller's view of it (ReferralAsOf, ViewFor): the same
// answer as the first, its free text (free_text.h) opened from the vault.
// Otherwise the caller's view is recorded without its free text, which
// stays sealed in the text vault only and is put back on replay.
// Answers recorded by a hub from before references stay as they are.
// Thread-safety: functions take the calling thread's connection.
#ifndef ROSA_HUB_REFERRAL_RECORDED_ANSWER_H_
#define ROSA_HUB_REFERRAL_RECORDED_ANSWER_H_

#include "absl/status/status.h"
#include "hub/partner/partner.h"
#include "hub/person/text_vault.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

// The answer to record for a change that left the referral as `stored` and
// answered `view` (ViewFor of `stored`).
rosa::hub::v1::Referral RecordedAnswer(const rosa::hub::v1::Referral& stored,
                                       const rosa::hub::v1::Referral& view);

// Turns a recorded answer into the one `caller` was given (without a note
// once the person was erased).
absl::Status PutBackAnswer(store::Connection& conn, const TextVault& texts,
                           const Partner& caller,
                           rosa::hub::v1::Referral& answer);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_RECORDED_ANSWER_H_
