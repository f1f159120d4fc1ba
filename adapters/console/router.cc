#include "adapters/console/router.h"

#include <httplib.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "common/text.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

bool IsToken(const std::string& value) {
  if (value.size() != 64) return false;
  for (const char c : value) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string PickLang(const httplib::Request& req, httplib::Response& res) {
  if (req.has_param("lang")) {
    const std::string lang = NormalizeLang(req.get_param_value("lang"));
    res.set_header("Set-Cookie", StrictCookie(kLangCookie, lang));
    return lang;
  }
  return NormalizeLang(CookieValue(req, kLangCookie));
}

// The double-submit token of a public form: the rosa_form cookie, made
// when the browser has none.
std::string PublicFormToken(const httplib::Request& req,
                            httplib::Response& res) {
  std::string token = CookieValue(req, kFormCookie);
  if (!IsToken(token)) {
    token = users::RandomToken(32);
    res.set_header("Set-Cookie", StrictCookie(kFormCookie, token));
  }
  return token;
}

}  // namespace

std::string PageContext::Param(const std::string& name) const {
  return http.has_param(name) ? http.get_param_value(name) : std::string();
}

std::string PageContext::UserLabel() const {
  if (!session) return "";
  return absl::StrCat(session->partner, "/", session->user);
}

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const auto* const kHeaders =
      new std::vector<std::pair<std::string, std::string>>{
          {"Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; "
           "img-src 'self'; connect-src 'self'; form-action 'self'; "
           "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"},
          {"Cache-Control", "no-store"},
          {"Pragma", "no-cache"},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          {"Strict-Transport-Security", "max-age=31536000"},
      };
  return *kHeaders;
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const auto range = req.headers.equal_range("Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    for (absl::string_view part : absl::StrSplit(it->second, ';')) {
      part = absl::StripAsciiWhitespace(part);
      if (absl::ConsumePrefix(&part, name) && absl::ConsumePrefix(&part, "=")) {
        return std::string(part);
      }
    }
  }
  return "";
}

std::string StrictCookie(const std::string& name, const std::string& value) {
  return absl::StrCat(name, "=", value,
                      "; Path=/; Secure; HttpOnly; SameSite=Strict");
}

Router::Router(httplib::Server* server, const ConsoleDesks* desks)
    : server_(server), desks_(desks) {
  httplib::Headers headers;
  for (const auto& [name, value] : SecurityHeaders()) {
    headers.emplace(name, value);
  }
  server_->set_default_headers(std::move(headers));
}

void Router::Get(const std::string& pattern, Access access, Handler handler) {
  server_->Get(pattern,
               [this, access, handler = std::move(handler)](
                   const httplib::Request& req, httplib::Response& res) {
                 Serve(req, res, access, /*post=*/false, handler);
               });
}

void Router::Post(const std::string& pattern, Access access, Handler handler) {
  // The form is read here, not by cpp-httplib: Debian's library stops a
  // urlencoded form at 8 KiB (compiled in), below what the forms allow
  // (2 000 characters of text, up to 12 bytes each once percent-encoded).
  // The body is bounded by the server's payload limit (kMaxFormBytes).
  server_->Post(
      pattern, [this, access, handler = std::move(handler)](
                   const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& read) {
        std::string body;
        const bool complete = read([&](const char* data, size_t size) {
          if (body.size() + size > kMaxFormBytes) return false;
          body.append(data, size);
          return true;
        });
        if (!complete) {
          res.status = 413;  // The error handler writes the page.
          return;
        }
        httplib::Request with_form = req;
        if (absl::StartsWith(req.get_header_value("Content-Type"),
                             "application/x-www-form-urlencoded")) {
          httplib::detail::parse_query_text(body, with_form.params);
        }
        Serve(with_form, res, access, /*post=*/true, handler);
      });
}

void Router::SetNotFound(Handler handler) {
  server_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this, handler = std::move(handler)](const httplib::Request& req,
                                           httplib::Response& res) {
        // Pages that answer an error with a body of their own keep it.
        if (!res.body.empty() || (res.status != 404 && res.status != 413)) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        PageContext ctx(req, res, *desks_, nav_);
        ctx.lang = NormalizeLang(CookieValue(req, kLangCookie));
        if (res.status == 413) {
          SendTooLarge(ctx);
          return httplib::Server::HandlerResponse::Handled;
        }
        handler(ctx);
        res.status = 404;
        return httplib::Server::HandlerResponse::Handled;
      }));
}

void Router::Serve(const httplib::Request& req, httplib::Response& res,
                   Access access, bool post, const Handler& handler) const {
  PageContext ctx(req, res, *desks_, nav_);
  ctx.lang = PickLang(req, res);
  if (access != Access::kPublic) {
    const std::string id = CookieValue(req, kSessionCookie);
    std::optional<users::Session> session;
    if (IsToken(id)) {
      session = access == Access::kLiveFragment ? desks_->sessions->Peek(id)
                                                : desks_->sessions->Touch(id);
    }
    absl::StatusOr<Partner> acting =
        session ? desks_->users->ActingPartner(session->partner, session->user)
                : absl::NotFoundError("no session");
    if (!acting.ok()) {
      if (session) desks_->sessions->Close(session->id);
      if (post || req.method != "GET") {
        SendRefused(ctx);
      } else if (access == Access::kLiveFragment) {
        res.status = 401;  // The page's script keeps what it shows.
      } else {
        res.set_redirect("/login", 303);
      }
      return;
    }
    ctx.session = std::move(session);
    ctx.acting = *std::move(acting);
    ctx.csrf = ctx.session->csrf;
  } else {
    ctx.csrf = PublicFormToken(req, res);
  }
  if (post) {
    const std::string sent = ctx.Param(kCsrfField);
    const std::string expected =
        access == Access::kPublic ? CookieValue(req, kFormCookie) : ctx.csrf;
    if (sent.empty() || !users::SameSecret(sent, expected)) {
      SendRefused(ctx);
      return;
    }
  }
  // Every value a page reads becomes text in a request to a desk, and on
  // to events, files and other partners: bytes that are not UTF-8 stop
  // here, as a protobuf parser stops them on the gRPC side.
  for (const auto& [name, value] : req.params) {
    if (!text::IsValidUtf8(name) || !text::IsValidUtf8(value)) {
      SendBadRequest(ctx);
      return;
    }
  }
  handler(ctx);
}

}  // namespace rosa::console
