// Free text written in the clear by an older hub (before sealed notes, or
// before sealed reasons and ledger texts): sealed at start-up into the text
// vault, out of the rows, events and recorded answers that copied it, and
// read back as before.
#include "hub/person/seal_legacy_text.h"

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/status_macros.h"
#include "rosa/hub/v1/event.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa::testing_person {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kCanary[] = "Gammelnotat-c4d2: bor hos kusinen";
constexpr char kReason[] = "Gammelgrunn-77af: mannen hennes ringte 41234567";
constexpr char kSummary[] = "Gammelslutt-5e01: flyttet til Bergen";

class SealLegacyTextTest : public PersonFixture {
 protected:
  // Writes what an older hub wrote: the note inside every copy.
  void WriteLegacyRows(const std::string& person) {
    v1::Referral r;
    r.set_id("R-2026-000001");
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);  // As every stored referral.
    r.set_person_ref(person);
    r.set_note(kCanary);
    v1::Event e;
    *e.mutable_referral()->mutable_referral() = r;
    v1::SubmitReferralResponse answer;
    *answer.mutable_referral() = r;
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                      auto& conn = txn.conn();
                      auto a = conn.Prepare(
                          "INSERT INTO referrals(id, sender, recipient, type,"
                          " state, created_us, updated_us, body) VALUES"
                          " (?1, 'rosa', 'ks-oslo', 1, 1, 1, 1, ?2)");
                      if (!a.ok()) return a.status();
                      (*a)->Bind(1, r.id()).BindBlob(2, r.SerializeAsString());
                      if (auto s = (*a)->Run(); !s.ok()) return s;
                      auto b = conn.Prepare(
                          "INSERT INTO events(partner, cursor, recorded_us,"
                          " body) VALUES ('rosa', 1, 1, ?1)");
                      if (!b.ok()) return b.status();
                      (*b)->BindBlob(1, e.SerializeAsString());
                      if (auto s = (*b)->Run(); !s.ok()) return s;
                      auto c = conn.Prepare(
                          "INSERT INTO idempotency(partner, key, method,"
                          " request_hash, response, created_us) VALUES"
                          " ('rosa', 'k1', 'SubmitReferral', x'', ?1, 1)");
                      if (!c.ok()) return c.status();
                      (*c)->BindBlob(1, answer.SerializeAsString());
                      return (*c)->Run();
                    })
                    .ok());
  }
  // Writes what the hub before sealed reasons wrote: the note sealed and
  // referenced by object id alone, a step's reason and a handoff ledger's
  // summary in the clear in every copy.
  void WriteRowsWithClearReasons(const std::string& person) {
    v1::Referral r;
    r.set_id("R-2026-000002");
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);  // As every stored referral.
    r.set_person_ref(person);
    r.add_history();
    r.add_history()->set_reason(kReason);
    v1::Event e;
    *e.mutable_referral()->mutable_referral() = r;
    *e.mutable_referral()->mutable_transition() = r.history(1);
    v1::Handoff h;
    h.set_id("H-2026-000001");
    h.set_person_id(person);
    h.add_ledger()->mutable_event()->mutable_closed()->set_summary(kSummary);
    v1::Event he;
    *he.mutable_handoff()->mutable_handoff() = h;
    ASSERT_TRUE(
        db_->writer()
            .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
              auto& conn = txn.conn();
              RETURN_IF_ERROR(
                  vault_->texts().Seal(conn, r.id(), person, "note", kCanary));
              ASSIGN_OR_RETURN(
                  auto a, conn.Prepare("INSERT INTO referrals(id, sender,"
                                       " recipient, type, state, created_us,"
                                       " updated_us, body) VALUES"
                                       " (?1, 'rosa', 'ks-oslo', 1, 4, 1, 1,"
                                       " ?2)"));
              a->Bind(1, r.id()).BindBlob(2, r.SerializeAsString());
              RETURN_IF_ERROR(a->Run());
              ASSIGN_OR_RETURN(
                  auto b, conn.Prepare("INSERT INTO handoffs(id, lawyer,"
                                       " sender, person_id, state, created_us,"
                                       " updated_us, body) VALUES (?1,"
                                       " 'advokat-lund', 'rosa', ?2, 1, 1, 1,"
                                       " ?3)"));
              b->Bind(1, h.id()).Bind(2, person).BindBlob(
                  3, h.SerializeAsString());
              RETURN_IF_ERROR(b->Run());
              int cursor = 0;
              for (const auto& [event, text_of] :
                   {std::pair{&e, r.id()}, std::pair{&he, std::string()}}) {
                ASSIGN_OR_RETURN(
                    auto c,
                    conn.Prepare("INSERT INTO events(partner, cursor,"
                                 " recorded_us, body, text_of) VALUES"
                                 " ('rosa', ?1, 1, ?2, nullif(?3, ''))"));
                c->Bind(1, int64_t{++cursor})
                    .BindBlob(2, event->SerializeAsString())
                    .Bind(3, text_of);
                RETURN_IF_ERROR(c->Run());
              }
              ASSIGN_OR_RETURN(
                  auto d, conn.Prepare("INSERT INTO idempotency(partner, key,"
                                       " method, request_hash, response,"
                                       " created_us) VALUES ('ks-oslo', 'k2',"
                                       " 'UpdateReferralStatus', x'', ?1, 1)"));
              d->BindBlob(1, r.SerializeAsString());
              return d->Run();
            })
            .ok());
  }
  // Runs SealLegacyFreeText once, as the hub does at start-up: it must
  // succeed and seal (or drop) `count` copies.
  void ExpectSealed(int count) {
    int sealed = 0;
    absl::Status s =
        db_->writer().SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
          auto n = SealLegacyFreeText(txn.conn(), vault_->texts());
          if (!n.ok()) return n.status();
          sealed = *n;
          return absl::OkStatus();
        });
    ASSERT_TRUE(s.ok()) << s;
    EXPECT_EQ(sealed, count);
  }
  // No row that `queries` read holds any of `texts` in the clear.
  void ExpectInNoCopy(std::initializer_list<const char*> queries,
                      std::initializer_list<const char*> texts) {
    for (const char* sql : queries) {
      for (const std::string& blob : Query(sql)) {
        for (const char* text : texts) {
          EXPECT_EQ(blob.find(text), std::string::npos) << sql;
        }
      }
    }
  }
  // Nothing is left to do the second time, and erasing `person` then
  // shreds every text sealed.
  void ExpectDoneAndShreddedByErasure(const std::string& person) {
    ASSERT_NO_FATAL_FAILURE(ExpectSealed(0));
    ASSERT_TRUE(Erase(person).ok());
    EXPECT_THAT(Query("SELECT object_id FROM sealed_texts"), IsEmpty());
  }
};

