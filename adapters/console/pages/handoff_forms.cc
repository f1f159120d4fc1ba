#include "adapters/console/pages/handoff_forms.h"

#include <httplib.h>

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "hub/partner/partner_registry.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"new_handoff", {"Gi en sak til en advokat", "Hand a case to a lawyer"}},
      {"lawyer", {"Advokat", "Lawyer"}},
      {"person_id", {"Person-ID (P-…)", "Person id (P-…)"}},
      {"exploitation_form", {"Utnyttelsesform", "Form of exploitation"}},
      {"purposes", {"Hva advokaten skal vurdere", "What the lawyer assesses"}},
      {"purpose_identification", {"Identifisering", "Identification"}},
      {"purpose_residence_grounds",
       {"Grunnlag for opphold", "Grounds for residence"}},
      {"purpose_police_report",
       {"Om forholdet skal anmeldes", "Whether to report to the police"}},
      {"case_summary", {"Saken (uten navn)", "The case (no names)"}},
      {"granted_quarter_hours",
       {"Innvilget tid (kvarter)", "Time granted (quarter hours)"}},
      {"record", {"Registrer hendelse", "Record an event"}},
      {"accepted", {"Aksepter saken", "Accept the case"}},
      {"declined", {"Avslå saken", "Decline the case"}},
      {"hours_used", {"Timer brukt", "Hours used"}},
      {"extension_granted", {"Utvidelse innvilget", "Extension granted"}},
      {"report_filed", {"Anmeldelse levert", "Police report filed"}},
      {"application_submitted", {"Søknad sendt", "Application submitted"}},
      {"closed", {"Avslutt saken", "Close the case"}},
      {"reason", {"Begrunnelse (uten navn)", "Reason (no names)"}},
      {"quarter_hours", {"Kvarter (15 min)", "Quarter hours (15 min)"}},
      {"offence", {"Lovbrudd", "Offence"}},
      {"application", {"Søknad om", "Application for"}},
      {"reflection_period", {"refleksjonsperiode", "reflection period"}},
      {"extended_reflection_period",
       {"forlenget refleksjonsperiode", "extended reflection period"}},
      {"asylum", {"asyl", "asylum"}},
      {"residence_permit", {"oppholdstillatelse", "residence permit"}},
      {"summary", {"Oppsummering (uten navn)", "Summary (no names)"}},
      {"save", {"Lagre", "Save"}},
  };
  return *kWords;
}

std::string W(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

struct Purpose {
  v1::CounsellingPurpose value;
  const char* field;
};
constexpr Purpose kPurposes[] = {
    {v1::COUNSELLING_PURPOSE_IDENTIFICATION, "purpose_identification"},
    {v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS, "purpose_residence_grounds"},
    {v1::COUNSELLING_PURPOSE_POLICE_REPORT, "purpose_police_report"},
};

struct Application {
  v1::ApplicationKind value;
  const char* token;
};
constexpr Application kApplications[] = {
    {v1::APPLICATION_KIND_REFLECTION_PERIOD, "reflection_period"},
    {v1::APPLICATION_KIND_EXTENDED_REFLECTION_PERIOD,
     "extended_reflection_period"},
    {v1::APPLICATION_KIND_ASYLUM, "asylum"},
    {v1::APPLICATION_KIND_RESIDENCE_PERMIT, "residence_permit"},
};

// The event kinds a form can record, in the order the forms show.
constexpr const char* kOfferedKinds[] = {"accepted", "declined"};
constexpr const char* kAcceptedKinds[] = {"hours_used", "extension_granted",
                                          "report_filed",
                                          "application_submitted", "closed"};

std::string EventFields(const PageContext& ctx, const std::string& kind) {
  const std::string p = absl::StrCat("event-", kind, "-");
  auto id = [&](const char* field) { return absl::StrCat(p, field); };
  if (kind == "declined") {
    return InputRow(id("reason"), "reason", W(ctx, "reason"),
                    " type=\"text\" maxlength=\"500\" required");
  }
  if (kind == "hours_used" || kind == "extension_granted") {
    return InputRow(id("quarter_hours"), "quarter_hours",
                    W(ctx, "quarter_hours"),
                    absl::StrCat(" type=\"number\" min=\"1\" max=\"",
                                 kind == "hours_used" ? 48 : 80,
                                 "\" inputmode=\"numeric\" required"));
  }
  if (kind == "report_filed") {
    return InputRow(id("offence"), "offence", W(ctx, "offence"),
                    absl::StrCat(" type=\"text\" maxlength=\"100\" required",
                                 ValueAttr("trafficking")));
  }
  if (kind == "application_submitted") {
    std::string options;
    for (const Application& a : kApplications) {
      absl::StrAppend(&options, Option(a.token, W(ctx, a.token)));
    }
    return SelectRow(id("application"), "application", W(ctx, "application"),
                     options, " required");
  }
  if (kind == "closed") {
    return TextareaRow(id("summary"), "summary", W(ctx, "summary"), "",
                       " maxlength=\"2000\" required");
  }
  return "";
}

bool QuarterHours(const PageContext& ctx, uint32_t* out) {
  return absl::SimpleAtoi(ctx.Param("quarter_hours"), out);
}

}  // namespace

