// Integration tests of the hub's mutual TLS: who may connect and act, and
// the standard services (health, reflection) behind the same port.
#include <filesystem>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/unknown_field_set.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/raw_call.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

using ::google::protobuf::UnknownField;
using ::google::protobuf::UnknownFieldSet;
using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::ListReferralsResponse;
using ::rosa::hub::v1::Referral;
using ::rosa::hub::v1::SubmitReferralResponse;
using ::testing::Contains;

namespace v1 = ::rosa::hub::v1;

// The services named in a ServerReflectionResponse with a
// list_services_response (field 6: ListServiceResponse; its field 1:
// repeated ServiceResponse; their field 1: name).
std::vector<std::string> ServiceNames(const std::string& response) {
  std::vector<std::string> names;
  UnknownFieldSet top;
  if (!top.ParseFromString(response)) return names;
  for (int i = 0; i < top.field_count(); ++i) {
    const UnknownField& list = top.field(i);
    if (list.number() != 6 ||
        list.type() != UnknownField::TYPE_LENGTH_DELIMITED)
      continue;
    UnknownFieldSet services;
    if (!services.ParseFromString(list.length_delimited())) continue;
    for (int j = 0; j < services.field_count(); ++j) {
      const UnknownField& service = services.field(j);
      if (service.number() != 1 ||
          service.type() != UnknownField::TYPE_LENGTH_DELIMITED)
        continue;
      UnknownFieldSet fields;
      if (!fields.ParseFromString(service.length_delimited())) continue;
      for (int k = 0; k < fields.field_count(); ++k) {
        if (fields.field(k).number() == 1 &&
            fields.field(k).type() == UnknownField::TYPE_LENGTH_DELIMITED) {
          names.push_back(fields.field(k).length_delimited());
        }
      }
    }
  }
  return names;
}

class MtlsTest : public HubTest {
 protected:
  // Every ReferralService and EventService call as `client` fails with
  // `code`.
  void ExpectEveryCallFails(PartnerClient& client, grpc::StatusCode code) {
    ListReferralsResponse list;
    EXPECT_THAT(client.List(ListReferralsRequest(), &list), StatusIs(code));
    Referral referral;
    EXPECT_THAT(client.Get(known_id_, &referral), StatusIs(code));
    SubmitReferralResponse submitted;
    EXPECT_THAT(client.Submit(NewReferralRequest("ks-oslo"), &submitted),
                StatusIs(code));
    EXPECT_THAT(client.Move(known_id_, v1::REFERRAL_STATE_RECEIVED),
                StatusIs(code));
    WatchStream stream(client.channel(), WatchFrom(0), kRpcDeadline);
    std::optional<grpc::Status> end = stream.WaitForEnd(2 * kRpcDeadline);
    ASSERT_TRUE(end.has_value()) << "Watch did not end";
    EXPECT_THAT(*end, StatusIs(code));
    EXPECT_EQ(stream.event_count(), 0u);
  }

  // A referral exists, and a registered partner can work: the failures
  // below are about the certificates, not a broken hub.
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(HubTest::SetUp());
    PartnerClient oslo = Client("ks-oslo");
    SubmitReferralResponse response;
    ASSERT_THAT(
        oslo.Submit(NewReferralRequest("rosa", v1::REFERRAL_TYPE_ASSISTANCE),
                    &response),
        IsOk());
    known_id_ = response.referral().id();
  }

  std::string known_id_;
};

TEST_F(MtlsTest, HubMadeTheDevelopmentPki) {
  for (const char* file : {"ca.pem", "ca.key", "hub.pem", "hub.key"}) {
    EXPECT_TRUE(std::filesystem::exists(hub().pki_dir() / file)) << file;
  }
  for (const char* partner : {"rosa", "ks-oslo", "filemon", "lauras-hus", "iom",
                              "advokat-lund", "ks-telemark", "ks-stengt"}) {
    EXPECT_TRUE(std::filesystem::exists(hub().pki_dir() /
                                        (std::string(partner) + ".pem")))
        << partner;
    EXPECT_TRUE(std::filesystem::exists(hub().pki_dir() /
                                        (std::string(partner) + ".key")))
        << partner;
  }
}

TEST_F(MtlsTest, ConnectionWithoutClientCertificateFails) {
  PartnerClient anonymous(
      ChannelWithoutClientCert(hub().port(), hub().pki_dir()));
  ListReferralsResponse list;
  EXPECT_THAT(anonymous.List(ListReferralsRequest(), &list),
              StatusIs(grpc::StatusCode::UNAVAILABLE));
  Referral referral;
  EXPECT_THAT(anonymous.Get(known_id_, &referral),
              StatusIs(grpc::StatusCode::UNAVAILABLE));
}

