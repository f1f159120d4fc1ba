// The hub's metrics (README "Metrics and alerts"): the families the hub
// updates as it works (group commits; RPCs through RpcObserver; ingest
// outcomes through IngestMetrics) and the gauges computed at each scrape:
// the writer's fail-closed state, open streams, outbox backlog and oldest
// unread event per partner, availability age per facility, holds by state,
// audit log size and checkpoint age, and each certificate's expiry. Labels
// are partner, facility and method ids, status codes and states; never
// personal data or payloads.
//
// Scrape-time figures from the database are read on a reader connection
// (metrics_queries.h), never on the writer thread; the certificates are
// read from the PKI directory.
//
// Thread-safety: construct, then Attach once before the first scrape (at
// start-up); OnCommit may be called from the writer thread at any time.
#ifndef ROSA_HUB_SERVER_HUB_METRICS_H_
#define ROSA_HUB_SERVER_HUB_METRICS_H_

#include <filesystem>

#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/metrics/registry.h"
#include "hub/outbox/delivery_marks.h"
#include "hub/partner/partner_registry.h"
#include "hub/pki/dev_pki.h"
#include "hub/server/partner_gate.h"
#include "hub/store/database.h"

namespace rosa {

class HubMetrics {
 public:
  struct Sources {
    store::Database* db;
    PartnerGate* gate;
    const PartnerRegistry* partners;
    const DeliveryMarks* deliveries;
    pki::PkiPaths pki;
    std::filesystem::path data_dir;
    const Clock* clock;
  };

  // REQUIRES: `registry` outlives this.
  explicit HubMetrics(metrics::Registry* registry);

  // For store::Database::Options::on_commit.
  void OnCommit(size_t batch_size, absl::Duration commit);

  // Adds the scrape-time collectors. REQUIRES: everything in `sources`
  // outlives every later scrape.
  void Attach(const Sources& sources);

 private:
  void CollectStore(const Sources& s);
  void CollectFiles(const Sources& s);

  metrics::Registry* const registry_;
  metrics::HistogramFamily* const batch_size_;
  metrics::HistogramFamily* const commit_seconds_;
  metrics::GaugeFamily* const writer_failed_;
  metrics::GaugeFamily* const open_streams_;
  metrics::GaugeFamily* const outbox_backlog_;
  metrics::GaugeFamily* const outbox_oldest_age_;
  metrics::GaugeFamily* const availability_age_;
  metrics::GaugeFamily* const holds_;
  metrics::GaugeFamily* const audit_size_;
  metrics::GaugeFamily* const audit_checkpoint_age_;
  metrics::GaugeFamily* const certificate_expiry_;
  metrics::GaugeFamily* const open_fds_;
  metrics::GaugeFamily* const max_fds_;
  metrics::CounterFamily* const scrape_errors_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_HUB_METRICS_H_
