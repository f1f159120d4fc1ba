// The plugin workers as the hub runs them: real `rosa-hub plugin-worker`
// processes (testutil::HubBinary()), the real SDK, the test-echo plugin and the
// misbehaving test plugin.
#include "hub/plugin_host/worker_pool.h"

#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/plugin_host/load_sandbox.h"
#include "tests/testutil/plugin_workers.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace pv1 = rosa::plugin::v1;
using ::testing::HasSubstr;
using testutil::HubExitStatus;
using testutil::Misbehave;
using testutil::MisbehavingPlugin;

const fs::path kEcho = fs::path(TEST_PLUGINS_DIR) / "v1/libtest_echo.so";

pv1::DecodeRequest Request(std::string content_type, std::string payload) {
  pv1::DecodeRequest r;
  r.set_content_type(std::move(content_type));
  r.set_payload(std::move(payload));
  return r;
}

using WorkerPoolTest = testutil::PluginWorkersTest;

TEST_F(WorkerPoolTest, AWorkerRunsThePluginAndReportsItsManifest) {
  auto plugin = Load(kEcho);
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->name(), "test-echo");
  EXPECT_EQ(plugin->manifest().version(), "1.0.0");
  EXPECT_EQ(plugin->file_sha256().size(), 64u);
  auto ok = plugin->Decode(Request("text/plain; profile=test-1", "ok"));
  ASSERT_TRUE(ok.ok()) << ok.status();
  ASSERT_EQ(ok->commands_size(), 1);
  EXPECT_EQ(ok->commands(0).update_referral_status().referral_id(), "1.0.0");
  pv1::EncodeRequest encode;
  encode.mutable_event()->set_cursor(42);
  auto encoded = plugin->Encode(encode);
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  EXPECT_EQ(encoded->payloads(0).payload(), "42");

  // The worker that read the manifest served the first partner (here the
  // nameless one); its second worker starts when two calls overlap.
  const std::vector<WorkerState> workers = plugin->workers();
  ASSERT_EQ(workers.size(), 1u);
  EXPECT_NE(workers[0].pid, 0);
  EXPECT_NE(workers[0].pid, getpid());
}

TEST_F(WorkerPoolTest, APluginThatThrowsIsACleanErrorAndNoCrash) {
  auto plugin = Load(kEcho);
  ASSERT_NE(plugin, nullptr);
  auto thrown = plugin->Decode(Request("text/plain; profile=test-1", "throw"));
  EXPECT_EQ(thrown.status().code(), absl::StatusCode::kInternal);
  EXPECT_THAT(thrown.status().message(), HasSubstr("plugin test-echo"));
  EXPECT_THAT(thrown.status().message(), ::testing::Not(HasSubstr("throw")));
  for (const WorkerState& w : plugin->workers()) EXPECT_EQ(w.crashes, 0u);
}