std::string NewHandoffForm(const PageContext& ctx) {
  if (!ctx.IsCoordinator()) return "";
  std::string lawyers;
  for (const Partner* p : ctx.desks.registry->All()) {
    if (p->kind != v1::PARTNER_KIND_LEGAL_COUNSEL || !p->enabled) continue;
    absl::StrAppend(&lawyers, Option(p->id, Escape(p->display_name)));
  }
  std::string purposes;
  for (const Purpose& p : kPurposes) {
    absl::StrAppend(&purposes,
                    CheckboxRow(p.field, p.field, W(ctx, p.field), false));
  }
  return absl::StrCat(
      "<h2 id=\"new-handoff\">", W(ctx, "new_handoff"),
      "</h2><form id=\"new-handoff-form\" method=\"post\" action=\"/lawyers\" "
      "aria-labelledby=\"new-handoff\">",
      CsrfField(ctx), Hidden("idempotency_key", users::RandomToken(16)),
      SelectRow("lawyer", "lawyer", W(ctx, "lawyer"), lawyers, " required"),
      InputRow("person_id", "person_id", W(ctx, "person_id"),
               " type=\"text\" required autocomplete=\"off\""),
      SelectRow("exploitation_form", "exploitation_form",
                W(ctx, "exploitation_form"), ExploitationOptions(ctx.lang, "")),
      "<fieldset><legend>", W(ctx, "purposes"), "</legend>", purposes,
      "</fieldset>",
      TextareaRow("case_summary", "case_summary", W(ctx, "case_summary"), "",
                  " maxlength=\"2000\""),
      InputRow("granted_quarter_hours", "granted_quarter_hours",
               W(ctx, "granted_quarter_hours"),
               " type=\"number\" min=\"1\" inputmode=\"numeric\" value=\"12\""),
      "<p><button type=\"submit\">", W(ctx, "save"), "</button></p></form>");
}

std::string HandoffEventForms(const PageContext& ctx, const v1::Handoff& h) {
  if (!ctx.acting || ctx.acting->id != h.lawyer()) return "";
  std::vector<const char*> kinds;
  if (h.state() == v1::HANDOFF_STATE_OFFERED) {
    kinds.assign(std::begin(kOfferedKinds), std::end(kOfferedKinds));
  } else if (h.state() == v1::HANDOFF_STATE_ACCEPTED) {
    kinds.assign(std::begin(kAcceptedKinds), std::end(kAcceptedKinds));
  }
  if (kinds.empty()) return "";
  std::string out =
      absl::StrCat("<h2 id=\"record-event\">", W(ctx, "record"), "</h2>");
  for (const char* kind : kinds) {
    const std::string form = absl::StrCat("event-", kind);
    absl::StrAppend(&out, "<form id=\"", form,
                    "\" method=\"post\" action=\"/lawyers/", Escape(h.id()),
                    "/event\" aria-label=\"", W(ctx, kind), "\">",
                    CsrfField(ctx), Hidden("kind", kind),
                    Hidden("idempotency_key", users::RandomToken(16)),
                    EventFields(ctx, kind), "<p><button type=\"submit\">",
                    W(ctx, kind), "</button></p></form>");
  }
  return out;
}

v1::CreateHandoffRequest CreateRequestOf(const PageContext& ctx) {
  v1::CreateHandoffRequest request;
  request.set_idempotency_key(ctx.Param("idempotency_key"));
  request.set_lawyer(ctx.Param("lawyer"));
  request.set_person_id(ctx.Param("person_id"));
  request.set_case_summary(ctx.Param("case_summary"));
  request.set_exploitation_form(ExploitationOf(ctx.Param("exploitation_form")));
  for (const Purpose& p : kPurposes) {
    if (ctx.Param(p.field) == "1") request.add_purposes(p.value);
  }
  uint32_t granted = 0;
  if (absl::SimpleAtoi(ctx.Param("granted_quarter_hours"), &granted)) {
    request.set_granted_quarter_hours(granted);
  }
  return request;
}

absl::StatusOr<v1::RecordHandoffEventRequest> EventRequestOf(
    const PageContext& ctx, std::string_view handoff_id) {
  v1::RecordHandoffEventRequest request;
  request.set_idempotency_key(ctx.Param("idempotency_key"));
  request.set_handoff_id(std::string(handoff_id));
  v1::HandoffEvent& event = *request.mutable_event();
  const std::string kind = ctx.Param("kind");
  uint32_t quarters = 0;
  if (kind == "accepted") {
    event.mutable_accepted();
  } else if (kind == "declined") {
    event.mutable_declined()->set_reason(ctx.Param("reason"));
  } else if (kind == "hours_used" || kind == "extension_granted") {
    if (!QuarterHours(ctx, &quarters)) {
      return absl::InvalidArgumentError("quarter_hours: not a whole number");
    }
    if (kind == "hours_used") {
      event.mutable_hours_used()->set_quarter_hours(quarters);
    } else {
      event.mutable_extension_granted()->set_quarter_hours(quarters);
    }
  } else if (kind == "report_filed") {
    event.mutable_report_filed()->set_offence(ctx.Param("offence"));
  } else if (kind == "application_submitted") {
    v1::ApplicationKind chosen = v1::APPLICATION_KIND_UNSPECIFIED;
    for (const Application& a : kApplications) {
      if (ctx.Param("application") == a.token) chosen = a.value;
    }
    event.mutable_application_submitted()->set_kind(chosen);
  } else if (kind == "closed") {
    event.mutable_closed()->set_summary(ctx.Param("summary"));
  } else {
    return absl::InvalidArgumentError("kind: not an event a form records");
  }
  return request;
}

}  // namespace rosa::console
