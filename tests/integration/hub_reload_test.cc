// SIGHUP reloads the partner registry of a running hub: a partner disabled
// in the file is refused from its next call on, a partner added is let in,
// and a change that needs a restart is refused while the hub keeps serving
// with the registry it had. The hub is never restarted.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::ListReferralsResponse;
using ::testing::HasSubstr;

constexpr char kIomEnabled[] = R"("display_name": "IOM Norway",
      "kind": "assisted_return",
      "enabled": true)";
constexpr char kIomDisabled[] = R"("display_name": "IOM Norway",
      "kind": "assisted_return",
      "enabled": false)";
constexpr char kNewLawyer[] = R"(,
    {
      "id": "advokat-ny",
      "display_name": "Advokat Ny",
      "kind": "legal_counsel",
      "enabled": true
    }
  ]
})";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class HubReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = MakeTempDir("hub-reload");
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
    registry_ = dir_ / "partners.json";
    original_ = ReadText(TestPartnersFile());
    ASSERT_THAT(original_, HasSubstr(kIomEnabled));
    WriteRegistry(original_);
    auto hub = HubProcess::Start({.partners_file = registry_});
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = *std::move(hub);
  }
  void TearDown() override {
    hub_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Replaces the registry file as an editor would, then sends SIGHUP.
  void WriteRegistry(const std::string& text) {
    const fs::path tmp = registry_.string() + ".tmp";
    std::ofstream(tmp) << text;
    fs::rename(tmp, registry_);
  }
  void Reload(const std::string& text) {
    WriteRegistry(text);
    ASSERT_EQ(::kill(hub_->pid(), SIGHUP), 0);
  }

  grpc::Status List(std::string_view partner) {
    PartnerClient client(
        PartnerChannel(hub_->port(), hub_->pki_dir(), partner));
    ListReferralsResponse list;
    return client.List(ListReferralsRequest(), &list);
  }
  // Retries until `partner`'s call gets `code`, for up to 5 s.
  grpc::Status WaitFor(std::string_view partner, grpc::StatusCode code) {
    const absl::Time deadline = absl::Now() + absl::Seconds(5);
    grpc::Status status = List(partner);
    while (status.error_code() != code && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      status = List(partner);
    }
    return status;
  }

  fs::path dir_;
  fs::path registry_;
  std::string original_;
  std::unique_ptr<HubProcess> hub_;
};

TEST_F(HubReloadTest, SighupAppliesRegistryChangesWithoutARestart) {
  const pid_t pid = hub_->pid();
  ASSERT_TRUE(
      RunHubCommand({"pki", "issue", "--pki-dir", hub_->pki_dir().string(),
                     "--partner", "advokat-ny"},
                    dir_ / "pki.log")
          .ok());
  ASSERT_THAT(List("advokat-ny"),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  ASSERT_THAT(List("iom"), IsOk());
  WatchStream iom_watch(PartnerChannel(hub_->port(), hub_->pki_dir(), "iom"),
                        WatchFromNow());

  std::string next =
      absl::StrReplaceAll(original_, {{kIomEnabled, kIomDisabled}});
  const size_t end = next.rfind(']');
  ASSERT_NE(end, std::string::npos);
  next = next.substr(0, next.rfind('}', end) + 1) + kNewLawyer;
  Reload(next);

  EXPECT_THAT(WaitFor("advokat-ny", grpc::StatusCode::OK), IsOk());
  EXPECT_THAT(WaitFor("iom", grpc::StatusCode::PERMISSION_DENIED),
              StatusIs(grpc::StatusCode::PERMISSION_DENIED));
  // The disabled partner's open stream is ended too.
  EXPECT_TRUE(iom_watch.WaitForEnd(absl::Seconds(5)).has_value());
  EXPECT_THAT(List("rosa"), IsOk());
  EXPECT_EQ(hub_->pid(), pid);
  EXPECT_EQ(::kill(pid, 0), 0);
}

TEST_F(HubReloadTest, AChangeThatNeedsARestartKeepsTheRunningRegistry) {
  const pid_t pid = hub_->pid();
  // Disabling iom alone would apply; moving a facility to another region
  // needs a restart, so nothing of this file applies.
  std::string next =
      absl::StrReplaceAll(original_, {{kIomEnabled, kIomDisabled},
                                      {R"("id": "ks-oslo",
          "name": "Oslo krisesenter",
          "region": "oslo")",
                                       R"("id": "ks-oslo",
          "name": "Oslo krisesenter",
          "region": "viken")"}});
  ASSERT_NE(next.find("viken"), std::string::npos);
  Reload(next);

  const absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (hub_->ReadLog().find("partner registry not reloaded") ==
             std::string::npos &&
         absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_THAT(hub_->ReadLog(), HasSubstr("ks-oslo: changing facilities "
                                         "needs a restart"));
  EXPECT_THAT(List("iom"), IsOk());
  EXPECT_THAT(List("ks-oslo"), IsOk());
  EXPECT_EQ(hub_->pid(), pid);
}

}  // namespace
}  // namespace rosa::integration
