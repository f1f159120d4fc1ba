#include "adapters/console/pages/login_page.h"

#include <httplib.h>

#include "absl/strings/str_cat.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "hub/users/totp.h"

namespace rosa::console {
namespace {

std::string Field(const PageContext& ctx, const char* id, const char* type,
                  const char* autocomplete, const char* extra = "") {
  return InputRow(id, id, Escape(Text(ctx.lang, id)),
                  absl::StrCat(" type=\"", type, "\" autocomplete=\"",
                               autocomplete, "\" required", extra));
}

std::string LoginForm(const PageContext& ctx, bool failed) {
  std::string out;
  if (failed) {
    absl::StrAppend(&out,
                    "<p id=\"login-error\" class=\"error\" role=\"alert\">",
                    Escape(Text(ctx.lang, "login_failed")), "</p>");
  }
  absl::StrAppend(
      &out, "<form id=\"login-form\" method=\"post\" action=\"/login\">",
      CsrfField(ctx), Field(ctx, "user", "text", "username", " autofocus"),
      Field(ctx, "password", "password", "current-password"),
      Field(ctx, "code", "text", "one-time-code",
            " inputmode=\"numeric\" pattern=\"[0-9]{6}\" maxlength=\"6\""),
      "<p><button type=\"submit\">", Escape(Text(ctx.lang, "login")),
      "</button></p></form>");
  return out;
}

void PostLogin(PageContext& ctx) {
  const std::string user = ctx.Param("user");
  const size_t slash = user.find('/');
  const std::string partner =
      slash == std::string::npos ? "" : user.substr(0, slash);
  const std::string name =
      slash == std::string::npos ? "" : user.substr(slash + 1);
  users::UserDesk::LoginOutcome outcome = ctx.desks.users->Login(
      partner, name, ctx.Param("password"), ctx.Param("code"));
  if (!outcome.status.ok()) {
    // The same page for every refusal; the desk holds back the account's
    // next try (login_throttle.h) instead of holding this thread.
    SendPage(ctx, Text(ctx.lang, "login"), LoginForm(ctx, true), 401);
    return;
  }
  const users::Session session = ctx.desks.sessions->Open(partner, name);
  ctx.response.set_header("Set-Cookie",
                          StrictCookie(kSessionCookie, session.id));
  Redirect(ctx, "/");
}

void PostLogout(PageContext& ctx) {
  ctx.desks.sessions->Close(ctx.session->id);
  ctx.response.set_header(
      "Set-Cookie",
      absl::StrCat(StrictCookie(kSessionCookie, ""), "; Max-Age=0"));
  Redirect(ctx, "/login");
}

std::string EnrolForm(const PageContext& ctx, const users::Enrolment& e,
                      const std::string& token, const char* error) {
  const std::string account = absl::StrCat(e.partner, "/", e.name);
  std::string out;
  if (error != nullptr) {
    absl::StrAppend(&out,
                    "<p id=\"enrol-error\" class=\"error\" role=\"alert\">",
                    Escape(Text(ctx.lang, error)), "</p>");
  }
  absl::StrAppend(
      &out, "<p>", Escape(Text(ctx.lang, "enrol_intro")), "</p>",
      "<p><span id=\"enrol-user\">", Escape(account), "</span></p><dl><dt>",
      Escape(Text(ctx.lang, "totp_secret")),
      "</dt><dd><code id=\"totp-secret\">",
      Escape(users::Base32Secret(e.totp_secret)), "</code></dd><dt>",
      Escape(Text(ctx.lang, "totp_uri")), "</dt><dd><code id=\"totp-uri\">",
      Escape(users::OtpauthUri("ROSA hub", account, e.totp_secret)),
      "</code></dd></dl>",
      "<form id=\"enrol-form\" method=\"post\" action=\"/enrol\">",
      CsrfField(ctx), Hidden("token", token),
      Field(ctx, "password", "password", "new-password", " minlength=\"12\""),
      Field(ctx, "password2", "password", "new-password", " minlength=\"12\""),
      Field(ctx, "code", "text", "one-time-code",
            " inputmode=\"numeric\" pattern=\"[0-9]{6}\" maxlength=\"6\""),
      "<p><button type=\"submit\">", Escape(Text(ctx.lang, "enrol")),
      "</button></p></form>");
  return out;
}

void SendEnrolGone(PageContext& ctx) {
  SendPage(ctx, Text(ctx.lang, "enrol"),
           absl::StrCat("<p id=\"enrol-gone\">",
                        Escape(Text(ctx.lang, "enrol_gone")), "</p>"),
           404);
}

void GetEnrol(PageContext& ctx) {
  const std::string token = ctx.Param("token");
  absl::StatusOr<users::Enrolment> e = ctx.desks.users->BeginEnrolment(token);
  if (!e.ok()) return SendEnrolGone(ctx);
  SendPage(ctx, Text(ctx.lang, "enrol"), EnrolForm(ctx, *e, token, nullptr));
}

void PostEnrol(PageContext& ctx) {
  const std::string token = ctx.Param("token");
  absl::StatusOr<users::Enrolment> e = ctx.desks.users->BeginEnrolment(token);
  if (!e.ok()) return SendEnrolGone(ctx);
  const std::string password = ctx.Param("password");
  if (password != ctx.Param("password2")) {
    SendPage(ctx, Text(ctx.lang, "enrol"),
             EnrolForm(ctx, *e, token, "passwords_differ"), 400);
    return;
  }
  absl::Status done =
      ctx.desks.users->FinishEnrolment(token, password, ctx.Param("code"));
  if (absl::IsNotFound(done)) return SendEnrolGone(ctx);
  if (!done.ok()) {
    SendPage(ctx, Text(ctx.lang, "enrol"),
             EnrolForm(ctx, *e, token, "enrol_failed"), 400);
    return;
  }
  SendPage(
      ctx, Text(ctx.lang, "enrol"),
      absl::StrCat("<p id=\"enrol-done\">",
                   Escape(Text(ctx.lang, "enrol_done")), " <a href=\"/login\">",
                   Escape(Text(ctx.lang, "login")), "</a></p>"));
}

}  // namespace

void RegisterLoginPages(Router& router) {
  router.Get("/login", Access::kPublic, [](PageContext& ctx) {
    SendPage(ctx, Text(ctx.lang, "login"), LoginForm(ctx, false));
  });
  router.Post("/login", Access::kPublic, PostLogin);
  router.Post("/logout", Access::kSession, PostLogout);
  router.Get("/enrol", Access::kPublic, GetEnrol);
  router.Post("/enrol", Access::kPublic, PostEnrol);
  router.Get("/", Access::kSession, [](PageContext& ctx) {
    Redirect(ctx, ctx.IsCoordinator() ? "/board" : "/referrals");
  });
  router.SetNotFound(SendNotFound);
}

}  // namespace rosa::console
