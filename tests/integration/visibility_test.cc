// Integration tests of who may see a referral: its sender, its recipient and
// the coordinator. To anyone else it must be indistinguishable from a
// referral that does not exist.
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"

namespace rosa::integration {
namespace {

using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::Referral;
using ::rosa::hub::v1::SubmitReferralRequest;
using ::rosa::hub::v1::SubmitReferralResponse;
using ::testing::Contains;
using ::testing::Not;

namespace v1 = ::rosa::hub::v1;

// An id the hub never issued, shaped like `id` ("R-2026-000001" ->
// "R-2026-999999").
std::string NonexistentIdLike(const std::string& id) {
  return id.substr(0, id.size() >= 6 ? id.size() - 6 : 0) + "999999";
}

// The status message with the requested id replaced by "<id>", so that two
// NOT_FOUND answers can be compared whatever id they echo.
std::string WithoutId(const grpc::Status& status, const std::string& id) {
  return absl::StrReplaceAll(status.error_message(), {{id, "<id>"}});
}

class VisibilityTest : public HubTest {
 protected:
  std::string Submit(PartnerClient& sender, const std::string& recipient) {
    SubmitReferralResponse response;
    EXPECT_THAT(sender.Submit(NewReferralRequest(recipient), &response),
                IsOk());
    return response.referral().id();
  }
};

TEST_F(VisibilityTest, OutsiderCannotTellAReferralFromANonexistentOne) {
  PartnerClient rosa = Client("rosa");
  PartnerClient filemon = Client("filemon");
  PartnerClient telemark = Client("ks-telemark");
  const std::string id = Submit(rosa, "filemon");
  ASSERT_FALSE(id.empty());
  const std::string missing = NonexistentIdLike(id);
  ASSERT_NE(missing, id);

  // Sender and recipient see it.
  Referral referral;
  EXPECT_THAT(rosa.Get(id, &referral), IsOk());
  EXPECT_THAT(filemon.Get(id, &referral), IsOk());

  // GetReferral.
  const grpc::Status hidden = telemark.Get(id, &referral);
  const grpc::Status absent = telemark.Get(missing, &referral);
  EXPECT_THAT(hidden, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(absent, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(WithoutId(hidden, id), WithoutId(absent, missing));
  // The same answer that the sender gets for the nonexistent id.
  EXPECT_EQ(WithoutId(rosa.Get(missing, &referral), missing),
            WithoutId(absent, missing));

  // UpdateReferralStatus, forward step and cancellation.
  const grpc::Status hidden_update =
      telemark.Move(id, v1::REFERRAL_STATE_RECEIVED);
  const grpc::Status absent_update =
      telemark.Move(missing, v1::REFERRAL_STATE_RECEIVED);
  EXPECT_THAT(hidden_update, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_THAT(absent_update, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(WithoutId(hidden_update, id), WithoutId(absent_update, missing));
  EXPECT_THAT(
      telemark.Move(id, v1::REFERRAL_STATE_CANCELLED, nullptr, "Not ours"),
      StatusIs(grpc::StatusCode::NOT_FOUND));

  // ListReferrals.
  std::vector<Referral> listed;
  ASSERT_THAT(telemark.ListAll(ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), Not(Contains(id)));
  EXPECT_TRUE(listed.empty());

  // The outsider's attempts changed nothing.
  ASSERT_THAT(rosa.Get(id, &referral), IsOk());
  EXPECT_EQ(referral.state(), v1::REFERRAL_STATE_REQUESTED);
  EXPECT_EQ(referral.version(), 1u);
}

TEST_F(VisibilityTest, OtherShelterIsAnOutsiderToo) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  const std::string id = Submit(rosa, "filemon");
  ASSERT_FALSE(id.empty());
  Referral referral;
  const grpc::Status hidden = oslo.Get(id, &referral);
  const std::string missing = NonexistentIdLike(id);
  const grpc::Status absent = oslo.Get(missing, &referral);
  EXPECT_THAT(hidden, StatusIs(grpc::StatusCode::NOT_FOUND));
  EXPECT_EQ(WithoutId(hidden, id), WithoutId(absent, missing));
  std::vector<Referral> listed;
  ASSERT_THAT(oslo.ListAll(ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), Not(Contains(id)));
}

TEST_F(VisibilityTest, CoordinatorSeesReferralsBetweenOtherPartners) {
  PartnerClient rosa = Client("rosa");
  PartnerClient oslo = Client("ks-oslo");
  PartnerClient filemon = Client("filemon");
  // ks-oslo refers on a man it hosts (only ROSA starts a placement).
  std::string hosted;
  ASSERT_THAT(PlaceAndArrive(rosa, oslo, "ks-oslo", v1::GENDER_MAN, &hosted),
              IsOk());
  SubmitReferralRequest transfer = NewReferralRequest("filemon");
  transfer.set_person_ref(hosted);
  SubmitReferralResponse response;
  ASSERT_THAT(oslo.Submit(transfer, &response), IsOk());
  const std::string id = response.referral().id();
  ASSERT_FALSE(id.empty());

  Referral referral;
  ASSERT_THAT(rosa.Get(id, &referral), IsOk());
  EXPECT_EQ(referral.sender(), "ks-oslo");
  EXPECT_EQ(referral.recipient(), "filemon");
  std::vector<Referral> listed;
  ASSERT_THAT(rosa.ListAll(ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), Contains(id));

  // And follows it as it moves.
  ASSERT_THAT(filemon.Move(id, v1::REFERRAL_STATE_RECEIVED), IsOk());
  ASSERT_THAT(rosa.Get(id, &referral), IsOk());
  EXPECT_EQ(referral.state(), v1::REFERRAL_STATE_RECEIVED);

  // Both parties list it.
  ASSERT_THAT(oslo.ListAll(ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), Contains(id));
  ASSERT_THAT(filemon.ListAll(ListReferralsRequest(), &listed), IsOk());
  EXPECT_THAT(Ids(listed), Contains(id));
}

}  // namespace
}  // namespace rosa::integration
