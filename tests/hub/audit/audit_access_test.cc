#include "hub/audit/audit_access.h"

#include <gtest/gtest.h>

namespace rosa::audit {
namespace {

namespace v1 = rosa::hub::v1;

Partner Of(v1::PartnerKind kind) {
  Partner p;
  p.id = "someone";
  p.kind = kind;
  p.enabled = true;
  return p;
}

TEST(AuditAccessTest, OnlyTheCoordinatorReadsTheLog) {
  EXPECT_TRUE(CheckAuditReader(Of(v1::PARTNER_KIND_COORDINATOR)).ok());
  for (v1::PartnerKind kind :
       {v1::PARTNER_KIND_UNSPECIFIED, v1::PARTNER_KIND_SHELTER,
        v1::PARTNER_KIND_LEGAL_COUNSEL, v1::PARTNER_KIND_ASSISTED_RETURN}) {
    EXPECT_TRUE(absl::IsPermissionDenied(CheckAuditReader(Of(kind))))
        << v1::PartnerKind_Name(kind);
  }
}

TEST(AuditAccessTest, AConsolePersonActsWithThePartnersRights) {
  Partner kari = Of(v1::PARTNER_KIND_SHELTER);
  kari.person = "kari";
  EXPECT_TRUE(absl::IsPermissionDenied(CheckAuditReader(kari)));
  Partner ola = Of(v1::PARTNER_KIND_COORDINATOR);
  ola.person = "ola";
  EXPECT_TRUE(CheckAuditReader(ola).ok());
}

}  // namespace
}  // namespace rosa::audit
