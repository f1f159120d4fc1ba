// The report desk: ReportService.GetAnnualReport for ROSA (a coordinator);
// every other partner is PERMISSION_DENIED, as for the audit service. The
// report is aggregate figures only and is computed on a reader thread from
// one snapshot of the store.
// Thread-safety: safe to call from any thread; `done` is called exactly
// once on a reader thread.
#ifndef ROSA_HUB_REPORT_REPORT_DESK_H_
#define ROSA_HUB_REPORT_REPORT_DESK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "hub/common/clock.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"
#include "rosa/hub/v1/report_service.pb.h"

namespace rosa {

// The first year a report may be asked for.
inline constexpr int kFirstReportYear = 2000;

class ReportDesk {
 public:
  using Done = std::function<void(absl::StatusOr<rosa::hub::v1::AnnualReport>)>;

  // REQUIRES: every pointer outlives the desk.
  ReportDesk(const PartnerRegistry* registry, store::Database* db,
             const Clock* clock)
      : registry_(registry), db_(db), clock_(clock) {}

  // year: kFirstReportYear to the current year (Oslo), else
  // INVALID_ARGUMENT "year: ..."; edition unset means INTERNAL.
  void GetAnnualReport(const Partner& caller,
                       const rosa::hub::v1::GetAnnualReportRequest& request,
                       Done done);

 private:
  const PartnerRegistry* registry_;
  store::Database* db_;
  const Clock* clock_;
};

// The year check shared by the RPC and `rosa-hub report`.
absl::Status CheckReportYear(int year, absl::Time now);

}  // namespace rosa

#endif  // ROSA_HUB_REPORT_REPORT_DESK_H_
