#include "hub/inquiry/inquiry_validator.h"

#include <functional>
#include <string>

#include "absl/time/civil_time.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const absl::Time kNow = absl::FromCivil(
    absl::CivilSecond(2026, 11, 29, 22, 15, 0), absl::UTCTimeZone());

v1::HotlineInquiry Information() {
  v1::HotlineInquiry inquiry;
  *inquiry.mutable_occurred_at() = ToProtoTime(kNow - absl::Hours(2));
  inquiry.set_caller(v1::CALLER_TYPE_POLICE);
  inquiry.set_topic(v1::INQUIRY_TOPIC_INFORMATION);
  return inquiry;
}

v1::HotlineInquiry PossibleVictim() {
  v1::HotlineInquiry inquiry = Information();
  inquiry.set_topic(v1::INQUIRY_TOPIC_POSSIBLE_VICTIM);
  v1::PossibleVictims* victims = inquiry.mutable_victims();
  victims->set_persons(35);
  victims->set_gender(v1::GENDER_MAN);
  victims->set_nationality("RO");
  victims->set_exploitation_form(v1::EXPLOITATION_FORM_FORCED_LABOUR);
  victims->set_accompanying_minors(0);
  victims->set_outcome(v1::INQUIRY_OUTCOME_REFERRED_TO_FILEMON);
  return inquiry;
}

v1::RecordInquiryRequest Request(const v1::HotlineInquiry& inquiry) {
  v1::RecordInquiryRequest request;
  request.set_idempotency_key("tlf-1");
  *request.mutable_inquiry() = inquiry;
  return request;
}

// Expects INVALID_ARGUMENT whose message starts with "<field>: ".
void ExpectInvalid(const v1::RecordInquiryRequest& request,
                   const std::string& field) {
  absl::Status s = ValidateRecordInquiry(request, kNow);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << field;
  EXPECT_THAT(std::string(s.message()), StartsWith(field + ": ")) << s;
}

void ExpectInvalid(const std::function<void(v1::HotlineInquiry&)>& mutate,
                   const std::string& field,
                   v1::HotlineInquiry (*base)() = PossibleVictim) {
  v1::HotlineInquiry inquiry = base();
  mutate(inquiry);
  ExpectInvalid(Request(inquiry), field);
}

TEST(InquiryValidatorTest, ValidInquiriesPass) {
  EXPECT_TRUE(ValidateRecordInquiry(Request(Information()), kNow).ok());
  EXPECT_TRUE(ValidateRecordInquiry(Request(PossibleVictim()), kNow).ok());
  // Unknowns: no nationality, no count of children, no outcome yet.
  v1::HotlineInquiry unknown = PossibleVictim();
  unknown.mutable_victims()->clear_nationality();
  unknown.mutable_victims()->clear_accompanying_minors();
  unknown.mutable_victims()->clear_outcome();
  unknown.mutable_victims()->set_gender(v1::GENDER_UNKNOWN);
  unknown.mutable_victims()->set_exploitation_form(
      v1::EXPLOITATION_FORM_OTHER_OR_UNKNOWN);
  EXPECT_TRUE(ValidateRecordInquiry(Request(unknown), kNow).ok());
  // A partner payload applied by the gateway may come without a key.
  v1::RecordInquiryRequest keyless = Request(Information());
  keyless.clear_idempotency_key();
  EXPECT_TRUE(ValidateRecordInquiry(keyless, kNow).ok());
}

TEST(InquiryValidatorTest, RequestFields) {
  v1::RecordInquiryRequest request = Request(Information());
  request.set_idempotency_key("has space");
  ExpectInvalid(request, "idempotency_key");
  request.set_idempotency_key(std::string(129, 'k'));
  ExpectInvalid(request, "idempotency_key");
  request = Request(Information());
  request.clear_inquiry();
  ExpectInvalid(request, "inquiry");
}

TEST(InquiryValidatorTest, OccurredAt) {
  ExpectInvalid([](auto& i) { i.clear_occurred_at(); }, "inquiry.occurred_at");
  ExpectInvalid(
      [](auto& i) {
        *i.mutable_occurred_at() = ToProtoTime(kNow + absl::Minutes(6));
      },
      "inquiry.occurred_at");
  ExpectInvalid([](auto& i) { i.mutable_occurred_at()->set_nanos(-1); },
                "inquiry.occurred_at.nanos");
  ExpectInvalid(
      [](auto& i) { i.mutable_occurred_at()->set_seconds(-62135596801); },
      "inquiry.occurred_at.seconds");
  // Twenty calendar years back in Oslo: 2006-11-29 23:15 (UTC+1).
  const absl::Time oldest = absl::FromCivil(
      absl::CivilSecond(2006, 11, 29, 23, 15, 0), OsloTimeZone());
  ExpectInvalid(
      [&](auto& i) {
        *i.mutable_occurred_at() = ToProtoTime(oldest - absl::Seconds(1));
      },
      "inquiry.occurred_at");

  // A partner's clock a few minutes fast, and the oldest call still taken.
  for (absl::Time t : {kNow + absl::Minutes(5), oldest}) {
    v1::HotlineInquiry inquiry = Information();
    *inquiry.mutable_occurred_at() = ToProtoTime(t);
    EXPECT_TRUE(ValidateRecordInquiry(Request(inquiry), kNow).ok()) << t;
  }
}

