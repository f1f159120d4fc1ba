#include "adapters/console/pages/referrals_page.h"

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/time_util.h"
#include "hub/referral/referral_state_machine.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"role", {"Retning", "Direction"}},
      {"role_all", {"Alle", "All"}},
      {"role_sent", {"Sendt", "Sent"}},
      {"role_received", {"Mottatt", "Received"}},
      {"state", {"Status", "State"}},
      {"state_any", {"Alle", "Any"}},
      {"show", {"Vis", "Show"}},
      {"id", {"Nr.", "No."}},
      {"sender", {"Fra", "From"}},
      {"recipient", {"Til", "To"}},
      {"age", {"Alder", "Age"}},
      {"updated", {"Endret", "Changed"}},
      {"overdue", {"forsinket", "overdue"}},
      {"none", {"Ingen henvisninger.", "No referrals."}},
  };
  return *kWords;
}

constexpr v1::ReferralState kStates[] = {
    v1::REFERRAL_STATE_REQUESTED,   v1::REFERRAL_STATE_RECEIVED,
    v1::REFERRAL_STATE_ACCEPTED,    v1::REFERRAL_STATE_REJECTED,
    v1::REFERRAL_STATE_IN_PROGRESS, v1::REFERRAL_STATE_COMPLETED,
    v1::REFERRAL_STATE_CANCELLED};

v1::ReferralState StateParam(const PageContext& ctx) {
  const std::string state = ctx.Param("state");
  for (v1::ReferralState s : kStates) {
    if (ReferralStateName(s) == state) return s;
  }
  return v1::REFERRAL_STATE_UNSPECIFIED;
}

v1::ReferralRole RoleParam(const PageContext& ctx) {
  const std::string role = ctx.Param("role");
  if (role == "sent") return v1::REFERRAL_ROLE_SENT;
  if (role == "received") return v1::REFERRAL_ROLE_RECEIVED;
  return v1::REFERRAL_ROLE_UNSPECIFIED;
}

// The filter as a query string, without the page token.
std::string FilterQuery(const PageContext& ctx) {
  return absl::StrCat("role=", UrlEncode(ctx.Param("role")),
                      "&state=", UrlEncode(ctx.Param("state")));
}

// "3 h", "2 d": how long ago `since` was.
std::string Age(absl::Duration d) {
  if (d < absl::Hours(1)) return absl::StrCat(absl::ToInt64Minutes(d), " min");
  if (d < absl::Hours(48)) return absl::StrCat(absl::ToInt64Hours(d), " h");
  return absl::StrCat(absl::ToInt64Hours(d) / 24, " d");
}

std::string Row(const PageContext& ctx, const v1::Referral& r, absl::Time now) {
  const absl::Time created = FromProtoTime(r.created_at());
  const bool overdue = r.state() == v1::REFERRAL_STATE_REQUESTED &&
                       now - created >= ctx.desks.settings.overdue_after;
  const MessageTable& w = Words();
  return absl::StrCat(
      "<tr data-referral=\"", Escape(r.id()), "\" data-state=\"",
      ReferralStateName(r.state()), "\"",
      overdue ? " data-overdue=\"1\" class=\"overdue\"" : "",
      "><td><a href=\"/referrals/", Escape(r.id()), "\">", Escape(r.id()),
      "</a></td><td>", Escape(ReferralTypeWord(ctx.lang, r.type())),
      "</td><td>", Escape(r.sender()), "</td><td>", Escape(r.recipient()),
      "</td><td>", Escape(StateWord(ctx.lang, r.state())),
      overdue ? absl::StrCat(" <span class=\"badge\">",
                             Escape(Text(w, ctx.lang, "overdue")), "</span>")
              : "",
      "</td><td>", Age(now - created), "</td><td>",
      Escape(ShowTime(FromProtoTime(r.updated_at()))), "</td></tr>");
}

