// Test-side helpers for talking to the hub: a partner's client (the two
// services behind one channel, with deadlines), builders for valid requests,
// and gMock matchers for grpc::Status.
//
// Example:
//   PartnerClient rosa(PartnerChannel(hub->port(), hub->pki_dir(), "rosa"));
//   hub::v1::SubmitReferralResponse response;
//   ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response), IsOk());
//
// Thread-safe: a PartnerClient may be used from several threads.
#ifndef ROSA_TESTS_INTEGRATION_HUB_CLIENT_H_
#define ROSA_TESTS_INTEGRATION_HUB_CLIENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "rosa/hub/v1/event_service.grpc.pb.h"
#include "rosa/hub/v1/consent_service.grpc.pb.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "rosa/hub/v1/referral_service.grpc.pb.h"

namespace grpc {
// Lets gMock and gTest print a grpc::Status.
void PrintTo(const Status& status, std::ostream* os);
}  // namespace grpc

namespace rosa::integration {

// The deadline of every unary call a PartnerClient makes.
inline constexpr absl::Duration kRpcDeadline = absl::Seconds(10);

// "OK", "NOT_FOUND", ...
std::string StatusCodeName(grpc::StatusCode code);
// "NOT_FOUND: referral R-2026-000001 not found".
std::string StatusText(const grpc::Status& status);

// A client context whose deadline is `timeout` from now.
std::unique_ptr<grpc::ClientContext> ContextWithDeadline(
    absl::Duration timeout = kRpcDeadline);

// A person reference unique within this process: "P-" and 12 or more
// capitals and digits.
std::string NewPersonRef();
// An idempotency key unique within this process, starting with `prefix`.
std::string NewIdempotencyKey(std::string_view prefix = "key");

// A valid SubmitReferralRequest with a fresh key and person reference.
hub::v1::SubmitReferralRequest NewReferralRequest(
    std::string_view recipient,
    hub::v1::ReferralType type = hub::v1::REFERRAL_TYPE_PLACEMENT);

// A status update with a fresh idempotency key.
hub::v1::UpdateReferralStatusRequest NewUpdateRequest(
    std::string_view referral_id, hub::v1::ReferralState target,
    std::string_view reason = "",
    std::optional<uint32_t> nights_stayed = std::nullopt);

// One partner's view of the hub.
class PartnerClient {
 public:
  explicit PartnerClient(std::shared_ptr<grpc::Channel> channel);

  grpc::Status Submit(const hub::v1::SubmitReferralRequest& request,
                      hub::v1::SubmitReferralResponse* response);
  grpc::Status Get(std::string_view referral_id, hub::v1::Referral* referral);
  grpc::Status Update(const hub::v1::UpdateReferralStatusRequest& request,
                      hub::v1::Referral* referral);
  // Shorthand for Update(NewUpdateRequest(...)).
  grpc::Status Move(std::string_view referral_id, hub::v1::ReferralState target,
                    hub::v1::Referral* referral = nullptr,
                    std::string_view reason = "",
                    std::optional<uint32_t> nights_stayed = std::nullopt);
  grpc::Status List(const hub::v1::ListReferralsRequest& request,
                    hub::v1::ListReferralsResponse* response);
  // Follows next_page_token until the last page; `pages` counts the calls.
  grpc::Status ListAll(hub::v1::ListReferralsRequest request,
                       std::vector<hub::v1::Referral>* referrals,
                       int* pages = nullptr);

  // ROSA registers a fresh person (with consent to registration) and gives
  // consent to share identity with `partner` for `purpose`; sets the
  // person's id. For legal-counsel and assisted-return referrals.
  grpc::Status RegisterPersonWithConsent(std::string_view partner,
                                         hub::v1::ConsentPurpose purpose,
                                         std::string* person_id);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  hub::v1::ReferralService::Stub& referrals() { return *referrals_; }
  hub::v1::EventService::Stub& events() { return *events_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<hub::v1::ReferralService::Stub> referrals_;
  std::unique_ptr<hub::v1::EventService::Stub> events_;
};

// ROSA places a new person of `gender` at `facility_id` and the facility
// records the arrival (received, accepted, in_progress: four events for
// ROSA and for the facility), so that the facility hosts the person and may
// refer them on. Sets `person_ref`; returns the first failed call's status.
grpc::Status PlaceAndArrive(PartnerClient& rosa, PartnerClient& facility,
                            std::string_view facility_id,
                            hub::v1::Gender gender, std::string* person_ref);

// The ids of `referrals`, in order.
std::vector<std::string> Ids(const std::vector<hub::v1::Referral>& referrals);

MATCHER(IsOk, "is OK") {
  *result_listener << "which is " << StatusText(arg);
  return arg.ok();
}

MATCHER_P(StatusIs, code,
          "has code " + ::rosa::integration::StatusCodeName(code)) {
  *result_listener << "which is " << StatusText(arg);
  return arg.error_code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has code " + ::rosa::integration::StatusCodeName(code) +
               " and a message that " +
               ::testing::DescribeMatcher<std::string>(message_matcher)) {
  *result_listener << "which is " << StatusText(arg);
  return arg.error_code() == code &&
         ::testing::ExplainMatchResult(message_matcher, arg.error_message(),
                                       result_listener);
}

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_HUB_CLIENT_H_
