#include "adapters/console/pages/board_page.h"

#include <httplib.h>

#include <algorithm>
#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/html.h"
#include "adapters/console/live_events.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/time_util.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

int PageNumber(const PageContext& ctx) {
  int page = 0;
  if (!absl::SimpleAtoi(ctx.Param("page"), &page) || page < 0) return 0;
  return page;
}

std::string UnitRow(const PageContext& ctx, const v1::FacilityAvailability& f,
                    const v1::UnitAvailability& u) {
  const v1::UnitCapacity& r = u.reported();
  const std::string free =
      u.fresh() && u.has_free()
          ? absl::StrCat("<td class=\"free\" data-free=\"", u.free(), "\">",
                         u.free(), "</td>")
          : absl::StrCat("<td class=\"free unknown\" data-free=\"unknown\">",
                         Escape(Text(ctx.lang, "unknown")), "</td>");
  return absl::StrCat(
      "<tr data-facility=\"", Escape(f.facility().id()), "\" data-unit=\"",
      Escape(r.unit()), "\"><td>", Escape(f.facility().name()), "</td><td>",
      Escape(f.partner_id()), "</td><td>", Escape(f.facility().region()),
      "</td><td>", Escape(r.unit()), "</td><td>",
      Escape(UnitTypeWord(ctx.lang, r.type())), "</td>", free,
      "<td class=\"held\">", u.held(), "</td><td>", r.capacity(), "</td><td",
      u.fresh() ? "" : " class=\"stale\"", ">",
      Escape(ShowTime(FromProtoTime(r.as_of()))),
      u.fresh() ? "" : absl::StrCat(" (", Text(ctx.lang, "stale"), ")"),
      "</td></tr>");
}

// The table of page `page` (page_size facilities); an error shows as a
// paragraph in its place.
std::string BoardTable(PageContext& ctx, int page) {
  absl::StatusOr<v1::ListAvailabilityResponse> board =
      AwaitDesk<v1::ListAvailabilityResponse>([&](auto done) {
        ctx.desks.placement->ListAvailability(
            *ctx.acting, v1::ListAvailabilityRequest(), std::move(done));
      });
  if (!board.ok()) {
    return absl::StrCat("<p class=\"error\" role=\"alert\">",
                        Escape(Text(ctx.lang, "error")), "</p>");
  }
  const int size = ctx.desks.settings.page_size;
  const int total = board->facilities_size();
  // In 64 bits: any page number a URL holds is past the end, never negative.
  const int begin =
      static_cast<int>(std::min<int64_t>(total, int64_t{page} * size));
  const int end = std::min(total, begin + size);
  const std::string& l = ctx.lang;
  std::string out = absl::StrCat(
      "<div class=\"table-wrap\"><table id=\"board-table\"><thead><tr>",
      "<th scope=\"col\">", Escape(Text(l, "facility")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "partner")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "region")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "unit")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "type")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "free")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "held")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "capacity_total")), "</th>",
      "<th scope=\"col\">", Escape(Text(l, "as_of")),
      "</th></tr></thead><tbody>");
  for (int i = begin; i < end; ++i) {
    const v1::FacilityAvailability& f = board->facilities(i);
    if (f.units().empty()) {
      absl::StrAppend(&out, "<tr data-facility=\"", Escape(f.facility().id()),
                      "\"><td>", Escape(f.facility().name()), "</td><td>",
                      Escape(f.partner_id()), "</td><td>",
                      Escape(f.facility().region()),
                      "</td><td colspan=\"6\" class=\"unknown\">",
                      Escape(Text(l, "no_units")), "</td></tr>");
    }
    for (const v1::UnitAvailability& u : f.units()) {
      absl::StrAppend(&out, UnitRow(ctx, f, u));
    }
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  if (end < total) {
    absl::StrAppend(&out,
                    NextPageLink(ctx, absl::StrCat("/board?page=", page + 1)));
  }
  return out;
}

void GetBoard(PageContext& ctx) {
  const int page = PageNumber(ctx);
  SendPage(
      ctx, Text(ctx.lang, "board"),
      absl::StrCat(
          "<p class=\"live-note\">", Escape(Text(ctx.lang, "live")),
          "</p><div id=\"board-live\" data-live=\"/board/table?page=", page,
          "\" aria-live=\"polite\">", BoardTable(ctx, page), "</div>"));
}

// The stream ends when its session does, and when its user is disabled
// (checked at every change and ping, as every page request checks it).
void GetEvents(PageContext& ctx) {
  users::SessionBook* sessions = ctx.desks.sessions;
  users::UserDesk* users = ctx.desks.users;
  const users::Session session = *ctx.session;
  if (!ctx.desks.live->Serve(
          ctx.response, ctx.acting->id, [sessions, users, session] {
            return sessions->IsLive(session.id) &&
                   users->ActingPartner(session.partner, session.user).ok();
          })) {
    ctx.response.status = 503;
    ctx.response.set_content("too many live streams", "text/plain");
  }
}

}  // namespace

void RegisterBoardPage(Router& router) {
  router.Get("/board", Access::kSession, GetBoard);
  router.Get("/board/table", Access::kLiveFragment, [](PageContext& ctx) {
    SendFragment(ctx, BoardTable(ctx, PageNumber(ctx)));
  });
  router.Get("/board/events", Access::kSession, GetEvents);
  router.AddNav({"/board", "board", Audience::kEveryone});
}

}  // namespace rosa::console
