#include "hub/users/user_desk.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "absl/strings/match.h"
#include "hub/users/totp.h"
#include "tests/testutil/hub_kit.h"

namespace rosa::users {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kPassword[] = "correct horse battery";

using testutil::MakePartner;

class UserDeskTest : public testutil::HubKit {
 protected:
  void SetUp() override {
    UsePartners({MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
                 MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER)});
    OpenStore();
    desk_ = std::make_unique<UserDesk>(&registry_, db_.get(), &vault_->texts(),
                                       &clock_, UserDesk::Options{});
  }

  // Adds and enrols ks-oslo/kari; returns the TOTP secret.
  std::string Enrol() {
    absl::StatusOr<std::string> token = desk_->Add("ks-oslo", "kari");
    EXPECT_TRUE(token.ok()) << token.status();
    absl::StatusOr<Enrolment> e = desk_->BeginEnrolment(*token);
    EXPECT_TRUE(e.ok()) << e.status();
    EXPECT_TRUE(desk_
                    ->FinishEnrolment(*token, kPassword,
                                      TotpCode(e->totp_secret, clock_.Now()))
                    .ok());
    return e->totp_secret;
  }

  std::unique_ptr<UserDesk> desk_;
};

TEST_F(UserDeskTest, EnrolsAndLogsIn) {
  const std::string secret = Enrol();
  clock_.Advance(absl::Minutes(1));
  EXPECT_TRUE(
      desk_->Login("ks-oslo", "kari", kPassword, TotpCode(secret, clock_.Now()))
          .status.ok());
  absl::StatusOr<Partner> acting = desk_->ActingPartner("ks-oslo", "kari");
  ASSERT_TRUE(acting.ok());
  EXPECT_EQ(acting->id, "ks-oslo");
  EXPECT_EQ(acting->person, "kari");
}

TEST_F(UserDeskTest, StoresOnlyTheArgon2idHash) {
  Enrol();
  absl::StatusOr<std::vector<StoredUser>> users = desk_->List();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_TRUE(absl::StartsWith((*users)[0].password_hash, "$argon2id$"));
  EXPECT_FALSE(absl::StrContains((*users)[0].password_hash, kPassword));
  EXPECT_TRUE((*users)[0].enrol_token_digest.empty());
}

TEST_F(UserDeskTest, TheTotpSecretIsSealedNotStored) {
  const std::string secret = Enrol();
  db_.reset();  // Everything on disk, WAL included.
  for (const auto& file :
       std::filesystem::recursive_directory_iterator(dir_.path())) {
    if (!file.is_regular_file()) continue;
    std::ifstream in(file.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    EXPECT_FALSE(absl::StrContains(bytes, secret)) << file.path();
    EXPECT_FALSE(absl::StrContains(bytes, Base32Secret(secret))) << file.path();
  }
}

TEST_F(UserDeskTest, EnrolmentLinkWorksOnceAndExpires) {
  absl::StatusOr<std::string> token = desk_->Add("ks-oslo", "kari");
  ASSERT_TRUE(token.ok());
  absl::StatusOr<Enrolment> first = desk_->BeginEnrolment(*token);
  absl::StatusOr<Enrolment> again = desk_->BeginEnrolment(*token);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->totp_secret, again->totp_secret);  // Reload-safe.
  ASSERT_TRUE(desk_
                  ->FinishEnrolment(*token, kPassword,
                                    TotpCode(first->totp_secret, clock_.Now()))
                  .ok());
  EXPECT_TRUE(absl::IsNotFound(desk_->BeginEnrolment(*token).status()));

  absl::StatusOr<std::string> late = desk_->Add("ks-oslo", "nora");
  ASSERT_TRUE(late.ok());
  clock_.Advance(kEnrolmentLinkLifetime);
  EXPECT_TRUE(absl::IsNotFound(desk_->BeginEnrolment(*late).status()));
}

TEST_F(UserDeskTest, EnrolmentNeedsALongPasswordAndTheRightCode) {
  absl::StatusOr<std::string> token = desk_->Add("ks-oslo", "kari");
  absl::StatusOr<Enrolment> e = desk_->BeginEnrolment(*token);
  ASSERT_TRUE(e.ok());
  EXPECT_FALSE(desk_
                   ->FinishEnrolment(*token, "short",
                                     TotpCode(e->totp_secret, clock_.Now()))
                   .ok());
  std::string wrong = TotpCode(e->totp_secret, clock_.Now());
  wrong[0] = wrong[0] == '9' ? '0' : static_cast<char>(wrong[0] + 1);
  EXPECT_FALSE(desk_->FinishEnrolment(*token, kPassword, wrong).ok());
}

