// The console's routes and the rules every route follows:
//   - every response carries the security headers (SecurityHeaders());
//   - a kSession route answers only with a live session (cookie
//     rosa_session): a GET without one is sent to /login, anything else is
//     refused (403); the user must still be active and its partner
//     registered and enabled, checked on every request;
//   - every POST carries the form field `csrf`: the session's CSRF token,
//     or on a kPublic route (login, enrolment) the value of the rosa_form
//     cookie (double submit); without it the POST is refused (403) before
//     the handler runs;
//   - the language is `?lang=nb|en` (then remembered in the rosa_lang
//     cookie), else the cookie, else bokmål.
// Pages register their routes and their menu entries here (pages/pages.cc).
//
// Thread-safety: register everything before the server starts; the
// handlers then run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_ROUTER_H_
#define ROSA_ADAPTERS_CONSOLE_ROUTER_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "adapters/console/console_desks.h"
#include "hub/partner/partner.h"
#include "hub/users/session_book.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace rosa::console {

inline constexpr char kSessionCookie[] = "rosa_session";
inline constexpr char kFormCookie[] = "rosa_form";
inline constexpr char kLangCookie[] = "rosa_lang";
inline constexpr char kCsrfField[] = "csrf";

// Who sees a menu entry.
enum class Audience { kEveryone, kCoordinator, kPartner };

struct NavItem {
  std::string path;
  // A word of the shared message table (messages.cc).
  std::string text_id;
  Audience audience = Audience::kEveryone;
};

// One request as a handler sees it.
struct PageContext {
  PageContext(const httplib::Request& http, httplib::Response& response,
              const ConsoleDesks& desks, const std::vector<NavItem>& nav)
      : http(http), response(response), desks(desks), nav(nav) {}

  const httplib::Request& http;
  httplib::Response& response;
  const ConsoleDesks& desks;
  const std::vector<NavItem>& nav;
  std::string lang;
  // Set on kSession routes: the session and the registered partner the
  // user acts for, with Partner::person set to the user's name. Pass
  // `acting` to the desks: they decide what it may see and do.
  std::optional<users::Session> session;
  std::optional<Partner> acting;
  // The token a form on this page must carry in its `csrf` field.
  std::string csrf;

  // A query or form parameter; empty when absent.
  std::string Param(const std::string& name) const;
  // "ks-oslo/kari".
  std::string UserLabel() const;
  bool IsCoordinator() const { return acting && acting->is_coordinator(); }
};

// kPublic: anyone. kSession: a live session, whose idle time each request
// restarts. kLiveFragment: a live session, but a fragment a page reloads by
// itself (data-live), which must not keep the session alive (GET only).
enum class Access { kPublic, kSession, kLiveFragment };

// The largest request body a page takes (the forms' text, percent-encoded);
// a larger one is answered 413.
inline constexpr size_t kMaxFormBytes = 64 * 1024;
using Handler = std::function<void(PageContext&)>;

class Router {
 public:
  // REQUIRES: both outlive the router.
  Router(httplib::Server* server, const ConsoleDesks* desks);

  // `pattern` is an httplib path pattern (a regular expression; groups are
  // in ctx.http.matches).
  void Get(const std::string& pattern, Access access, Handler handler);
  void Post(const std::string& pattern, Access access, Handler handler);
  void AddNav(NavItem item) { nav_.push_back(std::move(item)); }
  // The page every unknown path and every record the user may not see
  // answers with (404).
  void SetNotFound(Handler handler);

  const ConsoleDesks& desks() const { return *desks_; }

 private:
  void Serve(const httplib::Request& req, httplib::Response& res, Access access,
             bool post, const Handler& handler) const;

  httplib::Server* server_;
  const ConsoleDesks* desks_;
  std::vector<NavItem> nav_;
};

// The headers on every response: a strict Content-Security-Policy (only
// this origin, no inline script or style, no framing), no caching, no
// sniffing, no referrer.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();
// The value of cookie `name` in the request; empty when absent.
std::string CookieValue(const httplib::Request& req, const std::string& name);
// "name=value; Path=/; Secure; HttpOnly; SameSite=Strict".
std::string StrictCookie(const std::string& name, const std::string& value);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_ROUTER_H_
