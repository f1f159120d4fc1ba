#include "adapters/console/pages/pages.h"

#include "adapters/console/pages/audit_page.h"
#include "adapters/console/pages/board_page.h"
#include "adapters/console/pages/capacity_page.h"
#include "adapters/console/pages/find_page.h"
#include "adapters/console/pages/hotline_page.h"
#include "adapters/console/pages/lawyers_page.h"
#include "adapters/console/pages/login_page.h"
#include "adapters/console/pages/persons_page.h"
#include "adapters/console/pages/referral_page.h"
#include "adapters/console/pages/referrals_page.h"
#include "adapters/console/pages/report_page.h"
#include "adapters/console/pages/static_files.h"

namespace rosa::console {

void RegisterPages(Router& router) {
  // One line per page; the menu follows this order.
  RegisterStaticFiles(router);
  RegisterLoginPages(router);
  RegisterBoardPage(router);
  RegisterFindPage(router);
  RegisterReferralsPage(router);
  RegisterReferralPage(router);
  RegisterCapacityPage(router);
  RegisterHotlinePage(router);
  RegisterPersonsPage(router);
  RegisterLawyersPage(router);
  RegisterReportPage(router);
  RegisterAuditPage(router);
}

}  // namespace rosa::console