TEST_F(UserDeskTest, RefusesUnknownPartnersAndBadNames) {
  EXPECT_TRUE(absl::IsInvalidArgument(desk_->Add("nobody", "kari").status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(desk_->Add("ks-oslo", "Kari Nordmann").status()));
  ASSERT_TRUE(desk_->Add("ks-oslo", "kari").ok());
  EXPECT_TRUE(absl::IsAlreadyExists(desk_->Add("ks-oslo", "kari").status()));
}

TEST_F(UserDeskTest, LocksAfterFiveFailuresAndAuditsIt) {
  const std::string secret = Enrol();
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(absl::Seconds(31));
    UserDesk::LoginOutcome out = desk_->Login(
        "ks-oslo", "kari", "wrong password!", TotpCode(secret, clock_.Now()));
    EXPECT_TRUE(absl::IsPermissionDenied(out.status));
    EXPECT_GT(out.delay, absl::ZeroDuration());
  }
  clock_.Advance(absl::Seconds(31));
  // Locked: even the right password and code are refused.
  EXPECT_FALSE(
      desk_->Login("ks-oslo", "kari", kPassword, TotpCode(secret, clock_.Now()))
          .status.ok());
  clock_.Advance(absl::Minutes(15));
  EXPECT_TRUE(
      desk_->Login("ks-oslo", "kari", kPassword, TotpCode(secret, clock_.Now()))
          .status.ok());
  int failed = 0, locked = 0;
  for (const v1::AuditEntry& e : AuditEntries()) {
    if (e.action() == "console.login.failed") ++failed;
    if (e.action() == "console.login.locked") {
      ++locked;
      EXPECT_EQ(e.actor(), "ks-oslo");
      EXPECT_EQ(e.actor_person(), "kari");
    }
  }
  EXPECT_EQ(failed, 5);
  EXPECT_EQ(locked, 1);
}

TEST_F(UserDeskTest, AFailureHoldsBackTheNextTryWithoutCountingIt) {
  const std::string secret = Enrol();
  clock_.Advance(absl::Seconds(31));
  UserDesk::LoginOutcome wrong = desk_->Login(
      "ks-oslo", "kari", "wrong password!", TotpCode(secret, clock_.Now()));
  EXPECT_EQ(wrong.delay, absl::Seconds(1));
  clock_.Advance(absl::Milliseconds(500));
  UserDesk::LoginOutcome early = desk_->Login("ks-oslo", "kari", kPassword,
                                              TotpCode(secret, clock_.Now()));
  EXPECT_TRUE(absl::IsPermissionDenied(early.status));
  EXPECT_EQ(early.delay, absl::Milliseconds(500));
  clock_.Advance(absl::Milliseconds(500));
  EXPECT_TRUE(
      desk_->Login("ks-oslo", "kari", kPassword, TotpCode(secret, clock_.Now()))
          .status.ok());
  int failed = 0;
  for (const v1::AuditEntry& e : AuditEntries()) {
    if (e.action() == "console.login.failed") ++failed;
  }
  EXPECT_EQ(failed, 1);  // The early try was no failure of its own.
}

TEST_F(UserDeskTest, DisabledUserCannotLogInOrAct) {
  const std::string secret = Enrol();
  ASSERT_TRUE(desk_->Disable("ks-oslo", "kari").ok());
  clock_.Advance(absl::Minutes(1));
  EXPECT_FALSE(
      desk_->Login("ks-oslo", "kari", kPassword, TotpCode(secret, clock_.Now()))
          .status.ok());
  EXPECT_TRUE(absl::IsNotFound(desk_->CheckActive("ks-oslo", "kari")));
}

TEST_F(UserDeskTest, AuditEntriesNameThePerson) {
  Enrol();
  bool enrolled = false;
  for (const v1::AuditEntry& e : AuditEntries()) {
    EXPECT_EQ(e.actor(), "ks-oslo");
    EXPECT_EQ(e.actor_person(), "kari");
    enrolled |= e.action() == "console.user.enrol";
  }
  EXPECT_TRUE(enrolled);
}

}  // namespace
}  // namespace rosa::users
