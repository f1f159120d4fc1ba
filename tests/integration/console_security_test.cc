// The web console's security against the real hub process over HTTPS: no
// page without a session, the security headers and cookie flags, CSRF,
// login lockout, a partner user who cannot open another partner's
// referral (the same page as a missing one), and values no browser sends
// (among them a report year that is not a number).
#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "hub/users/login_guard.h"
#include "tests/integration/console_client.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

constexpr char kPassword[] = "a long enough password";

class ConsoleSecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hub = HubProcess::Start({.extra_args = ConsoleArgs()});
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
    ASSERT_TRUE(ConsolePort(*hub_).ok());
  }

  std::unique_ptr<HubProcess> hub_;
};

void ExpectSecurityHeaders(const ConsoleAnswer& answer) {
  const std::string csp = answer.Header("content-security-policy");
  EXPECT_THAT(csp, HasSubstr("default-src 'self'"));
  EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
  EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
  EXPECT_FALSE(absl::StrContains(csp, "unsafe-inline"));
  EXPECT_EQ(answer.Header("cache-control"), "no-store");
  EXPECT_EQ(answer.Header("x-content-type-options"), "nosniff");
}

// The suite a TLS 1.2 handshake with the console agrees on when the client
// offers only `ciphers`; empty if the console refuses them all.
std::string AgreedCipher(int port, const char* ciphers) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_cipher_list(ctx, ciphers);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string agreed;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0) {
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) == 1) agreed = SSL_get_cipher_name(ssl);
    SSL_free(ssl);
  }
  close(fd);
  SSL_CTX_free(ctx);
  return agreed;
}

// As the gRPC port: AEAD suites only. Before, the console agreed on
// ECDHE-ECDSA-AES128-SHA (CBC, SHA-1), cpp-httplib's default.
TEST_F(ConsoleSecurityTest, TlsIsAeadOnly) {
  const int port = *ConsolePort(*hub_);
  EXPECT_EQ(AgreedCipher(port,
                         "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:"
                         "AES128-SHA:AES256-SHA256"),
            "");
  EXPECT_THAT(AgreedCipher(port,
                           "ECDHE-ECDSA-AES128-GCM-SHA256:"
                           "ECDHE-RSA-AES128-GCM-SHA256"),
              HasSubstr("GCM"));
}

TEST_F(ConsoleSecurityTest, NoPageAnswersWithoutASession) {
  ConsoleClient browser(*hub_);
  for (const char* path :
       {"/", "/board", "/board/table", "/board/events", "/referrals",
        "/referrals/table", "/referrals/R-2026-000001", "/find", "/find/refer",
        "/capacity"}) {
    absl::StatusOr<ConsoleAnswer> page = browser.Get(path);
    ASSERT_TRUE(page.ok()) << page.status();
    if (absl::EndsWith(path, "/table")) {
      // A fragment a page reloads by itself: refused, not sent to log in.
      EXPECT_EQ(page->status, 401) << path;
    } else {
      EXPECT_EQ(page->status, 303) << path;
      EXPECT_EQ(page->Header("location"), "/login") << path;
    }
    EXPECT_FALSE(absl::StrContains(page->body, "<table")) << path;
    ExpectSecurityHeaders(*page);
  }
  // A POST without a session is refused, even with a token-looking field.
  for (const char* path : {"/referrals/R-2026-000001/status", "/find/refer",
                           "/capacity", "/logout"}) {
    absl::StatusOr<ConsoleAnswer> post =
        browser.Post(path, {{"csrf", std::string(64, 'a')}});
    ASSERT_TRUE(post.ok());
    EXPECT_EQ(post->status, 403) << path;
  }
  // A made-up session id is no session.
  absl::StatusOr<ConsoleAnswer> login = browser.Get("/login");
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->status, 200);
  ExpectSecurityHeaders(*login);
}