// Where an older hub copied a referral's note.
constexpr std::initializer_list<const char*> kNoteCopies = {
    "SELECT body FROM referrals", "SELECT body FROM events",
    "SELECT response FROM idempotency"};

TEST_F(SealLegacyTextTest, SealsNotesWrittenInTheClear) {
  const std::string person = RegisterNew("Ioana");
  WriteLegacyRows(person);
  // The referral, its event, the recorded answer.
  ASSERT_NO_FATAL_FAILURE(ExpectSealed(3));
  ExpectInNoCopy(kNoteCopies, {"Gammelnotat"});
  EXPECT_THAT(Query("SELECT person_id FROM sealed_texts"), ElementsAre(person));
  EXPECT_THAT(Query("SELECT text_of FROM events"),
              ElementsAre("R-2026-000001|note"));
  // The event is delivered with its note, from the sealed copy.
  EXPECT_EQ(Delivered("rosa").at(0).referral().referral().note(), kCanary);
  ExpectDoneAndShreddedByErasure(person);
}

TEST_F(SealLegacyTextTest, SealsReasonsAndLedgerTextsWrittenInTheClear) {
  const std::string person = RegisterNew("Ioana");
  WriteRowsWithClearReasons(person);
  // Referral, handoff, their two events, the recorded answer.
  ASSERT_NO_FATAL_FAILURE(ExpectSealed(5));
  ExpectInNoCopy(
      {"SELECT body FROM referrals", "SELECT body FROM handoffs",
       "SELECT body FROM events", "SELECT response FROM idempotency"},
      {"Gammelgrunn", "Gammelslutt"});
  EXPECT_THAT(Query("SELECT field FROM sealed_texts WHERE person_id = ?1"
                    " ORDER BY object_id, field",
                    person),
              ElementsAre("ledger.0", "note", "reason.1"));
  // The note's reference stays beside the new ones.
  EXPECT_THAT(
      Query("SELECT text_of FROM events ORDER BY cursor"),
      ElementsAre("R-2026-000002|note|reason.1", "H-2026-000001|ledger.0"));
  const std::vector<v1::Event> delivered = Delivered("rosa");
  const v1::ReferralEvent& re = delivered.at(0).referral();
  EXPECT_EQ(re.referral().note(), kCanary);
  EXPECT_EQ(re.referral().history(1).reason(), kReason);
  EXPECT_EQ(re.transition().reason(), kReason);
  EXPECT_EQ(
      delivered.at(1).handoff().handoff().ledger(0).event().closed().summary(),
      kSummary);
  ExpectDoneAndShreddedByErasure(person);
}

// An older hub kept a referral's note after erasing its person: that note
// is dropped, not sealed under a key of the referral's own.
TEST_F(SealLegacyTextTest, DropsNotesOfErasedPersons) {
  const std::string person = RegisterNew("Ioana");
  ASSERT_TRUE(Erase(person).ok());
  WriteLegacyRows(person);
  ASSERT_NO_FATAL_FAILURE(ExpectSealed(3));
  EXPECT_THAT(Query("SELECT object_id FROM sealed_texts"), IsEmpty());
  EXPECT_THAT(Query("SELECT object_id FROM object_keys"), IsEmpty());
  ExpectInNoCopy(kNoteCopies, {"Gammelnotat"});
}

}  // namespace
}  // namespace rosa::testing_person
