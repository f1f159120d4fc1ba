// Referral events and idempotency answers kept by reference (the referral's
// id and version): every reader still gets the referral as it was at that
// step, minimised for it, and a retry the first answer, however many steps
// came after; the stored rows stay a few dozen bytes.
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/hub/referral/referral_desk_fixture.h"

namespace rosa::testing_referral_desk {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::SizeIs;

class ReferralByReferenceTest : public ReferralDeskTest {
 protected:
  // The longest stored body of `table`'s `column`.
  int64_t LongestStored(const char* table, const char* column) {
    int64_t longest = -1;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto stmt = conn.Prepare(absl::StrCat(
                          "SELECT max(length(", column, ")) FROM ", table));
                      if (!stmt.ok()) return stmt.status();
                      auto row = (*stmt)->Step();
                      if (!row.ok()) return row.status();
                      longest = (*stmt)->ColumnInt(0);
                      return absl::OkStatus();
                    })
                    .ok());
    return longest;
  }

  // Each partner's view after each step, as GetReferral gave it then.
  void Seen(const std::string& id) {
    for (const char* partner : {"rosa", "ks-oslo"}) {
      auto view = Get(partner, id);
      ASSERT_TRUE(view.ok()) << view.status();
      seen_[partner].push_back(*view);
    }
  }

  std::map<std::string, std::vector<v1::Referral>> seen_;
};

TEST_F(ReferralByReferenceTest, EventsReadLaterShowEachStepAsItWas) {
  auto submitted = Submit("rosa", Placement("k-submit", "ks-oslo"));
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  const std::string id = submitted->referral().id();
  Seen(id);
  for (auto target : {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
                      v1::REFERRAL_STATE_IN_PROGRESS}) {
    clock_.Advance(absl::Minutes(7));
    ASSERT_TRUE(Update("ks-oslo", id, target, "step").ok());
    Seen(id);
  }
  for (const char* partner : {"rosa", "ks-oslo"}) {
    const std::vector<v1::Event> events = Delivered(partner);
    ASSERT_THAT(events, SizeIs(4)) << partner;
    for (size_t i = 0; i < events.size(); ++i) {
      const v1::ReferralEvent& e = events[i].referral();
      const v1::Referral& then = seen_[partner][i];
      EXPECT_EQ(events[i].cursor(), i + 1);
      EXPECT_EQ(e.kind(), i == 0 ? v1::ReferralEvent::KIND_SUBMITTED
                                 : v1::ReferralEvent::KIND_STATUS_CHANGED);
      EXPECT_TRUE(MessageDifferencer::Equals(e.referral(), then))
          << partner << " step " << i << ":\n"
          << e.referral().DebugString() << "\nthen:\n"
          << then.DebugString();
      EXPECT_TRUE(
          MessageDifferencer::Equals(e.transition(), *then.history().rbegin()))
          << partner << " step " << i;
      EXPECT_EQ(events[i].recorded_at().seconds(), then.updated_at().seconds());
    }
  }
  // The note reaches the readers, yet the stored rows are references only.
  EXPECT_EQ(Delivered("ks-oslo")[0].referral().referral().note(),
            "Needs a quiet room.");
  EXPECT_LT(LongestStored("events", "body"), 40);
  EXPECT_LT(LongestStored("idempotency", "response"), 40);
}

TEST_F(ReferralByReferenceTest, RetriesGetTheFirstAnswerAfterLaterSteps) {
  const v1::SubmitReferralRequest submit = Placement("k-first", "ks-oslo");
  auto first = Submit("rosa", submit);
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string id = first->referral().id();
  clock_.Advance(absl::Minutes(3));
  v1::UpdateReferralStatusRequest receive;
  receive.set_idempotency_key("k-receive");
  receive.set_referral_id(id);
  receive.set_target(v1::REFERRAL_STATE_RECEIVED);
  receive.set_reason("seen");
  auto received = UpdateWith("ks-oslo", receive);
  ASSERT_TRUE(received.ok()) << received.status();
  clock_.Advance(absl::Minutes(3));
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED).ok());

  auto again = Submit("rosa", submit);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->replayed());
  EXPECT_TRUE(MessageDifferencer::Equals(again->referral(), first->referral()))
      << again->referral().DebugString();
  auto received_again = UpdateWith("ks-oslo", receive);
  ASSERT_TRUE(received_again.ok()) << received_again.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*received_again, *received))
      << received_again->DebugString();
  EXPECT_THAT(Events("ks-oslo"), SizeIs(3));
}

}  // namespace
}  // namespace rosa::testing_referral_desk
