// The placement desk: the core's commands and queries on placement
// availability and holds, shared by every way in (the native gRPC API, and
// the partner gateway, which applies a payload's commands in one
// transaction through ApplyReportCapacity).
//
//   - A partner reports the figures of its own facilities' units, never
//     another's; an error does not tell whether someone else's facility
//     exists.
//   - ROSA (the coordinator) sees every facility and asks where there is a
//     free place for a need; every other partner sees only its own
//     facilities.
//   - When ROSA sends a placement referral it may hold a place: the check
//     that a fresh place is free and the insert of the hold run in the
//     referral's own writer transaction, so two referrals cannot take the
//     last bed.
//   - Every change of a facility's figures, or of the places held there,
//     is appended to the outbox of every coordinator (and of nobody else)
//     as an AvailabilityChangedEvent with the facility's whole view.
//
// The asynchronous methods work on the store's writer or reader threads and
// call `done` there exactly once, after the data is durable (for writes);
// `done` must not block. The in-transaction methods run on the writer
// thread inside the caller's write operation and never block.
//
// Thread-safety: safe to call from any thread.
#ifndef ROSA_HUB_PLACEMENT_PLACEMENT_DESK_H_
#define ROSA_HUB_PLACEMENT_PLACEMENT_DESK_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"
#include "rosa/hub/v1/placement_service.pb.h"
#include "rosa/hub/v1/referral_service.pb.h"

namespace rosa {

// The most units per facility an operator may allow
// (PlacementDesk::Options::max_units_per_facility).
inline constexpr int kMaxUnitsPerFacilityCeiling = 5000;

class PlacementDesk {
 public:
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;

  struct Options {
    // Figures older than this show as unknown.
    absl::Duration freshness = absl::Hours(24);
    // How long a hold keeps a place unless the referral is accepted.
    absl::Duration hold_ttl = absl::Hours(2);
    // Most units one facility may have: a report that would give it more
    // is refused. Bounds the work of every change to the facility (its
    // whole view is reloaded and published). `rosa-hub serve
    // --max-units-per-facility`, 1 to kMaxUnitsPerFacilityCeiling.
    int max_units_per_facility = 200;
  };

  // REQUIRES: every pointer outlives the desk; both durations positive;
  // max_units_per_facility at least 1.
  PlacementDesk(const PartnerRegistry* registry, store::Database* db,
                Outbox* outbox, const Clock* clock, Options options);
  PlacementDesk(const PartnerRegistry* registry, store::Database* db,
                Outbox* outbox, const Clock* clock);

  const Options& options() const { return options_; }

  // Replaces the figures of the named units of the caller's facilities,
  // all or nothing. A unit's figures only move forward in time: a report
  // older than the stored one for the same unit leaves the stored figures
  // (the response shows the unit as the hub then holds it). Records the
  // response under request.idempotency_key when it is set.
  absl::StatusOr<rosa::hub::v1::ReportCapacityResponse> ApplyReportCapacity(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::ReportCapacityRequest& request);
  // Several reports from one partner inside one write operation (a
  // partner's payload), each applied as ApplyReportCapacity applies it, but
  // each changed facility's view is loaded and published once, after the
  // last report, not once per report: N one-unit reports cost O(N), not
  // O(N * units). On error, `*failed` is the index of the refused report
  // and the caller's operation must fail (earlier reports wrote into it).
  // `replayed`, if given, gets one entry per report: true when the report
  // was applied before (its recorded response came back, see
  // store::ApplyIdempotent).
  absl::StatusOr<std::vector<rosa::hub::v1::ReportCapacityResponse>>
  ApplyReportCapacities(
      store::WriteTxn& txn, const Partner& caller,
      const std::vector<const rosa::hub::v1::ReportCapacityRequest*>& requests,
      size_t* failed, std::vector<bool>* replayed = nullptr);
  // ApplyReportCapacity as one write operation; the key is required.
  void ReportCapacity(const Partner& caller,
                      const rosa::hub::v1::ReportCapacityRequest& request,
                      absl::Time deadline,
                      Done<rosa::hub::v1::ReportCapacityResponse> done);

