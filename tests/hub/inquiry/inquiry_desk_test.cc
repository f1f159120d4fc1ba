// Unit tests of the inquiry desk on a real SQLite store: who may record,
// what the hub sets, idempotency, ApplyRecordInquiry inside one write
// (all-or-nothing), the audit entry, and who sees which inquiries.
#include "hub/inquiry/inquiry_desk.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testutil/hotline_call.h"
#include "tests/testutil/hub_kit.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using testutil::Await;
using testutil::MakePartner;

class InquiryDeskTest : public testutil::HubKit {
 protected:
  InquiryDeskTest() {
    key_prefix_ = "tlf-";
    clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 11, 29, 22, 15, 0),
                               absl::UTCTimeZone()));
  }

  void SetUp() override {
    UsePartners({
        MakePartner("rosa", v1::PARTNER_KIND_COORDINATOR),
        MakePartner("ks-oslo", v1::PARTNER_KIND_SHELTER),
        MakePartner("ks-glamdal", v1::PARTNER_KIND_SHELTER),
        MakePartner("ks-stengt", v1::PARTNER_KIND_SHELTER, false),
        MakePartner("filemon", v1::PARTNER_KIND_SAFE_HOUSE),
        MakePartner("iom", v1::PARTNER_KIND_ASSISTED_RETURN),
        MakePartner("advokat-lund", v1::PARTNER_KIND_LEGAL_COUNSEL),
    });
    OpenStore();
    desk_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
  }

  void TearDown() override {
    desk_.reset();
    CloseStore();
  }

  v1::RecordInquiryRequest Victim(uint32_t persons = 3) {
    return testutil::HotlineCall(clock_.Now() - absl::Hours(1), NextKey(),
                                 persons);
  }

  absl::StatusOr<v1::HotlineInquiry> Record(const std::string& caller,
                                            const v1::RecordInquiryRequest& r) {
    return Await<v1::HotlineInquiry>([&](auto done) {
      desk_->RecordInquiry(P(caller), r, absl::InfiniteFuture(), done);
    });
  }

  absl::StatusOr<v1::ListInquiriesResponse> List(
      const std::string& caller, int page_size = 0,
      const std::string& token = "") {
    v1::ListInquiriesRequest r;
    r.set_page_size(page_size);
    r.set_page_token(token);
    return Await<v1::ListInquiriesResponse>(
        [&](auto done) { desk_->List(P(caller), r, done); });
  }

  std::vector<std::string> ListIds(const std::string& caller) {
    auto page = List(caller);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> ids;
    if (page.ok()) {
      for (const auto& i : page->inquiries()) ids.push_back(i.id());
    }
    return ids;
  }

  std::unique_ptr<InquiryDesk> desk_;
};

TEST_F(InquiryDeskTest, ShelterRecordsAndTheHubSetsItsFields) {
  const v1::RecordInquiryRequest request = Victim();
  auto inquiry = Record("ks-oslo", request);
  ASSERT_TRUE(inquiry.ok()) << inquiry.status();
  EXPECT_EQ(inquiry->id(), "I-2026-000001");
  EXPECT_EQ(inquiry->recorded_by(), "ks-oslo");
  EXPECT_EQ(FromProtoTime(inquiry->recorded_at()), clock_.Now());
  // What the partner said is kept as it said it.
  v1::HotlineInquiry said = *inquiry;
  said.clear_id();
  said.clear_recorded_by();
  said.clear_recorded_at();
  EXPECT_EQ(said.SerializeAsString(), request.inquiry().SerializeAsString());

  auto second = Record("rosa", Victim());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->id(), "I-2026-000002");
  EXPECT_EQ(second->recorded_by(), "rosa");
}

TEST_F(InquiryDeskTest, IdYearIsOslosYear) {
  // 23:30 UTC on New Year's Eve is already 2027 in Oslo.
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 31, 23, 30, 0),
                             absl::UTCTimeZone()));
  auto inquiry = Record("ks-oslo", Victim());
  ASSERT_TRUE(inquiry.ok()) << inquiry.status();
  EXPECT_EQ(inquiry->id(), "I-2027-000001");
}

TEST_F(InquiryDeskTest, OnlyShelterAndCoordinatorRecord) {
  for (const char* caller : {"advokat-lund", "filemon", "iom", "ks-stengt"}) {
    auto inquiry = Record(caller, Victim());
    EXPECT_EQ(inquiry.status().code(), absl::StatusCode::kPermissionDenied)
        << caller;
  }
  EXPECT_TRUE(ListIds("rosa").empty());
  EXPECT_TRUE(AuditEntries().empty());
}

TEST_F(InquiryDeskTest, InvalidRequestNamesTheFieldAndWritesNothing) {
  v1::RecordInquiryRequest request = Victim(0);
  auto inquiry = Record("ks-oslo", request);
  EXPECT_EQ(inquiry.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(inquiry.status().message()),
              StartsWith("inquiry.victims.persons: "));

  request = Victim();
  request.clear_idempotency_key();
  inquiry = Record("ks-oslo", request);
  EXPECT_EQ(inquiry.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(inquiry.status().message()),
              StartsWith("idempotency_key: "));
  EXPECT_TRUE(ListIds("rosa").empty());
}

