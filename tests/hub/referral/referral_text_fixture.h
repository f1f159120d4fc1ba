// A referral desk over the real store, person vault and text vault, with
// what tests of sealed free text need: submitting and stepping referrals,
// reading them and their delivered events (free text put back), every
// stored copy, and the files that hold some bytes.
// Thread-safety: one test thread.
#ifndef ROSA_TESTS_HUB_REFERRAL_REFERRAL_TEXT_FIXTURE_H_
#define ROSA_TESTS_HUB_REFERRAL_REFERRAL_TEXT_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "hub/referral/referral_desk.h"
#include "tests/hub/person/person_fixture.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_person {

class ReferralTextFixture : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }
  void TearDown() override {
    desk_.reset();
    CloseHub();
  }

  // A referral of `type` from rosa to `recipient` with `note`.
  v1::SubmitReferralRequest Request(const std::string& recipient,
                                    v1::ReferralType type,
                                    const std::string& person_ref,
                                    const std::string& note) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient(recipient);
    r.set_type(type);
    r.set_person_ref(person_ref);
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(31);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    f->add_languages("ro");
    r.set_note(note);
    return r;
  }
  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const v1::SubmitReferralRequest& r) {
    return Await<v1::SubmitReferralResponse>([&](auto done) {
      desk_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Referral> Step(const std::string& who,
                                    const std::string& id,
                                    v1::ReferralState target,
                                    const std::string& key,
                                    const std::string& reason = "") {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(key);
    r.set_referral_id(id);
    r.set_target(target);
    r.set_reason(reason);
    return Await<v1::Referral>([&](auto done) {
      desk_->UpdateStatus(P(who), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Referral> Get(const std::string& who,
                                   const std::string& id) {
    v1::GetReferralRequest r;
    r.set_referral_id(id);
    return Await<v1::Referral>([&](auto done) { desk_->Get(P(who), r, done); });
  }
  absl::StatusOr<v1::ListReferralsResponse> List(const std::string& who) {
    return Await<v1::ListReferralsResponse>([&](auto done) {
      desk_->List(P(who), v1::ListReferralsRequest(), done);
    });
  }
  // Every stored blob that could hold a copy: referral rows, event bodies,
  // idempotency responses.
  std::vector<std::string> StoredCopies() {
    std::vector<std::string> all;
    for (const char* sql :
         {"SELECT body FROM referrals", "SELECT body FROM events",
          "SELECT response FROM idempotency"}) {
      for (std::string& blob : Query(sql)) all.push_back(std::move(blob));
    }
    return all;
  }
  // Every file under the data directory (database, WAL, keys) holding
  // `needle`, with the hub closed.
  std::vector<std::filesystem::path> FilesWith(const std::string& needle) {
    desk_.reset();
    CloseHub();
    auto found = testutil::FilesContaining(dir_.path(), needle);
    OpenHub();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
    return found;
  }

  std::unique_ptr<ReferralDesk> desk_;
};

}  // namespace rosa::testing_person

#endif  // ROSA_TESTS_HUB_REFERRAL_REFERRAL_TEXT_FIXTURE_H_
