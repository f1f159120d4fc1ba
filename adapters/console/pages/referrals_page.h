// The referral queue: the referrals the user's partner may see (through
// ReferralDesk::List, so exactly what ListReferrals gives it over gRPC),
// sent or received, by state, newest change first, with each one's age;
// a referral still requested after ConsoleSettings::overdue_after is
// marked overdue. Live: the table reloads when the partner's outbox grows.
//   GET /referrals[?role=all|sent|received][&state=requested|...]
//                 [&page_token=T]
//       form#referrals-filter (role, state; GET), div#referrals-live
//       [data-live] > table#referrals-table (tr[data-referral][data-state]
//       [data-overdue="1" when overdue], a link to /referrals/<id> per
//       row); a#next-page
//   GET /referrals/table?...   the same table alone (live reload)
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_REFERRALS_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_REFERRALS_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterReferralsPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_REFERRALS_PAGE_H_
