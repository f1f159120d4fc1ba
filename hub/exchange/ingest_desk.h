// Applying a partner's payload: the partner's plugin says what the bytes
// mean, and the core applies those commands exactly as if the partner had
// sent them through the native API — same validation, authorization,
// rules, consent and minimisation — all in ONE write operation, so one
// payload is all-or-nothing. Each command's idempotency key is derived from
// the payload (content type and bytes) and the command's position, so the
// same payload sent again, or re-read from a file-drop inbox after a crash,
// applies once: its records then report RESULT_UNCHANGED. An empty content
// type means the one the partner's plugin reads, if it reads one. A run of
// capacity reports (a ks-csv plasser file has one per row) is applied as one
// report per facility: each facility's figures are published once per payload,
// so the work grows with the rows, not with their square (the placement desk
// caps the units per facility).
//
// Errors name the record, the field and the reason and never quote the
// payload; a rejected payload comes back as an error status whose details
// (hub/common/error_details.h) hold an IngestResponse with every record's
// outcome.
//
// Thread-safety: safe to call from any thread; `done` runs on the store's
// writer thread (or the caller's, for an early refusal) and must not block.
#ifndef ROSA_HUB_EXCHANGE_INGEST_DESK_H_
#define ROSA_HUB_EXCHANGE_INGEST_DESK_H_

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/common/status_macros.h"
#include "hub/common/task_pool.h"
#include "hub/common/token_buckets.h"
#include "hub/exchange/ingest_metrics.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/journal/journal_desk.h"
#include "hub/partner/partner_registry.h"
#include "hub/placement/placement_desk.h"
#include "hub/plugin_host/plugin_host.h"
#include "hub/referral/referral_desk.h"
#include "hub/store/database.h"
#include "rosa/hub/v1/gateway_service.pb.h"

namespace rosa {

class IngestDesk {
 public:
  struct Desks {
    ReferralDesk* referrals;
    HandoffDesk* handoffs;
    PlacementDesk* placement;
    InquiryDesk* inquiries;
    // May be null (then journal commands are refused).
    JournalDesk* journal = nullptr;
  };
  // What one partner's payloads may cost, whatever the call rate: a call
  // is one call whether it carries one record or 5 000 (an outside review
  // wrote 1.1 million inquiries in 30 s within the call rate).
  struct Budget {
    // Records applied per second, sustained, and at once after a quiet
    // while (at least one payload's worth, max_records).
    double records_per_second = 20;
    int records_burst = 20000;
    // Payloads of one partner being decoded or applied at once.
    int max_in_flight = 4;
  };

  struct Options {
    // Larger payloads are refused before any parsing.
    size_t max_payload_bytes = 1024 * 1024;
    // A payload with more records is refused after decoding, before any
    // write: a payload is applied as ONE write operation on the single
    // writer, and this bounds how long it holds everyone else's writes
    // (about 80 us a record at worst, see tests/bench).
    int max_records = 5000;
    // Counts each payload's outcome and plugin failures; null: not counted.
    IngestMetrics* metrics = nullptr;
    // Payloads are decoded on this many threads of the desk's own, never on
    // the caller's: a call waits for a plugin worker (up to its deadline),
    // and a gRPC reactor thread must not block.
    size_t decode_threads = 2;
    // Past it a payload is refused with RESOURCE_EXHAUSTED, nothing
    // applied.
    Budget budget;
    // For the record budget; null: the system clock.
    const Clock* clock = nullptr;
  };

  // REQUIRES: everything outlives the desk.
  IngestDesk(store::Database* db, PluginHost* plugins, Desks desks,
             Options options);

  // Decodes `request` on a decode thread, applies it, then calls `done`
  // from a decode thread or the writer thread.
  // REQUIRES: `request` outlives the call to `done`.
  void Ingest(
      const Partner& caller, const rosa::hub::v1::IngestRequest& request,
      absl::Time deadline,
      std::function<void(absl::StatusOr<rosa::hub::v1::IngestResponse>)> done);

  // The partner's plugin, or null if it has none or it is not loaded.
  std::shared_ptr<const LoadedPlugin> PluginFor(const Partner& partner) const {
    return partner.plugin.empty() ? nullptr : plugins_->Find(partner.plugin);
  }

 private:
  // Ingest on the calling thread (a decode thread).
  void IngestNow(
      const Partner& caller, const rosa::hub::v1::IngestRequest& request,
      absl::Time deadline,
      std::function<void(absl::StatusOr<rosa::hub::v1::IngestResponse>)> done);
  // Ingest without the outcome count.
  void IngestUncounted(
      const Partner& caller, const rosa::hub::v1::IngestRequest& request,
      absl::Time deadline,
      std::function<void(absl::StatusOr<rosa::hub::v1::IngestResponse>)> done);

  // Applies one command inside the payload's transaction; returns the id of
  // the object it concerned.
  absl::StatusOr<std::string> ApplyCommand(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::plugin::v1::HubCommand& command);

  // Applies the capacity reports commands[begin, end) together
  // (PlacementDesk::ApplyReportCapacities); `objects` gets each one's
  // facility id. On error `*failed` is the refused one's offset from begin.
  absl::Status ApplyCapacityRun(
      store::WriteTxn& txn, const Partner& caller,
      const std::vector<rosa::plugin::v1::HubCommand>& commands, size_t begin,
      size_t end, std::vector<std::string>& objects,
      std::vector<bool>& replayed, size_t* failed);

  store::Database* db_;
  PluginHost* plugins_;
  Desks desks_;
  Options options_;
  // Each partner's record budget (Budget).
  TokenBuckets records_;
  absl::Mutex mu_;
  // Payloads of each partner in the works, by partner id.
  std::map<std::string, int> in_flight_ ABSL_GUARDED_BY(mu_);
  // Last: its destructor runs the payloads already queued while the rest
  // of the desk still stands.
  TaskPool decoders_;
};

}  // namespace rosa

#endif  // ROSA_HUB_EXCHANGE_INGEST_DESK_H_
