// Lawyers in the web console, against the real hub process over HTTPS:
// ROSA registers a person with consent to legal counselling by one law
// firm and hands the case to it; the law firm's person accepts and records
// hours; ROSA's page shows the ledger; the other law firm gets the
// not-found page and its events are refused the same way; the ledger
// equals what gRPC's HandoffService gives; the audit log names the people.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <regex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "rosa/hub/v1/audit_service.grpc.pb.h"
#include "rosa/hub/v1/handoff_service.grpc.pb.h"
#include "tests/integration/console_client.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "a long enough password";

class ConsoleHandoffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hub = HubProcess::Start({.extra_args = ConsoleArgs()});
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
    for (auto [browser, partner, name] :
         {std::tuple{&rosa_, "rosa", "ola"},
          std::tuple{&lund_, "advokat-lund", "lene"},
          std::tuple{&berg_, "advokat-berg", "bo"}}) {
      browser->emplace(*hub_);
      absl::StatusOr<std::string> secret =
          (*browser)->Enrol(partner, name, kPassword);
      ASSERT_TRUE(secret.ok()) << secret.status();
      absl::StatusOr<ConsoleAnswer> login = (*browser)->Login(
          std::string(partner) + "/" + name, kPassword, *secret);
      ASSERT_TRUE(login.ok());
      ASSERT_EQ(login->status, 303) << login->body;
    }
  }

  // GETs `page` and POSTs `form` to `action` with the page's CSRF token.
  static ConsoleAnswer Submit(
      ConsoleClient& browser, const std::string& page,
      const std::string& action,
      std::vector<std::pair<std::string, std::string>> form) {
    absl::StatusOr<ConsoleAnswer> shown = browser.Get(page);
    EXPECT_TRUE(shown.ok());
    form.emplace_back("csrf", ConsoleClient::InputValue(shown->body, "csrf"));
    absl::StatusOr<ConsoleAnswer> answer = browser.Post(action, form);
    EXPECT_TRUE(answer.ok());
    return answer.ok() ? *answer : ConsoleAnswer{};
  }

  // ROSA's person with consent to legal counselling by advokat-lund.
  std::string PersonWithConsent() {
    ConsoleAnswer made = Submit(*rosa_, "/persons", "/persons",
                                {{"key", "person-1"},
                                 {"given_name", "Ioana"},
                                 {"family_name", "Popescu"},
                                 {"birth_year", "1995"},
                                 {"gender", "woman"},
                                 {"nationality", "RO"},
                                 {"consent", "1"}});
    EXPECT_EQ(made.status, 303) << made.body;
    const std::string path = made.Header("location");
    std::smatch m;
    EXPECT_TRUE(std::regex_match(path, m, std::regex("/persons/(P-.*)")));
    ConsoleAnswer consent =
        Submit(*rosa_, path, path + "/consents",
               {{"key", "consent-1"},
                {"partner", "advokat-lund"},
                {"purpose", std::to_string(static_cast<int>(
                                v1::CONSENT_PURPOSE_LEGAL_COUNSELLING))}});
    EXPECT_EQ(consent.status, 303) << consent.body;
    return m[1].str();
  }

  std::unique_ptr<HubProcess> hub_;
  std::optional<ConsoleClient> rosa_, lund_, berg_;
};