TEST(InquiryValidatorTest, CallerAndTopic) {
  ExpectInvalid([](auto& i) { i.clear_caller(); }, "inquiry.caller");
  ExpectInvalid([](auto& i) { i.set_caller(static_cast<v1::CallerType>(99)); },
                "inquiry.caller");
  ExpectInvalid([](auto& i) { i.clear_topic(); }, "inquiry.topic", Information);
  ExpectInvalid([](auto& i) { i.set_topic(static_cast<v1::InquiryTopic>(6)); },
                "inquiry.topic", Information);
}

TEST(InquiryValidatorTest, VictimsExactlyForPossibleVictim) {
  ExpectInvalid([](auto& i) { i.clear_victims(); }, "inquiry.victims");
  for (v1::InquiryTopic topic :
       {v1::INQUIRY_TOPIC_FOLLOW_UP, v1::INQUIRY_TOPIC_INFORMATION,
        v1::INQUIRY_TOPIC_GUIDANCE, v1::INQUIRY_TOPIC_OTHER}) {
    ExpectInvalid([topic](auto& i) { i.set_topic(topic); }, "inquiry.victims");
  }
  // Even an empty victims message is "present".
  ExpectInvalid([](auto& i) { i.mutable_victims(); }, "inquiry.victims",
                Information);
}

TEST(InquiryValidatorTest, VictimFields) {
  ExpectInvalid([](auto& i) { i.mutable_victims()->set_persons(0); },
                "inquiry.victims.persons");
  ExpectInvalid([](auto& i) { i.mutable_victims()->set_persons(501); },
                "inquiry.victims.persons");
  ExpectInvalid([](auto& i) { i.mutable_victims()->clear_gender(); },
                "inquiry.victims.gender");
  ExpectInvalid(
      [](auto& i) {
        i.mutable_victims()->set_gender(static_cast<v1::Gender>(9));
      },
      "inquiry.victims.gender");
  for (const char* nationality : {"ro", "XX", "ROU", "R", "ukjent"}) {
    ExpectInvalid(
        [nationality](auto& i) {
          i.mutable_victims()->set_nationality(nationality);
        },
        "inquiry.victims.nationality");
  }
  ExpectInvalid([](auto& i) { i.mutable_victims()->clear_exploitation_form(); },
                "inquiry.victims.exploitation_form");
  ExpectInvalid(
      [](auto& i) { i.mutable_victims()->set_accompanying_minors(501); },
      "inquiry.victims.accompanying_minors");
  ExpectInvalid(
      [](auto& i) {
        i.mutable_victims()->set_outcome(static_cast<v1::InquiryOutcome>(7));
      },
      "inquiry.victims.outcome");

  v1::HotlineInquiry edge = PossibleVictim();
  edge.mutable_victims()->set_persons(500);
  edge.mutable_victims()->set_accompanying_minors(500);
  EXPECT_TRUE(ValidateRecordInquiry(Request(edge), kNow).ok());
  edge.mutable_victims()->set_persons(1);
  EXPECT_TRUE(ValidateRecordInquiry(Request(edge), kNow).ok());
}

TEST(InquiryValidatorTest, HubFieldsAreLeftToTheHub) {
  ExpectInvalid([](auto& i) { i.set_id("I-2026-000001"); }, "inquiry.id");
  ExpectInvalid([](auto& i) { i.set_recorded_by("rosa"); },
                "inquiry.recorded_by");
  ExpectInvalid([](auto& i) { *i.mutable_recorded_at() = ToProtoTime(kNow); },
                "inquiry.recorded_at");
}

TEST(InquiryValidatorTest, MessagesNeverRepeatValues) {
  v1::HotlineInquiry inquiry = PossibleVictim();
  inquiry.mutable_victims()->set_nationality("QZ");
  absl::Status s = ValidateRecordInquiry(Request(inquiry), kNow);
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("QZ")));
  inquiry = PossibleVictim();
  inquiry.mutable_victims()->set_persons(4242);
  s = ValidateRecordInquiry(Request(inquiry), kNow);
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("4242")));
  v1::RecordInquiryRequest request = Request(Information());
  request.set_idempotency_key("secret key");
  s = ValidateRecordInquiry(request, kNow);
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("secret")));
}

TEST(InquiryValidatorTest, ListRequest) {
  v1::ListInquiriesRequest request;
  EXPECT_TRUE(ValidateListInquiries(request).ok());
  request.set_page_size(500);
  EXPECT_TRUE(ValidateListInquiries(request).ok());
  auto expect = [](const v1::ListInquiriesRequest& r, const std::string& f) {
    absl::Status s = ValidateListInquiries(r);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << f;
    EXPECT_THAT(std::string(s.message()), StartsWith(f + ": "));
  };
  request.set_page_size(501);
  expect(request, "page_size");
  request.set_page_size(-1);
  expect(request, "page_size");
  request.set_page_size(0);
  request.set_page_token(std::string(257, 'v'));
  expect(request, "page_token");
  request.clear_page_token();
  request.mutable_occurred_since()->set_nanos(1000000000);
  expect(request, "occurred_since.nanos");
}

}  // namespace
}  // namespace rosa
