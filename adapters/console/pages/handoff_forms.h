// The forms of the lawyers pages that change a handoff, and reading them
// back into the HandoffDesk's requests: ROSA hands a registered person's
// case to a law firm (POST /lawyers), and the law firm's people record
// what happened (POST /lawyers/H-…/event): accepted or declined (with a
// reason), hours used, an extension granted, a police report filed, an
// application submitted, the case closed (with a summary). Which forms show
// follows the handoff's state; the desk decides what is allowed (its
// lawyer only, the consent, the hours budget), so a form shown by mistake
// is refused there with the desk's message.
//
// Form fields (ids in brackets):
//   form#new-handoff-form: lawyer, person_id, exploitation_form,
//     purpose_identification / purpose_residence_grounds /
//     purpose_police_report (checkboxes), case_summary,
//     granted_quarter_hours (default 12), idempotency_key, csrf.
//   form#event-<kind> (kind: accepted, declined, hours_used,
//     extension_granted, report_filed, application_submitted, closed):
//     kind, idempotency_key, csrf, and per kind: reason (declined),
//     quarter_hours (hours_used, extension_granted), offence (report_filed),
//     application (application_submitted), summary (closed). Input ids are
//     `event-<kind>-<field>`.
// Thread-safety: pure functions over the request's context.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_HANDOFF_FORMS_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_HANDOFF_FORMS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/console/router.h"
#include "rosa/hub/v1/handoff_service.pb.h"

namespace rosa::console {

// The coordinator's form to hand a case to a law firm; "" for anyone else.
std::string NewHandoffForm(const PageContext& ctx);
// The forms of the events the user's partner may record on `h` now: only
// for the handoff's own law firm, and none once declined or closed.
std::string HandoffEventForms(const PageContext& ctx,
                              const rosa::hub::v1::Handoff& h);

// The posted new-handoff form as a request (the desk validates it).
rosa::hub::v1::CreateHandoffRequest CreateRequestOf(const PageContext& ctx);
// The posted event form as a request for `handoff_id`; INVALID_ARGUMENT
// naming the field when the kind is unknown or a number is not one.
absl::StatusOr<rosa::hub::v1::RecordHandoffEventRequest> EventRequestOf(
    const PageContext& ctx, std::string_view handoff_id);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_HANDOFF_FORMS_H_
