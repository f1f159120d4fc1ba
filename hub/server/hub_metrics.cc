#include "hub/server/hub_metrics.h"

#include <map>
#include <string>
#include <vector>

#include "hub/audit/audit_log.h"
#include "hub/audit/checkpoint_mark.h"
#include "hub/common/open_files.h"
#include "hub/pki/certificate_status.h"
#include "hub/server/metrics_queries.h"
#include "spdlog/spdlog.h"

namespace rosa {

using metrics::HistogramFamily;
using metrics::LabelValues;

HubMetrics::HubMetrics(metrics::Registry* registry)
    : registry_(registry),
      batch_size_(registry->AddHistogram(
          "rosa_hub_store_commit_batch_size",
          "Write operations committed together in one group commit", {},
          HistogramFamily::PowersOfTwo())),
      commit_seconds_(registry->AddHistogram(
          "rosa_hub_store_commit_duration_seconds",
          "How long each group commit's COMMIT (with its fsync) took", {},
          HistogramFamily::LatencySeconds())),
      writer_failed_(registry->AddGauge(
          "rosa_hub_store_writer_failed",
          "1 once the single writer has failed closed (every write refused "
          "until restart), else 0")),
      open_streams_(registry->AddGauge(
          "rosa_hub_open_streams",
          "Open Watch and Subscribe streams per partner", {"partner"})),
      outbox_backlog_(registry->AddGauge(
          "rosa_hub_outbox_backlog_events",
          "Events in the partner's outbox after the cursor it has read "
          "through (streams since start, file drop, retention)",
          {"partner"})),
      outbox_oldest_age_(registry->AddGauge(
          "rosa_hub_outbox_oldest_unread_age_seconds",
          "Age of the partner's oldest event it has not read; 0 when none",
          {"partner"})),
      availability_age_(
          registry->AddGauge("rosa_hub_availability_age_seconds",
                             "Age of the facility's newest placement figures",
                             {"partner", "facility"})),
      holds_(registry->AddGauge("rosa_hub_place_holds", "Place holds by state",
                                {"state"})),
      audit_size_(registry->AddGauge("rosa_hub_audit_log_entries",
                                     "Entries in the audit log")),
      audit_checkpoint_age_(registry->AddGauge(
          "rosa_hub_audit_checkpoint_age_seconds",
          "Time since the last signed checkpoint of the audit log "
          "(GetCheckpoint or `rosa-hub audit checkpoint`); +Inf if never")),
      certificate_expiry_(registry->AddGauge(
          "rosa_hub_certificate_expiry_timestamp_seconds",
          "When the certificate in the PKI directory expires (not-after, "
          "Unix time); days left: (value - time()) / 86400",
          {"role", "name", "serial"})),
      open_fds_(registry->AddGauge(
          "process_open_fds",
          "File descriptors the hub has open (each connection holds one)")),
      max_fds_(registry->AddGauge(
          "process_max_fds",
          "The hub's limit of open file descriptors (RLIMIT_NOFILE)")),
      scrape_errors_(registry->AddCounter(
          "rosa_hub_metrics_scrape_errors_total",
          "Scrape-time figures that could not be read", {"source"})) {}

void HubMetrics::OnCommit(size_t batch_size, absl::Duration commit) {
  batch_size_->Observe({}, static_cast<double>(batch_size));
  commit_seconds_->Observe({}, absl::ToDoubleSeconds(commit));
}

void HubMetrics::Attach(const Sources& sources) {
  registry_->AddCollector([this, sources] {
    writer_failed_->Set({}, sources.db->writer().failed() ? 1 : 0);
    std::map<LabelValues, double> streams;
    for (const auto& [partner, open] : sources.gate->OpenStreams()) {
      streams[{partner}] = open;
    }
    open_streams_->Replace(std::move(streams));
    CollectStore(sources);
    CollectFiles(sources);
    if (absl::StatusOr<OpenFiles> fds = CountOpenFiles(); fds.ok()) {
      open_fds_->Set({}, static_cast<double>(fds->open));
      max_fds_->Set({}, static_cast<double>(fds->limit));
    } else {
      scrape_errors_->Add({"fds"});
    }
  });
}

void HubMetrics::CollectStore(const Sources& s) {
  const absl::Time now = s.clock->Now();
  std::vector<std::string> partners;
  for (const Partner* p : s.partners->All()) partners.push_back(p->id);
  const std::map<std::string, uint64_t> read = s.deliveries->Snapshot();
  absl::Status status =
      s.db->readers().RunAndWait([&](store::Connection& conn) -> absl::Status {
        auto outbox = QueryOutboxFigures(conn, partners, read);
        if (!outbox.ok()) return outbox.status();
        std::map<LabelValues, double> backlog, age;
        for (const auto& [partner, f] : *outbox) {
          backlog[{partner}] = static_cast<double>(f.backlog);
          age[{partner}] = f.oldest_unread.has_value()
                               ? absl::ToDoubleSeconds(now - *f.oldest_unread)
                               : 0;
        }
        outbox_backlog_->Replace(std::move(backlog));
        outbox_oldest_age_->Replace(std::move(age));

        auto facilities = QueryFacilityFigures(conn);
        if (!facilities.ok()) return facilities.status();
        std::map<LabelValues, double> freshness;
        for (const FacilityFigures& f : *facilities) {
          freshness[{f.partner, f.facility}] =
              absl::ToDoubleSeconds(now - f.newest_as_of);
        }
        availability_age_->Replace(std::move(freshness));

        auto holds = QueryHoldCounts(conn, now);
        if (!holds.ok()) return holds.status();
        std::map<LabelValues, double> by_state;
        for (const auto& [state, n] : *holds) {
          by_state[{state}] = static_cast<double>(n);
        }
        holds_->Replace(std::move(by_state));

        auto size = audit::AuditLogSize(conn);
        if (!size.ok()) return size.status();
        audit_size_->Set({}, static_cast<double>(*size));
        return absl::OkStatus();
      });
  if (!status.ok()) {
    scrape_errors_->Add({"store"});
    spdlog::warn("metrics: store figures not read: {}", status.ToString());
  }
}

void HubMetrics::CollectFiles(const Sources& s) {
  const absl::Time now = s.clock->Now();
  auto mark = audit::ReadCheckpointMark(s.data_dir);
  if (mark.ok()) {
    audit_checkpoint_age_->Set({},
                               absl::ToDoubleSeconds(now - mark->signed_at));
  } else {
    audit_checkpoint_age_->Set({},
                               absl::ToDoubleSeconds(absl::InfiniteDuration()));
    if (!absl::IsNotFound(mark.status())) scrape_errors_->Add({"audit_mark"});
  }
  auto certs = pki::ListCertificates(s.pki);
  if (!certs.ok()) {
    scrape_errors_->Add({"pki"});
    spdlog::warn("metrics: certificates not read: {}",
                 certs.status().ToString());
    return;
  }
  std::map<LabelValues, double> expiry;
  for (const pki::CertificateStatus& c : *certs) {
    expiry[{c.role, c.name, c.serial}] =
        static_cast<double>(absl::ToUnixSeconds(c.not_after));
  }
  certificate_expiry_->Replace(std::move(expiry));
}

}  // namespace rosa