TEST_F(ConsoleHandoffTest, RosaHandsACaseOverAndTheLawyerRecordsHours) {
  const std::string person = PersonWithConsent();
  // Only ROSA gets the form.
  EXPECT_THAT(rosa_->Get("/lawyers")->body,
              HasSubstr("id=\"new-handoff-form\""));
  EXPECT_THAT(lund_->Get("/lawyers")->body,
              Not(HasSubstr("id=\"new-handoff-form\"")));
  ConsoleAnswer made = Submit(*rosa_, "/lawyers", "/lawyers",
                              {{"idempotency_key", "handoff-1"},
                               {"lawyer", "advokat-lund"},
                               {"person_id", person},
                               {"exploitation_form", "sexual"},
                               {"purpose_identification", "1"},
                               {"case_summary", "Needs advice on reporting."},
                               {"granted_quarter_hours", "12"}});
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string path = made.Header("location");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(path, m, std::regex("/lawyers/(H-.*)")));
  const std::string id = m[1].str();

  // Another law firm: the same page as for a missing handoff, and its
  // event is refused the same way.
  EXPECT_EQ(berg_->Get(path)->status, 404);
  ConsoleAnswer foreign =
      Submit(*berg_, "/lawyers", path + "/event",
             {{"kind", "accepted"}, {"idempotency_key", "berg-accept"}});
  EXPECT_EQ(foreign.status, 404);
  EXPECT_THAT(foreign.body, HasSubstr("id=\"not-found\""));
  // ROSA sees no event forms: only the lawyer records.
  EXPECT_THAT(rosa_->Get(path)->body, Not(HasSubstr("id=\"event-accepted\"")));

  // The lawyer accepts, then records 2 hours.
  absl::StatusOr<ConsoleAnswer> offered = lund_->Get(path);
  ASSERT_EQ(offered->status, 200);
  EXPECT_THAT(offered->body, HasSubstr("id=\"event-accepted\""));
  EXPECT_THAT(offered->body, Not(HasSubstr("id=\"event-hours_used\"")));
  ConsoleAnswer accepted =
      Submit(*lund_, path, path + "/event",
             {{"kind", "accepted"}, {"idempotency_key", "lund-accept"}});
  ASSERT_EQ(accepted.status, 303) << accepted.body;
  ConsoleAnswer hours = Submit(*lund_, path, path + "/event",
                               {{"kind", "hours_used"},
                                {"quarter_hours", "8"},
                                {"idempotency_key", "lund-hours-1"}});
  ASSERT_EQ(hours.status, 303) << hours.body;
  // Past the granted hours: the desk refuses and names the field.
  ConsoleAnswer over = Submit(*lund_, path, path + "/event",
                              {{"kind", "hours_used"},
                               {"quarter_hours", "8"},
                               {"idempotency_key", "lund-hours-2"}});
  EXPECT_EQ(over.status, 409);
  const size_t error_at = over.body.find("id=\"handoff-error\"");
  ASSERT_NE(error_at, std::string::npos);
  const std::string error =
      over.body.substr(error_at, over.body.find("</p>", error_at) - error_at);
  EXPECT_THAT(error, HasSubstr("hours_used"));
  EXPECT_THAT(error, Not(HasSubstr("Needs advice")));

  absl::StatusOr<ConsoleAnswer> seen = rosa_->Get(path);
  EXPECT_THAT(seen->body, HasSubstr("<dd id=\"handoff-hours\">2.00 / 3.00"));
  EXPECT_THAT(seen->body, HasSubstr("data-event=\"hours_used\""));

  // The same ledger over gRPC.
  auto handoffs = v1::HandoffService::NewStub(
      PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa"));
  v1::GetHandoffRequest get;
  get.set_handoff_id(id);
  v1::Handoff grpc_view;
  ASSERT_THAT(
      handoffs->GetHandoff(ContextWithDeadline().get(), get, &grpc_view),
      IsOk());
  EXPECT_EQ(grpc_view.used_quarter_hours(), 8u);
  EXPECT_EQ(grpc_view.state(), v1::HANDOFF_STATE_ACCEPTED);

  // The audit log names the people.
  auto audit = v1::AuditService::NewStub(
      PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa"));
  v1::GetEntriesResponse entries;
  ASSERT_THAT(audit->GetEntries(ContextWithDeadline().get(),
                                v1::GetEntriesRequest(), &entries),
              IsOk());
  int by_ola = 0, by_lene = 0;
  for (const v1::AuditEntry& e : entries.entries()) {
    if (e.object_id() != id) continue;
    if (e.actor() == "rosa" && e.actor_person() == "ola") ++by_ola;
    if (e.actor() == "advokat-lund" && e.actor_person() == "lene") ++by_lene;
  }
  EXPECT_GE(by_ola, 1);
  EXPECT_GE(by_lene, 2);
}

}  // namespace
}  // namespace rosa::integration
