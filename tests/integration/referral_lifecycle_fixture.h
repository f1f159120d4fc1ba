// A fixture for the ReferralService integration tests against the real hub:
// submitting, reading back and listing referrals. Header-only.
#ifndef ROSA_TESTS_INTEGRATION_REFERRAL_LIFECYCLE_FIXTURE_H_
#define ROSA_TESTS_INTEGRATION_REFERRAL_LIFECYCLE_FIXTURE_H_

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration::testing_referral {

using ::google::protobuf::util::MessageDifferencer;
using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::ListReferralsResponse;
using ::rosa::hub::v1::Referral;
using ::rosa::hub::v1::ReferralState;
using ::rosa::hub::v1::SubmitReferralRequest;
using ::rosa::hub::v1::SubmitReferralResponse;
using ::rosa::hub::v1::UpdateReferralStatusRequest;
using ::testing::AnyOf;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;

namespace v1 = ::rosa::hub::v1;

// The message names `state` ("received"), in any letter case.
MATCHER_P(NamesState, state, absl::StrCat("names the state \"", state, "\"")) {
  return absl::AsciiStrToLower(arg).find(state) != std::string::npos;
}

class ReferralLifecycleTest : public HubTest {
 protected:
  // Submits `request` as `sender` and returns the referral (fatal on error
  // through the caller's ASSERT_NO_FATAL_FAILURE).
  Referral MustSubmit(PartnerClient& sender,
                      const SubmitReferralRequest& request) {
    SubmitReferralResponse response;
    grpc::Status status = sender.Submit(request, &response);
    EXPECT_THAT(status, IsOk());
    return response.referral();
  }

  // Reads `id` as `reader` and checks state and version.
  void ExpectStored(PartnerClient& reader, const std::string& id,
                    ReferralState state, uint64_t version) {
    Referral got;
    ASSERT_THAT(reader.Get(id, &got), IsOk());
    EXPECT_EQ(got.id(), id);
    EXPECT_EQ(got.state(), state) << v1::ReferralState_Name(got.state());
    EXPECT_EQ(got.version(), version);
    EXPECT_THAT(got.history(), SizeIs(version));
  }

  std::vector<Referral> ListAs(PartnerClient& client,
                               const ListReferralsRequest& request) {
    std::vector<Referral> out;
    EXPECT_THAT(client.ListAll(request, &out), IsOk());
    return out;
  }
};

}  // namespace rosa::integration::testing_referral

#endif  // ROSA_TESTS_INTEGRATION_REFERRAL_LIFECYCLE_FIXTURE_H_
