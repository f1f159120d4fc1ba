// A hub upgraded from a database of the schema before referral events and
// idempotency answers were kept by reference, whose rows hold the whole
// view: after the migration the old events are delivered and the old
// answers replayed as before, and new ones are kept by reference and
// continue each stream's cursors.
//
// The old rows are written here as older hubs made them: the event body is
// the reader's view (minimised for it) with cursor, time and transition,
// without its free text. ks-oslo's event names its sealed fields in
// text_of ("<id>|note", as the hub just before by-reference storage wrote
// it), rosa's names the referral alone ("<id>", as hubs before every free
// text field was sealed wrote it). The answer is the sender's view without
// its note. Then the schema goes back to what that hub had (schema 8: the
// index before migration 9, and none of the later ones).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "hub/outbox/free_text.h"
#include "hub/store/schema.h"
#include "rosa/hub/v1/event.pb.h"
#include "tests/hub/referral/referral_desk_fixture.h"
#include "tests/testutil/older_schema.h"

namespace rosa::testing_referral_desk {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;

class ReferralUpgradeTest : public ReferralDeskTest {
 protected:
  absl::Status Exec(const std::string& sql, const std::string& a = "",
                    const std::string& b = "", int64_t c = 0) {
    return db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
      auto stmt = txn.conn().Prepare(sql);
      if (!stmt.ok()) return stmt.status();
      if (sql.find("?1") != std::string::npos) (*stmt)->BindBlob(1, a);
      if (sql.find("?2") != std::string::npos) (*stmt)->Bind(2, b);
      if (sql.find("?3") != std::string::npos) (*stmt)->Bind(3, c);
      return (*stmt)->Run();
    });
  }

  int64_t Query(const std::string& sql) {
    int64_t value = -1;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto stmt = conn.Prepare(sql);
                      if (!stmt.ok()) return stmt.status();
                      auto row = (*stmt)->Step();
                      if (!row.ok()) return row.status();
                      value = (*stmt)->ColumnInt(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return value;
  }

  // Closes and opens the same store again, as a restarted hub does: the
  // migrations run on open.
  void Reopen() {
    desk_.reset();
    CloseStore();
    OpenStore();
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }
};

TEST_F(ReferralUpgradeTest, OldEventsAndAnswersStillServeAfterTheMigration) {
  const v1::SubmitReferralRequest request = Placement("k-old", "ks-oslo");
  auto first = Submit("rosa", request);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string id = first->referral().id();
  std::vector<v1::Referral> then;
  for (const char* partner : {"ks-oslo", "rosa"}) {
    auto view = Get(partner, id);
    ASSERT_TRUE(view.ok()) << view.status();
    then.push_back(*view);
    v1::Event old;
    old.set_cursor(1);
    *old.mutable_recorded_at() = ToProtoTime(clock_.Now());
    old.mutable_referral()->set_kind(v1::ReferralEvent::KIND_SUBMITTED);
    *old.mutable_referral()->mutable_referral() = *view;
    *old.mutable_referral()->mutable_transition() = *view->history().rbegin();
    std::string text_of;
    if (std::string(partner) == "ks-oslo") {
      text_of = TakeEventFreeText(old);
      ASSERT_EQ(text_of, absl::StrCat(id, "|", kReferralNoteField));
    } else {
      old.mutable_referral()->mutable_referral()->clear_note();
      text_of = id;
    }
    ASSERT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) {
                      auto stmt = txn.conn().Prepare(
                          "UPDATE events SET body = ?1, text_of = ?2"
                          " WHERE partner = ?3 AND cursor = 1");
                      if (!stmt.ok()) return stmt.status();
                      (*stmt)
                          ->BindBlob(1, old.SerializeAsString())
                          .Bind(2, text_of)
                          .Bind(3, std::string(partner));
                      return (*stmt)->Run();
                    })
                    .ok());
  }
  v1::SubmitReferralResponse old_answer;
  *old_answer.mutable_referral() = then[1];
  old_answer.mutable_referral()->clear_note();
  ASSERT_TRUE(Exec("UPDATE idempotency SET response = ?1 WHERE key = ?2",
                   old_answer.SerializeAsString(), "k-old")
                  .ok());
  // The schema as it was before by-reference storage (migration 9).
  ASSERT_TRUE(db_->writer()
                  .SubmitAndWait([](store::WriteTxn& txn) {
                    return testutil::BackToSchema9(txn.conn());
                  })
                  .ok());
  for (const char* sql :
       {"DROP INDEX sealed_texts_by_person",
        "CREATE INDEX sealed_texts_by_person ON sealed_texts(person_id)",
        "PRAGMA user_version = 8"}) {
    ASSERT_TRUE(Exec(sql).ok()) << sql;
  }

  Reopen();
  EXPECT_EQ(Query("PRAGMA user_version"), store::CurrentSchemaVersion());
  EXPECT_EQ(Query("SELECT count(*) FROM sqlite_schema"
                  " WHERE name = 'sealed_texts_by_person'"
                  " AND sql LIKE '%IS NOT NULL%'"),
            1);
  // Migration 11: the partner and person indexes without a second seq.
  EXPECT_EQ(Query("SELECT count(*) FROM sqlite_schema WHERE name IN"
                  " ('referrals_by_sender', 'referrals_by_recipient',"
                  " 'audit_by_person') AND sql NOT LIKE '%seq%'"
                  " AND sql NOT LIKE '%idx%'"),
            3);
  // The old events, whole, with their notes put back.
  const std::vector<v1::Event> oslo = Delivered("ks-oslo");
  ASSERT_EQ(oslo.size(), 1u);
  EXPECT_TRUE(
      MessageDifferencer::Equals(oslo[0].referral().referral(), then[0]))
      << oslo[0].DebugString();
  EXPECT_EQ(oslo[0].referral().referral().note(), "Needs a quiet room.");
  // The old answer replays.
  auto again = Submit("rosa", request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->replayed());
  EXPECT_TRUE(MessageDifferencer::Equals(again->referral(), first->referral()))
      << again->referral().DebugString();
  // New steps are kept by reference and continue the streams.
  clock_.Advance(absl::Minutes(5));
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  auto received = Get("rosa", id);
  ASSERT_TRUE(received.ok());
  const std::vector<v1::Event> rosa = Delivered("rosa");
  std::vector<uint64_t> cursors;
  for (const v1::Event& e : rosa) cursors.push_back(e.cursor());
  EXPECT_THAT(cursors, ElementsAre(1, 2));
  ASSERT_EQ(rosa.size(), 2u);
  EXPECT_TRUE(
      MessageDifferencer::Equals(rosa[0].referral().referral(), then[1]))
      << rosa[0].DebugString();
  EXPECT_TRUE(
      MessageDifferencer::Equals(rosa[1].referral().referral(), *received));
}

}  // namespace
}  // namespace rosa::testing_referral_desk
