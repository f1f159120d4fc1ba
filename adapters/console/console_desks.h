// What the console's pages reach in the hub: the same desks the gRPC
// services call (so every rule applies unchanged), the console's people and
// sessions, and the console's own settings. Plain pointers, owned by the
// hub (app/hub_server).
// Thread-safety: the desks are thread-safe; the struct is read-only.
#ifndef ROSA_ADAPTERS_CONSOLE_CONSOLE_DESKS_H_
#define ROSA_ADAPTERS_CONSOLE_CONSOLE_DESKS_H_

#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/outbox/event_notifier.h"
#include "hub/partner/partner_registry.h"
#include "hub/placement/placement_desk.h"
#include "hub/referral/referral_desk.h"
#include "hub/users/session_book.h"
#include "hub/users/user_desk.h"

namespace rosa::console {

struct ConsoleSettings {
  // A referral still requested (not received) after this is overdue.
  absl::Duration overdue_after = absl::Hours(4);
  // Rows per page of every list.
  int page_size = 25;
  // Most live-update (server-sent events) streams open at once.
  int max_event_streams = 32;
};

class LiveEvents;

struct ConsoleDesks {
  const PartnerRegistry* registry = nullptr;
  const Clock* clock = nullptr;
  users::UserDesk* users = nullptr;
  users::SessionBook* sessions = nullptr;
  EventNotifier* notifier = nullptr;
  PlacementDesk* placement = nullptr;
  ReferralDesk* referrals = nullptr;
  // Server-sent events for live updates (live_events.h).
  LiveEvents* live = nullptr;
  ConsoleSettings settings;
};

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_CONSOLE_DESKS_H_
