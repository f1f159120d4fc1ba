// Plugin isolation, against the real hub: a partner whose plugin segfaults,
// spins for ever, hoards memory, opens /etc/passwd and connects to the
// network (tests/plugins/misbehaving) costs one refused payload per
// incident. The hub stays SERVING, other partners' payloads keep being
// applied through their own plugins meanwhile, the worker is restarted, the
// forbidden calls die on the filter (SIGSYS) and ListPlugins reports it.
// The workers run from rosa-plugin-worker, beside the hub's executable.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/time_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"
#include "rosa/hub/v1/plugin_admin_service.grpc.pb.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"
#include "tests/integration/partner_channel.h"
#include "tests/integration/raw_call.h"

namespace rosa::integration {
namespace {

namespace fs = std::filesystem;
namespace v1 = ::rosa::hub::v1;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRogueType[] = "text/plain; profile=misbehaving-1";
constexpr char kFilemonType[] = "application/vnd.filemon.v1+json";
constexpr char kRogue[] = R"(,
    {
      "id": "ks-rogue",
      "display_name": "Rogue test shelter",
      "kind": "shelter",
      "enabled": true,
      "facilities": [
        {"id": "ks-rogue", "name": "Rogue", "region": "oslo",
         "secret_address": true}
      ],
      "plugin": "misbehaving"
    }
  ]
})";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

grpc::Status Ingest(const PartnerClient& client, const std::string& type,
                    const std::string& payload, v1::IngestResponse* out) {
  auto stub = v1::PartnerGateway::NewStub(client.channel());
  v1::IngestRequest r;
  r.set_content_type(type);
  r.set_payload(payload);
  return stub->Ingest(ContextWithDeadline().get(), r, out);
}

// Filemon's status "received" for referral `id`, as its plugin reads it.
std::string Received(const std::string& id) {
  return absl::StrCat(
      "[{\"schema\":\"filemon/1\",\"kind\":\"intake_status\",\"referral\":\"",
      id, "\",\"status\":\"received\",\"at\":\"",
      absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", absl::Now() + absl::Minutes(1),
                       OsloTimeZone()),
      "\"}]");
}

class PluginIsolationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = MakeTempDir("plugin-isolation");
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = *dir;
    // The partner plugins and the misbehaving one, in a folder of their own.
    const fs::path plugins = dir_ / "plugins";
    fs::create_directories(plugins);
    fs::permissions(plugins, fs::perms::owner_all | fs::perms::group_read |
                                 fs::perms::group_exec |
                                 fs::perms::others_read |
                                 fs::perms::others_exec);
    for (const auto& entry : fs::directory_iterator(ROSA_PLUGIN_DIR)) {
      if (entry.path().extension() == ".so") {
        fs::copy_file(entry.path(), plugins / entry.path().filename());
      }
    }
    fs::copy_file(fs::path(MISBEHAVING_PLUGIN_DIR) / "libmisbehaving.so",
                  plugins / "libmisbehaving.so");
    std::string registry = ReadText(TestPartnersFile());
    const size_t end = registry.rfind(']');
    ASSERT_NE(end, std::string::npos);
    registry = registry.substr(0, registry.rfind('}', end) + 1) + kRogue;
    std::ofstream(dir_ / "partners.json") << registry;

    auto hub =
        HubProcess::Start({.partners_file = dir_ / "partners.json",
                           .extra_args = {"--plugin-dir", plugins.string(),
                                          "--plugin-call-deadline", "1s",
                                          "--plugin-worker-memory-mib", "256",
                                          "--plugin-poison-after", "2"},
                           .start_timeout = absl::Seconds(30)});
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = *std::move(hub);
    ASSERT_TRUE(
        RunHubCommand({"pki", "issue", "--pki-dir", hub_->pki_dir().string(),
                       "--partner", "ks-rogue"},
                      dir_ / "pki.log")
            .ok());
  }
  void TearDown() override {
    hub_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  PartnerClient Client(std::string_view partner) const {
    return PartnerClient(
        PartnerChannel(hub_->port(), hub_->pki_dir(), partner));
  }
  bool Serving() const {
    std::string health;
    return CallUnaryBytes(Client("rosa").channel(),
                          "/grpc.health.v1.Health/Check", "", &health)
               .ok() &&
           health == std::string("\x08\x01", 2);  // status: SERVING
  }
  // A fresh referral from ROSA to Filemon.
  std::string ReferToFilemon() const {
    v1::SubmitReferralResponse submitted;
    EXPECT_THAT(
        Client("rosa").Submit(NewReferralRequest("filemon"), &submitted),
        IsOk());
    return submitted.referral().id();
  }

  fs::path dir_;
  std::unique_ptr<HubProcess> hub_;
};

