#include "adapters/console/pages/lawyers_page.h"

#include <httplib.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/handoff_forms.h"
#include "common/time_util.h"
#include "hub/handoff/handoff_desk.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kHandoffPath[] = R"(/lawyers/(H-[0-9]{4}-[0-9]{1,12}))";

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"lawyers", {"Advokater", "Lawyers"}},
      {"handoff", {"Overføring til advokat", "Handoff to a lawyer"}},
      {"none", {"Ingen overføringer.", "No handoffs."}},
      {"id", {"Nr.", "No."}},
      {"lawyer", {"Advokat", "Lawyer"}},
      {"person", {"Person", "Person"}},
      {"state", {"Status", "State"}},
      {"hours", {"Timer brukt / innvilget", "Hours used / granted"}},
      {"updated", {"Endret", "Changed"}},
      {"summary", {"Saken", "The case"}},
      {"ledger", {"Timeregnskap", "Hours ledger"}},
      {"event", {"Hendelse", "Event"}},
      {"actor", {"Registrert av", "Recorded by"}},
      {"when", {"Når", "When"}},
      {"delta", {"Timer", "Hours"}},
      {"offered", {"Tilbudt", "Offered"}},
      {"accepted", {"Akseptert", "Accepted"}},
      {"declined", {"Avslått", "Declined"}},
      {"closed", {"Avsluttet", "Closed"}},
      {"hours_used", {"Timer brukt", "Hours used"}},
      {"extension_granted", {"Utvidelse innvilget", "Extension granted"}},
      {"report_filed", {"Anmeldelse levert", "Police report filed"}},
      {"application_submitted", {"Søknad sendt", "Application submitted"}},
  };
  return *kWords;
}

