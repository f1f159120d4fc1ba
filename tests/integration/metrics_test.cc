// The /metrics page of the real hub process: served on its own loopback
// port (never on the partner port), in a format promtool accepts, and its
// series move with what partners do.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/audit_service.grpc.pb.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/metrics_scrape.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/watch_stream.h"

namespace rosa::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Optional;

constexpr char kSubmitOk[] =
    "rosa_hub_rpcs_total{method=\"rosa.hub.v1.ReferralService/"
    "SubmitReferral\",code=\"OK\"}";
constexpr char kSubmitCount[] =
    "rosa_hub_rpc_duration_seconds_count{method=\"rosa.hub.v1."
    "ReferralService/SubmitReferral\"}";

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HubOptions options;
    options.extra_args = {"--metrics-listen", "127.0.0.1:0"};
    auto hub = HubProcess::Start(options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
    auto port = MetricsPort(*hub_);
    ASSERT_TRUE(port.ok()) << port.status();
    metrics_port_ = *port;
  }

  std::string Scrape() {
    auto page = HttpGet("127.0.0.1", metrics_port_);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? *page : "";
  }
  double Value(const std::string& page, const std::string& series) {
    return SampleValue(page, series).value_or(-1);
  }
  // Scrapes until `series` reads `value` or 10 s have passed; the last page.
  std::string ScrapeUntil(const std::string& series, double value) {
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    std::string page;
    do {
      page = Scrape();
    } while (Value(page, series) != value && absl::Now() < deadline);
    return page;
  }
  PartnerClient Client(std::string_view partner) {
    return PartnerClient(
        PartnerChannel(hub_->port(), hub_->pki_dir(), partner));
  }

  std::unique_ptr<HubProcess> hub_;
  int metrics_port_ = 0;
};

TEST_F(MetricsTest, RpcCountersAndLatencyMoveWithCalls) {
  PartnerClient rosa = Client("rosa");
  const std::string before = Scrape();
  const double ok_before = SampleValue(before, kSubmitOk).value_or(0);

  hub::v1::SubmitReferralResponse response;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response), IsOk());
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response), IsOk());
  hub::v1::Referral referral;
  EXPECT_THAT(rosa.Get("R-2026-999999", &referral),
              StatusIs(grpc::StatusCode::NOT_FOUND));

  const std::string after = Scrape();
  EXPECT_EQ(Value(after, kSubmitOk), ok_before + 2);
  EXPECT_GE(Value(after, kSubmitCount), 2);
  EXPECT_EQ(Value(after,
                  "rosa_hub_rpcs_total{method=\"rosa.hub.v1.ReferralService/"
                  "GetReferral\",code=\"NOT_FOUND\"}"),
            1);
  // Every acknowledged write was a group commit.
  EXPECT_GE(Value(after, "rosa_hub_store_commit_batch_size_count"), 2);
  EXPECT_GE(Value(after, "rosa_hub_store_commit_duration_seconds_count"), 2);
  EXPECT_EQ(Value(after, "rosa_hub_store_writer_failed"), 0);
  // Descriptors, for the alert before gRPC runs out of them.
  EXPECT_GT(Value(after, "process_open_fds"), 3);
  EXPECT_GT(Value(after, "process_max_fds"), Value(after, "process_open_fds"));
  // The development PKI's CA lives ten years, the server certificate two.
  EXPECT_THAT(
      after,
      HasSubstr("rosa_hub_certificate_expiry_timestamp_seconds{role=\"ca\""));
  EXPECT_THAT(
      after,
      HasSubstr(
          "rosa_hub_certificate_expiry_timestamp_seconds{role=\"server\""));
  EXPECT_THAT(after, HasSubstr("rosa_hub_place_holds{state=\"active\"} 0"));
}

// Lauras hus reads over a stream only (no exchange folder), so nothing
// delivers its event until it watches.
TEST_F(MetricsTest, OutboxBacklogAndStreamsPerPartner) {
  constexpr char kBacklog[] =
      "rosa_hub_outbox_backlog_events{partner=\"lauras-hus\"}";
  PartnerClient rosa = Client("rosa");
  hub::v1::SubmitReferralResponse response;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("lauras-hus"), &response), IsOk());

  // Lauras hus has not read its event: backlog 1, and it is getting older.
  std::string page = Scrape();
  EXPECT_EQ(Value(page, kBacklog), 1);
  EXPECT_GE(Value(page,
                  "rosa_hub_outbox_oldest_unread_age_seconds{partner="
                  "\"lauras-hus\"}"),
            0);
  EXPECT_EQ(Value(page, "rosa_hub_outbox_backlog_events{partner=\"iom\"}"), 0);

  // It watches from the start and reads the event: nothing unread, and
  // its stream counts as open.
  PartnerClient lauras = Client("lauras-hus");
  WatchStream watch(lauras.channel(), WatchFrom(0));
  ASSERT_TRUE(watch.WaitForEvents(1, absl::Seconds(10)));
  page = ScrapeUntil(kBacklog, 0);
  EXPECT_EQ(Value(page, kBacklog), 0);
  EXPECT_EQ(Value(page,
                  "rosa_hub_outbox_oldest_unread_age_seconds{partner="
                  "\"lauras-hus\"}"),
            0);
  EXPECT_EQ(Value(page, "rosa_hub_open_streams{partner=\"lauras-hus\"}"), 1);
}

