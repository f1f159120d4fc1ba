// Find a place (ROSA): the FindPlaces form, its matches, and from a match
// a placement referral that holds a place there. Other partners get the
// not-found page (the desk refuses them).
//   GET  /find[?gender=woman|man|trans|unknown&children=N&acute=1
//         &region=R&wheelchair=1]
//        form#find-form (GET; those fields), table#find-results with
//        tr[data-facility][data-partner] and a.refer per match;
//        p#find-none when nothing fits
//   GET  /find/refer?facility=F&partner=P[&gender=..&children=..&acute=1]
//        form#refer-form: recipient, hold_facility (hidden), hold_unit
//        (optional), person_ref (P-...), gender, age, nationality (two
//        letters), exploitation_form (sexual|forced_labour|mixed|
//        other_or_unknown), children, acute (checkbox), languages
//        (comma-separated ISO 639-1), note, idempotency_key, csrf
//   POST /find/refer   303 to /referrals/<new id>; refused: the form again
//                      with p#refer-error (400 or 409)
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_FIND_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_FIND_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterFindPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_FIND_PAGE_H_
