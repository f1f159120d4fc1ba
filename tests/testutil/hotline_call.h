// HotlineCall: a valid RecordInquiryRequest for the tests of every layer (the
// inquiry desk, the hub over mutual TLS, the API fuzzer's seeds), so that
// what a valid call holds is written once. Header-only.
//
// The call: the police, about `persons` possible victims (women from
// Nigeria, sexual exploitation, one accompanying minor) who accepted help,
// made at `occurred_at`, with the idempotency key `key`.
//
// Example:
//   v1::RecordInquiryRequest r =
//       testutil::HotlineCall(clock.Now() - absl::Hours(1), "call-1");
//
// Thread-safety: a pure function.
#ifndef ROSA_TESTS_TESTUTIL_HOTLINE_CALL_H_
#define ROSA_TESTS_TESTUTIL_HOTLINE_CALL_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "rosa/hub/v1/inquiry_service.pb.h"

namespace rosa::testutil {

inline hub::v1::RecordInquiryRequest HotlineCall(absl::Time occurred_at,
                                                 std::string key,
                                                 uint32_t persons = 3) {
  namespace v1 = ::rosa::hub::v1;
  v1::RecordInquiryRequest r;
  r.set_idempotency_key(std::move(key));
  v1::HotlineInquiry* i = r.mutable_inquiry();
  i->mutable_occurred_at()->set_seconds(absl::ToUnixSeconds(occurred_at));
  i->set_caller(v1::CALLER_TYPE_POLICE);
  i->set_topic(v1::INQUIRY_TOPIC_POSSIBLE_VICTIM);
  v1::PossibleVictims* v = i->mutable_victims();
  v->set_persons(persons);
  v->set_gender(v1::GENDER_WOMAN);
  v->set_nationality("NG");
  v->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
  v->set_accompanying_minors(1);
  v->set_outcome(v1::INQUIRY_OUTCOME_ACCEPTED_HELP);
  return r;
}

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_HOTLINE_CALL_H_