  // ROSA: every facility of every partner (one without figures has no
  // units); any other partner: its own facilities only.
  void ListAvailability(const Partner& caller,
                        const rosa::hub::v1::ListAvailabilityRequest& request,
                        Done<rosa::hub::v1::ListAvailabilityResponse> done);
  // ROSA only: facilities with a fresh free place for the need, best first.
  void FindPlaces(const Partner& caller,
                  const rosa::hub::v1::FindPlacesRequest& request,
                  Done<rosa::hub::v1::FindPlacesResponse> done);
  // ROSA only: the hold kept for a referral (its state as of now).
  void GetHold(const Partner& caller,
               const rosa::hub::v1::GetHoldRequest& request,
               Done<rosa::hub::v1::PlaceHold> done);

  // Inside the transaction that submits `referral`: holds a place as `hold`
  // says (REQUIRES: hold is valid, see ValidateHoldPlace). Only for a
  // placement referral from a coordinator, in one of the recipient's
  // facilities; an empty unit takes the fitting unit with the most places
  // free now. FAILED_PRECONDITION when no fresh place is free there.
  absl::Status HoldForReferral(store::WriteTxn& txn,
                               const rosa::hub::v1::Referral& referral,
                               const rosa::hub::v1::HoldPlace& hold);
  // Inside the transaction that moved `after` a step: an accepted referral
  // claims its hold, a rejected or cancelled one releases it.
  absl::Status OnReferralTransition(store::WriteTxn& txn,
                                    const rosa::hub::v1::Referral& after);
  // Marks every ACTIVE hold past its expiry EXPIRED and tells the
  // coordinators about each facility where places came free. Holds count
  // as expired from expires_at on regardless; this only makes the event go
  // out without waiting for another change.
  absl::Status ExpireHolds(store::WriteTxn& txn);

 private:
  struct Site {
    const Partner* partner;
    const Facility* facility;
  };

  // The site of a registered facility id, nullptr if none.
  const Site* FindSite(const std::string& facility_id) const;
  // The caller's facility a unit is reported for; `field` names it.
  absl::StatusOr<const Site*> ResolveOwnFacility(const Partner& caller,
                                                 const std::string& facility_id,
                                                 const std::string& field) const;
  // The facilities a run of reports touched: how many units each has and
  // whether its figures changed (then its view is published at the end).
  struct Touched {
    const Site* site = nullptr;
    int64_t units = 0;
    bool changed = false;
  };
  using TouchedMap = std::map<std::string, Touched, std::less<>>;
  absl::Status ReportIn(store::WriteTxn& txn, const Partner& caller,
                        const rosa::hub::v1::ReportCapacityRequest& request,
                        TouchedMap& touched,
                        rosa::hub::v1::ReportCapacityResponse& response);
  // One report, validated and idempotent, without publishing.
  absl::StatusOr<rosa::hub::v1::ReportCapacityResponse> ApplyOneReport(
      store::WriteTxn& txn, const Partner& caller,
      const rosa::hub::v1::ReportCapacityRequest& request, TouchedMap& touched);
  // Publishes the view of every facility in `touched` whose figures changed.
  absl::Status PublishTouched(store::WriteTxn& txn, const TouchedMap& touched);
  // The facility as ROSA sees it now, from `conn`.
  absl::StatusOr<rosa::hub::v1::FacilityAvailability> LoadView(
      store::Connection& conn, const Site& site, absl::Time now) const;
  // Appends `view` to every coordinator's outbox.
  absl::Status Publish(store::WriteTxn& txn,
                       const rosa::hub::v1::FacilityAvailability& view,
                       absl::Time now);
  // Runs `change` and publishes the facility's view if it changed.
  absl::Status ChangeAndPublish(store::WriteTxn& txn, const Site& site,
                                absl::Time now,
                                const std::function<absl::Status()>& change);

  const PartnerRegistry* registry_;
  store::Database* db_;
  Outbox* outbox_;
  const Clock* clock_;
  Options options_;
  // Every registered facility, by id (ids are unique across partners).
  std::map<std::string, Site, std::less<>> sites_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PLACEMENT_PLACEMENT_DESK_H_
