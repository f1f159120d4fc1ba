// A test fixture for the referral desk on the shared hub kit
// (tests/testutil/hub_kit.h): a real SQLite store and keys in a temporary
// directory, a fixed clock and an in-memory partner registry. Header-only.
// Thread-safety: one fixture per test; the helpers block until the desk
// answers.
#ifndef ROSA_TESTS_HUB_REFERRAL_REFERRAL_DESK_FIXTURE_H_
#define ROSA_TESTS_HUB_REFERRAL_REFERRAL_DESK_FIXTURE_H_

#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/referral/referral_desk.h"
#include "tests/testutil/hub_kit.h"

namespace rosa::testing_referral_desk {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;
using testutil::MakePartner;

template <typename T>
struct Waiter {
  std::promise<absl::StatusOr<T>> promise;
  ReferralDesk::Done<T> done() {
    return [this](absl::StatusOr<T> r) { promise.set_value(std::move(r)); };
  }
  absl::StatusOr<T> get() { return promise.get_future().get(); }
};

class ReferralDeskTest : public testutil::HubKit {
 protected:
  ReferralDeskTest() { key_prefix_ = "k-"; }

  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
        MakePartner("ks-telemark", v1::PARTNER_KIND_SHELTER),
        MakePartner("filemon", v1::PARTNER_KIND_SAFE_HOUSE),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
        MakePartner("ks-stengt", v1::PARTNER_KIND_SHELTER, false),
    });
    OpenStore();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }

  void TearDown() override {
    desk_.reset();
    CloseStore();
  }

  static v1::SubmitReferralRequest Placement(const std::string& key,
                                             const std::string& recipient) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(key);
    r.set_recipient(recipient);
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref("P-7KQ2M9XA");
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(29);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    f->add_languages("ro");
    r.set_note("Needs a quiet room.");
    return r;
  }

  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const std::string& sender, const v1::SubmitReferralRequest& request,
      absl::Time deadline = absl::InfiniteFuture()) {
    Waiter<v1::SubmitReferralResponse> w;
    desk_->Submit(P(sender), request, deadline, w.done());
    return w.get();
  }

  absl::StatusOr<v1::Referral> Update(const std::string& actor,
                                      const std::string& id,
                                      v1::ReferralState target,
                                      const std::string& reason = "",
                                      std::optional<uint32_t> nights = {}) {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(NextKey());
    r.set_referral_id(id);
    r.set_target(target);
    r.set_reason(reason);
    if (nights) r.set_nights_stayed(*nights);
    return UpdateWith(actor, r);
  }

  absl::StatusOr<v1::Referral> UpdateWith(
      const std::string& actor, const v1::UpdateReferralStatusRequest& r) {
    Waiter<v1::Referral> w;
    desk_->UpdateStatus(P(actor), r, absl::InfiniteFuture(), w.done());
    return w.get();
  }

  absl::StatusOr<v1::Referral> Get(const std::string& who,
                                   const std::string& id) {
    v1::GetReferralRequest r;
    r.set_referral_id(id);
    Waiter<v1::Referral> w;
    desk_->Get(P(who), r, w.done());
    return w.get();
  }

  absl::StatusOr<v1::ListReferralsResponse> List(
      const std::string& who, const v1::ListReferralsRequest& r) {
    Waiter<v1::ListReferralsResponse> w;
    desk_->List(P(who), r, w.done());
    return w.get();
  }

  // ROSA places the person of Placement() at `facility` and she arrives:
  // `facility` hosts her and may refer her on (submit_rights.h).
  void Host(const std::string& facility) {
    auto placed = Submit("rosa", Placement("host-" + facility, facility));
    ASSERT_TRUE(placed.ok()) << placed.status();
    for (auto s : {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
                   v1::REFERRAL_STATE_IN_PROGRESS}) {
      ASSERT_TRUE(Update(facility, placed->referral().id(), s).ok());
    }
  }

  std::unique_ptr<ReferralDesk> desk_;
};

}  // namespace rosa::testing_referral_desk

#endif  // ROSA_TESTS_HUB_REFERRAL_REFERRAL_DESK_FIXTURE_H_
