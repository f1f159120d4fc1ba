#include "adapters/console/pages/find_page.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/time_util.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"gender", {"Kjønn", "Gender"}},
      {"children", {"Barn med", "Children along"}},
      {"acute", {"Trenger plass i dag", "Needs a place today"}},
      {"region", {"Region (valgfritt)", "Region (optional)"}},
      {"wheelchair", {"Rullestol", "Wheelchair"}},
      {"search", {"Søk", "Search"}},
      {"results", {"Treff", "Matches"}},
      {"none", {"Ingen ledig plass passer.", "No free place fits."}},
      {"refer", {"Henvis med holdt plass", "Refer and hold a place"}},
      {"refer_title", {"Ny plasseringshenvisning", "New placement referral"}},
      {"recipient", {"Til", "To"}},
      {"hold_unit", {"Enhet (valgfritt)", "Unit (optional)"}},
      {"person_ref", {"Personreferanse (P-...)", "Person reference (P-...)"}},
      {"age", {"Alder", "Age"}},
      {"nationality",
       {"Nasjonalitet (to bokstaver)", "Nationality (two letters)"}},
      {"exploitation_form", {"Utnyttelsesform", "Form of exploitation"}},
      {"languages", {"Språk (f.eks. ro, en)", "Languages (e.g. ro, en)"}},
      {"note",
       {"Merknad (ingen identifiserende opplysninger)",
        "Note (nothing that identifies the person)"}},
      {"send", {"Send henvisning", "Send referral"}},
      {"refused", {"Henvisningen ble avvist: ", "The referral was refused: "}},
      {"woman", {"kvinne", "woman"}},
      {"man", {"mann", "man"}},
      {"trans", {"trans", "trans"}},
      {"unknown", {"ukjent", "unknown"}},
  };
  return *kWords;
}

