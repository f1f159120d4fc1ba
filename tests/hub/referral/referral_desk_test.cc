// Unit tests of the referral desk: submitting, idempotent retries, who may
// read a referral, and the whole lifecycle.
#include <string>

#include "tests/hub/referral/referral_desk_fixture.h"

namespace rosa::testing_referral_desk {
namespace {

TEST_F(ReferralDeskTest, SubmitStoresReferralAndTellsEveryoneConcerned) {
  auto r = Submit("rosa", Placement("a1", "ks-oslo"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->replayed());
  const v1::Referral& ref = r->referral();
  EXPECT_EQ(ref.id(), "R-2026-000001");
  EXPECT_EQ(ref.state(), v1::REFERRAL_STATE_REQUESTED);
  EXPECT_EQ(ref.sender(), "rosa");
  EXPECT_EQ(ref.version(), 1u);
  ASSERT_EQ(ref.history_size(), 1);
  EXPECT_EQ(ref.history(0).actor(), "rosa");

  auto stored = Get("ks-oslo", ref.id());
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->SerializeAsString(), ref.SerializeAsString());

  for (const char* who : {"rosa", "ks-oslo"}) {
    auto events = Events(who);
    ASSERT_EQ(events.size(), 1u) << who;
    EXPECT_EQ(events[0].cursor(), 1u);
    EXPECT_EQ(events[0].referral().kind(), v1::ReferralEvent::KIND_SUBMITTED);
    EXPECT_EQ(events[0].referral().referral().id(), ref.id());
  }
  EXPECT_TRUE(Events("ks-telemark").empty());
  EXPECT_EQ(Submit("rosa", Placement("a2", "filemon"))->referral().id(),
            "R-2026-000002");
}

TEST_F(ReferralDeskTest, IdsTakeTheYearInOsloTime) {
  // 23:30 UTC on New Year's Eve is already 2027 in Oslo.
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 31, 23, 30, 0),
                             absl::UTCTimeZone()));
  EXPECT_EQ(Submit("rosa", Placement("y1", "ks-oslo"))->referral().id(),
            "R-2027-000001");
}

TEST_F(ReferralDeskTest, RetryWithSameKeyAndBodyReplaysAndWritesNothing) {
  auto first = Submit("rosa", Placement("same", "ks-oslo"));
  ASSERT_TRUE(first.ok());
  auto again = Submit("rosa", Placement("same", "ks-oslo"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->replayed());
  EXPECT_EQ(again->referral().id(), first->referral().id());
  EXPECT_EQ(Events("ks-oslo").size(), 1u);
  auto list = List("rosa", {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->referrals_size(), 1);
}

TEST_F(ReferralDeskTest, SameKeyWithAnotherBodyIsAlreadyExists) {
  ASSERT_TRUE(Submit("rosa", Placement("same", "ks-oslo")).ok());
  auto other = Placement("same", "ks-oslo");
  other.mutable_facts()->set_age(30);
  auto r = Submit("rosa", other);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(List("rosa", {})->referrals_size(), 1);
}

TEST_F(ReferralDeskTest, KeysArePerPartner) {
  ASSERT_TRUE(Submit("rosa", Placement("shared", "ks-oslo")).ok());
  v1::SubmitReferralRequest assistance = Placement("shared", "rosa");
  assistance.set_type(v1::REFERRAL_TYPE_ASSISTANCE);
  auto r = Submit("ks-telemark", assistance);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->replayed());
}

TEST_F(ReferralDeskTest, RecipientMustBeEnabledAndOfTheRightKind) {
  struct Case {
    std::string recipient;
    v1::ReferralType type;
    std::string expect;
  } cases[] = {
      {"nobody", v1::REFERRAL_TYPE_PLACEMENT, "not a registered"},
      // An unknown id passed only the format: never repeated, it may be a
      // name.
      {"kari-nordmann-1990", v1::REFERRAL_TYPE_PLACEMENT, "not a registered"},
      {"ks-stengt", v1::REFERRAL_TYPE_PLACEMENT, "not a registered"},
      {"rosa", v1::REFERRAL_TYPE_ASSISTANCE, "itself"},
      {"iom", v1::REFERRAL_TYPE_PLACEMENT, "does not take placement"},
      {"ks-oslo", v1::REFERRAL_TYPE_ASSISTED_RETURN, "does not take"},
  };
  int n = 0;
  for (const Case& c : cases) {
    auto request = Placement(absl::StrCat("r", n++), c.recipient);
    request.set_type(c.type);
    auto r = Submit("rosa", request);
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument)
        << c.recipient;
    EXPECT_THAT(std::string(r.status().message()), HasSubstr("recipient: "));
    EXPECT_THAT(std::string(r.status().message()), HasSubstr(c.expect));
    if (c.expect == "not a registered") {
      EXPECT_THAT(std::string(r.status().message()),
                  Not(HasSubstr(c.recipient)));
    }
  }
  EXPECT_EQ(List("rosa", {})->referrals_size(), 0);
}