TEST_F(InquiryDeskTest, RetryWithTheSameKeyRecordsOnce) {
  const v1::RecordInquiryRequest request = Victim();
  auto first = Record("ks-oslo", request);
  ASSERT_TRUE(first.ok()) << first.status();
  clock_.Advance(absl::Minutes(1));
  auto again = Record("ks-oslo", request);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->SerializeAsString(), first->SerializeAsString());
  EXPECT_THAT(ListIds("rosa"), ElementsAre("I-2026-000001"));

  // The same key for another call is refused.
  v1::RecordInquiryRequest other = Victim(4);
  other.set_idempotency_key(request.idempotency_key());
  EXPECT_EQ(Record("ks-oslo", other).status().code(),
            absl::StatusCode::kAlreadyExists);
  // Keys are per partner: another shelter may use the same one.
  auto glamdal = Record("ks-glamdal", request);
  ASSERT_TRUE(glamdal.ok()) << glamdal.status();
  EXPECT_EQ(glamdal->id(), "I-2026-000002");
}

// Only ROSA links a call to a person. Anyone else, or an id nobody
// registered, gets the same NOT_FOUND, which never repeats the id: it passed
// only the id format, and may be a name.
TEST_F(InquiryDeskTest, OnlyRosaLinksACallToARegisteredPerson) {
  OpenPersonDesks();
  auto person = Register(PersonRequest("Kari", "Nordmann", 1990));
  ASSERT_TRUE(person.ok()) << person.status();
  v1::RecordInquiryRequest linked = Victim();
  linked.mutable_inquiry()->set_person_id(person->id());
  auto inquiry = Record("rosa", linked);
  ASSERT_TRUE(inquiry.ok()) << inquiry.status();
  EXPECT_EQ(inquiry->person_id(), person->id());

  std::vector<std::string> answers;
  for (const auto& [caller, person_id] :
       std::vector<std::pair<std::string, std::string>>{
           {"ks-oslo", person->id()}, {"rosa", "P-KARINORDMANN"}}) {
    v1::RecordInquiryRequest request = Victim();
    request.mutable_inquiry()->set_person_id(person_id);
    auto refused = Record(caller, request);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kNotFound);
    EXPECT_THAT(std::string(refused.status().message()),
                Not(HasSubstr(person_id)));
    answers.push_back(std::string(refused.status().message()));
  }
  EXPECT_EQ(answers[0], answers[1]);
  EXPECT_THAT(ListIds("rosa"), ElementsAre(inquiry->id()));
}

// Erasing the person unlinks the call, and the copy kept for retries too:
// a retry gets the call without the person, and is not counted twice.
TEST_F(InquiryDeskTest, ErasureUnlinksTheCallAndItsRecordForRetries) {
  OpenPersonDesks();
  auto person = Register(PersonRequest("Kari", "Nordmann", 1990));
  ASSERT_TRUE(person.ok()) << person.status();
  v1::RecordInquiryRequest linked = Victim();
  linked.mutable_inquiry()->set_person_id(person->id());
  auto first = Record("rosa", linked);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(Erase(person->id()).ok());
  auto retried = Record("rosa", linked);
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(retried->id(), first->id());
  EXPECT_TRUE(retried->person_id().empty());
  EXPECT_THAT(ListIds("rosa"), ElementsAre(first->id()));
  const std::vector<std::string> kept =
      Query("SELECT response FROM idempotency WHERE method = 'RecordInquiry'");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].find(person->id()), std::string::npos);
}

TEST_F(InquiryDeskTest, RecordIsAudited) {
  auto inquiry = Record("ks-oslo", Victim());
  ASSERT_TRUE(inquiry.ok());
  const std::vector<v1::AuditEntry> entries = AuditEntries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor(), "ks-oslo");
  EXPECT_EQ(entries[0].action(), "inquiry.record");
  EXPECT_EQ(entries[0].object_id(), inquiry->id());
  EXPECT_TRUE(entries[0].person_id().empty());
}

