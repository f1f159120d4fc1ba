#include "adapters/console/pages/pages.h"

#include "adapters/console/pages/board_page.h"
#include "adapters/console/pages/capacity_page.h"
#include "adapters/console/pages/find_page.h"
#include "adapters/console/pages/login_page.h"
#include "adapters/console/pages/referral_page.h"
#include "adapters/console/pages/referrals_page.h"
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
}

}  // namespace rosa::console
