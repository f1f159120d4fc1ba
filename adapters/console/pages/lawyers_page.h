// The lawyers pages (/lawyers): the handoffs to legal counsel the user's
// partner may see (ROSA: those it made; a law firm: those made to it), with
// hours granted and used, and one handoff's hours ledger (/lawyers/H-…):
// every event, who recorded it and when; ROSA hands a case to a law firm
// there, and the firm's people record its events (handoff_forms.h).
// Through the HandoffDesk the gRPC
// HandoffService calls, so identity appears only where the desk gives it
// (the lawyer, under a consent) and a handoff the partner may not see is
// the not-found page.
// Thread-safety: register before the server starts.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_LAWYERS_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_LAWYERS_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterLawyersPage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_LAWYERS_PAGE_H_
