// The hotline page (/hotline): log a call while on the phone, with the
// keyboard alone, and see today's calls. The form opens with the cursor on
// "who called"; the fields follow in the order a call goes (caller, topic,
// and for a possible victim: persons, gender, nationality, exploitation,
// outcome; first time?), the time is prefilled with now, and every field
// has an access key (Alt+letter in Chromium). It calls the InquiryDesk the
// gRPC InquiryService calls: a coordinator or a shelter on the hotline may
// record (anyone else is refused by the desk), ROSA lists every call, a
// partner its own.
// Thread-safety: register before the server starts.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_HOTLINE_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_HOTLINE_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterHotlinePage(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_HOTLINE_PAGE_H_
