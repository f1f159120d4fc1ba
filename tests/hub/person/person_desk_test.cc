// Tests of the person desk: registration with and without consent, the
// adults-only rule, reads that are audited before identity is returned,
// erasure and the access extract.
#include "hub/person/person_desk.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa::testing_person {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;

class PersonDeskTest : public PersonFixture {};

TEST_F(PersonDeskTest, RegistersWithConsent) {
  auto person = Register(NewPerson("Ioana"));
  ASSERT_TRUE(person.ok()) << person.status();
  EXPECT_THAT(person->id(), MatchesRegex("P-[A-Z0-9]{10}"));
  EXPECT_FALSE(person->has_identity()) << "registration echoes no identity";
  EXPECT_EQ(person->registered_by(), "rosa");
  EXPECT_EQ(person->profile().birth_year(), 1994u);
  ASSERT_THAT(person->profile().residence_history(), SizeIs(1));
  EXPECT_EQ(person->profile().residence_history(0).recorded_by(), "rosa");

  auto consents =
      Query("SELECT body FROM consents WHERE person_id = ?1", person->id());
  ASSERT_THAT(consents, SizeIs(1));
  v1::Consent consent;
  ASSERT_TRUE(consent.ParseFromString(consents[0]));
  EXPECT_EQ(consent.purpose(), v1::CONSENT_PURPOSE_REGISTRATION);
  EXPECT_EQ(FromProtoTime(consent.given_at()), clock_.Now() - absl::Hours(1));
  EXPECT_EQ(consent.recorded_by(), "rosa");

  EXPECT_THAT(AuditActions(), ElementsAre("person.register " + person->id(),
                                          "consent.give " + consent.id()));
  EXPECT_EQ(AuditLog()[0].person_id(), person->id());
  EXPECT_EQ(AuditLog()[0].actor(), "rosa");
}

TEST_F(PersonDeskTest, RefusesRegistrationWithoutConsent) {
  v1::RegisterPersonRequest r = NewPerson("Ioana");
  r.clear_registration_consent_given_at();
  auto person = Register(r);
  EXPECT_EQ(person.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(person.status().message()), HasSubstr("consent"));
  EXPECT_THAT(Query("SELECT id FROM persons"), IsEmpty());
  EXPECT_THAT(AuditLog(), IsEmpty());
}

