// The submit table, pinned by a grid written out by hand from the issue's
// rule ("legal counselling and assisted return: the coordinator only;
// placement: the coordinator, and a placement facility transferring a person
// it hosts; assistance: any partner to the coordinator"), not from the table
// in submit_rights.cc: every sender kind × type × recipient kind.
#include "hub/referral/submit_rights.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/referral/referral_access.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;

// Rows and columns of the grids, in this order.
constexpr std::array<PartnerKind, 7> kKinds = {
    v1::PARTNER_KIND_UNSPECIFIED,
    v1::PARTNER_KIND_COORDINATOR,
    v1::PARTNER_KIND_SHELTER,
    v1::PARTNER_KIND_SAFE_HOUSE,
    v1::PARTNER_KIND_REINFORCED_HOUSING,
    v1::PARTNER_KIND_ASSISTED_RETURN,
    v1::PARTNER_KIND_LEGAL_COUNSEL};

// One grid per type: row = sender kind, column = recipient kind, both in
// kKinds order (-, coordinator, shelter, safe house, reinforced housing,
// assisted return, legal counsel). 'Y' allowed, 'H' only for a person the
// sender hosts, '.' refused.
struct Grid {
  v1::ReferralType type;
  std::array<const char*, 7> rows;
};

const Grid kExpected[] = {
    {v1::REFERRAL_TYPE_PLACEMENT,
     {
         //  - C S F R A L
         ".......",  // unspecified
         "..YYY..",  // coordinator
         "..HHH..",  // shelter
         "..HHH..",  // safe house
         "..HHH..",  // reinforced housing
         ".......",  // assisted return
         ".......",  // legal counsel
     }},
    {v1::REFERRAL_TYPE_LEGAL_COUNSEL,
     {
         ".......",  // unspecified
         "......Y",  // coordinator
         ".......",  // shelter
         ".......",  // safe house
         ".......",  // reinforced housing
         ".......",  // assisted return
         ".......",  // legal counsel
     }},
    {v1::REFERRAL_TYPE_ASSISTED_RETURN,
     {
         ".......",  // unspecified
         ".....Y.",  // coordinator
         ".......",  // shelter
         ".......",  // safe house
         ".......",  // reinforced housing
         ".......",  // assisted return
         ".......",  // legal counsel
     }},
    {v1::REFERRAL_TYPE_ASSISTANCE,
     {
         ".......",  // unspecified
         ".Y.....",  // coordinator
         ".Y.....",  // shelter
         ".Y.....",  // safe house
         ".Y.....",  // reinforced housing
         ".Y.....",  // assisted return
         ".Y.....",  // legal counsel
     }},
    {v1::REFERRAL_TYPE_UNSPECIFIED,
     {".......", ".......", ".......", ".......", ".......", ".......",
      "......."}},
};

char Letter(SubmitRight right) {
  switch (right) {
    case SubmitRight::kAlways:
      return 'Y';
    case SubmitRight::kIfHosting:
      return 'H';
    case SubmitRight::kNone:
      return '.';
  }
  return '?';
}

Partner Of(PartnerKind kind, const std::string& id) {
  Partner p;
  p.id = id;
  p.kind = kind;
  p.enabled = true;
  return p;
}

TEST(SubmitRightsTest, EverySenderTypeAndRecipientKind) {
  int checked = 0;
  for (const Grid& grid : kExpected) {
    for (size_t s = 0; s < kKinds.size(); ++s) {
      for (size_t r = 0; r < kKinds.size(); ++r) {
        EXPECT_EQ(Letter(SubmitRightFor(kKinds[s], grid.type, kKinds[r])),
                  grid.rows[s][r])
            << v1::ReferralType_Name(grid.type) << " from "
            << v1::PartnerKind_Name(kKinds[s]) << " to "
            << v1::PartnerKind_Name(kKinds[r]);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 7 * 7);
  // Numbers proto3 keeps but the hub does not know.
  EXPECT_EQ(SubmitRightFor(v1::PARTNER_KIND_COORDINATOR,
                           static_cast<v1::ReferralType>(99),
                           v1::PARTNER_KIND_SHELTER),
            SubmitRight::kNone);
  EXPECT_EQ(
      SubmitRightFor(static_cast<PartnerKind>(99), v1::REFERRAL_TYPE_ASSISTANCE,
                     v1::PARTNER_KIND_COORDINATOR),
      SubmitRight::kNone);
}

TEST(SubmitRightsTest, RoutingIsTheRecipientSideOfTheTable) {
  // Which recipient kind takes which type, written out (README's routing).
  struct Route {
    v1::ReferralType type;
    const char* takes;  // kKinds order, 'Y' or '.'.
  } routes[] = {
      {v1::REFERRAL_TYPE_PLACEMENT, "..YYY.."},
      {v1::REFERRAL_TYPE_LEGAL_COUNSEL, "......Y"},
      {v1::REFERRAL_TYPE_ASSISTED_RETURN, ".....Y."},
      {v1::REFERRAL_TYPE_ASSISTANCE, ".Y....."},
      {v1::REFERRAL_TYPE_UNSPECIFIED, "......."},
  };
  for (const Route& route : routes) {
    for (size_t r = 0; r < kKinds.size(); ++r) {
      EXPECT_EQ(KindHandlesType(kKinds[r], route.type) ? 'Y' : '.',
                route.takes[r])
          << v1::ReferralType_Name(route.type) << " to "
          << v1::PartnerKind_Name(kKinds[r]);
    }
  }
}

TEST(SubmitRightsTest, RefusalNamesKindsAndTypeOnly) {
  const Partner oslo = Of(v1::PARTNER_KIND_SHELTER, "ks-oslo");
  const Partner iom = Of(v1::PARTNER_KIND_ASSISTED_RETURN, "iom");
  const absl::Status s =
      CheckSubmitRight(oslo, v1::REFERRAL_TYPE_ASSISTED_RETURN, iom);
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(),
            "type: ks-oslo (kind shelter) may not send assisted_return "
            "referrals to a partner of kind assisted_return; only kind "
            "coordinator may");
  EXPECT_THAT(std::string(s.message()), Not(HasSubstr("P-")));

  // Allowed outright, or allowed pending the hosting check.
  const Partner rosa = Of(v1::PARTNER_KIND_COORDINATOR, "rosa");
  const Partner filemon = Of(v1::PARTNER_KIND_SAFE_HOUSE, "filemon");
  EXPECT_TRUE(
      CheckSubmitRight(rosa, v1::REFERRAL_TYPE_ASSISTED_RETURN, iom).ok());
  EXPECT_TRUE(
      CheckSubmitRight(oslo, v1::REFERRAL_TYPE_PLACEMENT, filemon).ok());
  EXPECT_TRUE(CheckSubmitRight(iom, v1::REFERRAL_TYPE_ASSISTANCE, rosa).ok());

  const absl::Status host = NotHostingError(oslo);
  EXPECT_EQ(host.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(host.message()), HasSubstr("person_ref: ks-oslo"));
  EXPECT_THAT(std::string(host.message()), HasSubstr("hosts"));
}

}  // namespace
}  // namespace rosa
