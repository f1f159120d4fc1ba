// The audit page (/audit, ROSA only, as the gRPC AuditService): the hub's
// latest signed checkpoint of the audit log (origin, size, root hash,
// Ed25519 signature) and a button that verifies the whole stored log
// against that checkpoint with the hub's key (AuditKeeper::Verify, the
// same call as AuditService.VerifyLog). The checkpoint travels with the
// form, so what is verified is exactly what the page showed. Anyone else
// gets the not-found page.
// Thread-safety: register before the server starts.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_AUDIT_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_AUDIT_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterAuditPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_AUDIT_PAGE_H_
