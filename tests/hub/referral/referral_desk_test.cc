// Unit tests of the referral desk on a real SQLite store in a temporary
// directory, with a fixed clock and an in-memory partner registry.
#include "hub/referral/referral_desk.h"

#include <future>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/common/time_util.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/outbox.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;

class FixedClock final : public Clock {
 public:
  absl::Time Now() const override { return now; }
  absl::Time now = absl::FromCivil(absl::CivilSecond(2026, 11, 29, 10, 0, 0),
                                   absl::UTCTimeZone());
};

Partner MakePartner(std::string id, PartnerKind kind, bool enabled = true) {
  Partner p;
  p.id = std::move(id);
  p.display_name = p.id;
  p.kind = kind;
  p.enabled = enabled;
  return p;
}

template <typename T>
struct Waiter {
  std::promise<absl::StatusOr<T>> promise;
  ReferralDesk::Done<T> done() {
    return [this](absl::StatusOr<T> r) { promise.set_value(std::move(r)); };
  }
  absl::StatusOr<T> get() { return promise.get_future().get(); }
};

class ReferralDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto registry = PartnerRegistry::FromPartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
        MakePartner("ks-telemark", v1::PARTNER_KIND_SHELTER),
        MakePartner("filemon", v1::PARTNER_KIND_SAFE_HOUSE),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
        MakePartner("ks-stengt", v1::PARTNER_KIND_SHELTER, false),
    });
    ASSERT_TRUE(registry.ok()) << registry.status();
    registry_ = std::move(*registry);
    store::Database::Options options;
    options.path = dir_.File("hub.db");
    auto db = store::Database::Open(options);
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    outbox_ = std::make_unique<Outbox>(&notifier_);
    keks_ = *crypto::KekStore::OpenOrCreate(
        crypto::KekStore::DefaultPath(dir_.path()));
    vault_ = std::make_unique<PersonVault>(keks_.get());
    desk_ = std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                           vault_.get(), &clock_);
  }

  void TearDown() override {
    desk_.reset();
    db_.reset();
  }

  const Partner& P(const std::string& id) { return *registry_.Find(id); }

  static v1::SubmitReferralRequest Placement(const std::string& key,
                                             const std::string& recipient) {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(key);
    r.set_recipient(recipient);
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref("P-7KQ2M9XA");
    v1::PersonFacts* f = r.mutable_facts();
    f->set_gender(v1::GENDER_WOMAN);
    f->set_age(29);
    f->set_nationality("RO");
    f->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    f->add_languages("ro");
    r.set_note("Needs a quiet room.");
    return r;
  }

  absl::StatusOr<v1::SubmitReferralResponse> Submit(
      const std::string& sender, const v1::SubmitReferralRequest& request,
      absl::Time deadline = absl::InfiniteFuture()) {
    Waiter<v1::SubmitReferralResponse> w;
    desk_->Submit(P(sender), request, deadline, w.done());
    return w.get();
  }

  absl::StatusOr<v1::Referral> Update(const std::string& actor,
                                      const std::string& id,
                                      v1::ReferralState target,
                                      const std::string& reason = "",
                                      std::optional<uint32_t> nights = {}) {
    v1::UpdateReferralStatusRequest r;
    r.set_idempotency_key(absl::StrCat("k-", ++key_counter_));
    r.set_referral_id(id);
    r.set_target(target);
    r.set_reason(reason);
    if (nights) r.set_nights_stayed(*nights);
    return UpdateWith(actor, r);
  }

  absl::StatusOr<v1::Referral> UpdateWith(
      const std::string& actor, const v1::UpdateReferralStatusRequest& r) {
    Waiter<v1::Referral> w;
    desk_->UpdateStatus(P(actor), r, absl::InfiniteFuture(), w.done());
    return w.get();
  }

  absl::StatusOr<v1::Referral> Get(const std::string& who,
                                   const std::string& id) {
    v1::GetReferralRequest r;
    r.set_referral_id(id);
    Waiter<v1::Referral> w;
    desk_->Get(P(who), r, w.done());
    return w.get();
  }

  absl::StatusOr<v1::ListReferralsResponse> List(
      const std::string& who, const v1::ListReferralsRequest& r) {
    Waiter<v1::ListReferralsResponse> w;
    desk_->List(P(who), r, w.done());
    return w.get();
  }

  // ROSA places the person of Placement() at `facility` and she arrives:
  // `facility` hosts her and may refer her on (submit_rights.h).
  void Host(const std::string& facility) {
    auto placed = Submit("rosa", Placement("host-" + facility, facility));
    ASSERT_TRUE(placed.ok()) << placed.status();
    for (auto s : {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
                   v1::REFERRAL_STATE_IN_PROGRESS}) {
      ASSERT_TRUE(Update(facility, placed->referral().id(), s).ok());
    }
  }

  std::vector<v1::Event> Events(const std::string& partner) {
    std::vector<v1::Event> events;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) {
                      auto read = Outbox::Read(conn, partner, 0, 1000);
                      if (!read.ok()) return read.status();
                      events = std::move(*read);
                      return absl::OkStatus();
                    })
                    .ok());
    return events;
  }

  testutil::TempDir dir_;  // Outlives the database.
  FixedClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<ReferralDesk> desk_;
  int key_counter_ = 0;
};

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
  clock_.now = absl::FromCivil(absl::CivilSecond(2026, 12, 31, 23, 30, 0),
                               absl::UTCTimeZone());
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

