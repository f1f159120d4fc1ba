// Exchange folders keep no identity: IOM and a lawyer are file-drop
// partners; a person whose names are a unique canary is referred to IOM and
// handed off to the lawyer, so IOM's AvrrReferral and the lawyer's package
// land in their outbox folders with the canary in them. Erasing the person
// deletes those files before ErasePerson answers, and once the hub has
// stopped no byte of the canary is left anywhere under the data directory
// (database, WAL, exchange folders, log). Withdrawing the consent behind a
// file deletes it the same way. A shelter's file of a referral with a note
// about the person goes with the erasure too.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/consent_service.grpc.pb.h"
#include "rosa/hub/v1/handoff_service.grpc.pb.h"
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
using testutil::FilesContaining;

class ExchangeFoldersTest : public ::testing::Test {
 protected:
  // IOM and the lawyer on file drop.
  virtual fs::path PartnersFile() const { return ROSA_EXCHANGE_PARTNERS; }

  void SetUp() override {
    HubOptions options;
    options.partners_file = PartnersFile();
    auto hub = HubProcess::Start(options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
    channel_ = PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa");
    canary_ = absl::StrCat("Kanari", getpid(), "x",
                           absl::ToUnixNanos(absl::Now()), "q");
  }

  fs::path Exchange() const { return hub_->data_dir() / "exchange"; }

  // Registers the canary person with consents for IOM (assisted return)
  // and the lawyer (legal counselling); returns the person id and sets
  // `iom_consent`.
  std::string RegisterCanary(std::string* iom_consent) {
    auto persons = v1::PersonService::NewStub(channel_);
    v1::RegisterPersonRequest request;
    request.set_idempotency_key(NewIdempotencyKey("register"));
    request.mutable_identity()->set_given_name(canary_);
    request.mutable_identity()->set_family_name(canary_ + "sen");
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
    for (const auto& [partner, purpose] :
         {std::pair{"iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN},
          std::pair{"advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING}}) {
      v1::GiveConsentRequest give;
      give.set_idempotency_key(NewIdempotencyKey("consent"));
      give.set_person_id(person.id());
      give.mutable_scope()->set_partner_id(partner);
      give.set_purpose(purpose);
      v1::Consent consent;
      EXPECT_THAT(
          consents->GiveConsent(ContextWithDeadline().get(), give, &consent),
          IsOk());
      if (std::string(partner) == "iom") *iom_consent = consent.id();
    }
    return person.id();
  }

  void ReferToIom(const std::string& person_id) {
    PartnerClient rosa(channel_);
    v1::SubmitReferralRequest request =
        NewReferralRequest("iom", v1::REFERRAL_TYPE_ASSISTED_RETURN);
    request.set_person_ref(person_id);
    v1::SubmitReferralResponse submitted;
    ASSERT_THAT(rosa.Submit(request, &submitted), IsOk());
  }

  void HandOffToLawyer(const std::string& person_id) {
    auto handoffs = v1::HandoffService::NewStub(channel_);
    v1::CreateHandoffRequest create;
    create.set_idempotency_key(NewIdempotencyKey("handoff"));
    create.set_lawyer("advokat-lund");
    create.set_person_id(person_id);
    create.set_case_summary("Needs advice on residence.");
    create.set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    create.add_purposes(v1::COUNSELLING_PURPOSE_RESIDENCE_GROUNDS);
    v1::Handoff handoff;
    ASSERT_THAT(
        handoffs->CreateHandoff(ContextWithDeadline().get(), create, &handoff),
        IsOk());
  }

  // Waits until a file under `dir` holds the canary (the file drop polls
  // twice a second); the files that do.
  // ROSA erases the person.
  grpc::Status Erase(const std::string& person_id) {
    auto persons = v1::PersonService::NewStub(channel_);
    v1::ErasePersonRequest erase;
    erase.set_idempotency_key(NewIdempotencyKey("erase"));
    erase.set_person_id(person_id);
    v1::ErasePersonResponse erased;
    return persons->ErasePerson(ContextWithDeadline().get(), erase, &erased);
  }

  std::vector<fs::path> AwaitCanaryIn(const fs::path& dir) {
    const absl::Time until = absl::Now() + absl::Seconds(20);
    std::vector<fs::path> found;
    while (found.empty() && absl::Now() < until) {
      found = FilesContaining(dir, canary_);
      if (found.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    return found;
  }

  std::unique_ptr<HubProcess> hub_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string canary_;
};

TEST_F(ExchangeFoldersTest, ErasureLeavesNoByteOfTheIdentityUnderTheDataDir) {
  std::string iom_consent;
  const std::string person_id = RegisterCanary(&iom_consent);
  ReferToIom(person_id);
  HandOffToLawyer(person_id);
  // IOM's referral and the lawyer's package carry the identity.
  EXPECT_THAT(AwaitCanaryIn(Exchange() / "iom" / "outbox"), Not(IsEmpty()));
  EXPECT_THAT(AwaitCanaryIn(Exchange() / "advokat-lund" / "outbox"),
              Not(IsEmpty()));

  ASSERT_THAT(Erase(person_id), IsOk());
  // Gone before the answer, not at some later sweep.
  EXPECT_THAT(FilesContaining(Exchange(), canary_), IsEmpty());

  channel_.reset();
  auto exit = hub_->Terminate();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->success()) << exit->ToString();
  EXPECT_THAT(FilesContaining(hub_->data_dir(), canary_), IsEmpty());
  // Sanity: the scan reads the database, and the folders still hold the
  // files of other events.
  EXPECT_THAT(FilesContaining(hub_->data_dir(), person_id), Not(IsEmpty()));
}

TEST_F(ExchangeFoldersTest, WithdrawingTheConsentDeletesTheFileAtOnce) {
  std::string iom_consent;
  const std::string person_id = RegisterCanary(&iom_consent);
  ReferToIom(person_id);
  ASSERT_THAT(AwaitCanaryIn(Exchange() / "iom" / "outbox"), Not(IsEmpty()));

  auto consents = v1::ConsentService::NewStub(channel_);
  v1::WithdrawConsentRequest withdraw;
  withdraw.set_idempotency_key(NewIdempotencyKey("withdraw"));
  withdraw.set_consent_id(iom_consent);
  v1::Consent withdrawn;
  ASSERT_THAT(consents->WithdrawConsent(ContextWithDeadline().get(), withdraw,
                                        &withdrawn),
              IsOk());
  EXPECT_THAT(FilesContaining(Exchange() / "iom", canary_), IsEmpty());
}

// The test registry: ks-oslo, a shelter, on file drop.
class ShelterFolderTest : public ExchangeFoldersTest {
 protected:
  fs::path PartnersFile() const override { return TestPartnersFile(); }
};

// Before, the shelter's file kept the note after the erasure (only files
// that may carry identity were recorded under the person).
TEST_F(ShelterFolderTest, ErasureDeletesTheFileWithTheReferralsNote) {
  std::string iom_consent;
  const std::string person_id = RegisterCanary(&iom_consent);
  PartnerClient rosa(channel_);
  v1::SubmitReferralRequest request = NewReferralRequest("ks-oslo");
  request.set_person_ref(person_id);
  request.set_note(canary_ + " sover hos tanten");
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(request, &submitted), IsOk());
  ASSERT_THAT(AwaitCanaryIn(Exchange() / "ks-oslo" / "outbox"), Not(IsEmpty()));

  ASSERT_THAT(Erase(person_id), IsOk());
  EXPECT_THAT(FilesContaining(Exchange(), canary_), IsEmpty());
}

}  // namespace
}  // namespace rosa::integration