TEST_F(ConsoleSecurityTest, SessionCookieIsSecureHttpOnlyStrict) {
  ConsoleClient browser(*hub_);
  absl::StatusOr<std::string> secret =
      browser.Enrol("ks-oslo", "kari", kPassword);
  ASSERT_TRUE(secret.ok()) << secret.status();
  absl::StatusOr<ConsoleAnswer> login =
      browser.Login("ks-oslo/kari", kPassword, *secret);
  ASSERT_TRUE(login.ok());
  ASSERT_EQ(login->status, 303) << login->body;
  bool found = false;
  for (const std::string& cookie : login->Headers("set-cookie")) {
    if (!absl::StartsWith(cookie, "rosa_session=")) continue;
    found = true;
    EXPECT_THAT(cookie, HasSubstr("; Secure"));
    EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
    EXPECT_THAT(cookie, HasSubstr("; SameSite=Strict"));
  }
  EXPECT_TRUE(found);
  absl::StatusOr<ConsoleAnswer> page = browser.Get("/referrals");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("id=\"user-label\">ks-oslo/kari<"));
  ExpectSecurityHeaders(*page);
  // The stored password is an Argon2id hash, never the password.
  const std::string db = hub_->data_dir() / "rosa-hub.db";
  std::ifstream in(db, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)),
                          std::istreambuf_iterator<char>());
  EXPECT_FALSE(absl::StrContains(bytes, kPassword));
}

TEST_F(ConsoleSecurityTest, PostWithoutTheCsrfTokenIsRefused) {
  ConsoleClient browser(*hub_);
  absl::StatusOr<std::string> secret =
      browser.Enrol("ks-oslo", "kari", kPassword);
  ASSERT_TRUE(secret.ok()) << secret.status();
  ASSERT_EQ(browser.Login("ks-oslo/kari", kPassword, *secret)->status, 303);
  // Logging out without the token does not log out.
  absl::StatusOr<ConsoleAnswer> logout = browser.Post("/logout", {});
  ASSERT_TRUE(logout.ok());
  EXPECT_EQ(logout->status, 403);
  EXPECT_THAT(logout->body, HasSubstr("id=\"refused\""));
  absl::StatusOr<ConsoleAnswer> wrong =
      browser.Post("/logout", {{"csrf", std::string(64, '0')}});
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(browser.Get("/referrals")->status, 200);
  // With the page's token it does.
  absl::StatusOr<ConsoleAnswer> page = browser.Get("/referrals");
  const std::string csrf = ConsoleClient::InputValue(page->body, "csrf");
  ASSERT_EQ(csrf.size(), 64u);
  EXPECT_EQ(browser.Post("/logout", {{"csrf", csrf}})->status, 303);
  EXPECT_EQ(browser.Get("/referrals")->status, 303);

  // The login form itself needs its token too.
  ConsoleClient other(*hub_);
  absl::StatusOr<ConsoleAnswer> login =
      other.Post("/login", {{"user", "ks-oslo/kari"}, {"password", kPassword}});
  EXPECT_EQ(login->status, 403);
}

