// Who may start which referral: one table, by the sender's kind, the
// referral type and the recipient's kind. The README prints the same table.
//
//   type             recipient kind          sender kind
//   legal_counsel    legal_counsel           coordinator
//   assisted_return  assisted_return         coordinator
//   placement        shelter, safe_house,    coordinator
//                    reinforced_housing
//   placement        shelter, safe_house,    shelter, safe_house,
//                    reinforced_housing      reinforced_housing, only for
//                                            a person it hosts (below)
//   assistance       coordinator             every kind
//
// Every other combination is refused. Legal counselling and assisted return
// release the person's identity to the recipient, so only ROSA starts them.
//
// "Hosts": the hub knows where a person stays only from placement
// referrals. A placement facility hosts a person when it is the recipient of
// a placement referral about that person_ref that is now in_progress (the
// person arrived and has not left). A place only accepted is not hosting
// (the person never came; ROSA, who asked for it, refers again), and a
// completed stay is over. The check reads only referrals the sender itself
// received, so its answer tells the sender nothing it could not list.
//
// The table decides before anything about the person is looked up: a refusal
// never depends on whether a person, a consent or another partner's referral
// exists. Routing (which recipient kinds take a type, see
// referral_access.h) is derived from this table.
//
// Thread-safety: pure functions over a constant table; SenderHosts reads
// through the caller's connection.
#ifndef ROSA_HUB_REFERRAL_SUBMIT_RIGHTS_H_
#define ROSA_HUB_REFERRAL_SUBMIT_RIGHTS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hub/partner/partner.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/referral.pb.h"

namespace rosa {

enum class SubmitRight {
  kNone,       // Refused: PERMISSION_DENIED.
  kAlways,     // Allowed.
  kIfHosting,  // Allowed only for a person the sender hosts.
};

// The table above, for one combination. kNone for every combination the
// table does not list, including unknown kinds and types.
SubmitRight SubmitRightFor(PartnerKind sender, rosa::hub::v1::ReferralType type,
                           PartnerKind recipient);

// PERMISSION_DENIED when SubmitRightFor is kNone, naming the kinds and the
// type only (never the person). OK for kAlways and kIfHosting: the caller
// then checks SenderHosts for kIfHosting.
absl::Status CheckSubmitRight(const Partner& sender,
                              rosa::hub::v1::ReferralType type,
                              const Partner& recipient);

// The refusal for kIfHosting when the sender does not host the person.
absl::Status NotHostingError(const Partner& sender);

// True if `sender` hosts `person_ref` (see "Hosts" above).
absl::StatusOr<bool> SenderHosts(store::Connection& conn,
                                 const std::string& sender,
                                 const std::string& person_ref);

// The audit actions of a refused submission (the outcome is in the action;
// entries for made referrals say "referral.submit"): a sender the table
// refuses (PERMISSION_DENIED), and any other refusal of a submission that
// named a person (e.g. FAILED_PRECONDITION: no consent covers the
// recipient), so that no attempt naming a person is invisible.
inline constexpr char kSubmitDeniedAction[] = "referral.submit.denied";
inline constexpr char kSubmitRefusedAction[] = "referral.submit.refused";

}  // namespace rosa

#endif  // ROSA_HUB_REFERRAL_SUBMIT_RIGHTS_H_
