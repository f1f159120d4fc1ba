// The hub's core as the ingest benchmark drives it: the real plugins
// loaded by the plugin host and the referral, person, consent, handoff,
// placement, inquiry and ingest desks built as the hub server builds them,
// on a real SQLite store (WAL, synchronous=FULL) in a fresh temporary
// directory, removed at the end. Blocking helpers make the state the
// payloads refer to.
//
// Thread-safety: the helpers may be called from several threads at once;
// the clock is set only between phases.
#ifndef ROSA_TESTS_BENCH_BENCH_HUB_H_
#define ROSA_TESTS_BENCH_BENCH_HUB_H_

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/consent/consent_desk.h"
#include "hub/crypto/key_file.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "tests/testutil/fixed_clock.h"

namespace rosa::bench {

// Facilities of the benchmark's crisis centre `ks-bench`: enough for a
// plasser file at the size limit within the units-per-facility cap.
inline constexpr int kBenchFacilities = 150;

class BenchHub {
 public:
  // Plugins run in worker processes as `workers` says, or in this process
  // (the in-process baseline) without it.
  static absl::StatusOr<std::unique_ptr<BenchHub>> Open(
      const std::filesystem::path& plugin_dir,
      std::optional<PluginWorkerOptions> workers = std::nullopt);
  ~BenchHub();

  const Partner& P(const std::string& id) const { return *registry_.Find(id); }
  testutil::FixedClock& clock() { return clock_; }
  PluginHost& plugins() { return *plugins_; }

  // `count` placement (or, with `person`, assisted-return) referrals from
  // ROSA to `recipient`, submitted concurrently; their ids in order.
  absl::StatusOr<std::vector<std::string>> Refer(
      const std::string& recipient, int count, const std::string& person = "");
  // One referral from ROSA to ks-bench, timed from call to answer.
  absl::StatusOr<absl::Duration> TimedSubmit();
  // Moves each referral to `target` as `actor`, concurrently.
  absl::Status Move(const std::string& actor,
                    const std::vector<std::string>& ids,
                    rosa::hub::v1::ReferralState target);
  // A registered person with consents for IOM (assisted return) and
  // advokat-lund (legal counselling).
  absl::StatusOr<std::string> PersonWithConsents();
  // `count` handoffs from ROSA to advokat-lund for `person`.
  absl::StatusOr<std::vector<std::string>> Handoffs(const std::string& person,
                                                    int count);
  // Ingests the payload as `sender`; the answer and the time it took.
  absl::StatusOr<rosa::hub::v1::IngestResponse> Ingest(
      const std::string& sender, const std::string& content_type,
      const std::string& payload);

 private:
  BenchHub() = default;
  std::string NextKey();

  std::filesystem::path dir_;
  testutil::FixedClock clock_;
  PartnerRegistry registry_;
  EventNotifier notifier_;
  std::atomic<int64_t> keys_{0};
  std::unique_ptr<PluginHost> plugins_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::KekStore> keks_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  std::unique_ptr<HandoffDesk> handoffs_;
  std::unique_ptr<InquiryDesk> inquiries_;
  std::unique_ptr<IngestDesk> ingest_;
};

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_BENCH_HUB_H_
