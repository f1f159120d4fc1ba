// A full disk on the exchange folders and the log leaves the hub serving
// gRPC: both live on a small tmpfs that is filled to the last byte while the
// hub runs (the database stays on a healthy disk). The health check stays
// SERVING, writes are acknowledged, the outbox file IOM should get
// cannot be written, and once space is freed the file drop writes it
// (its cursor only moves after the files are written): nothing is lost.
//
// Needs to mount a tmpfs (root, as in CI); skipped with a message
// otherwise.
#include <sys/mount.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/client/health_check.h"
#include "common/time_util.h"
#include "rosa/hub/v1/consent_service.grpc.pb.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/partner_channel.h"
#include "tests/testutil/scan.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::rosa::hub::v1;
using ::testing::IsEmpty;
using ::testing::Not;

class FullDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = MakeTempDir("full-disk");
    ASSERT_TRUE(dir.ok()) << dir.status();
    mount_ = *dir;
    if (mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=1m,mode=0700") != 0) {
      GTEST_SKIP() << "cannot mount a tmpfs (needs root): the full-disk test "
                      "of the exchange folders and the log did not run";
    }
    mounted_ = true;
  }
  void TearDown() override {
    hub_.reset();
    if (mounted_) umount2(mount_.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(mount_, ec);
  }

  // Fills the tmpfs; true once a write failed for want of space.
  bool Fill() {
    std::ofstream out(mount_ / "filler", std::ios::binary);
    const std::string chunk(4096, 'x');
    for (int i = 0; i < 1024 && out.good(); ++i) {
      out.write(chunk.data(), chunk.size());
      out.flush();
    }
    return !out.good();
  }

  std::string RegisterWithIomConsent(const std::string& name) {
    auto persons = v1::PersonService::NewStub(channel_);
    v1::RegisterPersonRequest request;
    request.set_idempotency_key(NewIdempotencyKey("register"));
    request.mutable_identity()->set_given_name(name);
    request.mutable_identity()->set_family_name(name + "sen");
    request.mutable_identity()->set_phone("+4790012345");
    request.mutable_profile()->set_gender(v1::GENDER_WOMAN);
    request.mutable_profile()->set_birth_year(1990);
    request.mutable_profile()->set_nationality("RO");
    *request.mutable_registration_consent_given_at() =
        ToProtoTime(absl::Now() - absl::Minutes(10));
    v1::Person person;
    EXPECT_THAT(
        persons->RegisterPerson(ContextWithDeadline().get(), request, &person),
        IsOk());
    auto consents = v1::ConsentService::NewStub(channel_);
    v1::GiveConsentRequest give;
    give.set_idempotency_key(NewIdempotencyKey("consent"));
    give.set_person_id(person.id());
    give.mutable_scope()->set_partner_id("iom");
    give.set_purpose(v1::CONSENT_PURPOSE_ASSISTED_RETURN);
    v1::Consent consent;
    EXPECT_THAT(
        consents->GiveConsent(ContextWithDeadline().get(), give, &consent),
        IsOk());
    return person.id();
  }

  fs::path mount_;
  bool mounted_ = false;
  std::unique_ptr<HubProcess> hub_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(FullDiskTest, HubKeepsServingAndCatchesUpWhenSpaceReturns) {
  HubOptions options;
  options.partners_file = ROSA_EXCHANGE_PARTNERS;
  options.extra_args = {"--exchange-dir", (mount_ / "exchange").string()};
  auto hub = HubProcess::Start(options);
  ASSERT_TRUE(hub.ok()) << hub.status();
  hub_ = std::move(*hub);
  // The log moves to the tmpfs as well (the hub appends to it).
  ASSERT_TRUE(hub_->Terminate().ok());
  fs::copy_file(hub_->log_path(), mount_ / "hub.log");
  fs::remove(hub_->log_path());
  fs::create_symlink(mount_ / "hub.log", hub_->log_path());
  ASSERT_TRUE(hub_->Restart().ok()) << hub_->ReadLog();
  channel_ = PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa");

  const std::string canary =
      absl::StrCat("Fulldisk", getpid(), "x", absl::ToUnixNanos(absl::Now()));
  const std::string person_id = RegisterWithIomConsent(canary);
  ASSERT_TRUE(Fill()) << "the tmpfs did not fill";

  // Full: the IOM referral is acknowledged, its file cannot be written.
  PartnerClient rosa(channel_);
  v1::SubmitReferralRequest to_iom =
      NewReferralRequest("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN);
  to_iom.set_person_ref(person_id);
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(to_iom, &submitted), IsOk());
  std::this_thread::sleep_for(std::chrono::seconds(2));  // 4 polls.
  const fs::path iom_outbox = mount_ / "exchange" / "iom" / "outbox";
  EXPECT_THAT(testutil::FilesContaining(iom_outbox, canary), IsEmpty());
  auto health = CheckHealth(*channel_, absl::Seconds(5));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, HealthState::kServing);
  // More writes are acknowledged (each checked inside).
  for (int i = 0; i < 3; ++i) RegisterWithIomConsent(absl::StrCat("Fill", i));
  EXPECT_TRUE(hub_->running());

  // Space returns: the file drop writes what it owes.
  fs::remove(mount_ / "filler");
  std::vector<fs::path> found;
  for (const absl::Time until = absl::Now() + absl::Seconds(20);
       found.empty() && absl::Now() < until;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    found = testutil::FilesContaining(iom_outbox, canary);
  }
  EXPECT_THAT(found, Not(IsEmpty()));
  health = CheckHealth(*channel_, absl::Seconds(5));
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, HealthState::kServing);
}

}  // namespace
}  // namespace rosa::integration