TEST_F(ReferralDeskTest, RejectAndCancelRecordTheirReason) {
  const std::string a =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  ASSERT_TRUE(Update("ks-oslo", a, v1::REFERRAL_STATE_RECEIVED).ok());
  auto rejected = Update("ks-oslo", a, v1::REFERRAL_STATE_REJECTED, "Full");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->history(2).reason(), "Full");

  const std::string b =
      Submit("rosa", Placement("b", "ks-oslo"))->referral().id();
  auto cancelled = Update("rosa", b, v1::REFERRAL_STATE_CANCELLED, "Moved");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->history(1).actor(), "rosa");
}

TEST_F(ReferralDeskTest, OnlyTheRecipientMovesForwardAndOnlyTheSenderCancels) {
  ASSERT_NO_FATAL_FAILURE(Host("ks-telemark"));
  const std::string id =
      Submit("ks-telemark", Placement("a", "filemon"))->referral().id();
  auto by_sender = Update("ks-telemark", id, v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(by_sender.status().code(), absl::StatusCode::kPermissionDenied);
  auto by_coordinator = Update("rosa", id, v1::REFERRAL_STATE_RECEIVED);
  EXPECT_EQ(by_coordinator.status().code(),
            absl::StatusCode::kPermissionDenied);
  auto cancel_by_recipient =
      Update("filemon", id, v1::REFERRAL_STATE_CANCELLED, "no");
  EXPECT_EQ(cancel_by_recipient.status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Get("rosa", id)->version(), 1u);
}

TEST_F(ReferralDeskTest, IllegalStepIsFailedPreconditionNamingTheState) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_RECEIVED).ok());
  auto r = Update("ks-oslo", id, v1::REFERRAL_STATE_IN_PROGRESS);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(r.status().message()), HasSubstr("is received"));
  ASSERT_TRUE(Update("ks-oslo", id, v1::REFERRAL_STATE_REJECTED, "x").ok());
  auto cancel = Update("rosa", id, v1::REFERRAL_STATE_CANCELLED, "late");
  EXPECT_EQ(cancel.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(cancel.status().message()), HasSubstr("rejected"));
}

TEST_F(ReferralDeskTest, SameStepSentTwiceIsAHarmlessDuplicate) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateReferralStatusRequest r;
  r.set_referral_id(id);
  r.set_target(v1::REFERRAL_STATE_RECEIVED);
  *r.mutable_occurred_at() = ToProtoTime(clock_.now);
  r.set_idempotency_key("first");
  ASSERT_TRUE(UpdateWith("ks-oslo", r).ok());
  r.set_idempotency_key("second");  // A partner system re-sending its file.
  auto again = UpdateWith("ks-oslo", r);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version(), 2u);
  EXPECT_EQ(Events("ks-oslo").size(), 2u);
}

