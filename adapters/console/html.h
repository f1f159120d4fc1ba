// Building the console's HTML: escaping, the shared layout (skip link,
// <header>, <nav>, <main> with one <h1>), and the standard answers (not
// found, refused, redirect). Every page is complete HTML that works
// without JavaScript; the only script is /static/console.js (live
// updates), never inline.
// Thread-safety: pure functions over the request's context.
#ifndef ROSA_ADAPTERS_CONSOLE_HTML_H_
#define ROSA_ADAPTERS_CONSOLE_HTML_H_

#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "adapters/console/router.h"
#include "hub/common/html_escape.h"

namespace rosa::console {

// Escapes & < > " ' for text and attribute values (hub/common/html_escape).
inline std::string Escape(std::string_view text) { return HtmlEscape(text); }
// <input type="hidden" name="csrf" value="...">
std::string CsrfField(const PageContext& ctx);
// "2026-11-29 11:00" in the hub's civil time zone; "" for an unset time.
std::string ShowTime(absl::Time t);
// The page: `title` becomes <title> and the <h1>, `main` goes inside
// <main id="main"> after it. 200 unless `status` says otherwise.
void SendPage(PageContext& ctx, std::string_view title, std::string_view main,
              int status = 200);
// An HTML fragment alone (for live updates: /board/table and the like).
void SendFragment(PageContext& ctx, std::string_view html);
// The one "not found" page (404): for a missing record and for one the
// user may not see alike.
void SendNotFound(PageContext& ctx);
// 403: no session for a POST, or its CSRF token missing or wrong.
void SendRefused(PageContext& ctx);
// 400: a query or form value that is not valid UTF-8.
void SendBadRequest(PageContext& ctx);
// 413: a form larger than kMaxFormBytes.
void SendTooLarge(PageContext& ctx);
// 303 See Other to `path` (after a POST).
void Redirect(PageContext& ctx, std::string_view path);
// a#next-page to `href` (already a URL; escaped here for the attribute).
std::string NextPageLink(const PageContext& ctx, std::string_view href);
// Percent-encodes a query parameter value.
std::string UrlEncode(std::string_view value);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_HTML_H_
