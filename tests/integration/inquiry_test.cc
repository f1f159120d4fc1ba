// Integration tests of hotline inquiries over mutual TLS: a crisis centre
// records a call about possible victims, ROSA reads every inquiry, another
// crisis centre sees only its own, and a lawyer may not record.
#include <memory>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/timestamp.pb.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/inquiry_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/testutil/hotline_call.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

google::protobuf::Timestamp Timestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

// A night-shift call from the police about three women, with a fresh key.
v1::RecordInquiryRequest PoliceCall() {
  return testutil::HotlineCall(absl::Now() - absl::Hours(3),
                               NewIdempotencyKey("call"));
}

class InquiryTest : public HubTest {
 protected:
  std::unique_ptr<v1::InquiryService::Stub> Stub(const char* partner) {
    return v1::InquiryService::NewStub(Client(partner).channel());
  }

  grpc::Status Record(v1::InquiryService::Stub& stub,
                      const v1::RecordInquiryRequest& r,
                      v1::HotlineInquiry* inquiry) {
    return stub.RecordInquiry(ContextWithDeadline().get(), r, inquiry);
  }

  // Every inquiry `stub`'s partner may see, following page tokens.
  std::vector<std::string> ListIds(v1::InquiryService::Stub& stub) {
    std::vector<std::string> ids;
    v1::ListInquiriesRequest r;
    r.set_page_size(1);
    do {
      v1::ListInquiriesResponse page;
      grpc::Status s =
          stub.ListInquiries(ContextWithDeadline().get(), r, &page);
      EXPECT_THAT(s, IsOk());
      if (!s.ok()) break;
      for (const auto& i : page.inquiries()) ids.push_back(i.id());
      r.set_page_token(page.next_page_token());
    } while (!r.page_token().empty());
    return ids;
  }
};

TEST_F(InquiryTest, ShelterRecordsRosaListsOthersDoNot) {
  auto oslo = Stub("ks-oslo");
  const v1::RecordInquiryRequest call = PoliceCall();
  v1::HotlineInquiry recorded;
  ASSERT_THAT(Record(*oslo, call, &recorded), IsOk());
  EXPECT_THAT(recorded.id(), MatchesRegex("I-20[0-9][0-9]-000001"));
  EXPECT_EQ(recorded.recorded_by(), "ks-oslo");
  EXPECT_TRUE(recorded.has_recorded_at());
  EXPECT_EQ(recorded.victims().persons(), 3u);

  // A retry with the same key is the same inquiry.
  v1::HotlineInquiry again;
  ASSERT_THAT(Record(*oslo, call, &again), IsOk());
  EXPECT_EQ(again.SerializeAsString(), recorded.SerializeAsString());

  // ROSA records one of its own from the daytime hotline.
  auto rosa = Stub("rosa");
  v1::RecordInquiryRequest info;
  info.set_idempotency_key(NewIdempotencyKey("call"));
  *info.mutable_inquiry()->mutable_occurred_at() =
      Timestamp(absl::Now() - absl::Minutes(10));
  info.mutable_inquiry()->set_caller(v1::CALLER_TYPE_NAV);
  info.mutable_inquiry()->set_topic(v1::INQUIRY_TOPIC_INFORMATION);
  v1::HotlineInquiry rosas;
  ASSERT_THAT(Record(*rosa, info, &rosas), IsOk());

  EXPECT_THAT(ListIds(*rosa),
              ::testing::ElementsAre(recorded.id(), rosas.id()));
  EXPECT_THAT(ListIds(*oslo), ::testing::ElementsAre(recorded.id()));
  auto telemark = Stub("ks-telemark");
  EXPECT_TRUE(ListIds(*telemark).empty());
}

TEST_F(InquiryTest, LawyerMayNotRecord) {
  auto lawyer = Stub("advokat-lund");
  v1::HotlineInquiry inquiry;
  EXPECT_THAT(Record(*lawyer, PoliceCall(), &inquiry),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  auto rosa = Stub("rosa");
  EXPECT_TRUE(ListIds(*rosa).empty());
}

TEST_F(InquiryTest, BadFieldIsNamed) {
  auto oslo = Stub("ks-oslo");
  v1::RecordInquiryRequest r = PoliceCall();
  r.mutable_inquiry()->mutable_victims()->set_persons(0);
  v1::HotlineInquiry inquiry;
  EXPECT_THAT(Record(*oslo, r, &inquiry),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                       HasSubstr("inquiry.victims.persons: ")));
  r = PoliceCall();
  r.clear_idempotency_key();
  EXPECT_THAT(Record(*oslo, r, &inquiry),
              StatusIs(grpc::StatusCode::INVALID_ARGUMENT,
                       HasSubstr("idempotency_key")));
}

}  // namespace
}  // namespace rosa::integration
