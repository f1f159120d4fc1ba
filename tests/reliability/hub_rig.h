// HubRig: the hub's real store and desks (person, consent, referral) over
// one database file, opened through a chosen SQLite VFS, for the
// reliability tests. What outlives a power cut (keys, the partner registry,
// the clock, the request hasher, the audit signing key, the partner plugins
// mapped in-process) lives in RigShared, made once per test process. The
// ingest desk applies partner payloads through the real plugins (ks-oslo
// sends ks-csv). The journal, report and audit desks serve ROSA's reads
// and journal writes as the hub does. The plugin admin desk lists and
// reloads the shared plugins; the renderer encodes a partner's outbox in
// its plugin's format (the gateway's Subscribe pages: ks-oslo reads
// ks-csv, IOM iom-avrr, advokat-lund advokat).
//
// Thread-safety: the desks are thread-safe as in the hub; a rig is opened
// and closed by one thread.
#ifndef ROSA_TESTS_RELIABILITY_HUB_RIG_H_
#define ROSA_TESTS_RELIABILITY_HUB_RIG_H_

#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "hub/audit/audit_desk.h"
#include "hub/audit/audit_keeper.h"
#include "hub/consent/consent_desk.h"
#include "hub/crypto/key_file.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/journal/journal_desk.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/person/person_desk.h"
#include "hub/person/person_vault.h"
#include "hub/placement/placement_desk.h"
#include "hub/plugin_host/plugin_admin_desk.h"
#include "hub/plugin_host/plugin_host.h"
#include "hub/referral/referral_desk.h"
#include "hub/referral/referral_event_content.h"
#include "hub/report/report_desk.h"
#include "hub/store/database.h"
#include "tests/testutil/fixed_clock.h"

namespace rosa::reliability {

// The rig's shelters each run one facility of their own name: ks-oslo's
// address is secret (it must never reach any answer, error or event), and
// ks-telemark's is not.
inline constexpr char kSecretFacility[] = "ks-oslo";
inline constexpr char kSecretAddress[] = "Hemmelig vei 7, 0150 Oslo";
inline constexpr char kPublicFacility[] = "ks-telemark";

// What stays the same across power cuts: keys under `keys_dir`, and the
// plugins of ROSA_PLUGIN_DIR mapped in-process (copies under keys_dir).
struct RigShared {
  static absl::StatusOr<std::unique_ptr<RigShared>> Make(
      const std::filesystem::path& keys_dir);

  PartnerRegistry registry;
  testutil::FixedClock clock;
  std::shared_ptr<const store::RequestHasher> hasher;
  std::unique_ptr<crypto::KekStore> keks;
  std::unique_ptr<audit::AuditKeeper> keeper;
  std::filesystem::path plugin_dir;  // ROSA_PLUGIN_DIR
  std::unique_ptr<PluginHost> plugins;
  std::unique_ptr<PluginAdminDesk> plugin_admin;

  const Partner& P(const std::string& id) const { return *registry.Find(id); }

  // Before a run on a new database (a fresh copy of a template, say): the
  // keeper's floor (audit_keeper.h) is of the log it signed last, so it is
  // reopened, with the same key, without the record of that log. Within a
  // run, across power cuts, the floor holds.
  absl::Status StartNewLog();

  std::filesystem::path keys_dir;
};

class HubRig {
 public:
  // Opens (creating) the database `db_path` through `vfs` ("" = default).
  static absl::StatusOr<std::unique_ptr<HubRig>> Open(
      const std::filesystem::path& db_path, const std::string& vfs,
      RigShared* shared);
  // Stops the desks and closes every connection.
  ~HubRig();

  store::Database& db() { return *db_; }
  PersonDesk& persons() { return *persons_; }
  PersonVault& vault() { return *vault_; }
  ConsentDesk& consents() { return *consents_; }
  ReferralDesk& referrals() { return *referrals_; }
  IngestDesk& ingest() { return *ingest_; }
  HandoffDesk& handoffs() { return *handoffs_; }
  PlacementDesk& placement() { return *placement_; }
  InquiryDesk& inquiries() { return *inquiries_; }
  JournalDesk& journal() { return *journal_; }
  ReportDesk& report() { return *report_; }
  audit::AuditDesk& audit() { return *audit_; }
  PluginAdminDesk& plugin_admin() { return *shared_->plugin_admin; }
  OutboundRenderer& renderer() { return *renderer_; }
  // What the event streams (Watch, Subscribe) read free text and referral
  // events kept by reference back from.
  const EventContent& content() { return *content_; }
  RigShared& shared() { return *shared_; }
  // The first write failure the writer reported (OK if none).
  absl::Status write_failure() const;

 private:
  HubRig() = default;

  RigShared* shared_ = nullptr;
  EventNotifier notifier_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<PersonVault> vault_;
  std::unique_ptr<ReferralEventContent> content_;
  std::unique_ptr<PersonDesk> persons_;
  std::unique_ptr<ConsentDesk> consents_;
  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
  std::unique_ptr<HandoffDesk> handoffs_;
  std::unique_ptr<InquiryDesk> inquiries_;
  std::unique_ptr<IngestDesk> ingest_;
  std::unique_ptr<JournalDesk> journal_;
  std::unique_ptr<ReportDesk> report_;
  std::unique_ptr<audit::AuditDesk> audit_;
  std::unique_ptr<OutboundRenderer> renderer_;
  struct Failure {
    std::mutex mu;
    absl::Status status ABSL_GUARDED_BY(mu);
  };
  std::shared_ptr<Failure> failure_ = std::make_shared<Failure>();
};

// Runs a desk call and waits for its answer.
template <typename T, typename Call>
absl::StatusOr<T> Await(Call call) {
  std::promise<absl::StatusOr<T>> promise;
  call([&promise](absl::StatusOr<T> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_HUB_RIG_H_
