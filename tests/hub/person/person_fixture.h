// A test fixture for the person and consent desks on the shared hub kit
// (tests/testutil/hub_kit.h): a real SQLite store and a real key file in a
// fresh temporary directory laid out like a data directory (rosa-hub.db,
// keys/kek, keys/request-hmac), with a fixed clock and an in-memory partner
// registry. Header-only; shared by tests/hub/person, tests/hub/consent and
// the desk tests that need persons with consents.
// Thread-safety: one fixture per test; the helpers block until the desk
// answers.
#ifndef ROSA_TESTS_HUB_PERSON_PERSON_FIXTURE_H_
#define ROSA_TESTS_HUB_PERSON_PERSON_FIXTURE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/consent/consent_book.h"
#include "tests/testutil/hub_kit.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_person {

namespace v1 = rosa::hub::v1;
using testutil::Await;
using testutil::FileBytes;
using testutil::MakePartner;

class PersonFixture : public testutil::HubKit {
 protected:
  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
        MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("advokat-berg", v1::PARTNER_KIND_LEGAL_COUNSEL),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
    });
    OpenHub();
  }

  void TearDown() override { CloseHub(); }

  // The store, keys and the person and consent desks (with the exchange
  // files), as the hub opens them.
  void OpenHub() {
    OpenStore();
    OpenPersonDesks(&exchange_files_);
  }
  void CloseHub() { CloseStore(); }

  v1::RegisterPersonRequest NewPerson(const std::string& given_name) {
    v1::RegisterPersonRequest r =
        PersonRequest(given_name, "Popescu-Zkx", 1994);
    v1::PersonIdentity* id = r.mutable_identity();
    id->set_duf_number("201912345678");
    id->set_phone("+4790012345");
    id->set_contact_address("Testveien 17, 0150 Oslo");
    return r;
  }

  // Registers a fresh person and returns its id (fails the test if not).
  std::string RegisterNew(const std::string& given_name = "Ioana") {
    auto person = Register(NewPerson(given_name));
    EXPECT_TRUE(person.ok()) << person.status();
    return person.ok() ? person->id() : "";
  }
  absl::StatusOr<v1::Person> Read(
      const std::string& id, const std::string& caller = "rosa",
      v1::ConsentPurpose purpose = v1::CONSENT_PURPOSE_LEGAL_COUNSELLING) {
    v1::ReadPersonRequest r;
    r.set_person_id(id);
    r.set_purpose(purpose);
    return Await<v1::Person>([&](auto done) {
      persons_->Read(P(caller), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::AccessExtract> Extract(
      const std::string& id, const std::string& caller = "rosa") {
    v1::GetAccessExtractRequest r;
    r.set_person_id(id);
    return Await<v1::AccessExtract>(
        [&](auto done) { persons_->GetAccessExtract(P(caller), r, done); });
  }

  // Every audit entry, in order.
  std::vector<v1::AuditEntry> AuditLog() { return AuditEntries(); }
  // "action object_id" of every audit entry, in order.
  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    for (const v1::AuditEntry& e : AuditLog()) {
      actions.push_back(absl::StrCat(e.action(), " ", e.object_id()));
    }
    return actions;
  }
  // Records that `partner` received `person`'s identity under `consent_id`.
  void DiscloseTo(const std::string& person, const std::string& partner,
                  const std::string& consent_id, const std::string& object_id) {
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) {
                      return RecordDisclosure(txn.conn(), person, partner,
                                              consent_id, object_id,
                                              clock_.Now());
                    })
                    .ok());
  }
};

}  // namespace rosa::testing_person

#endif  // ROSA_TESTS_HUB_PERSON_PERSON_FIXTURE_H_