std::string Word(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

std::string Hours(uint32_t quarter_hours) {
  return absl::StrFormat("%.2f", quarter_hours / 4.0);
}

std::string StateOf(const PageContext& ctx, v1::HandoffState s) {
  switch (s) {
    case v1::HANDOFF_STATE_OFFERED:
      return Word(ctx, "offered");
    case v1::HANDOFF_STATE_ACCEPTED:
      return Word(ctx, "accepted");
    case v1::HANDOFF_STATE_DECLINED:
      return Word(ctx, "declined");
    case v1::HANDOFF_STATE_CLOSED:
      return Word(ctx, "closed");
    default:
      return "";
  }
}

std::string Error(const PageContext& ctx) {
  return absl::StrCat("<p class=\"error\" role=\"alert\">",
                      Escape(Text(ctx.lang, "error")), "</p>");
}

// A desk's refusal of a form: its message names the field and the reason,
// never a value.
std::string Refusal(const PageContext& ctx, const absl::Status& status) {
  const bool named = absl::IsInvalidArgument(status) ||
                     absl::IsFailedPrecondition(status) ||
                     absl::IsAlreadyExists(status) || absl::IsNotFound(status);
  return absl::StrCat(
      "<p id=\"handoff-error\" class=\"error\" role=\"alert\">",
      Escape(named ? std::string(status.message()) : Text(ctx.lang, "error")),
      "</p>");
}

void ShowLawyers(PageContext& ctx, const std::string& error, int status) {
  v1::ListHandoffsRequest request;
  request.set_page_size(ctx.desks.settings.page_size);
  request.set_page_token(ctx.Param("page_token"));
  absl::StatusOr<v1::ListHandoffsResponse> list =
      AwaitDesk<v1::ListHandoffsResponse>([&](auto done) {
        ctx.desks.handoffs->List(*ctx.acting, request, DeskDeadline(),
                                 std::move(done));
      });
  std::string main;
  if (absl::IsPermissionDenied(list.status())) return SendNotFound(ctx);
  if (!list.ok()) {
    main = Error(ctx);
  } else if (list->handoffs().empty()) {
    main = absl::StrCat("<p id=\"handoffs-none\">", Word(ctx, "none"), "</p>");
  } else {
    main = "<div class=\"table-wrap\"><table id=\"handoffs-table\"><thead><tr>";
    for (const char* id :
         {"id", "lawyer", "person", "state", "hours", "updated"}) {
      absl::StrAppend(&main, "<th scope=\"col\">", Word(ctx, id), "</th>");
    }
    absl::StrAppend(&main, "</tr></thead><tbody>");
    for (const v1::Handoff& h : list->handoffs()) {
      absl::StrAppend(
          &main, "<tr data-handoff=\"", Escape(h.id()),
          "\"><td><a href=\"/lawyers/", Escape(h.id()), "\">", Escape(h.id()),
          "</a></td><td>", Escape(h.lawyer()), "</td><td>",
          Escape(h.person_id()), "</td><td>", StateOf(ctx, h.state()),
          "</td><td>", Hours(h.used_quarter_hours()), " / ",
          Hours(h.granted_quarter_hours()), "</td><td>",
          Escape(ShowTime(FromProtoTime(h.updated_at()))), "</td></tr>");
    }
    absl::StrAppend(&main, "</tbody></table></div>");
    if (!list->next_page_token().empty()) {
      absl::StrAppend(
          &main,
          NextPageLink(ctx, absl::StrCat("/lawyers?page_token=",
                                         UrlEncode(list->next_page_token()))));
    }
  }
  absl::StrAppend(&main, error, NewHandoffForm(ctx));
  SendPage(ctx, Text(Words(), ctx.lang, "lawyers"), main, status);
}

void GetLawyers(PageContext& ctx) { ShowLawyers(ctx, "", 200); }

void PostNewHandoff(PageContext& ctx) {
  if (!ctx.IsCoordinator()) return SendNotFound(ctx);
  const v1::CreateHandoffRequest request = CreateRequestOf(ctx);
  absl::StatusOr<v1::Handoff> made = AwaitDesk<v1::Handoff>([&](auto done) {
    ctx.desks.handoffs->Create(*ctx.acting, request, DeskDeadline(),
                               std::move(done));
  });
  if (made.ok()) return Redirect(ctx, absl::StrCat("/lawyers/", made->id()));
  ShowLawyers(ctx, Refusal(ctx, made.status()), 409);
}

// The event's kind (the oneof case's name) and its hours, if any.
std::pair<std::string, std::string> EventOf(const v1::HandoffEvent& e) {
  switch (e.kind_case()) {
    case v1::HandoffEvent::kAccepted:
      return {"accepted", ""};
    case v1::HandoffEvent::kDeclined:
      return {"declined", ""};
    case v1::HandoffEvent::kHoursUsed:
      return {"hours_used", Hours(e.hours_used().quarter_hours())};
    case v1::HandoffEvent::kExtensionGranted:
      return {"extension_granted",
              absl::StrCat("+", Hours(e.extension_granted().quarter_hours()))};
    case v1::HandoffEvent::kReportFiled:
      return {"report_filed", ""};
    case v1::HandoffEvent::kApplicationSubmitted:
      return {"application_submitted", ""};
    case v1::HandoffEvent::kClosed:
      return {"closed", ""};
    default:
      return {"", ""};
  }
}

absl::StatusOr<v1::Handoff> Load(const PageContext& ctx,
                                 const std::string& id) {
  v1::GetHandoffRequest request;
  request.set_handoff_id(id);
  return AwaitDesk<v1::Handoff>([&](auto done) {
    ctx.desks.handoffs->Get(*ctx.acting, request, DeskDeadline(),
                            std::move(done));
  });
}

void ShowHandoff(PageContext& ctx, const absl::StatusOr<v1::Handoff>& h,
                 const std::string& error, int status) {
  if (absl::IsNotFound(h.status()) || absl::IsPermissionDenied(h.status())) {
    return SendNotFound(ctx);
  }
  if (!h.ok()) {
    return SendPage(ctx, Text(Words(), ctx.lang, "handoff"), Error(ctx), 500);
  }
  std::string main = absl::StrCat(
      "<dl id=\"handoff\"><dt>", Word(ctx, "id"), "</dt><dd>", Escape(h->id()),
      "</dd><dt>", Word(ctx, "lawyer"), "</dt><dd>", Escape(h->lawyer()),
      "</dd><dt>", Word(ctx, "person"), "</dt><dd>", Escape(h->person_id()),
      "</dd><dt>", Word(ctx, "state"), "</dt><dd>", StateOf(ctx, h->state()),
      "</dd><dt>", Word(ctx, "hours"), "</dt><dd id=\"handoff-hours\">",
      Hours(h->used_quarter_hours()), " / ", Hours(h->granted_quarter_hours()),
      "</dd><dt>", Word(ctx, "summary"), "</dt><dd>", Escape(h->case_summary()),
      "</dd></dl><h2>", Word(ctx, "ledger"),
      "</h2><div class=\"table-wrap\"><table id=\"ledger-table\"><thead><tr>");
  for (const char* id : {"when", "event", "delta", "actor"}) {
    absl::StrAppend(&main, "<th scope=\"col\">", Word(ctx, id), "</th>");
  }
  absl::StrAppend(&main, "</tr></thead><tbody>");
  for (const v1::HandoffLedgerEntry& entry : h->ledger()) {
    const auto [kind, hours] = EventOf(entry.event());
    absl::StrAppend(&main, "<tr data-event=\"", kind, "\"><td>",
                    Escape(ShowTime(FromProtoTime(entry.occurred_at()))),
                    "</td><td>", kind.empty() ? "" : Word(ctx, kind),
                    "</td><td>", hours, "</td><td>", Escape(entry.actor()),
                    "</td></tr>");
  }
  absl::StrAppend(&main, "</tbody></table></div>", error,
                  HandoffEventForms(ctx, *h));
  SendPage(ctx, Text(Words(), ctx.lang, "handoff"), main, status);
}

void GetHandoff(PageContext& ctx) {
  ShowHandoff(ctx, Load(ctx, ctx.http.matches[1].str()), "", 200);
}

void PostHandoffEvent(PageContext& ctx) {
  const std::string id = ctx.http.matches[1].str();
  absl::StatusOr<v1::RecordHandoffEventRequest> request =
      EventRequestOf(ctx, id);
  absl::StatusOr<v1::Handoff> recorded =
      request.ok() ? AwaitDesk<v1::Handoff>([&](auto done) {
        ctx.desks.handoffs->RecordEvent(*ctx.acting, *request, DeskDeadline(),
                                        std::move(done));
      })
                   : absl::StatusOr<v1::Handoff>(request.status());
  if (recorded.ok()) return Redirect(ctx, absl::StrCat("/lawyers/", id));
  // Missing and not-yours look the same.
  if (absl::IsNotFound(recorded.status()) ||
      absl::IsPermissionDenied(recorded.status())) {
    return SendNotFound(ctx);
  }
  ShowHandoff(ctx, Load(ctx, id), Refusal(ctx, recorded.status()), 409);
}

}  // namespace

void RegisterLawyersPage(Router& router) {
  router.Get("/lawyers", Access::kSession, GetLawyers);
  router.Post("/lawyers", Access::kSession, PostNewHandoff);
  router.Get(kHandoffPath, Access::kSession, GetHandoff);
  router.Post(absl::StrCat(kHandoffPath, "/event"), Access::kSession,
              PostHandoffEvent);
  router.AddNav({"/lawyers", "lawyers", Audience::kEveryone});
}

}  // namespace rosa::console
