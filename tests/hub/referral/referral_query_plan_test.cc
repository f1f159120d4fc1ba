// Every form of the referral list query walks an index in seq order and
// stops at its limit (no full scan, no sort of every match), so a page
// costs the same on a store of a million referrals as on an empty one; and
// the merged "sent or received" form pages exactly like a filter would.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hub/referral/referral_store.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

class ReferralQueryPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = store::Connection::Open(dir_.path() / "hub.db",
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = *std::move(conn);
    ASSERT_TRUE(store::ApplySchema(*conn_).ok());
  }

  // The plan's detail lines for `sql`.
  std::vector<std::string> Plan(const char* sql) {
    std::vector<std::string> lines;
    auto stmt = conn_->Prepare(std::string("EXPLAIN QUERY PLAN ") + sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status();
    if (!stmt.ok()) return lines;
    while ((*stmt)->Step().value_or(false)) {
      lines.push_back((*stmt)->ColumnText(3));
    }
    return lines;
  }

  void AddReferral(int seq, const std::string& sender,
                   const std::string& recipient) {
    v1::Referral r;
    r.set_id("R-2026-" + std::to_string(100000 + seq));
    r.set_sender(sender);
    r.set_recipient(recipient);
    auto stmt = conn_->Prepare(
        "INSERT INTO referrals(seq, id, sender, recipient, type, state,"
        " created_us, updated_us, body) VALUES (?1, ?2, ?3, ?4, 1, 1, 0, 0, "
        "?5)");
    ASSERT_TRUE(stmt.ok());
    (*stmt)
        ->Bind(1, int64_t{seq})
        .Bind(2, r.id())
        .Bind(3, sender)
        .Bind(4, recipient)
        .BindBlob(5, r.SerializeAsString());
    ASSERT_TRUE((*stmt)->Run().ok());
  }

  testutil::TempDir dir_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_F(ReferralQueryPlanTest, EveryFormWalksAnIndexInSeqOrder) {
  struct Form {
    bool everyone, sent, received;
  };
  for (const Form f : {Form{true, true, true}, Form{false, true, true},
                       Form{false, true, false}, Form{false, false, true}}) {
    ReferralQuery q;
    q.everyone = f.everyone;
    q.sent = f.sent;
    q.received = f.received;
    const std::vector<std::string> plan = Plan(ReferralQuerySql(q));
    ASSERT_FALSE(plan.empty());
    for (const std::string& line : plan) {
      SCOPED_TRACE(line);
      // Sorting every match would cost in proportion to the store.
      EXPECT_EQ(line.find("TEMP B-TREE FOR ORDER BY"), std::string::npos);
      if (!q.everyone) {
        // One partner's referrals come from its index, never a table scan,
        // and a page seeks to its position there (seq is the rowid every
        // index entry ends with) instead of walking the partner's earlier
        // referrals.
        EXPECT_NE(line, "SCAN referrals");
        if (line.find("INDEX referrals_by_") != std::string::npos) {
          EXPECT_NE(line.find("rowid>?"), std::string::npos);
        }
      }
    }
  }
}

TEST_F(ReferralQueryPlanTest, SentOrReceivedPagesInSeqOrder) {
  AddReferral(1, "rosa", "ks-oslo");
  AddReferral(2, "iom", "filemon");
  AddReferral(3, "ks-oslo", "iom");
  AddReferral(4, "rosa", "ks-oslo");
  AddReferral(5, "rosa", "filemon");
  AddReferral(6, "ks-oslo", "rosa");
  ReferralQuery q;
  q.partner = "ks-oslo";
  q.limit = 2;
  std::vector<int64_t> seen;
  for (;;) {
    auto rows = QueryReferralsWithoutNotes(*conn_, q);
    ASSERT_TRUE(rows.ok()) << rows.status();
    for (const ReferralRow& row : *rows) seen.push_back(row.seq);
    if (static_cast<int>(rows->size()) < q.limit) break;
    q.after_seq = rows->back().seq;
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 3, 4, 6}));

  q.after_seq = 0;
  q.limit = 10;
  q.received = false;
  auto sent = QueryReferralsWithoutNotes(*conn_, q);
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->size(), 2u);
  EXPECT_EQ((*sent)[0].seq, 3);
  EXPECT_EQ((*sent)[1].referral.recipient(), "rosa");
}

}  // namespace
}  // namespace rosa
