// Integration tests of the hub's limits against the real process: every
// service, gRPC's health and reflection included, refuses partners that
// are not registered or are disabled; a partner over its request rate gets
// RESOURCE_EXHAUSTED while the hub's memory stays bounded and other
// partners are still served; a partner past its open-stream cap gets
// RESOURCE_EXHAUSTED; a connection that never finishes its TLS handshake
// is closed, and the hub runs with its open-file limit raised and shown in
// its metrics. The hubs here run with small limits set by flags.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/hub_test.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/raw_call.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

namespace v1 = ::rosa::hub::v1;

constexpr char kHealthCheck[] = "/grpc.health.v1.Health/Check";
constexpr char kReflection[] =
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
// ServerReflectionRequest{list_services: ""}.
const std::string kListServices("\x3a\x00", 2);

// The resident set of process `pid` in KiB (VmRSS), or nullopt.
std::optional<int64_t> RssKib(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) != 0) continue;
    std::string digits;
    for (char c : line) {
      if (c >= '0' && c <= '9') digits.push_back(c);
    }
    int64_t kib = 0;
    if (absl::SimpleAtoi(digits, &kib)) return kib;
  }
  return std::nullopt;
}

class LimitsTest : public HubTest {
 protected:
  void StartHub(std::vector<std::string> extra_args) {
    HubOptions options;
    options.extra_args = std::move(extra_args);
    auto hub = HubProcess::Start(options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
  }
  // Each test starts its own hub with its own limits.
  void SetUp() override {}
};

TEST_F(LimitsTest, HealthAndReflectionRefuseUnregisteredAndDisabledPartners) {
  ASSERT_NO_FATAL_FAILURE(StartHub({}));
  // A valid certificate from the hub's own CA for a partner it does not
  // know, and one for a partner the registry disables.
  absl::Status issue =
      RunHubCommand({"pki", "issue", "--pki-dir", hub().pki_dir().string(),
                     "--partner", "intruder"},
                    hub().data_dir() / "pki-issue.log");
  ASSERT_TRUE(issue.ok()) << issue;
  for (const char* refused : {"intruder", "ks-stengt"}) {
    SCOPED_TRACE(refused);
    PartnerClient client = Client(refused);
    std::string health;
    EXPECT_THAT(CallUnaryBytes(client.channel(), kHealthCheck, "", &health),
                StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_TRUE(health.empty());
    std::vector<std::string> services;
    EXPECT_THAT(
        CallBidiBytes(client.channel(), kReflection, kListServices, &services),
        StatusIs(grpc::StatusCode::PERMISSION_DENIED));
    EXPECT_TRUE(services.empty());
  }
  // A registered partner is served by both.
  PartnerClient rosa = Client("rosa");
  std::string health;
  EXPECT_THAT(CallUnaryBytes(rosa.channel(), kHealthCheck, "", &health),
              IsOk());
  std::vector<std::string> services;
  EXPECT_THAT(
      CallBidiBytes(rosa.channel(), kReflection, kListServices, &services),
      IsOk());
  EXPECT_EQ(services.size(), 1u);
}

TEST_F(LimitsTest, PartnerOverItsRateIsExhaustedAndTheHubStaysSmall) {
  constexpr int kRate = 20;
  constexpr int kBurst = 40;
  ASSERT_NO_FATAL_FAILURE(StartHub({"--partner-rate", absl::StrCat(kRate),
                                    "--partner-burst", absl::StrCat(kBurst)}));
  const std::optional<int64_t> rss_before = RssKib(hub().pid());
  ASSERT_TRUE(rss_before.has_value());

  // ks-oslo hammers the hub from several threads with calls carrying half
  // a megabyte each (a referral id far too long, refused if admitted).
  constexpr int kThreads = 8;
  const absl::Duration kHammer = absl::Seconds(3);
  const std::string huge_id(512 * 1024, 'R');
  std::atomic<int> admitted{0}, exhausted{0}, other{0};
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      PartnerClient oslo = Client("ks-oslo");
      while (absl::Now() - start < kHammer) {
        v1::Referral referral;
        const grpc::Status s = oslo.Get(huge_id, &referral);
        if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++exhausted;
        } else if (s.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
                   s.error_code() == grpc::StatusCode::NOT_FOUND) {
          ++admitted;
        } else {
          ++other;
        }
      }
    });
  }
  // Meanwhile ROSA, within its own rate, is served.
  PartnerClient rosa = Client("rosa");
  for (int i = 0; i < 5; ++i) {
    v1::ListReferralsResponse list;
    EXPECT_THAT(rosa.List(v1::ListReferralsRequest(), &list), IsOk());
    absl::SleepFor(absl::Milliseconds(200));
  }
  for (std::thread& t : threads) t.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);

  EXPECT_GT(exhausted.load(), 0);
  EXPECT_EQ(other.load(), 0);
  // The bucket admits the burst and then the rate, with a little slack for
  // the calls of the first round.
  EXPECT_LE(admitted.load(), kBurst + kRate * seconds + kThreads)
      << admitted.load() << " admitted in " << seconds << " s";
  EXPECT_GE(admitted.load(), kBurst);

  const std::optional<int64_t> rss_after = RssKib(hub().pid());
  ASSERT_TRUE(rss_after.has_value());
  // An ASan build's hub also holds up to 256 MiB of freed memory in
  // quarantine (quarantine_size_mb); a TSan build's shadow multiplies every
  // byte, so there the bound says nothing and is not checked.
