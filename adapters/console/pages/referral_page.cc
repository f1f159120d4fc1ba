#include "adapters/console/pages/referral_page.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/hub_ids.h"
#include "common/time_util.h"
#include "hub/referral/referral_state_machine.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"facts", {"Opplysninger", "Facts"}},
      {"timeline", {"Tidslinje", "Timeline"}},
      {"actions", {"Neste steg", "Next steps"}},
      {"sender", {"Fra", "From"}},
      {"recipient", {"Til", "To"}},
      {"state", {"Status", "State"}},
      {"person_ref", {"Personreferanse", "Person reference"}},
      {"gender", {"Kjønn", "Gender"}},
      {"age", {"Alder", "Age"}},
      {"nationality", {"Nasjonalitet", "Nationality"}},
      {"children", {"Barn med", "Children along"}},
      {"acute", {"Akutt", "Acute"}},
      {"yes", {"ja", "yes"}},
      {"no", {"nei", "no"}},
      {"note", {"Merknad", "Note"}},
      {"placed_at", {"Plassert ved", "Placed at"}},
      {"by", {"av", "by"}},
      {"reason", {"Begrunnelse", "Reason"}},
      {"facility_id", {"Sted (valgfritt)", "Facility (optional)"}},
      {"nights_stayed", {"Netter (valgfritt)", "Nights (optional)"}},
      {"occurred_at",
       {"Tidspunkt (valgfritt, ÅÅÅÅ-MM-DDTTT:MM)",
        "When (optional, YYYY-MM-DDTHH:MM)"}},
      {"do_received", {"Marker som mottatt", "Mark received"}},
      {"do_accepted", {"Aksepter", "Accept"}},
      {"do_rejected", {"Avvis", "Reject"}},
      {"do_in_progress", {"Registrer ankomst", "Record arrival"}},
      {"do_completed", {"Registrer utflytting", "Record departure"}},
      {"do_cancelled", {"Trekk tilbake", "Cancel"}},
      {"refused", {"Steget ble avvist: ", "The step was refused: "}},
  };
  return *kWords;
}

constexpr v1::ReferralState kSteps[] = {
    v1::REFERRAL_STATE_RECEIVED,  v1::REFERRAL_STATE_ACCEPTED,
    v1::REFERRAL_STATE_REJECTED,  v1::REFERRAL_STATE_IN_PROGRESS,
    v1::REFERRAL_STATE_COMPLETED, v1::REFERRAL_STATE_CANCELLED};

std::string Item(const std::string& term, const std::string& value) {
  return absl::StrCat("<dt>", Escape(term), "</dt><dd>", Escape(value),
                      "</dd>");
}

std::string Facts(const PageContext& ctx, const v1::Referral& r) {
  const MessageTable& w = Words();
  const std::string& l = ctx.lang;
  const v1::PersonFacts& f = r.facts();
  std::string out = absl::StrCat(
      "<h2>", Escape(Text(w, l, "facts")), "</h2><dl id=\"referral-facts\">",
      Item(Text(w, l, "state"), StateWord(l, r.state())),
      Item(Text(l, "type"), ReferralTypeWord(l, r.type())),
      Item(Text(w, l, "sender"), r.sender()),
      Item(Text(w, l, "recipient"), r.recipient()),
      Item(Text(w, l, "person_ref"), r.person_ref()),
      Item(Text(w, l, "gender"), std::string(GenderName(f.gender()))),
      Item(Text(w, l, "age"), f.age() > 0 ? absl::StrCat(f.age()) : "–"),
      Item(Text(w, l, "nationality"), f.nationality()),
      Item(Text(w, l, "children"), absl::StrCat(f.accompanying_children())),
      Item(Text(w, l, "acute"), Text(w, l, f.acute() ? "yes" : "no")));
  if (!r.note().empty())
    absl::StrAppend(&out, Item(Text(w, l, "note"), r.note()));
  if (!r.facility().id().empty()) {
    absl::StrAppend(&out, Item(Text(w, l, "placed_at"), r.facility().name()));
  }
  absl::StrAppend(&out, "</dl>");
  return out;
}

std::string Timeline(const PageContext& ctx, const v1::Referral& r) {
  const MessageTable& w = Words();
  const std::string& l = ctx.lang;
  std::string out = absl::StrCat("<h2>", Escape(Text(w, l, "timeline")),
                                 "</h2><ol id=\"timeline\">");
  for (const v1::Transition& t : r.history()) {
    absl::StrAppend(&out, "<li data-to=\"", ReferralStateName(t.to()),
                    "\"><time>",
                    Escape(ShowTime(FromProtoTime(t.occurred_at()))),
                    "</time> ", Escape(StateWord(l, t.to())), " ",
                    Escape(Text(w, l, "by")), " ", Escape(t.actor()));
    if (!t.reason().empty()) {
      absl::StrAppend(&out, ": ", Escape(t.reason()));
    }
    absl::StrAppend(&out, "</li>");
  }
  absl::StrAppend(&out, "</ol>");
  return out;
}

std::string Input(const PageContext& ctx, const std::string& form,
                  const char* name, const char* type, bool required) {
  return InputRow(
      absl::StrCat(form, "-", name), name,
      Escape(Text(Words(), ctx.lang, name)),
      absl::StrCat(" type=\"", type, "\"", required ? " required" : ""));
}