TEST_F(WorkerPoolTest, TheWorkerRefusesWhatTheInProcessLoaderRefuses) {
  const fs::path wrong =
      fs::path(TEST_PLUGINS_DIR) / "wrong_api/libtest_echo.so";
  auto in_process = LoadedPlugin::Load(wrong, dir_.path() / "copies");
  auto in_workers =
      LoadedPlugin::LoadInWorkers(wrong, dir_.path() / "copies", options_);
  EXPECT_EQ(in_workers.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(in_workers.status(), in_process.status());
}

TEST_F(WorkerPoolTest, ACrashIsUnavailableNamesThePluginAndRestartsTheWorker) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto crashed = Misbehave(*plugin, "segv");
  EXPECT_EQ(crashed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(crashed.status().message(), HasSubstr("plugin misbehaving"));
  EXPECT_THAT(crashed.status().message(), HasSubstr("SIGSEGV"));
  EXPECT_THAT(crashed.status().message(), ::testing::Not(HasSubstr("segv")));

  uint64_t crashes = 0, restarts = 0;
  for (const WorkerState& w : plugin->workers()) {
    crashes += w.crashes;
    restarts += w.restarts;
    if (w.crashes > 0) {
      EXPECT_EQ(w.last_crash, "signal SIGSEGV");
      EXPECT_NE(w.pid, 0);  // Its replacement.
    }
  }
  EXPECT_EQ(crashes, 1u);
  EXPECT_EQ(restarts, 1u);
  // It serves again.
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

TEST_F(WorkerPoolTest, ForbiddenCallsAreBlockedAndReportedAsSuch) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  for (const char* what : {"open", "connect"}) {
    auto blocked = Misbehave(*plugin, what);
    EXPECT_EQ(blocked.status().code(), absl::StatusCode::kUnavailable) << what;
    EXPECT_THAT(blocked.status().message(),
                HasSubstr("blocked system call (SIGSYS)"))
        << what;
  }
  uint64_t crashes = 0;
  for (const WorkerState& w : plugin->workers()) {
    crashes += w.crashes;
    if (w.crashes > 0) {
      EXPECT_EQ(w.last_crash, "blocked system call (SIGSYS)");
    }
  }
  EXPECT_EQ(crashes, 2u);
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

TEST_F(WorkerPoolTest, AnEndlessLoopIsKilledAtTheDeadline) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto looped = Misbehave(*plugin, "loop");
  EXPECT_EQ(looped.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(looped.status().message(), HasSubstr("timed out"));
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

TEST_F(WorkerPoolTest, UnboundedMemoryHitsTheLimitCleanly) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto hoarded = Misbehave(*plugin, "alloc");
  // The allocation fails inside the plugin (the SDK turns it into a
  // failure) or kills the worker; either way a clean error for this call.
  EXPECT_FALSE(hoarded.ok());
  EXPECT_THAT(hoarded.status().message(), HasSubstr("plugin misbehaving"));
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

TEST_F(WorkerPoolTest, APayloadThatKeepsKillingWorkersIsRefused) {
  options_.poison_after = 2;
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(Misbehave(*plugin, "abort").status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(Misbehave(*plugin, "abort").status().code(),
            absl::StatusCode::kUnavailable);
  auto refused = Misbehave(*plugin, "abort");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("plugin misbehaving"));
  uint64_t crashes = 0;
  for (const WorkerState& w : plugin->workers()) crashes += w.crashes;
  EXPECT_EQ(crashes, 2u);  // The third time it did not run.
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

TEST_F(WorkerPoolTest, CallsRunWhileAnotherWorkerIsStuck) {
  options_.call_deadline = absl::Seconds(2);
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  std::thread stuck([&] { (void)Misbehave(*plugin, "loop"); });
  // The second worker answers while the first spins.
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
  stuck.join();
}

std::string ReferralOf(const pv1::DecodeResponse& r) {
  return r.commands_size() == 1
             ? r.commands(0).update_referral_status().referral_id()
             : "";
}

// A worker that writes an answer besides its own: the hub never takes one
// for the answer to a later request (a partner would get another's result).
TEST_F(WorkerPoolTest, AnAnswerOutOfTurnNeverAnswersALaterRequest) {
  options_.workers_per_partner = 1;
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  // An answer with an id no request had buries the worker at once.
  EXPECT_EQ(Misbehave(*plugin, "wrongid").status().code(),
            absl::StatusCode::kUnavailable);
  (void)Misbehave(*plugin, "double");
  for (const std::string next : {"fine-1", "fine-2", "fine-3"}) {
    auto answer = Misbehave(*plugin, next);
    if (answer.ok()) {
      EXPECT_EQ(ReferralOf(*answer), next);
    } else {
      EXPECT_EQ(answer.status().code(), absl::StatusCode::kUnavailable);
    }
  }
  auto last = Misbehave(*plugin, "fine-4");
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_EQ(ReferralOf(*last), "fine-4");
}

// A worker one partner's payload took over never sees another partner's:
// each partner of a plugin has workers of its own, for decode and encode.
TEST_F(WorkerPoolTest, NoWorkerEverServesTwoPartners) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  std::set<std::string> served_a, served_b;
  for (int i = 0; i < 4; ++i) {
    for (auto [partner, served] :
         {std::pair{"ks-a", &served_a}, std::pair{"ks-b", &served_b}}) {
      auto decoded = testutil::MisbehaveAs(*plugin, partner, "pid");
      ASSERT_TRUE(decoded.ok()) << decoded.status();
      served->insert(ReferralOf(*decoded));
      pv1::EncodeRequest encode;
      encode.mutable_recipient()->set_partner_id(partner);
      auto encoded = plugin->Encode(encode);
      ASSERT_TRUE(encoded.ok()) << encoded.status();
      served->insert(encoded->payloads(0).payload());
    }
  }
  for (const std::string& pid : served_a) {
    EXPECT_EQ(served_b.count(pid), 0u) << "worker " << pid;
  }
}

// An answer far larger than its request could need is refused from its
// header, before the hub reads or parses it; the worker is buried.
TEST_F(WorkerPoolTest, AnAnswerOverItsCapIsRefusedUnread) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto bomb = Misbehave(*plugin, "bomb");
  EXPECT_EQ(bomb.status().code(), absl::StatusCode::kUnavailable)
      << (bomb.ok() ? bomb->commands_size() : 0) << " commands";
  EXPECT_THAT(bomb.status().message(), HasSubstr("answered too much"));
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

// Whatever code and text a worker reports a failure with, the caller gets
// the one fixed error the in-process path gives.
TEST_F(WorkerPoolTest, AWorkersFailureIsOneFixedErrorNotItsOwnWords) {
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto failed = Misbehave(*plugin, "fail");
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kInternal);
  EXPECT_EQ(failed.status().message(),
            "plugin misbehaving: decode failed inside the plugin");
}

// A worker that went wrong after its last answer - it spins, speaks or
// died while idle - is replaced before the next payload is sent, which
// then runs and is not blamed (with poison_after 1 a single strike would
// refuse it).
TEST_F(WorkerPoolTest,
       AWorkerThatWentWrongWhileIdleCostsTheNextPayloadNothing) {
  options_.workers_per_partner = 1;
  options_.poison_after = 1;
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  for (const std::string what : {"spin", "double", "die"}) {
    (void)Misbehave(*plugin, what);
    absl::SleepFor(absl::Milliseconds(200));  // Spinning, or dead.
    for (int i = 0; i < 2; ++i) {
      auto next = Misbehave(*plugin, "fine");
      ASSERT_TRUE(next.ok()) << what << ": " << next.status();
      EXPECT_EQ(ReferralOf(*next), "fine");
    }
  }
  uint64_t crashes = 0;
  for (const WorkerState& w : plugin->workers()) crashes += w.crashes;
  EXPECT_EQ(crashes, 3u);
}

// A plugin's own code first runs as its library is mapped, in the load
// sandbox (load_sandbox.h): the misbehaving plugin's constructor tried to
// open /etc/passwd, fork, and signal and read the limits of the worker's
// parent (before, all four worked). From the fork server, and exec'd.
class LoadSandboxWorkerTest : public testutil::PluginWorkersTest,
                              public ::testing::WithParamInterface<bool> {};

TEST_P(LoadSandboxWorkerTest, APluginsConstructorRunsConfined) {
  options_.fork_server = GetParam();
  auto plugin = Load(MisbehavingPlugin());
  ASSERT_NE(plugin, nullptr);
  auto loaded = Misbehave(*plugin, "loaded");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->commands_size(), 1);
  const std::string seen =
      loaded->commands(0).update_referral_status().referral_id();
  if (LandlockAbi() > 0) {
    EXPECT_THAT(seen, HasSubstr("open=EACCES")) << seen;
  }
  if (kSandboxFiltersPluginLoad) {
    EXPECT_THAT(seen, HasSubstr("fork=EPERM")) << seen;
    EXPECT_THAT(seen, HasSubstr("kill=EPERM")) << seen;
    EXPECT_THAT(seen, HasSubstr("limit=EPERM")) << seen;
  }
  // And the plugin serves.
  EXPECT_TRUE(Misbehave(*plugin, "fine").ok());
}

INSTANTIATE_TEST_SUITE_P(ForkedAndExecd, LoadSandboxWorkerTest,
                         ::testing::Bool());

TEST_F(WorkerPoolTest, TheWorkerCommandRefusesToRunByHand) {
  EXPECT_EQ(HubExitStatus("plugin-worker --socket-fd 0 --plugin x.so"
                          " --copy x.so --sha256 00"),
            2);
}

}  // namespace
}  // namespace rosa