std::string W(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

std::string Select(const PageContext& ctx, const std::string& id,
                   std::initializer_list<const char*> values) {
  const std::string current = ctx.Param(id);
  std::string options;
  for (const char* v : values) {
    absl::StrAppend(&options, Option(v, W(ctx, v), current == v));
  }
  return SelectRow(id, id, W(ctx, id), options);
}

std::string Input(const PageContext& ctx, const std::string& id,
                  const char* type, const char* extra = "") {
  return InputRow(
      id, id, W(ctx, id),
      absl::StrCat(" type=\"", type, "\"", ValueAttr(ctx.Param(id)), extra));
}

std::string Check(const PageContext& ctx, const std::string& id) {
  return CheckboxRow(id, id, W(ctx, id), ctx.Param(id) == "1");
}

uint32_t Number(const PageContext& ctx, const std::string& id) {
  uint32_t n = 0;
  return absl::SimpleAtoi(ctx.Param(id), &n) ? n : 0;
}

v1::PlacementNeed Need(const PageContext& ctx) {
  v1::PlacementNeed need;
  need.set_gender(GenderFromName(ctx.Param("gender")));
  need.set_children(Number(ctx, "children"));
  need.set_acute(ctx.Param("acute") == "1");
  need.set_region(ctx.Param("region"));
  need.set_wheelchair(ctx.Param("wheelchair") == "1");
  return need;
}

std::string Results(PageContext& ctx) {
  v1::FindPlacesRequest request;
  *request.mutable_need() = Need(ctx);
  absl::StatusOr<v1::FindPlacesResponse> found =
      AwaitDesk<v1::FindPlacesResponse>([&](auto done) {
        ctx.desks.placement->FindPlaces(*ctx.acting, request, std::move(done));
      });
  if (!found.ok()) {
    return absl::StrCat("<p class=\"error\" role=\"alert\">",
                        Escape(std::string(found.status().message())), "</p>");
  }
  if (found->matches().empty()) {
    return absl::StrCat("<p id=\"find-none\">", W(ctx, "none"), "</p>");
  }
  const std::string& l = ctx.lang;
  std::string out = absl::StrCat(
      "<h2>", W(ctx, "results"),
      "</h2><div class=\"table-wrap\"><table id=\"find-results\"><thead><tr>"
      "<th scope=\"col\">",
      Escape(Text(l, "facility")), "</th><th scope=\"col\">",
      Escape(Text(l, "partner")), "</th><th scope=\"col\">",
      Escape(Text(l, "region")), "</th><th scope=\"col\">",
      Escape(Text(l, "free")), "</th><th scope=\"col\">",
      Escape(Text(l, "as_of")),
      "</th><th scope=\"col\"></th></tr></thead>"
      "<tbody>");
  const std::string need_query =
      absl::StrCat("&gender=", UrlEncode(ctx.Param("gender")),
                   "&children=", Number(ctx, "children"),
                   ctx.Param("acute") == "1" ? "&acute=1" : "");
  for (const v1::PlacementMatch& m : found->matches()) {
    const v1::FacilityAvailability& f = m.facility();
    absl::StrAppend(&out, "<tr data-facility=\"", Escape(f.facility().id()),
                    "\" data-partner=\"", Escape(f.partner_id()), "\"><td>",
                    Escape(f.facility().name()), "</td><td>",
                    Escape(f.partner_id()), "</td><td>",
                    Escape(f.facility().region()), "</td><td>", m.free(),
                    "</td><td>", Escape(ShowTime(FromProtoTime(m.as_of()))),
                    "</td><td><a class=\"refer\" href=\"",
                    Escape(absl::StrCat(
                        "/find/refer?facility=", UrlEncode(f.facility().id()),
                        "&partner=", UrlEncode(f.partner_id()), need_query)),
                    "\">", W(ctx, "refer"), "</a></td></tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  return out;
}

void GetFind(PageContext& ctx) {
  if (!ctx.IsCoordinator()) return SendNotFound(ctx);
  std::string main =
      absl::StrCat("<form id=\"find-form\" method=\"get\" action=\"/find\">",
                   Select(ctx, "gender", {"woman", "man", "trans", "unknown"}),
                   Input(ctx, "children", "number", " min=\"0\" max=\"20\""),
                   Check(ctx, "acute"), Input(ctx, "region", "text"),
                   Check(ctx, "wheelchair"), "<p><button type=\"submit\">",
                   W(ctx, "search"), "</button></p></form>");
  if (!ctx.Param("gender").empty()) absl::StrAppend(&main, Results(ctx));
  SendPage(ctx, Text(ctx.lang, "find"), main);
}

void ShowReferForm(PageContext& ctx, const std::string& error, int status) {
  std::string main;
  if (!error.empty()) {
    absl::StrAppend(&main,
                    "<p id=\"refer-error\" class=\"error\" role=\"alert\">",
                    W(ctx, "refused"), Escape(error), "</p>");
  }
  const std::string recipient = ctx.Param("recipient").empty()
                                    ? ctx.Param("partner")
                                    : ctx.Param("recipient");
  const std::string facility = ctx.Param("hold_facility").empty()
                                   ? ctx.Param("facility")
                                   : ctx.Param("hold_facility");
  absl::StrAppend(
      &main, "<form id=\"refer-form\" method=\"post\" action=\"/find/refer\">",
      CsrfField(ctx),
      Hidden("idempotency_key", ctx.Param("idempotency_key").empty()
                                    ? users::RandomToken(16)
                                    : ctx.Param("idempotency_key")),
      Hidden("recipient", recipient), Hidden("hold_facility", facility), "<p>",
      W(ctx, "recipient"), ": <strong id=\"refer-to\">", Escape(recipient),
      "</strong> (", Escape(facility), ")</p>", Input(ctx, "hold_unit", "text"),
      Input(ctx, "person_ref", "text", " required"),
      Select(ctx, "gender", {"woman", "man", "trans", "unknown"}),
      Input(ctx, "age", "number", " min=\"1\" max=\"120\" required"),
      Input(ctx, "nationality", "text", " maxlength=\"2\""),
      SelectRow("exploitation_form", "exploitation_form",
                W(ctx, "exploitation_form"),
                ExploitationOptions(ctx.lang, ctx.Param("exploitation_form"))),
      Input(ctx, "children", "number", " min=\"0\" max=\"20\""),
      Check(ctx, "acute"), Input(ctx, "languages", "text"),
      TextareaRow("note", "note", W(ctx, "note"), ctx.Param("note"),
                  " maxlength=\"2000\""),
      "<p><button type=\"submit\">", W(ctx, "send"), "</button></p></form>");
  SendPage(ctx, W(ctx, "refer_title"), main, status);
}

void PostRefer(PageContext& ctx) {
  if (!ctx.IsCoordinator()) return SendNotFound(ctx);
  v1::SubmitReferralRequest request;
  request.set_idempotency_key(ctx.Param("idempotency_key"));
  request.set_recipient(ctx.Param("recipient"));
  request.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  request.set_person_ref(ctx.Param("person_ref"));
  v1::PersonFacts& facts = *request.mutable_facts();
  facts.set_gender(GenderFromName(ctx.Param("gender")));
  facts.set_age(Number(ctx, "age"));
  facts.set_nationality(ctx.Param("nationality"));
  facts.set_exploitation_form(ExploitationOf(ctx.Param("exploitation_form")));
  facts.set_accompanying_children(Number(ctx, "children"));
  facts.set_acute(ctx.Param("acute") == "1");
  for (absl::string_view lang :
       absl::StrSplit(ctx.Param("languages"), ',', absl::SkipWhitespace())) {
    facts.add_languages(std::string(absl::StripAsciiWhitespace(lang)));
  }
  request.set_note(ctx.Param("note"));
  request.mutable_hold()->set_facility_id(ctx.Param("hold_facility"));
  request.mutable_hold()->set_unit(ctx.Param("hold_unit"));
  absl::StatusOr<v1::SubmitReferralResponse> sent =
      AwaitDesk<v1::SubmitReferralResponse>([&](auto done) {
        ctx.desks.referrals->Submit(*ctx.acting, request, DeskDeadline(),
                                    std::move(done));
      });
  if (sent.ok()) {
    return Redirect(ctx, absl::StrCat("/referrals/", sent->referral().id()));
  }
  // Desk errors name field and reason, never personal data.
  ShowReferForm(ctx, std::string(sent.status().message()),
                absl::IsInvalidArgument(sent.status()) ? 400 : 409);
}

}  // namespace

void RegisterFindPage(Router& router) {
  router.Get("/find", Access::kSession, GetFind);
  router.Get("/find/refer", Access::kSession, [](PageContext& ctx) {
    if (!ctx.IsCoordinator()) return SendNotFound(ctx);
    ShowReferForm(ctx, "", 200);
  });
  router.Post("/find/refer", Access::kSession, PostRefer);
  router.AddNav({"/find", "find", Audience::kCoordinator});
}

}  // namespace rosa::console
