// Erasure end to end over mutual TLS: ROSA registers a person whose given
// name is a unique canary, reads it back, erases the person and stops the
// hub; afterwards the canary's bytes are found in no file under the data
// directory (database, WAL, shared memory, logs, keys, PKI).
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/person_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"
#include "tests/testutil/scan.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using testutil::FilesContaining;

class ErasureTest : public HubTest {
 protected:
  std::unique_ptr<v1::PersonService::Stub> Persons(std::string_view partner) {
    return v1::PersonService::NewStub(
        PartnerChannel(hub().port(), hub().pki_dir(), partner));
  }
};

TEST_F(ErasureTest, ErasedPersonLeavesNoTraceUnderTheDataDirectory) {
  const std::string canary = absl::StrCat("Kanari", getpid(), "x",
                                          absl::ToUnixNanos(absl::Now()), "q");
  const std::string address_canary = absl::StrCat(canary, "-adresse");
  auto rosa = Persons("rosa");

  v1::RegisterPersonRequest request;
  request.set_idempotency_key(NewIdempotencyKey("register"));
  request.mutable_identity()->set_given_name(canary);
  request.mutable_identity()->set_family_name("Testesen");
  request.mutable_identity()->set_phone("+4790012345");
  request.mutable_identity()->set_contact_address(address_canary);
  request.mutable_profile()->set_gender(v1::GENDER_WOMAN);
  request.mutable_profile()->set_birth_year(1990);
  *request.mutable_registration_consent_given_at() =
      ToProtoTime(absl::Now() - absl::Minutes(10));
  v1::Person registered;
  ASSERT_THAT(
      rosa->RegisterPerson(ContextWithDeadline().get(), request, &registered),
      IsOk());

  v1::ReadPersonRequest read_request;
  read_request.set_person_id(registered.id());
  read_request.set_purpose(v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  v1::Person read;
  ASSERT_THAT(
      rosa->ReadPerson(ContextWithDeadline().get(), read_request, &read),
      IsOk());
  EXPECT_EQ(read.identity().given_name(), canary);
  EXPECT_EQ(read.identity().contact_address(), address_canary);
  // Encrypted at rest even before erasure.
  EXPECT_THAT(FilesContaining(hub().data_dir(), canary), IsEmpty());

  // Nobody but ROSA sees the person at all.
  v1::Person ignored;
  EXPECT_THAT(
      Persons("advokat-lund")
          ->ReadPerson(ContextWithDeadline().get(), read_request, &ignored),
      StatusIs(grpc::StatusCode::NOT_FOUND));

  v1::ErasePersonRequest erase;
  erase.set_idempotency_key(NewIdempotencyKey("erase"));
  erase.set_person_id(registered.id());
  v1::ErasePersonResponse erased;
  ASSERT_THAT(rosa->ErasePerson(ContextWithDeadline().get(), erase, &erased),
              IsOk());
  EXPECT_EQ(erased.person_id(), registered.id());
  EXPECT_THAT(
      rosa->ReadPerson(ContextWithDeadline().get(), read_request, &ignored),
      StatusIs(grpc::StatusCode::NOT_FOUND));

  // The audit trail outlives the person, pseudonymous.
  v1::GetAccessExtractRequest extract_request;
  extract_request.set_person_id(registered.id());
  v1::AccessExtract extract;
  ASSERT_THAT(rosa->GetAccessExtract(ContextWithDeadline().get(),
                                     extract_request, &extract),
              IsOk());
  std::vector<std::string> actions;
  for (const v1::AccessRecord& r : extract.records()) {
    actions.push_back(r.action());
  }
  EXPECT_THAT(actions, ElementsAre("person.register", "consent.give",
                                   "person.read", "person.erase"));

  rosa.reset();
  auto exit = hub().Terminate();
  ASSERT_TRUE(exit.ok()) << exit.status();
  EXPECT_TRUE(exit->success()) << exit->ToString();

  EXPECT_THAT(FilesContaining(hub().data_dir(), canary), IsEmpty());
  EXPECT_THAT(FilesContaining(hub().data_dir(), address_canary), IsEmpty());
  // Sanity: the scan does read the database (the audit log keeps the
  // pseudonymous id).
  EXPECT_THAT(FilesContaining(hub().data_dir(), registered.id()),
              Not(IsEmpty()));
}

}  // namespace
}  // namespace rosa::integration
