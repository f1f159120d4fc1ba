// Personal data in free text and hashes, end to end over mutual TLS:
// - a referral's note reaches the recipient but is in no file under the
//   data directory in the clear, and once the person it names is erased the
//   referral reads without it and its bytes are nowhere, WAL included; the
//   same for the reason a shelter gives when it rejects a referral;
// - idempotency records keep no plain SHA-256 of a request (which would let
//   a copy of the database confirm a guessed name and birth date), but an
//   HMAC under keys/request-hmac, which survives a restart: a retry after
//   it is still replayed, and the same key with another body refused.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/sha256.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"
#include "tests/testutil/scan.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::IsEmpty;
using testutil::FilesContaining;

// What an unkeyed request hash would have been: SHA-256 of the message
// name and its deterministic serialization without the idempotency key.
std::string PlainDigest(v1::RegisterPersonRequest request) {
  request.clear_idempotency_key();
  std::string bytes = absl::StrCat(request.GetDescriptor()->full_name(), "\n");
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return Sha256(bytes);
}

class SealedTextTest : public HubTest {
 protected:
  // A text no file holds by chance: `word`, this process and this instant.
  static std::string Canary(const char* word) {
    return absl::StrCat(word, getpid(), "x", absl::ToUnixNanos(absl::Now()));
  }

  std::unique_ptr<v1::PersonService::Stub> Persons() {
    return v1::PersonService::NewStub(
        PartnerChannel(hub().port(), hub().pki_dir(), "rosa"));
  }

  // ROSA registers a person with consent to placement at ks-telemark and
  // refers them there, with `note` unless it is empty: sets *person and
  // *referral_id. A shelter without file drop: notes in exchange folders
  // are the file drop's to remove (issue 8, point 3); these tests are about
  // the store.
  void ReferToTelemark(PartnerClient& rosa, std::string_view note,
                       std::string* person, std::string* referral_id) {
    ASSERT_THAT(rosa.RegisterPersonWithConsent(
                    "ks-telemark", v1::CONSENT_PURPOSE_PLACEMENT, person),
                IsOk());
    v1::SubmitReferralRequest request = NewReferralRequest("ks-telemark");
    request.set_person_ref(*person);
    if (!note.empty()) request.set_note(std::string(note));
    v1::SubmitReferralResponse submitted;
    ASSERT_THAT(rosa.Submit(request, &submitted), IsOk());
    *referral_id = submitted.referral().id();
  }

  // ROSA erases `person` (ErasePerson over gRPC).
  void Erase(const std::string& person) {
    v1::ErasePersonRequest erase;
    erase.set_idempotency_key(NewIdempotencyKey("erase"));
    erase.set_person_id(person);
    v1::ErasePersonResponse erased;
    ASSERT_THAT(
        Persons()->ErasePerson(ContextWithDeadline().get(), erase, &erased),
        IsOk());
  }

  // Stops the hub; then no file under its data directory holds `needle`,
  // WAL included.
  void ExpectNowhereOnceStopped(const std::string& needle) {
    auto exit = hub().Terminate();
    ASSERT_TRUE(exit.ok()) << exit.status();
    EXPECT_THAT(FilesContaining(hub().data_dir(), needle), IsEmpty());
  }
};

TEST_F(SealedTextTest, ErasureShredsTheNoteOfAReferralThatNamedThePerson) {
  const std::string canary = Canary("Notatkanari");
  PartnerClient rosa = Client("rosa");
  PartnerClient shelter = Client("ks-telemark");
  std::string person, id;
  ASSERT_NO_FATAL_FAILURE(ReferToTelemark(rosa, canary, &person, &id));
  v1::Referral received;
  ASSERT_THAT(shelter.Move(id, v1::REFERRAL_STATE_RECEIVED, &received), IsOk());
  EXPECT_EQ(received.note(), canary);
  v1::Referral read;
  ASSERT_THAT(shelter.Get(id, &read), IsOk());
  EXPECT_EQ(read.note(), canary);
  // Sealed at rest before any erasure: rows, events, idempotency records.
  EXPECT_THAT(FilesContaining(hub().data_dir(), canary), IsEmpty());

  ASSERT_NO_FATAL_FAILURE(Erase(person));
  for (PartnerClient* who : {&rosa, &shelter}) {
    v1::Referral after;
    ASSERT_THAT(who->Get(id, &after), IsOk());
    EXPECT_EQ(after.note(), "");
    EXPECT_EQ(after.state(), v1::REFERRAL_STATE_RECEIVED);
  }
  ExpectNowhereOnceStopped(canary);
}

TEST_F(SealedTextTest, ErasureShredsARejectionReason) {
  const std::string canary = Canary("Avslagkanari");
  PartnerClient rosa = Client("rosa");
  PartnerClient shelter = Client("ks-telemark");
  std::string person, id;
  ASSERT_NO_FATAL_FAILURE(ReferToTelemark(rosa, "", &person, &id));
  ASSERT_THAT(shelter.Move(id, v1::REFERRAL_STATE_RECEIVED), IsOk());
  v1::Referral rejected;
  ASSERT_THAT(shelter.Move(id, v1::REFERRAL_STATE_REJECTED, &rejected, canary),
              IsOk());
  EXPECT_EQ(rejected.history().rbegin()->reason(), canary);
  v1::Referral read;
  ASSERT_THAT(rosa.Get(id, &read), IsOk());
  EXPECT_EQ(read.history().rbegin()->reason(), canary);
  EXPECT_THAT(FilesContaining(hub().data_dir(), canary), IsEmpty());

  ASSERT_NO_FATAL_FAILURE(Erase(person));
  v1::Referral after;
  ASSERT_THAT(rosa.Get(id, &after), IsOk());
  EXPECT_EQ(after.state(), v1::REFERRAL_STATE_REJECTED);
  EXPECT_EQ(after.history().rbegin()->reason(), "");
  ExpectNowhereOnceStopped(canary);
}

TEST_F(SealedTextTest, RequestHashesAreKeyedByAFileThatOutlivesRestarts) {
  auto persons = Persons();
  v1::RegisterPersonRequest request;
  request.set_idempotency_key(NewIdempotencyKey("register"));
  request.mutable_identity()->set_given_name("Ioana");
  request.mutable_identity()->set_family_name("Popescu");
  request.mutable_identity()->set_birth_date("1994-03-07");
  request.mutable_profile()->set_gender(v1::GENDER_WOMAN);
  request.mutable_profile()->set_birth_year(1994);
  *request.mutable_registration_consent_given_at() =
      ToProtoTime(absl::Now() - absl::Minutes(10));
  v1::Person first;
  ASSERT_THAT(
      persons->RegisterPerson(ContextWithDeadline().get(), request, &first),
      IsOk());

  const std::filesystem::path key_file =
      hub().data_dir() / "keys" / "request-hmac";
  struct stat st {};
  ASSERT_EQ(::stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);

  persons.reset();
  ASSERT_TRUE(hub().Restart().ok());
  persons = Persons();
  v1::Person again;
  ASSERT_THAT(
      persons->RegisterPerson(ContextWithDeadline().get(), request, &again),
      IsOk());
  EXPECT_EQ(again.id(), first.id());
  v1::RegisterPersonRequest other = request;
  other.mutable_identity()->set_given_name("Maria");
  v1::Person refused;
  EXPECT_THAT(
      persons->RegisterPerson(ContextWithDeadline().get(), other, &refused),
      StatusIs(grpc::StatusCode::ALREADY_EXISTS));

  persons.reset();
  ExpectNowhereOnceStopped(PlainDigest(request));
}

}  // namespace
}  // namespace rosa::integration
