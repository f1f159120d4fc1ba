// Unit tests of identity in handoffs: created only under a consent that
// covers the lawyer and legal counselling; shown only to the lawyer, only
// while the consent is live, each time audited; never stored with the
// handoff, its events or its idempotency record.
#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/status_macros.h"
#include "hub/handoff/handoff_store.h"
#include "hub/referral/referral_event_content.h"
#include "hub/store/page_token.h"
#include "tests/hub/handoff/handoff_desk_fixture.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_handoff {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kMissingConsent[] =
    "no consent covers sharing identity with advokat-lund for "
    "legal_counselling";

TEST_F(HandoffDeskTest, WithoutConsentCreationIsRefusedNamingPartnerPurpose) {
  const std::string person = RegisterPerson();
  auto h = Create("rosa", CreateRequest(person));
  EXPECT_EQ(h.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(h.status().message()), kMissingConsent);
  EXPECT_THAT(std::string(h.status().message()), Not(HasSubstr(kFamilyName)));
  EXPECT_EQ(List("rosa")->handoffs_size(), 0);
  EXPECT_TRUE(Events("advokat-lund").empty());
}

TEST_F(HandoffDeskTest, ConsentForAnotherPartnerOrPurposeDoesNotCover) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-berg");
  GiveConsent(person, "advokat-lund", v1::CONSENT_PURPOSE_PLACEMENT);
  GiveConsent(person, "", v1::CONSENT_PURPOSE_ASSISTED_RETURN,
              v1::PARTNER_KIND_LEGAL_COUNSEL);
  auto h = Create("rosa", CreateRequest(person));
  EXPECT_EQ(h.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(std::string(h.status().message()), kMissingConsent);
}

TEST_F(HandoffDeskTest, WithdrawnConsentDoesNotCover) {
  const std::string person = RegisterPerson();
  WithdrawConsent(GiveConsent(person, "advokat-lund"));
  EXPECT_EQ(Create("rosa", CreateRequest(person)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(HandoffDeskTest, ConsentForTheLawyersKindCovers) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
              v1::PARTNER_KIND_LEGAL_COUNSEL);
  auto h = Create("rosa", CreateRequest(person));
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_TRUE(Get("advokat-lund", h->id())->has_identity());
}

TEST_F(HandoffDeskTest, LawyerSeesIdentityCoordinatorDoesNot) {
  const v1::Handoff h = CreateWithConsent();
  auto lawyer_view = Get("advokat-lund", h.id());
  ASSERT_TRUE(lawyer_view.ok()) << lawyer_view.status();
  EXPECT_EQ(lawyer_view->identity().given_name(), kGivenName);
  EXPECT_EQ(lawyer_view->identity().family_name(), kFamilyName);
  EXPECT_EQ(lawyer_view->identity().phone(), kPhone);
  EXPECT_EQ(lawyer_view->case_summary(), h.case_summary());

  auto rosa_view = Get("rosa", h.id());
  ASSERT_TRUE(rosa_view.ok()) << rosa_view.status();
  EXPECT_FALSE(rosa_view->has_identity());
  EXPECT_EQ(rosa_view->id(), h.id());

  auto listed = List("advokat-lund");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->handoffs_size(), 1);
  EXPECT_EQ(listed->handoffs(0).identity().family_name(), kFamilyName);
  auto all = List("rosa");
  ASSERT_TRUE(all.ok()) << all.status();
  for (const v1::Handoff& seen : all->handoffs()) {
    EXPECT_FALSE(seen.has_identity());
  }
}

TEST_F(HandoffDeskTest, EveryIdentityReadByTheLawyerIsAudited) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Get("advokat-lund", h.id()).ok());
  ASSERT_TRUE(List("advokat-lund").ok());
  ASSERT_TRUE(Get("rosa", h.id()).ok());  // No identity: no person.read.
  int reads = 0;
  for (const v1::AuditEntry& e : AuditEntries()) {
    if (e.action() != "person.read" || e.object_id() != h.id()) continue;
    ++reads;
    EXPECT_EQ(e.actor(), "advokat-lund");
    EXPECT_EQ(e.person_id(), h.person_id());
    EXPECT_EQ(e.purpose(), v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  }
  EXPECT_EQ(reads, 2);
}

TEST_F(HandoffDeskTest, AfterWithdrawalTheLawyerSeesNoIdentity) {
  const std::string person = RegisterPerson();
  const std::string consent = GiveConsent(person, "advokat-lund");
  auto h = Create("rosa", CreateRequest(person));
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_TRUE(Get("advokat-lund", h->id())->has_identity());

  WithdrawConsent(consent);
  auto after = Get("advokat-lund", h->id());
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_FALSE(after->has_identity());
  EXPECT_EQ(after->id(), h->id());
  EXPECT_FALSE(List("advokat-lund")->handoffs(0).has_identity());

  // The lawyer was told to restrict what it received through the handoff.
  bool told = false;
  for (const v1::Event& e : Events("advokat-lund")) {
    if (!e.has_consent_withdrawn()) continue;
    told = true;
    EXPECT_EQ(e.consent_withdrawn().consent_id(), consent);
    EXPECT_THAT(e.consent_withdrawn().object_ids(),
                ::testing::Contains(h->id()));
  }
  EXPECT_TRUE(told);
}