// The forms of the steps the user's partner may take now.
std::string Actions(const PageContext& ctx, const v1::Referral& r) {
  const MessageTable& w = Words();
  const std::string& l = ctx.lang;
  std::string forms;
  for (v1::ReferralState target : kSteps) {
    if (!CheckTransition(r.state(), target).ok()) continue;
    const bool sender_step = SideThatMovesTo(target) == ReferralSide::kSender;
    if ((sender_step ? r.sender() : r.recipient()) != ctx.acting->id) continue;
    const std::string name(ReferralStateName(target));
    const std::string form = absl::StrCat("action-", name);
    absl::StrAppend(&forms, "<form id=\"", form,
                    "\" method=\"post\" action=\"/referrals/", Escape(r.id()),
                    "/status\">", CsrfField(ctx), Hidden("target", name),
                    Hidden("idempotency_key", users::RandomToken(16)));
    if (target == v1::REFERRAL_STATE_REJECTED ||
        target == v1::REFERRAL_STATE_CANCELLED) {
      absl::StrAppend(&forms, Input(ctx, form, "reason", "text", true));
    }
    if (target == v1::REFERRAL_STATE_ACCEPTED &&
        r.type() == v1::REFERRAL_TYPE_PLACEMENT) {
      absl::StrAppend(&forms, Input(ctx, form, "facility_id", "text", false));
    }
    if (target == v1::REFERRAL_STATE_COMPLETED) {
      absl::StrAppend(&forms,
                      Input(ctx, form, "nights_stayed", "number", false));
    }
    absl::StrAppend(&forms, Input(ctx, form, "occurred_at", "text", false),
                    "<p><button type=\"submit\">",
                    Escape(Text(w, l, absl::StrCat("do_", name))),
                    "</button></p></form>");
  }
  if (forms.empty()) return "";
  return absl::StrCat("<h2>", Escape(Text(w, l, "actions")),
                      "</h2><div class=\"actions\">", forms, "</div>");
}

absl::StatusOr<v1::Referral> Load(PageContext& ctx, const std::string& id) {
  v1::GetReferralRequest request;
  request.set_referral_id(id);
  return AwaitDesk<v1::Referral>([&](auto done) {
    ctx.desks.referrals->Get(*ctx.acting, request, std::move(done));
  });
}

void Show(PageContext& ctx, const v1::Referral& r, const std::string& error,
          int status) {
  std::string main;
  if (!error.empty()) {
    absl::StrAppend(&main,
                    "<p id=\"action-error\" class=\"error\" "
                    "role=\"alert\">",
                    Escape(Text(Words(), ctx.lang, "refused")), Escape(error),
                    "</p>");
  }
  absl::StrAppend(&main, Facts(ctx, r), Actions(ctx, r), Timeline(ctx, r));
  SendPage(ctx, absl::StrCat(Text(ctx.lang, "referral"), " ", r.id()), main,
           status);
}

void GetReferral(PageContext& ctx) {
  const std::string id = ctx.http.matches[1];
  absl::StatusOr<v1::Referral> r =
      ids::IsReferralId(id) ? Load(ctx, id) : absl::NotFoundError("no such id");
  // Missing and not-yours look the same.
  if (absl::IsNotFound(r.status()) || absl::IsPermissionDenied(r.status())) {
    return SendNotFound(ctx);
  }
  if (!r.ok()) return Show(ctx, v1::Referral(), "", 500);
  Show(ctx, *r, "", 200);
}

// The form's occurred_at ("YYYY-MM-DDTHH:MM", Oslo time); false when it is
// set and malformed.
bool ParseOccurredAt(const std::string& text,
                     v1::UpdateReferralStatusRequest& request) {
  if (text.empty()) return true;
  absl::Time t;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%dT%H:%M", text, OsloTimeZone(), &t, &error)) {
    return false;
  }
  *request.mutable_occurred_at() = ToProtoTime(t);
  return true;
}

void PostStatus(PageContext& ctx) {
  const std::string id = ctx.http.matches[1];
  if (!ids::IsReferralId(id)) return SendNotFound(ctx);
  v1::UpdateReferralStatusRequest request;
  request.set_referral_id(id);
  request.set_idempotency_key(ctx.Param("idempotency_key"));
  request.set_reason(ctx.Param("reason"));
  request.set_facility_id(ctx.Param("facility_id"));
  for (v1::ReferralState s : kSteps) {
    if (ReferralStateName(s) == ctx.Param("target")) request.set_target(s);
  }
  uint32_t nights = 0;
  if (!ctx.Param("nights_stayed").empty() &&
      absl::SimpleAtoi(ctx.Param("nights_stayed"), &nights)) {
    request.set_nights_stayed(nights);
  }
  absl::StatusOr<v1::Referral> updated =
      ParseOccurredAt(ctx.Param("occurred_at"), request)
          ? AwaitDesk<v1::Referral>([&](auto done) {
              ctx.desks.referrals->UpdateStatus(
                  *ctx.acting, request, DeskDeadline(), std::move(done));
            })
          : absl::InvalidArgumentError("occurred_at: not YYYY-MM-DDTHH:MM");
  if (updated.ok()) return Redirect(ctx, absl::StrCat("/referrals/", id));
  if (absl::IsNotFound(updated.status()) ||
      absl::IsPermissionDenied(updated.status())) {
    return SendNotFound(ctx);
  }
  absl::StatusOr<v1::Referral> current = Load(ctx, id);
  if (!current.ok()) return SendNotFound(ctx);
  // Desk errors name record, field and reason, never personal data.
  Show(ctx, *current, std::string(updated.status().message()), 409);
}

}  // namespace

void RegisterReferralPage(Router& router) {
  router.Get(kReferralPath, Access::kSession, GetReferral);
  router.Post(absl::StrCat(kReferralPath, "/status"), Access::kSession,
              PostStatus);
}

}  // namespace rosa::console
