// One referral as the user's partner may see it (ReferralDesk::Get, the
// same minimised view GetReferral gives over gRPC), its timeline, and the
// steps the partner may take now. A referral the partner may not see and
// one that does not exist get the same not-found page (404).
//   GET  /referrals/<id>         dl#referral-facts, ol#timeline (one li per
//                                step, data-to="<state>"), and one form per
//                                step allowed now: form#action-<state>
//                                (received, accepted, rejected,
//                                in_progress, completed, cancelled) with
//                                fields target, reason (rejected and
//                                cancelled, required), facility_id
//                                (accepted placement, optional),
//                                nights_stayed (completed, optional),
//                                occurred_at (optional, "YYYY-MM-DDTHH:MM",
//                                Oslo time), idempotency_key, csrf
//   POST /referrals/<id>/status  303 to /referrals/<id>; a refused step
//                                shows the page again with p#action-error
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_REFERRAL_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_REFERRAL_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

// The path pattern of one referral (the hub's id format).
// The id is checked with IsReferralId (common/hub_ids.h) too.
inline constexpr char kReferralPath[] = R"(/referrals/(R-[0-9]+-[0-9]+))";

void RegisterReferralPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_REFERRAL_PAGE_H_
