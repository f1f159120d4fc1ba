// Reloading the partner registry in a running hub: the changes a running
// hub can take apply to every later lookup, the others are refused with the
// partner and field named, and partners looked up before stay valid.
#include <atomic>
#include <string>
#include <thread>

#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/partner/partner_registry.h"

namespace rosa {
namespace {

using ::testing::HasSubstr;

constexpr char kRegistry[] = R"({"partners": [
  {"id": "rosa", "display_name": "ROSA", "kind": "coordinator",
   "enabled": true},
  {"id": "ks-oslo", "display_name": "Oslo krisesenter", "kind": "shelter",
   "enabled": true,
   "facilities": [{"id": "ks-oslo", "name": "Oslo", "region": "oslo"}]},
  {"id": "filemon", "display_name": "Filemon", "kind": "safe_house",
   "enabled": false, "plugin": "filemon"}]})";

PartnerRegistry Parse(const std::string& json) {
  auto registry = PartnerRegistry::FromJson(json);
  EXPECT_TRUE(registry.ok()) << registry.status();
  return registry.ok() ? *std::move(registry) : PartnerRegistry();
}

std::string Edit(const std::string& from, const std::string& to) {
  return absl::StrReplaceAll(kRegistry, {{from, to}});
}

TEST(PartnerRegistryReloadTest, DisablingAndRenamingApplyAtOnce) {
  PartnerRegistry registry = Parse(kRegistry);
  const Partner* before = registry.FindEnabled("ks-oslo");
  ASSERT_NE(before, nullptr);

  const std::string next =
      absl::StrReplaceAll(kRegistry, {{R"("Oslo krisesenter", "kind": "shelter",
   "enabled": true)",
                                       R"("Oslo KS", "kind": "shelter",
   "enabled": false)"}});
  ASSERT_NE(next, kRegistry);
  ASSERT_TRUE(registry.Reload(Parse(next)).ok());

  EXPECT_EQ(registry.FindEnabled("ks-oslo"), nullptr);
  ASSERT_NE(registry.Find("ks-oslo"), nullptr);
  EXPECT_EQ(registry.Find("ks-oslo")->display_name, "Oslo KS");
  // A pointer handed out before still reads as it was.
  EXPECT_EQ(before->display_name, "Oslo krisesenter");
  EXPECT_TRUE(before->enabled);
}

TEST(PartnerRegistryReloadTest, AddingAPlainPartnerApplies) {
  PartnerRegistry registry = Parse(kRegistry);
  const std::string next = Edit(R"("enabled": false, "plugin": "filemon"}]})",
                                R"("enabled": false, "plugin": "filemon"},
  {"id": "advokat-ny", "display_name": "Ny", "kind": "legal_counsel",
   "enabled": true}]})");
  ASSERT_TRUE(registry.Reload(Parse(next)).ok());
  EXPECT_NE(registry.FindEnabled("advokat-ny"), nullptr);
  EXPECT_EQ(registry.All().size(), 4u);
}

TEST(PartnerRegistryReloadTest, ChangesThatNeedARestartAreRefused) {
  struct Case {
    std::string json;
    std::string named;
  };
  const Case cases[] = {
      {Edit(R"(, "region": "oslo")", R"(, "region": "viken")"),
       "ks-oslo: changing facilities"},
      {Edit(R"("kind": "shelter")", R"("kind": "safe_house")"),
       "ks-oslo: changing kind"},
      {Edit(R"("enabled": false, "plugin": "filemon")",
            R"("enabled": true, "plugin": "filemon")"),
       "filemon: enabling a partner with a plugin"},
      {Edit(R"(,
  {"id": "filemon", "display_name": "Filemon", "kind": "safe_house",
   "enabled": false, "plugin": "filemon"})",
            ""),
       "filemon: removing a partner"},
      {Edit(R"("enabled": false, "plugin": "filemon"}]})",
            R"("enabled": false, "plugin": "filemon"},
  {"id": "ks-ny", "display_name": "Ny", "kind": "shelter", "enabled": true,
   "facilities": [{"id": "ks-ny", "name": "Ny"}]}]})"),
       "ks-ny: adding a partner with facilities"},
  };
  for (const Case& c : cases) {
    PartnerRegistry registry = Parse(kRegistry);
    ASSERT_NE(c.json, kRegistry) << c.named;
    const absl::Status s = registry.Reload(Parse(c.json));
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << c.named;
    EXPECT_THAT(s.message(), HasSubstr(c.named));
    // Nothing changed.
    EXPECT_NE(registry.FindEnabled("ks-oslo"), nullptr);
    EXPECT_EQ(registry.Find("ks-oslo")->facilities[0].region, "oslo");
    EXPECT_EQ(registry.All().size(), 3u);
  }
}

TEST(PartnerRegistryReloadTest, LookupsRunWhileReloading) {
  PartnerRegistry registry = Parse(kRegistry);
  const std::string disabled = Edit(R"("Oslo krisesenter", "kind": "shelter",
   "enabled": true)",
                                    R"("Oslo krisesenter", "kind": "shelter",
   "enabled": false)");
  std::atomic<bool> done{false};
  std::thread reader([&] {
    while (!done) {
      const Partner* p = registry.Find("ks-oslo");
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(p->facilities.size(), 1u);
      EXPECT_EQ(registry.All().size(), 3u);
    }
  });
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(registry.Reload(Parse(i % 2 ? kRegistry : disabled)).ok());
  }
  done = true;
  reader.join();
}

}  // namespace
}  // namespace rosa
