// What a lawyer types into a handoff's hours ledger — why it declined,
// which offence was reported, the closing summary — is free text about the
// person, sealed like the case summary under the person's data key: in no
// file in the clear (handoff row, outbox events, idempotency records, WAL),
// put back for reads, replays and deliveries, and gone with the person.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/handoff/handoff_desk_fixture.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_handoff {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kDeclined[] = "Avslag-6d1e: motparten er min klient Ola Hansen";
constexpr char kOffence[] = "Lovbrudd-9a40: vold fra utleier i Storgata 3";
constexpr char kClosing[] = "Avslutning-2b7f: innvilget, bor nå i Tromsø";

class HandoffFreeTextTest : public HandoffDeskTest {
 protected:
  absl::StatusOr<v1::Handoff> RecordKeyed(const std::string& id,
                                          const v1::HandoffEvent& event,
                                          const std::string& key) {
    v1::RecordHandoffEventRequest r;
    r.set_idempotency_key(key);
    r.set_handoff_id(id);
    *r.mutable_event() = event;
    return Await<v1::Handoff>([&](auto done) {
      desk_->RecordEvent(P("advokat-lund"), r, absl::InfiniteFuture(), done);
    });
  }
  std::vector<std::string> StoredCopies() {
    std::vector<std::string> all;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      for (const char* sql :
                           {"SELECT body FROM handoffs",
                            "SELECT body FROM events",
                            "SELECT response FROM idempotency",
                            "SELECT body FROM journal_records"}) {
                        auto stmt = conn.Prepare(sql);
                        if (!stmt.ok()) return stmt.status();
                        for (;;) {
                          auto row = (*stmt)->Step();
                          if (!row.ok()) return row.status();
                          if (!*row) break;
                          all.push_back((*stmt)->ColumnBlob(0));
                        }
                      }
                      return absl::OkStatus();
                    })
                    .ok());
    return all;
  }
  // The first column of `sql`'s rows, with ?1 and ?2 bound to `args`.
  std::vector<std::string> Query(const std::string& sql,
                                 const std::vector<std::string>& args = {}) {
    std::vector<std::string> out;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto stmt = conn.Prepare(sql);
                      if (!stmt.ok()) return stmt.status();
                      for (size_t i = 0; i < args.size(); ++i) {
                        (*stmt)->Bind(static_cast<int>(i + 1), args[i]);
                      }
                      for (;;) {
                        auto row = (*stmt)->Step();
                        if (!row.ok()) return row.status();
                        if (!*row) return absl::OkStatus();
                        out.push_back((*stmt)->ColumnText(0));
                      }
                    })
                    .ok());
    return out;
  }
  // The files under the data directory holding any of `texts`, after the
  // hub is closed (so the WAL is as it stays).
  std::vector<std::filesystem::path> FilesWithAny(
      const std::vector<std::string>& texts) {
    for (const std::string& blob : StoredCopies()) {
      for (const std::string& text : texts) {
        EXPECT_EQ(blob.find(text), std::string::npos) << text;
      }
    }
    desk_.reset();
    consents_.reset();
    persons_.reset();
    db_.reset();
    std::vector<std::filesystem::path> found;
    for (const std::string& text : texts) {
      for (auto& f : testutil::FilesContaining(dir_.path(), text)) {
        found.push_back(f);
      }
    }
    return found;
  }
  // A handoff the lawyer accepted, reported an offence on and closed.
  v1::Handoff Closed3() {
    const v1::Handoff h = CreateWithConsent();
    EXPECT_TRUE(Record("advokat-lund", h.id(), Accepted()).ok());
    v1::HandoffEvent filed;
    filed.mutable_report_filed()->set_offence(kOffence);
    EXPECT_TRUE(Record("advokat-lund", h.id(), filed).ok());
    auto closed = RecordKeyed(h.id(), Closed(kClosing), "close-1");
    EXPECT_TRUE(closed.ok()) << closed.status();
    return closed.ok() ? *closed : h;
  }
};

TEST_F(HandoffFreeTextTest, ADeclineReasonIsDeliveredButNeverStoredInTheClear) {
  const v1::Handoff h = CreateWithConsent();
  auto declined = RecordKeyed(h.id(), Declined(kDeclined), "decline-1");
  ASSERT_TRUE(declined.ok()) << declined.status();
  ASSERT_THAT(declined->ledger(), SizeIs(1));
  EXPECT_EQ(declined->ledger(0).event().declined().reason(), kDeclined);
  auto replayed = RecordKeyed(h.id(), Declined(kDeclined), "decline-1");
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->ledger(0).event().declined().reason(), kDeclined);
  for (const char* who : {"rosa", "advokat-lund"}) {
    auto read = Get(who, h.id());
    ASSERT_TRUE(read.ok()) << who << ": " << read.status();
    EXPECT_EQ(read->ledger(0).event().declined().reason(), kDeclined) << who;
    const auto events = Delivered(who);
    ASSERT_FALSE(events.empty()) << who;
    EXPECT_EQ(
        events.back().handoff().handoff().ledger(0).event().declined().reason(),
        kDeclined)
        << who;
    // The outbox holds the event without it, but knows it was a decline.
    const v1::Event stored = Events(who).back();
    EXPECT_TRUE(stored.handoff().handoff().ledger(0).event().has_declined());
    EXPECT_EQ(stored.handoff().handoff().ledger(0).event().declined().reason(),
              "");
  }
  EXPECT_THAT(FilesWithAny({kDeclined}), IsEmpty());
}

TEST_F(HandoffFreeTextTest, OffenceAndClosingSummaryAreSealedToo) {
  const v1::Handoff h = Closed3();
  ASSERT_THAT(h.ledger(), SizeIs(3));
  EXPECT_EQ(h.ledger(1).event().report_filed().offence(), kOffence);
  EXPECT_EQ(h.ledger(2).event().closed().summary(), kClosing);
  EXPECT_THAT(Query("SELECT field FROM sealed_texts WHERE object_id = ?1"
                    " AND person_id = ?2 ORDER BY field",
                    {h.id(), h.person_id()}),
              ElementsAre("case_summary", "ledger.1", "ledger.2"));
  auto replayed = RecordKeyed(h.id(), Closed(kClosing), "close-1");
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(replayed->ledger(2).event().closed().summary(), kClosing);
  auto listed = List("rosa");
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_THAT(listed->handoffs(), SizeIs(1));
  EXPECT_EQ(listed->handoffs(0).ledger(1).event().report_filed().offence(),
            kOffence);
  const v1::Handoff delivered = Delivered("rosa").back().handoff().handoff();
  EXPECT_EQ(delivered.ledger(2).event().closed().summary(), kClosing);
  EXPECT_THAT(FilesWithAny({kOffence, kClosing}), IsEmpty());
}

TEST_F(HandoffFreeTextTest, ErasureShredsTheLedgerTexts) {
  const v1::Handoff closed = Closed3();
  const v1::Handoff declined = CreateWithConsent();
  ASSERT_TRUE(Record("advokat-lund", declined.id(), Declined(kDeclined)).ok());
  ASSERT_TRUE(Erase(closed.person_id()).ok());
  ASSERT_TRUE(Erase(declined.person_id()).ok());
  EXPECT_THAT(Query("SELECT field FROM sealed_texts"), IsEmpty());
  EXPECT_THAT(FilesWithAny({kDeclined, kOffence, kClosing}), IsEmpty());
}

}  // namespace
}  // namespace rosa::testing_handoff
