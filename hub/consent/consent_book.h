// The consent book: consents per person, and the question the core asks
// before it shares identity: which live consent lets the hub give this
// person's identity to this partner for this purpose? A consent covers a
// partner when its scope names the partner, or the partner's kind; a
// withdrawn consent covers nothing.
// Thread-safety: functions take the calling thread's connection; writes run
// inside a write transaction on the store's writer thread.
#ifndef ROSA_HUB_CONSENT_CONSENT_BOOK_H_
#define ROSA_HUB_CONSENT_CONSENT_BOOK_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/consent.pb.h"

namespace rosa {

// A live consent covering `recipient` and `purpose` for the person, if any.
absl::StatusOr<std::optional<rosa::hub::v1::Consent>> FindCoveringConsent(
    store::Connection& conn, const std::string& person_id,
    const Partner& recipient, rosa::hub::v1::ConsentPurpose purpose);

// FAILED_PRECONDITION naming the partner and purpose (no personal data):
// "no consent covers sharing identity with <partner> for <purpose>".
absl::Status MissingConsentError(const Partner& recipient,
                                 rosa::hub::v1::ConsentPurpose purpose);

// Records that `partner` received the person's identity under `consent_id`
// through `object_id` (a referral or handoff), so that a withdrawal reaches
// it.
absl::Status RecordDisclosure(store::Connection& conn,
                              const std::string& person_id,
                              const std::string& partner,
                              const std::string& consent_id,
                              const std::string& object_id, absl::Time now);

// "placement", "legal_counselling", ...
std::string ConsentPurposeName(rosa::hub::v1::ConsentPurpose purpose);

// True if `consent` is live (not withdrawn), is for `purpose`, and its
// scope names `recipient` or the recipient's kind.
bool ConsentCovers(const rosa::hub::v1::Consent& consent,
                   const Partner& recipient,
                   rosa::hub::v1::ConsentPurpose purpose);

// Stores a new consent.
// REQUIRES: inside a write transaction; consent.id and person_id set; the
// person is registered.
absl::Status InsertConsent(store::Connection& conn,
                           const rosa::hub::v1::Consent& consent);

// The consent with `consent_id`, or nullopt.
absl::StatusOr<std::optional<rosa::hub::v1::Consent>> LoadConsent(
    store::Connection& conn, const std::string& consent_id);

// Sets consent.withdrawn_at to `now` and stores it; from then on it covers
// nothing. REQUIRES: inside a write transaction; `consent` is stored and
// live.
absl::Status MarkConsentWithdrawn(store::Connection& conn,
                                  rosa::hub::v1::Consent& consent,
                                  absl::Time now);

// Every consent of the person, live or withdrawn, oldest first.
absl::StatusOr<std::vector<rosa::hub::v1::Consent>> ListPersonConsents(
    store::Connection& conn, const std::string& person_id);

// The partners that received identity under `consent_id`, each with the
// ids of the referrals and handoffs that carried it (sorted).
absl::StatusOr<std::map<std::string, std::vector<std::string>>>
DisclosuresUnderConsent(store::Connection& conn, const std::string& consent_id);

// Appends a ConsentWithdrawnEvent to the outbox of every partner that
// received the person's identity under `consent`, naming the referrals and
// handoffs that carried it, so that it restricts that identity.
// REQUIRES: inside the write transaction that withdraws the consent (or
// erases the person).
absl::Status NotifyConsentWithdrawn(store::WriteTxn& txn, Outbox& outbox,
                                    const rosa::hub::v1::Consent& consent,
                                    absl::Time now);

// True if a person with `person_id` is registered (and not erased).
absl::StatusOr<bool> PersonExists(store::Connection& conn,
                                  const std::string& person_id);

}  // namespace rosa

#endif  // ROSA_HUB_CONSENT_CONSENT_BOOK_H_
