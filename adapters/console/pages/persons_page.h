// The persons pages (/persons, ROSA only, through the PersonDesk,
// ConsentDesk and JournalDesk the gRPC services call): register a person
// with their consent to registration; a person's page shows their consents
// (and records new ones) but never their identity; the identity is shown
// only after the user chooses why they read it (the purpose goes to the
// desk, which audits the read under the user's name before it answers);
// the journal is shown on request (the desk audits that read too). For
// anyone but a coordinator every person is the not-found page, as over gRPC.
// Thread-safety: register before the server starts.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_PERSONS_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_PERSONS_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterPersonsPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_PERSONS_PAGE_H_
