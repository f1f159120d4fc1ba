#include "hub/partner/partner_registry.h"

#include <string>
#include <vector>

#include "common/name_rule.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kTwoPartners[] = R"({"partners": [
  {"id": "rosa", "display_name": "ROSA", "kind": "coordinator",
   "enabled": true},
  {"id": "ks-oslo", "display_name": "Oslo krisesenter", "kind": "shelter",
   "enabled": false,
   "facilities": [{"id": "ks-oslo", "name": "Oslo", "region": "oslo",
                   "secret_address": true}]}]})";

TEST(PartnerRegistryTest, LoadsPartnersAndFacilities) {
  auto registry = PartnerRegistry::FromJson(kTwoPartners);
  ASSERT_TRUE(registry.ok()) << registry.status();
  const Partner* rosa = registry->FindEnabled("rosa");
  ASSERT_NE(rosa, nullptr);
  EXPECT_TRUE(rosa->is_coordinator());
  const Partner* ks = registry->Find("ks-oslo");
  ASSERT_NE(ks, nullptr);
  EXPECT_EQ(ks->kind, rosa::hub::v1::PARTNER_KIND_SHELTER);
  ASSERT_EQ(ks->facilities.size(), 1u);
  EXPECT_TRUE(ks->facilities[0].secret_address);
  EXPECT_THAT(registry->CoordinatorIds(), ElementsAre("rosa"));
}

TEST(PartnerRegistryTest, HoldsSecretAddressComparesLettersAndDigits) {
  auto registry = PartnerRegistry::FromJson(R"({"partners": [
    {"id": "ks-oslo", "display_name": "Oslo", "kind": "shelter",
     "enabled": true, "facilities": [
       {"id": "ks-oslo", "name": "Oslo", "region": "oslo",
        "address": "Hemmeligveien 3, 0150 Oslo", "secret_address": true},
       {"id": "ks-oslo-open", "name": "Open", "region": "oslo",
        "address": "Apen gate 9, 0150 Oslo", "secret_address": false}]}]})");
  ASSERT_TRUE(registry.ok()) << registry.status();
  for (const char* text :
       {"Hemmeligveien 3, 0150 Oslo", "hemmeligveien 3 0150 OSLO",
        "c/o Hemmeligveien 3,0150 Oslo, 2nd floor"}) {
    EXPECT_TRUE(registry->HoldsSecretAddress(text)) << text;
  }
  for (const char* text :
       {"Apen gate 9, 0150 Oslo", "Hemmeligveien 30, Oslo", "", " ,. "}) {
    EXPECT_FALSE(registry->HoldsSecretAddress(text)) << text;
  }
}

TEST(PartnerRegistryTest, DisabledPartnerIsNotEnabled) {
  auto registry = PartnerRegistry::FromJson(kTwoPartners);
  ASSERT_TRUE(registry.ok());
  EXPECT_EQ(registry->FindEnabled("ks-oslo"), nullptr);
  EXPECT_EQ(registry->FindEnabled("nobody"), nullptr);
}

TEST(PartnerRegistryTest, RejectsUnknownKindNamingTheField) {
  auto registry = PartnerRegistry::FromJson(
      R"({"partners": [{"id": "x1", "display_name": "X", "kind": "police",
          "enabled": true}]})");
  ASSERT_FALSE(registry.ok());
  EXPECT_THAT(registry.status().message(), HasSubstr("partners[0].kind"));
}

TEST(PartnerRegistryTest, RejectsDuplicateIdsAndBadIds) {
  EXPECT_FALSE(PartnerRegistry::FromJson(
                   R"({"partners": [
      {"id": "aa", "display_name": "A", "kind": "shelter", "enabled": true},
      {"id": "aa", "display_name": "B", "kind": "shelter", "enabled": true}]})")
                   .ok());
  EXPECT_FALSE(PartnerRegistry::FromJson(
                   R"({"partners": [{"id": "Bad Id", "display_name": "A",
                       "kind": "shelter", "enabled": true}]})")
                   .ok());
  EXPECT_FALSE(PartnerRegistry::FromJson("not json").ok());
  EXPECT_FALSE(PartnerRegistry::FromJson(R"({"partners": 3})").ok());
}

TEST(PartnerRegistryTest, DevelopmentRegistryHasTheSixSeedPartners) {
  auto registry = PartnerRegistry::LoadFile(ROSA_DEV_PARTNERS_FILE);
  ASSERT_TRUE(registry.ok()) << registry.status();
  for (const char* id :
       {"rosa", "ks-oslo", "filemon", "lauras-hus", "iom", "advokat-lund"}) {
    EXPECT_NE(registry->FindEnabled(id), nullptr) << id;
  }
  EXPECT_EQ(registry->All().size(), 6u);
}

// A registry whose second partner speaks through `plugin`.
absl::StatusOr<PartnerRegistry> WithPlugin(const std::string& plugin) {
  return PartnerRegistry::FromJson(
      R"({"partners": [
  {"id": "rosa", "display_name": "ROSA", "kind": "coordinator",
   "enabled": true},
  {"id": "ks-oslo", "display_name": "Oslo krisesenter", "kind": "shelter",
   "enabled": true, "plugin": ")" +
      plugin + R"("}]})");
}

// The `plugin` field follows the name rule the host loads plugins by
// (common/name_rule.h): a registry may name every plugin the host can load,
// and no other.
TEST(PartnerRegistryTest, PluginFieldFollowsTheNameRule) {
  for (const std::string& name :
       std::vector<std::string>{"ks-csv", "x7", "a-b", std::string(63, 'p')}) {
    ASSERT_TRUE(IsValidName(name)) << name;
    auto registry = WithPlugin(name);
    ASSERT_TRUE(registry.ok()) << name << ": " << registry.status();
    EXPECT_EQ(registry->Find("ks-oslo")->plugin, name);
  }
  for (const std::string& name :
       std::vector<std::string>{"", "x", "-x", "x-", "KS-CSV", "ks_csv", "../x",
                                "ks csv", std::string(64, 'p')}) {
    ASSERT_FALSE(IsValidName(name)) << name;
    auto registry = WithPlugin(name);
    ASSERT_FALSE(registry.ok()) << name;
    EXPECT_EQ(registry.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(registry.status().message(),
                HasSubstr("partners[1].plugin: must be a plugin name"));
    if (!name.empty()) {
      EXPECT_THAT(registry.status().message(), Not(HasSubstr(name)));
    }
  }
}

TEST(PartnerIdTest, Validates) {
  EXPECT_TRUE(IsValidPartnerId("ks-oslo"));
  EXPECT_TRUE(IsValidPartnerId("iom"));
  EXPECT_FALSE(IsValidPartnerId("-x"));
  EXPECT_FALSE(IsValidPartnerId("a"));
  EXPECT_FALSE(IsValidPartnerId("KS"));
  EXPECT_FALSE(IsValidPartnerId("a/b"));
}

}  // namespace
}  // namespace rosa