// ks-oslo has an exchange folder: an event written to its outbox folder
// counts as delivered, with no stream open.
TEST_F(MetricsTest, OutboxFolderDeliveryEmptiesTheBacklog) {
  constexpr char kBacklog[] =
      "rosa_hub_outbox_backlog_events{partner=\"ks-oslo\"}";
  PartnerClient rosa = Client("rosa");
  hub::v1::SubmitReferralResponse response;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response), IsOk());
  const std::string page = ScrapeUntil(kBacklog, 0);
  EXPECT_EQ(Value(page, kBacklog), 0);
  EXPECT_EQ(SampleValue(page, "rosa_hub_open_streams{partner=\"ks-oslo\"}")
                .value_or(0),
            0);
  // The event reached the folder as a file.
  bool found = false;
  for (const auto& entry : std::filesystem::directory_iterator(
           hub_->data_dir() / "exchange" / "ks-oslo" / "outbox")) {
    found = found || entry.is_regular_file();
  }
  EXPECT_TRUE(found);
}

TEST_F(MetricsTest, AuditCheckpointAgeStartsInfiniteAndResets) {
  std::string page = Scrape();
  EXPECT_THAT(SampleValue(page, "rosa_hub_audit_checkpoint_age_seconds"),
              Optional(HUGE_VAL));
  auto audit = hub::v1::AuditService::NewStub(
      PartnerChannel(hub_->port(), hub_->pki_dir(), "rosa"));
  hub::v1::SignedCheckpoint checkpoint;
  ASSERT_THAT(
      audit->GetCheckpoint(ContextWithDeadline().get(),
                           hub::v1::GetCheckpointRequest(), &checkpoint),
      IsOk());
  page = Scrape();
  EXPECT_LT(Value(page, "rosa_hub_audit_checkpoint_age_seconds"), 60);
  EXPECT_EQ(Value(page, "rosa_hub_audit_log_entries"),
            static_cast<double>(checkpoint.tree_size()));
}

TEST_F(MetricsTest, IngestOutcomesByPluginAndContentType) {
  auto gateway = hub::v1::PartnerGateway::NewStub(
      PartnerChannel(hub_->port(), hub_->pki_dir(), "filemon"));
  hub::v1::IngestRequest request;
  hub::v1::IngestResponse response;
  // Not JSON: the plugin rejects it.
  request.set_content_type("application/vnd.filemon.v1+json");
  request.set_payload("not json");
  EXPECT_FALSE(
      gateway->Ingest(ContextWithDeadline().get(), request, &response).ok());
  // A content type the plugin does not read: counted as "unsupported",
  // never under the partner's own string.
  request.set_content_type("text/x-anything-goes");
  EXPECT_FALSE(
      gateway->Ingest(ContextWithDeadline().get(), request, &response).ok());

  const std::string page = Scrape();
  EXPECT_EQ(Value(page,
                  "rosa_hub_ingest_payloads_total{plugin=\"filemon\","
                  "content_type=\"application/vnd.filemon.v1+json\","
                  "outcome=\"invalid_argument\"}"),
            1);
  EXPECT_EQ(Value(page,
                  "rosa_hub_ingest_payloads_total{plugin=\"filemon\","
                  "content_type=\"unsupported\",outcome=\"invalid_"
                  "argument\"}"),
            1);
  EXPECT_THAT(page, ::testing::Not(HasSubstr("x-anything-goes")));
}

TEST_F(MetricsTest, NotServedOnThePartnerPortNorOtherPaths) {
  EXPECT_FALSE(HttpGet("127.0.0.1", hub_->port()).ok());
  auto other = HttpGet("127.0.0.1", metrics_port_, "/");
  EXPECT_FALSE(other.ok());
  EXPECT_THAT(std::string(other.status().message()), HasSubstr("404"));
}

TEST_F(MetricsTest, PromtoolAcceptsTheLiveScrape) {
  PartnerClient rosa = Client("rosa");
  hub::v1::SubmitReferralResponse response;
  ASSERT_THAT(rosa.Submit(NewReferralRequest("ks-oslo"), &response), IsOk());
  const std::filesystem::path file = hub_->data_dir() / "scrape.txt";
  {
    std::ofstream out(file);
    out << Scrape();
  }
  const std::string command =
      absl::StrCat("promtool check metrics < ", file.string(), " 2>&1");
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[512];
  while (size_t n = std::fread(buf, 1, sizeof(buf), pipe))
    output.append(buf, n);
  const int rc = ::pclose(pipe);
  EXPECT_EQ(rc, 0) << "promtool (from Debian's prometheus package, "
                      "deploy/setup.sh) says:\n"
                   << output;
}

TEST(MetricsAddressTest, NonLoopbackAddressIsRefusedAtStart) {
  HubOptions options;
  options.extra_args = {"--metrics-listen", "0.0.0.0:0"};
  options.start_timeout = absl::Seconds(20);
  auto hub = HubProcess::Start(options);
  ASSERT_FALSE(hub.ok());
  EXPECT_THAT(std::string(hub.status().message()), HasSubstr("loopback"));
}

}  // namespace
}  // namespace rosa::integration