TEST_F(HandoffDeskTest, NewConsentAfterWithdrawalReachesTheLawyerOnWithdrawal) {
  const std::string person = RegisterPerson();
  WithdrawConsent(GiveConsent(person, "advokat-lund"));
  // Made under a kind consent, read later under a newer one for the lawyer.
  const std::string kind =
      GiveConsent(person, "", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING,
                  v1::PARTNER_KIND_LEGAL_COUNSEL);
  auto h = Create("rosa", CreateRequest(person));
  ASSERT_TRUE(h.ok()) << h.status();
  WithdrawConsent(kind);
  const std::string named = GiveConsent(person, "advokat-lund");
  ASSERT_TRUE(Get("advokat-lund", h->id())->has_identity());
  WithdrawConsent(named);
  EXPECT_FALSE(Get("advokat-lund", h->id())->has_identity());
  int told = 0;
  for (const v1::Event& e : Events("advokat-lund")) {
    if (e.has_consent_withdrawn()) ++told;
  }
  EXPECT_EQ(told, 2);
}

TEST_F(HandoffDeskTest, DeclinedOrClosedHandoffsCarryNoIdentity) {
  const v1::Handoff declined = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", declined.id(), Declined("No time.")).ok());
  EXPECT_FALSE(Get("advokat-lund", declined.id())->has_identity());

  const v1::Handoff closed = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", closed.id(), Accepted()).ok());
  EXPECT_TRUE(Get("advokat-lund", closed.id())->has_identity());
  ASSERT_TRUE(Record("advokat-lund", closed.id(), Closed("Done.")).ok());
  EXPECT_FALSE(Get("advokat-lund", closed.id())->has_identity());
}

TEST_F(HandoffDeskTest, ErasedPersonsHandoffCarriesNoIdentity) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Erase(h.person_id()).ok());
  // The lawyer is told to restrict what it received through the handoff.
  bool told = false;
  for (const v1::Event& e : Events("advokat-lund")) {
    if (e.has_consent_withdrawn()) {
      told = true;
      EXPECT_THAT(e.consent_withdrawn().object_ids(),
                  ::testing::Contains(h.id()));
    }
  }
  EXPECT_TRUE(told);
  auto after = Get("advokat-lund", h.id());
  if (after.ok()) {
    EXPECT_FALSE(after->has_identity());
  } else {
    EXPECT_EQ(after.status().code(), absl::StatusCode::kNotFound);
  }
}

TEST_F(HandoffDeskTest, ErasureLeavesNoCopyOfTheCaseSummary) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
  const std::string summary = h.case_summary();
  ASSERT_FALSE(summary.empty());
  const size_t rosa_events = Events("rosa").size();
  ASSERT_TRUE(Erase(h.person_id()).ok());
  // Streams keep their cursors (no gaps); the emptied events say nothing.
  const auto events = Events("rosa");
  ASSERT_GE(events.size(), rosa_events);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].cursor(), i + 1);
    EXPECT_EQ(events[i].SerializeAsString().find(summary), std::string::npos);
  }
  desk_.reset();
  consents_.reset();
  persons_.reset();
  db_.reset();
  EXPECT_THAT(testutil::FilesContaining(dir_.path(), summary), IsEmpty());
}

// Erasure finds a handoff's copies by its id's bytes; a longer id that
// starts with them is another person's handoff, which keeps its copies.
TEST_F(HandoffDeskTest, ErasureKeepsTheCopiesOfAnotherHandoffWhoseIdStartsSo) {
  const int year = absl::ToCivilYear(clock_.Now(), OsloTimeZone()).year();
  auto next_number = [&](int64_t n) {
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                      ASSIGN_OR_RETURN(
                          auto stmt,
                          txn.conn().Prepare("INSERT OR REPLACE INTO"
                                             " id_counters VALUES (?1, ?2)"));
                      return stmt->Bind(1, absl::StrCat("handoff-", year))
                          .Bind(2, n - 1)
                          .Run();
                    })
                    .ok());
  };
  next_number(100'000);
  const v1::Handoff erased = CreateWithConsent();
  next_number(1'000'000);
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-lund");
  const v1::CreateHandoffRequest request = CreateRequest(person);
  auto kept = Create("rosa", request);
  ASSERT_TRUE(kept.ok()) << kept.status();
  ASSERT_EQ(kept->id(), erased.id() + "0");

  ASSERT_TRUE(Erase(erased.person_id()).ok());
  // ROSA and the lawyer still have the kept handoff's event, not the other.
  for (const char* partner : {"rosa", "advokat-lund"}) {
    int kept_events = 0;
    for (const v1::Event& e : Events(partner)) {
      const std::string id = e.handoff().handoff().id();
      EXPECT_NE(id, erased.id()) << partner;
      if (id == kept->id()) ++kept_events;
    }
    EXPECT_EQ(kept_events, 1) << partner;
  }
  // And its creation is still applied once: a retry answers the same.
  auto again = Create("rosa", request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->id(), kept->id());
}

