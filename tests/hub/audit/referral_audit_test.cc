// The referral desk's writes leave audit entries in their own transaction:
// a submit and each transition append one entry each (actor, referral id,
// person reference, purpose), a replay appends none, and when the entry
// cannot be written the referral change does not happen either.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "hub/referral/referral_desk.h"
#include "tests/testutil/hub_kit.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using testutil::Await;
using testutil::MakePartner;

class ReferralAuditTest : public testutil::HubKit {
 protected:
  ReferralAuditTest() { clock_.Set(absl::FromUnixSeconds(1796000000)); }

  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
    });
    OpenStore();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }

  void TearDown() override {
    desk_.reset();
    CloseStore();
  }

  static v1::SubmitReferralRequest Placement(const std::string& key) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(key);
    r.set_recipient("ks-oslo");
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref("P-7KQ2M9XA");
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(29);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    f->add_languages("ro");
    return r;
  }

  absl::StatusOr<v1::SubmitReferralResponse> Submit(const std::string& key) {
    return Await<v1::SubmitReferralResponse>([&](auto done) {
      desk_->Submit(*registry_.Find("rosa"), Placement(key),
                    absl::InfiniteFuture(), std::move(done));
    });
  }

  absl::StatusOr<v1::Referral> Receive(const std::string& id,
                                       const std::string& key) {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(key);
    r.set_referral_id(id);
    r.set_target(v1::REFERRAL_STATE_RECEIVED);
    return Await<v1::Referral>([&](auto done) {
      desk_->UpdateStatus(*registry_.Find("ks-oslo"), r, absl::InfiniteFuture(),
                          std::move(done));
    });
  }

  // From now on, every append to the audit log fails.
  void BreakAuditLog() {
    const absl::Status s = Write(
        "CREATE TRIGGER audit_log_broken BEFORE INSERT ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END;");
    ASSERT_TRUE(s.ok()) << s;
  }

  std::unique_ptr<ReferralDesk> desk_;
};

TEST_F(ReferralAuditTest, SubmitAndTransitionAreAudited) {
  auto submitted = Submit("k-1");
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  ASSERT_TRUE(Receive(id, "k-2").ok());

  const std::vector<v1::AuditEntry> entries = AuditEntries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].index(), 0u);
  EXPECT_EQ(entries[0].action(), "referral.submit");
  EXPECT_EQ(entries[0].actor(), "rosa");
  EXPECT_EQ(entries[0].object_id(), id);
  EXPECT_EQ(entries[0].person_id(), "P-7KQ2M9XA");
  EXPECT_EQ(entries[0].purpose(), v1::CONSENT_PURPOSE_PLACEMENT);
  EXPECT_EQ(entries[1].index(), 1u);
  EXPECT_EQ(entries[1].action(), "referral.transition");
  EXPECT_EQ(entries[1].actor(), "ks-oslo");
  EXPECT_EQ(entries[1].object_id(), id);
  EXPECT_EQ(entries[1].person_id(), "P-7KQ2M9XA");
}

TEST_F(ReferralAuditTest, ReplaysAreNotAuditedAgain) {
  auto submitted = Submit("k-1");
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  auto again = Submit("k-1");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->replayed());
  EXPECT_EQ(AuditEntries().size(), 1u);
}

TEST_F(ReferralAuditTest, NoChangeWithoutItsAuditEntry) {
  auto submitted = Submit("k-1");
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  BreakAuditLog();

  EXPECT_FALSE(Submit("k-2").ok());
  EXPECT_FALSE(Receive(id, "k-3").ok());

  // Nothing of either change was kept: one referral, still requested.
  const absl::Status s =
      db_->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto count = conn.Prepare("SELECT COUNT(*), MAX(state) FROM referrals");
        if (!count.ok()) return count.status();
        auto row = (*count)->Step();
        if (!row.ok()) return row.status();
        EXPECT_EQ((*count)->ColumnInt(0), 1);
        EXPECT_EQ((*count)->ColumnInt(1), v1::REFERRAL_STATE_REQUESTED);
        return absl::OkStatus();
      });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(AuditEntries().size(), 1u);
}

}  // namespace
}  // namespace rosa