TEST_F(ReferralDeskTest, MinorsAreNotReferredAndNothingIsWritten) {
  auto request = Placement("m1", "ks-oslo");
  request.mutable_facts()->set_possibly_minor(true);
  auto r = Submit("rosa", request);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("barnevernsvakt"));
  EXPECT_EQ(List("rosa", {})->referrals_size(), 0);
  EXPECT_TRUE(Events("ks-oslo").empty());
}

TEST_F(ReferralDeskTest, InvalidRequestNamesFieldAndWritesNothing) {
  auto request = Placement("v1", "ks-oslo");
  request.mutable_facts()->set_nationality("XX");
  auto r = Submit("rosa", request);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(r.status().message()),
              HasSubstr("facts.nationality"));
  EXPECT_EQ(List("rosa", {})->referrals_size(), 0);
}

TEST_F(ReferralDeskTest, ExpiredDeadlineWritesNothing) {
  auto r = Submit("rosa", Placement("d1", "ks-oslo"), absl::InfinitePast());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(List("rosa", {})->referrals_size(), 0);
}

TEST_F(ReferralDeskTest, ThirdPartnerCannotReadOrDetectAReferral) {
  const std::string id =
      Submit("rosa", Placement("a", "filemon"))->referral().id();
  auto hidden = Get("ks-telemark", id);
  auto missing = Get("ks-telemark", "R-2026-999999");
  EXPECT_EQ(hidden.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  // Same words apart from the id the caller gave.
  EXPECT_EQ(std::string(hidden.status().message()),
            absl::StrCat("referral ", id, " not found"));
  EXPECT_EQ(std::string(missing.status().message()),
            "referral R-2026-999999 not found");
  auto update = Update("ks-telemark", id, v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(update.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(List("ks-telemark", {})->referrals_size(), 0);
}

TEST_F(ReferralDeskTest, CoordinatorSeesReferralsBetweenOtherPartners) {
  ASSERT_NO_FATAL_FAILURE(Host("ks-oslo"));
  const size_t events = Events("rosa").size();
  const std::string id =
      Submit("ks-oslo", Placement("a", "filemon"))->referral().id();
  EXPECT_TRUE(Get("rosa", id).ok());
  EXPECT_EQ(List("rosa", {})->referrals_size(), 2);
  ASSERT_EQ(Events("rosa").size(), events + 1);
  EXPECT_EQ(Events("rosa").back().referral().referral().id(), id);
}

TEST_F(ReferralDeskTest, WholeLifecycleRecordsEveryStep) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_ACCEPTED).ok());
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_IN_PROGRESS).ok());
  auto done = Update("ks-oslo", id, v1::REFERRAL_STATE_COMPLETED, "", 12);
  ASSERT_TRUE(done.ok()) << done.status();
  EXPECT_EQ(done->state(), v1::REFERRAL_STATE_COMPLETED);
  EXPECT_EQ(done->version(), 5u);
  ASSERT_EQ(done->history_size(), 5);
  EXPECT_EQ(done->history(4).from(), v1::REFERRAL_STATE_IN_PROGRESS);
  EXPECT_EQ(done->history(4).nights_stayed(), 12u);
  EXPECT_EQ(done->history(4).actor(), "ks-oslo");

  auto events = Events("rosa");
  ASSERT_EQ(events.size(), 5u);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].cursor(), i + 1);
  }
  EXPECT_EQ(events[4].referral().transition().to(),
            v1::REFERRAL_STATE_COMPLETED);
}

}  // namespace
}  // namespace rosa::testing_referral_desk