TEST_F(HandoffDeskTest, IdentityIsNeverStoredInTheClear) {
  const v1::Handoff h = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
  ASSERT_TRUE(Get("advokat-lund", h.id())->has_identity());
  ASSERT_TRUE(List("advokat-lund")->handoffs(0).has_identity());

  ASSERT_TRUE(db_->readers()
                  .RunAndWait([&](store::Connection& conn) {
                    auto stored = LoadHandoff(conn, vault_->texts(), h.id());
                    if (!stored.ok()) return stored.status();
                    EXPECT_TRUE(stored->has_value());
                    EXPECT_FALSE((*stored)->has_identity());
                    return absl::OkStatus();
                  })
                  .ok());
  // Nothing under the data directory holds a name in the clear: not the
  // database, its WAL, events or idempotency records.
  desk_.reset();
  consents_.reset();
  persons_.reset();
  db_.reset();
  EXPECT_THAT(testutil::FilesContaining(dir_.path(), kFamilyName), IsEmpty());
  EXPECT_THAT(testutil::FilesContaining(dir_.path(), kPhone), IsEmpty());
}

// Each row of a lawyer's page is an audited identity read on the store's
// single writer: the page is cut to store::kMaxIdentityPageSize rows, with
// a next page, so one lawyer cannot hold the writer for a long page.
TEST_F(HandoffDeskTest, ALawyersPageIsBoundedAndPagesOn) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-lund");
  const int total = store::kMaxIdentityPageSize + 5;
  for (int i = 0; i < total; ++i) {
    ASSERT_TRUE(Create("rosa", CreateRequest(person)).ok());
  }
  auto first = List("advokat-lund", 500);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->handoffs_size(), store::kMaxIdentityPageSize);
  EXPECT_TRUE(first->handoffs(0).has_identity());
  ASSERT_FALSE(first->next_page_token().empty());
  auto second = List("advokat-lund", 500, first->next_page_token());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->handoffs_size(), 5);
  EXPECT_TRUE(second->next_page_token().empty());
  // ROSA's pages carry no identity and are not cut.
  EXPECT_EQ(List("rosa", 500)->handoffs_size(), total);
}

// The case summary is free text about the person: sealed under the
// person's data key, delivered from that sealed copy, and in no stored row,
// event body, idempotency record or file in the clear.
TEST_F(HandoffDeskTest, CaseSummaryIsSealedNotStoredInTheClear) {
  const std::string person = RegisterPerson();
  GiveConsent(person, "advokat-lund");
  const v1::CreateHandoffRequest request = CreateRequest(person);
  const std::string summary = request.case_summary();
  auto h = Create("rosa", request);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->case_summary(), summary);
  auto replayed = Create("rosa", request);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->id(), h->id());
  EXPECT_EQ(replayed->case_summary(), summary);
  ASSERT_TRUE(Record("advokat-lund", h->id(), Accepted()).ok());
  EXPECT_EQ(Get("rosa", h->id())->case_summary(), summary);
  EXPECT_EQ(Get("advokat-lund", h->id())->case_summary(), summary);

  std::vector<std::string> blobs;
  ASSERT_TRUE(
      db_->readers()
          .RunAndWait([&](store::Connection& conn) -> absl::Status {
            for (const char* partner : {"rosa", "advokat-lund"}) {
              const ReferralEventContent content(&registry_, &vault_->texts());
              auto read = Outbox::Read(conn, partner, 0, 1000, &content);
              if (!read.ok()) return read.status();
              EXPECT_EQ(read->size(), 2u) << partner;
              for (const v1::Event& e : *read) {
                EXPECT_EQ(e.handoff().handoff().case_summary(), summary);
              }
            }
            for (const char* sql :
                 {"SELECT body FROM handoffs", "SELECT body FROM events",
                  "SELECT response FROM idempotency",
                  "SELECT person_id FROM sealed_texts"}) {
              auto stmt = conn.Prepare(sql);
              if (!stmt.ok()) return stmt.status();
              while (*(*stmt)->Step()) blobs.push_back((*stmt)->ColumnBlob(0));
            }
            return absl::OkStatus();
          })
          .ok());
  EXPECT_THAT(blobs, ::testing::Contains(person));  // Under the person's key.
  for (const std::string& blob : blobs) {
    EXPECT_EQ(blob.find(summary), std::string::npos);
  }
  desk_.reset();
  consents_.reset();
  persons_.reset();
  db_.reset();
  EXPECT_THAT(testutil::FilesContaining(dir_.path(), summary), IsEmpty());
}

}  // namespace
}  // namespace rosa::testing_handoff
