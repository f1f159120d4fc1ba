// Revoking one partner's certificate while the hub runs: the old
// certificate is refused from its next call on (health check included), the
// partner's newly issued certificate keeps working, and the hub is never
// restarted.
#include <signal.h>

#include <filesystem>
#include <future>
#include <string>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
using ::rosa::hub::v1::ListReferralsRequest;
using ::rosa::hub::v1::ListReferralsResponse;

// grpc.health.v1.Health/Check for the whole server (the empty request).
grpc::Status HealthCheck(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::GenericStub stub(channel);
  auto context = ContextWithDeadline();
  grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context.get(), "/grpc.health.v1.Health/Check",
                 grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

class CertificateRevocationTest : public HubTest {
 protected:
  grpc::Status List(PartnerClient& client) {
    ListReferralsResponse list;
    return client.List(ListReferralsRequest(), &list);
  }

  // Runs `rosa-hub pki <command> --pki-dir <the hub's> <args...>`.
  void Pki(std::vector<std::string> args) {
    args.insert(args.begin(), "pki");
    args.insert(args.begin() + 2, {"--pki-dir", hub().pki_dir().string()});
    const absl::Status s =
        RunHubCommand(args, hub().data_dir() / "pki-command.log");
    ASSERT_TRUE(s.ok()) << s;
  }

  // Keeps a copy of the partner's current certificate and key, as a thief
  // of the key would.
  void StealCertificate(const std::string& partner) {
    for (const char* ext : {".pem", ".key"}) {
      fs::copy_file(hub().pki_dir() / (partner + ext),
                    hub().data_dir() / ("stolen" + std::string(ext)));
    }
  }
  PartnerClient StolenClient() {
    return PartnerClient(ChannelWithCertFiles(
        hub().port(), hub().pki_dir() / "ca.pem",
        hub().data_dir() / "stolen.pem", hub().data_dir() / "stolen.key"));
  }

  // Retries `call` until it returns `code` or `timeout` passes.
  template <typename Call>
  grpc::Status WaitFor(grpc::StatusCode code, Call call,
                       absl::Duration timeout = absl::Seconds(5)) {
    const absl::Time deadline = absl::Now() + timeout;
    grpc::Status status = call();
    while (status.error_code() != code && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      status = call();
    }
    return status;
  }
};

TEST_F(CertificateRevocationTest, OldCertificateRefusedNewOneWorksNoRestart) {
  const pid_t pid = hub().pid();
  StealCertificate("ks-oslo");
  PartnerClient stolen = StolenClient();
  ASSERT_THAT(List(stolen), IsOk());

  // The partner gets a new certificate; both work until the revocation.
  ASSERT_NO_FATAL_FAILURE(Pki({"issue", "--partner", "ks-oslo"}));
  PartnerClient fresh = Client("ks-oslo");
  ASSERT_THAT(List(fresh), IsOk());
  ASSERT_THAT(List(stolen), IsOk());

  // The thief also holds an event stream open.
  WatchStream stolen_watch(stolen.channel(), WatchFromNow());

  ASSERT_NO_FATAL_FAILURE(Pki({"revoke", "--partner", "ks-oslo"}));

  // The stolen certificate's open connection is refused from its next
  // calls on (the hub looks at the list at most once a second)...
  EXPECT_THAT(
      WaitFor(grpc::StatusCode::UNAUTHENTICATED, [&] { return List(stolen); }),
      StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  EXPECT_THAT(HealthCheck(stolen.channel()),
              StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  // The stream it opened before is ended (every open stream is; the
  // partners with valid certificates reconnect by cursor).
  const std::optional<grpc::Status> end =
      stolen_watch.WaitForEnd(absl::Seconds(5));
  ASSERT_TRUE(end.has_value()) << "the revoked certificate's stream is open";
  EXPECT_THAT(*end, StatusIs(grpc::StatusCode::UNAVAILABLE));
  WatchStream again(stolen.channel(), WatchFromNow());
  const std::optional<grpc::Status> refused =
      again.WaitForEnd(absl::Seconds(5));
  ASSERT_TRUE(refused.has_value());
  EXPECT_THAT(*refused, StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  // ...and so is a new connection with it.
  PartnerClient stolen_again = StolenClient();
  EXPECT_THAT(List(stolen_again), StatusIs(grpc::StatusCode::UNAUTHENTICATED));

  // The partner's new certificate works, on its open connection and a new one.
  EXPECT_THAT(List(fresh), IsOk());
  PartnerClient fresh_again = Client("ks-oslo");
  EXPECT_THAT(List(fresh_again), IsOk());
  EXPECT_THAT(HealthCheck(fresh_again.channel()), IsOk());
  // Other partners are untouched.
  PartnerClient rosa = Client("rosa");
  EXPECT_THAT(List(rosa), IsOk());

  // Never restarted.
  EXPECT_EQ(hub().pid(), pid);
  EXPECT_EQ(::kill(pid, 0), 0);
  const std::string log = hub().ReadLog();
  size_t starts = 0;
  for (size_t at = log.find("serving on port"); at != std::string::npos;
       at = log.find("serving on port", at + 1)) {
    ++starts;
  }
  EXPECT_EQ(starts, 1u) << "the hub started more than once";
}

TEST_F(CertificateRevocationTest, SighupReloadsAndKeepsServing) {
  const pid_t pid = hub().pid();
  StealCertificate("filemon");
  ASSERT_NO_FATAL_FAILURE(Pki({"issue", "--partner", "filemon"}));
  ASSERT_NO_FATAL_FAILURE(
      Pki({"revoke", "--cert", (hub().data_dir() / "stolen.pem").string()}));
  ASSERT_EQ(::kill(pid, SIGHUP), 0);

  PartnerClient stolen = StolenClient();
  EXPECT_THAT(
      WaitFor(grpc::StatusCode::UNAUTHENTICATED, [&] { return List(stolen); }),
      StatusIs(grpc::StatusCode::UNAUTHENTICATED));
  PartnerClient fresh = Client("filemon");
  EXPECT_THAT(List(fresh), IsOk());
  EXPECT_EQ(hub().pid(), pid);
  EXPECT_THAT(hub().ReadLog(), ::testing::HasSubstr("reloaded"));
}

}  // namespace
}  // namespace rosa::integration
