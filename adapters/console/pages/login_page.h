// Signing in and out, and enrolment:
//   GET  /login              form#login-form (user, password, code, csrf)
//   POST /login              on success a new session (cookie
//                            rosa_session), 303 to /; on failure, after the
//                            guard's delay, the form again with
//                            p#login-error (401)
//   POST /logout             ends the session, 303 to /login
//   GET  /enrol?token=T      code#totp-secret (base32), code#totp-uri
//                            (otpauth://) and form#enrol-form (token,
//                            password, password2, code, csrf); 404 with
//                            p#enrol-gone for an unknown, used or expired
//                            link
//   POST /enrol              p#enrol-done, or the form with p#enrol-error
//   GET  /                   303 to the user's start page
// Thread-safety: handlers run on the server's threads.
#ifndef ROSA_ADAPTERS_CONSOLE_PAGES_LOGIN_PAGE_H_
#define ROSA_ADAPTERS_CONSOLE_PAGES_LOGIN_PAGE_H_

#include "adapters/console/router.h"

namespace rosa::console {

void RegisterLoginPages(Router& router);

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_PAGES_LOGIN_PAGE_H_