TEST_F(PluginIsolationTest, EachIncidentCostsOnePayloadAndNothingElse) {
  PartnerClient rogue = Client("ks-rogue");
  PartnerClient filemon = Client("filemon");
  const std::vector<std::string> ids = {ReferToFilemon(), ReferToFilemon(),
                                        ReferToFilemon()};

  // Filemon keeps sending while the incidents happen.
  std::atomic<bool> stop{false};
  int applied = 0, failed = 0;
  std::string first_failure;  // Read after the thread ends.
  std::thread other([&] {
    size_t i = 0;
    while (!stop.load()) {
      v1::IngestResponse out;
      grpc::Status s =
          Ingest(filemon, kFilemonType, Received(ids[i++ % ids.size()]), &out);
      // The first status per referral applies; a repeat is the core's
      // refusal ("it cannot move to received"): both mean Filemon's plugin
      // answered. Only the hub or a worker failing counts as a failure.
      const grpc::StatusCode code = s.error_code();
      if (s.ok() || code == grpc::StatusCode::FAILED_PRECONDITION ||
          code == grpc::StatusCode::INVALID_ARGUMENT) {
        ++applied;
      } else if (++failed == 1) {
        first_failure = s.error_message();
      }
      // Well within Filemon's request rate.
      absl::SleepFor(absl::Milliseconds(20));
    }
  });

  for (const char* incident : {"segv", "loop", "alloc", "open", "connect"}) {
    v1::IngestResponse out;
    grpc::Status s = Ingest(rogue, kRogueType, incident, &out);
    EXPECT_FALSE(s.ok()) << incident;
    EXPECT_THAT(s.error_message(), Not(HasSubstr(incident)));
    // Hoarding ends in a failed allocation inside the plugin: an INTERNAL
    // error, whose details the hub keeps to itself. The rest kill the
    // worker: UNAVAILABLE, naming the plugin.
    if (std::string(incident) != "alloc") {
      EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << incident;
      EXPECT_THAT(s.error_message(), HasSubstr("plugin misbehaving"));
    }
    if (std::string(incident) == "open" || std::string(incident) == "connect") {
      EXPECT_THAT(s.error_message(), HasSubstr("blocked system call (SIGSYS)"));
    }
    EXPECT_TRUE(Serving()) << incident;
  }
  stop = true;
  other.join();
  EXPECT_EQ(failed, 0) << first_failure;
  EXPECT_GT(applied, 0);

  // Filemon's statuses were applied, through its own plugin.
  for (const std::string& id : ids) {
    v1::Referral referral;
    ASSERT_THAT(Client("rosa").Get(id, &referral), IsOk());
    EXPECT_EQ(referral.state(), v1::REFERRAL_STATE_RECEIVED);
  }

  // The restarted workers serve the rogue partner's harmless payloads.
  // (What it decodes names no referral; the core judges that, not the
  // worker.)
  v1::IngestResponse out;
  grpc::Status fine = Ingest(rogue, kRogueType, "fine", &out);
  EXPECT_NE(fine.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(fine.error_message(), Not(HasSubstr("worker")));

  // ROSA's operators see the crashes; the log names the signal only.
  auto admin = v1::PluginAdmin::NewStub(Client("rosa").channel());
  v1::ListPluginsResponse list;
  ASSERT_THAT(admin->ListPlugins(ContextWithDeadline().get(),
                                 v1::ListPluginsRequest(), &list),
              IsOk());
  uint64_t crashes = 0, restarts = 0;
  std::vector<std::string> last_crashes;
  // Every worker runs from the lean executable beside the hub's.
  const fs::path lean =
      fs::canonical(HubBinary()).parent_path() / "rosa-plugin-worker";
  for (const v1::LoadedPlugin& p : list.plugins()) {
    // The one that loaded it, or its partners' (started on their calls).
    EXPECT_GE(p.workers_size(), 1) << p.name();
    for (const v1::PluginWorker& w : p.workers()) {
      std::error_code ec;
      EXPECT_EQ(fs::read_symlink(absl::StrCat("/proc/", w.pid(), "/exe"), ec),
                lean)
          << p.name();
    }
    if (p.name() != "misbehaving") continue;
    for (const v1::PluginWorker& w : p.workers()) {
      EXPECT_NE(w.pid(), 0u);
      crashes += w.crashes();
      restarts += w.restarts();
      last_crashes.push_back(w.last_crash());
    }
  }
  EXPECT_GE(crashes, 4u);  // segv, loop, open, connect (alloc may fail softly)
  EXPECT_GE(restarts, crashes);
  EXPECT_THAT(last_crashes,
              ::testing::Contains("blocked system call (SIGSYS)"));
  const std::string log = ReadText(hub_->log_path());
  EXPECT_THAT(log, HasSubstr("of plugin misbehaving died: signal SIGSEGV"));
  EXPECT_THAT(log, HasSubstr("died: blocked system call (SIGSYS)"));
  EXPECT_THAT(log, HasSubstr("died: timed out after 1s"));
  EXPECT_THAT(log, Not(HasSubstr("passwd")));
}

TEST_F(PluginIsolationTest, APayloadThatKeepsCrashingIsRefused) {
  PartnerClient rogue = Client("ks-rogue");
  v1::IngestResponse out;
  EXPECT_EQ(Ingest(rogue, kRogueType, "abort", &out).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Ingest(rogue, kRogueType, "abort", &out).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  grpc::Status refused = Ingest(rogue, kRogueType, "abort", &out);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("plugin misbehaving"));
  EXPECT_TRUE(Serving());
}

}  // namespace
}  // namespace rosa::integration
