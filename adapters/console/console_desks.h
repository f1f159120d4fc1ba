// What the console's pages reach in the hub: the same desks the gRPC
// services call (so every rule applies unchanged), the console's people and
// sessions, and the console's own settings. Plain pointers, owned by the
// hub (app/hub_server).
// Thread-safety: the desks are thread-safe; the struct is read-only.
#ifndef ROSA_ADAPTERS_CONSOLE_CONSOLE_DESKS_H_
#define ROSA_ADAPTERS_CONSOLE_CONSOLE_DESKS_H_

#include "absl/time/time.h"
#include "hub/audit/audit_keeper.h"
#include "hub/common/clock.h"
#include "hub/consent/consent_desk.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/journal/journal_desk.h"
#include "hub/outbox/event_notifier.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_desk.h"
#include "hub/person/text_vault.h"
#include "hub/placement/placement_desk.h"
#include "hub/referral/referral_desk.h"
#include "hub/report/report_desk.h"
#include "hub/store/database.h"
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

// The parts of the hub the console uses, as the hub hands them over.
// REQUIRES: all outlive the console.
struct ConsoleHub {
  const PartnerRegistry* registry = nullptr;
  store::Database* db = nullptr;
  // Where console users' TOTP secrets are sealed.
  const TextVault* secrets = nullptr;
  const Clock* clock = nullptr;
  EventNotifier* notifier = nullptr;
  PlacementDesk* placement = nullptr;
  ReferralDesk* referrals = nullptr;
  InquiryDesk* inquiries = nullptr;
  PersonDesk* persons = nullptr;
  ConsentDesk* consents = nullptr;
  JournalDesk* journal = nullptr;
  HandoffDesk* handoffs = nullptr;
  ReportDesk* reports = nullptr;
  audit::AuditKeeper* audit = nullptr;
};

// The hub's parts and the console's own: its people, their sessions, the
// live-update streams and the settings.
struct ConsoleDesks : ConsoleHub {
  users::UserDesk* users = nullptr;
  users::SessionBook* sessions = nullptr;
  // Server-sent events for live updates (live_events.h).
  LiveEvents* live = nullptr;
  ConsoleSettings settings;
};

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_CONSOLE_DESKS_H_