TEST_F(MtlsTest, CertificateFromAnotherCaFails) {
  auto other = MakeTempDir("other-ca");
  ASSERT_TRUE(other.ok()) << other.status();
  const std::filesystem::path other_pki = *other / "pki";
  const std::filesystem::path log = *other / "pki.log";
  absl::Status init =
      RunHubCommand({"pki", "init", "--pki-dir", other_pki.string()}, log);
  ASSERT_TRUE(init.ok()) << init;
  absl::Status issue = RunHubCommand(
      {"pki", "issue", "--pki-dir", other_pki.string(), "--partner", "ks-oslo"},
      log);
  ASSERT_TRUE(issue.ok()) << issue;
  ASSERT_TRUE(std::filesystem::exists(other_pki / "ks-oslo.pem"));

  // Same partner id, trusted hub, but a foreign issuer.
  PartnerClient forged(ChannelWithCertFiles(
      hub().port(), hub().pki_dir() / "ca.pem", other_pki / "ks-oslo.pem",
      other_pki / "ks-oslo.key"));
  ListReferralsResponse list;
  EXPECT_THAT(forged.List(ListReferralsRequest(), &list),
              StatusIs(grpc::StatusCode::UNAVAILABLE));
  Referral referral;
  EXPECT_THAT(forged.Get(known_id_, &referral),
              StatusIs(grpc::StatusCode::UNAVAILABLE));

  // The real ks-oslo still gets in.
  PartnerClient oslo = Client("ks-oslo");
  EXPECT_THAT(oslo.Get(known_id_, &referral), IsOk());

  std::error_code ec;
  std::filesystem::remove_all(*other, ec);
}

TEST_F(MtlsTest, ValidCertificateOfUnregisteredPartnerIsPermissionDenied) {
  absl::Status issue =
      RunHubCommand({"pki", "issue", "--pki-dir", hub().pki_dir().string(),
                     "--partner", "intruder"},
                    hub().data_dir() / "pki-issue.log");
  ASSERT_TRUE(issue.ok()) << issue;
  PartnerClient intruder = Client("intruder");
  ExpectEveryCallFails(intruder, grpc::StatusCode::PERMISSION_DENIED);

  // Nothing the intruder tried got written.
  PartnerClient rosa = Client("rosa");
  std::vector<Referral> all;
  ASSERT_THAT(rosa.ListAll(ListReferralsRequest(), &all), IsOk());
  EXPECT_EQ(Ids(all), std::vector<std::string>{known_id_});
}

TEST_F(MtlsTest, DisabledPartnerIsPermissionDenied) {
  const std::filesystem::path cert = hub().pki_dir() / "ks-stengt.pem";
  EXPECT_TRUE(std::filesystem::exists(cert))
      << "the hub made no certificate for the disabled partner ks-stengt";
  if (!std::filesystem::exists(cert)) {
    absl::Status issue =
        RunHubCommand({"pki", "issue", "--pki-dir", hub().pki_dir().string(),
                       "--partner", "ks-stengt"},
                      hub().data_dir() / "pki-issue.log");
    ASSERT_TRUE(issue.ok()) << issue;
  }
  PartnerClient closed = Client("ks-stengt");
  ExpectEveryCallFails(closed, grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(MtlsTest, HealthCheckReportsServing) {
  PartnerClient rosa = Client("rosa");
  std::string response;
  // HealthCheckRequest{service: ""} is the empty message.
  ASSERT_THAT(CallUnaryBytes(rosa.channel(), "/grpc.health.v1.Health/Check", "",
                             &response),
              IsOk());
  // HealthCheckResponse{status: SERVING (1)}.
  EXPECT_EQ(response, std::string("\x08\x01", 2));
}

TEST_F(MtlsTest, ReflectionListsTheServices) {
  PartnerClient rosa = Client("rosa");
  // ServerReflectionRequest{list_services: ""}: field 7, length 0.
  const std::string request("\x3a\x00", 2);
  std::vector<std::string> responses;
  grpc::Status status = CallBidiBytes(
      rosa.channel(),
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", request,
      &responses);
  if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED) {
    responses.clear();
    status = CallBidiBytes(
        rosa.channel(),
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", request,
        &responses);
  }
  ASSERT_THAT(status, IsOk());
  ASSERT_EQ(responses.size(), 1u);
  const std::vector<std::string> services = ServiceNames(responses[0]);
  EXPECT_THAT(services, Contains("rosa.hub.v1.ReferralService"));
  EXPECT_THAT(services, Contains("rosa.hub.v1.EventService"));
}

}  // namespace
}  // namespace rosa::integration