TEST_F(ConsoleSecurityTest, RepeatedFailuresLockTheUser) {
  const users::LoginPolicy policy;
  absl::StatusOr<std::string> secret =
      ConsoleClient(*hub_).Enrol("ks-oslo", "kari", kPassword);
  ASSERT_TRUE(secret.ok()) << secret.status();
  // The first failure holds back the next try: even the right password is
  // refused at once, and that try is no failure of its own. A right
  // password that logs in is wrong only if it came within the hold; on a
  // machine too slow for the try to arrive in time, the login resets the
  // count and the check is made again with the next one-time code.
  std::optional<ConsoleClient> browser;
  bool held_back_checked = false;
  for (int attempt = 0; attempt < 5 && !held_back_checked; ++attempt) {
    browser.emplace(*hub_);
    const absl::Time start = absl::Now();
    absl::StatusOr<ConsoleAnswer> wrong =
        browser->Login("ks-oslo/kari", "not the password at all", *secret);
    ASSERT_TRUE(wrong.ok());
    EXPECT_EQ(wrong->status, 401);
    EXPECT_THAT(wrong->body, HasSubstr("id=\"login-error\""));
    absl::StatusOr<ConsoleAnswer> early =
        browser->Login("ks-oslo/kari", kPassword, *secret);
    ASSERT_TRUE(early.ok());
    const bool within_hold = absl::Now() - start < policy.first_delay;
    if (early->status == 401) {
      held_back_checked = true;
    } else if (within_hold) {
      FAIL() << "a try within the hold was let in: " << early->status;
    } else {
      // Each one-time code is taken once: wait for the next one.
      absl::SleepFor(absl::Seconds(31));
    }
  }
  ASSERT_TRUE(held_back_checked) << "the machine never made a try in time";
  for (int i = 1; i < policy.lock_after; ++i) {
    // Wait out the hold before the next failure counts.
    absl::SleepFor(users::FailureDelay(i, policy) + absl::Milliseconds(200));
    absl::StatusOr<ConsoleAnswer> wrong =
        browser->Login("ks-oslo/kari", "not the password at all", *secret);
    ASSERT_TRUE(wrong.ok());
    EXPECT_EQ(wrong->status, 401);
    EXPECT_THAT(wrong->body, HasSubstr("id=\"login-error\""));
  }
  absl::StatusOr<ConsoleAnswer> right =
      browser->Login("ks-oslo/kari", kPassword, *secret);
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->status, 401);  // Locked.
  EXPECT_TRUE(browser->Cookie("rosa_session").empty());
  const std::filesystem::path out = hub_->data_dir() / "users-list.out";
  ASSERT_TRUE(
      RunHubCommand({"users", "list", "--data-dir", hub_->data_dir().string()},
                    out)
          .ok());
  std::ifstream in(out);
  const std::string listed((std::istreambuf_iterator<char>(in)),
                           std::istreambuf_iterator<char>());
  EXPECT_THAT(listed, HasSubstr("ks-oslo/kari active locked"));
}