TEST_F(ReferralDeskTest, StepCannotPrecedeThePreviousOne) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateReferralStatusRequest r;
  r.set_idempotency_key("early");
  r.set_referral_id(id);
  r.set_target(v1::REFERRAL_STATE_RECEIVED);
  *r.mutable_occurred_at() = ToProtoTime(clock_.now - absl::Hours(1));
  auto early = UpdateWith("ks-oslo", r);
  EXPECT_EQ(early.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(early.status().message()), HasSubstr("occurred_at"));
}

TEST_F(ReferralDeskTest, UpdateRetryWithSameKeyAppliesOnce) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateReferralStatusRequest r;
  r.set_idempotency_key("u1");
  r.set_referral_id(id);
  r.set_target(v1::REFERRAL_STATE_RECEIVED);
  ASSERT_TRUE(UpdateWith("ks-oslo", r).ok());
  auto again = UpdateWith("ks-oslo", r);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->version(), 2u);
  EXPECT_EQ(Events("ks-oslo").size(), 2u);
}

TEST_F(ReferralDeskTest, ListPagesAndFilters) {
  std::vector<std::string> submitted;
  for (int i = 0; i < 5; ++i) {
    auto r = Submit("rosa", Placement(absl::StrCat("p", i),
                                      i % 2 == 0 ? "ks-oslo" : "filemon"));
    ASSERT_TRUE(r.ok()) << r.status();
    submitted.push_back(r->referral().id());
  }
  // The third arrives at ks-oslo, which refers her on.
  for (auto s : {v1::REFERRAL_STATE_RECEIVED, v1::REFERRAL_STATE_ACCEPTED,
                 v1::REFERRAL_STATE_IN_PROGRESS}) {
    ASSERT_TRUE(Update("ks-oslo", submitted[2], s).ok());
  }
  ASSERT_TRUE(Submit("ks-oslo", Placement("own", "filemon")).ok());

  v1::ListReferralsRequest page;
  page.set_page_size(2);
  std::vector<std::string> ids;
  for (int pages = 0;; ++pages) {
    ASSERT_LT(pages, 10);
    auto r = List("rosa", page);
    ASSERT_TRUE(r.ok()) << r.status();
    for (const auto& ref : r->referrals()) ids.push_back(ref.id());
    if (r->next_page_token().empty()) break;
    page.set_page_token(r->next_page_token());
  }
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));

  v1::ListReferralsRequest received;
  received.set_role(v1::REFERRAL_ROLE_RECEIVED);
  EXPECT_EQ(List("ks-oslo", received)->referrals_size(), 3);
  v1::ListReferralsRequest sent;
  sent.set_role(v1::REFERRAL_ROLE_SENT);
  EXPECT_EQ(List("ks-oslo", sent)->referrals_size(), 1);
  EXPECT_EQ(List("ks-oslo", {})->referrals_size(), 4);
  EXPECT_EQ(List("rosa", sent)->referrals_size(), 5);

  const std::string first = ids.front();
  ASSERT_TRUE(Update("ks-oslo", first, v1::REFERRAL_STATE_RECEIVED).ok());
  v1::ListReferralsRequest by_state;
  by_state.set_state(v1::REFERRAL_STATE_RECEIVED);
  auto r = List("rosa", by_state);
  ASSERT_EQ(r->referrals_size(), 1);
  EXPECT_EQ(r->referrals(0).id(), first);

  clock_.now += absl::Hours(1);
  ASSERT_TRUE(Update("ks-oslo", first, v1::REFERRAL_STATE_ACCEPTED).ok());
  v1::ListReferralsRequest recent;
  *recent.mutable_updated_since() = ToProtoTime(clock_.now - absl::Minutes(1));
  EXPECT_EQ(List("rosa", recent)->referrals_size(), 1);

  v1::ListReferralsRequest bad;
  bad.set_page_token("garbage");
  EXPECT_EQ(List("rosa", bad).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ReferralDeskTest, HoldIsRefusedWithoutAPlacementDesk) {
  // This desk was made without a placement desk: no place can be held, so
  // the referral is not made (ROSA would otherwise believe a place is kept).
  v1::SubmitReferralRequest r = Placement("h1", "ks-oslo");
  r.mutable_hold()->set_facility_id("ks-oslo");
  auto held = Submit("rosa", r);
  EXPECT_EQ(held.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(held.status().message()), HasSubstr("hold"));
  // The request's own shape is checked first.
  r.mutable_hold()->clear_facility_id();
  EXPECT_THAT(std::string(Submit("rosa", r).status().message()),
              HasSubstr("hold.facility_id: required"));
  r.mutable_hold()->set_facility_id("ks-oslo");
  EXPECT_EQ(Submit("ks-telemark", r).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Events("rosa").empty());
}

