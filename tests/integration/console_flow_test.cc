// The web console's main flow against the real hub process over HTTPS:
// the crisis centre reports its free places, ROSA sees them on the board
// (and the board's live stream says "change"), finds a place, refers with
// a hold; the centre receives and accepts; ROSA sees the timeline; the
// audit log names the people, and each user sees exactly what its partner
// sees over gRPC.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <regex>
#include <thread>
#include <tuple>

#include "absl/strings/match.h"
#include "rosa/hub/v1/audit_service.grpc.pb.h"
#include "tests/integration/console_client.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/partner_channel.h"

namespace rosa::integration {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

constexpr char kPassword[] = "a long enough password";

std::string Csrf(ConsoleClient& browser, const std::string& path) {
  absl::StatusOr<ConsoleAnswer> page = browser.Get(path);
  return page.ok() ? ConsoleClient::InputValue(page->body, "csrf") : "";
}

class ConsoleFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto hub = HubProcess::Start({.extra_args = ConsoleArgs()});
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
    rosa_ = std::make_unique<ConsoleClient>(*hub_);
    centre_ = std::make_unique<ConsoleClient>(*hub_);
    for (auto [browser, partner, name] :
         {std::tuple{rosa_.get(), "rosa", "ola"},
          std::tuple{centre_.get(), "ks-oslo", "kari"}}) {
      absl::StatusOr<std::string> secret =
          browser->Enrol(partner, name, kPassword);
      ASSERT_TRUE(secret.ok()) << secret.status();
      absl::StatusOr<ConsoleAnswer> login =
          browser->Login(std::string(partner) + "/" + name, kPassword, *secret);
      ASSERT_TRUE(login.ok());
      ASSERT_EQ(login->status, 303) << login->body;
    }
  }

  std::unique_ptr<HubProcess> hub_;
  std::unique_ptr<ConsoleClient> rosa_;
  std::unique_ptr<ConsoleClient> centre_;
};