#if defined(__SANITIZE_ADDRESS__)
  constexpr int64_t kQuarantineKib = 256 * 1024;
#else
  constexpr int64_t kQuarantineKib = 0;
#endif
#if !defined(__SANITIZE_THREAD__)
  EXPECT_LT(*rss_after, 300 * 1024 + kQuarantineKib)
      << "VmRSS " << *rss_after << " KiB, before " << *rss_before << " KiB";
  EXPECT_LT(*rss_after - *rss_before, 150 * 1024 + kQuarantineKib)
      << "VmRSS " << *rss_after << " KiB, before " << *rss_before << " KiB";
#endif

  // The hub is still fine, and ks-oslo is served again once the bucket
  // refills.
  absl::SleepFor(absl::Seconds(1));
  v1::ListReferralsResponse list;
  EXPECT_THAT(Client("ks-oslo").List(v1::ListReferralsRequest(), &list),
              IsOk());
}

TEST_F(LimitsTest, PartnerPastItsOpenStreamCapIsExhausted) {
  constexpr int kCap = 3;
  ASSERT_NO_FATAL_FAILURE(StartHub({"--partner-streams", absl::StrCat(kCap)}));
  PartnerClient rosa = Client("rosa");
  v1::SubmitReferralResponse submitted;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &submitted), IsOk());

  // Each stream is live once it has delivered the first event.
  std::vector<std::unique_ptr<WatchStream>> open;
  for (int i = 0; i < kCap; ++i) {
    open.push_back(std::make_unique<WatchStream>(rosa.channel(), WatchFrom(0)));
    ASSERT_TRUE(open.back()->WaitForEvents(1, absl::Seconds(10))) << i;
  }
  WatchStream refused(rosa.channel(), WatchFrom(0));
  std::optional<grpc::Status> end = refused.WaitForEnd(absl::Seconds(10));
  ASSERT_TRUE(end.has_value()) << "the stream past the cap was not refused";
  EXPECT_THAT(*end, StatusIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                             testing::HasSubstr("stream")));
  EXPECT_EQ(refused.event_count(), 0u);

  // Another partner has its own streams.
  PartnerClient oslo = Client("ks-oslo");
  WatchStream oslo_watch(oslo.channel(), WatchFrom(0));
  EXPECT_TRUE(oslo_watch.WaitForEvents(1, absl::Seconds(10)));

  // Closing one frees its slot (the hub learns of the end asynchronously).
  open.front()->Cancel();
  open.erase(open.begin());
  bool reopened = false;
  for (int attempt = 0; attempt < 50 && !reopened; ++attempt) {
    WatchStream again(rosa.channel(), WatchFrom(0));
    reopened = again.WaitForEvents(1, absl::Seconds(5));
    if (!reopened) absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(reopened);
}

// Anyone who reaches the port could hold descriptors with connections that
// never say a word (gRPC waited 120 s for their handshake); and every
// descriptor counts, since gRPC 1.51 stops accepting for good after
// running out of them (hub/common/open_files.h).
TEST_F(LimitsTest, ASilentConnectionIsClosedAndTheFileLimitIsRaised) {
  // The hub inherits a low soft limit, as from a shell or a unit's default.
  rlimit saved;
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  ASSERT_GT(saved.rlim_max, 256u);
  rlimit low = saved;
  low.rlim_cur = 256;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  StartHub({"--handshake-timeout-ms", "500"});
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &saved), 0);
  ASSERT_FALSE(HasFatalFailure());
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(hub_->port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  // Nothing sent: the hub closes it (a read of 0 bytes, or a reset).
  const absl::Time start = absl::Now();
  pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
  ASSERT_EQ(poll(&p, 1, 10'000), 1) << "still open after 10 s";
  char byte;
  EXPECT_LE(read(fd, &byte, 1), 0);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  close(fd);

  // The open-file limit was raised to the hard one.
  std::ifstream limits(absl::StrCat("/proc/", hub_->pid(), "/limits"));
  std::string line, max_open_files;
  while (std::getline(limits, line)) {
    if (line.rfind("Max open files", 0) == 0) max_open_files = line;
  }
  std::vector<std::string> words =
      absl::StrSplit(max_open_files, ' ', absl::SkipEmpty());
  ASSERT_GE(words.size(), 5u) << max_open_files;
  EXPECT_EQ(words[3], words[4]) << "soft limit not raised to the hard one";
}

}  // namespace
}  // namespace rosa::integration