std::string Table(PageContext& ctx) {
  v1::ListReferralsRequest request;
  request.set_page_size(ctx.desks.settings.page_size);
  request.set_page_token(ctx.Param("page_token"));
  request.set_role(RoleParam(ctx));
  request.set_state(StateParam(ctx));
  absl::StatusOr<v1::ListReferralsResponse> list =
      AwaitDesk<v1::ListReferralsResponse>([&](auto done) {
        ctx.desks.referrals->List(*ctx.acting, request, std::move(done));
      });
  if (!list.ok()) {
    return absl::StrCat("<p class=\"error\" role=\"alert\">",
                        Escape(Text(ctx.lang, "error")), "</p>");
  }
  const MessageTable& w = Words();
  const std::string& l = ctx.lang;
  if (list->referrals().empty()) {
    return absl::StrCat("<p id=\"referrals-none\">", Escape(Text(w, l, "none")),
                        "</p>");
  }
  std::string out =
      "<div class=\"table-wrap\"><table id=\"referrals-table\">"
      "<thead><tr>";
  for (const char* id :
       {"id", "type", "sender", "recipient", "state", "age", "updated"}) {
    absl::StrAppend(&out, "<th scope=\"col\">", Escape(Text(w, l, id)),
                    "</th>");
  }
  absl::StrAppend(&out, "</tr></thead><tbody>");
  const absl::Time now = ctx.desks.clock->Now();
  for (const v1::Referral& r : list->referrals()) {
    absl::StrAppend(&out, Row(ctx, r, now));
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  if (!list->next_page_token().empty()) {
    absl::StrAppend(
        &out,
        NextPageLink(
            ctx, absl::StrCat("/referrals?", FilterQuery(ctx), "&page_token=",
                              UrlEncode(list->next_page_token()))));
  }
  return out;
}

std::string Filter(const PageContext& ctx) {
  const MessageTable& w = Words();
  const std::string& l = ctx.lang;
  const std::string role = ctx.Param("role");
  const std::string state = ctx.Param("state");
  auto choice = [](std::string_view value, std::string_view label,
                   const std::string& current) {
    return Option(value, Escape(label), value == current);
  };
  std::string states = choice("", Text(w, l, "state_any"), state);
  for (v1::ReferralState s : kStates) {
    absl::StrAppend(&states, choice(std::string(ReferralStateName(s)),
                                    StateWord(l, s), state));
  }
  return absl::StrCat(
      "<form id=\"referrals-filter\" method=\"get\" action=\"/referrals\">",
      SelectRow(
          "role", "role", Escape(Text(w, l, "role")),
          absl::StrCat(choice("all", Text(w, l, "role_all"), role),
                       choice("sent", Text(w, l, "role_sent"), role),
                       choice("received", Text(w, l, "role_received"), role))),
      SelectRow("state", "state", Escape(Text(w, l, "state")), states),
      "<p><button type=\"submit\">", Escape(Text(w, l, "show")),
      "</button></p></form>");
}

void GetReferrals(PageContext& ctx) {
  std::string live = absl::StrCat("/referrals/table?", FilterQuery(ctx));
  if (!ctx.Param("page_token").empty()) {
    absl::StrAppend(&live, "&page_token=", UrlEncode(ctx.Param("page_token")));
  }
  SendPage(
      ctx, Text(ctx.lang, "referrals"),
      absl::StrCat(Filter(ctx), "<p class=\"live-note\">",
                   Escape(Text(ctx.lang, "live")),
                   "</p><div id=\"referrals-live\" data-live=\"", Escape(live),
                   "\" aria-live=\"polite\">", Table(ctx), "</div>"));
}

}  // namespace

void RegisterReferralsPage(Router& router) {
  router.Get("/referrals", Access::kSession, GetReferrals);
  router.Get("/referrals/table", Access::kLiveFragment,
             [](PageContext& ctx) { SendFragment(ctx, Table(ctx)); });
  router.AddNav({"/referrals", "referrals", Audience::kEveryone});
}

}  // namespace rosa::console
