// A fixture for the handoff desk tests on the shared hub kit
// (tests/testutil/hub_kit.h): a real SQLite store and key file in a private
// temporary directory, a fixed clock, an in-memory registry with ROSA, two
// lawyers, a disabled lawyer and a shelter, and the person and consent desks
// to register a person and give or withdraw consent.
// Thread-safety: one fixture per test; the helpers block until the desk
// answers.
#ifndef ROSA_TESTS_HUB_HANDOFF_HANDOFF_DESK_FIXTURE_H_
#define ROSA_TESTS_HUB_HANDOFF_HANDOFF_DESK_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/handoff/handoff_desk.h"
#include "tests/testutil/hub_kit.h"

namespace rosa::testing_handoff {

namespace v1 = rosa::hub::v1;
using testutil::Await;
using testutil::MakePartner;

// Identifying values, each unique enough to grep for.
inline constexpr char kGivenName[] = "Canaryana";
inline constexpr char kFamilyName[] = "Popescucanary";
inline constexpr char kPhone[] = "+40712345678";

class HandoffDeskTest : public testutil::HubKit {
 protected:
  HandoffDeskTest() { key_prefix_ = "k-"; }

  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("advokat-berg", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("advokat-stengt", v1::PARTNER_KIND_LEGAL_COUNSEL, false),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
    });
    OpenStore();
    OpenPersonDesks();
    desk_ = std::make_unique<HandoffDesk>(&registry_, db_.get(), outbox_.get(),
                                          vault_.get(), &clock_);
  }

  void TearDown() override {
    desk_.reset();
    CloseStore();
  }

  // Registers an adult woman and returns her person id.
  std::string RegisterPerson() {
    v1::RegisterPersonRequest r = PersonRequest(kGivenName, kFamilyName, 1997);
    r.mutable_identity()->set_phone(kPhone);
    auto person = Register(r);
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? person->id() : "";
  }

  v1::CreateHandoffRequest CreateRequest(
      const std::string& person_id,
      const std::string& lawyer = "advokat-lund") {
    v1::CreateHandoffRequest r;
    r.set_idempotency_key(NextKey());
    r.set_lawyer(lawyer);
    r.set_person_id(person_id);
    r.set_case_summary("Identified by police; wants advice on residence.");
    r.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    r.add_purposes(v1::COUNSELLING_PURPOSE_IDENTIFICATION);
    r.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
    return r;
  }

  absl::StatusOr<v1::Handoff> Create(const std::string& caller,
                                     const v1::CreateHandoffRequest& r) {
    return Await<v1::Handoff>([&](auto done) {
      desk_->Create(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  // A person with a consent for advokat-lund, and a handoff to it.
  v1::Handoff CreateWithConsent(const std::string& lawyer = "advokat-lund") {
    const std::string person = RegisterPerson();
    GiveConsent(person, lawyer);
    auto h = Create("rosa", CreateRequest(person, lawyer));
    EXPECT_TRUE(h.ok()) << h.status();
    return h.ok() ? *h : v1::Handoff();
  }

  absl::StatusOr<v1::Handoff> Get(const std::string& caller,
                                  const std::string& id) {
    v1::GetHandoffRequest r;
    r.set_handoff_id(id);
    return Await<v1::Handoff>([&](auto done) {
      desk_->Get(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  absl::StatusOr<v1::ListHandoffsResponse> List(const std::string& caller,
                                                int page_size = 0,
                                                const std::string& token = "") {
    v1::ListHandoffsRequest r;
    r.set_page_size(page_size);
    r.set_page_token(token);
    return Await<v1::ListHandoffsResponse>([&](auto done) {
      desk_->List(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  absl::StatusOr<v1::Handoff> Record(const std::string& caller,
                                     const std::string& id,
                                     const v1::HandoffEvent& event) {
    v1::RecordHandoffEventRequest r;
    r.set_idempotency_key(NextKey());
    r.set_handoff_id(id);
    *r.mutable_event() = event;
    return Await<v1::Handoff>([&](auto done) {
      desk_->RecordEvent(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  // Audit entries with `action` about `object_id`.
  int CountAudit(const std::string& action, const std::string& object_id) {
    int n = 0;
    for (const v1::AuditEntry& e : AuditEntries()) {
      if (e.action() == action && e.object_id() == object_id) ++n;
    }
    return n;
  }

  std::unique_ptr<HandoffDesk> desk_;
};

inline v1::HandoffEvent Accepted() {
  v1::HandoffEvent e;
  e.mutable_accepted();
  return e;
}
inline v1::HandoffEvent Declined(const std::string& reason) {
  v1::HandoffEvent e;
  e.mutable_declined()->set_reason(reason);
  return e;
}
inline v1::HandoffEvent Hours(uint32_t quarter_hours) {
  v1::HandoffEvent e;
  e.mutable_hours_used()->set_quarter_hours(quarter_hours);
  return e;
}
inline v1::HandoffEvent Extension(uint32_t quarter_hours) {
  v1::HandoffEvent e;
  e.mutable_extension_granted()->set_quarter_hours(quarter_hours);
  return e;
}
inline v1::HandoffEvent Closed(const std::string& summary) {
  v1::HandoffEvent e;
  e.mutable_closed()->set_summary(summary);
  return e;
}

}  // namespace rosa::testing_handoff

#endif  // ROSA_TESTS_HUB_HANDOFF_HANDOFF_DESK_FIXTURE_H_
