// Referral rows in SQLite: the full Referral message as a blob, plus the
// columns needed to find and filter it. Its free text about the person
// (the note, each step's reason, IOM's note: hub/outbox/free_text.h) is
// never in the blob: it is sealed in the text vault (under the person's
// data key when person_ref names a registered person, else under the
// referral's own key) and put back on load; once the person is erased, a
// referral loads without it. Knows nothing of who may see what.
// Thread-safety: functions take the calling thread's connection.
#ifndef ROSA_HUB_REFERRAL_REFERRAL_STORE_H_
#define ROSA_HUB_REFERRAL_REFERRAL_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/person/text_vault.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

// The next id for a referral created in `year`: "R-2026-000123". Sequence
// numbers restart each year and are never reused.
absl::StatusOr<std::string> AllocateReferralId(store::Connection& conn,
                                               int year);

// Seal the free text in `texts` and write the rest.
absl::Status InsertReferral(store::Connection& conn, const TextVault& texts,
                            const rosa::hub::v1::Referral& referral);
absl::Status UpdateReferral(store::Connection& conn, const TextVault& texts,
                            const rosa::hub::v1::Referral& referral);
// nullopt if there is no referral with that id. With its free text, as far
// as it is still sealed.
absl::StatusOr<std::optional<rosa::hub::v1::Referral>> LoadReferral(
    store::Connection& conn, const SealedTexts& texts, const std::string& id);
// The same without its free text (nothing is decrypted): to decide who may
// see it before anything sealed is opened.
absl::StatusOr<std::optional<rosa::hub::v1::Referral>> LoadReferralRow(
    store::Connection& conn, const std::string& id);

struct ReferralQuery {
  // Whose referrals: with `everyone`, all of them (a coordinator);
  // otherwise those `partner` sent and/or received.
  std::string partner;
  bool everyone = false;
  bool sent = true;
  bool received = true;
  // 0 for any.
  int state = 0;
  int type = 0;
  std::optional<absl::Time> updated_since;
  // Only rows after this position (the page token).
  int64_t after_seq = 0;
  int limit = 50;
};

struct ReferralRow {
  int64_t seq;
  rosa::hub::v1::Referral referral;
};

// The SQL QueryReferralsWithoutNotes runs for `query` (one text per
// "whose"); for the query-plan test.
const char* ReferralQuerySql(const ReferralQuery& query);

// Matching referrals in creation order, their notes left sealed (empty):
// for checks that read no note.
absl::StatusOr<std::vector<ReferralRow>> QueryReferralsWithoutNotes(
    store::Connection& conn, const ReferralQuery& query);

// Matching referrals in creation order, with their notes.
absl::StatusOr<std::vector<ReferralRow>> QueryReferrals(
    store::Connection& conn, const SealedTexts& texts,
    const ReferralQuery& query);

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_REFERRAL_STORE_H_