TEST_F(ConsoleSecurityTest, AnotherPartnersReferralLooksMissing) {
  PartnerClient rosa(PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa"));
  v1::SubmitReferralResponse to_filemon;
  v1::SubmitReferralRequest request = NewReferralRequest("filemon");
  request.mutable_facts()->set_gender(v1::GENDER_MAN);
  ASSERT_THAT(rosa.Submit(request, &to_filemon), IsOk());
  const std::string id = to_filemon.referral().id();

  ConsoleClient browser(*hub_);
  absl::StatusOr<std::string> secret =
      browser.Enrol("ks-oslo", "kari", kPassword);
  ASSERT_TRUE(secret.ok()) << secret.status();
  ASSERT_EQ(browser.Login("ks-oslo/kari", kPassword, *secret)->status, 303);
  absl::StatusOr<ConsoleAnswer> theirs = browser.Get("/referrals/" + id);
  absl::StatusOr<ConsoleAnswer> missing =
      browser.Get("/referrals/R-2026-999999");
  ASSERT_TRUE(theirs.ok() && missing.ok());
  EXPECT_EQ(theirs->status, 404);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(theirs->body, missing->body);
  EXPECT_FALSE(absl::StrContains(theirs->body, id));
  // Nor can it act on it.
  const std::string csrf = ConsoleClient::InputValue(missing->body, "csrf");
  absl::StatusOr<ConsoleAnswer> act = browser.Post(
      "/referrals/" + id + "/status",
      {{"csrf", csrf}, {"target", "received"}, {"idempotency_key", "k-1"}});
  EXPECT_EQ(act->status, 404);
  EXPECT_EQ(act->body, missing->body);
  // And its queue lists exactly what ListReferrals gives ks-oslo.
  absl::StatusOr<ConsoleAnswer> queue = browser.Get("/referrals");
  EXPECT_FALSE(absl::StrContains(queue->body, id));
}

// Values no browser sends neither crash the hub nor reach a desk: a page
// number past any int (before: a negative index, a segfault of the whole
// hub), bytes that are not UTF-8 (before: accepted, and the events made of
// them could not be delivered), a form over cpp-httplib's 8 KiB and one
// over the console's own limit.
TEST_F(ConsoleSecurityTest, HostileValuesNeitherCrashTheHubNorReachADesk) {
  ConsoleClient browser(*hub_);
  absl::StatusOr<std::string> secret =
      browser.Enrol("ks-oslo", "kari", kPassword);
  ASSERT_TRUE(secret.ok()) << secret.status();
  ASSERT_EQ(browser.Login("ks-oslo/kari", kPassword, *secret)->status, 303);
  for (const char* page : {"85899346", "171798691", "2147483647", "-1", "x"}) {
    for (const char* path : {"/board?page=", "/board/table?page="}) {
      absl::StatusOr<ConsoleAnswer> board =
          browser.Get(std::string(path) + page);
      ASSERT_TRUE(board.ok()) << path << page << ": " << board.status();
      EXPECT_EQ(board->status, 200) << path << page;
    }
  }
  absl::StatusOr<ConsoleAnswer> form = browser.Get("/capacity");
  ASSERT_TRUE(form.ok()) << form.status();
  ASSERT_EQ(form->status, 200);
  const std::string csrf = ConsoleClient::InputValue(form->body, "csrf");
  const auto post = [&](const std::string& unit) {
    return browser.Post("/capacity", {{"csrf", csrf},
                                      {"idempotency_key", "hostile-1"},
                                      {"facility_id", "ks-oslo"},
                                      {"unit", unit},
                                      {"type", "emergency"},
                                      {"capacity", "4"},
                                      {"free", "1"}});
  };
  for (const std::string& unit : {std::string("A\xFF"), std::string("\xC3")}) {
    absl::StatusOr<ConsoleAnswer> bad = post(unit);
    ASSERT_TRUE(bad.ok()) << bad.status();
    EXPECT_EQ(bad->status, 400);
    EXPECT_TRUE(absl::StrContains(bad->body, "id=\"bad-request\""));
    ExpectSecurityHeaders(*bad);
  }
  std::string long_unit;
  for (int i = 0; i < 2000; ++i) long_unit += "\xC3\xB8";  // ø
  absl::StatusOr<ConsoleAnswer> long_form = post(long_unit);
  ASSERT_TRUE(long_form.ok()) << long_form.status();
  EXPECT_NE(long_form->status, 413) << "12 000 bytes encoded are read";
  EXPECT_FALSE(long_form->body.empty());
  absl::StatusOr<ConsoleAnswer> too_large = post(std::string(70000, 'x'));
  ASSERT_TRUE(too_large.ok()) << too_large.status();
  EXPECT_EQ(too_large->status, 413);
  EXPECT_TRUE(absl::StrContains(too_large->body, "id=\"too-large\""));
  // Still serving, over HTTPS and over gRPC.
  EXPECT_EQ(browser.Get("/board")->status, 200);
  PartnerClient rosa(PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa"));
  v1::ListReferralsResponse listed;
  EXPECT_THAT(rosa.List(v1::ListReferralsRequest(), &listed), IsOk());
}

// A report year that is not a number is refused like one out of range
// (400, p#report-error naming the field), on the form and on the report
// itself. Before, `year=2O25` silently gave last year's report.
// An edition mistyped gave the internal edition, every figure, without a
// word; now it is refused like a bad year.
TEST_F(ConsoleSecurityTest, AReportYearOrEditionMistypedIsRefused) {
  ConsoleClient browser(*hub_);
  absl::StatusOr<std::string> secret = browser.Enrol("rosa", "ida", kPassword);
  ASSERT_TRUE(secret.ok()) << secret.status();
  ASSERT_EQ(browser.Login("rosa/ida", kPassword, *secret)->status, 303);
  for (const char* query : {"year=2O25", "year=2025x", "year=1999",
                            "year=2025&edition=publsihed"}) {
    for (const char* path : {"/report?", "/report/view?"}) {
      absl::StatusOr<ConsoleAnswer> page =
          browser.Get(absl::StrCat(path, query));
      ASSERT_TRUE(page.ok()) << path << query << ": " << page.status();
      EXPECT_EQ(page->status, 400) << path << query;
      EXPECT_TRUE(absl::StrContains(page->body, "id=\"report-error\""))
          << path << query;
      EXPECT_TRUE(absl::StrContains(page->body, "year: must be") ||
                  absl::StrContains(page->body, "edition: must be"))
          << path << query;
      EXPECT_FALSE(absl::StrContains(page->body, "report-open"))
          << path << query;
      ExpectSecurityHeaders(*page);
    }
  }
}

}  // namespace
}  // namespace rosa::integration
