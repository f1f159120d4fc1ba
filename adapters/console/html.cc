#include "adapters/console/html.h"

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "adapters/console/form.h"
#include "adapters/console/messages.h"
#include "common/time_util.h"

namespace rosa::console {
namespace {

bool Shows(const PageContext& ctx, Audience audience) {
  switch (audience) {
    case Audience::kEveryone:
      return true;
    case Audience::kCoordinator:
      return ctx.IsCoordinator();
    case Audience::kPartner:
      return !ctx.IsCoordinator();
  }
  return false;
}

std::string Header(const PageContext& ctx) {
  const std::string& lang = ctx.lang;
  const std::string other = lang == "en" ? "nb" : "en";
  std::string out = absl::StrCat("<header><p class=\"brand\"><a href=\"/\">",
                                 Escape(Text(lang, "app")), "</a></p>");
  if (ctx.session) {
    absl::StrAppend(
        &out, "<p class=\"who\">", Escape(Text(lang, "signed_in_as")),
        " <span id=\"user-label\">", Escape(ctx.UserLabel()), "</span></p>",
        "<form method=\"post\" action=\"/logout\" "
        "id=\"logout-form\">",
        CsrfField(ctx), "<button type=\"submit\">",
        Escape(Text(lang, "logout")), "</button></form>");
  }
  absl::StrAppend(&out, "<a id=\"lang-switch\" href=\"?lang=", other,
                  "\" lang=\"", other, "\">", Escape(Text(lang, "lang_other")),
                  "</a></header>");
  return out;
}

std::string Nav(const PageContext& ctx) {
  if (!ctx.session) return "";
  std::string out = absl::StrCat("<nav aria-label=\"",
                                 Escape(Text(ctx.lang, "nav")), "\"><ul>");
  for (const NavItem& item : ctx.nav) {
    if (!Shows(ctx, item.audience)) continue;
    const bool current = ctx.http.path == item.path;
    absl::StrAppend(&out, "<li><a href=\"", Escape(item.path), "\"",
                    current ? " aria-current=\"page\"" : "", ">",
                    Escape(Text(ctx.lang, item.text_id)), "</a></li>");
  }
  absl::StrAppend(&out, "</ul></nav>");
  return out;
}

}  // namespace

std::string CsrfField(const PageContext& ctx) {
  return Hidden(kCsrfField, ctx.csrf);
}

std::string ShowTime(absl::Time t) {
  if (t == absl::InfinitePast() || t == absl::UnixEpoch()) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M", t, OsloTimeZone());
}

void SendPage(PageContext& ctx, std::string_view title, std::string_view main,
              int status) {
  const std::string html = absl::StrCat(
      "<!doctype html>\n<html lang=\"", ctx.lang,
      "\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><title>",
      Escape(title), " – ", Escape(Text(ctx.lang, "app")),
      "</title><link rel=\"stylesheet\" href=\"/static/console.css\">"
      "<script src=\"/static/console.js\" defer></script></head><body>"
      "<a class=\"skip\" href=\"#main\">",
      Escape(Text(ctx.lang, "skip")), "</a>", Header(ctx), Nav(ctx),
      "<main id=\"main\" tabindex=\"-1\"><h1>", Escape(title), "</h1>",
      std::string(main), "</main></body></html>\n");
  ctx.response.status = status;
  ctx.response.set_content(html, "text/html; charset=utf-8");
}

void SendFragment(PageContext& ctx, std::string_view html) {
  ctx.response.set_content(std::string(html), "text/html; charset=utf-8");
}

namespace {

// A page of one message: the title `key`, and the text `key`_text in a
// paragraph with the id `id`.
void SendMessagePage(PageContext& ctx, const std::string& key, const char* id,
                     int status) {
  SendPage(ctx, Text(ctx.lang, key),
           absl::StrCat("<p id=\"", id, "\">",
                        Escape(Text(ctx.lang, key + "_text")), "</p>"),
           status);
}

}  // namespace

void SendNotFound(PageContext& ctx) {
  SendMessagePage(ctx, "not_found", "not-found", 404);
}

void SendRefused(PageContext& ctx) {
  SendMessagePage(ctx, "forbidden", "refused", 403);
}

void SendBadRequest(PageContext& ctx) {
  SendMessagePage(ctx, "bad_request", "bad-request", 400);
}

void SendTooLarge(PageContext& ctx) {
  SendMessagePage(ctx, "too_large", "too-large", 413);
}

void Redirect(PageContext& ctx, std::string_view path) {
  ctx.response.set_redirect(std::string(path), 303);
}

std::string NextPageLink(const PageContext& ctx, std::string_view href) {
  return absl::StrCat(
      "<p class=\"pager\"><a id=\"next-page\" rel=\"next\" href=\"",
      Escape(href), "\">", Escape(Text(ctx.lang, "next_page")), "</a></p>");
}

std::string UrlEncode(std::string_view value) {
  return httplib::detail::encode_query_param(std::string(value));
}

}  // namespace rosa::console