TEST_F(PersonDeskTest, OnlyACoordinatorRegisters) {
  auto person = Register(NewPerson("Ioana"), "ks-oslo");
  EXPECT_EQ(person.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(Query("SELECT id FROM persons"), IsEmpty());
}

TEST_F(PersonDeskTest, RetryWithTheSameKeyRegistersOnce) {
  const v1::RegisterPersonRequest r = NewPerson("Ioana");
  auto first = Register(r);
  auto second = Register(r);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->id(), second->id());
  EXPECT_THAT(Query("SELECT id FROM persons"), SizeIs(1));
  v1::RegisterPersonRequest other = NewPerson("Maria");
  other.set_idempotency_key(r.idempotency_key());
  EXPECT_EQ(Register(other).status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(PersonDeskTest, RefusesAMinorByBirthYearAndAlertsChildWelfare) {
  v1::RegisterPersonRequest r = NewPerson("Ana");
  r.mutable_identity()->clear_birth_date();
  r.mutable_profile()->set_birth_year(2010);  // 16 in 2026.
  auto person = Register(r);
  EXPECT_EQ(person.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string message(person.status().message());
  EXPECT_THAT(message, AllOf(HasSubstr("barnevernsvakt"), HasSubstr("Bufdir"),
                             Not(HasSubstr("Ana"))));
  EXPECT_THAT(Query("SELECT id FROM persons"), IsEmpty());
  EXPECT_THAT(Query("SELECT reported_by FROM child_welfare_alerts"),
              ElementsAre("rosa"));
  EXPECT_THAT(AuditActions(), ElementsAre("child_welfare.alert CW-1"));

  // A retry gets the same answer and raises no second alert.
  EXPECT_EQ(Register(r).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Query("SELECT seq FROM child_welfare_alerts"), SizeIs(1));
}

TEST_F(PersonDeskTest, RefusesAPossibleMinorEvenWithoutConsent) {
  v1::RegisterPersonRequest r = NewPerson("Ana");
  r.mutable_profile()->set_possibly_minor(true);
  r.clear_registration_consent_given_at();
  auto person = Register(r);
  EXPECT_EQ(person.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(person.status().message()),
              HasSubstr("barnevernsvakt"));
  EXPECT_THAT(Query("SELECT id FROM persons"), IsEmpty());
  EXPECT_THAT(Query("SELECT seq FROM child_welfare_alerts"), SizeIs(1));
}

TEST_F(PersonDeskTest, ExactBirthDateDecidesWhenTheYearIsBorderline) {
  v1::RegisterPersonRequest r = NewPerson("Ana");
  r.mutable_profile()->set_birth_year(2008);
  r.mutable_identity()->set_birth_date("2008-12-24");  // 17 on 2026-11-29.
  EXPECT_EQ(Register(r).status().code(), absl::StatusCode::kFailedPrecondition);
  r = NewPerson("Ana");
  r.mutable_profile()->set_birth_year(2008);
  r.mutable_identity()->set_birth_date("2008-11-29");  // 18 today.
  EXPECT_TRUE(Register(r).ok());
}

TEST_F(PersonDeskTest, ReadReturnsIdentityAfterAuditing) {
  const std::string id = RegisterNew("Ioana");
  auto person = Read(id, "rosa", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  ASSERT_TRUE(person.ok()) << person.status();
  EXPECT_EQ(person->identity().given_name(), "Ioana");
  EXPECT_EQ(person->identity().family_name(), "Popescu-Zkx");
  EXPECT_EQ(person->identity().duf_number(), "201912345678");
  EXPECT_EQ(person->identity().contact_address(), "Testveien 17, 0150 Oslo");
  const v1::AuditEntry last = AuditLog().back();
  EXPECT_EQ(last.action(), "person.read");
  EXPECT_EQ(last.object_id(), id);
  EXPECT_EQ(last.purpose(), v1::CONSENT_PURPOSE_ASSISTED_RETURN);
}

TEST_F(PersonDeskTest, ReadNeedsAPurpose) {
  const std::string id = RegisterNew();
  EXPECT_EQ(Read(id, "rosa", v1::CONSENT_PURPOSE_UNSPECIFIED).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(PersonDeskTest, OthersSeeNoPersonAtAll) {
  const std::string id = RegisterNew();
  auto shelter = Read(id, "ks-oslo");
  auto unknown = Read("P-0000000000", "rosa");
  EXPECT_EQ(shelter.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Extract(id, "advokat-lund").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(Erase(id, "iom").status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(Query("SELECT id FROM persons"), SizeIs(1));
  for (const std::string& action : AuditActions()) {
    EXPECT_THAT(action, Not(HasSubstr("person.read")));
  }
}

TEST_F(PersonDeskTest, ReadFailsWhenItsAuditEntryCannotBeWritten) {
  const std::string id = RegisterNew();
  ASSERT_TRUE(Write("CREATE TRIGGER no_audit BEFORE INSERT ON audit_log"
                    " BEGIN SELECT RAISE(ABORT, 'audit disabled'); END")
                  .ok());
  auto person = Read(id);
  EXPECT_FALSE(person.ok());
  EXPECT_THAT(std::string(person.status().message()), Not(HasSubstr("Ioana")));
}

TEST_F(PersonDeskTest, ErasePurgesEverythingButTheAuditEntries) {
  const std::string id = RegisterNew("Ioana");
  ASSERT_TRUE(Read(id).ok());
  const std::vector<std::string> ciphertexts =
      Query("SELECT ciphertext FROM person_fields WHERE person_id = ?1", id);
  const std::vector<std::string> wrapped =
      Query("SELECT wrapped_key FROM persons WHERE id = ?1", id);
  ASSERT_THAT(ciphertexts, SizeIs(6));
  ASSERT_THAT(wrapped, SizeIs(1));
  // A handoff of this person (its case summary is free text about her) and
  // one of another person, which erasure must leave alone.
  const std::string other = "P-OTHER00001";
  constexpr char kSummary[] = "Handoff summary canary Qx7Zr about her";
  ASSERT_TRUE(
      Write(absl::StrCat(
                "INSERT INTO handoffs(id, lawyer, sender, person_id, state,"
                " created_us, updated_us, body) VALUES"
                " ('H-0000000001', 'advokat-lund', 'rosa', '",
                id, "', 1, 0, 0, CAST('", kSummary,
                "' AS BLOB)),"
                " ('H-0000000002', 'advokat-lund', 'rosa', '",
                other, "', 1, 0, 0, CAST('Other summary' AS BLOB))"))
          .ok());
  ASSERT_THAT(Query("SELECT id FROM handoffs WHERE person_id = ?1", id),
              ElementsAre("H-0000000001"));

  auto erased = Erase(id);
  ASSERT_TRUE(erased.ok()) << erased.status();
  EXPECT_EQ(erased->person_id(), id);
  for (const char* table :
       {"persons WHERE id", "person_fields WHERE person_id",
        "consents WHERE person_id", "identity_disclosures WHERE person_id",
        "handoffs WHERE person_id"}) {
    EXPECT_THAT(Query(absl::StrCat("SELECT 1 FROM ", table, " = ?1"), id),
                IsEmpty())
        << table;
  }
  EXPECT_THAT(Query("SELECT id FROM handoffs WHERE person_id = ?1", other),
              ElementsAre("H-0000000002"));
  EXPECT_THAT(
      Query("SELECT key FROM idempotency WHERE method = ?1", "RegisterPerson"),
      IsEmpty());
  EXPECT_EQ(Read(id).status().code(), absl::StatusCode::kNotFound);

  // The WAL was checkpointed and truncated; no stored byte string of the
  // person survives in the database file.
  EXPECT_EQ(std::filesystem::file_size(wal_path()), 0u);
  const std::string db = FileBytes(db_path());
  for (const std::string& c : ciphertexts) {
    EXPECT_EQ(db.find(c), std::string::npos) << "a field ciphertext survived";
  }
  EXPECT_EQ(db.find(wrapped[0]), std::string::npos) << "the data key survived";
  EXPECT_EQ(db.find(kSummary), std::string::npos)
      << "the handoff's case summary survived";

  auto extract = Extract(id);
  ASSERT_TRUE(extract.ok()) << extract.status();
  std::vector<std::string> actions;
  for (const v1::AccessRecord& r : extract->records()) {
    actions.push_back(r.action());
  }
  EXPECT_THAT(actions, ElementsAre("person.register", "consent.give",
                                   "person.read", "person.erase"));
}

TEST_F(PersonDeskTest, EraseTellsPartnersThatReceivedIdentity) {
  const std::string id = RegisterNew();
  v1::GiveConsentRequest give;
  give.set_idempotency_key(NextKey());
  give.set_person_id(id);
  give.mutable_scope()->set_partner_kind(v1::PARTNER_KIND_LEGAL_COUNSEL);
  give.set_purpose(v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  auto consent = Await<v1::Consent>([&](auto done) {
    consents_->Give(P("rosa"), give, absl::InfiniteFuture(), done);
  });
  ASSERT_TRUE(consent.ok()) << consent.status();
  DiscloseTo(id, "advokat-lund", consent->id(), "H-0000000007");

  ASSERT_TRUE(Erase(id).ok());
  const std::vector<v1::Event> events = Events("advokat-lund");
  ASSERT_THAT(events, SizeIs(1));
  EXPECT_EQ(events[0].consent_withdrawn().person_id(), id);
  EXPECT_THAT(events[0].consent_withdrawn().object_ids(),
              ElementsAre("H-0000000007"));
  EXPECT_THAT(Events("advokat-berg"), IsEmpty());
}

TEST_F(PersonDeskTest, AccessExtractSaysWhoDidWhatWhenAndWhy) {
  const std::string id = RegisterNew();
  const std::string other = RegisterNew("Maria");
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(Read(id, "rosa", v1::CONSENT_PURPOSE_PLACEMENT).ok());
  auto extract = Extract(id);
  ASSERT_TRUE(extract.ok()) << extract.status();
  EXPECT_EQ(extract->person_id(), id);
  ASSERT_THAT(extract->records(), SizeIs(3));
  const v1::AccessRecord& read = extract->records(2);
  EXPECT_EQ(read.action(), "person.read");
  EXPECT_EQ(read.actor(), "rosa");
  EXPECT_EQ(read.object_id(), id);
  EXPECT_EQ(read.purpose(), v1::CONSENT_PURPOSE_PLACEMENT);
  EXPECT_EQ(FromProtoTime(read.at()), clock_.Now());
  EXPECT_EQ(read.audit_index(), 4u);  // After two registrations.
  EXPECT_EQ(Extract("P-ZZZZZZZZZZ").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(PersonDeskTest, AccessExtractNamesTheConsolePersonWhoRead) {
  const std::string id = RegisterNew();
  // The web console acts with the registered partner, person set.
  Partner ola = P("rosa");
  ola.person = "ola";
  v1::ReadPersonRequest r;
  r.set_person_id(id);
  r.set_purpose(v1::CONSENT_PURPOSE_PLACEMENT);
  ASSERT_TRUE(Await<v1::Person>([&](auto done) {
                persons_->Read(ola, r, absl::InfiniteFuture(), done);
              }).ok());
  auto extract = Extract(id);
  ASSERT_TRUE(extract.ok()) << extract.status();
  const v1::AccessRecord& read = extract->records(extract->records_size() - 1);
  EXPECT_EQ(read.action(), "person.read");
  EXPECT_EQ(read.actor(), "rosa");
  EXPECT_EQ(read.actor_person(), "ola");
  // A certificate caller is the partner alone.
  EXPECT_EQ(extract->records(0).actor_person(), "");
}

}  // namespace
}  // namespace rosa::testing_person