TEST_F(ConsoleFlowTest, ReportFindReferAcceptAndAudit) {
  // The board's live stream, as ROSA's browser opens it.
  std::atomic<bool> changed{false};
  httplib::SSLClient stream_client("127.0.0.1", *ConsolePort(*hub_));
  stream_client.set_ca_cert_path((hub_->pki_dir() / "ca.pem").c_str());
  stream_client.enable_server_certificate_verification(true);
  stream_client.set_read_timeout(30, 0);
  std::thread stream([&] {
    httplib::Headers headers{
        {"Cookie", "rosa_session=" + rosa_->Cookie("rosa_session")}};
    stream_client.Get(
        "/board/events", headers, [&](const char* data, size_t size) {
          if (std::string_view(data, size).find("event: change") !=
              std::string_view::npos) {
            changed = true;
            return false;
          }
          return true;
        });
  });

  // The centre reports 3 free places of 5.
  absl::StatusOr<ConsoleAnswer> reported =
      centre_->Post("/capacity", {{"csrf", Csrf(*centre_, "/capacity")},
                                  {"idempotency_key", "cap-1"},
                                  {"facility_id", "ks-oslo"},
                                  {"unit", "akutt"},
                                  {"type", "acute"},
                                  {"capacity", "5"},
                                  {"free", "3"},
                                  {"admits", "women"},
                                  {"children", "1"}});
  ASSERT_TRUE(reported.ok());
  ASSERT_EQ(reported->status, 303) << reported->body;
  for (int i = 0; i < 100 && !changed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(changed.load()) << "no live change on the board stream";
  stream_client.stop();
  stream.join();

  absl::StatusOr<ConsoleAnswer> board = rosa_->Get("/board");
  ASSERT_EQ(board->status, 200);
  EXPECT_THAT(board->body,
              HasSubstr("data-facility=\"ks-oslo\" data-unit=\"akutt\""));
  EXPECT_THAT(board->body, HasSubstr("data-free=\"3\""));

  // ROSA finds the place and refers with a hold.
  absl::StatusOr<ConsoleAnswer> found =
      rosa_->Get("/find?gender=woman&acute=1");
  ASSERT_EQ(found->status, 200);
  EXPECT_THAT(found->body, HasSubstr("id=\"find-results\""));
  EXPECT_THAT(found->body, HasSubstr("data-facility=\"ks-oslo\""));
  const std::string ref = NewPersonRef();
  absl::StatusOr<ConsoleAnswer> sent = rosa_->Post(
      "/find/refer",
      {{"csrf", Csrf(*rosa_, "/find/refer?facility=ks-oslo&partner=ks-oslo")},
       {"idempotency_key", "refer-1"},
       {"recipient", "ks-oslo"},
       {"hold_facility", "ks-oslo"},
       {"person_ref", ref},
       {"gender", "woman"},
       {"age", "29"},
       {"nationality", "RO"},
       {"exploitation_form", "sexual"},
       {"acute", "1"},
       {"languages", "ro"}});
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->status, 303) << sent->body;
  const std::string path = sent->Header("location");
  std::smatch match;
  ASSERT_TRUE(std::regex_match(path, match, std::regex("/referrals/(R-.*)")));
  const std::string id = match[1].str();
  EXPECT_THAT(rosa_->Get("/board")->body, HasSubstr("data-free=\"2\""));

  // The centre sees it requested, receives and accepts it.
  absl::StatusOr<ConsoleAnswer> queue =
      centre_->Get("/referrals?role=received");
  EXPECT_THAT(queue->body, HasSubstr("data-referral=\"" + id +
                                     "\" data-state=\"requested\""));
  for (const char* target : {"received", "accepted"}) {
    absl::StatusOr<ConsoleAnswer> page = centre_->Get(path);
    ASSERT_EQ(page->status, 200);
    ASSERT_THAT(page->body, HasSubstr(std::string("id=\"action-") + target));
    absl::StatusOr<ConsoleAnswer> step =
        centre_->Post(path + "/status",
                      {{"csrf", ConsoleClient::InputValue(page->body, "csrf")},
                       {"target", target},
                       {"idempotency_key", std::string("step-") + target}});
    ASSERT_EQ(step->status, 303) << step->body;
  }
  absl::StatusOr<ConsoleAnswer> timeline = rosa_->Get(path);
  EXPECT_THAT(timeline->body, HasSubstr("<li data-to=\"accepted\">"));
  EXPECT_THAT(rosa_->Get("/referrals?role=sent&state=accepted")->body,
              HasSubstr("data-referral=\"" + id + "\""));

  // The audit log names the people.
  auto audit = v1::AuditService::NewStub(
      PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa"));
  v1::GetEntriesResponse entries;
  ASSERT_THAT(audit->GetEntries(ContextWithDeadline().get(),
                                v1::GetEntriesRequest(), &entries),
              IsOk());
  bool submit = false, accept = false;
  for (const v1::AuditEntry& e : entries.entries()) {
    if (e.object_id() != id) continue;
    if (e.action() == "referral.submit") {
      submit = e.actor() == "rosa" && e.actor_person() == "ola";
    }
    if (e.action() == "referral.transition" && e.actor() == "ks-oslo") {
      accept = e.actor_person() == "kari";
    }
  }
  EXPECT_TRUE(submit);
  EXPECT_TRUE(accept);

  // Each user sees exactly its partner's referrals.
  for (auto [browser, partner] :
       {std::pair{rosa_.get(), "rosa"}, std::pair{centre_.get(), "ks-oslo"}}) {
    PartnerClient grpc_view(
        PartnerChannel(hub_->port(), hub_->pki_dir(), partner));
    std::vector<v1::Referral> listed;
    ASSERT_THAT(grpc_view.ListAll(v1::ListReferralsRequest(), &listed), IsOk());
    const std::string page = browser->Get("/referrals")->body;
    size_t rows = 0;
    for (size_t at = page.find("data-referral="); at != std::string::npos;
         at = page.find("data-referral=", at + 1)) {
      ++rows;
    }
    EXPECT_EQ(rows, listed.size()) << partner;
    for (const v1::Referral& r : listed) {
      EXPECT_THAT(page, HasSubstr("data-referral=\"" + r.id() + "\""));
    }
  }
}

}  // namespace
}  // namespace rosa::integration