TEST_F(ReferralDeskTest, ApplyUpdateStatusRunsInsideTheCallersWrite) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  // Two steps in one write, as the partner gateway applies a payload.
  v1::UpdateReferralStatusRequest received;
  received.set_idempotency_key("g-1");
  received.set_referral_id(id);
  received.set_target(v1::REFERRAL_STATE_RECEIVED);
  v1::UpdateReferralStatusRequest accepted = received;
  accepted.set_idempotency_key("g-2");
  accepted.set_target(v1::REFERRAL_STATE_ACCEPTED);
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto a = desk_->ApplyUpdateStatus(txn, P("ks-oslo"), received);
    if (!a.ok()) return a.status();
    auto b = desk_->ApplyUpdateStatus(txn, P("ks-oslo"), accepted);
    if (!b.ok()) return b.status();
    EXPECT_EQ(b->state(), v1::REFERRAL_STATE_ACCEPTED);
    return absl::OkStatus();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Get("rosa", id)->version(), 3u);
  // The recorded answers replay: the same commands again change nothing.
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateStatus(txn, P("ks-oslo"), received).status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Get("rosa", id)->version(), 3u);

  // A failing later command fails the whole write.
  v1::UpdateReferralStatusRequest progress = received;
  progress.set_idempotency_key("g-3");
  progress.set_target(v1::REFERRAL_STATE_IN_PROGRESS);
  v1::UpdateReferralStatusRequest bad = received;
  bad.set_idempotency_key("g-4");
  bad.set_target(v1::REFERRAL_STATE_REJECTED);  // No reason.
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    auto a = desk_->ApplyUpdateStatus(txn, P("ks-oslo"), progress);
    if (!a.ok()) return a.status();
    return desk_->ApplyUpdateStatus(txn, P("ks-oslo"), bad).status();
  });
  EXPECT_THAT(std::string(s.message()), HasSubstr("reason"));
  EXPECT_EQ(Get("rosa", id)->state(), v1::REFERRAL_STATE_ACCEPTED);

  // Without a key the command applies, and is recorded nowhere.
  progress.clear_idempotency_key();
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateStatus(txn, P("ks-oslo"), progress).status();
  });
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(Get("rosa", id)->state(), v1::REFERRAL_STATE_IN_PROGRESS);
  // The RPC path still requires a key.
  EXPECT_THAT(std::string(UpdateWith("ks-oslo", progress).status().message()),
              HasSubstr("idempotency_key"));
}

TEST_F(ReferralDeskTest, ApplyUpdateAssistedReturnChecksLikeTheRpc) {
  const std::string id =
      Submit("rosa", Placement("a", "ks-oslo"))->referral().id();
  v1::UpdateAssistedReturnRequest r;
  r.set_referral_id(id);
  r.mutable_assisted_return()->set_status(
      v1::ASSISTED_RETURN_STATUS_RECEIVED);
  r.mutable_assisted_return()->set_status_date("2026-11-29");
  absl::Status s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateAssistedReturn(txn, P("iom"), r).status();
  });
  // IOM cannot see ks-oslo's placement referral at all.
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  s = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyUpdateAssistedReturn(txn, P("ks-oslo"), r).status();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << s;
}

}  // namespace
}  // namespace rosa