TEST_F(InquiryDeskTest, ApplyInsideOneWriteIsAllOrNothing) {
  // As the gateway applies a telefonlogg file: every row in one write, no
  // keys. A bad third row undoes the first two.
  std::vector<v1::RecordInquiryRequest> rows = {Victim(1), Victim(2),
                                                Victim(501)};
  for (auto& row : rows) row.clear_idempotency_key();
  absl::Status applied = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    for (const auto& row : rows) {
      auto inquiry = desk_->ApplyRecordInquiry(txn, P("ks-oslo"), row);
      if (!inquiry.ok()) return inquiry.status();
    }
    return absl::OkStatus();
  });
  EXPECT_EQ(applied.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(applied.message()),
              StartsWith("inquiry.victims.persons: "));
  EXPECT_TRUE(ListIds("rosa").empty());
  EXPECT_TRUE(AuditEntries().empty());

  // Without the bad row both are recorded, and ids start over at 1.
  rows.pop_back();
  std::vector<std::string> ids;
  applied = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    for (const auto& row : rows) {
      auto inquiry = desk_->ApplyRecordInquiry(txn, P("ks-oslo"), row);
      if (!inquiry.ok()) return inquiry.status();
      ids.push_back(inquiry->id());
    }
    return absl::OkStatus();
  });
  ASSERT_TRUE(applied.ok()) << applied;
  EXPECT_THAT(ids, ElementsAre("I-2026-000001", "I-2026-000002"));
  EXPECT_THAT(ListIds("rosa"), ElementsAre("I-2026-000001", "I-2026-000002"));
}

TEST_F(InquiryDeskTest, ApplyWithoutKeyRecordsEveryTimeWithKeyOnce) {
  v1::RecordInquiryRequest keyless = Victim();
  keyless.clear_idempotency_key();
  const v1::RecordInquiryRequest keyed = Victim();
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(
        db_->writer()
            .SubmitAndWait([&](store::WriteTxn& txn) {
              auto a = desk_->ApplyRecordInquiry(txn, P("rosa"), keyless);
              if (!a.ok()) return a.status();
              return desk_->ApplyRecordInquiry(txn, P("rosa"), keyed).status();
            })
            .ok());
  }
  // Two keyless calls, one keyed (the second time it was replayed).
  EXPECT_EQ(ListIds("rosa").size(), 3u);
}

TEST_F(InquiryDeskTest, ApplyRefusesWhomTheRpcRefuses) {
  absl::Status applied = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyRecordInquiry(txn, P("advokat-lund"), Victim()).status();
  });
  EXPECT_EQ(applied.code(), absl::StatusCode::kPermissionDenied);
  // A partner the registry does not hold (or holds disabled).
  Partner stranger = MakePartner("ks-ukjent", v1::PARTNER_KIND_SHELTER);
  applied = db_->writer().SubmitAndWait([&](store::WriteTxn& txn) {
    return desk_->ApplyRecordInquiry(txn, stranger, Victim()).status();
  });
  EXPECT_EQ(applied.code(), absl::StatusCode::kPermissionDenied);
}

TEST_F(InquiryDeskTest, CoordinatorSeesAllOthersTheirOwn) {
  ASSERT_TRUE(Record("ks-oslo", Victim()).ok());     // 1
  ASSERT_TRUE(Record("ks-glamdal", Victim()).ok());  // 2
  ASSERT_TRUE(Record("rosa", Victim()).ok());        // 3
  ASSERT_TRUE(Record("ks-oslo", Victim()).ok());     // 4
  EXPECT_THAT(ListIds("rosa"), ElementsAre("I-2026-000001", "I-2026-000002",
                                           "I-2026-000003", "I-2026-000004"));
  EXPECT_THAT(ListIds("ks-oslo"),
              ElementsAre("I-2026-000001", "I-2026-000004"));
  EXPECT_THAT(ListIds("ks-glamdal"), ElementsAre("I-2026-000002"));
  EXPECT_TRUE(ListIds("advokat-lund").empty());
}

TEST_F(InquiryDeskTest, PagesOldestFirst) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Record("ks-oslo", Victim()).ok());
  std::vector<std::string> ids;
  std::string token;
  int pages = 0;
  do {
    auto page = List("rosa", 2, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& i : page->inquiries()) ids.push_back(i.id());
    token = page->next_page_token();
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(ids,
              ElementsAre("I-2026-000001", "I-2026-000002", "I-2026-000003",
                          "I-2026-000004", "I-2026-000005"));

  // A full last page has no next token.
  auto all = List("rosa", 5);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->inquiries_size(), 5);
  EXPECT_TRUE(all->next_page_token().empty());

  EXPECT_EQ(List("rosa", 2, "I-2026-000001").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(List("rosa", 501).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(InquiryDeskTest, OccurredSinceFilters) {
  v1::RecordInquiryRequest old_call = Victim();
  *old_call.mutable_inquiry()->mutable_occurred_at() =
      ToProtoTime(clock_.Now() - absl::Hours(24 * 40));
  ASSERT_TRUE(Record("ks-oslo", old_call).ok());
  ASSERT_TRUE(Record("ks-oslo", Victim()).ok());
  v1::ListInquiriesRequest r;
  *r.mutable_occurred_since() =
      ToProtoTime(clock_.Now() - absl::Hours(24 * 30));
  auto page = Await<v1::ListInquiriesResponse>(
      [&](auto done) { desk_->List(P("rosa"), r, done); });
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->inquiries_size(), 1);
  EXPECT_EQ(page->inquiries(0).id(), "I-2026-000002");
}

}  // namespace
}  // namespace rosa
