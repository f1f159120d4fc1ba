// Report free places (a partner with facilities): its units' figures as
// the hub holds them, one form per unit to report new figures, and one to
// add a unit. Through PlacementDesk::ReportCapacity, exactly as
// ReportCapacity over gRPC: a partner reports only its own facilities.
//   GET  /capacity   form.capacity-form per unit (id
//                    "capacity-<facility>-<unit>", unit names made safe
//                    for ids) and form#capacity-new; fields facility_id,
//                    unit, type (acute|longer_stay|family), capacity, free,
//                    admits (women|men|all), children (checkbox),
//                    wheelchair (checkbox), idempotency_key, csrf
//   POST /capacity   303 to /capacity?saved=1 (p#capacity-saved); refused:
//                    the page with p#capacity-error (400)
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_CAPACITY_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_CAPACITY_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterCapacityPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_CAPACITY_PAGE_H_
